"""Pieces of a split scene: what each draws, what it brings back, and where to cut.

``--split N`` cuts a scene into N runs of whole beats (:class:`Piece`) balanced on what each
beat cost the last time (:func:`pieces_for`, from :func:`beat_costs`); each piece comes back
as a :class:`PieceResult`, and the costs it measured are kept for the next split
(:func:`record_costs`). How a piece is rendered and joined is :mod:`relu_anim.render.split`'s.
Nothing here imports Manim.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeGuard

from relu_anim.render import atomic, state
from relu_anim.render.layout import OutputLayout
from relu_anim.storyboard import RecordError, parse_record


@dataclass(frozen=True, slots=True)
class Piece:
    """Piece ``index`` of ``count``: draws beats ``first`` up to ``stop`` (``None``: the end).

    Beats are counted from 0 in storyboard order; plays before the first beat belong to beat 0.

    Examples
    --------
    >>> Piece(1, 2, 3, None).label
    'piece 2/2, beats 4-end'
    """

    index: int
    count: int
    first: int
    stop: int | None = None

    @property
    def label(self) -> str:
        """How the progress lines name this piece (beats counted from 1)."""
        last = "end" if self.stop is None else str(self.stop)
        return f"piece {self.index + 1}/{self.count}, beats {self.first + 1}-{last}"


@dataclass(frozen=True, slots=True)
class DrawnPlay:
    """One play a piece drew: its index in the scene, its section's index and name."""

    play: int
    section: int
    name: str


@dataclass
class PieceResult:
    """What a piece rendered: its partial movies in play order and, for the last, the metadata.

    ``movies`` maps each drawn play to its partial movie (a path here, or the bytes when it
    came back from a Dask worker). ``captions`` (SRT text), ``sections`` (the ``sections.json``
    text), ``sound`` (a narrated scene's whole track),
    ``plays`` (the scene's number of plays) and ``duration`` are set by the last piece
    only. ``costs`` holds the wall seconds spent per beat: drawn beats and beats run without
    drawing apart, for balancing the next split of this scene.
    """

    piece: Piece
    drawn: list[DrawnPlay] = field(default_factory=list)
    movies: list[Any] = field(default_factory=list)
    captions: str | None = None
    sections: str | None = None
    #: A narrated scene's sound (float32 samples, see :mod:`relu_anim.render.audio`).
    sound: bytes | None = None
    plays: int | None = None
    duration: float = 0.0
    drawn_costs: dict[int, float] = field(default_factory=dict)
    dry_costs: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0
    worker: str = ""


def balanced_cuts(
    drawn: Sequence[float], count: int, dry: Sequence[float] | None = None
) -> list[int]:
    """Where to cut beats into ``count`` contiguous runs so that the slowest piece is fastest.

    A piece drawing beats ``[i, j)`` costs ``sum(dry[:i]) + sum(drawn[i:j])``: it runs every
    earlier beat without drawing (``dry``, 0 when not known), then draws its own. Returns the
    first beat of every run after the first: ``min(count, beats) - 1`` increasing indices.
    Exact (dynamic programming over the cut points; a scene has tens of beats).

    Examples
    --------
    >>> balanced_cuts([1, 1, 1, 1], 2)
    [2]
    >>> balanced_cuts([5, 1, 1, 1, 1, 1], 2)
    [1]
    >>> balanced_cuts([1] * 6, 2), balanced_cuts([1] * 6, 2, dry=[0.5] * 6)  # the 2nd runs 0..i
    ([3], [4])
    >>> balanced_cuts([1, 1], 4)
    [1]
    """
    beats = len(drawn)
    count = max(1, min(count, beats))
    dry = list(dry or [0.0] * beats) + [0.0] * beats
    drawn_before = [0.0]
    dry_before = [0.0]
    for b in range(beats):
        drawn_before.append(drawn_before[-1] + drawn[b])
        dry_before.append(dry_before[-1] + dry[b])

    def cost(i: int, j: int) -> float:
        return dry_before[i] + drawn_before[j] - drawn_before[i]

    # best[k][j]: the slowest piece when beats [0, j) are cut into k pieces; cut[k][j]: where
    # the last of those pieces starts.
    infinity = float("inf")
    best = [[infinity] * (beats + 1) for _ in range(count + 1)]
    cut = [[0] * (beats + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, beats + 1):
            for i in range(k - 1, j):
                slowest = max(best[k - 1][i], cost(i, j))
                if slowest < best[k][j]:
                    best[k][j], cut[k][j] = slowest, i
    cuts = []
    j = beats
    for k in range(count, 1, -1):
        j = cut[k][j]
        cuts.append(j)
    return sorted(cuts)


def slowest_piece(drawn: Sequence[float], count: int, dry: Sequence[float] | None = None) -> float:
    """The cost of the slowest piece when ``drawn`` is cut by :func:`balanced_cuts`.

    Examples
    --------
    >>> slowest_piece([1, 1, 1, 1], 2), slowest_piece([1, 1, 1, 1], 2, dry=[1, 1, 1, 1])
    (2.0, 4.0)
    """
    dry = list(dry or [0.0] * len(drawn))
    starts = [0, *balanced_cuts(drawn, count, dry), len(drawn)]
    return max(float(sum(dry[:i]) + sum(drawn[i:j])) for i, j in pairwise(starts))


def pieces_for(
    costs: Sequence[float], count: int, dry: Sequence[float] | None = None
) -> list[Piece]:
    """``count`` pieces of contiguous beats balanced on ``costs`` (and ``dry``, one per beat).

    The first piece starts at beat 0 and the last runs to the end, so every play of the scene is
    drawn by exactly one piece, whatever ``costs`` says (a stale estimate only balances worse).

    Examples
    --------
    >>> [p.label for p in pieces_for([2, 1, 1, 2], 2)]
    ['piece 1/2, beats 1-2', 'piece 2/2, beats 3-end']
    """
    cuts = balanced_cuts(costs, count, dry) if costs else []
    starts = [0, *cuts]
    return [
        Piece(i, len(starts), first, starts[i + 1] if i + 1 < len(starts) else None)
        for i, first in enumerate(starts)
    ]


# -- per-beat costs, for balancing the next split of the same scene ------------------------------


def beat_costs(output_dir: Path, stem: str) -> tuple[list[float], list[float] | None] | None:
    """Per-beat costs to balance a split of ``stem`` on, from what earlier renders left.

    The drawn and undrawn seconds per beat that the last split render measured
    (``.relu-anim/<stem>.split.json``), else each beat's length in the video
    (``<stem>.sections.json``, no undrawn costs), else ``None``. Both are state that may be
    damaged (see :mod:`relu_anim.render.state`): a cost that is not a finite number of seconds,
    or more beats than a scene has (:data:`MAX_BEATS`), is no estimate, and the next split measures
    again and replaces the record.
    """
    paths = OutputLayout(output_dir, stem)
    data = state.read_json(paths.split_costs)
    if isinstance(data, dict):
        drawn, dry = data.get("drawn"), data.get("dry")
        if _costs(drawn) and _costs(dry) and len(dry) == len(drawn):
            return [float(c) for c in drawn], [float(c) for c in dry]
    try:
        record = parse_record(state.read_json(paths.sections), paths.sections)
    except RecordError:
        return None
    ends = [beat.end for beat in record.beats]
    starts = [beat.start for beat in record.beats]
    if not (_costs(ends) and _costs(starts)):
        return None
    return [max(0.0, end - start) for start, end in zip(starts, ends, strict=True)], None


# A storyboard has tens of beats; balancing is quadratic in them (and linear in pieces), so a
# record claiming millions must not be trusted.
MAX_BEATS = 200
# Seconds per beat: more than a day is not a measurement.
MAX_SECONDS = 86400.0


def _costs(values: object) -> TypeGuard[list[float]]:
    """Whether ``values`` is a list of 1 to :data:`MAX_BEATS` plausible second counts."""
    return (
        isinstance(values, list)
        and 0 < len(values) <= MAX_BEATS
        and all(
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and 0 <= value <= MAX_SECONDS
            for value in values
        )
    )


def record_costs(output_dir: Path, stem: str, results: Sequence[PieceResult]) -> dict:
    """Write the measured per-beat costs of a split render; return them.

    ``drawn[b]``: seconds spent drawing and encoding beat ``b``; ``dry[b]``: seconds to run it
    without drawing (the most any piece spent on it); ``setup``: each piece's seconds outside
    its plays (imports, TeX, building the scene), the most of them.
    """
    beats = 1 + max(
        (beat for result in results for beat in (*result.drawn_costs, *result.dry_costs)),
        default=-1,
    )
    drawn = [0.0] * beats
    dry = [0.0] * beats
    setup = 0.0
    for result in results:
        for beat, seconds in result.drawn_costs.items():
            drawn[beat] += seconds
        for beat, seconds in result.dry_costs.items():
            dry[beat] = max(dry[beat], seconds)
        spent = sum(result.drawn_costs.values()) + sum(result.dry_costs.values())
        setup = max(setup, result.seconds - spent)
    record = {
        "drawn": [round(s, 3) for s in drawn],
        "dry": [round(s, 3) for s in dry],
        "setup": round(setup, 3),
    }
    paths = OutputLayout(output_dir, stem)
    state.folder(paths.records, output_dir)
    atomic.write_text(paths.split_costs, json.dumps(record, indent=2) + "\n", sync=True)
    return record
