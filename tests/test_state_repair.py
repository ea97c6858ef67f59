"""Damaged state under ``.work/`` and ``.relu-anim/`` is repaired by the next render.

Real renders of the Shift scene at 480p15, through the command line in a subprocess. What each
damage did before: a file at ``.relu-anim`` or ``.work/Tex`` made a render fail after its files
were in place (with a stale record); a truncated SVG in the shared TeX cache was linked into
every later render, which then failed with a ParseError; a garbage ``sections.json`` beside a
good video was "up to date". The record is checked against the files each time: it must
describe exactly what is in the output folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relu_anim.catalog import scene_named
from relu_anim.render.manifest import Manifest, RenderKey
from relu_anim.settings import SceneParams

pytestmark = pytest.mark.render

SHIFT = RenderKey("shift", SceneParams(), "l", "mp4")


def render(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "relu_anim.cli", "render", "shift", "-q", "l", "-o", str(out)]
    return subprocess.run(
        [*command, *extra], capture_output=True, text=True, check=False, timeout=300
    )


def assert_rendered(result: subprocess.CompletedProcess[str], status: str) -> None:
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert f"shift: {status}" in result.stdout + result.stderr, result.stdout


def test_damaged_state_is_repaired_by_the_next_render(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".work").mkdir(parents=True)
    (out / ".relu-anim").write_text("a file where the records folder belongs")
    (out / ".work" / "Tex").write_text("a file where the TeX cache belongs")

    assert_rendered(render(out), "rendered")
    assert Manifest(out).is_up_to_date(scene_named("shift"), SHIFT)
    formulas = sorted((out / ".work" / "Tex").glob("*.svg"))
    assert formulas, "the TeX cache was not rebuilt"

    # A truncated formula in the shared cache, with the render's own copies gone (as for
    # another scene, or after clearing its scratch folder), and garbage for the sections.
    shutil.rmtree(out / ".work" / "shift")
    cut = formulas[0]
    cut.write_bytes(cut.read_bytes()[:200])
    (out / "shift.sections.json").write_text("{garbage")
    assert not Manifest(out).is_up_to_date(scene_named("shift"), SHIFT)

    assert_rendered(render(out), "rendered")
    assert json.loads((out / "shift.sections.json").read_text())["beats"]
    assert cut.read_bytes().rstrip().endswith(b"</svg>")
    assert Manifest(out).is_up_to_date(scene_named("shift"), SHIFT)
    assert_rendered(render(out), "up to date")


def test_ctrl_c_during_the_renames_leaves_a_record_of_the_new_files(tmp_path: Path) -> None:
    # The record was written after the renames, so a held Ctrl-C left the new files under no
    # record (or an old one): the next render said "up to date" over files it never checked.
    from test_interrupt import assert_one_line, start_paused

    paused = start_paused(tmp_path, "renaming", "shift", old_video=True)
    paused.ctrl_c()
    Path(f"{paused.ready}.go").touch()
    code, stderr = paused.finish()
    assert code == 130
    assert_one_line(stderr)
    assert Manifest(paused.out).is_up_to_date(scene_named("shift"), SHIFT)
    assert_rendered(render(paused.out), "up to date")
