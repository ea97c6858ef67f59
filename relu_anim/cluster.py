"""Render on a Dask cluster: ``--scheduler local`` or ``--scheduler ADDRESS``.

Dask is optional (``pip install 'relu-anim[cluster]'``) and imported only here. The batch code
takes the cluster's ``concurrent.futures.Executor`` (``Client.get_executor()``); each worker
renders in a temporary folder and returns the files' bytes (:func:`relu_anim.batch.render_remote`),
so workers need the same relu-anim installed but no shared file system. Each job's start is sent
from its worker as a Dask event, printed here as ``<job>: rendering on <worker>``.

A Dask scheduler runs whatever code its clients send it: bind it to a private network, or use
TLS (``tls://`` addresses; certificates from Dask's config, see the README).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from relu_anim.batch import PROGRESS_TOPIC

#: Seconds to reach a scheduler before giving up (the CLI then exits 2).
CONNECT_TIMEOUT = 6


class ClusterError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached; one line naming it and the fix."""


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
        executor = client.get_executor(pure=False)
        try:
            yield executor
        finally:
            client.unsubscribe_topic(PROGRESS_TOPIC)
