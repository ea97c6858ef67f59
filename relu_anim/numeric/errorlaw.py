"""Curves given by their samples, and the error-against-N series the error-law scene plots.

:class:`Samples` holds points ``(xs, ys)`` and answers ``polyline(lo, hi)`` like a ReLU net, so
the same drawing code (and the same drawn-equals-computed tests) serve a smooth curve sampled
here, a squared-loss curve, or a series of errors. :func:`error_series` measures a family of
fits with :func:`~relu_anim.numeric.shallow.max_error` or
:func:`~relu_anim.numeric.shallow.rms_error`; :func:`loglog_slope` reads the slope of a
series off log-log axes; :func:`squared_loss` is the loss ½(f − h)² of the symmetric scene.

This module imports NumPy and the standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.shallow import (
    Target,
    interpolant,
    least_squares,
    max_error,
    rms_error,
)

__all__ = [
    "Samples",
    "error_series",
    "log_counts",
    "loglog_slope",
    "sampled",
    "squared_loss",
    "taylor_polynomial",
    "window_below",
]


@dataclass(frozen=True, slots=True, eq=False)
class Samples:
    """A curve known by its points ``(xs, ys)``, ``xs`` increasing.

    ``polyline(lo, hi)`` returns the points with ``lo ≤ x ≤ hi``: exactly what is drawn.

    Examples
    --------
    >>> Samples([0.0, 1.0, 2.0], [0.0, 1.0, 4.0]).polyline(0.5, 2.0)
    (array([1., 2.]), array([1., 4.]))
    """

    xs: np.ndarray
    ys: np.ndarray

    def __post_init__(self) -> None:
        xs, ys = (np.array(v, dtype=float).reshape(-1) for v in (self.xs, self.ys))
        if len(xs) != len(ys) or len(xs) < 1:
            raise ValueError(f"Samples: need equal, non-empty xs and ys, got {len(xs)}, {len(ys)}")
        if np.any(np.diff(xs) <= 0) or not np.all(np.isfinite(xs) & np.isfinite(ys)):
            raise ValueError("Samples: xs must increase and every value must be finite")
        for name, vector in (("xs", xs), ("ys", ys)):
            vector.flags.writeable = False
            object.__setattr__(self, name, vector)

    def polyline(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
        """The points with ``lo ≤ x ≤ hi``."""
        keep = (self.xs >= lo) & (self.xs <= hi)
        return self.xs[keep], self.ys[keep]

    @property
    def x_range(self) -> tuple[float, float]:
        """``(first x, last x)``."""
        return float(self.xs[0]), float(self.xs[-1])

    def floored(self, floor: float) -> Samples:
        """The same points with every ``y`` below ``floor`` raised to it (for log axes).

        Examples
        --------
        >>> Samples([1.0, 2.0], [0.5, 1e-17]).floored(1e-6).ys
        array([5.e-01, 1.e-06])
        """
        return Samples(self.xs, np.maximum(self.ys, floor))

    @overload
    def __call__(self, x: float) -> float: ...
    @overload
    def __call__(self, x: npt.ArrayLike) -> float | np.ndarray: ...
    def __call__(self, x: float | npt.ArrayLike) -> float | np.ndarray:
        """Linear interpolation between the samples (what the polyline shows)."""
        return np.interp(np.asarray(x, dtype=float), self.xs, self.ys)


def sampled(
    f: Callable[[np.ndarray], npt.ArrayLike], lo: float, hi: float, n: int = 241
) -> Samples:
    """``f`` at ``n`` evenly spaced points of ``[lo, hi]``.

    Examples
    --------
    >>> sampled(np.square, 0.0, 2.0, 3).ys
    array([0., 1., 4.])
    """
    xs = np.linspace(float(lo), float(hi), int(n))
    return Samples(xs, np.asarray(f(xs), dtype=float) + 0.0)


def squared_loss(f: Target, h: Callable, lo: float, hi: float, n: int = 601) -> Samples:
    """The loss ``½(f(x) − h(x))²`` at ``n`` evenly spaced points (and every kink of ``h``).

    Examples
    --------
    >>> from relu_anim.numeric.shallow import symmetric_square
    >>> squared_loss(np.square, symmetric_square(1), -3.0, 3.0, 7).ys
    array([18.,  2.,  0.,  0.,  0.,  2., 18.])
    """
    xs = np.linspace(float(lo), float(hi), int(n))
    if hasattr(h, "polyline"):
        xs = np.unique(np.concatenate([xs, h.polyline(lo, hi)[0]]))
    return Samples(xs, 0.5 * (np.asarray(f(xs), dtype=float) - h(xs)) ** 2)


def window_below(curve: Samples, cap: float) -> tuple[float, float]:
    """The widest run of samples around the curve's lowest point where ``y ≤ cap``.

    Examples
    --------
    >>> window_below(Samples([-2, -1, 0, 1, 2], [4, 1, 0, 1, 4]), 2.0)
    (-1.0, 1.0)
    """
    low = int(np.argmin(curve.ys))
    above = curve.ys > cap
    left = np.flatnonzero(above[:low])
    right = np.flatnonzero(above[low:])
    first = int(left[-1]) + 1 if len(left) else 0
    last = low + int(right[0]) - 1 if len(right) else len(curve.xs) - 1
    return float(curve.xs[first]), float(curve.xs[last])


def taylor_polynomial(terms: npt.ArrayLike, lo: float, hi: float, n: int = 241) -> Samples:
    """The polynomial ``Σ c_k x^k`` (coefficients from ``taylor_terms``) sampled on ``[lo, hi]``.

    Examples
    --------
    >>> taylor_polynomial([0.0, 1.0, 0.0, -1 / 6], 0.0, 1.0, 2).ys
    array([0.        , 0.83333333])
    """
    return sampled(np.polynomial.Polynomial(np.asarray(terms, dtype=float)), lo, hi, n)


def log_counts(last: int = 100, per_decade: int = 6) -> tuple[int, ...]:
    """Unit counts from 1 to ``last`` evenly spaced on a log scale (whole numbers, no repeats).

    Examples
    --------
    >>> log_counts(100, 3)
    (1, 2, 5, 10, 22, 46, 100)
    """
    decades = math.log10(last)
    points = np.rint(np.logspace(0, decades, round(decades * per_decade) + 1))
    return tuple(int(n) for n in np.unique(points))


_FITS = {"interpolant": interpolant, "least_squares": least_squares}
_MEASURES = {"max": max_error, "rms": rms_error}


@lru_cache(maxsize=64)
def _series(
    f: Target, lo: float, hi: float, counts: tuple[int, ...], fit: str, measure: str
) -> tuple[float, ...]:
    build, error = _FITS[fit], _MEASURES[measure]
    return tuple(error(f, build(f, lo, hi, n), lo, hi) for n in counts)


def error_series(
    f: Target,
    lo: float,
    hi: float,
    counts: Sequence[int],
    fit: str = "interpolant",
    measure: str = "max",
) -> Samples:
    """``(N, error of the N-unit fit)`` for every ``N`` in ``counts``.

    ``fit`` is ``"interpolant"`` or ``"least_squares"``, ``measure`` ``"max"`` or ``"rms"``
    (:func:`~relu_anim.numeric.shallow.max_error`, :func:`~relu_anim.numeric.shallow.rms_error`).
    Results are cached per ``(f, interval, counts, fit, measure)``: a scene built in several
    aspects measures once.

    Examples
    --------
    >>> error_series(np.square, 0.0, 2.0, (1, 2, 10)).ys
    array([1.  , 0.25, 0.01])
    """
    if fit not in _FITS or measure not in _MEASURES:
        raise ValueError(f"error_series: unknown fit {fit!r} or measure {measure!r}")
    counts = tuple(int(n) for n in counts)
    errors = _series(f, float(lo), float(hi), counts, fit, measure)
    return Samples(np.array(counts, dtype=float), np.array(errors))


def loglog_slope(series: Samples, first: float = 1.0, last: float = math.inf) -> float:
    """The least-squares slope of ``log error`` against ``log N`` for ``first ≤ N ≤ last``.

    Points with zero error (a knot on a kink; below 1e-12 counts as zero) have no logarithm
    and are left out.

    Examples
    --------
    >>> loglog_slope(error_series(np.square, 0.0, 2.0, (1, 2, 4, 8)))
    -2.0
    """
    xs, ys = series.polyline(first, last)
    keep = ys > 1e-12
    slope = np.polyfit(np.log10(xs[keep]), np.log10(ys[keep]), 1)[0]
    return round(float(slope), 12) + 0.0
