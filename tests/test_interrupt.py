"""Ctrl-C and SIGTERM at every stage of a render: exit 130, one line, the old video or none.

Each render is paused at a named stage by ``tests/paused_cli.py`` (while TeX runs, mid-encode,
while the partial movies are joined, just before and during the renames into place, inside a
garbage-collection finalizer), and the signal is sent exactly there. Ctrl-C goes to the whole
process group, as a terminal sends it; SIGTERM and SIGKILL to the command's process only, as a
process manager or ``kill`` would.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import av
import pytest
import srt

from relu_anim.render import interrupt
from relu_anim.render.interrupt import discard_partial_tex

PAUSED_CLI = Path(__file__).with_name("paused_cli.py")
MESSAGE = (
    "relu-anim: interrupted; every video in the output folder is complete"
    " (one stopped mid-render left the old file or none)"
)
OLD = b"the old video"


@dataclass
class Paused:
    """A ``relu-anim render`` stopped at ``stage``, in its own process group."""

    process: subprocess.Popen[bytes]
    ready: Path
    out: Path

    def ctrl_c(self) -> None:
        """What a terminal does: SIGINT to every process of the foreground job."""
        os.killpg(self.process.pid, signal.SIGINT)

    def send(self, sig: signal.Signals) -> None:
        """What ``kill`` or a process manager does: a signal to the command's process only."""
        self.process.send_signal(sig)

    def finish(self) -> tuple[int, str]:
        """Wait for the command; return its exit code and stderr."""
        _, stderr = self.process.communicate(timeout=120)
        return self.process.returncode, stderr.decode(errors="replace")

    def leftovers(self, timeout: float = 15) -> bool:
        """Whether any process of the command is still alive after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return False
            time.sleep(0.1)
        return True


def start_paused(
    tmp_path: Path, stage: str, *scenes: str, old_video: bool, jobs: int = 1
) -> Paused:
    out = tmp_path / "out"
    out.mkdir()
    for scene in scenes:
        if old_video:
            (out / f"{scene}.mp4").write_bytes(OLD)
    ready = tmp_path / f"paused-at-{stage}"
    command = ["render", *scenes, "-q", "l", "-o", str(out), "--jobs", str(jobs)]
    process = subprocess.Popen(
        [sys.executable, str(PAUSED_CLI), *command],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "RELU_ANIM_TEST_PAUSE": f"{stage}:{ready}", "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, like a terminal's foreground job
        # Test runners (and background shells) ignore SIGINT, and children inherit that;
        # a terminal's Ctrl-C reaches a process with the default handler.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 180
    while not ready.exists():
        if process.poll() is not None:
            pytest.fail(f"the render ended before {stage}: {process.communicate()[1].decode()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the render never reached {stage}")
        time.sleep(0.05)
    return Paused(process, ready, out)


def work_files(out: Path, pattern: str) -> list[Path]:
    return [p for p in (out / ".work").rglob(pattern) if "partial_movie_files" not in p.parts]


# What must be true at each stage, so that a hook that stopped firing where it claims to
# would fail the test instead of testing some other moment.
STAGE_EVIDENCE = {
    "tex": lambda out: bool(list((out / ".work").rglob("Tex/*.tex"))),
    "encode": lambda out: bool(list((out / ".work").rglob("partial_movie_files/*/*.mp4"))),
    "join": lambda out: bool(work_files(out, "shift.mp4")),
    "commit": lambda out: bool(work_files(out, "shift.mp4")) and bool(work_files(out, "*.srt")),
    "finalizer": lambda out: bool(list((out / ".work").rglob("partial_movie_files/*/*.mp4"))),
}


def assert_one_line(stderr: str) -> None:
    lines = [line for line in stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert lines, stderr[-2000:]
    assert lines[-1] == MESSAGE, stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-2000:]
    assert "Exception ignored" not in stderr, stderr[-2000:]


def assert_old_video_or_none(out: Path, scenes: tuple[str, ...], old_video: bool) -> None:
    for scene in scenes:
        video = out / f"{scene}.mp4"
        if old_video:
            assert video.read_bytes() == OLD
        else:
            assert not video.exists()
    # Nothing else in the output folder: no captions, no beats, no partial files, no record.
    expected = sorted(f"{scene}.mp4" for scene in scenes) if old_video else []
    assert sorted(p.name for p in out.iterdir() if p.name != ".work") == expected


CTRL_C_CASES = [
    ("tex", True),
    ("encode", True),
    ("encode", False),
    ("join", True),
    ("commit", True),
    ("commit", False),
    # The fresh-clone failure: Python drops a KeyboardInterrupt raised in a finalizer, so the
    # render went on, replaced the old video and exited 0.
    ("finalizer", True),
]


@pytest.mark.render
@pytest.mark.parametrize(
    ("stage", "old_video"),
    CTRL_C_CASES,
    ids=[f"{stage}-{'old-video' if old else 'no-video'}" for stage, old in CTRL_C_CASES],
)
def test_ctrl_c_leaves_the_old_video_or_none(tmp_path: Path, stage: str, old_video: bool) -> None:
    paused = start_paused(tmp_path, stage, "shift", old_video=old_video)
    assert STAGE_EVIDENCE[stage](paused.out), f"not at {stage}"
    paused.ctrl_c()
    code, stderr = paused.finish()
    assert code == 130
    assert_one_line(stderr)
    assert_old_video_or_none(paused.out, ("shift",), old_video)
    assert not paused.leftovers(), "a process of the command outlived it"


@pytest.mark.render
def test_sigterm_behaves_like_ctrl_c(tmp_path: Path) -> None:
    paused = start_paused(tmp_path, "join", "shift", old_video=True)
    paused.send(signal.SIGTERM)
    code, stderr = paused.finish()
    assert code == 130
    assert_one_line(stderr)
    assert_old_video_or_none(paused.out, ("shift",), old_video=True)


@pytest.mark.render
@pytest.mark.parametrize("old_video", [True, False], ids=["old-video", "no-video"])
def test_a_killed_render_leaves_the_old_video_or_none(tmp_path: Path, old_video: bool) -> None:
    paused = start_paused(tmp_path, "encode", "shift", old_video=old_video)
    paused.send(signal.SIGKILL)
    code, _ = paused.finish()
    assert code == -signal.SIGKILL
    assert_old_video_or_none(paused.out, ("shift",), old_video)


@pytest.mark.render
def test_ctrl_c_to_the_command_alone_stops_its_parallel_renders(tmp_path: Path) -> None:
    # Only the parent gets the signal (kill -INT PID); it must stop its render processes,
    # which would otherwise finish and put their videos in place after it exited.
    paused = start_paused(tmp_path, "encode", "shift", "neuron", old_video=True, jobs=2)
    paused.send(signal.SIGINT)
    code, stderr = paused.finish()
    assert code == 130
    assert_one_line(stderr)
    assert not paused.leftovers(), "a render process outlived the command"
    assert_old_video_or_none(paused.out, ("shift", "neuron"), old_video=True)


@pytest.mark.render
def test_ctrl_c_during_the_renames_takes_effect_after_the_last(tmp_path: Path) -> None:
    # The renames are the commit: a signal that arrives between two of them is held, so the
    # scene's files are all new (or, had it come a moment earlier, all old), never a mix.
    paused = start_paused(tmp_path, "renaming", "shift", old_video=True)
    assert (paused.out / "shift.mp4").read_bytes() != OLD  # the first rename has happened
    paused.ctrl_c()
    Path(f"{paused.ready}.go").touch()
    code, stderr = paused.finish()
    assert code == 130
    assert_one_line(stderr)
    with av.open(str(paused.out / "shift.mp4")) as container:
        assert sum(1 for _ in container.decode(video=0)) > 0
    beats = json.loads((paused.out / "shift.sections.json").read_text())["beats"]
    # A beat's caption is cut into subtitle cues (lines wrapped): its words, in order, are the
    # cues' words; the .srt read by an outside parser.
    cues = srt.parse((paused.out / "shift.srt").read_text(encoding="utf-8"))
    said = " ".join(" ".join(cue.content for cue in cues).split())
    assert all(" ".join(beat["caption"].split()) in said for beat in beats)
    assert not [p.name for p in paused.out.iterdir() if ".partial-" in p.name or ".old-" in p.name]


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_while_rendering_ends_the_process_at_once(tmp_path: Path, sig: str) -> None:
    result = run_python(
        f"""
        import os, signal
        from relu_anim.render import interrupt
        with interrupt.enabled(), interrupt.rendering():
            try:
                os.kill(os.getpid(), signal.{sig})
                for _ in range(1000):
                    pass
            finally:
                open("cleanup ran", "w").close()  # not reached: nothing of Manim runs on
        open("went on", "w").close()
        """,
        tmp_path,
    )
    assert result.returncode == 130
    assert result.stderr == f"\n{MESSAGE}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_signal_during_the_renames_waits_for_them(tmp_path: Path) -> None:
    result = run_python(
        """
        import os, signal
        from relu_anim.render import interrupt
        with interrupt.enabled(), interrupt.rendering():
            with interrupt.committing():
                os.kill(os.getpid(), signal.SIGINT)
                open("first", "w").close()
                open("second", "w").close()
            open("after the renames", "w").close()
        """,
        tmp_path,
    )
    assert result.returncode == 130
    assert result.stderr == f"\n{MESSAGE}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "second"]


def test_a_signal_held_by_renames_that_fail_still_stops_the_process(tmp_path: Path) -> None:
    result = run_python(
        """
        import os, signal
        from relu_anim.render import interrupt
        with interrupt.enabled(), interrupt.rendering():
            with interrupt.committing():
                os.kill(os.getpid(), signal.SIGINT)
                raise OSError("no space left on device")
        """,
        tmp_path,
    )
    assert result.returncode == 130
    assert result.stderr == f"\n{MESSAGE}\n"


def test_outside_a_render_a_signal_is_a_keyboard_interrupt(tmp_path: Path) -> None:
    # The parent of a pool of render processes: it must get the chance to stop them.
    result = run_python(
        """
        import os, signal
        from relu_anim.render import interrupt
        with interrupt.enabled():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):
                    pass
            except KeyboardInterrupt:
                open("stopped the workers", "w").close()
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stopped the workers"]


def test_half_written_tex_files_are_discarded(tmp_path: Path) -> None:
    import hashlib

    def tex(content: str) -> str:
        return hashlib.sha256(content.encode()).hexdigest()[:16]

    whole, cut = r"\documentclass{standalone}\begin{document}x\end{document}", r"\documentc"
    (tmp_path / f"{tex(whole)}.tex").write_text(whole)
    (tmp_path / f"{tex(whole)}.svg").write_text("<svg>\n<g/>\n</svg>\n")
    (tmp_path / f"{tex(whole + 'y')}.tex").write_text(cut)  # written in part
    (tmp_path / "0123456789abcdef.svg").write_text("<svg>\n<g")  # dvisvgm stopped
    (tmp_path / "0123456789abcdef.dvi").write_bytes(b"\xf7\x02")  # latex stopped
    discard_partial_tex(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{tex(whole)}.svg", f"{tex(whole)}.tex"]
    discard_partial_tex(tmp_path / "missing")  # a scene never rendered: nothing to do


def _idle_worker(ready: object) -> None:
    """A pool worker between renders: signals handled as in every render process."""
    # As under a terminal: a test run from a background job passes on an ignored SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupt.enable_in_worker()
    ready.set()
    while True:  # plain Python, not rendering: where a split piece announces itself
        time.sleep(0.01)


def test_a_worker_stops_silently_on_a_signal_outside_a_render() -> None:
    # A KeyboardInterrupt raised here used to land inside a multiprocessing queue's lock
    # ("release unlocked lock"), print a traceback and exit 1 (1 clean-clone CI run in 5).
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    worker = context.Process(target=_idle_worker, args=(ready,))
    worker.start()
    try:
        assert ready.wait(60), "the worker did not start"
        os.kill(worker.pid, signal.SIGINT)
        worker.join(30)
        assert worker.exitcode == interrupt.EXIT_INTERRUPTED
    finally:
        if worker.is_alive():
            worker.kill()
