"""Exact arithmetic of deep ReLU networks on a scalar input, in scikit-learn's layout.

A :class:`DeepReLUNet` composes affine maps with ReLU on every hidden layer and a linear last
layer. Each hidden unit's pre-activation is piecewise linear in ``x``, so the net is too, and its
vertices are found layer by layer: a unit of layer ``l`` bends only where its pre-activation
crosses zero, and on each linear piece of layer ``l - 1`` that crossing is one division.
:func:`sawtooth_square` builds Yarotsky's (2017) deep net for ``x²`` from it.

This module imports NumPy and the standard library only; scikit-learn models are read by their
attributes, never imported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.layers import validated_layers
from relu_anim.numeric.shallow import ReLUNet, interpolant, max_error
from relu_anim.numeric.sklearn import sklearn_layers

__all__ = [
    "DeepReLUNet",
    "DepthRow",
    "depth_table",
    "sawtooth_square",
    "shallow_units_for_error",
    "shallow_units_lower_bound",
    "tent_power",
]

# Floats per layer evaluated at once: keeps a wide net's activations in cache-sized blocks.
_BLOCK = 1 << 16
# A pre-activation within this fraction of its own magnitude (|inputs|·|weights| + |bias|) is
# zero up to rounding, and a crossing this close (relative to the interval's scale) to a vertex
# is that vertex. Without it, a kink met exactly at a vertex by a later layer (the sawtooth's
# teeth) reappears one ulp away as a sliver segment. 2^-40 ≈ 1e-12 leaves room for rounding
# amplified ~2^12-fold by earlier layers and still separates vertices 1e-9 apart.
_ROUNDING = 2.0**-40
# Shallow interpolants tried by shallow_units_for_error before it gives up.
_MAX_SHALLOW_UNITS = 1 << 14


@dataclass(frozen=True, slots=True, eq=False)
class DeepReLUNet:
    """A ReLU net ``ℝ → ℝ`` with any number of hidden layers, in scikit-learn's layout.

    Layer ``i`` maps ``h ↦ h @ coefs[i] + intercepts[i]``; ReLU follows every layer but the last.

    Parameters
    ----------
    coefs
        One 2-D array per layer, of shape ``(n_in, n_out)``: ``(1, h₁)``, ``(h₁, h₂)``, …,
        ``(h_L, 1)``. A single ``(1, 1)`` layer is an affine map with no hidden units.
    intercepts
        One 1-D array per layer, of shape ``(n_out,)``.

    Examples
    --------
    >>> tent = tent_power(1)                   # 2·ReLU(x) − 4·ReLU(x − ½) + 2·ReLU(x − 1)
    >>> tent.layers, tent.n_units
    ((3,), 3)
    >>> tent([0.25, 0.5, 2.0])
    array([0.5, 1. , 0. ])
    >>> tent.polyline(-1.0, 2.0)
    (array([-1. ,  0. ,  0.5,  1. ,  2. ]), array([0., 0., 1., 0., 0.]))
    """

    coefs: tuple[np.ndarray, ...]
    intercepts: tuple[np.ndarray, ...]

    if TYPE_CHECKING:  # the layers are converted in __post_init__: any array_likes will do

        def __init__(
            self, coefs: Sequence[npt.ArrayLike], intercepts: Sequence[npt.ArrayLike]
        ) -> None: ...

    def __post_init__(self) -> None:
        coefs, intercepts = validated_layers(self.coefs, self.intercepts)
        object.__setattr__(self, "coefs", coefs)
        object.__setattr__(self, "intercepts", intercepts)

    @classmethod
    def from_sklearn(cls, model: Any) -> DeepReLUNet:
        """The net of a fitted scikit-learn ``MLPRegressor`` with ReLU units, any depth.

        Read through ``coefs_``, ``intercepts_``, ``activation``, ``out_activation_``,
        ``n_features_in_`` and ``n_outputs_``; a model that does not fit raises a one-line
        :class:`ValueError` naming the problem and the fix.

        Examples
        --------
        >>> from relu_anim.numeric.sklearn import stand_in_regressor
        >>> model = stand_in_regressor([np.ones((1, 2)), np.ones((2, 1))], [np.zeros(2), [0.0]])
        >>> DeepReLUNet.from_sklearn(model)(3.0)
        6.0
        """
        coefs, intercepts = sklearn_layers(model, "DeepReLUNet.from_sklearn")
        return cls(coefs, intercepts)

    @classmethod
    def from_shallow(cls, net: ReLUNet) -> DeepReLUNet:
        """The same function as a one-hidden-layer :class:`ReLUNet`, in this layout.

        Examples
        --------
        >>> from relu_anim.numeric.shallow import symmetric_square
        >>> DeepReLUNet.from_shallow(symmetric_square(2))([-2.0, 0.5])
        array([4. , 0.5])
        """
        return cls((net.w[None, :], net.a[:, None]), (net.b, np.array([net.c])))

    @property
    def layers(self) -> tuple[int, ...]:
        """The widths of the hidden layers, input to output; ``len(layers)`` is the depth.

        Examples
        --------
        >>> sawtooth_square(3).layers
        (4, 4, 4)
        """
        return tuple(coef.shape[1] for coef in self.coefs[:-1])

    @property
    def n_units(self) -> int:
        """The number of hidden units over all layers.

        Examples
        --------
        >>> sawtooth_square(7).n_units
        28
        """
        return sum(self.layers)

    @overload
    def __call__(self, x: float) -> float: ...
    @overload
    def __call__(self, x: npt.ArrayLike) -> float | np.ndarray: ...
    def __call__(self, x: float | npt.ArrayLike) -> float | np.ndarray:
        """Evaluate the net at a scalar (a float) or an array (same shape), layer by layer.

        The arithmetic is scikit-learn's (``h @ W``, ``+= b``, ReLU in place), so an imported
        model gives its own predictions back to rounding.

        Examples
        --------
        >>> tent_power(2)([0.125, 0.25, 0.5])
        array([0.5, 1. , 0. ])
        """
        points = np.asarray(x, dtype=float)
        flat = points.ravel()
        values = np.empty(flat.shape)
        step = max(1, _BLOCK // max(coef.shape[1] for coef in self.coefs))
        for start in range(0, len(flat), step):
            block = flat[start : start + step, None]
            values[start : start + step] = self._forward(block, len(self.coefs))[:, 0]
        return float(values[0]) if points.ndim == 0 else values.reshape(points.shape)

    def layer_outputs(self, x: float | npt.ArrayLike) -> tuple[np.ndarray, ...]:
        """Each hidden layer's activations at ``x``, of shape ``(*x.shape, width)``, in order.

        Examples
        --------
        >>> [out.tolist() for out in tent_power(2).layer_outputs(0.375)]
        [[0.375, 0.0, 0.0], [0.75, 0.25, 0.0]]
        """
        points = np.asarray(x, dtype=float)
        h = points.reshape(-1, 1)
        outputs = []
        for coef, intercept in zip(self.coefs[:-1], self.intercepts[:-1], strict=True):
            h = np.maximum(h @ coef + intercept, 0.0)
            outputs.append(h.reshape(*points.shape, -1))
        return tuple(outputs)

    def polyline(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
        """The exact vertices ``(xs, ys)`` of the net on ``[lo, hi]``, found layer by layer.

        ``xs`` is ``lo``, then every point strictly inside where some hidden unit's
        pre-activation changes sign (where the net can bend), then ``hi``; ``ys`` is the net
        there. Between vertices every unit keeps its sign, so the net is linear: this is the
        whole graph, not a sample of it. Vertices closer than ~1e-12 of the interval's scale
        are one vertex (see the module's ``_ROUNDING``).

        Examples
        --------
        >>> xs, ys = tent_power(2).polyline(0.0, 1.0)
        >>> xs.tolist(), ys.tolist()
        ([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 1.0, 0.0, 1.0, 0.0])
        """
        xs = self._vertices(lo, hi)
        return xs, np.asarray(self(xs))

    def kinks(self, lo: float, hi: float) -> np.ndarray:
        """The inner vertices of :meth:`polyline`: sorted, distinct, strictly inside.

        Examples
        --------
        >>> tent_power(3).kinks(0.0, 1.0).tolist()
        [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]
        """
        return self._vertices(lo, hi)[1:-1]

    def slopes(self, lo: float, hi: float) -> np.ndarray:
        """The slope of each segment of :meth:`polyline`, from the weights (not from ``ys``).

        On each segment the active units are fixed; the slope is the product of the weight
        matrices with the inactive units' rows removed.

        Examples
        --------
        >>> tent_power(1).slopes(0.0, 1.0)
        array([ 2., -2.])
        """
        xs = self._vertices(lo, hi)
        middles = (xs[1:] + xs[:-1]) / 2
        h, slope = middles[:, None], np.ones((len(middles), 1))
        for coef, intercept in zip(self.coefs[:-1], self.intercepts[:-1], strict=True):
            z = h @ coef + intercept
            active = z > 0
            h, slope = np.where(active, z, 0.0), np.where(active, slope @ coef, 0.0)
        return (slope @ self.coefs[-1])[:, 0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DeepReLUNet):
            return NotImplemented
        return len(self.coefs) == len(other.coefs) and all(
            np.array_equal(mine, theirs)
            for mine, theirs in zip(
                self.coefs + self.intercepts, other.coefs + other.intercepts, strict=True
            )
        )

    def __hash__(self) -> int:
        # Shapes matter: (1, 2) and (2, 1) weights can have the same bytes.
        return hash(tuple((array.shape, array.tobytes()) for array in self.coefs + self.intercepts))

    def __reduce__(self) -> tuple[type[DeepReLUNet], tuple[Any, ...]]:
        # Rebuild through __init__ so copies are validated and read-only like the original.
        return (type(self), (self.coefs, self.intercepts))

    def __repr__(self) -> str:
        return f"DeepReLUNet(layers={self.layers})"

    def _forward(self, h: np.ndarray, depth: int) -> np.ndarray:
        """The outputs of layer ``depth - 1`` for inputs ``h`` of shape ``(M, 1)``."""
        last = len(self.coefs) - 1
        for index in range(depth):
            h = h @ self.coefs[index]
            h += self.intercepts[index]
            if index < last:
                np.maximum(h, 0.0, out=h)
        return h

    def _vertices(self, lo: float, hi: float) -> np.ndarray:
        if np.ndim(lo) != 0 or np.ndim(hi) != 0:
            raise ValueError(f"DeepReLUNet.polyline: lo and hi must be scalars, got {lo!r}, {hi!r}")
        lo, hi = float(lo), float(hi)
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"DeepReLUNet.polyline: need finite lo < hi, got {lo!r}, {hi!r}")
        snap = _ROUNDING * max(hi - lo, abs(lo), abs(hi))
        xs = np.array([lo, hi])
        h = xs[:, None]  # the input of the current layer at every vertex
        for index in range(len(self.coefs) - 1):
            coef, intercept = self.coefs[index], self.intercepts[index]
            z = h @ coef + intercept
            if index == 0:
                # Affine in x on the whole line: the kinks -b/w directly, as ReLUNet has them.
                bends = coef[0] != 0
                crossings = -intercept[bends] / coef[0, bends] + 0.0  # never a vertex at -0.0
                crossings = crossings[(crossings > lo) & (crossings < hi)]
            else:
                zero = _ROUNDING * (np.abs(h) @ np.abs(coef) + np.abs(intercept))
                above, below = z > zero, z < -zero
                segment, unit = np.nonzero((above[:-1] & below[1:]) | (below[:-1] & above[1:]))
                left, right = z[segment, unit], z[segment + 1, unit]
                # Linear between vertices, so the zero is where the chord crosses.
                crossings = xs[segment] + (xs[segment + 1] - xs[segment]) * (left / (left - right))
            fresh = _away_from(np.unique(crossings), xs, snap)
            if len(fresh):
                fresh_z = self._forward(fresh[:, None], index) @ coef + intercept
                xs = np.concatenate([xs, fresh])
                order = np.argsort(xs, kind="stable")
                xs, z = xs[order], np.concatenate([z, fresh_z])[order]
            h = np.maximum(z, 0.0)
        return xs


def _away_from(points: np.ndarray, vertices: np.ndarray, snap: float) -> np.ndarray:
    """The sorted ``points`` farther than ``snap`` from every vertex and from each other."""
    if not len(points):
        return points
    after = np.searchsorted(vertices, points).clip(1, len(vertices) - 1)
    gap = np.minimum(points - vertices[after - 1], vertices[after] - points)
    points = points[gap > snap]
    if len(points) > 1:
        points = points[np.concatenate(([True], np.diff(points) > snap))]
    return points


def tent_power(s: int, lo: float = 0.0, hi: float = 1.0) -> DeepReLUNet:
    """The ``s``-fold tent map ``T∘…∘T`` on ``[lo, hi]`` as ``s`` hidden layers of 3 units.

    ``T(y) = 2·ReLU(y) − 4·ReLU(y − ½) + 2·ReLU(y − 1)`` rises from 0 to 1 on ``[0, ½]``, falls
    back on ``[½, 1]`` and is 0 elsewhere; ``T^{∘s}`` has ``2^(s−1)`` teeth. The input is mapped
    by ``y = (x − lo)/(hi − lo)``, folded into the first layer as ``ReLU(x − t)/(hi − lo)`` so
    the first kinks are ``lo``, the midpoint and ``hi`` exactly. Layer ``k`` holds the three
    units of the ``k``-th ``T``.

    Examples
    --------
    >>> tent_power(2)(np.linspace(0.0, 1.0, 9)).tolist()
    [0.0, 0.5, 1.0, 0.5, 0.0, 0.5, 1.0, 0.5, 0.0]
    """
    s = _positive(s, "tent_power", "s", minimum=1)
    lo, hi = _checked_interval(lo, hi, "tent_power")
    tent = np.array([[2.0], [-4.0], [2.0]])
    coefs = [np.ones((1, 3))] + [tent @ np.ones((1, 3))] * (s - 1) + [tent]
    intercepts = [-np.array([lo, (lo + hi) / 2, hi])] + [np.array([0.0, -0.5, -1.0])] * (s - 1)
    coefs[1] = coefs[1] / (hi - lo)  # the first layer's ReLU(x − t) is (hi − lo)·ReLU(y − t')
    return DeepReLUNet(coefs, [*intercepts, np.zeros(1)])


def sawtooth_square(m: int, lo: float = 0.0, hi: float = 1.0) -> DeepReLUNet:
    """Yarotsky's deep net for ``x²``: the interpolant of ``x²`` on ``2^m`` equal pieces.

    On ``[0, 1]``, ``f_m(y) = y − Σ_{s=1..m} T^{∘s}(y)/4^s`` interpolates ``y²`` at the knots
    ``k/2^m`` (Yarotsky 2017), with max error ``2^(−2m−2)``. Mapped to ``[lo, hi]`` with
    ``L = hi − lo`` this is ``x² ≈ C_m`` where ``C_0(x) = (lo + hi)·x − lo·hi`` is the chord and
    ``C_s = C_{s−1} − L²·T^{∘s}/4^s``; the max error is ``(L/2^(m+1))²``.

    Each hidden layer ``s = 1..m`` has 4 units: the three of the ``s``-th tent and one that
    carries the running sum ``C_{s−1}`` as ``ReLU(C_{s−1})``. That carry is exact on ``[lo, hi]``
    because ``C_{s−1}`` interpolates ``x² ≥ 0`` (it touches 0 only at a knot, where ReLU is
    exact too), so ``4m`` units in ``m`` layers. The unit ``ReLU(y − 1)`` is 0 on the domain
    (``y ≤ 1``) and is kept so that each layer shows ``T`` as written. Outside ``[lo, hi]`` the
    net is not ``x²``'s interpolant. ``m = 0`` is the chord alone, one unit.

    Examples
    --------
    >>> net = sawtooth_square(2)
    >>> net.polyline(0.0, 1.0)[1].tolist()
    [0.0, 0.0625, 0.25, 0.5625, 1.0]
    >>> max_error(np.square, net, 0.0, 1.0)      # (1/2³)²
    0.015625
    """
    m = _positive(m, "sawtooth_square", "m", minimum=0)
    lo, hi = _checked_interval(lo, hi, "sawtooth_square")
    length = hi - lo
    if m == 0:
        return DeepReLUNet(
            [np.array([[lo + hi]]), np.ones((1, 1))], [np.array([-lo * hi]), np.zeros(1)]
        )
    # Columns: ReLU(y), ReLU(y − ½), ReLU(y − 1), ReLU(C). The first layer reads x itself.
    first = np.array([[1.0, 1.0, 1.0, lo + hi]])
    first_bias = np.array([-lo, -(lo + hi) / 2, -hi, -lo * hi])
    coefs, intercepts = [first], [first_bias]
    for s in range(1, m + 1):
        scale = 1.0 / length if s == 1 else 1.0  # layer 1's tent units are L·ReLU(y − t)
        tent = scale * np.array([2.0, -4.0, 2.0, 0.0])  # y_s = T(y_{s−1}) from the units
        carry = np.array([0.0, 0.0, 0.0, 1.0]) - length**2 * tent / 4.0**s  # C_s
        if s < m:
            coefs.append(np.column_stack([tent, tent, tent, carry]))
            intercepts.append(np.array([0.0, -0.5, -1.0, 0.0]))
        else:
            coefs.append(carry[:, None])
            intercepts.append(np.zeros(1))
    return DeepReLUNet(coefs, intercepts)


@dataclass(frozen=True, slots=True)
class DepthRow:
    """One row of :func:`depth_table`: a deep net against the shallow interpolant it matches.

    Attributes
    ----------
    layers
        ``m``, the hidden layers of :func:`sawtooth_square`.
    deep_units, deep_error
        Its hidden units and its measured :func:`~relu_anim.numeric.shallow.max_error`.
    shallow_units, shallow_error
        The fewest units of :func:`~relu_anim.numeric.shallow.interpolant` (one layer) whose
        measured max error is at most ``deep_error``, and that error.
    """

    layers: int
    deep_units: int
    deep_error: float
    shallow_units: int
    shallow_error: float


def shallow_units_for_error(
    error: float, lo: float = 0.0, hi: float = 1.0, rtol: float = 1e-9
) -> int:
    """The fewest units of the one-layer interpolant of ``x²`` on ``[lo, hi]`` with measured
    max error at most ``error·(1 + rtol)``.

    Measured with :func:`~relu_anim.numeric.shallow.max_error` (accurate to relative ~1e-9,
    hence ``rtol``), by doubling then bisection: the error ``(Δ/2)²`` falls with every unit.

    Examples
    --------
    >>> shallow_units_for_error(0.25 ** 2 / 4, 0.0, 1.0)       # (1/8)² needs 4 pieces
    4
    """
    lo, hi = _checked_interval(lo, hi, "shallow_units_for_error")
    if not (math.isfinite(error) and error > 0):
        raise ValueError(f"shallow_units_for_error: error must be positive, got {error!r}")
    limit = error * (1.0 + rtol)

    def good_enough(n: int) -> bool:
        return max_error(np.square, interpolant(np.square, lo, hi, n), lo, hi) <= limit

    high = 1
    while not good_enough(high):
        if high >= _MAX_SHALLOW_UNITS:
            raise ValueError(
                f"shallow_units_for_error: error {error!r} needs more than "
                f"{_MAX_SHALLOW_UNITS} units; ask for a larger error"
            )
        high *= 2
    low = high // 2  # not good enough (or 0)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if good_enough(middle) else (middle, high)
    return high


def shallow_units_lower_bound(error: float, lo: float = 0.0, hi: float = 1.0) -> int:
    """The fewest units any one-layer ReLU net, with any weights, could need to come within
    ``error`` of ``x²`` on ``[lo, hi]``.

    ``n`` units bend at most ``n`` times inside the interval, so its graph there has at most
    ``n + 1`` straight pieces and one of them spans at least ``(hi − lo)/(n + 1)``. On a span
    ``h`` no line is closer to ``x²`` than ``h²/8`` (the chord shifted down halfway), so
    ``(hi − lo)²/(8(n + 1)²) ≤ error``: ``n ≥ (hi − lo)/√(8·error) − 1``.

    Examples
    --------
    >>> shallow_units_lower_bound(2.0**-16)        # the interpolant needs 128
    90
    """
    lo, hi = _checked_interval(lo, hi, "shallow_units_lower_bound")
    if not (math.isfinite(error) and error > 0):
        raise ValueError(f"shallow_units_lower_bound: error must be positive, got {error!r}")
    return max(0, math.ceil((hi - lo) / math.sqrt(8.0 * error) - 1e-9) - 1)


def depth_table(
    layers: Sequence[int] = range(1, 11), lo: float = 0.0, hi: float = 1.0
) -> tuple[DepthRow, ...]:
    """Units for equal max error: :func:`sawtooth_square` with ``m`` layers against one layer.

    Every number is measured, none typed in: the deep net's max error, then the fewest
    shallow interpolant units reaching it (:func:`shallow_units_for_error`).

    Examples
    --------
    >>> [(row.deep_units, row.shallow_units) for row in depth_table([1, 7])]
    [(4, 2), (28, 128)]
    """
    rows = []
    for m in layers:
        deep = sawtooth_square(m, lo, hi)
        deep_error = max_error(np.square, deep, lo, hi)
        n = shallow_units_for_error(deep_error, lo, hi)
        shallow_error = max_error(np.square, interpolant(np.square, lo, hi, n), lo, hi)
        rows.append(DepthRow(m, deep.n_units, deep_error, n, shallow_error))
    return tuple(rows)


def _positive(value: int, who: str, name: str, minimum: int) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise ValueError(f"{who}: {name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{who}: {name} must be at least {minimum}, got {value}")
    return int(value)


def _checked_interval(lo: float, hi: float, who: str) -> tuple[float, float]:
    if np.ndim(lo) != 0 or np.ndim(hi) != 0:
        raise ValueError(f"{who}: lo and hi must be scalars, got {lo!r} and {hi!r}")
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"{who}: need finite lo < hi, got lo={lo!r}, hi={hi!r}")
    return lo, hi
