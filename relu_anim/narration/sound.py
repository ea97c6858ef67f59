"""A voice's audio as samples, and where its speech is first heard (PyAV; no Manim).

Voices leave a little silence before the first word and after the last (Piper about 30 to
230 ms before, 200 ms after); a narrated beat's speech is placed so that its first sound, not
its file, starts with the beat, and is as long as it is heard (:func:`heard_from`).

Examples
--------
>>> import tempfile
>>> from relu_anim.narration.testvoice import ToneVoice
>>> speech = ToneVoice(Path(tempfile.mkdtemp())).speak(1, "a", "Beep.")
>>> heard_from(speech).lead  # the tone voice starts at once
0.0
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from relu_anim.narration.speech import Speech, Word

#: Samples per second of every narrated video's sound: speech's band (a voice ends below its
#: 12 kHz limit), a whole number of samples per frame at 15, 30 and 60 frames a second, and a
#: rate AAC and Opus both take (half the encoding of 48 kHz).
RATE = 24_000
#: Quieter than this (a share of full scale, -40 dBFS) is silence before the first word.
QUIET = 0.01
#: Kept before the first sound, so a word's attack is not cut.
MARGIN = 0.005


def speech_samples(path: Path) -> np.ndarray:
    """The audio file at ``path`` (a voice's WAV, a lecturer's recording) as mono float32
    samples at :data:`RATE` in [-1, 1]."""
    import av

    chunks: list[np.ndarray] = []
    with av.open(str(path)) as source:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        for frame in source.decode(audio=0):
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(chunks).astype(np.float32)


def heard_from(speech: Speech) -> Speech:
    """``speech`` with its silent start left out (``lead`` seconds of its file), its length
    and word times counted from its first sound, and its length ending with its last sound
    (so the pause after it is the pause the storyboard asks for)."""
    loud = np.flatnonzero(np.abs(speech_samples(speech.wav)) > QUIET)
    if not loud.size:
        return speech
    lead = min(max(0.0, loud[0] / RATE - MARGIN), speech.seconds)
    seconds = min(speech.seconds, loud[-1] / RATE + MARGIN) - lead
    words = tuple(
        Word(w.text, max(0.0, w.start - lead), max(0.0, w.end - lead)) for w in speech.words
    )
    return replace(speech, seconds=seconds, words=words, lead=speech.lead + lead)
