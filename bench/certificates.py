"""How long the TLS tests' certificates take to make: a CA pair and four leaf certificates.

``tests/test_cluster_tls.py`` makes them once per run with the ``openssl`` command
(``tests/cluster_support.py``: EC P-256 keys, which the test checks). Target: under 5 s, so the
TLS tests spend their time on Dask, not on key generation.

Usage: ``python bench/certificates.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from cluster_support import make_certificates

TARGET = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    seconds = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as folder:
            started = time.perf_counter()
            make_certificates(Path(folder))
            seconds.append(time.perf_counter() - started)
    best, median = min(seconds), statistics.median(seconds)
    print(f"certificates: best {best:.2f} s, median {median:.2f} s of {args.rounds}")
    print(f"median / target = {median / TARGET:.3f} (<= 1: under {TARGET:g} s)")


if __name__ == "__main__":
    main()
