"""The README's TLS recipe, exactly as written, on a real scheduler and worker on 127.0.0.1.

A CA and the scheduler's, the worker's and the lecturer's certificates are made with the
``openssl`` command (EC P-256: a fraction of a second), under the README's file names (``ca.pem``,
``sched.pem``/``sched.key``, ``worker.pem``/``worker.key``, ``me.pem``/``me.key``) and named by
those relative paths, as there. The scheduler and the worker get the README's ``--tls-*`` flags;
``relu-anim render`` runs as a command with the README's ``DASK_DISTRIBUTED__COMM__*``
environment variables and nothing else. Without a client certificate, or with one another CA
signed, the same command is one line and exit 2, in seconds.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from cluster_support import (
    BIN,
    HTTP_ADDRESS,
    LOOPBACK,
    Cluster,
    free_port,
    key_curve,
    make_certificates,
)

pytest.importorskip("distributed")

pytestmark = pytest.mark.xdist_group("cluster_tls")

#: The client's settings as the README exports them (relative to the folder with the files).
README_CLIENT = {
    "DASK_DISTRIBUTED__COMM__TLS__CA_FILE": "ca.pem",
    "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT": "me.pem",
    "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY": "me.key",
    "DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION": "true",
}


def wait_for_a_worker(cluster: Cluster, folder: Path) -> None:
    """Poll the scheduler through a TLS client until a worker has registered (60 s at most)."""
    from distributed import Client
    from distributed.security import Security

    security = Security(
        tls_ca_file=str(folder / "ca.pem"),
        tls_client_cert=str(folder / "me.pem"),
        tls_client_key=str(folder / "me.key"),
        require_encryption=True,
    )
    deadline = time.monotonic() + 60
    client = None
    try:
        while True:
            exited = [p.args[:2] for p in cluster.processes if p.poll() is not None]
            assert not exited, f"{exited} exited\n{cluster.logs()}"
            assert time.monotonic() < deadline, f"no worker within 60 s\n{cluster.logs()}"
            if client is None:
                try:  # the scheduler may not listen yet
                    client = Client(
                        cluster.address, security=security, timeout=2, set_as_default=False
                    )
                except (OSError, TimeoutError):
                    continue
            if client.scheduler_info()["workers"]:
                return
            time.sleep(0.1)
    finally:
        if client is not None:
            client.close()


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, Path]]:
    """A scheduler and one worker with the README's TLS flags; the folder with the files."""
    folder = tmp_path_factory.mktemp("tls")
    make_certificates(folder)
    # EC P-256 keys: made in a fraction of a second (bench/certificates.py times them)
    for name in ("ca", "other-ca", "sched", "worker", "me", "stranger"):
        assert key_curve(folder / f"{name}.key") == "prime256v1", name
    readme_flags = ["--tls-ca-file", "ca.pem", "--tls-cert", "sched.pem", "--tls-key", "sched.key"]
    cluster = Cluster(folder, protocol="tls", scheduler_args=readme_flags)
    try:
        cluster.start(
            "worker",
            [str(BIN / "dask"), "worker", cluster.address,
             "--tls-ca-file", "ca.pem", "--tls-cert", "worker.pem", "--tls-key", "worker.key",
             "--nworkers", "1", "--nthreads", "1", "--host", LOOPBACK,
             "--no-dashboard", "--dashboard-address", HTTP_ADDRESS,
             "--local-directory", str(folder / "space")],
        )  # fmt: skip
        wait_for_a_worker(cluster, folder)
        yield cluster, folder
    finally:
        cluster.stop()


def relu_anim_render(
    cluster: Cluster, folder: Path, out: Path, settings: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], float]:
    """``relu-anim render shift -q l -o OUT --scheduler tls://...`` with only ``settings`` of
    Dask's in the environment, run from the certificates' folder; the result and its seconds."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DASK_")}
    env.update(settings)
    command = [str(BIN / "relu-anim"), "render", "shift", "-q", "l", "-o", str(out),
               "--scheduler", cluster.address]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return done, time.perf_counter() - started


@pytest.mark.render
def test_the_readme_recipe_renders_over_tls(
    tls_cluster: tuple[Cluster, Path], tmp_path: Path
) -> None:
    cluster, folder = tls_cluster
    out = tmp_path / "out"
    done, _ = relu_anim_render(cluster, folder, out, README_CLIENT)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n{cluster.logs()}"
    worker = done.stdout.splitlines()[0].rsplit(" ", 1)[1]
    assert worker.startswith(f"tls://{LOOPBACK}:"), done.stdout
    assert f"shift: rendering on {worker}" in done.stdout
    with av.open(str(out / "shift.mp4")) as video:
        frames = sum(1 for _ in video.decode(video=0))
    assert frames > 10
    assert (out / "shift.srt").read_text().strip()
    assert (out / "shift.sections.json").is_file()


#: Settings a lecturer may get wrong, and what the one line then says. A foreign certificate
#: is refused in the handshake (how it shows is a race: an alert, or an EOF Dask may retry
#: until its timeout, so either message may come); a missing one is caught before connecting.
WITHOUT_A_GOOD_CERTIFICATE = {
    "no client certificate": (
        {key: value for key, value in README_CLIENT.items() if "__CLIENT__" not in key},
        "Dask has no CA file and client certificate",
    ),
    "a certificate another CA signed": (
        {
            **README_CLIENT,
            "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT": "stranger.pem",
            "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY": "stranger.key",
        },
        "TLS",
    ),
    "no TLS settings": ({}, "Dask has no CA file and client certificate"),
}


@pytest.mark.render
@pytest.mark.parametrize("case", WITHOUT_A_GOOD_CERTIFICATE)
def test_without_a_good_client_certificate_is_one_line_and_exit_2(
    case: str, tls_cluster: tuple[Cluster, Path], tmp_path: Path
) -> None:
    cluster, folder = tls_cluster
    settings, says = WITHOUT_A_GOOD_CERTIFICATE[case]
    out = tmp_path / "out"
    done, seconds = relu_anim_render(cluster, folder, out, settings)
    assert seconds < 20
    assert done.returncode == 2, f"{done.stdout}\n{done.stderr}"
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("relu-anim: error: ")
    assert cluster.address in done.stderr
    assert says in done.stderr, done.stderr
    assert "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT" in done.stderr, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not out.exists() or list(out.iterdir()) == []
    # The scheduler and its worker are still there for a lecturer with the right certificate.
    assert all(process.poll() is None for process in cluster.processes), cluster.logs()


def test_the_readme_settings_with_a_tcp_address_are_one_line_and_exit_2(tmp_path: Path) -> None:
    """The README's settings require encryption: a tcp:// (or bare) address is refused at once."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DASK_")}
    address = f"{LOOPBACK}:{free_port()}"  # nothing listens there: nothing is tried
    done = subprocess.run(
        [str(BIN / "relu-anim"), "render", "shift", "--scheduler", address],
        cwd=tmp_path,
        env={**env, **README_CLIENT},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"tcp://{address}" in done.stderr, done.stderr
    assert "tls://" in done.stderr, done.stderr
    assert "DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION" in done.stderr
