"""What a picture of a net needs from the maths: the part of a net inside a window, a neuron
seen along one input, and the unit counts a sweep shows.

Numbers only (NumPy and the standard library); :mod:`relu_anim.drawing` turns them into shapes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.shallow import ReLUNet, pre_activation


def one_input_net(x: Sequence[float], w: Sequence[float], b: float, index: int = 0) -> ReLUNet:
    """Return the neuron's output as a function of input ``index``, the other inputs fixed.

    With the other inputs held at their values in ``x``, the neuron is
    ``ReLU(w_i·x_i + b')`` where ``b' = b + Σ_{j≠i} w_j·x_j`` is ``z`` at ``x_i = 0``: a one-unit
    net with its kink at ``x_i = −b'/w_i``.
    """
    others = [0.0 if j == index else float(value) for j, value in enumerate(x)]
    return ReLUNet([1.0], [float(w[index])], [float(pre_activation(others, w, b))])


def visible_x_range(
    net: ReLUNet, x_range: tuple[float, float], y_range: tuple[float, float]
) -> tuple[float, float] | None:
    """Return the first stretch of ``x_range`` on which ``net`` stays inside ``y_range``.

    A ramp that would leave the axes through their top or bottom is drawn up to the edge
    only; pass the result as the ``x_range`` of a :class:`NetCurve`, whose vertices are then
    still the net's exact polyline on that stretch. ``None`` if the net never enters the band.

    Examples
    --------
    >>> from relu_anim.numeric import shifted
    >>> visible_x_range(shifted(-2.0), (-3.0, 3.0), (-1.0, 3.0))
    (-3.0, 1.0)
    """
    low, high = float(y_range[0]), float(y_range[1])
    xs, ys = net.polyline(*x_range)
    start: float | None = None
    end = float(xs[0])
    for x0, x1, y0, slope in zip(xs[:-1], xs[1:], ys[:-1], net.slopes(*x_range), strict=True):
        inside = _inside_band(float(x0), float(x1), float(y0), float(slope), low, high)
        if inside is None or (start is not None and inside[0] > end):
            if start is not None:
                break
            continue
        if start is None:
            start = inside[0]
        end = inside[1]
        if end < x1:  # left the band inside this segment
            break
    return None if start is None else (start, end)


def _inside_band(
    x0: float, x1: float, y0: float, slope: float, low: float, high: float
) -> tuple[float, float] | None:
    """The part of ``[x0, x1]`` where ``y0 + slope·(x - x0)`` lies in ``[low, high]``."""
    if slope == 0.0:
        return (x0, x1) if low <= y0 <= high else None
    crossings = sorted((x0 + (low - y0) / slope, x0 + (high - y0) / slope))
    start, end = max(x0, crossings[0]), min(x1, crossings[1])
    return (start, end) if start < end else None


def sweep_count(progress: float, last: int, levels: int) -> int:
    """The unit count a sweep from 1 to ``last`` in ``levels`` equal steps shows at ``progress``.

    Step ``k`` shows ``round(last ** (k / (levels - 1)))``: geometric, so the first counts stay
    on screen long enough to be read one by one and the large ones go by faster.

    Examples
    --------
    >>> [sweep_count(p, 100, 5) for p in (0.0, 0.2, 0.4, 0.6, 0.99, 1.0)]
    [1, 3, 10, 32, 100, 100]
    """
    if last < 1 or levels < 2:
        raise ValueError(f"sweep_count: need last >= 1 and levels >= 2, got {last}, {levels}")
    progress = min(max(float(progress), 0.0), 1.0)
    level = min(math.floor(progress * levels), levels - 1)
    exponent = level / (levels - 1)
    return min(last, max(1, math.floor(last**exponent + 0.5)))


def sweep_counts(last: int, levels: int, run_time: float, frame_rate: float) -> list[int]:
    """The distinct counts the frames of a ``run_time`` sweep at ``frame_rate`` show, in order.

    Manim draws the frames at ``t = 0, 1/rate, ...`` below ``run_time`` and then the finished
    state, so these are exactly the counts a render puts on screen.

    Examples
    --------
    >>> sweep_counts(100, 5, run_time=1.0, frame_rate=5)
    [1, 3, 10, 32, 100]
    """
    times = np.arange(0, run_time, 1 / frame_rate)
    progress = [*(times / run_time), 1.0] if run_time > 0 else [1.0]
    counts = [sweep_count(p, last, levels) for p in progress]
    return [n for i, n in enumerate(counts) if i == 0 or n != counts[i - 1]]


def error_decimals(units: int, significant: int = 3) -> int:
    """Decimals that show an error of order ``1/units²`` with ``significant`` digits.

    The video's readouts and the lecture page's sliders both use it, so they print alike.

    Examples
    --------
    >>> error_decimals(100), error_decimals(10), error_decimals(1)
    (6, 4, 2)
    """
    return max(2, math.ceil(math.log10(units**2)) + significant - 1)


class PiecewiseLinear(Protocol):
    """A net whose graph is a polyline: ReLUNet, DeepReLUNet."""

    def slopes(self, lo: float, hi: float) -> np.ndarray: ...


def teeth(net: PiecewiseLinear, lo: float = 0.0, hi: float = 1.0) -> int:
    """The teeth of a net on ``[lo, hi]``: its peaks, where a rising segment meets a falling one.

    Examples
    --------
    >>> from relu_anim.numeric.deep import tent_power
    >>> teeth(tent_power(1)), teeth(tent_power(3))
    (1, 4)
    """
    slopes = net.slopes(lo, hi)
    return int(np.sum((slopes[:-1] > 0) & (slopes[1:] < 0)))


def closest_look(
    f: Callable[[np.ndarray], npt.ArrayLike], net: ReLUNet, lo: float, hi: float, pieces: int = 2
) -> tuple[float, float]:
    """The window of ``pieces`` neighbouring pieces of ``net`` on ``[lo, hi]`` where the net
    is seen best to be straight pieces beside ``f``: the largest gap ``max |f − g|`` there
    as a share of how far ``f`` rises or falls across the window (which a plot of the window
    must span). Ties go to the leftmost window.

    Examples
    --------
    >>> from relu_anim.numeric.shallow import interpolant
    >>> closest_look(np.square, interpolant(np.square, 0.0, 2.0, 100), 0.0, 2.0)
    (0.0, 0.04)
    """
    xs = net.polyline(lo, hi)[0]
    pieces = max(1, min(int(pieces), len(xs) - 1))
    starts, ends = xs[: len(xs) - pieces], xs[pieces:]
    t = np.linspace(0.0, 1.0, 33 * pieces)
    grid = starts[:, None] + (ends - starts)[:, None] * t
    target = np.asarray(f(grid), dtype=float).reshape(grid.shape)
    gap = np.max(np.abs(target - net(grid.ravel()).reshape(grid.shape)), axis=1)
    span = np.ptp(target, axis=1)
    share = gap / np.maximum(span, 1e-300)
    best = int(np.argmax(np.where(span > 0, share, 0.0)))
    return float(starts[best]), float(ends[best])


def zoom_half_width(first: float, last: float, progress: float) -> float:
    """The half-width of a window that shrinks geometrically from ``first`` to ``last`` as
    ``progress`` goes 0 → 1: every window holds the next (nested), the zoom steady.

    Examples
    --------
    >>> [round(zoom_half_width(1.0, 0.01, t), 12) for t in (0.0, 0.5, 1.0)]
    [1.0, 0.1, 0.01]
    """
    progress = min(max(float(progress), 0.0), 1.0)
    return float(first * (last / first) ** progress)


def stretch_around(
    xs: np.ndarray, ys: np.ndarray, x0: float, low: float, high: float
) -> tuple[float, float] | None:
    """The run of the points ``(xs, ys)`` around ``x0`` whose ``ys`` stay inside
    ``[low, high]``, as ``(first x, last x)``; ``None`` if the point nearest ``x0`` is outside.

    Examples
    --------
    >>> xs = np.linspace(-2.0, 2.0, 9)
    >>> stretch_around(xs, xs**2, 0.0, -1.0, 1.0)
    (-1.0, 1.0)
    """
    inside = (ys >= low) & (ys <= high)
    centre = int(np.argmin(np.abs(xs - x0)))
    if not inside[centre]:
        return None
    outside = np.flatnonzero(~inside)
    before, after = outside[outside < centre], outside[outside > centre]
    start = int(before[-1]) + 1 if len(before) else 0
    end = int(after[0]) - 1 if len(after) else len(xs) - 1
    return float(xs[start]), float(xs[end])


def bend_share(f: Callable[[np.ndarray], npt.ArrayLike], lo: float, hi: float) -> float:
    """How far ``f`` strays from its chord on ``[lo, hi]``, as a share of the width: what an
    equally scaled picture of the window shows as curvature (0 for a straight piece).

    Examples
    --------
    >>> round(bend_share(np.square, 0.0, 2.0), 6), bend_share(np.negative, 0.0, 2.0)
    (0.5, 0.0)
    """
    xs = np.linspace(lo, hi, 2001)
    ys = np.asarray(f(xs), dtype=float)
    chord = ys[0] + (ys[-1] - ys[0]) * (xs - lo) / (hi - lo)
    return float(np.max(np.abs(ys - chord)) / (hi - lo))


def stop_decimals(lo: float, hi: float, shares: Sequence[float], least: int = 1) -> int:
    """The fewest decimals (at least ``least``) at which the points at ``shares`` of
    ``[lo, hi]``, rounded, are all different and strictly inside it: on [0, 0.01] one decimal
    rounded every stop of h to 0, and h never moved.

    Examples
    --------
    >>> stop_decimals(-3.0, 3.0, (0.75, 1 / 3)), stop_decimals(0.0, 0.01, (0.75, 1 / 3))
    (1, 3)
    """
    for decimals in range(int(least), 17):
        stops = [round(lo + (hi - lo) * share, decimals) for share in shares]
        if len(set(stops)) == len(stops) and all(lo < stop < hi for stop in stops):
            return decimals
    return 16
