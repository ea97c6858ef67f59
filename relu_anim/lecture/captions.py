"""Captions and chapters as text: WebVTT and SRT captions, one cue per subtitle cue of each
beat (a caption cut to two lines of 42 characters, see :mod:`relu_anim.captions.cues`), and
WebVTT chapters, one per beat.

All three are written from the same beats as the page's embedded cues and the slides, so
their times agree to the millisecond with ``<scene>.sections.json``.
"""

from __future__ import annotations

from collections.abc import Iterable

from relu_anim.lecture.beats import Beat
from relu_anim.lecture.text import one_line, plain


def timestamp(seconds: float, separator: str = ".") -> str:
    """``HH:MM:SS.mmm`` (WebVTT) or, with ``separator=","``, ``HH:MM:SS,mmm`` (SRT).

    Examples
    --------
    >>> timestamp(3725.5)
    '01:02:05.500'
    >>> timestamp(0.0004, ",")
    '00:00:00,000'
    """
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _lines(text: str) -> list[str]:
    """The non-blank lines of :func:`plain` text: a blank line would end the cue."""
    return [line.strip() for line in plain(text).splitlines() if line.strip()]


def _cue_text(text: str) -> str:
    """Cue text safe for WebVTT: no blank lines, no ``-->``, and ``&`` ``<`` ``>`` escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(_lines(text)) or "…"


def _srt_text(text: str) -> str:
    """Cue text safe for SRT, which has no escapes: no blank lines, and no ``-->``.

    Examples
    --------
    >>> _srt_text("a\\n\\n00:00:01,000 --> 00:00:02,000")
    'a\\n00:00:01,000 → 00:00:02,000'
    """
    return "\n".join(line.replace("-->", "→") for line in _lines(text)) or "…"


def _cue_id(beat: Beat) -> str:
    """A WebVTT cue identifier: the beat's name when it is one line that cannot be misread.

    A name holding ``-->`` would read as the timing line, and one starting with a word that
    opens a comment, style or region block would hide the cue; those get the beat's slug.

    Examples
    --------
    >>> _cue_id(Beat(0, "one_relu", "", None, 0.0, 1.0)), _cue_id(Beat(3, "NOTE", "", None, 0, 1))
    ('one_relu', '04-NOTE')
    """
    name = one_line(beat.name)
    first = name.split(" ", 1)[0]
    if not name or "-->" in name or first in {"NOTE", "STYLE", "REGION", "WEBVTT"}:
        return beat.slug
    return name


def vtt(beats: Iterable[Beat]) -> str:
    """WebVTT captions: each beat's cues; the first is named after the beat, the next ones
    ``<beat>-2``, ``<beat>-3``...

    Examples
    --------
    >>> print(vtt([Beat(0, "a", "One unit.", None, 0.0, 2.5)]))
    WEBVTT
    <BLANKLINE>
    a
    00:00:00.000 --> 00:00:02.500
    One unit.
    <BLANKLINE>
    """
    cues = [
        f"{_cue_id(beat)}{f'-{number}' if number > 1 else ''}\n"
        f"{timestamp(cue.start)} --> {timestamp(cue.end)}\n{_cue_text(cue.text)}"
        for beat in beats
        for number, cue in enumerate(beat.cues, start=1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def chapters_vtt(beats: Iterable[Beat]) -> str:
    """WebVTT chapters: one chapter per beat, titled ``N. Title``.

    Examples
    --------
    >>> "1. One ReLU" in chapters_vtt([Beat(0, "one_relu", "", None, 0.0, 2.0)])
    True
    """
    cues = [
        f"{_cue_id(beat)}\n{timestamp(beat.start)} --> {timestamp(beat.end)}\n"
        f"{_cue_text(f'{beat.index + 1}. {beat.title}')}"
        for beat in beats
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def srt(beats: Iterable[Beat]) -> str:
    """SubRip captions, numbered from 1.

    Examples
    --------
    >>> print(srt([Beat(0, "a", "One unit.", None, 0.0, 2.5)]))
    1
    00:00:00,000 --> 00:00:02,500
    One unit.
    <BLANKLINE>
    """
    all_cues = [cue for beat in beats for cue in beat.cues]
    cues = [
        f"{number}\n{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}\n"
        + _srt_text(cue.text)
        for number, cue in enumerate(all_cues, start=1)
    ]
    return "\n\n".join(cues) + "\n"
