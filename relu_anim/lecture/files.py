"""Files written whole or not at all: a temporary name beside the target, then one rename.

Every file of the lecture pack goes through here, so Ctrl-C or a crash leaves the previous
file or none, never half of one, and a reader never sees a file being written.
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


def write_with(target: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary_path)``, then rename the result onto ``target``.

    If ``write`` raises (or Ctrl-C arrives), the temporary file is removed and ``target`` is
    left as it was.

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
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def write_text(target: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    return write_with(target, lambda path: path.write_text(text, encoding="utf-8"))


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
    """

    if target.exists() and os.path.samefile(source, target):
        # Already the same file; renaming a second link onto it would do nothing (POSIX) and
        # leave the temporary name behind.
        return target

    def place(path: Path) -> None:
        try:
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)

    return write_with(target, place)


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
