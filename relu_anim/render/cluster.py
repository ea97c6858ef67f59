"""Render on a Dask cluster: ``--scheduler local`` or ``--scheduler ADDRESS``.

Dask is optional (``pip install 'relu-anim[cluster]'``) and imported only here. The batch code
takes the cluster's ``concurrent.futures.Executor`` (:class:`ReleasingExecutor`: like
``Client.get_executor()``, but a finished video's bytes leave the worker's memory as soon as
they have arrived here, rather than when the whole batch ends); each worker renders in a
temporary folder and returns the files' bytes (:func:`relu_anim.render.remote.render_remote`), so
workers need the same relu-anim installed but no shared file system. Each job's start is sent
from its worker as a Dask event, printed here as ``<job>: rendering on <worker>``.

A Dask scheduler runs whatever code its clients send it: bind it to a private network, or use
TLS (``tls://`` addresses; certificates from Dask's config, see the README).
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import ssl
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from relu_anim.render.remote import PROGRESS_TOPIC

#: Seconds to reach a scheduler before giving up (the CLI then exits 2).
CONNECT_TIMEOUT = 5


class ClusterError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached; one line naming it and the fix."""


#: Where a client's TLS settings come from (or ``distributed.comm.tls`` in Dask's config file).
TLS_SETTINGS = (
    "DASK_DISTRIBUTED__COMM__TLS__CA_FILE, DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT and "
    "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY"
)


def _tls_security(scheduler: str) -> Any:
    """Dask's ``Security`` from its config for a ``tls://`` scheduler, checked before connecting.

    Without a CA file and a client certificate Dask would fail deep in its connect with a
    ``TypeError`` (and wait 10 s more to close the client); unreadable files fail here too.
    """
    from distributed.security import Security

    try:
        security = Security()
        context = security.get_connection_args("client")["ssl_context"]
    except (OSError, ValueError) as error:  # a missing file, a malformed or mismatched PEM
        raise ClusterError(
            f"cannot load Dask's TLS settings for {scheduler} ({type(error).__name__}: "
            f"{_one_line(error)}); check the files named by {TLS_SETTINGS}"
        ) from None
    if context is None:
        raise ClusterError(
            f"{scheduler} is a TLS address but Dask has no CA file and client certificate: "
            f"set {TLS_SETTINGS} (see the README)"
        )
    return security


def _unreachable(scheduler: str, error: BaseException) -> str:
    """One line on a failed connect: the scheduler does not answer, or refused our TLS."""
    reason = _tls_failure(error) if scheduler.startswith("tls://") else None
    if reason is not None:
        return (
            f"the Dask scheduler at {scheduler} refused this client over TLS ({reason}): "
            f"{TLS_SETTINGS} must name the scheduler's CA and a client certificate and key "
            "that CA signed, and the scheduler must use TLS"
        )
    line = (
        f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s "
        f"({type(error).__name__}); start it with 'dask scheduler' or fix --scheduler"
    )
    if scheduler.startswith("tls://"):
        line += f" and check Dask's TLS settings ({TLS_SETTINGS})"
    return line


def _tls_failure(error: BaseException) -> str | None:
    """Why a TLS handshake failed, if ``error`` (or what it wraps) says it did.

    Our certificate rejected shows as an alert or as a bare EOF (which one is a race, and
    Dask may retry the latter until its timeout), theirs untrusted as a verification error.
    """
    from distributed.comm.core import CommClosedError

    for closed in (error, error.__cause__):
        if isinstance(closed, CommClosedError):
            cause = closed.__cause__
            if isinstance(cause, ssl.SSLCertVerificationError):
                return f"its certificate: {cause.verify_message}"
            text = _one_line(closed).rpartition(">: ")[2]
            if isinstance(cause, ssl.SSLError) or "SSL" in text:
                return text
    return None


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _connect(client_class: Any, address: Any, security: Any) -> Any:
    """``Client(address)``, given up after :data:`CONNECT_TIMEOUT` and a grace, whatever it awaits.

    Dask's own timeout covers the TCP connect, not its handshake: a port where something else
    listens (an HTTP server) accepted the connection and the handshake waited forever. The
    client is made in a daemon thread; one still waiting at the deadline is left behind.
    """
    made: list[Any] = []
    failed: list[BaseException] = []

    def make() -> None:
        try:
            made.append(
                client_class(
                    address, security=security, timeout=CONNECT_TIMEOUT, set_as_default=False
                )
            )
        except BaseException as error:  # handed to the caller's thread
            failed.append(error)

    thread = threading.Thread(target=make, name="relu-anim-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_TIMEOUT + CONNECT_GRACE)
    if failed:
        raise failed[0]
    if not made:
        raise TimeoutError(f"no Dask handshake within {CONNECT_TIMEOUT} s")
    return made[0]


#: Seconds past CONNECT_TIMEOUT that Dask gets to give up by itself (with its own reason).
CONNECT_GRACE = 1.0


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


def local_workers(jobs: int, tasks: int, cores: int | None = None) -> int:
    """How many workers a ``local`` cluster starts: no more than the jobs, tasks or cores.

    Each worker renders one task at a time on about one core: ``--jobs 64`` on 2 cores
    started 64 workers (3 GB more memory) and a 7 s render was not done after 120 s.

    Examples
    --------
    >>> local_workers(64, 3, cores=2), local_workers(1, 8, cores=4), local_workers(8, 0, cores=4)
    (2, 1, 1)
    """
    cores = cores if cores is not None else os.cpu_count() or 1
    return max(1, min(jobs, tasks, cores))


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
        if not scheduler.startswith("tls://") and dask.config.get(
            "distributed.comm.require-encryption"
        ):  # Dask would raise a RuntimeError deep in its connect (or cluster start)
            raise ClusterError(
                "Dask's settings require encryption (DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION"
                f" or distributed.comm.require-encryption) and --scheduler {scheduler} has none:"
                " give the scheduler's tls:// address"
            )
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
        security = _tls_security(scheduler) if scheduler.startswith("tls://") else None
        try:
            client = stack.enter_context(_connect(Client, address, security))
        except (OSError, TimeoutError) as error:
            raise ClusterError(_unreachable(scheduler, error)) from None

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
