"""Nets on knots of our choosing: interpolants and least-squares fits, and where to bend first.

:func:`~relu_anim.numeric.shallow.interpolant` puts its knots evenly. A storyboard that shows
one and then two units of *any* target wants the second kink where it helps most: where the
one-unit line misses the target by the most (:func:`worst_point`), which for x² on [0, 2] is
x = 1, the seed article's ReLU(x − 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.shallow import ReLUNet, Target, argmax_error, interpolant, shifted


def _checked_knots(knots: npt.ArrayLike, who: str) -> np.ndarray:
    knots = np.asarray(knots, dtype=float)
    if knots.ndim != 1 or len(knots) < 2 or not np.all(np.isfinite(knots)):
        raise ValueError(f"{who}: need at least two finite knots, got {knots!r}")
    if np.any(np.diff(knots) <= 0):
        raise ValueError(f"{who}: knots must increase strictly, got {knots!r}")
    return knots


def interpolant_at(f: Target, knots: npt.ArrayLike) -> ReLUNet:
    """The piecewise-linear interpolant of ``f`` through ``f(t)`` at the increasing ``knots``.

    Examples
    --------
    >>> net = interpolant_at(np.square, [0.0, 1.0, 2.0])
    >>> net.a.tolist(), net.kinks().tolist()
    ([1.0, 2.0], [0.0, 1.0])
    """
    knots = _checked_knots(knots, "interpolant_at")
    values = np.asarray(f(knots), dtype=float)
    slopes = np.diff(values) / np.diff(knots)
    n = len(knots) - 1
    return ReLUNet(a=np.diff(slopes, prepend=0.0), w=np.ones(n), b=-knots[:-1], c=values[0])


def least_squares_at(f: Target, knots: npt.ArrayLike, samples: int = 2001) -> ReLUNet:
    """Units kinked at ``knots[:-1]``, output weights and bias fitted to ``f`` by least squares
    on ``samples`` even points of ``[knots[0], knots[-1]]``.

    Examples
    --------
    >>> fit = least_squares_at(np.square, [0.0, 1.0, 2.0])
    >>> fit.kinks().tolist()
    [0.0, 1.0]
    """
    knots = _checked_knots(knots, "least_squares_at")
    grid = np.linspace(knots[0], knots[-1], max(int(samples), len(knots)))
    design = np.column_stack([np.ones(len(grid)), np.maximum(grid[:, None] - knots[:-1], 0.0)])
    weights = np.linalg.lstsq(design, np.asarray(f(grid), dtype=float), rcond=None)[0]
    n = len(knots) - 1
    return ReLUNet(a=weights[1:], w=np.ones(n), b=-knots[:-1], c=weights[0])


def worst_point(f: Target, lo: float, hi: float) -> float:
    """Where the straight line through ``(lo, f(lo))`` and ``(hi, f(hi))`` misses ``f`` most.

    Examples
    --------
    >>> round(worst_point(np.square, 0.0, 2.0), 6)
    1.0
    """
    worst = argmax_error(f, interpolant(f, lo, hi, 1), lo, hi)
    # A straight target is met everywhere by its chord: any inner point will do.
    return worst if lo < worst < hi else (lo + hi) / 2


@dataclass(frozen=True, slots=True)
class FirstUnits:
    """The first nets of an approximation: one unit, two units, the same two kinks refitted.

    ``bend_at`` is where the two-unit net bends.
    """

    one: ReLUNet
    pair: ReLUNet
    fit: ReLUNet
    bend_at: float


def first_units(f: Target, lo: float, hi: float, seed: bool = False) -> FirstUnits:
    """One unit, then two, then least squares on the same two kinks, for any target.

    One unit is the chord through the ends, the second kink goes where the chord misses ``f``
    most (:func:`worst_point`), and the fit keeps those kinks and refits the weights. With
    ``seed`` the first two are the seed article's ReLU(x) and ReLU(x) + ReLU(x − 1), written
    for x² on [0, 2].

    Examples
    --------
    >>> first = first_units(np.square, 0.0, 2.0)
    >>> round(first.bend_at, 6), first.pair(np.array([0.0, 2.0])).tolist()
    (1.0, [0.0, 4.0])
    """
    if seed:
        one, bend_at = shifted(0.0), 1.0
        pair = ReLUNet(a=[1.0, 1.0], w=[1.0, 1.0], b=[0.0, -1.0])
    else:
        bend_at = worst_point(f, lo, hi)
        one, pair = interpolant(f, lo, hi, 1), interpolant_at(f, [lo, bend_at, hi])
    return FirstUnits(one, pair, least_squares_at(f, [lo, bend_at, hi]), bend_at)
