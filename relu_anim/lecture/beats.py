"""A rendered scene's beats, read from the ``<scene>.sections.json`` the render writes.

The render owns that file; this module reads it into plain frozen dataclasses and checks it,
so that every writer of the pack (captions, page, slides, handout) works from the same times.
Fields the storyboard base may not write yet (title, maths, notes, poster) get fallbacks.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from relu_anim.captions.cues import Cue
from relu_anim.lecture.text import one_line, plain


class BeatsError(ValueError):
    """A sections file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat: a named stretch of the video with its caption and optional speaker notes.

    Examples
    --------
    >>> Beat(0, "one_relu", "A ramp.", None, 0.0, 2.5).title
    'One ReLU'
    """

    index: int
    name: str
    caption: str
    notes: str | None
    start: float
    end: float
    #: The caption as the render cut and timed it into subtitle cues (``sections.json``).
    given_cues: tuple[Cue, ...] = ()

    @property
    def cues(self) -> tuple[Cue, ...]:
        """The beat's subtitle cues: the render's, else the whole caption over the whole beat
        (a sections file written before renders cut captions, or by hand).

        Examples
        --------
        >>> [cue.text for cue in Beat(0, "a", "One unit.", None, 0.0, 2.5).cues]
        ['One unit.']
        """
        return self.given_cues or (Cue(self.caption, self.start, self.end),)

    @property
    def title(self) -> str:
        """The beat's name as a chapter title: words, first one capitalised, ReLU spelt so."""
        words = self.name.replace("_", " ").replace("-", " ").strip()
        words = re.sub(r"\brelu(s?)\b", r"ReLU\1", words, flags=re.IGNORECASE)
        return words[:1].upper() + words[1:] if words else f"Beat {self.index + 1}"

    @property
    def speaker_notes(self) -> str:
        """What a presenter reads: the beat's notes when it has them, else its caption."""
        return self.notes or self.caption

    @property
    def slug(self) -> str:
        """File-name stem of the beat's clip and frame, e.g. ``01-one_relu``.

        Examples
        --------
        >>> Beat(0, "one relu!", "", None, 0.0, 1.0).slug
        '01-one_relu'
        """
        safe = re.sub(r"[^A-Za-z0-9_-]+", "_", self.name).strip("_") or "beat"
        return f"{self.index + 1:02d}-{safe}"


@dataclass(frozen=True, slots=True)
class SceneBeats:
    """Everything the pack needs to know about one rendered scene's storyboard."""

    scene: str
    title: str
    maths: str
    beats: tuple[Beat, ...]
    poster_beat: str
    poster_time: float

    @property
    def duration(self) -> float:
        """End of the last beat, in seconds."""
        return self.beats[-1].end


def read_beats(path: Path, title: str = "", maths: str = "") -> SceneBeats:
    """Read and check ``<scene>.sections.json``; ``title`` and ``maths`` are fallbacks.

    Raises
    ------
    BeatsError
        When the file is missing, not JSON, has no beats, or its times are not increasing.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "s.sections.json"
    >>> _ = path.write_text('{"scene": "s", "beats": [{"name": "a", "caption": "A.", '
    ...                     '"start": 0, "end": 1.5}]}')
    >>> read_beats(path, title="A scene").poster_time
    1.5
    """
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BeatsError(f"{path} is missing; render the scene again") from None
    except (OSError, ValueError) as error:
        raise BeatsError(f"{path} cannot be read ({error}); render the scene again") from None
    except RecursionError:
        raise BeatsError(f"{path} is nested too deep to read; render the scene again") from None
    if not isinstance(record, dict) or not isinstance(record.get("beats"), list):
        raise BeatsError(f"{path} has no list of beats; render the scene again")
    beats = tuple(_beat(path, index, item) for index, item in enumerate(record["beats"]))
    if not beats:
        raise BeatsError(f"{path} has no beats; every scene needs at least one self.beat(...)")
    for before, after in itertools.pairwise(beats):
        if after.start < before.end - 1e-6:
            raise BeatsError(f"{path}: beat {after.name!r} starts before {before.name!r} ends")
    poster = record.get("poster")
    if not isinstance(poster, dict):
        poster = {}
    poster_time = _number(poster.get("time", beats[-1].end), path, "poster time")
    poster_time = min(max(poster_time, 0.0), beats[-1].end)
    return SceneBeats(
        scene=one_line(str(record.get("scene") or path.name.removesuffix(".sections.json"))),
        title=one_line(str(record.get("title") or title or record.get("scene") or "")),
        maths=plain(str(record.get("maths") or maths or "")),
        beats=beats,
        poster_beat=one_line(str(poster.get("beat") or beats[-1].name)),
        poster_time=poster_time,
    )


def _beat(path: Path, index: int, item: Any) -> Beat:
    if not isinstance(item, dict):
        raise BeatsError(f"{path}: beat {index} is not an object")
    start = _number(item.get("start"), path, f"beat {index} start")
    end = _number(item.get("end"), path, f"beat {index} end")
    if end < start:
        raise BeatsError(f"{path}: beat {index} ends at {end} before it starts at {start}")
    # Whoever wrote the file, its text is made plain here, once, for every writer of the pack.
    notes = plain(str(item.get("notes") or ""))
    return Beat(
        index=index,
        name=one_line(str(item.get("name") or "")) or f"beat{index + 1}",
        caption=plain(str(item.get("caption") or "")),
        notes=notes or None,
        start=start,
        end=end,
        given_cues=_cues(item.get("cues"), start, end),
    )


def _cues(items: Any, start: float, end: float) -> tuple[Cue, ...]:
    """The render's cues of one beat (text, finite times in order within the beat), or ()
    when they are missing or odd: then the caption is one cue."""
    if not isinstance(items, list):
        return ()
    cues = []
    for item in items:
        if not isinstance(item, dict):
            return ()
        text = plain(str(item.get("text") or ""))
        start_at, end_at = item.get("start"), item.get("end")
        if not text or not _finite(start_at) or not _finite(end_at):
            return ()
        cues.append(Cue(text, float(start_at), float(end_at)))
    bounds = [start] + [time for cue in cues for time in (cue.start, cue.end)] + [end]
    if any(later < earlier - 1e-6 for earlier, later in itertools.pairwise(bounds)):
        return ()
    return tuple(cues)


def _finite(value: object) -> TypeGuard[float]:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _number(value: Any, path: Path, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BeatsError(f"{path}: {what} is not a number ({value!r})")
    return float(value)
