"""Every write goes through relu_anim.render.atomic, and what it promises holds when a write
fails: the old file or folder stays, and no temporary name is left behind."""

from __future__ import annotations

import ast
import fcntl
from pathlib import Path

import pytest

from relu_anim.render import atomic
from relu_anim.render.layout import OutputLayout, lock_for

PACKAGE = Path(__file__).resolve().parent.parent / "relu_anim"


class Broke(RuntimeError):
    pass


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name or ".old-" in p.name)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "shift.sections.json"
    target.write_text("old")

    def half(path: Path) -> None:
        path.write_text("half of the new")
        raise Broke

    with pytest.raises(Broke):
        atomic.write_with(target, half)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []
    atomic.write_text(target, "new", sync=True)
    assert target.read_text() == "new"
    assert leftovers(tmp_path) == []


def test_a_failed_folder_fill_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    clips = tmp_path / "shift.beats"
    clips.mkdir()
    (clips / "01-old.mp4").write_bytes(b"old")

    def half(folder: Path) -> None:
        (folder / "01-new.mp4").write_bytes(b"new")
        raise Broke

    with pytest.raises(Broke):
        atomic.fill_folder(clips, half)
    assert [p.name for p in clips.iterdir()] == ["01-old.mp4"]
    assert leftovers(tmp_path) == []
    atomic.fill_folder(clips, lambda folder: (folder / "01-new.mp4").write_bytes(b"new"))
    assert [p.name for p in clips.iterdir()] == ["01-new.mp4"]
    assert leftovers(tmp_path) == []


def test_a_link_onto_the_same_file_leaves_no_temporary(tmp_path: Path) -> None:
    source = tmp_path / "a.mp4"
    source.write_bytes(b"video")
    copy = atomic.link_or_copy(source, tmp_path / "pack" / "a.mp4")
    assert atomic.link_or_copy(source, copy) == copy
    assert copy.read_bytes() == b"video"
    assert leftovers(copy.parent) == []


def _calls(tree: ast.AST) -> set[str]:
    """``os.replace``-like calls: renames and moves that put a file in place."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = node.func.attr
            if isinstance(owner, ast.Name) and (owner.id, name) in {
                ("os", "replace"),
                ("os", "rename"),
                ("shutil", "move"),
            }:
                found.add(f"{owner.id}.{name}")
            elif name == "rename":
                found.add(".rename")
            elif name == "replace" and len(node.args) == 1 and not node.keywords:
                found.add(".replace")  # Path.replace(target); str.replace takes two
    return found


def test_no_module_renames_files_itself() -> None:
    renaming = {
        path.relative_to(PACKAGE.parent).as_posix(): sorted(calls)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "atomic.py"
        and (calls := _calls(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert renaming == {}
    assert _calls(ast.parse((PACKAGE / "render" / "atomic.py").read_text())) >= {"os.replace"}


OUTPUT_NAMES = (".work", ".relu-anim", ".beats", ".sections.json", ".split.json", ".srt", ".lock")


def _literals(tree: ast.AST) -> set[str]:
    return {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for name in OUTPUT_NAMES
        if node.value.endswith(name) or node.value.startswith(name + "/")
    }


def test_only_the_layout_names_the_render_outputs() -> None:
    # The whole package: the lecture pack lays its folder out with the same names.
    named = {
        path.relative_to(PACKAGE).as_posix(): sorted(found)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "layout.py" and (found := _literals(ast.parse(path.read_text())))
    }
    assert named == {}
    assert _literals(ast.parse((PACKAGE / "render" / "layout.py").read_text())) >= {
        ".work",
        ".relu-anim",
        ".beats",
        ".sections.json",
        ".split.json",
        ".srt",
    }


def test_the_layout_names_a_job_files_as_the_readme_says(tmp_path: Path) -> None:
    paths = OutputLayout(tmp_path, "shift.light.9x16.h", "webm")
    named = {
        path.relative_to(tmp_path).as_posix()
        for path in (
            paths.video,
            paths.captions,
            paths.sections,
            paths.clips,
            paths.record,
            paths.split_costs,
            paths.work,
            paths.tex_cache,
            paths.piece_work(1),
            paths.plan_work,
        )
    }
    assert named == {
        "shift.light.9x16.h.webm",
        "shift.light.9x16.h.srt",
        "shift.light.9x16.h.sections.json",
        "shift.light.9x16.h.beats",
        ".relu-anim/shift.light.9x16.h.json",
        ".relu-anim/shift.light.9x16.h.split.json",
        ".work/shift.light.9x16.h",
        ".work/Tex",
        ".work/shift.light.9x16.h.split/2",
        ".work/shift.light.9x16.h.split/plan",
    }


def test_variants_that_differ_after_a_dot_hold_their_own_locks(tmp_path: Path) -> None:
    # Stems of one scene in two qualities (and a split piece's folders): a render of one must
    # not wait for a render of another.
    layouts = [OutputLayout(tmp_path, f"shift.dark.16x9.{q}") for q in ("l", "h", "k")]
    works = [w for p in layouts for w in (p.work, p.piece_work(0), p.piece_work(1), p.plan_work)]
    locks = [lock_for(work) for work in works]
    assert len(set(locks)) == len(works)
    assert [lock.parent for lock in locks] == [work.parent for work in works]
    assert [lock.name for lock in locks[:2]] == ["shift.dark.16x9.l.lock", "1.lock"]
    for work in works:
        work.parent.mkdir(parents=True, exist_ok=True)
    with open(locks[0], "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        for other in locks[1:]:
            with open(other, "a") as free:
                fcntl.flock(free, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if it had to wait
        with open(locks[0], "a") as same, pytest.raises(BlockingIOError):
            fcntl.flock(same, fcntl.LOCK_EX | fcntl.LOCK_NB)
