"""Render on a Dask cluster: ``--scheduler local`` or ``--scheduler ADDRESS``.

Dask is optional (``pip install 'relu-anim[cluster]'``) and imported only here. The batch code
takes the cluster's ``concurrent.futures.Executor`` (:class:`ReleasingExecutor`: like
``Client.get_executor()``, but a finished video's bytes leave the worker's memory as soon as they
have arrived here, rather than when the whole batch ends); each worker
renders in a temporary folder and returns the files' bytes (:func:`relu_anim.batch.render_remote`),
so workers need the same relu-anim installed but no shared file system. Each job's start is sent
from its worker as a Dask event, printed here as ``<job>: rendering on <worker>``.

A Dask scheduler runs whatever code its clients send it: bind it to a private network, or use
TLS (``tls://`` addresses; certificates from Dask's config, see the README).
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from relu_anim.batch import PROGRESS_TOPIC

#: Seconds to reach a scheduler before giving up (the CLI then exits 2).
CONNECT_TIMEOUT = 5


class ClusterError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached; one line naming it and the fix."""


class ReleasingExecutor(Executor):
    """``Client.submit`` as a ``concurrent.futures.Executor`` that lets go of each result.

    ``Client.get_executor()`` keeps every task's Dask future until it shuts down, so every
    finished video stays in its worker's memory for the whole batch. Here each Dask future is
    released as soon as its result has been handed to the returned future. Cancelling the
    returned future cancels the task. A task whose worker dies is rerun by Dask elsewhere.
    """

    def __init__(self, client: Any) -> None:
        self._client = client

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future:
        remote = self._client.submit(fn, *args, pure=False, **kwargs)
        local: cf.Future = cf.Future()

        def cancelled(future: cf.Future) -> None:
            if future.cancelled():
                remote.cancel()

        def arrived(done: Any) -> None:  # in a thread of the client's, once the task ended
            try:
                if not local.set_running_or_notify_cancel():
                    return
                try:
                    local.set_result(done.result())
                except BaseException as error:
                    local.set_exception(error)
            finally:
                done.release()

        local.add_done_callback(cancelled)
        remote.add_done_callback(arrived)
        return local


@contextmanager
def dask_executor(
    scheduler: str, workers: int = 2, say: Callable[[str], None] = print
) -> Iterator[Executor]:
    """Yield an executor on the Dask cluster ``scheduler`` (``"local"``: a new LocalCluster).

    ``local`` starts ``workers`` single-threaded worker processes on 127.0.0.1 with no
    dashboard; they stop when the block ends. ``say`` prints one line per job start.
    """
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "--scheduler needs Dask; install it with: pip install 'relu-anim[cluster]'"
        ) from None
    with ExitStack() as stack:
        # Dask's own logging would interleave its warnings (a lost worker, a closed comm)
        # with our one line per job; the job lines say what happened.
        stack.enter_context(dask.config.set({"logging.distributed": "error"}))
        if scheduler == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # Manim's config is one global per process
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=50,
                )
            )
            address: Any = cluster
        else:
            address = scheduler
        try:
            client = stack.enter_context(
                Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
            )
        except (OSError, TimeoutError) as error:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s "
                f"({type(error).__name__}); start it with 'dask scheduler' or fix --scheduler"
            ) from None

        def started(event: tuple[float, dict[str, str]]) -> None:
            _, message = event
            say(f"{message['job']}: rendering on {message['worker']}")

        client.subscribe_topic(PROGRESS_TOPIC, started)
        if scheduler != "local" and not client.scheduler_info().get("workers"):
            say(f"{scheduler} has no workers yet; waiting for one (start one with 'dask worker')")
        executor = ReleasingExecutor(client)
        try:
            yield executor
        finally:
            client.unsubscribe_topic(PROGRESS_TOPIC)
