"""``relu-anim lecture``: input errors before any render, failed scenes, Ctrl-C.

The renders are replaced by stand-ins here (the real command is run in
``test_lecture_render.py``), so these tests take a second each.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lecture_support import fake_render

from relu_anim import cli
from relu_anim.catalog import scene_names
from relu_anim.lecture import slides
from relu_anim.render.jobs import Outcome


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relu_anim.cli", "lecture", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The one line a bad input prints, after checking the exit code and that it is alone."""
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_an_unwritable_pack_folder_is_refused_before_rendering(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    done = run("shift", "-o", "a-file/pack", cwd=tmp_path)
    line = one_line_error(done)
    assert line.startswith("relu-anim: error: output folder a-file/pack is not writable")
    assert line.endswith("pick another with -o DIR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # nothing rendered


def test_another_format_is_refused(tmp_path: Path) -> None:
    done = run("--format", "gif", cwd=tmp_path)
    assert one_line_error(done) == (
        "relu-anim: error: the lecture pack is made of mp4 videos; leave out --format"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_scene_is_refused(tmp_path: Path) -> None:
    assert "unknown scene 'nope'" in one_line_error(run("nope", cwd=tmp_path))


@pytest.fixture
def stand_in_renders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    """Replace the renders: write stand-ins, and fail the scenes named in ``FAIL``."""
    monkeypatch.chdir(tmp_path)
    calls: list[list[str]] = []

    def run_batch(names: list[str], config: object, **kwargs: object) -> list[Outcome]:
        calls.append(list(names))
        outcomes = []
        for name in names:
            if name in FAIL:
                outcomes.append(Outcome(name, "failed", 0.1, error="RuntimeError: TeX broke"))
            else:
                fake_render(config.render.output_dir, name)
                outcomes.append(Outcome(name, "rendered", 0.1))
        return outcomes

    monkeypatch.setattr(cli, "run_batch", run_batch)
    return calls


FAIL = {"bends"}


def test_a_failed_scene_still_gives_a_pack_for_the_others(
    stand_in_renders: list[list[str]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli.main, ["lecture", "shift", "bends", "square"])
    assert result.exit_code == 1
    assert stand_in_renders == [["shift", "bends", "square"]]
    assert "bends: missing from the pack (RuntimeError: TeX broke)" in result.output
    pack = tmp_path / "media" / "lecture"
    assert f"lecture pack: {pack / 'index.html'} (2 of 3 scenes, 6 beats" in result.output
    record = json.loads((pack / "pack.json").read_text())
    assert [s["available"] for s in record["scenes"]] == [True, False, True]
    assert 'data-missing="true"' in (pack / "index.html").read_text()


def test_default_is_every_scene_into_media_lecture(
    stand_in_renders: list[list[str]], tmp_path: Path
) -> None:
    FAIL.clear()
    try:
        result = CliRunner().invoke(cli.main, ["lecture", "-o", "pack"])
    finally:
        FAIL.add("bends")
    assert result.exit_code == 0, result.output
    # Every scene the catalog holds, in storyboard order (the seed scenes first).
    (rendered,) = stand_in_renders
    assert rendered == scene_names()
    assert rendered[:4] == ["neuron", "shift", "bends", "square"]
    assert (tmp_path / "pack" / "index.html").exists()
    assert not (tmp_path / "media" / "lecture").exists()  # -o is the pack's folder


def test_slides_without_python_pptx_names_the_extra_before_rendering(
    stand_in_renders: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slides, "slides_available", lambda: False)
    result = CliRunner().invoke(cli.main, ["lecture", "square", "--slides"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "relu-anim: error: slides.pptx needs python-pptx, which is not installed; "
        "run: pip install 'relu-anim[slides]'"
    )
    assert stand_in_renders == []


def test_without_python_pptx_the_default_pack_skips_slides_and_says_so(
    stand_in_renders: list[list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(slides, "slides_available", lambda: False)
    result = CliRunner().invoke(cli.main, ["lecture", "square"])
    assert result.exit_code == 0, result.output
    assert "pip install 'relu-anim[slides]'" in result.output
    assert not (tmp_path / "media" / "lecture" / "slides.pptx").exists()
    assert (tmp_path / "media" / "lecture" / "handout.pdf").exists()


def test_ctrl_c_while_packing_is_one_line_and_leaves_no_partial_file(
    stand_in_renders: list[list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from relu_anim.lecture import handout

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(handout, "_page", interrupted)
    result = CliRunner().invoke(cli.main, ["lecture", "square"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "relu-anim: interrupted"
    pack = tmp_path / "media" / "lecture"
    assert (pack / "square.mp4").exists()  # finished before the interruption
    assert not (pack / "handout.pdf").exists()
    assert not [p for p in pack.rglob("*") if "partial" in p.name]
