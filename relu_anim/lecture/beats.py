"""A rendered scene's beats, read from the ``<scene>.sections.json`` the render writes.

The schema is :mod:`relu_anim.storyboard`'s; this module reads it with every text made plain
(:mod:`relu_anim.lecture.text`), once, so that every writer of the pack (captions, page,
slides, handout) works from the same times and the same safe text. Fields the storyboard base
may not write yet (title, maths, notes, poster) get fallbacks.
"""

from __future__ import annotations

from pathlib import Path

from relu_anim.lecture.text import one_line, plain
from relu_anim.storyboard import Beat, read_record
from relu_anim.storyboard import RecordError as BeatsError
from relu_anim.storyboard import SceneRecord as SceneBeats

__all__ = ["Beat", "BeatsError", "SceneBeats", "read_beats"]


def read_beats(path: Path, title: str = "", maths: str = "") -> SceneBeats:
    """:func:`~relu_anim.storyboard.read_record` with every text made plain (its errors are
    :class:`BeatsError`); ``title`` and ``maths`` are fallbacks.

    Examples
    --------
    >>> import json, tempfile
    >>> beat = {"name": "a\\u001b b", "caption": "A.", "start": 0, "end": 1.5}
    >>> path = Path(tempfile.mkdtemp()) / "s.sections.json"
    >>> _ = path.write_text(json.dumps({"beats": [beat]}))
    >>> [beat.name for beat in read_beats(path).beats]  # a control character, made a space
    ['a b']
    """
    return read_record(path, title, maths, text=plain, line=one_line)
