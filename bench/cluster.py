"""Dask's overhead: 4 scenes × 2 themes at -q l through ``--scheduler local`` against ``--jobs 2``.

Each run is a fresh ``relu-anim render`` process into an empty output folder (cold: TeX typesets
every formula), so the two differ only in how jobs reach the workers: the local spawn pool
writing files in place, or a Dask LocalCluster of two single-threaded workers returning the
files' bytes. Prints wall and CPU seconds (this process's children: the CLI and every worker it
reaped) and their ratios; on a machine others load, CPU time is the steadier figure.
Target: Dask's overhead under 10 % (ratio <= 1.10).

Usage: ``python bench/cluster.py [--rounds N] [SCENE ...]`` (default: shift neuron bends square)
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from timing import timed_render

ROOT = Path(__file__).resolve().parent.parent
SCENES = ["shift", "neuron", "bends", "square"]


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``relu-anim render`` into a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as folder:
        wall, cpu, _ = timed_render([*args, "-o", folder], cwd=Path(folder))
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", default=SCENES)
    parser.add_argument("--rounds", type=int, default=1, help="Alternating runs of each.")
    given = parser.parse_args()
    common = [*given.scenes, "-q", "l", "--theme", "dark,light", "--jobs", "2"]
    variants = {"--jobs 2": common, "--scheduler local": [*common, "--scheduler", "local"]}
    totals = {name: [0.0, 0.0] for name in variants}
    print(
        f"{len(given.scenes)} scenes × 2 themes at -q l, {given.rounds} round(s), "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    for round_number in range(given.rounds):
        for name, args in variants.items():
            wall, cpu = run(args)
            totals[name][0] += wall
            totals[name][1] += cpu
            print(f"  round {round_number + 1}  {name:<18} wall {wall:7.1f} s   cpu {cpu:7.1f} s")
    (pool_wall, pool_cpu), (dask_wall, dask_cpu) = totals.values()
    print(
        f"--scheduler local / --jobs 2:  wall {dask_wall / pool_wall:.3f}   "
        f"cpu {dask_cpu / pool_cpu:.3f}   (target <= 1.10)"
    )


if __name__ == "__main__":
    main()
