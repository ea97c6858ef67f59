"""Where a batch's tasks run: in this process, in a local pool, or on a Dask cluster.

The submit loop (:mod:`relu_anim.render.batch`) sees one interface: :meth:`Runner.submit`
returns a ``concurrent.futures.Future``, :meth:`Runner.wait` returns the finished ones (and
announces tasks whose workers said they started), :meth:`Runner.stop` ends everything at once
on Ctrl-C. What differs is said once here:

- :class:`SerialRunner` runs a task as it is submitted, with Manim's progress bar;
- :class:`PoolRunner` runs tasks in spawned processes that die with this one and stop at once
  on a signal (:mod:`relu_anim.render.lifeline`, :mod:`relu_anim.render.interrupt`), one task
  per process so that each imports the scene's code anew;
- :class:`DaskRunner` runs them on a cluster's executor (:mod:`relu_anim.render.cluster`),
  whose workers render into temporary folders and send the files back
  (:mod:`relu_anim.render.remote`); they announce their own starts as Dask events.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relu_anim.render import interrupt, lifeline

if TYPE_CHECKING:
    from relu_anim.render.pieces import Piece

#: Seconds a stopped render process gets to end on SIGTERM before it is killed.
STOP_GRACE_SECONDS = 3.0
#: How often the loop looks for tasks that said they started.
POLL_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class Task:
    """One call to submit: ``fn(*args)``, named ``label`` in the progress lines.

    ``told_by_worker``: the task announces its own start when a worker picks it up (pieces),
    rather than when it is submitted (whole jobs). ``piece`` is the split piece it draws, if any.
    """

    label: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    told_by_worker: bool = False
    piece: Piece | None = None


class Runner:
    """Runs tasks; see the module docstring. ``remote``: tasks run on other machines."""

    remote = False
    quiet = True  # several tasks at once: progress bars would interleave into noise
    capacity = 1 << 30  # tasks submitted before one is collected

    def __init__(self, announce: Callable[[str], None]) -> None:
        self.announce = announce

    def submit(self, task: Task) -> Future:
        """Start ``task``; announce it now unless its worker will."""
        if not task.told_by_worker:
            self.announce(task.label)
        return self._submit(task.fn, *task.args)

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        raise NotImplementedError

    def wait(self, futures: Iterable[Future]) -> set[Future]:
        """The futures that are done (waiting briefly for one), after announcing starts."""
        done, _ = wait(list(futures), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        return done

    def stop(self, futures: Iterable[Future]) -> None:
        """Ctrl-C reached this process: end every task now."""
        for future in futures:
            future.cancel()

    def close(self) -> None:
        """Everything ran: release the workers."""


class SerialRunner(Runner):
    """Each task runs here, as it is submitted, one at a time."""

    quiet = False
    capacity = 1

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        future.set_result(fn(*args))  # a task returns its errors (see relu_anim.render.tasks)
        return future


class DaskRunner(Runner):
    """Tasks on a Dask cluster's executor; each worker announces its task's start."""

    remote = True

    def __init__(self, executor: Executor, announce: Callable[[str], None]) -> None:
        super().__init__(announce)
        self.executor = executor

    def submit(self, task: Task) -> Future:
        return self._submit(task.fn, *task.args)

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self.executor.submit(fn, *args)


class PoolRunner(Runner):
    """A local pool of ``workers`` spawned processes, one task each.

    Tasks that announce themselves (split pieces: which are drawn when depends on the pool)
    say so on a queue when a worker picks them up (:func:`tell_started`).
    """

    def __init__(self, workers: int, announce: Callable[[str], None], quiet: bool) -> None:
        super().__init__(announce)
        self.quiet = quiet
        context = lifeline.DeafSpawnContext()
        self.started: Any = context.Queue()
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=context,
            max_tasks_per_child=1,
            initializer=_start_worker,
            initargs=(self.started,),
        )

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def wait(self, futures: Iterable[Future]) -> set[Future]:
        done = super().wait(futures)
        self._say_started()
        return done

    def _say_started(self) -> None:
        while True:
            try:
                self.announce(self.started.get_nowait())
            except (queue.Empty, OSError, ValueError):
                return

    def stop(self, futures: Iterable[Future]) -> None:
        # Leaving the pool would wait for the renders to finish and put their files in place.
        stop_workers(self.pool)

    def close(self) -> None:
        self._say_started()
        self.pool.shutdown(wait=True)


_started_queue: Any = None


def _start_worker(started: Any) -> None:
    """Pool initializer: stop at once on a signal, and say when a piece starts."""
    global _started_queue
    interrupt.enable_in_worker()
    _started_queue = started


def tell_started(label: str) -> None:
    """In a pool worker: say that the task ``label`` has started (see :class:`PoolRunner`)."""
    if _started_queue is not None:
        _started_queue.put(label)


def stop_workers(pool: ProcessPoolExecutor, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop every render process now, within about ``2 * grace`` seconds.

    SIGTERM first (each stops at once, see relu_anim.render.interrupt), SIGKILL for any still
    there after ``grace``. ``ProcessPoolExecutor`` has no public way to do this before Python
    3.14 (``terminate_workers``), hence its private attributes. It replaces each worker after
    its task (``max_tasks_per_child``), so it is first kept from starting new ones: a
    replacement started after the list below was taken was never stopped, and the pool's
    shutdown waited for it forever. The pool is then shut down here rather than at exit, so
    that its queues' semaphores are released (or the resource tracker warns).
    """
    pool._adjust_process_count = lambda: None  # type: ignore[method-assign]
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=grace)
    # Its manager thread sees the workers gone and ends; waiting for it is then bounded too.
    pool.shutdown(wait=False, cancel_futures=True)
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=grace)
