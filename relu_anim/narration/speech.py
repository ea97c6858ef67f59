"""What a voice returns for one beat: a WAV file, its length and the words' times in it.

Examples
--------
>>> from pathlib import Path
>>> speech = Speech(Path("01-shift.wav"), 1.5, (Word("slides", 0.1, 0.6),))
>>> speech.seconds, speech.words[0].text
(1.5, 'slides')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Word:
    """One spoken word and when it is heard, in seconds from the start of its speech."""

    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Speech:
    """One beat's speech: a mono PCM WAV file, its length in seconds and its words' times.

    ``words`` is empty when the times are unknown (a lecturer's recording). ``lead``: seconds
    of silence at the start of ``wav`` that are not part of it (``seconds`` and the words'
    times count from after them).
    """

    wav: Path
    seconds: float
    words: tuple[Word, ...] = ()
    lead: float = 0.0


class Voice(Protocol):
    """Something that speaks a beat's text into a WAV file.

    ``key`` names the voice, its version and settings: it goes into each output's
    fingerprint, so changing the voice renders again.
    """

    key: str

    def speak(self, index: int, beat: str, text: str) -> Speech:
        """Speech for beat number ``index`` (from 1) named ``beat`` saying ``text``."""
        ...
