"""What the lecture pack costs on top of the renders, as ratios; and the pack's size.

In fresh scratch folders (cold TeX caches, no renders), one job at a time:

1. ``relu-anim render --all -q Q`` (folder A): the render alone;
2. ``relu-anim lecture --all -q Q`` (folder B): renders and pack from nothing.
   Target: (2) / (1) <= 1.15;
3. ``relu-anim lecture --all -q Q`` in folder B again, nothing changed. Target: < 5 % of (2);
4. ``relu-anim lecture --all -q Q`` in folder A, whose renders are up to date: the pack's
   own cost, without the noise of a second render on a shared machine.

Each line gives wall time and CPU time (user + system of the command and the programs it runs,
such as LaTeX). On a machine shared with other work the wall times wander; CPU times do not.

Usage: ``python bench/lecture.py [-q m] [SCENE ...]``
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELU_ANIM = [sys.executable, "-m", "relu_anim.cli"]


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``relu-anim`` command run in ``cwd`` (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*RELU_ANIM, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder``."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", default="m")
    parser.add_argument("scenes", nargs="*")
    args = parser.parse_args()
    which = args.scenes or ["--all"]
    common = [*which, "-q", args.quality, "--jobs", "1"]
    with tempfile.TemporaryDirectory() as scratch:
        render_dir, lecture_dir = Path(scratch, "render"), Path(scratch, "lecture")
        render_dir.mkdir()
        lecture_dir.mkdir()
        runs = {}
        for key, label, folder in (
            ("render", "cold render", render_dir),
            ("lecture", "cold lecture", lecture_dir),
            ("again", "second lecture, nothing changed", lecture_dir),
            ("pack", "pack alone (renders up to date)", render_dir),
        ):
            command = "render" if key == "render" else "lecture"
            runs[key] = timed([command, *common], folder)
            wall, cpu = runs[key]
            print(f"{label:<34} wall {wall:7.1f} s   cpu {cpu:7.1f} s", flush=True)
        print()
        for unit, i in (("wall", 0), ("cpu", 1)):
            render, lecture = runs["render"][i], runs["lecture"][i]
            again, pack_only = runs["again"][i], runs["pack"][i]
            print(
                f"{unit}: cold lecture / cold render = {lecture / render:.3f} (<= 1.15)   "
                f"(render + pack) / render = {(render + pack_only) / render:.3f}   "
                f"second / cold lecture = {again / lecture:.3f} (< 0.05)"
            )
        pack = lecture_dir / "media" / "lecture"
        pack_bytes, pack_files = size(pack)
        videos = sum(path.stat().st_size for path in (lecture_dir / "media").glob("*.mp4"))
        print()
        print(
            f"pack: {pack_bytes / 1e6:.1f} MB in {pack_files} files "
            f"({pack_bytes / max(videos, 1):.2f}x the videos' {videos / 1e6:.1f} MB)"
        )
        for name in ("slides.pptx", "handout.pdf", "index.html"):
            print(f"  {name}: {(pack / name).stat().st_size / 1e6:.2f} MB")
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
