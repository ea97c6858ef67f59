"""How long a narrated beat lasts and when each of its caption's cues is best shown (no Manim).

A narrated beat lasts as long as the longest of its animation, its speech and a short pause
(:data:`PAUSE`), and its caption's reading time (:func:`beat_seconds`). Its cues change with
the sentence being spoken (:func:`cue_starts`): the caption is written for the eye and the
speech for the ear, so their words differ ("x²" is "x squared"), but both keep the caption's
sentences; a cue starting a sentence starts when that sentence is spoken, and a cue cut inside
a sentence when the spoken word at the same share of the sentence's letters begins.

Examples
--------
>>> from pathlib import Path
>>> from relu_anim.narration.speech import Speech, Word
>>> speech = Speech(Path("a.wav"), 3.0, (Word("x", 0.0, 0.5), Word("squared.", 0.5, 1.2),
...                                      Word("Then", 2.0, 2.4), Word("more.", 2.4, 3.0)))
>>> cue_starts(("x².", "Then more."), speech, 10.0)
[10.0, 12.0]
>>> beat_seconds("x². Then more.", speech)  # the speech and the pause: longer than reading
3.5
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relu_anim.captions.cues import seconds_needed
from relu_anim.narration.speech import Speech

#: Seconds of quiet after a beat's speech before the next beat speaks.
PAUSE = 0.5

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def beat_seconds(caption: str, speech: Speech | None) -> float:
    """The least a beat with ``caption`` and ``speech`` lasts: reading time, speech + pause."""
    spoken = speech.seconds + PAUSE if speech is not None and speech.seconds > 0 else 0.0
    return max(seconds_needed(caption), spoken)


def cue_starts(texts: Sequence[str], speech: Speech, offset: float) -> list[float]:
    """When each cue of ``texts`` (one caption's, in order) is best shown: the time its words
    are spoken in ``speech``, which starts at ``offset``. Without word times, the speech's
    length is shared out by letters."""
    cue_tokens = [text.split() for text in texts]
    tokens = [token for cue in cue_tokens for token in cue]
    firsts = [sum(len(cue) for cue in cue_tokens[:k]) for k in range(len(texts))]
    spoken = [word.text for word in speech.words]
    times = [word.start for word in speech.words]
    if not spoken:
        return [offset + speech.seconds * share for share in _shares(tokens, firsts)]
    caption_sentences = _sentence_starts(tokens)
    spoken_sentences = _sentence_starts(spoken)
    if len(caption_sentences) != len(spoken_sentences):
        caption_sentences, spoken_sentences = [0], [0]
    starts = []
    for first in firsts:
        sentence = max(i for i, at in enumerate(caption_sentences) if at <= first)
        lo, hi = _bounds(caption_sentences, sentence, len(tokens))
        share = _letters(tokens[lo:first]) / max(1, _letters(tokens[lo:hi]))
        s_lo, s_hi = _bounds(spoken_sentences, sentence, len(spoken))
        word = s_lo + _word_at(spoken[s_lo:s_hi], share)
        starts.append(offset + times[word])
    return starts


def _sentence_starts(tokens: Sequence[str]) -> list[int]:
    """The index of each sentence's first token."""
    return [0] + [i + 1 for i, token in enumerate(tokens[:-1]) if _SENTENCE_END.search(token)]


def _bounds(starts: list[int], sentence: int, total: int) -> tuple[int, int]:
    return starts[sentence], starts[sentence + 1] if sentence + 1 < len(starts) else total


def _letters(tokens: Sequence[str]) -> int:
    return sum(len(token) for token in tokens)


def _word_at(words: Sequence[str], share: float) -> int:
    """The first word that begins at or after ``share`` of ``words``' letters."""
    total = _letters(words)
    done = 0
    for i, word in enumerate(words):
        if done >= share * total - 1e-9:
            return i
        done += len(word)
    return max(0, len(words) - 1)


def _shares(tokens: list[str], firsts: list[int]) -> list[float]:
    total = max(1, _letters(tokens))
    return [_letters(tokens[:first]) / total for first in firsts]
