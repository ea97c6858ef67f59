"""What the lecture pack costs on top of the renders, as ratios; and the pack's size.

In fresh scratch folders (cold TeX caches, no renders), one job at a time:

1. ``relu-anim render --all -q Q`` (folder A): the render alone;
2. ``relu-anim lecture --all -q Q`` (folder B): renders and pack from nothing.
   Target: (2) / (1) <= 1.15;
3. ``relu-anim lecture --all -q Q`` in folder B again, nothing changed. Target: < 5 % of (2);
4. ``relu-anim lecture --all -q Q`` in folder A, whose renders are up to date: the pack's
   own cost, without the noise of a second render on a shared machine.

Usage: ``python bench/lecture.py [-q m] [SCENE ...]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELU_ANIM = [sys.executable, "-m", "relu_anim.cli"]


def timed(args: list[str], cwd: Path) -> float:
    """Wall seconds of one ``relu-anim`` command run in ``cwd`` (it must succeed)."""
    started = time.perf_counter()
    done = subprocess.run([*RELU_ANIM, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return seconds


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
        render_cold = timed(["render", *common], render_dir)
        print(f"cold render  {' '.join(common)}: {render_cold:7.1f} s", flush=True)
        lecture_cold = timed(["lecture", *common], lecture_dir)
        print(f"cold lecture {' '.join(common)}: {lecture_cold:7.1f} s", flush=True)
        lecture_warm = timed(["lecture", *common], lecture_dir)
        print(f"second lecture, nothing changed: {lecture_warm:7.1f} s", flush=True)
        pack_only = timed(["lecture", *common], render_dir)
        print(f"pack alone (renders up to date): {pack_only:7.1f} s", flush=True)
        pack = lecture_dir / "media" / "lecture"
        pack_bytes, pack_files = size(pack)
        videos = sum(path.stat().st_size for path in (lecture_dir / "media").glob("*.mp4"))
        print()
        print(f"cold lecture / cold render          = {lecture_cold / render_cold:.3f}  (<= 1.15)")
        with_pack = (render_cold + pack_only) / render_cold
        print(f"(cold render + pack) / cold render  = {with_pack:.3f}")
        print(f"second lecture / cold lecture       = {lecture_warm / lecture_cold:.3f}  (< 0.05)")
        print(
            f"pack: {pack_bytes / 1e6:.1f} MB in {pack_files} files "
            f"({pack_bytes / max(videos, 1):.2f}x the videos' {videos / 1e6:.1f} MB)"
        )
        for name in ("slides.pptx", "handout.pdf", "index.html"):
            print(f"  {name}: {(pack / name).stat().st_size / 1e6:.2f} MB")
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
