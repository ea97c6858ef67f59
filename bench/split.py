"""``--split N`` against the unsplit render of one scene (default Square at 1080p60), on --jobs 2.

In one scratch output folder: a cold render (TeX typesets every formula; not compared), the
unsplit render again with ``--force`` (TeX cache warm: the reference), then ``--split N --jobs 2
--force`` for each N asked. Each is a fresh ``relu-anim render`` process; wall and CPU seconds
(this process's children) and the wall ratio against the reference are printed. The first split
balances its pieces on the beats' lengths (``sections.json``), later ones on the per-beat costs
the previous split measured (``.relu-anim/<scene>.split.json``); the basis is printed. With
more pieces than --jobs, pieces wait for a free process.

Then one more split, one beat a piece and one piece at a time (``--split 64 --jobs 1``), so
that no two pieces compete for the cores, and the per-beat costs it measured (seconds drawing
and encoding each beat, and running it without drawing, which every later piece pays). On
paper, the wall time with W workers is ``fixed + setup + slowest piece``: the slowest piece
from the optimal cuts (:func:`relu_anim.render.pieces.slowest_piece`), ``setup`` a piece's time
outside its plays (imports, building the scene), ``fixed`` what the 2-piece split spent outside its
slowest piece (starting processes, joining, renaming).
A scene cannot be cut into more pieces than it has beats.
Target for Square at -q h: ``--split 2`` <= 0.75 of the unsplit wall time.

Usage: ``python bench/split.py [--scene square] [-q h] [--split 1,2,4] [--workers 16]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from timing import timed_render

ROOT = Path(__file__).resolve().parent.parent
JOBS = 2
sys.path.insert(0, str(ROOT))

from relu_anim.render.pieces import slowest_piece  # noqa: E402
from relu_anim.settings import MAX_SPLIT  # noqa: E402


def render(scene: str, quality: str, out: Path, *extra: str) -> tuple[float, float, str]:
    """Wall and CPU seconds and the stdout of one ``relu-anim render`` process."""
    return timed_render([scene, "-q", quality, "-o", str(out), *extra])


def piece_seconds(stdout: str) -> list[float]:
    """The seconds each piece took, from the CLI's ``<scene> [piece i/n, ...]: rendered`` lines."""
    return [float(s) for s in re.findall(r"\[piece [^]]*\]: rendered in ([\d.]+) s", stdout)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="square")
    parser.add_argument("-q", "--quality", choices=list("lmhk"), default="h")
    parser.add_argument("--split", default="1,2,4", help="Piece counts, e.g. 1,2,4.")
    parser.add_argument("--workers", type=int, default=16, help="Workers for the paper estimate.")
    given = parser.parse_args()
    counts = [int(n) for n in given.split.split(",")]
    scene, quality = given.scene, given.quality
    print(f"{scene} at -q {quality}, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as folder:
        out = Path(folder)
        cold, _, _ = render(scene, quality, out)
        print(f"  cold unsplit (TeX typesets)       wall {cold:7.1f} s")
        wall, cpu, _ = render(scene, quality, out, "--force")
        print(f"{'run':<36}{'wall s':>9}{'cpu s':>9}{'ratio':>8}  balanced on")
        print(f"{'unsplit (--force, TeX warm)':<36}{wall:9.1f}{cpu:9.1f}{1:8.2f}")
        record = out / ".relu-anim" / f"{scene}.split.json"
        fixed = 0.0
        for count in counts:
            basis = "" if count == 1 else "measured costs" if record.exists() else "beat lengths"
            args = ("--split", str(count), "--jobs", str(JOBS), "--force")
            split_wall, split_cpu, stdout = render(scene, quality, out, *args)
            pieces = piece_seconds(stdout)
            if 1 < len(pieces) <= JOBS:  # all pieces at once (--split 1 has none)
                fixed = split_wall - max(pieces)
            label = f"--split {count} --jobs 2 ({len(pieces)} pieces)"
            print(f"{label:<36}{split_wall:9.1f}{split_cpu:9.1f}{split_wall / wall:8.2f}  {basis}")
            print(f"    pieces: {', '.join(f'{s:.1f}' for s in pieces)} s")
        # Per-beat costs without pieces competing for the cores: one beat a piece, one at a time.
        serial_wall, serial_cpu, stdout = render(
            scene, quality, out, "--split", str(MAX_SPLIT), "--jobs", "1", "--force"
        )
        label = f"--split {MAX_SPLIT} --jobs 1 ({len(piece_seconds(stdout))} pieces)"
        print(f"{label:<36}{serial_wall:9.1f}{serial_cpu:9.1f}{serial_wall / wall:8.2f}  (costs)")
        costs = json.loads(record.read_text())
        beats = json.loads((out / f"{scene}.sections.json").read_text())["beats"]
    drawn, dry, setup = costs["drawn"], costs["dry"], costs["setup"]
    print(f"\nper-beat costs (one beat a piece, one at a time; setup {setup:.1f} s a piece)")
    print(f"{'beat':<16}{'video s':>9}{'drawn s':>9}{'dry s':>8}")
    for beat, drawn_s, dry_s in zip(beats, drawn, dry, strict=False):
        length = beat["end"] - beat["start"]
        print(f"{beat['name']:<16}{length:9.2f}{drawn_s:9.2f}{dry_s:8.2f}")
    print(f"{'total':<16}{beats[-1]['end']:9.2f}{sum(drawn):9.2f}{sum(dry):8.2f}")
    print(f"\non paper, one piece per worker, each on its own core (wall ≈ {fixed:.1f} + setup")
    print("+ slowest piece):")
    # The unsplit render on the same paper: one piece drawing every beat (no undrawn runs).
    whole = fixed + setup + sum(drawn)
    print(f"    unsplit on paper: {whole:7.1f} s (measured above: {wall:.1f} s)")
    for workers in sorted({2, 4, given.workers}):
        pieces = min(workers, len(drawn))
        estimate = fixed + setup + slowest_piece(drawn, pieces, dry)
        print(
            f"  {workers:>3} workers ({pieces} pieces): {estimate:7.1f} s, ratio "
            f"{estimate / whole:.2f} on paper, {estimate / wall:.2f} against the measured unsplit"
        )


if __name__ == "__main__":
    main()
