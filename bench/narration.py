"""What narration costs: a narrated render against a silent render of the same stretched length.

Both renders hold every beat as long as its speech needs (same frames, same video); the silent
one only leaves the sound out (no track mixed, nothing muxed into the video and its clips), so
the ratio is the CPU that sound adds to a render. The speech itself is spoken once, in a first
(cold) render, and kept in the output folder's speech cache: every later render synthesises
nothing, which this bench checks by the cache's files (none added, none rewritten). Each run is
a fresh process rendering one scene with one job; CPU is its user + system time.
Target: narrated / silent <= 1.10.

Usage: ``python bench/narration.py [--voice tone|joe|PATH] [--rounds N] [SCENE]``
(default: the tone voice, 2 rounds, square at -q l)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(mode: str, out: str, scene: str, voice: str) -> None:
    """Render ``scene`` narrated (``mode`` narrated) or stretched but silent, into ``out``."""
    from relu_anim.catalog import scene_named
    from relu_anim.render import audio
    from relu_anim.render.batch import render_jobs, variant_jobs
    from relu_anim.settings import RenderSettings, SceneParams

    if mode == "silent":
        # The beats are still stretched to their speech; the sound is left out.
        audio.scene_track = lambda scene, seconds: None
    settings = RenderSettings(
        quality="l", output_dir=Path(out), jobs=1, progress_bar=False, voice=voice
    )
    jobs = variant_jobs([(scene_named(scene), SceneParams())], settings)
    (outcome,) = render_jobs(jobs, settings, force=True)
    if outcome.status != "rendered":
        sys.exit(f"{scene} {mode}: {outcome.status} {outcome.error}")


def timed(mode: str, out: Path, scene: str, voice: str) -> tuple[float, float]:
    """Wall and CPU seconds of one child render."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--child", mode, str(out), scene, voice],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cache_state(out: Path) -> dict[str, int]:
    """Every file of the speech cache with its modification time."""
    cache = out / ".work" / "Speech"
    return {str(p): p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scene", nargs="?", default="square")
    parser.add_argument("--voice", default="tone")
    parser.add_argument("--rounds", type=int, default=2)
    given = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as folder:
        out = Path(folder)
        wall, cpu = timed("narrated", out, given.scene, given.voice)
        spoken = cache_state(out)
        print(
            f"{given.scene} -q l, voice {given.voice}, load average {os.getloadavg()[0]:.2f}\n"
            f"  cold narrated (TeX and speech made)  wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
            f"{len(spoken)} speech file(s)"
        )
        totals = {"narrated": 0.0, "silent": 0.0}
        for number in range(given.rounds):
            for mode in totals:
                wall, cpu = timed(mode, out, given.scene, given.voice)
                totals[mode] += cpu
                print(f"  round {number + 1}  {mode:<9} wall {wall:6.1f} s  cpu {cpu:6.1f} s")
        again = cache_state(out)
        made = len(set(again) - set(spoken)) + sum(again[p] != t for p, t in spoken.items())
        print(
            f"narrated / silent (same stretched length): cpu "
            f"{totals['narrated'] / totals['silent']:.3f}  (target <= 1.10)\n"
            f"speech synthesised by the {2 * given.rounds} warm renders: {made} file(s) "
            "(target 0)"
        )


if __name__ == "__main__":
    main()
