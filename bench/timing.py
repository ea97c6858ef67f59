"""Time one ``relu-anim render`` process, as the benchmarks in this folder all do."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_render(args: list[str], cwd: Path = ROOT, root: Path = ROOT) -> tuple[float, float, str]:
    """Wall and CPU seconds (the child's user + system time) and the output of
    ``relu-anim render ARGS`` run from the checkout at ``root``; a failed render ends the bench.

    Examples
    --------
    ::

        wall, cpu, _ = timed_render(["shift", "-q", "l", "-o", "/tmp/out"])
    """
    command = [sys.executable, "-m", "relu_anim.cli", "render", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"render failed: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout
