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


#: Gauss-Legendre nodes per piece: exact for the Gram matrix (products of lines) and for any
#: polynomial target up to degree 2·16 − 2, and within rounding for smooth ones.
GAUSS_NODES = 16


def least_squares_at(f: Target, knots: npt.ArrayLike, nodes: int = GAUSS_NODES) -> ReLUNet:
    """Units kinked at ``knots[:-1]``, output weights and bias fitted to ``f`` by continuous
    least squares: the smallest ``∫ (f − g)²`` over ``[knots[0], knots[-1]]``.

    The integrals are Gauss-Legendre sums on each piece, exact for polynomials, so for x²
    on equal pieces of width Δ the fit is the interpolant shifted down by exactly Δ²/6 (on
    each piece x² − chord = (x − t)(x − t − Δ), whose mean is −Δ²/6 and which is orthogonal
    to every line). Least squares on even samples gets close (0.166833 on [0, 2]), not there.

    Examples
    --------
    >>> fit = least_squares_at(np.square, [0.0, 1.0, 2.0])
    >>> fit.kinks().tolist(), np.round(fit.a, 12).tolist(), round(fit.c * 6, 12)
    ([0.0, 1.0], [1.0, 2.0], -1.0)
    """
    knots = _checked_knots(knots, "least_squares_at")
    unit, weights = np.polynomial.legendre.leggauss(int(nodes))
    left, width = knots[:-1, None], np.diff(knots)[:, None]
    x = (left + width * (unit + 1) / 2).ravel()
    dx = (width * weights / 2).ravel()
    design = np.column_stack([np.ones(len(x)), np.maximum(x[:, None] - knots[:-1], 0.0)])
    values = np.asarray(f(x), dtype=float)
    # The normal equations of the integral: Gram matrix and right-hand side by quadrature.
    gram = design.T @ (design * dx[:, None])
    solution = np.linalg.solve(gram, design.T @ (values * dx))
    n = len(knots) - 1
    return ReLUNet(a=solution[1:], w=np.ones(n), b=-knots[:-1], c=solution[0])


def constant_gap(upper: ReLUNet, lower: ReLUNet, lo: float, hi: float) -> float | None:
    """How far ``lower`` lies below ``upper`` on ``[lo, hi]`` when that is the same everywhere
    (the two differ by a constant), else ``None``.

    Both are straight between their vertices, so equal gaps at every vertex of either (and
    the ends) mean an equal gap everywhere; gaps equal to 1e-12 of the nets' size are equal.

    Examples
    --------
    >>> through = interpolant_at(np.square, [0.0, 1.0, 2.0])
    >>> round(constant_gap(through, least_squares_at(np.square, [0.0, 1.0, 2.0]), 0, 2), 12)
    0.166666666667
    >>> constant_gap(through, interpolant(np.square, 0.0, 2.0, 4), 0, 2) is None
    True
    """
    xs = np.union1d(upper.polyline(lo, hi)[0], lower.polyline(lo, hi)[0])
    gaps = upper(xs) - lower(xs)
    size = max(1.0, float(np.max(np.abs(upper(xs)))))
    if np.ptp(gaps) > 1e-12 * size:
        return None
    return float(np.mean(gaps))


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

    ``bend_at`` is where the two-unit net bends; ``through`` is the interpolant at the fit's
    knots (the pair itself unless the seed story's pair misses the target at its end), and
    ``shift`` how far the fit lies below it when it is the same everywhere (x²: exactly
    Δ²/6), else ``None``.
    """

    one: ReLUNet
    pair: ReLUNet
    fit: ReLUNet
    bend_at: float
    through: ReLUNet
    shift: float | None


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
    knots = [lo, bend_at, hi]
    through, fit = interpolant_at(f, knots), least_squares_at(f, knots)
    return FirstUnits(one, pair, fit, bend_at, through, constant_gap(through, fit, lo, hi))
