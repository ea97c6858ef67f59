"""Exact arithmetic of one-hidden-layer ReLU networks on a scalar input.

A net ``g(x) = c + Σ a_i·ReLU(w_i·x + b_i)`` is continuous and piecewise linear: a unit with
``w_i ≠ 0`` bends the graph at ``x = -b_i/w_i`` by the slope ``a_i·|w_i|``. :class:`ReLUNet`
stores the net once as its vertices (kinks and the values there) and the slope and intercept
of every linear piece between them, so evaluating it is one binary search and one affine map per
point, and a scene draws it as an exact polyline.

This module imports NumPy and the standard library only.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.sklearn import shallow_parameters

__all__ = [
    "ReLUNet",
    "argmax_error",
    "interpolant",
    "least_squares",
    "max_error",
    "neuron",
    "pre_activation",
    "relu",
    "relu_net_from_sklearn",
    "rms_error",
    "shifted",
    "square_interpolant_error",
    "symmetric_square",
]

Target = Callable[[np.ndarray], npt.ArrayLike]
# What the error functions measure: any vectorised callable (ReLUNet, DeepReLUNet, a smooth net).
Net = Callable[[np.ndarray], npt.ArrayLike]

_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0
_GAUSS_NODES, _GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(8)
# Peaks of |f - g| found on the grid that are refined; all equal peaks (x² against its
# interpolant) or plateaus (f == g) would otherwise cost one refinement per grid point.
_MAX_REFINED_PEAKS = 256


def relu(x: float | npt.ArrayLike) -> float | np.ndarray:
    """Rectified linear unit ``max(0, x)``, elementwise.

    Examples
    --------
    >>> relu(-2.0), relu(3)
    (0.0, 3.0)
    >>> relu([-1.0, 0.5])
    array([0. , 0.5])
    """
    result = np.maximum(np.asarray(x, dtype=float), 0.0)
    return float(result) if result.ndim == 0 else result


def pre_activation(x: npt.ArrayLike, w: npt.ArrayLike, b: float) -> float | np.ndarray:
    """The weighted sum ``z = w·x + b`` of a neuron before its ReLU, for ``x`` of shape ``(n,)``
    or a batch ``(m, n)``.

    Examples
    --------
    >>> pre_activation([1.0, 2.0], [0.5, -1.0], 0.25)
    -1.25
    """
    inputs = np.asarray(x, dtype=float)
    weights = np.asarray(w, dtype=float)
    if weights.ndim != 1:
        raise ValueError(f"neuron: w must have shape (n,), got {weights.shape}")
    if np.ndim(b) != 0:
        raise ValueError(f"neuron: b must be a scalar, got shape {np.shape(b)}")
    if inputs.ndim not in (1, 2) or inputs.shape[-1] != weights.shape[0]:
        raise ValueError(
            f"neuron: x must have shape (n,) or (m, n) with n = {weights.shape[0]} as for w of "
            f"shape {weights.shape}, got {inputs.shape}"
        )
    z = inputs @ weights + float(b)
    return float(z) if z.ndim == 0 else z


def neuron(x: npt.ArrayLike, w: npt.ArrayLike, b: float) -> float | np.ndarray:
    """One neuron ``ReLU(w·x + b)`` of a vector input ``x`` of shape ``(n,)`` or a batch ``(m, n)``.

    Examples
    --------
    >>> neuron([1.0, 2.0], [3.0, -1.0], 0.5)
    1.5
    >>> neuron([[1.0, 2.0], [0.0, 1.0]], [3.0, -1.0], 0.5)
    array([1.5, 0. ])
    """
    return relu(pre_activation(x, w, b))


@dataclass(frozen=True, slots=True, eq=False)
class ReLUNet:
    """The net ``g(x) = c + Σ_i a_i·ReLU(w_i·x + b_i)`` with read-only float64 weights.

    Parameters
    ----------
    a, w, b
        Output weights, input weights and biases: array_like of equal length (a scalar is one
        unit). A unit with ``w_i = 0`` is the constant ``a_i·ReLU(b_i)``.
    c
        The output bias.

    Examples
    --------
    >>> net = ReLUNet(a=[1.0, -2.0], w=[1.0, 1.0], b=[0.0, -1.0])
    >>> net.polyline(-1.0, 3.0)
    (array([-1.,  0.,  1.,  3.]), array([ 0.,  0.,  1., -1.]))
    >>> net(2.0), net.slopes(-1.0, 3.0)
    (0.0, array([ 0.,  1., -1.]))
    """

    a: np.ndarray
    w: np.ndarray
    b: np.ndarray
    c: float = 0.0
    # Precomputed once: distinct sorted kinks, g there, the slope change at each, the slope
    # and intercept of each of the len(kinks) + 1 linear regions, and g with no kinks at all.
    _all_kinks: np.ndarray = field(init=False, repr=False)
    _vertex_x: np.ndarray = field(init=False, repr=False)
    _vertex_y: np.ndarray = field(init=False, repr=False)
    _jumps: np.ndarray = field(init=False, repr=False)
    _region_slopes: np.ndarray = field(init=False, repr=False)
    _region_intercepts: np.ndarray = field(init=False, repr=False)
    _constant: float = field(init=False, repr=False)

    if TYPE_CHECKING:  # the weights are converted in __post_init__: any array_like will do

        def __init__(
            self, a: npt.ArrayLike, w: npt.ArrayLike, b: npt.ArrayLike, c: float = 0.0
        ) -> None: ...

    def __post_init__(self) -> None:
        a, w, b = (
            _weight_vector(value, name) for value, name in zip(self._weights, "awb", strict=True)
        )
        if not len(a) == len(w) == len(b):
            raise ValueError(
                f"ReLUNet: a, w and b must have the same length, got {len(a)}, {len(w)} "
                f"and {len(b)}"
            )
        if np.ndim(self.c) != 0 or not math.isfinite(float(self.c)):
            raise ValueError(f"ReLUNet: c must be a finite scalar, got {self.c!r}")
        bends = w != 0
        with np.errstate(over="ignore"):
            kinks = -b[bends] / w[bends] + 0.0  # no kink at -0.0 next to one at 0.0
        if not np.all(np.isfinite(kinks)):
            raise ValueError("ReLUNet: every kink -b/w must be finite; use w = 0 for a constant")
        vertex_x, owner = np.unique(kinks, return_inverse=True)

        rising = w[bends] > 0
        slope_terms, offset_terms = a[bends] * w[bends], a[bends] * b[bends]

        def per_vertex(values: np.ndarray) -> np.ndarray:
            return np.bincount(owner, weights=values, minlength=len(vertex_x))

        def active_at_vertices(values: np.ndarray) -> np.ndarray:
            # At a kink, a rising unit (w > 0) is active iff its kink lies to the left and a
            # falling one iff it lies to the right: prefix sums give g at all kinks at once.
            from_left = _exclusive_cumsum(per_vertex(np.where(rising, values, 0.0)))
            from_right = _exclusive_cumsum(per_vertex(np.where(rising, 0.0, values))[::-1])
            return from_left + from_right[::-1]

        def active_in_regions(values: np.ndarray) -> np.ndarray:
            # Region k lies right of k kinks. Only the units active there are summed: adding a
            # far kink's unit and taking it off again would leave its rounding behind.
            from_left = np.cumsum(per_vertex(np.where(rising, values, 0.0)))
            from_right = np.cumsum(per_vertex(np.where(rising, 0.0, values))[::-1])[::-1]
            return np.concatenate(([0.0], from_left)) + np.concatenate((from_right, [0.0]))

        constant = float(self.c) + float(np.sum(a[~bends] * np.maximum(b[~bends], 0.0)))
        jumps = per_vertex(a[bends] * np.abs(w[bends]))
        region_slopes = active_in_regions(slope_terms)
        vertex_y = (
            constant + vertex_x * active_at_vertices(slope_terms) + active_at_vertices(offset_terms)
        )
        computed = {
            "a": a,
            "w": w,
            "b": b,
            "c": float(self.c) + 0.0,
            "_all_kinks": np.sort(kinks),
            "_vertex_x": vertex_x,
            "_vertex_y": vertex_y,
            "_jumps": jumps,
            "_region_slopes": region_slopes,
            "_region_intercepts": constant + active_in_regions(offset_terms),
            "_constant": constant,
        }
        for name, value in computed.items():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            object.__setattr__(self, name, value)

    @property
    def _weights(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (self.a, self.w, self.b)

    @overload
    def __call__(self, x: float) -> float: ...
    @overload
    def __call__(self, x: npt.ArrayLike) -> float | np.ndarray: ...
    def __call__(self, x: float | npt.ArrayLike) -> float | np.ndarray:
        """Evaluate ``g`` at a scalar (a float) or an array (same shape) in O((M+N) log N).

        Each point is ``slope·x + intercept`` of its own linear piece, so the rounding error is
        that of summing the units at ``x`` (as scikit-learn's ``predict`` does), however far
        the other kinks are.

        Examples
        --------
        >>> shifted(1.0, a=2.0)([0.0, 1.5, 3.0])
        array([0., 1., 4.])
        """
        points = np.asarray(x, dtype=float)
        flat = points.ravel()
        # Each point's own linear piece, not an interpolation between its neighbouring kinks: a
        # dead unit's kink at 1e14 would make g there ~1e14 and interpolating back to |x| ~ 1
        # cancels all but a few digits. slope·x + intercept is rounded like the sum of units.
        region = np.searchsorted(self._vertex_x, flat, side="right")
        slopes = self._region_slopes[region]
        # A flat piece stays flat out to ±inf (0·inf would be NaN); NaN stays NaN.
        moving = (slopes != 0.0) | np.isnan(flat)
        values = np.multiply(slopes, flat, where=moving, out=np.zeros(flat.shape))
        values += self._region_intercepts[region]
        return float(values[0]) if points.ndim == 0 else values.reshape(points.shape)

    def __len__(self) -> int:
        return len(self.a)

    @classmethod
    def from_sklearn(cls, model: Any) -> ReLUNet:
        """The net of a fitted one-hidden-layer scikit-learn ``MLPRegressor`` with ReLU units.

        A model that does not fit (another activation, more than one input, output or hidden
        layer, not fitted) raises a one-line :class:`ValueError` naming the problem and the fix;
        ``DeepReLUNet.from_sklearn`` takes any depth.

        Examples
        --------
        >>> from relu_anim.numeric.sklearn import stand_in_regressor
        >>> model = stand_in_regressor([np.array([[1.0]]), np.array([[2.0]])], [[-1.0], [0.0]])
        >>> ReLUNet.from_sklearn(model).kinks()
        array([1.])
        """
        a, w, b, c = shallow_parameters(model)
        return cls(a=a, w=w, b=b, c=c)

    @property
    def n_units(self) -> int:
        """The number of hidden units ``N``.

        Examples
        --------
        >>> symmetric_square(3).n_units
        6
        """
        return len(self.a)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReLUNet):
            return NotImplemented
        return self.c == other.c and all(
            np.array_equal(mine, theirs)
            for mine, theirs in zip(self._weights, other._weights, strict=True)
        )

    def __hash__(self) -> int:
        # -0.0 was normalised to 0.0 on construction, so equal nets have equal bytes.
        return hash((self.a.tobytes(), self.w.tobytes(), self.b.tobytes(), self.c))

    def __reduce__(self) -> tuple[type[ReLUNet], tuple[Any, ...]]:
        # Rebuild through __init__ so copies are validated and read-only like the original.
        return (type(self), (self.a, self.w, self.b, self.c))

    def __repr__(self) -> str:
        if self.n_units > 3:
            return f"ReLUNet(<{self.n_units} units>, c={self.c!r})"
        listed = ", ".join(
            f"{name}={vector.tolist()}" for name, vector in zip("awb", self._weights, strict=True)
        )
        return f"ReLUNet({listed}, c={self.c!r})"

    def kinks(self) -> np.ndarray:
        """Sorted kink positions ``-b_i/w_i`` of the units with ``w_i ≠ 0``, duplicates kept.

        Examples
        --------
        >>> ReLUNet(a=[1, 1, 1], w=[2, 0, -1], b=[-2, 3, 1]).kinks()
        array([1., 1.])
        """
        return self._all_kinks.copy()

    def slope_jumps(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct sorted kinks and the slope change at each, ``Σ a_i·|w_i|`` over its units.

        Examples
        --------
        >>> ReLUNet(a=[1, 3], w=[2, -1], b=[-2, 1]).slope_jumps()
        (array([1.]), array([5.]))
        """
        return self._vertex_x.copy(), self._jumps.copy()

    def polyline(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
        """The exact vertices ``(xs, ys)`` of ``g`` on ``[lo, hi]``.

        ``xs`` is ``lo``, every distinct kink strictly inside, then ``hi``; ``ys = g(xs)``.

        Examples
        --------
        >>> symmetric_square(2).polyline(-1.5, 1.5)
        (array([-1.5, -1. ,  0. ,  1. ,  1.5]), array([2.5, 1. , 0. , 1. , 2.5]))
        """
        lo, hi, first, stop = self._kinks_inside(lo, hi, "ReLUNet.polyline")
        xs = np.concatenate(([lo], self._vertex_x[first:stop], [hi]))
        ys = np.concatenate(([self(lo)], self._vertex_y[first:stop], [self(hi)]))
        return xs, ys

    def slopes(self, lo: float, hi: float) -> np.ndarray:
        """The slope of each segment of :meth:`polyline`, from the weights (not from ``ys``).

        Examples
        --------
        >>> symmetric_square(2).slopes(-1.5, 1.5)
        array([-3., -1.,  1.,  3.])
        """
        _, _, first, stop = self._kinks_inside(lo, hi, "ReLUNet.slopes")
        # Region k lies right of k kinks: the segment from lo starts in region `first`.
        return self._region_slopes[first : stop + 1].copy()

    def units(self, x: float | npt.ArrayLike) -> np.ndarray:
        """Each unit's own term ``a_i·ReLU(w_i·x + b_i)``, of shape ``(N, *x.shape)``.

        This is an N×M array, meant for the few points a scene shows term by term.

        Examples
        --------
        >>> symmetric_square(1).units([-2.0, 3.0])
        array([[0., 3.],
               [2., 0.]])
        """
        points = np.asarray(x, dtype=float)
        column = (-1,) + (1,) * points.ndim
        terms = self.w.reshape(column) * points + self.b.reshape(column)
        return self.a.reshape(column) * np.maximum(terms, 0.0)

    def unit(self, i: int) -> ReLUNet:
        """The ``i``-th unit alone as a net with ``c = 0``; negative ``i`` counts from the end.

        Examples
        --------
        >>> symmetric_square(2).unit(2)
        ReLUNet(a=[1.0], w=[2.0], b=[-2.0], c=0.0)
        """
        index = range(self.n_units)[operator.index(i)]
        keep = slice(index, index + 1)
        return ReLUNet(self.a[keep], self.w[keep], self.b[keep])

    def with_units(self, k: int) -> ReLUNet:
        """The net of the first ``k`` units (``0 ≤ k ≤ N``) and the same ``c``.

        Examples
        --------
        >>> symmetric_square(3).with_units(4) == symmetric_square(2)
        True
        """
        k = _count(k, "ReLUNet.with_units", "k", minimum=0, maximum=self.n_units)
        return ReLUNet(self.a[:k], self.w[:k], self.b[:k], self.c)

    def _kinks_inside(self, lo: float, hi: float, who: str) -> tuple[float, float, int, int]:
        lo, hi = _interval(lo, hi, who)
        first = int(np.searchsorted(self._vertex_x, lo, side="right"))
        stop = int(np.searchsorted(self._vertex_x, hi, side="left"))
        return lo, hi, first, stop


def shifted(h: float, a: float = 1.0) -> ReLUNet:
    """The single unit ``a·ReLU(x - h)``: a ramp starting at ``x = h``.

    Examples
    --------
    >>> shifted(0.5).kinks()
    array([0.5])
    """
    return ReLUNet(a=[a], w=[1.0], b=[-h])


def interpolant(f: Target, lo: float, hi: float, n: int) -> ReLUNet:
    """The piecewise-linear interpolant of ``f`` on ``n`` equal pieces of ``[lo, hi]``.

    With knots ``t_k = lo + kΔ`` and slopes ``s_k = (f(t_{k+1}) - f(t_k))/Δ`` it is
    ``f(lo) + Σ_{k<n} a_k·ReLU(x - t_k)`` where ``a_0 = s_0`` and ``a_k = s_k - s_{k-1}``.

    Examples
    --------
    >>> net = interpolant(np.square, 0.0, 2.0, 2)
    >>> net.a, net(0.5)
    (array([1., 2.]), 0.5)
    """
    knots = _knots(lo, hi, n, "interpolant")
    values = _sample(f, knots, "interpolant")
    slopes = np.diff(values) / np.diff(knots)
    return ReLUNet(a=np.diff(slopes, prepend=0.0), w=np.ones(n), b=-knots[:-1], c=values[0])


def least_squares(f: Target, lo: float, hi: float, n: int, samples: int = 2001) -> ReLUNet:
    """The kinks of :func:`interpolant`, with ``a`` and ``c`` fitted by least squares.

    The fit is over ``samples`` evenly spaced points of ``[lo, hi]`` (at least ``n + 1``).

    Examples
    --------
    >>> fit, plain = least_squares(np.square, 0, 2, 4), interpolant(np.square, 0, 2, 4)
    >>> bool(rms_error(np.square, fit, 0, 2) < rms_error(np.square, plain, 0, 2))
    True
    """
    knots = _knots(lo, hi, n, "least_squares")
    samples = _count(samples, "least_squares", "samples", minimum=n + 1)
    grid = np.linspace(knots[0], knots[-1], samples)
    design = np.column_stack([np.ones(samples), np.maximum(grid[:, None] - knots[:-1], 0.0)])
    weights = np.linalg.lstsq(design, _sample(f, grid, "least_squares"), rcond=None)[0]
    return ReLUNet(a=weights[1:], w=np.ones(n), b=-knots[:-1], c=weights[0])


def symmetric_square(levels: int) -> ReLUNet:
    """The seed net of ``g = relu`` that interpolates ``x²`` at the integers of ``[-k, k]``.

    ``h_1(x) = g(x) + g(-x) = |x|``, ``h_2(x) = h_1(x) + g(2(x - 1)) + g(-2(x + 1))`` and each
    level ``k ≥ 2`` adds ``g(2(x - (k-1))) + g(-2(x + (k-1)))``. The slope of ``x²``'s
    interpolant grows by 2 at every integer, so the inner weight stays ``±2``; the guess
    ``±2(k-1)`` would overshoot (``h_3(3) = 11``). ``h_k`` is within 1/4 of ``x²`` on
    ``[-k, k]`` and linear outside; unit ``2j`` and ``2j + 1`` are the pair of level ``j + 1``.

    Examples
    --------
    >>> symmetric_square(3)([-3.0, -2.5, 0.0, 2.0, 3.0])
    array([9. , 6.5, 0. , 4. , 9. ])
    """
    levels = _count(levels, "symmetric_square", "levels", minimum=1)
    shifts = np.repeat(np.arange(levels, dtype=float), 2)
    w = np.tile([1.0, -1.0], levels) * np.where(shifts == 0, 1.0, 2.0)
    return ReLUNet(a=np.ones(2 * levels), w=w, b=-2.0 * shifts)


def square_interpolant_error(lo: float, hi: float, n: int) -> float:
    """The predicted max error ``(Δ/2)²`` of the interpolant of x² on ``n`` equal pieces.

    On a piece of width ``Δ = (hi − lo)/n`` the gap ``x² − g`` is ``(x − t)(t + Δ − x)``, largest
    at the midpoint: ``Δ²/4``. On an interval of length 2 that is ``1/n²``. Scenes show it beside
    the measured :func:`max_error`; the tests check the two agree.

    Examples
    --------
    >>> square_interpolant_error(0.0, 2.0, 4)
    0.0625
    """
    lo, hi = _interval(lo, hi, "square_interpolant_error")
    n = _count(n, "square_interpolant_error", "n", 1)
    return ((hi - lo) / (2 * n)) ** 2


def max_error(f: Target, net: Net, lo: float, hi: float) -> float:
    """The largest ``|f(x) - net(x)|`` over ``[lo, hi]``, to relative ~1e-9 for smooth ``f``.

    ``net`` is any vectorised callable; a net with a ``polyline(lo, hi)`` (a ReLU net, deep or
    not) also has its vertices checked, where ``|f - net|`` may peak at a corner.

    Examples
    --------
    >>> max_error(np.square, interpolant(np.square, 0.0, 2.0, 4), 0.0, 2.0)
    0.0625
    """
    return _largest_error(f, net, lo, hi, "max_error")[1]


def argmax_error(f: Target, net: Net, lo: float, hi: float) -> float:
    """The ``x`` in ``[lo, hi]`` where :func:`max_error` is attained.

    Examples
    --------
    >>> round(argmax_error(np.square, shifted(0.0), 0.0, 1.0), 6)
    0.5
    """
    return _largest_error(f, net, lo, hi, "argmax_error")[0]


def rms_error(f: Target, net: Net, lo: float, hi: float) -> float:
    """The root-mean-square ``sqrt(∫(f - net)² dx / (hi - lo))`` over ``[lo, hi]``.

    Eight-node Gauss–Legendre on sub-intervals of each linear piece, so it is exact to
    rounding when ``f`` is a polynomial of degree ≤ 7.

    Examples
    --------
    >>> bool(np.isclose(rms_error(np.square, interpolant(np.square, 0, 2, 1), 0, 2), 4 / 30**0.5))
    True
    """
    lo, hi = _interval(lo, hi, "rms_error")
    vertices = _vertices(net, lo, hi)
    # Vertices split [lo, hi] where net bends; the base grid resolves f when there are few.
    edges = np.unique(np.concatenate([_subdivide(vertices, 4), np.linspace(lo, hi, 129)]))
    middles, halves = (edges[1:] + edges[:-1]) / 2, np.diff(edges) / 2
    nodes = (middles[:, None] + halves[:, None] * _GAUSS_NODES).ravel()
    squares = (_sample(f, nodes, "rms_error") - net(nodes)) ** 2
    integral = np.sum(halves * (squares.reshape(-1, len(_GAUSS_NODES)) @ _GAUSS_WEIGHTS))
    return math.sqrt(integral / (hi - lo))


def _largest_error(f: Target, net: Net, lo: float, hi: float, who: str) -> tuple[float, float]:
    """``(x, |f(x) - net(x)|)`` at the maximum: grid peaks refined by golden-section search."""
    lo, hi = _interval(lo, hi, who)

    def error(x: np.ndarray) -> np.ndarray:
        return np.abs(_sample(f, x, who) - net(x))

    # Every vertex is on the grid, so |f - net| is smooth between neighbouring grid points.
    vertices = _vertices(net, lo, hi)
    grid = np.unique(np.concatenate([_subdivide(vertices, 4), np.linspace(lo, hi, 20001)]))
    on_grid = error(grid)
    padded = np.concatenate(([-np.inf], on_grid, [-np.inf]))
    peaks = np.flatnonzero((on_grid >= padded[:-2]) & (on_grid >= padded[2:]))
    if len(peaks) > _MAX_REFINED_PEAKS:
        peaks = peaks[np.argpartition(on_grid[peaks], -_MAX_REFINED_PEAKS)[-_MAX_REFINED_PEAKS:]]
    left = grid[np.maximum(peaks - 1, 0)]
    right = grid[np.minimum(peaks + 1, len(grid) - 1)]
    refined_x, refined_error = _golden_section_max(error, left, right)
    candidates_x = np.concatenate([grid[peaks], refined_x])
    candidates_error = np.concatenate([on_grid[peaks], refined_error])
    best = int(np.argmax(candidates_error))
    return float(candidates_x[best]), float(candidates_error[best])


def _vertices(net: Net, lo: float, hi: float) -> np.ndarray:
    """The corners of ``net`` on ``[lo, hi]``: its polyline's vertices, or the ends alone."""
    polyline = getattr(net, "polyline", None)
    # A smooth net has no corners; the base grids of the error functions resolve it.
    return np.array([lo, hi]) if polyline is None else polyline(lo, hi)[0]


def _golden_section_max(
    func: Callable[[np.ndarray], np.ndarray], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Maximise ``func`` on every bracket ``[left, right]`` at once; the points and values."""
    # 0.618**60 shrinks a bracket below float resolution; recomputing both inner points
    # doubles the evaluations of a few hundred points, which is cheaper than bookkeeping.
    for _ in range(60):
        inner_left = right - _GOLDEN * (right - left)
        inner_right = left + _GOLDEN * (right - left)
        keep_left = func(inner_left) >= func(inner_right)
        left = np.where(keep_left, left, inner_left)
        right = np.where(keep_left, inner_right, right)
    middle = (left + right) / 2
    return middle, func(middle)


def _weight_vector(value: npt.ArrayLike, name: str) -> np.ndarray:
    vector = np.asarray(value, dtype=float)
    if vector.ndim > 1:
        raise ValueError(f"ReLUNet: {name} must be 1-D, got shape {vector.shape}")
    if not np.all(np.isfinite(vector)):
        raise ValueError(f"ReLUNet: {name} must be finite, got {vector.tolist()}")
    # Adding 0.0 copies and turns -0.0 into 0.0, which keeps __hash__ consistent with __eq__.
    return vector.reshape(-1) + 0.0


def _exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    return np.concatenate(([0.0], np.cumsum(values)[:-1])) if len(values) else values


def _subdivide(vertices: np.ndarray, parts: int) -> np.ndarray:
    """``vertices`` with ``parts - 1`` evenly spaced points added inside each gap."""
    fractions = np.arange(parts) / parts
    inner = vertices[:-1, None] + np.diff(vertices)[:, None] * fractions
    return np.concatenate([inner.ravel(), vertices[-1:]])


def _interval(lo: float, hi: float, who: str) -> tuple[float, float]:
    if np.ndim(lo) != 0 or np.ndim(hi) != 0:
        raise ValueError(f"{who}: lo and hi must be scalars, got {lo!r} and {hi!r}")
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"{who}: need finite lo < hi, got lo={lo!r}, hi={hi!r}")
    return lo, hi


def _count(value: int, who: str, name: str, minimum: int, maximum: float = math.inf) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise ValueError(f"{who}: {name} must be an integer, got {value!r}")
    if not minimum <= value <= maximum:
        bounds = f"at least {minimum}" if maximum == math.inf else f"in {minimum}..{maximum}"
        raise ValueError(f"{who}: {name} must be {bounds}, got {value}")
    return int(value)


def _knots(lo: float, hi: float, n: int, who: str) -> np.ndarray:
    lo, hi = _interval(lo, hi, who)
    return np.linspace(lo, hi, _count(n, who, "n", minimum=1) + 1)


def _sample(f: Target, x: np.ndarray, who: str) -> np.ndarray:
    """``f(x)`` as finite floats of ``x``'s shape; one call, so ``f`` must be vectorised."""
    values = np.asarray(f(x), dtype=float)
    try:
        values = np.broadcast_to(values, x.shape)
    except ValueError:
        raise ValueError(
            f"{who}: f must return one value per point, got shape {values.shape} for {x.shape}"
        ) from None
    finite = np.isfinite(values)
    if not finite.all():
        raise ValueError(f"{who}: f is not finite at x = {float(x[~finite].flat[0])!r}")
    return values


def relu_net_from_sklearn(model: Any) -> ReLUNet:
    """The :class:`ReLUNet` of a fitted one-hidden-layer ``MLPRegressor`` with ReLU units.

    The same as :meth:`ReLUNet.from_sklearn`; see
    :meth:`DeepReLUNet.from_sklearn <relu_anim.numeric.deep.DeepReLUNet.from_sklearn>` for what
    the model must be.

    Examples
    --------
    >>> from relu_anim.numeric.sklearn import stand_in_regressor
    >>> model = stand_in_regressor([[[1.0, -1.0]], [[2.0], [3.0]]], [[0.0, 1.0], [0.5]])
    >>> relu_net_from_sklearn(model)
    ReLUNet(a=[2.0, 3.0], w=[1.0, -1.0], b=[0.0, 1.0], c=0.5)
    """
    return ReLUNet.from_sklearn(model)
