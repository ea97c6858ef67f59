"""What renders keep for later renders, under ``<out>/.work/`` and ``<out>/.relu-anim/``.

None of it is the user's work: records of what is up to date, split costs, typeset formulas,
Manim's scratch. Any of it may be damaged or deleted (a file where a folder belongs, a
truncated or hand-edited record), and the next run repairs it: a reader treats what it cannot
use as absent (:func:`read_json`), and a writer replaces what stands in its way
(:func:`folder`).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

# A record is a few kilobytes; a bigger file is not one of ours, and is not read whole.
MAX_RECORD_BYTES = 1 << 20


def folder(path: Path, root: Path) -> Path:
    """Make ``path`` a folder, replacing whatever holds its name or a parent's below ``root``.

    ``root`` (the output folder) is the user's and is never replaced; a file or a dangling
    link at ``root/.work`` or deeper is state and is. Returns ``path``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = (out / ".work").write_text("not a folder")
    >>> folder(out / ".work" / "Tex", out).is_dir()
    True
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except (FileExistsError, NotADirectoryError):
        pass
    below = path.relative_to(root).parts
    current = root
    for part in below:
        current = current / part
        if current.is_dir():
            continue
        if current.is_symlink() or current.exists():
            remove(current)
        current.mkdir(exist_ok=True)  # another render may have just made it
    return path


def remove(path: Path) -> None:
    """Remove a file, a link or a whole folder; what is already gone is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def read_json(path: Path, limit: int = MAX_RECORD_BYTES) -> object | None:
    """The JSON value in ``path``, or ``None`` when it is missing, not a regular file, larger
    than ``limit`` bytes, not JSON, or nested too deep to parse.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "record.json"
    >>> _ = path.write_text("[" * 100_000)
    >>> read_json(path) is None
    True
    """
    try:
        # Non-blocking: a FIFO in the record's place must not hang the run.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
