"""Tell a full disk from a broken render, and keep the TeX tools quiet about it.

On a full disk LaTeX exits 0 with an empty ``.dvi`` and prints ``fclose: No space left on
device``; dvisvgm then writes no ``.svg`` (or an empty one) and Manim blames the dvisvgm
version, or fails to parse the empty file. None of that names the disk. A render that fails
is therefore checked here: an ``ENOSPC`` anywhere in its exception chain, or less than
:data:`LOW_SPACE` free where it was writing, is a full disk (:func:`is_disk_full`), reported as
:class:`DiskFull`.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["LOW_SPACE", "DiskFull", "is_disk_full", "quiet_tex_tools"]

#: Free bytes below which a failed render is put down to the disk: a TeX formula needs tens of
#: kB and a partial movie more, so a render failing with less than this left could not finish.
LOW_SPACE = 1 << 20

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# How latex, dvisvgm and ffmpeg say it (C locale) and how this machine's C library says it.
_FULL_WORDS = {b"No space left on device", b"Disk quota exceeded"} | {
    os.strerror(number).encode() for number in _FULL_ERRNOS
}


class DiskFull(OSError):
    """The disk under ``folder`` is full: one line naming it and the fix.

    Examples
    --------
    >>> str(DiskFull("/media/out"))
    'no space left on /media/out: free some space and render again'
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        super().__init__(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(folder))

    def __str__(self) -> str:
        return f"no space left on {self.filename}: free some space and render again"

    def __reduce__(self) -> tuple[type[DiskFull], tuple[str]]:
        # Sent back from pool workers: rebuilt from the folder alone.
        return (type(self), (self.filename,))


def is_disk_full(error: BaseException, folder: Path) -> bool:
    """Whether ``error`` came from a full disk: ``ENOSPC`` (or ``EDQUOT``) in its chain, or
    less than :data:`LOW_SPACE` bytes free to us under ``folder``.

    Examples
    --------
    >>> is_disk_full(OSError(errno.ENOSPC, "No space left on device"), Path("/"))
    True
    """
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS:
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


class _QuietTools:
    """Stands in for the ``subprocess`` module inside Manim's TeX writer (see below)."""

    DEVNULL = subprocess.DEVNULL
    PIPE = subprocess.PIPE
    CalledProcessError = subprocess.CalledProcessError

    @staticmethod
    def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
        options.setdefault("stderr", subprocess.PIPE)
        done = subprocess.run(command, **options)
        said = done.stderr or b""
        if isinstance(said, bytes) and any(words in said for words in _FULL_WORDS):
            outputs = ("-output-directory=", "--output=")
            where = next((part for part in command if part.startswith(outputs)), command[-1])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), f"{command[0]} {where}")
        if said:
            text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
            sys.stderr.write(text)
            sys.stderr.flush()
        return done


@contextmanager
def quiet_tex_tools() -> Iterator[None]:
    """Run Manim's ``latex`` and ``dvisvgm`` with their stderr held back: a full disk raises
    ``ENOSPC`` instead of printing raw ``fclose`` lines; anything else they say is passed on.

    Manim runs them through ``manim.utils.tex_file_writing.subprocess.run`` with stderr
    inherited; that module's name for ``subprocess`` is swapped while the context is open.
    """
    from manim.utils import tex_file_writing

    original = getattr(tex_file_writing, "subprocess", None)
    if original is not subprocess:  # another Manim, or already quietened: leave it alone
        yield
        return
    tex_file_writing.subprocess = _QuietTools  # type: ignore[assignment]
    try:
        yield
    finally:
        tex_file_writing.subprocess = original
