"""Benchmark: evaluating a ReLUNet against np.interp on its polyline and the naive broadcast.

Run ``python bench/numeric.py [--units N] [--points M]``. ``net(x)`` should cost at most 3× one
``np.interp`` over the same vertices, and far less than the M×N broadcast ``Σ a·max(0, w·x + b)``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relu_anim.numeric import ReLUNet

RUNS = 7
# The broadcast holds M×N floats; it runs on a tenth of the points and is scaled up.
NAIVE_SHARE = 10


def median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of ``runs`` calls of ``work``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_net(units: int, rng: np.random.Generator) -> ReLUNet:
    """A net with mixed-sign ``w ≠ 0`` and every kink in [-1, 1]."""
    w = rng.choice([-1.0, 1.0], units) * rng.uniform(0.5, 2.0, units)
    kinks = rng.uniform(-1.0, 1.0, units)
    return ReLUNet(a=rng.normal(size=units), w=w, b=-w * kinks, c=rng.normal())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100, help="hidden units N (default 100)")
    parser.add_argument("--points", type=int, default=10**6, help="points M (default 10^6)")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    net = random_net(args.units, rng)
    lo, hi = -1.5, 1.5  # contains every kink, and some of both tails
    x = rng.uniform(lo, hi, args.points)
    xs, ys = net.polyline(lo, hi)
    naive_x = x[: max(1, args.points // NAIVE_SHARE)]

    def naive() -> np.ndarray:
        return net.c + (net.a * np.maximum(np.multiply.outer(naive_x, net.w) + net.b, 0.0)).sum(1)

    net_time = median_seconds(lambda: net(x))
    interp_time = median_seconds(lambda: np.interp(x, xs, ys))
    naive_time = median_seconds(naive, runs=1) * args.points / len(naive_x)

    print(f"N = {args.units} units, M = {args.points} points, median of {RUNS} runs")
    rows = [
        ("net(x)", net_time),
        ("np.interp on the polyline", interp_time),
        (f"naive M×N broadcast (M/{NAIVE_SHARE}, ×{NAIVE_SHARE})", naive_time),
    ]
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"  {label:<{width}}  {seconds * 1e3:9.2f} ms  {seconds / interp_time:8.1f}× interp")
    print(f"ratio net/np.interp: {net_time / interp_time:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
