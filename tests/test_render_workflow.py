"""The lecturer's loop: render, edit, render again, render twice at once, watch.

These render for real (the Shift scene, at 480p15) in subprocesses, as a lecturer would run them.
Interrupting a render (Ctrl-C, SIGTERM, SIGKILL at each stage) is in test_interrupt.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from conftest import relu_anim_cli, without_manim

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-m", "relu_anim.cli", *args]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return relu_anim_cli(*args, cwd=cwd, env=env)


def frame_differences(first: Path, second: Path) -> list[str]:
    """How the decoded frames of two videos differ, frame by frame (empty: identical).

    Decoded in step, one frame at a time: a whole 480p video is about 750 MB as arrays.
    """
    differences = []
    with av.open(str(first)) as a, av.open(str(second)) as b:
        frames = zip(a.decode(video=0), b.decode(video=0), strict=False)
        for index, (x, y) in enumerate(frames):
            left, right = x.to_ndarray(format="rgb24"), y.to_ndarray(format="rgb24")
            if not np.array_equal(left, right):
                delta = np.abs(left.astype(np.int16) - right.astype(np.int16)).max(axis=2)
                differences.append(
                    f"frame {index}: {np.count_nonzero(delta)} pixels, up to {delta.max()}"
                )
        counts = (a.streams.video[0].frames, b.streams.video[0].frames)
    if counts[0] != counts[1]:
        differences.append(f"{counts[0]} frames != {counts[1]} frames")
    return differences


def status_lines(output: str) -> dict[str, str]:
    """The summary table's status per scene."""
    table = output.strip().split("\n\n")[-1].splitlines()
    return {line.split()[0]: line.split("  ")[1].strip() for line in table}


def test_second_render_is_up_to_date_until_something_changes(tmp_path: Path) -> None:
    first = run("render", "shift", "neuron", "-q", "l", "-o", "out", "--jobs", "2", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert status_lines(first.stdout) == {"shift": "rendered", "neuron": "rendered"}
    video = tmp_path / "out" / "shift.mp4"
    stamp = video.stat().st_mtime_ns

    files = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    again = run(
        "render",
        "shift",
        "neuron",
        "-q",
        "l",
        "-o",
        "out",
        cwd=tmp_path,
        env=without_manim(tmp_path),
    )
    assert again.returncode == 0, again.stderr
    assert status_lines(again.stdout) == {"shift": "up to date", "neuron": "up to date"}
    assert video.stat().st_mtime_ns == stamp
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == files

    # The interval is a Shift parameter; the Neuron scene does not use it (as a flag beside
    # neuron's name it is refused: see tests/test_cli_errors.py).
    (tmp_path / "relu-anim.toml").write_text("[scenes.shift]\ninterval = [-2.0, 2.0]\n")
    changed = run("render", "shift", "neuron", "-q", "l", "-o", "out", cwd=tmp_path)
    assert status_lines(changed.stdout) == {"shift": "rendered", "neuron": "up to date"}

    forced = run("render", "neuron", "-q", "l", "-o", "out", "--force", cwd=tmp_path)
    assert status_lines(forced.stdout) == {"neuron": "rendered"}


def test_a_re_render_is_frame_identical(tmp_path: Path) -> None:
    assert run("render", "shift", "-q", "l", "-o", "a", cwd=tmp_path).returncode == 0
    assert run("render", "shift", "-q", "l", "-o", "b", cwd=tmp_path).returncode == 0
    assert frame_differences(tmp_path / "a" / "shift.mp4", tmp_path / "b" / "shift.mp4") == []


def test_two_renders_of_one_scene_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    args = cli("render", "shift", "-q", "l", "-o", "out", "--force", cwd=tmp_path)
    # The solo render starts with the pair, so that all three import the same source files:
    # in a working tree being edited, a render started later may draw a changed scene.
    solo_args = cli("render", "shift", "-q", "l", "-o", "solo", cwd=tmp_path)
    renders = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for command in (args, args, solo_args)
    ]
    for render in renders:
        _, stderr = render.communicate(timeout=300)
        assert render.returncode == 0, stderr.decode()
    # The pair took turns (a lock per scene), so the last of them wrote the video whole: the
    # same frames, bit for bit, as the solo render.
    assert frame_differences(tmp_path / "out" / "shift.mp4", tmp_path / "solo" / "shift.mp4") == []
    assert not list((tmp_path / "out").glob(".*partial*"))


def test_watch_renders_again_when_the_config_is_saved(tmp_path: Path) -> None:
    config = tmp_path / "relu-anim.toml"
    config.write_text("[scenes.shift]\ninterval = [-3.0, 3.0]\n")
    process = subprocess.Popen(
        cli("watch", "shift", "-o", "preview", "--exit-after", "2", cwd=tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if line.startswith("watching"):
            break
    assert any(line.startswith("new video:") for line in lines), "".join(lines)
    first_video = (tmp_path / "preview" / "shift.mp4").read_bytes()

    config.write_text("[scenes.shift]\ninterval = [-2.0, 2.0]\n")
    rest, _ = process.communicate(timeout=120)
    assert process.returncode == 0, rest
    assert "new video: " in rest
    assert "preview/shift.mp4" in rest
    assert (tmp_path / "preview" / "shift.mp4").read_bytes() != first_video
