"""The up-to-date check: what a render depends on, read from source without importing it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relu_anim import catalog
from relu_anim.catalog import scene_named
from relu_anim.manifest import PACKAGE_DIR, Manifest, RenderKey, source_files
from relu_anim.settings import SceneParams


def names(paths: list[Path]) -> set[str]:
    return {str(path.relative_to(PACKAGE_DIR.parent)) for path in paths}


def test_sources_follow_the_scene_imports_through_the_package() -> None:
    files = names(source_files(scene_named("square")))
    assert {"scenes/square.py", "relu_anim/numeric/shallow.py", "relu_anim/render.py"} <= files
    # the drawing package's __init__ imports its modules, so they count too
    assert "relu_anim/drawing/curves.py" in files
    assert "relu_anim/cli.py" not in files


def test_check_never_imports_manim() -> None:
    code = (
        "import sys; from relu_anim.catalog import scene_named;"
        "from relu_anim.manifest import RenderKey; from relu_anim.settings import SceneParams;"
        "RenderKey('square', SceneParams(), 'm', 'mp4').fingerprint(scene_named('square'));"
        "sys.exit('manim' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_fingerprint_changes_with_every_input(tmp_path: Path, monkeypatch) -> None:
    scenes = tmp_path / "scenes"
    shutil.copytree(catalog.builtin_scenes_dir(), scenes)
    info = catalog.read_scene_file(scenes / "square.py")
    key = RenderKey("square", SceneParams(), "m", "mp4")
    before = key.fingerprint(info)
    assert key.fingerprint(info) == before  # stable

    others = [
        RenderKey("square", SceneParams(units=20), "m", "mp4"),
        RenderKey("square", SceneParams(theme="light"), "m", "mp4"),
        RenderKey("square", SceneParams(), "h", "mp4"),
        RenderKey("square", SceneParams(), "m", "webm"),
        RenderKey("square", SceneParams(), "m", "mp4", "9:16"),
    ]
    assert len({before, *(k.fingerprint(info) for k in others)}) == 1 + len(others)

    (scenes / "square.py").write_text((scenes / "square.py").read_text() + "\n# edited\n")
    assert key.fingerprint(info) != before


def test_manifest_round_trip(tmp_path: Path) -> None:
    info = scene_named("shift")
    key = RenderKey("shift", SceneParams(), "l", "mp4")
    manifest = Manifest(tmp_path)
    video = tmp_path / "shift.mp4"
    assert not manifest.is_up_to_date(info, key)

    video.write_bytes(b"video")
    manifest.record(info, key, [video])
    assert manifest.is_up_to_date(info, key)
    assert not manifest.is_up_to_date(info, RenderKey("shift", SceneParams(), "h", "mp4"))

    video.unlink()  # a deleted output must be rendered again
    assert not manifest.is_up_to_date(info, key)


@pytest.mark.parametrize("garbage", ["", "{not json", '{"fingerprint": 3}'])
def test_corrupt_record_means_render_again(tmp_path: Path, garbage: str) -> None:
    manifest = Manifest(tmp_path)
    manifest.folder.mkdir()
    (manifest.folder / "shift.json").write_text(garbage)
    assert not manifest.is_up_to_date(
        scene_named("shift"), RenderKey("shift", SceneParams(), "l", "mp4")
    )
