"""Rendering on Dask: a real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1.

Every process binds to 127.0.0.1 on a free port and is started and stopped by the test. Workers
return the files' bytes and this process writes them (no shared folder is assumed); one worker
killed with SIGKILL mid-render has its task rerun on the other, and nothing half-written lands.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from click.testing import CliRunner
from cluster_support import LOOPBACK, Cluster, free_port

from relu_anim.catalog import scene_named
from relu_anim.cli import main
from relu_anim.render.batch import render_jobs, variant_jobs
from relu_anim.settings import RenderSettings, SceneParams

pytest.importorskip("distributed")


def tiny(output_dir: Path, **extra: object) -> RenderSettings:
    """-q l at a quarter of its pixels and 5 frames a second: a render of a few seconds."""
    return RenderSettings(
        quality="l",
        output_dir=output_dir,
        jobs=2,
        progress_bar=False,
        manim_config=(("pixel_width", 214), ("pixel_height", 120), ("frame_rate", 5)),
        **extra,
    )


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    logs = tmp_path / "cluster"
    logs.mkdir()
    running = Cluster(logs)
    try:
        for _ in range(2):
            running.add_worker()
        running.wait_for_workers(2)
        yield running
    finally:
        running.stop()


def assert_complete(output_dir: Path, stems: list[str]) -> None:
    """Every output is there and whole, and nothing else (no partial file or folder)."""
    expected = {".relu-anim"}
    for stem in stems:
        expected |= {f"{stem}.mp4", f"{stem}.srt", f"{stem}.sections.json", f"{stem}.beats"}
        with av.open(str(output_dir / f"{stem}.mp4")) as video:
            frames = sum(1 for _ in video.decode(video=0))
        assert frames > 10
        json.loads((output_dir / f"{stem}.sections.json").read_text())
        assert sorted(p.suffix for p in (output_dir / f"{stem}.beats").iterdir()) != []
        record = json.loads((output_dir / ".relu-anim" / f"{stem}.json").read_text())
        assert record["outputs"][0] == f"{stem}.mp4"
    assert {p.name for p in output_dir.iterdir()} == expected
    assert not [p for p in output_dir.rglob("*") if "partial" in p.name or ".old-" in p.name]


@pytest.mark.render
def test_variants_render_on_two_workers(cluster: Cluster, tmp_path: Path) -> None:
    from relu_anim.render.cluster import dask_executor

    out = tmp_path / "out"
    settings = tiny(out)
    jobs = variant_jobs([(scene_named("shift"), SceneParams(theme=("dark", "light")))], settings)
    lines: list[str] = []
    with dask_executor(cluster.address, say=lines.append) as executor:
        outcomes = render_jobs(jobs, settings, executor=executor)
        again = render_jobs(jobs, settings, executor=executor)
    assert [o.status for o in outcomes] == ["rendered", "rendered"], outcomes
    assert {o.worker for o in outcomes} <= set(cluster.workers)
    assert sorted(lines) == sorted(f"{o.scene}: rendering on {o.worker}" for o in outcomes), lines
    assert [o.status for o in again] == ["up to date", "up to date"]
    assert_complete(out, ["shift.dark.16x9.l", "shift.light.16x9.l"])


@pytest.mark.render
def test_a_worker_killed_mid_render_has_its_task_rerun(cluster: Cluster, tmp_path: Path) -> None:
    from relu_anim.render.cluster import dask_executor

    out = tmp_path / "out"
    settings = tiny(out)
    jobs = variant_jobs([(scene_named("shift"), SceneParams())], settings)
    started: list[str] = []
    killed: list[str] = []
    first_start = threading.Event()

    def say(line: str) -> None:
        started.append(line)
        first_start.set()

    def kill_the_first_worker() -> None:
        assert first_start.wait(120), "no render started"
        address = started[0].rsplit(" ", 1)[1]
        # Killed once its render has written a first partial movie: mid-render for certain (a
        # fixed sleep raced a warm render that finished first on a busy machine).
        deadline = time.monotonic() + 120
        while not any(cluster.temp_dirs[address].rglob("partial_movie_files/*/*.mp4")):
            assert time.monotonic() < deadline, "the render wrote no partial movie"
            time.sleep(0.02)
        killed.append(address)
        os.kill(cluster.workers[address].pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_the_first_worker)
    killer.start()
    with dask_executor(cluster.address, say=say) as executor:
        outcomes = render_jobs(jobs, settings, executor=executor)
    killer.join()
    assert cluster.workers[killed[0]].wait(10) == -signal.SIGKILL, "the worker was not killed"
    (outcome,) = outcomes
    assert outcome.status == "rendered", outcome
    assert outcome.worker != killed[0]
    assert [line.rsplit(" ", 1)[1] for line in started] == [killed[0], outcome.worker]
    assert_complete(out, ["shift"])


@pytest.mark.parametrize("address", ["tcp://", "http://x", "999.1.1.1:99999", "tcp://a b:1"])
def test_malformed_scheduler_address_is_one_line(
    address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "shift", "--scheduler", address])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert repr(address) in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_malformed_scheduler_in_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "relu-anim.toml").write_text('[render]\nscheduler = "tcp://"\n')
    result = CliRunner().invoke(main, ["render", "shift"])
    assert result.exit_code == 2
    assert "relu-anim.toml [render]: scheduler 'tcp://'" in result.output, result.output


def test_unreachable_scheduler_is_one_line_within_ten_seconds(tmp_path: Path) -> None:
    address = f"tcp://{LOOPBACK}:{free_port()}"  # nothing listens there
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "relu_anim.cli", "render", "shift", "--scheduler", address],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.perf_counter() - started < 10
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert address in done.stderr, done.stderr
    assert "cannot reach the Dask scheduler" in done.stderr


def test_a_port_where_an_http_server_listens_is_one_line_within_ten_seconds(
    tmp_path: Path,
) -> None:
    # Issue 16, item 3: the TCP connect succeeded and Dask's handshake waited forever.
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), http.server.BaseHTTPRequestHandler)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    address = f"tcp://{LOOPBACK}:{server.server_address[1]}"
    try:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "relu_anim.cli", "render", "shift", "--scheduler", address],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert time.perf_counter() - started < 10
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert address in done.stderr, done.stderr
    assert "cannot reach the Dask scheduler" in done.stderr


def test_a_local_cluster_is_no_bigger_than_the_tasks_and_the_cores() -> None:
    # Issue 16, item 3: --scheduler local --jobs 64 started 64 workers on 2 cores.
    from relu_anim.cli import _executor

    settings = RenderSettings(jobs=64, scheduler="local")
    tasks = 3
    with _executor(settings, tasks) as executor:
        started = executor._client.scheduler_info()["workers"]
    assert len(started) == min(tasks, os.cpu_count() or 1)
    assert all(worker["nthreads"] == 1 for worker in started.values())
