"""A full disk says so in one line, exit 2, removes the render's scratch and keeps the old files.

The first tests stay in-process (a fake ``latex``/``dvisvgm`` on ``PATH`` that fails as the real
ones do on a full disk, ``shutil.disk_usage`` replaced); the last ones render for real into a
small tmpfs filled up (root only, skipped where mounting is not allowed).
"""

from __future__ import annotations

import errno
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.render import diskspace
from relu_anim.render.diskspace import LOW_SPACE, DiskFull, is_disk_full

Usage = namedtuple("Usage", "total used free")
FULL_LINE = "free some space and render again"


@pytest.fixture
def free_bytes(monkeypatch: pytest.MonkeyPatch):
    """Set what ``shutil.disk_usage`` reports as free, for the module under test."""

    def set_free(free: int) -> None:
        monkeypatch.setattr(diskspace.shutil, "disk_usage", lambda path: Usage(1 << 40, 0, free))

    return set_free


def chained(inner: BaseException, outer: BaseException, cause: bool) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as error:
            if cause:
                raise outer from error
            raise outer  # noqa: B904 (an implicit __context__ is the point)
    except BaseException as error:
        return error


@pytest.mark.parametrize("cause", [True, False])
@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EDQUOT])
def test_no_space_anywhere_in_the_chain_is_a_full_disk(free_bytes, cause, number, tmp_path):
    free_bytes(1 << 30)
    error = chained(OSError(number, os.strerror(number)), ValueError("dvisvgm"), cause)
    assert is_disk_full(error, tmp_path)
    assert not is_disk_full(ValueError("dvisvgm"), tmp_path)
    assert not is_disk_full(chained(OSError(errno.EACCES, "denied"), ValueError(), cause), tmp_path)


def test_little_space_left_makes_a_failure_a_full_disk(free_bytes, tmp_path):
    # Manim's own errors name no errno: an empty .svg fails to parse, a missing one blames dvisvgm.
    free_bytes(LOW_SPACE - 1)
    assert is_disk_full(ValueError("Consider updating dvisvgm"), tmp_path)
    free_bytes(LOW_SPACE)
    assert not is_disk_full(ValueError("Consider updating dvisvgm"), tmp_path)


def test_disk_full_is_one_line_naming_the_folder_and_survives_a_pool(tmp_path):
    error = pickle.loads(pickle.dumps(DiskFull(tmp_path)))
    assert isinstance(error, OSError)
    assert error.errno == errno.ENOSPC
    assert str(error) == f"no space left on {tmp_path}: {FULL_LINE}"


def fake_tool(folder: Path, name: str, stderr: str, status: int) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\nprintf '{stderr}' >&2\nexit {status}\n")
    tool.chmod(0o755)


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_dvisvgm_on_a_full_disk_raises_no_space_and_prints_nothing(fake_bin, tmp_path, capfd):
    from manim.utils import tex_file_writing

    # What the real dvisvgm said on a full tmpfs, and its status.
    fake_tool(fake_bin, "dvisvgm", "fclose: No space left on device\\n" * 3, 255)
    dvi = tmp_path / "formula.dvi"
    dvi.write_bytes(b"")
    with pytest.raises(ValueError, match="Consider updating dvisvgm"):  # without: Manim's words
        tex_file_writing.convert_to_svg(dvi, ".dvi")
    capfd.readouterr()
    with (
        diskspace.quiet_tex_tools(),
        pytest.raises(OSError, match="No space left on device") as caught,
    ):
        tex_file_writing.convert_to_svg(dvi, ".dvi")
    assert caught.value.errno == errno.ENOSPC
    assert "fclose" not in capfd.readouterr().err
    assert tex_file_writing.subprocess is subprocess  # put back


def test_latex_exiting_0_on_a_full_disk_raises_no_space(fake_bin, tmp_path, capfd):
    from manim.utils import tex_file_writing

    # The real latex exits 0 with an empty .dvi and says so only on stderr.
    fake_tool(fake_bin, "latex", "fclose: No space left on device\\n", 0)
    tex = tmp_path / "formula.tex"
    tex.write_text("x")
    with (
        diskspace.quiet_tex_tools(),
        pytest.raises(OSError, match="No space left on device") as caught,
    ):
        tex_file_writing.compile_tex(tex, "latex", ".dvi")
    assert caught.value.errno == errno.ENOSPC
    assert capfd.readouterr().err == ""


def test_tex_tools_other_messages_are_passed_on(fake_bin, tmp_path, capfd):
    from manim.utils import tex_file_writing

    fake_tool(fake_bin, "dvisvgm", "WARNING: font cmr10 not found\\n", 0)
    dvi = tmp_path / "formula.dvi"
    dvi.write_bytes(b"")
    with diskspace.quiet_tex_tools(), pytest.raises(ValueError, match="dvisvgm"):
        tex_file_writing.convert_to_svg(dvi, ".dvi")  # no .svg: Manim's own error, as before
    assert "WARNING: font cmr10 not found" in capfd.readouterr().err


def working_in(work_dir: Path, failure: BaseException) -> BaseException:
    from relu_anim.render.scene import _working_in

    tex_cache = work_dir.parent / "Tex"
    work_dir.mkdir(parents=True)  # as render_scene makes it
    try:
        with _working_in(work_dir, {"media_dir": str(work_dir)}, tex_cache):
            (work_dir / "videos").mkdir(parents=True)
            (work_dir / "videos" / "partial.mp4").write_bytes(b"\0" * 4096)
            raise failure
    except BaseException as error:
        return error
    raise AssertionError("the failure was swallowed")


def test_a_full_disk_removes_the_scratch_and_names_the_output_folder(free_bytes, tmp_path):
    free_bytes(1 << 30)
    work_dir = tmp_path / "out" / ".work" / "neuron"
    error = working_in(work_dir, OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(error, DiskFull)
    assert str(error) == f"no space left on {tmp_path / 'out'}: {FULL_LINE}"
    assert not work_dir.exists()


def test_other_failures_keep_the_scratch_and_their_error(free_bytes, tmp_path):
    free_bytes(1 << 30)
    work_dir = tmp_path / "out" / ".work" / "neuron"
    failure = ValueError("a scene's own bug")
    assert working_in(work_dir, failure) is failure
    assert (work_dir / "videos" / "partial.mp4").exists()


def test_cli_says_disk_full_once_with_exit_2(tmp_path, monkeypatch):
    import relu_anim.render.scene

    out = tmp_path / "out"

    def full(*args: object, **kwargs: object) -> None:
        raise DiskFull(out)

    monkeypatch.setattr(relu_anim.render.scene, "render_scene", full)
    result = CliRunner().invoke(main, ["render", "neuron", "-q", "l", "--force", "-o", str(out)])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "rendering ..." not in line]
    assert errors == [f"relu-anim: error: no space left on {out}: {FULL_LINE}"]


# -- for real: a small tmpfs as the output folder, filled up ---------------------------------------

OLD_FILES = {
    "neuron.mp4": b"old video " * 5000,
    "neuron.srt": b"1\n00:00:00,000 --> 00:00:01,000\nold\n",
    "neuron.sections.json": b'{"old": true}\n',
    "neuron.beats/01-old.mp4": b"old clip " * 100,
}


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, keep: int) -> int:
    """Fill the file system of ``folder`` up to ``keep`` free bytes; return the free bytes."""
    free = shutil.disk_usage(folder).free
    with open(folder / "filler", "wb") as filler:
        os.posix_fallocate(filler.fileno(), 0, free - keep)
    return shutil.disk_usage(folder).free


CLI = [sys.executable, "-m", "relu_anim.cli"]


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))  # a runaway render fails the test


@pytest.mark.render
@pytest.mark.parametrize(
    "keep",
    [
        pytest.param(0, id="tex-file"),  # Python's write of the .tex fails
        pytest.param(20 * 1024, id="latex"),  # latex says fclose and exits 0
        pytest.param(1536 * 1024, id="movie"),  # the formulas fit, the movie does not
    ],
)
def test_render_on_a_full_disk(small_disk: Path, keep: int) -> None:
    out = small_disk / "out"
    for name, data in OLD_FILES.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    free = fill(small_disk, keep)
    done = subprocess.run(
        [*CLI, "render", "neuron", "-q", "l", "--force", "-o", str(out)],
        cwd=small_disk.parent,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limited,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    # Besides Manim's progress bars (one scene renders with them), one line.
    pieces = (piece.strip() for line in done.stderr.splitlines() for piece in line.split("\r"))
    lines = [piece for piece in pieces if piece and not re.search(r"\d+/\d+ \[.*it/s\]$", piece)]
    assert lines == [f"relu-anim: error: no space left on {out}: {FULL_LINE}"]
    assert "Traceback" not in done.stderr
    assert "fclose" not in done.stderr
    for name, data in OLD_FILES.items():
        assert (out / name).read_bytes() == data, name
    assert not (out / ".work" / "neuron").exists()
    leftovers = [p for p in out.rglob("*") if "partial" in p.name or p.suffix in (".tex", ".dvi")]
    assert leftovers == []
    assert shutil.disk_usage(small_disk).free >= free  # all it wrote is gone
