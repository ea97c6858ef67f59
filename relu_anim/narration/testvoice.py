"""A deterministic stand-in voice: one tone burst per word, at a fixed pace (no Manim, no model).

For tests and benchmarks of everything that happens to speech after it is spoken (beats
stretched to it, cues following it, audio in every video and clip): the same text always gives
the same WAV bytes and word times, it costs next to nothing, and where each word sounds is
known exactly. Each word is a sine burst of :data:`SECONDS_PER_CHARACTER` per character (at
least :data:`SHORTEST_WORD`), words :data:`GAP` apart and sentences :data:`SENTENCE_GAP`; the
first word starts at 0. 22 050 Hz mono 16-bit PCM, as Piper writes.

Examples
--------
>>> import tempfile
>>> voice = ToneVoice(Path(tempfile.mkdtemp()))
>>> speech = voice.speak(1, "intro", "A dot appears.")
>>> [(w.text, round(w.start, 2), round(w.end, 2)) for w in speech.words]
[('A', 0.0, 0.12), ('dot', 0.22, 0.4), ('appears.', 0.5, 0.98)]
>>> round(speech.seconds, 2), voice.spoken
(0.98, 1)
>>> voice.speak(1, "intro", "A dot appears.").wav == speech.wav, voice.spoken  # cached
(True, 1)
"""

from __future__ import annotations

import hashlib
import re
import wave
from pathlib import Path

import numpy as np

from relu_anim.narration.speech import Speech, Word
from relu_anim.render.atomic import write_with

RATE = 22_050
SECONDS_PER_CHARACTER = 0.06
SHORTEST_WORD = 0.12
GAP = 0.1
SENTENCE_GAP = 0.3
AMPLITUDE = 0.3
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


class ToneVoice:
    """Speaks by beeping: one tone burst per word, WAVs kept in ``folder`` by their text.

    ``spoken`` counts the WAVs it had to make (a cached text makes none).
    """

    key = "tone-1"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spoken = 0

    def speak(self, index: int, beat: str, text: str) -> Speech:
        """The speech of ``text`` (``index`` and ``beat`` do not change the sound)."""
        words = _timed_words(text)
        seconds = words[-1].end if words else 0.0
        digest = hashlib.sha256(f"{self.key}\n{text}".encode()).hexdigest()[:20]
        wav = self.folder / f"{digest}.wav"
        if not wav.exists():
            samples = _samples(words, seconds)
            write_with(wav, lambda path: _write_wav(path, samples))
            self.spoken += 1
        return Speech(wav, seconds, words)


def _timed_words(text: str) -> tuple[Word, ...]:
    words = []
    at = 0.0
    for token in text.split():
        length = max(SHORTEST_WORD, SECONDS_PER_CHARACTER * len(token))
        words.append(Word(token, at, at + length))
        at += length + (SENTENCE_GAP if _SENTENCE_END.search(token) else GAP)
    return tuple(words)


def _samples(words: tuple[Word, ...], seconds: float) -> np.ndarray:
    samples = np.zeros(round(seconds * RATE), dtype=np.float64)
    for number, word in enumerate(words):
        first, last = round(word.start * RATE), round(word.end * RATE)
        t = np.arange(last - first) / RATE
        pitch = 220.0 + 40.0 * (number % 7)
        samples[first:last] = AMPLITUDE * np.sin(2 * np.pi * pitch * t)
    return np.round(samples * 32767).astype("<i2")


def _write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
