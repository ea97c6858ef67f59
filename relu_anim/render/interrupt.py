"""Ctrl-C and SIGTERM: exit 130 with one line, leaving the old files or none, never half of one.

Python's KeyboardInterrupt is raised at whatever instruction the main thread is running, and
inside Manim 0.22 that is not survivable everywhere. Measured with SIGINT at random moments of
Shift renders:

- the garbage collector runs finalizers between any two instructions, and tqdm's ``__del__``
  (one progress bar per animation) is one; Python drops an exception raised in a finalizer
  ("Exception ignored in: <function tqdm.__del__>"), so the render went on, replaced the old
  video and exited 0 (10 of 194 interrupts; the ``finalizer`` stage of
  ``tests/paused_cli.py`` reproduces it every time);
- raised while ``_PartialMovieEncodeJob.seal()`` queues its end marker, it leaves the encoder
  thread waiting for frames, and Manim's own clean-up then joins that thread forever;
  raised while the thread starts, it orphans it, and the process hangs at exit;
- raised inside ``VideoSegmentEncoder.__init__`` it becomes a ``RuntimeError`` (exit 1).

Every file a render produces is written in its scratch folder and renamed into place only
when complete, so stopping the process outright is as safe as SIGKILL, which the tests also
cover. So, once the command line opts in (:func:`enabled`), a process that is rendering
(:func:`rendering`) stops at once on SIGINT or SIGTERM: it prints its line and calls
``os._exit(130)``, without running any more of Manim. Only the renames that put finished files
in place (:func:`committing`) hold a signal back until they are all done, so the files of one
scene are always all old or all new. A process that is not rendering (the parent of a pool of
render processes) gets a KeyboardInterrupt instead, and stops its workers.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from relu_anim.render import lifeline

EXIT_INTERRUPTED = 130
MESSAGE = (
    "interrupted; every video in the output folder is complete"
    " (one stopped mid-render left the old file or none)"
)


class _State:
    """What the signal handler needs to know about this process."""

    enabled = False
    message: str | None = None  # None: a worker process; its parent reports
    worker = False  # a pool's render process: it stops at once whatever it is doing
    rendering = 0
    committing = 0
    held: int | None = None  # a signal that arrived while committing
    received = False  # a signal reached this process while enabled


_state = _State()


@contextmanager
def enabled(message: str | None = MESSAGE) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM stop renders at once (see the module docstring).

    ``message`` is printed to stderr as ``relu-anim: <message>`` when a render in this process
    is stopped; ``None`` prints nothing. Outside a render, both signals raise
    KeyboardInterrupt (SIGTERM included, so that a process manager's stop behaves like
    Ctrl-C). A SIGINT the shell set to be ignored (a background job) stays ignored. Signal
    handlers can only be set in the main thread; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    before = (_state.enabled, _state.message)
    _state.enabled, _state.message, _state.received = True, message, False
    for sig, handler in previous.items():
        if handler in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(sig, _on_signal)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _state.enabled, _state.message = before


def enable_in_worker() -> None:
    """Pool initializer: a render worker stops at once and silently; its parent reports.

    It also dies with its parent (:func:`relu_anim.render.lifeline.die_with_parent`), and takes a
    signal that arrived while it started (blocked by
    :class:`~relu_anim.render.lifeline.DeafSpawnContext`) only once its handler is set.
    """
    from tqdm import tqdm

    # tqdm would otherwise share a lock between processes: a named semaphore that a stopped
    # worker never releases, so the resource tracker would add a warning to our one line.
    tqdm.set_lock(threading.RLock())
    for sig in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(sig) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(sig, _on_signal)
    _state.enabled, _state.message, _state.worker = True, None, True
    lifeline.die_with_parent()
    lifeline.unblock()


@contextmanager
def rendering() -> Iterator[None]:
    """Around Manim's work in this process: a signal here ends the process at once."""
    _state.rendering += 1
    try:
        yield
    finally:
        _state.rendering -= 1


@contextmanager
def committing() -> Iterator[None]:
    """Around the renames of finished files into place: a signal waits until they are done.

    A signal that arrived before the renames began stops the process before the first one, so
    the old files stay; one that arrives during them takes effect after the last, so the new
    files are all in place.
    """
    _state.committing += 1
    try:
        yield
    finally:
        _state.committing -= 1
        # Also when a rename failed: the held Ctrl-C must still stop the batch.
        if not _state.committing and _state.held is not None:
            held, _state.held = _state.held, None
            _on_signal(held, None)


def stop_at_once(message: str | None) -> None:
    """From now on SIGINT and SIGTERM end the process at once (exit 130), printing ``message``.

    For a command that has done its work and is shutting Python down: joining its threads
    (a process pool's, Dask's) must not turn a signal into a traceback or a wait. A SIGINT
    the shell set to be ignored stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    _state.message = message

    def stop(signum: int, frame: FrameType | None) -> None:
        _stop_now()

    for sig in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(sig) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(sig, stop)


def received() -> bool:
    """Whether SIGINT or SIGTERM has reached this process since :func:`enabled` began.

    A KeyboardInterrupt can be swallowed or turned into another error by library code it
    lands in (a pool worker's death then reads as a failed render); the command line asks
    this instead, so Ctrl-C always ends in exit 130 and its one line.
    """
    return _state.received


def _on_signal(signum: int, frame: FrameType | None) -> None:
    again = _state.received and _state.enabled
    _state.received = _state.enabled
    if _state.committing:
        _state.held = signum
        return
    # A worker holds nothing half-written outside its renames (they are held above) and its
    # parent reports, so it stops between any two instructions: a KeyboardInterrupt raised
    # inside a multiprocessing queue's lock (a split piece saying it has started) broke the
    # lock, printed a traceback and exited 1. A second signal ends the command at once even
    # if stopping after the first is stuck: its workers die with it (relu_anim.render.lifeline).
    if _state.enabled and (_state.rendering or _state.worker or again):
        _stop_now()
    raise KeyboardInterrupt


def _stop_now() -> None:
    """Print the line and end the process without running any more Python code."""
    if _state.message is not None:
        # A fresh line: a progress bar (and a terminal's ^C) may be on the current one. And
        # os.write, not sys.stderr: the signal may have arrived inside a write to sys.stderr.
        os.write(2, f"\nrelu-anim: {_state.message}\n".encode())
    # A TeX run or a render worker of ours would otherwise run on, orphaned.
    lifeline.signal_children()
    os._exit(EXIT_INTERRUPTED)


def discard_partial_tex(tex_dir: Path) -> None:
    """Remove from Manim's TeX cache what a stopped render may have left half-written.

    Manim reuses any ``<hash>.svg`` (and ``<hash>.dvi``) it finds, complete or not. A ``.tex``
    is kept when its content still hashes to its name (Manim names it so), an ``.svg`` when it
    is complete; everything else is intermediate output that Manim deletes after each formula
    anyway.
    """
    if not tex_dir.is_dir():
        return
    for path in tex_dir.iterdir():
        if path.suffix == ".tex":
            keep = hashlib.sha256(path.read_bytes()).hexdigest()[:16] == path.stem
        elif path.suffix == ".svg":
            keep = path.read_bytes().rstrip().endswith(b"</svg>")
        else:
            keep = False
        if not keep and path.is_file():
            path.unlink()
