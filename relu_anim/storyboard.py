"""The storyboard record of a rendered scene: what ``<scene>.sections.json`` holds.

One schema, no Manim import: a render writes the record (:meth:`SceneRecord.to_json`), and
the split planner, the lecture pack and anyone else read it back (:func:`read_record`). A
beat's clip is named here too (:func:`clip_name`), for the render that cuts the clips, the
split that joins them and the pack that links them.

The file::

    {"scene": "shift", "title": "...", "maths": "...",
     "poster": {"beat": "sweep", "time": 12.5},
     "beats": [{"index": 0, "name": "intro", "caption": "...",
                "cues": [{"text": "...", "start": 0.0, "end": 3.2}], "notes": null,
                "start": 0.0, "end": 3.2}, ...]}

``cues`` is the caption as the render cut and timed it into subtitles
(:mod:`relu_anim.captions.cues`). A narrated render's beats also hold ``"said"``: the words the
voice spoke over the beat (the transcript); a silent render's have no such key.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from relu_anim.captions.cues import Cue


def beat_slug(number: int, name: str) -> str:
    """The file-name stem of beat ``number``'s clip (counted from 1): ``NN-<name>``.

    Every run of characters other than letters, digits, ``_`` and ``-`` becomes one ``_``.

    Examples
    --------
    >>> beat_slug(3, "two relus!"), beat_slug(12, "???")
    ('03-two_relus', '12-beat')
    """
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "beat"
    return f"{number:02d}-{safe}"


def clip_name(number: int, name: str) -> str:
    """The file name of beat ``number``'s clip (counted from 1) in ``<scene>.beats/``.

    Examples
    --------
    >>> clip_name(3, "two relus!")
    '03-two_relus.mp4'
    """
    return beat_slug(number, name) + ".mp4"


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
    #: What the voice said over the beat; ``None`` when the render was silent.
    said: str | None = None

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
        return beat_slug(self.index + 1, self.name)

    def as_json(self) -> dict[str, object]:
        """The beat as the record's ``beats`` list holds it."""
        beat = {
            "index": self.index,
            "name": self.name,
            "caption": self.caption,
            "cues": [{"text": c.text, "start": c.start, "end": c.end} for c in self.given_cues],
            "notes": self.notes,
            "start": self.start,
            "end": self.end,
        }
        if self.said is not None:
            beat["said"] = self.said
        return beat


@dataclass(frozen=True, slots=True)
class SceneRecord:
    """A rendered scene's storyboard: its title and maths, its beats, its poster frame."""

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

    def to_json(self) -> str:
        """The record as ``<scene>.sections.json`` holds it (UTF-8 text, one trailing newline).

        Examples
        --------
        >>> record = SceneRecord("s", "S", "", (Beat(0, "a", "A.", None, 0.0, 1.5),), "a", 1.5)
        >>> read_text(record.to_json()) == record
        True
        """
        record = {
            "scene": self.scene,
            "title": self.title,
            "maths": self.maths,
            "poster": {"beat": self.poster_beat, "time": self.poster_time},
            "beats": [beat.as_json() for beat in self.beats],
        }
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def scene_record(
    scene: str,
    title: str,
    maths: str,
    beats: Iterable[Beat],
    poster: Beat,
) -> SceneRecord:
    """The record of a scene whose storyboard ran: its ``beats`` in order and its ``poster``
    beat (the render passes ``StoryScene.beats`` and ``StoryScene.poster_beat()``).

    Examples
    --------
    >>> beats = (Beat(0, "a", "A.", None, 0.0, 1.0), Beat(1, "b", "B.", None, 1.0, 2.5))
    >>> record = scene_record("s", "S", "", beats, beats[0])
    >>> record.poster_beat, record.poster_time, record.duration
    ('a', 1.0, 2.5)
    """
    return SceneRecord(
        scene=scene,
        title=title,
        maths=maths,
        beats=tuple(beats),
        poster_beat=poster.name,
        poster_time=poster.end,
    )


class RecordError(ValueError):
    """A sections file that cannot be used; the message names the file and the problem."""


def _same(text: str) -> str:
    return text


def read_record(
    path: Path,
    title: str = "",
    maths: str = "",
    text: Callable[[str], str] = _same,
    line: Callable[[str], str] = _same,
) -> SceneRecord:
    """Read and check ``<scene>.sections.json``; ``title`` and ``maths`` are fallbacks.

    ``text`` and ``line`` clean the captions and notes, and the names and title, of a file
    that came from outside (the lecture pack makes them plain, see ``relu_anim.lecture.text``).

    Raises
    ------
    RecordError
        When the file is missing, not JSON, has no beats, or its times are not increasing.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "s.sections.json"
    >>> _ = path.write_text('{"scene": "s", "beats": [{"name": "a", "caption": "A.", '
    ...                     '"start": 0, "end": 1.5}]}')
    >>> read_record(path, title="A scene").poster_time
    1.5
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(f"{path} is missing; render the scene again") from None
    except (OSError, ValueError) as error:
        raise RecordError(f"{path} cannot be read ({error}); render the scene again") from None
    except RecursionError:
        raise RecordError(f"{path} is nested too deep to read; render the scene again") from None
    return parse_record(data, path, title, maths, text, line)


def read_text(json_text: str) -> SceneRecord:
    """The record in ``json_text`` (as :meth:`SceneRecord.to_json` wrote it)."""
    return parse_record(json.loads(json_text), Path("<text>"))


def parse_record(
    data: object,
    path: Path,
    title: str = "",
    maths: str = "",
    text: Callable[[str], str] = _same,
    line: Callable[[str], str] = _same,
) -> SceneRecord:
    """The record in ``data`` (parsed JSON read from ``path``); see :func:`read_record`."""
    if not isinstance(data, dict) or not isinstance(data.get("beats"), list):
        raise RecordError(f"{path} has no list of beats; render the scene again")
    beats = tuple(_beat(path, index, item, text, line) for index, item in enumerate(data["beats"]))
    if not beats:
        raise RecordError(f"{path} has no beats; every scene needs at least one self.beat(...)")
    for before, after in itertools.pairwise(beats):
        if after.start < before.end - 1e-6:
            raise RecordError(f"{path}: beat {after.name!r} starts before {before.name!r} ends")
    poster = data.get("poster")
    if not isinstance(poster, dict):
        poster = {}
    poster_time = _number(poster.get("time", beats[-1].end), path, "poster time")
    poster_time = min(max(poster_time, 0.0), beats[-1].end)
    return SceneRecord(
        # A hand-written file without its scene: the name its file starts with.
        scene=line(str(data.get("scene") or path.name.split(".")[0])),
        title=line(str(data.get("title") or title or data.get("scene") or "")),
        maths=text(str(data.get("maths") or maths or "")),
        beats=beats,
        poster_beat=line(str(poster.get("beat") or beats[-1].name)),
        poster_time=poster_time,
    )


def _beat(
    path: Path, index: int, item: object, text: Callable[[str], str], line: Callable[[str], str]
) -> Beat:
    if not isinstance(item, dict):
        raise RecordError(f"{path}: beat {index} is not an object")
    start = _number(item.get("start"), path, f"beat {index} start")
    end = _number(item.get("end"), path, f"beat {index} end")
    if end < start:
        raise RecordError(f"{path}: beat {index} ends at {end} before it starts at {start}")
    notes = text(str(item.get("notes") or ""))
    return Beat(
        index=index,
        name=line(str(item.get("name") or "")) or f"beat{index + 1}",
        caption=text(str(item.get("caption") or "")),
        notes=notes or None,
        start=start,
        end=end,
        given_cues=_cues(item.get("cues"), start, end, text),
        said=text(item["said"]) if isinstance(item.get("said"), str) else None,
    )


def _cues(items: object, start: float, end: float, text: Callable[[str], str]) -> tuple[Cue, ...]:
    """The render's cues of one beat (text, finite times in order within the beat), or ()
    when they are missing or odd: then the caption is one cue."""
    if not isinstance(items, list):
        return ()
    cues = []
    for item in items:
        if not isinstance(item, dict):
            return ()
        words = text(str(item.get("text") or ""))
        start_at, end_at = item.get("start"), item.get("end")
        if not words or not _finite(start_at) or not _finite(end_at):
            return ()
        cues.append(Cue(words, float(start_at), float(end_at)))
    bounds = [start] + [time for cue in cues for time in (cue.start, cue.end)] + [end]
    if any(later < earlier - 1e-6 for earlier, later in itertools.pairwise(bounds)):
        return ()
    return tuple(cues)


def _finite(value: object) -> TypeGuard[float]:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _number(value: object, path: Path, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RecordError(f"{path}: {what} is not a number ({value!r})")
    return float(value)
