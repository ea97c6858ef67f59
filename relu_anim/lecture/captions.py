"""Captions and chapters as text: WebVTT, WebVTT chapters and SRT, one cue per beat.

All three are written from the same beats as the page's embedded cues and the slides, so
their times agree to the millisecond with ``<scene>.sections.json``.
"""

from __future__ import annotations

from collections.abc import Iterable

from relu_anim.lecture.beats import Beat


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


def _cue_text(text: str) -> str:
    """Cue text safe for WebVTT: no blank lines, no ``-->``, and ``&`` ``<`` ``>`` escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines) or "…"


def vtt(beats: Iterable[Beat]) -> str:
    """WebVTT captions: each beat's caption for the whole beat.

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
        f"{beat.name}\n{timestamp(beat.start)} --> {timestamp(beat.end)}\n{_cue_text(beat.caption)}"
        for beat in beats
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
        f"{beat.name}\n{timestamp(beat.start)} --> {timestamp(beat.end)}\n"
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
    cues = [
        f"{number}\n{timestamp(beat.start, ',')} --> {timestamp(beat.end, ',')}\n"
        + "\n".join(line for line in beat.caption.splitlines() if line.strip())
        for number, beat in enumerate(beats, start=1)
    ]
    return "\n\n".join(cues) + "\n"
