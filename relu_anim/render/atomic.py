"""Files and folders written whole or not at all: a temporary name beside the target, one rename.

Everything relu-anim writes goes through here (a render's video, captions, sections and beat
clips, a Dask worker's files, the up-to-date records, split costs, typeset formulas, every file
of the lecture pack), so Ctrl-C, a killed process or a full disk leaves the previous file or
none, never half of one, and a reader never sees a file being written. A folder (the beat
clips) is filled under a temporary name and swapped in with two renames: a reader sees the old
folder, the new one or, for an instant, none, never a mix.

Temporary names start with a dot and end in the process id (``.shift.mp4.partial-4711``,
``.shift.beats.old-4711``), so two processes never share one and listings skip them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def partial_path(target: Path) -> Path:
    """The temporary name ``target`` is written under before the rename.

    Examples
    --------
    >>> partial_path(Path("pack/square.mp4")).name.startswith(".square.mp4.partial-")
    True
    """
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def old_path(target: Path) -> Path:
    """The name a folder being replaced is moved to, for the instant of the swap.

    Examples
    --------
    >>> old_path(Path("out/shift.beats")).name.startswith(".shift.beats.old-")
    True
    """
    return target.with_name(f".{target.name}.old-{os.getpid()}")


def write_with(target: Path, write: Callable[[Path], object], sync: bool = False) -> Path:
    """Call ``write(temporary_path)``, then rename the result onto ``target``.

    If ``write`` raises (or Ctrl-C arrives), the temporary file is removed and ``target`` is
    left as it was. ``sync`` flushes the file to disk before the rename, so that after a power
    cut the name holds the new content or the old, not an empty file (for small records).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_with(folder / "a.txt", lambda path: path.write_text("hello")).read_text()
    'hello'
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    try:
        write(partial)
        if sync:
            _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # a full disk would keep half a file here
        raise
    return target


def write_text(target: Path, text: str, sync: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically; see :func:`write_with`.

    Examples
    --------
    >>> import tempfile
    >>> write_text(Path(tempfile.mkdtemp()) / "a.json", "{}\\n", sync=True).read_text()
    '{}\\n'
    """
    return write_with(target, lambda path: path.write_text(text, encoding="utf-8"), sync)


def write_bytes(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; see :func:`write_with`."""
    return write_with(target, lambda path: path.write_bytes(data))


def write_text_if_changed(target: Path, text: str) -> bool:
    """Write ``text`` to ``target`` atomically unless it already holds exactly that.

    Returns whether the file was written, so a rebuild with nothing new touches nothing.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_text_if_changed(path, "x"), write_text_if_changed(path, "x")
    (True, False)
    """
    try:
        if target.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_text(target, text)
    return True


def link_or_copy(source: Path, target: Path) -> Path:
    """Put a copy of ``source`` at ``target`` atomically: a hard link when possible.

    A hard link costs nothing and is safe here because no file is ever changed in place: a
    new render renames a new file over the old name, and the link keeps the old content.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_text("x")
    >>> link_or_copy(folder / "a", folder / "b").read_text()
    'x'
    """

    if target.exists() and os.path.samefile(source, target):
        # Already the same file; renaming a second link onto it would do nothing (POSIX) and
        # leave the temporary name behind.
        return target

    def place(path: Path) -> None:
        try:
            os.link(source, path)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source, path)

    return write_with(target, place)


def move_into_place(source: Path, target: Path) -> Path:
    """Rename the finished file ``source`` onto ``target`` in one step (same file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return target


def swap_folder(source: Path, target: Path) -> Path:
    """Put the finished folder ``source`` in place of ``target`` with two renames."""
    old = old_path(target)
    if target.exists():
        os.replace(target, old)
    os.replace(source, target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def fill_folder(target: Path, fill: Callable[[Path], object]) -> Path:
    """Call ``fill(temporary_folder)`` on a new empty folder, then swap it in for ``target``.

    If ``fill`` raises, the temporary folder is removed and ``target`` is left as it was.

    Examples
    --------
    >>> import tempfile
    >>> clips = Path(tempfile.mkdtemp()) / "shift.beats"
    >>> _ = fill_folder(clips, lambda path: (path / "01-a.mp4").write_bytes(b""))
    >>> [path.name for path in clips.iterdir()]
    ['01-a.mp4']
    """
    partial = partial_path(target)
    shutil.rmtree(partial, ignore_errors=True)
    try:
        partial.mkdir()
        fill(partial)
        return swap_folder(partial, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def remove_quietly(*paths: Path) -> None:
    """Remove files or folders that may not exist."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be written in it.

    Raises
    ------
    OSError
        When the folder cannot be created or written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".write-probe-{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
