"""A beat's caption as subtitle cues a viewer can read: broadcasters' norms (no Manim).

Subtitle guidelines (BBC, Netflix, EBU) agree on a cue of at most two lines of
:data:`MAX_LINE` characters, read at no more than :data:`MAX_CPS` characters per second and
on screen for at least :data:`MIN_SECONDS`. A caption longer than that becomes several cues,
cut where a reader pauses anyway: at the end of a sentence first, then at a clause (``,`` ``:``
``;`` ``—``), then before a conjunction, and only then between two other words; never inside a
word, and never inside brackets (``[0, 2]``, ``ReLU(x − 1)``), nor beside an operator
(``z = w·x + b``) unless a formula is longer than a line. Each cue needs
``max(MIN_SECONDS, characters / MAX_CPS)`` seconds: the storyboard makes every beat last at
least as long as its cues need (:func:`seconds_needed`), and :func:`timed_cues` shares the
beat's time among them.

Examples
--------
>>> for cue in timed_cues("The neuron adds up its weighted inputs and a bias b: "
...                       "z = w·x + b. Then it applies ReLU.", 0.0, 6.0):
...     print(f"{cue.start:.2f}-{cue.end:.2f} {cue.text!r}")
0.00-4.53 'The neuron adds up its weighted inputs\\nand a bias b: z = w·x + b.'
4.53-6.00 'Then it applies ReLU.'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

#: Characters per line, lines per cue, characters per second, seconds per cue.
MAX_LINE = 42
MAX_LINES = 2
MAX_CPS = 17.0
MIN_SECONDS = 1.0
# SRT and WebVTT keep milliseconds (SRT truncates): a cue timed exactly at the limit could
# read as a hair faster once written. Every cue gets this much more than the limit asks.
_ROUNDING = 0.005

# Where a break may go, best first; the numbers are what a cue break (first) or a line break
# (second) there costs. A cue costs _CUE, so a caption is cut into as few cues as read well.
_SENTENCE, _CLAUSE, _CONJUNCTION, _WORD, _OPERATOR, _BRACKET = range(6)
_CUE_BREAK = (0, 3, 6, 25, 60, 500)
_LINE_BREAK = (0, 0, 2, 6, 40, 500)
_CUE = 10
# A cue holding the end of one sentence and the start of another reads badly.
_STRADDLE = 15
# A very short cue flashes by; a line much longer than the other looks ragged.
_SHORT_CUE, _SHORT = 20, 8
_RAGGED = 0.25

_OPERATORS = frozenset(
    ["=", "+", "−", "-", "×", "·", "/", "<", ">", "≤", "≥", "≈", "→", "↦", "∘", "±", "*", "…"]
)
_CONJUNCTIONS = frozenset(
    {"and", "but", "or", "so", "while", "where", "which"}
    | {"because", "when", "then", "until", "as", "whose", "if"}
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "vs.", "cf.", "etc.", "approx."})


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: its text (lines joined by ``\\n``) and its time on screen, in seconds."""

    text: str
    start: float
    end: float


def split_caption(caption: str) -> tuple[str, ...]:
    """``caption`` as cue texts, each at most ``MAX_LINES`` lines of ``MAX_LINE`` characters.

    A caption that already fits one cue as written (its own line breaks included) is kept as
    it is; any other is cut at the best breaks and wrapped. Blank captions give no cues.

    Examples
    --------
    >>> split_caption("Then it applies ReLU: the output is y = max(0, z).")
    ('Then it applies ReLU:\\nthe output is y = max(0, z).',)
    >>> split_caption("Line one.\\nLine two.")
    ('Line one.\\nLine two.',)
    """
    lines = [line.strip() for line in caption.splitlines() if line.strip()]
    if not lines:
        return ()
    if len(lines) <= MAX_LINES and all(len(line) <= MAX_LINE for line in lines):
        return ("\n".join(lines),)
    return _split(" ".join(caption.split()))


def seconds_needed(caption: str) -> float:
    """How long a beat must last for ``caption``'s cues to be read: each cue's own need, summed.

    Examples
    --------
    >>> seconds_needed("A dot appears.")  # 14 characters: the one-second minimum
    1.005
    >>> round(seconds_needed("x" * 40 + " " + "y" * 40), 3)  # 81 characters at 17 per second
    4.77
    """
    return sum(cue_seconds(text) for text in split_caption(caption))


def cue_seconds(text: str) -> float:
    """The time one cue needs on screen: ``MIN_SECONDS``, or its characters at ``MAX_CPS``.

    Every character counts, spaces, punctuation and the line break included.
    """
    return max(MIN_SECONDS, len(text) / MAX_CPS) + _ROUNDING


def timed_cues(
    caption: str,
    start: float,
    end: float,
    wanted: Callable[[tuple[str, ...]], Sequence[float]] | None = None,
) -> tuple[Cue, ...]:
    """``caption``'s cues over the beat from ``start`` to ``end``, back to back.

    Each cue gets a share of the beat in proportion to the time it needs, so when the beat is
    at least :func:`seconds_needed` long, every cue is on screen at least as long as it needs.
    The first cue starts at ``start`` and the last ends at ``end``.

    ``wanted``, given the cue texts, says when each cue would best start (when its words are
    spoken, say): each cue then starts as near that as the norms allow, every cue still on
    screen as long as it needs when the beat is long enough.

    Examples
    --------
    >>> two = ("Alpha beta gamma delta epsilon zeta eta theta iota. "
    ...        "Kappa lambda mu nu xi omicron pi rho sigma tau phi.")  # 2 cues, 3.005 s each
    >>> [round(c.start, 3) for c in timed_cues(two, 0.0, 8.0)]
    [0.0, 4.0]
    >>> [[round(c.start, 3) for c in timed_cues(two, 0.0, 8.0, lambda _: (0.0, at))]
    ...  for at in (3.5, 1.0, 6.0)]  # as wanted; not before the first is read; room left
    [[0.0, 3.5], [0.0, 3.005], [0.0, 4.995]]
    """
    texts = split_caption(caption)
    if not texts:
        return ()
    needs = [cue_seconds(text) for text in texts]
    if wanted is not None:
        bounds = [*_starts_near(list(wanted(texts)), needs, start, end), end]
    else:
        total = sum(needs)
        bounds = [start] + [
            start + (end - start) * done / total for done in itertools.accumulate(needs)
        ]
    bounds[-1] = end
    return tuple(
        Cue(text, a, b) for text, (a, b) in zip(texts, itertools.pairwise(bounds), strict=True)
    )


def _starts_near(wanted: list[float], needs: list[float], start: float, end: float) -> list[float]:
    """Cue starts as near ``wanted`` as allowed: the first at ``start``, each cue at least its
    need after the one before, and room left for the needs of the cues after it (when the beat
    is shorter than all the needs, those are shared out in proportion instead)."""
    total = sum(needs)
    if end - start < total or len(wanted) != len(needs):
        scale = (end - start) / total
        return [start + scale * done for done in itertools.accumulate([0.0, *needs[:-1]])]
    starts = [start]
    for k in range(1, len(needs)):
        earliest = starts[-1] + needs[k - 1]
        latest = end - sum(needs[k:])
        starts.append(min(max(wanted[k], earliest), latest))
    return starts


# -- cutting and wrapping ------------------------------------------------------------------------


@cache
def _split(text: str) -> tuple[str, ...]:
    words = text.split(" ")
    gaps = _gaps(words)
    n = len(words)
    # best[j]: the cheapest cut of words[:j] into cues, as (cost, cue starts).
    unreached: tuple[float, tuple[int, ...]] = (float("inf"), ())
    best = [(0.0, ())] + [unreached] * n
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if len(" ".join(words[i:j])) > MAX_LINE * MAX_LINES + 1:
                break
            wrap = _wrap(words, gaps, i, j)
            if wrap is None or best[i][0] == float("inf"):
                continue
            cost = best[i][0] + _CUE + wrap[0] + (_CUE_BREAK[gaps[i - 1]] if i else 0)
            cost += _SHORT if len(" ".join(words[i:j])) < _SHORT_CUE else 0
            inner = gaps[i : j - 1]
            whole = (i == 0 or gaps[i - 1] == _SENTENCE) and (j == n or gaps[j - 1] == _SENTENCE)
            if _SENTENCE in inner and not whole:
                cost += _STRADDLE
            if cost < best[j][0]:
                best[j] = (cost, (*best[i][1], i))
    if best[n][0] == float("inf"):  # a word longer than a line: it gets a line to itself
        return tuple(words)
    starts = (*best[n][1], n)
    return tuple(_wrapped(words, gaps, i, j) for i, j in itertools.pairwise(starts))


def _wrapped(words: list[str], gaps: list[int], i: int, j: int) -> str:
    """The cue of words[i:j] on the cheapest path, which only takes cuts that fit."""
    wrap = _wrap(words, gaps, i, j)
    assert wrap is not None, "the cheapest path takes only cues that fit"
    return wrap[1]


def _wrap(words: list[str], gaps: list[int], i: int, j: int) -> tuple[float, str] | None:
    """The best way to set ``words[i:j]`` on at most two lines: (cost, text), or None."""
    one = " ".join(words[i:j])
    if len(one) <= MAX_LINE:
        return 0.0, one
    options = []
    for k in range(i + 1, j):
        top, bottom = " ".join(words[i:k]), " ".join(words[k:j])
        if len(top) <= MAX_LINE and len(bottom) <= MAX_LINE:
            cost = _LINE_BREAK[gaps[k - 1]] + _RAGGED * abs(len(top) - len(bottom))
            options.append((cost, f"{top}\n{bottom}"))
    return min(options, default=None)


def _gaps(words: list[str]) -> list[int]:
    """How good a break each space between ``words`` is (one of the priorities above)."""
    gaps = []
    depth = 0
    for word, following in itertools.pairwise(words):
        depth = max(
            0, depth + sum(word.count(c) for c in "([{") - sum(word.count(c) for c in ")]}")
        )
        if depth > 0:
            gaps.append(_BRACKET)
        elif word in _OPERATORS or following in _OPERATORS:
            gaps.append(_OPERATOR)
        elif _SENTENCE_END.search(word) and word.lower() not in _ABBREVIATIONS:
            gaps.append(_SENTENCE)
        elif word[-1] == "," and _is_symbol(following):
            gaps.append(_WORD)
        elif word[-1] in ",;:" or following in {"—", "–"} or word in {"—", "–"}:
            gaps.append(_CLAUSE)
        elif following.lower() in _CONJUNCTIONS:
            gaps.append(_CONJUNCTION)
        else:
            gaps.append(_WORD)
    return gaps


def _is_symbol(word: str) -> bool:
    """Whether ``word`` is a short symbol such as ``x₂`` or ``N``: a comma before it lists
    symbols ("x₁, x₂, x₃"), it does not end a clause."""
    core = word.strip(".,;:!?()[]")
    return len(core) == 1 or (0 < len(core) <= 3 and not core.isalpha())
