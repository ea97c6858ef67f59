"""Every signal ends every command, and the command's whole process tree, within seconds.

Each command runs in its own session (its own process group, as a terminal's foreground job)
with a terminal's default SIGINT handler: a test run from a background job inherits an ignored
SIGINT, which the command would rightly keep ignoring. The moment is hit through a stage of
``tests/paused_cli.py`` (or a hook in a small driver script), not a guessed sleep. Afterwards
no process of the group may be left, checked with ``os.killpg(pgid, 0)``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PAUSED_CLI = Path(__file__).with_name("paused_cli.py")
MESSAGE = (
    "relu-anim: interrupted; every video in the output folder is complete"
    " (one stopped mid-render left the old file or none)"
)
OLD = b"the old video"
#: Seconds within which the whole process tree must be gone after the command was signalled.
TREE_GONE_SECONDS = 10.0


def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        start_new_session=True,
        preexec_fn=default_sigint,
    )


def wait_for(paths: list[Path], process: subprocess.Popen, timeout: float = 180) -> None:
    """Wait until every path exists; fail (and kill the group) if the command ends first."""
    deadline = time.monotonic() + timeout
    while not all(path.exists() for path in paths):
        if process.poll() is not None:
            pytest.fail(f"the command ended first: {process.communicate()[1].decode()[-2000:]}")
        if time.monotonic() > deadline:
            kill_group(process.pid)
            pytest.fail(f"never reached {[p.name for p in paths if not p.exists()]}")
        time.sleep(0.02)


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def group_alive_after(pgid: int, timeout: float = TREE_GONE_SECONDS) -> bool:
    """Whether a process of group ``pgid`` is still alive ``timeout`` seconds from now."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True


def finish(process: subprocess.Popen, timeout: float = 30) -> tuple[int, str]:
    """The command's exit code and stderr; a command that hangs fails the test (then dies)."""
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process.pid)
        process.communicate()
        pytest.fail(f"the command did not end within {timeout} s of the signal")
    return process.returncode, stderr.decode(errors="replace")


def assert_one_line(stderr: str, line: str) -> None:
    lines = [text for text in stderr.replace("\r", "\n").splitlines() if text.strip()]
    assert lines, stderr[-2000:]
    assert lines[-1] == line, stderr[-2000:]
    for noise in ("Traceback", "Fatal Python error", "Exception ignored", "leaked"):
        assert noise not in stderr, stderr[-2000:]


@pytest.mark.render
def test_ctrl_c_as_split_pieces_end_and_new_workers_start(tmp_path: Path) -> None:
    # Issue 16, item 3: a worker the pool started to replace a finished one got the Ctrl-C
    # before its handler was set (a traceback, or a dead worker holding a queue's lock), and
    # the command hung in 6 of 10 tries.
    out = tmp_path / "out"
    out.mkdir()
    (out / "shift.mp4").write_bytes(OLD)
    ready = tmp_path / "pieces-in"
    command = ["render", "shift", "-q", "l", "-o", str(out), "--split", "2", "--jobs", "2"]
    process = start(
        [str(PAUSED_CLI), *command], tmp_path, {"RELU_ANIM_TEST_PAUSE": f"respawn:{ready}"}
    )
    try:
        wait_for([ready, Path(f"{ready}.worker")], process)
        os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C: the whole group
        Path(f"{ready}.go").touch()  # the new worker goes on starting, with the signal pending
        code, stderr = finish(process)
        assert code == 130, stderr
        assert_one_line(stderr, MESSAGE)
        assert not group_alive_after(process.pid), "a process of the command outlived it"
        assert (out / "shift.mp4").read_bytes() == OLD
    finally:
        kill_group(process.pid)


@pytest.mark.render
def test_killed_command_takes_its_render_workers_with_it(tmp_path: Path) -> None:
    # Issue 16, item 2(a): after kill -9 on the command its workers rendered on and replaced
    # the videos. Here both are mid-encode (held there until told to go on, or a minute).
    out = tmp_path / "out"
    out.mkdir()
    for scene in ("shift", "neuron"):
        (out / f"{scene}.mp4").write_bytes(OLD)
    ready = tmp_path / "encoding"
    command = ["render", "shift", "neuron", "-q", "l", "-o", str(out), "--jobs", "2"]
    process = start(
        [str(PAUSED_CLI), *command], tmp_path, {"RELU_ANIM_TEST_PAUSE": f"encode:{ready}"}
    )
    try:
        wait_for([ready], process)
        process.send_signal(signal.SIGKILL)  # the command alone, as kill -9 PID
        # Not communicate(): workers still alive would hold its pipes open.
        assert process.wait(timeout=30) == -signal.SIGKILL
        Path(f"{ready}.go").touch()  # a worker still alive would now render on
        assert not group_alive_after(process.pid), "a render worker outlived the command"
        for scene in ("shift", "neuron"):
            assert (out / f"{scene}.mp4").read_bytes() == OLD
    finally:
        kill_group(process.pid)


# A driver for commands whose renders are stand-ins (tests/lecture_support.py writes what a
# render writes, without Manim), run as the program is: ``main()`` reads sys.argv.
STAND_IN_CLI = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from lecture_support import fake_render
from relu_anim import cli
from relu_anim.render.jobs import Outcome, Outputs
from relu_anim.lecture import handout

def run_batch(names, config, **kwargs):
    for name in names:
        fake_render(config.render.output_dir, name)
    return [Outcome(name, "rendered", 0.1, Outputs(config.render.output_dir / f"{{name}}.mp4"))
            for name in names]

page = handout._page

def slow_page(*args):
    Path({ready!r}).touch()  # the handout's partial file is open: hold here
    time.sleep(60)
    return page(*args)

cli.run_batch = run_batch
handout._page = slow_page
cli.main(prog_name="relu-anim")
"""


def start_stand_in(tmp_path: Path, *command: str) -> tuple[subprocess.Popen, Path]:
    ready = tmp_path / "ready"
    code = STAND_IN_CLI.format(tests=str(Path(__file__).parent), ready=str(ready))
    return start(["-c", code, *command], tmp_path), ready


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_signal_while_the_lecture_pack_is_written(tmp_path: Path, sig: signal.Signals) -> None:
    # Issue 16, item 7: SIGTERM here killed the command (exit 143, no line) and left
    # .handout.pdf.partial-... in the pack.
    process, ready = start_stand_in(tmp_path, "lecture", "shift", "--no-slides", "-o", "pack")
    try:
        wait_for([ready], process, timeout=60)
        pack = tmp_path / "pack"
        assert [p.name for p in pack.iterdir() if p.name.startswith(".handout.pdf.partial-")]
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        code, stderr = finish(process)
        assert code == 130, stderr
        assert_one_line(stderr, "relu-anim: interrupted")
        assert not group_alive_after(process.pid)
        assert (pack / "shift.mp4").exists()  # written whole before the signal
        assert not (pack / "handout.pdf").exists()
        assert not [p.name for p in pack.rglob("*") if "partial" in p.name]
    finally:
        kill_group(process.pid)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_signal_while_watch_waits_for_an_edit(tmp_path: Path, sig: signal.Signals) -> None:
    # Issue 16, item 7: Ctrl-C on watch exited 0; SIGTERM killed it without a line (143).
    process, _ = start_stand_in(tmp_path, "watch", "shift", "-o", "preview")
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the first round is done: it waits for an edit
            if line.startswith(b"watching "):
                break
        else:
            pytest.fail(f"watch never waited: {process.communicate()[1].decode()[-2000:]}")
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        code, stderr = finish(process)
        assert code == 130, stderr
        assert_one_line(stderr, "relu-anim: interrupted")
        assert not group_alive_after(process.pid)
    finally:
        kill_group(process.pid)


def test_a_second_signal_ends_the_command_at_once(tmp_path: Path) -> None:
    # The first signal asks the command to stop its workers; if that is stuck, a second
    # Ctrl-C or SIGTERM must still end it (with its line, and its children:
    # relu_anim.render.lifeline).
    code = """
import os, signal, subprocess, time
from relu_anim.render import interrupt
child = subprocess.Popen(["sleep", "60"])
with interrupt.enabled():
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    except KeyboardInterrupt:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)  # stopping is stuck
        open("went on", "w").close()
"""
    process = start(["-c", code], tmp_path)
    try:
        returncode, stderr = finish(process, timeout=10)
        assert returncode == 130, stderr
        assert_one_line(stderr, MESSAGE)
        assert not (tmp_path / "went on").exists()
        assert not group_alive_after(process.pid), "its child outlived it"
    finally:
        kill_group(process.pid)
