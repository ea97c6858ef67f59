"""The up-to-date check: what a render depends on, read from source without importing it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relu_anim import catalog
from relu_anim.catalog import scene_named
from relu_anim.render.manifest import PACKAGE_DIR, Manifest, RenderKey, source_files
from relu_anim.settings import SceneParams


def names(paths: list[Path]) -> set[str]:
    return {str(path.relative_to(PACKAGE_DIR.parent)) for path in paths}


def test_sources_follow_the_scene_imports_through_the_package() -> None:
    files = names(source_files(scene_named("square")))
    assert {
        "scenes/square.py",
        "relu_anim/numeric/shallow.py",
        "relu_anim/render/scene.py",
    } <= files
    # the drawing package's __init__ imports its modules, so they count too
    assert "relu_anim/drawing/curves.py" in files
    assert "relu_anim/cli.py" not in files


def test_check_never_imports_manim() -> None:
    code = (
        "import sys; from relu_anim.catalog import scene_named;"
        "from relu_anim.render.manifest import RenderKey;"
        "from relu_anim.settings import SceneParams;"
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


# -- the record against the outputs: a video is current only when it is the one rendered ------


def rendered_outputs(out: Path) -> list[Path]:
    """A scene's outputs as a render leaves them: video, captions, sections, beat clips."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "shift.mp4").write_bytes(b"video" * 100)
    (out / "shift.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nA ramp.\n")
    (out / "shift.sections.json").write_text('{"beats": []}\n')
    beats = out / "shift.beats"
    beats.mkdir()
    (beats / "01-intro.mp4").write_bytes(b"clip one")
    (beats / "02-shift.mp4").write_bytes(b"clip two")
    return [out / name for name in ("shift.mp4", "shift.srt", "shift.sections.json", "shift.beats")]


SHIFT = RenderKey("shift", SceneParams(), "l", "mp4")


def replace_behind_its_back(path: Path, data: bytes) -> None:
    """What a render process that outlived its command does: a new file renamed over it."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


@pytest.mark.parametrize(
    ("damage", "relative"),
    [
        ("same size", "shift.mp4"),  # another theme's video, as long as this one
        ("other bytes", "shift.mp4"),
        ("same size", "shift.beats/02-shift.mp4"),
        ("garbage", "shift.sections.json"),
        ("extra clip", "shift.beats/03-extra.mp4"),
        ("missing clip", "shift.beats/01-intro.mp4"),
        ("missing", "shift.srt"),
    ],
)
def test_outputs_changed_behind_the_record_are_not_current(
    tmp_path: Path, damage: str, relative: str
) -> None:
    manifest = Manifest(tmp_path)
    manifest.record(scene_named("shift"), SHIFT, rendered_outputs(tmp_path))
    assert manifest.is_up_to_date(scene_named("shift"), SHIFT)
    path = tmp_path / relative
    if damage == "same size":
        replace_behind_its_back(path, bytes(reversed(path.read_bytes())))
    elif damage in ("other bytes", "garbage", "extra clip"):
        replace_behind_its_back(path, b"\x00garbage{")
    else:
        path.unlink()
    assert not manifest.is_up_to_date(scene_named("shift"), SHIFT)

    shutil.rmtree(tmp_path / "shift.beats")  # the next render repairs it
    manifest.record(scene_named("shift"), SHIFT, rendered_outputs(tmp_path))
    assert manifest.is_up_to_date(scene_named("shift"), SHIFT)


def test_same_size_other_bytes_is_caught_even_in_the_same_clock_tick(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    outputs = rendered_outputs(tmp_path)
    manifest.record(scene_named("shift"), SHIFT, outputs)
    video = tmp_path / "shift.mp4"
    before = video.stat()
    with open(video, "r+b") as file:  # in place: same inode, same size
        file.write(b"VIDEO")
    os.utime(video, ns=(before.st_atime_ns, before.st_mtime_ns))
    # Same size, time and inode: only a content check could tell, and the fast path trusts
    # them, as make and rsync do. Documented here so that a change to that is deliberate.
    assert manifest.is_up_to_date(scene_named("shift"), SHIFT)
    os.utime(video, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert not manifest.is_up_to_date(scene_named("shift"), SHIFT)


@pytest.mark.parametrize("how", ["cp -r", "cp -a"])
def test_a_copied_output_folder_is_still_up_to_date(tmp_path: Path, how: str) -> None:
    original = tmp_path / "rendered"
    Manifest(original).record(scene_named("shift"), SHIFT, rendered_outputs(original))
    copy = tmp_path / "gathered"
    shutil.copytree(original, copy, copy_function=shutil.copy if how == "cp -r" else shutil.copy2)
    shutil.rmtree(original)
    assert Manifest(copy).is_up_to_date(scene_named("shift"), SHIFT)
    record = (copy / ".relu-anim" / "shift.json").read_text()
    assert str(tmp_path) not in record

    replace_behind_its_back(copy / "shift.srt", b"other captions")
    assert not Manifest(copy).is_up_to_date(scene_named("shift"), SHIFT)


DAMAGED_RECORDS = {
    "empty list": "[]",
    "deeply nested": "[" * 200_000 + "]" * 200_000,
    "outputs not a list": '{"format": 2, "fingerprint": "x", "outputs": 3, "files": {}}',
    "files a list": '{"format": 2, "fingerprint": "x", "outputs": ["shift.mp4"], "files": []}',
    "facts a string": '{"format": 2, "outputs": ["shift.mp4"], "files": {"shift.mp4": "big"}}',
    "path outside": '{"format": 2, "outputs": ["../x"], "files": {"../x": {}}}',
    "old format": '{"fingerprint": "x", "outputs": ["/abs/shift.mp4"]}',
    "not utf-8": b"\xff\xfe{".decode("latin-1"),
}


@pytest.mark.parametrize("text", DAMAGED_RECORDS.values(), ids=DAMAGED_RECORDS.keys())
def test_a_damaged_record_means_render_again_and_is_repaired(tmp_path: Path, text: str) -> None:
    manifest = Manifest(tmp_path)
    outputs = rendered_outputs(tmp_path)
    manifest.folder.mkdir()
    (manifest.folder / "shift.json").write_text(text, encoding="latin-1")
    assert not manifest.is_up_to_date(scene_named("shift"), SHIFT)
    manifest.record(scene_named("shift"), SHIFT, outputs)
    assert manifest.is_up_to_date(scene_named("shift"), SHIFT)


@pytest.mark.parametrize("damage", ["folder is a file", "record is a folder", "record is a fifo"])
def test_a_damaged_records_folder_is_repaired(tmp_path: Path, damage: str) -> None:
    manifest = Manifest(tmp_path)
    outputs = rendered_outputs(tmp_path)
    if damage == "folder is a file":
        manifest.folder.write_text("not a folder")
    elif damage == "record is a folder":
        (manifest.folder / "shift.json").mkdir(parents=True)
    else:
        manifest.folder.mkdir()
        os.mkfifo(manifest.folder / "shift.json")
    assert not manifest.is_up_to_date(scene_named("shift"), SHIFT)  # and returns: no hang
    manifest.record(scene_named("shift"), SHIFT, outputs)
    assert manifest.is_up_to_date(scene_named("shift"), SHIFT)


# -- what an output depends on beyond the source: other packages' versions --------------------


def fake_distribution(site: Path, version_text: str | None) -> None:
    """``fakepkg`` installed in ``site`` at ``version_text`` (``None``: not installed)."""
    for old in site.glob("fakepkg*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    if version_text is None:
        return
    (site / "fakepkg.py").write_text("")
    info = site / f"fakepkg-{version_text}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: fakepkg\nVersion: {version_text}\n"
    )
    (info / "top_level.txt").write_text("fakepkg\n")


def test_the_fingerprint_follows_the_optional_packages_a_scene_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "fitted.py").write_text(
        "from relu_anim.drawing import StoryScene\n\n\n"
        "class Fitted(StoryScene):\n"
        '    """A net fitted by an optional package."""\n\n'
        "    def construct(self):\n"
        "        try:\n"
        "            import fakepkg.models  # optional: the last beat differs without it\n"
        "        except ImportError:\n"
        "            pass\n"
    )
    info = catalog.read_scene_file(scenes / "fitted.py")
    key = RenderKey("fitted", SceneParams(), "l", "mp4")

    def fingerprint(version_text: str | None) -> str:
        fake_distribution(site, version_text)
        os.utime(site, ns=(0, time.time_ns()))  # as an install does: the folder changes
        return key.fingerprint(info)

    absent, installed, upgraded = fingerprint(None), fingerprint("1.0"), fingerprint("1.1")
    assert len({absent, installed, upgraded}) == 3
    assert fingerprint("1.0") == installed
    assert fingerprint(None) == absent


def test_a_scene_that_imports_no_optional_package_ignores_it() -> None:
    # Installing scikit-learn re-renders Training (its last beat), not Shift.
    from relu_anim.render.manifest import dependencies

    assert "sklearn" in dependencies(scene_named("training"))[1]
    assert "sklearn" not in dependencies(scene_named("shift"))[1]


def test_a_lecturers_helper_module_beside_the_scene_is_part_of_its_fingerprint(
    tmp_path: Path,
) -> None:
    # `from colours import ACCENT` in a scene of one's own: editing colours.py re-renders it.
    scenes = tmp_path / "mine"
    (scenes / "palette").mkdir(parents=True)
    (scenes / "colours.py").write_text('ACCENT = "#ff0000"\n')
    (scenes / "palette" / "__init__.py").write_text("from colours import ACCENT\n")
    (scenes / "dot.py").write_text(
        "from colours import ACCENT\nimport palette\n"
        "from relu_anim.drawing import StoryScene\n\n\n"
        "class Dot(StoryScene):\n"
        '    """A dot."""\n\n'
        "    def construct(self):\n"
        "        pass\n"
    )
    info = catalog.read_scene_file(scenes / "dot.py")
    assert {"mine/colours.py", "mine/palette/__init__.py"} <= {
        str(path.relative_to(tmp_path)) for path in source_files(info) if tmp_path in path.parents
    }
    key = RenderKey("dot", SceneParams(), "l", "mp4")
    before = key.fingerprint(info)
    (scenes / "colours.py").write_text('ACCENT = "#00ff00"\n')
    assert key.fingerprint(info) != before
    # neither looked up as an installed package
    from relu_anim.render.manifest import dependencies

    assert not {"colours", "palette"} & dependencies(info)[1]
