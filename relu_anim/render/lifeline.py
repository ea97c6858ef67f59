"""Processes we start die with the process that started them, and start deaf to signals.

A render worker that outlives its parent (``kill -9`` on the command) would go on rendering and
put its files in place after the command had died. So every worker asks the kernel for SIGTERM
when its parent dies (Linux's ``PR_SET_PDEATHSIG``), and checks that the parent is still there,
since it may have died before the request was made.

A worker spawned while a Ctrl-C is on its way (a pool replaces each worker after its task)
would get the signal during Python's start-up, before its handler is set: a
``KeyboardInterrupt`` traceback, "Fatal Python error: init_import_site", or a worker dead with
a queue's lock held, which left the pool's shutdown waiting forever. So workers are started
with SIGINT and SIGTERM blocked (the mask survives ``exec``); :func:`unblock` takes a signal
that arrived meanwhile once the handler is set.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path

STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_PR_SET_PDEATHSIG = 1


class _DeafSpawnProcess(SpawnProcess):
    """A spawned process whose SIGINT and SIGTERM stay blocked until it calls :func:`unblock`."""

    def start(self) -> None:
        # The mask is per thread: only the thread starting this process blocks, and briefly.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            super().start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class DeafSpawnContext(SpawnContext):
    """The ``spawn`` context, with its processes started deaf to SIGINT and SIGTERM."""

    Process = _DeafSpawnProcess


def unblock() -> None:
    """Let SIGINT and SIGTERM in; one that arrived while blocked is handled now."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Have the kernel send ``sig`` to this process when its parent dies; exit if it has.

    On systems without ``prctl`` (not Linux) only the check is made.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    parent = multiprocessing.parent_process()
    # After the request, so that a parent dying in between is seen here or signals us.
    if parent is not None and os.getppid() != parent.pid:
        os._exit(130)


def children(pid: int | None = None) -> list[int]:
    """The live child processes of ``pid`` (default: this process), read from ``/proc``.

    Every process's ``stat`` is read: ``/proc/<pid>/task/*/children`` is missing from kernels
    built without ``CONFIG_PROC_CHILDREN``.
    """
    parent = pid or os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # The name, in parentheses, may hold spaces and parentheses: split after its last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and fields[1] == str(parent):
            found.append(int(entry.name))
    return found


def signal_children(sig: int = signal.SIGTERM) -> None:
    """Send ``sig`` to every child of this process (a TeX run, a render worker)."""
    for child in children():
        try:
            os.kill(child, sig)
        except OSError:
            continue
