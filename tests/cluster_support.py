"""A real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, for the cluster tests.

Every process binds to 127.0.0.1 only: its comm port and its HTTP server as well (Dask starts
that server, with its /health, /metrics and /info pages, even with ``--no-dashboard``, and by
default on every interface), each on a free port. Each process runs in its own session, so
stopping it also stops whatever it started (a nanny's worker process). The TLS tests' CA and
certificates are made here too (:func:`make_certificates`; ``bench/certificates.py`` times it).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BIN = Path(sys.executable).parent
LOOPBACK = "127.0.0.1"
#: ``--dashboard-address`` for every process: loopback, a free port.
HTTP_ADDRESS = f"{LOOPBACK}:0"

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"

# The extensions a TLS peer checks: a CA that may sign, and leaves for both ends of a
# connection with the loopback names (Dask turns hostname checks off, Python's default is on).
OPENSSL_CONFIG = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = relu-anim test
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Cluster:
    """A scheduler and workers as child processes, all on 127.0.0.1.

    ``protocol`` is ``tcp`` or ``tls``; ``scheduler_args`` are added to the scheduler's
    command (its TLS flags, say). Logs and relative paths are in ``log_dir``.
    """

    def __init__(
        self, log_dir: Path, protocol: str = "tcp", scheduler_args: Sequence[str] = ()
    ) -> None:
        self.log_dir = log_dir
        self.protocol = protocol
        self.address = f"{protocol}://{LOOPBACK}:{free_port()}"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        #: Each worker's TMPDIR, where it renders (a test can see a render under way).
        self.temp_dirs: dict[str, Path] = {}
        port = self.address.rsplit(":", 1)[1]
        self.start(
            "scheduler",
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                LOOPBACK,
                "--port",
                port,
                "--no-dashboard",
                "--dashboard-address",
                HTTP_ADDRESS,
                *scheduler_args,
            ],
        )

    def start(
        self, name: str, command: list[str], env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start ``command`` in ``log_dir``, its output in ``<name>.log``, in a new session."""
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.log_dir,
            start_new_session=True,
            env=env,
        )
        log.close()
        self.processes.append(process)
        return process

    def add_worker(self) -> str:
        """Start a worker without a nanny (so SIGKILL ends it for good); return its address."""
        port = free_port()
        address = f"{self.protocol}://{LOOPBACK}:{port}"
        self.temp_dirs[address] = self.log_dir / f"tmp-{port}"
        self.temp_dirs[address].mkdir()
        self.workers[address] = self.start(
            f"worker-{port}",
            [
                str(BIN / "dask"),
                "worker",
                self.address,
                "--host",
                LOOPBACK,
                "--worker-port",
                str(port),
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--dashboard-address",
                HTTP_ADDRESS,
                "--local-directory",
                str(self.log_dir / f"space-{port}"),
            ],
            env={**os.environ, "TMPDIR": str(self.temp_dirs[address])},
        )
        return address

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=120)

    def logs(self) -> str:
        """Every process's log, for a failed assertion's message."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.log_dir.glob("*.log"))
        )

    def stop(self) -> None:
        """SIGTERM, then SIGKILL whatever still runs after 5 s: workers, then the scheduler.

        (A nanny stopped with its scheduler keeps trying to reach it.) Whatever a process
        started (in its session, so in its process group) and left running is killed too.
        """
        deadline = time.monotonic() + 5
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            # The group outlives its leader while a member runs, so its id is not reused.
            while time.monotonic() < deadline and _group_alive(process.pid):
                time.sleep(0.05)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def openssl(folder: Path, *args: str) -> None:
    subprocess.run(
        [OPENSSL, *args], cwd=folder, check=True, capture_output=True, timeout=30, text=True
    )


def make_certificates(folder: Path) -> None:
    """``ca.pem`` signs ``sched``, ``worker`` and ``me``; ``other-ca.pem`` signs ``stranger``."""
    (folder / "openssl.cnf").write_text(OPENSSL_CONFIG)
    new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    common = [*new_key, "-config", "openssl.cnf"]
    for ca in ("ca", "other-ca"):
        openssl(folder, "req", "-x509", *common, "-extensions", "ca", "-subj", f"/CN={ca}",
                "-days", "2", "-keyout", f"{ca}.key", "-out", f"{ca}.pem")  # fmt: skip
    for serial, (name, ca) in enumerate(
        [("sched", "ca"), ("worker", "ca"), ("me", "ca"), ("stranger", "other-ca")], start=1
    ):
        openssl(folder, "req", "-new", *common, "-subj", f"/CN={name}",
                "-keyout", f"{name}.key", "-out", f"{name}.csr")  # fmt: skip
        openssl(folder, "x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem",
                "-CAkey", f"{ca}.key", "-set_serial", str(serial), "-days", "2",
                "-extfile", "openssl.cnf", "-extensions", "leaf",
                "-out", f"{name}.pem")  # fmt: skip


def key_curve(key: Path) -> str:
    """The named curve of an EC private key file (``prime256v1`` for P-256), or ``""``."""
    done = subprocess.run(
        [OPENSSL, "pkey", "-in", str(key), "-noout", "-text"],
        check=True,
        capture_output=True,
        timeout=30,
        text=True,
    )
    found = re.search(r"ASN1 OID: (\S+)", done.stdout)
    return found.group(1) if found else ""
