"""Nets of one hidden layer with a smooth activation, fitted like the ReLU ones.

``g(x) = c + Σ aᵢ·σ(wᵢx + bᵢ)`` with σ one of :data:`ACTIVATIONS`. :func:`fit` puts the
hidden units where :func:`~relu_anim.numeric.shallow.least_squares` puts its kinks and fits the
output weights by least squares, so ReLU, tanh and sin are compared on equal terms;
:func:`taylor_terms` shows which powers of ``x`` one unit carries.

This module imports NumPy and the standard library only.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.shallow import (
    ReLUNet,
    Target,
    _count,
    _knots,
    _sample,
    least_squares,
)

__all__ = ["ACTIVATIONS", "ActivationNet", "fit", "hidden_units", "taylor_terms"]

ACTIVATIONS = ("relu", "tanh", "sin")

_SIGMA: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": lambda z: np.maximum(z, 0.0),
    "tanh": np.tanh,
    "sin": np.sin,
}
# Points × units evaluated at once: a few MB, whatever the number of points.
_BLOCK = 1 << 18


@dataclass(frozen=True, slots=True, eq=False)
class ActivationNet:
    """The net ``g(x) = c + Σ_i a_i·σ(w_i·x + b_i)`` with σ named by ``activation``.

    Evaluation costs O(M·N) for M points and N units (there is no polyline to interpolate, as
    :class:`~relu_anim.numeric.shallow.ReLUNet` has), done in blocks so memory stays small.

    Parameters
    ----------
    activation
        One of :data:`ACTIVATIONS`.
    a, w, b
        Output weights, input weights and biases, array_like of equal length; read-only copies.
    c
        The output bias.

    Examples
    --------
    >>> net = ActivationNet("sin", a=[2.0], w=[1.0], b=[0.0], c=1.0)
    >>> net(np.pi / 2), net.n_units
    (3.0, 1)
    """

    activation: str
    a: np.ndarray
    w: np.ndarray
    b: np.ndarray
    c: float = 0.0

    if TYPE_CHECKING:  # the weights are converted in __post_init__: any array_like will do

        def __init__(
            self,
            activation: str,
            a: npt.ArrayLike,
            w: npt.ArrayLike,
            b: npt.ArrayLike,
            c: float = 0.0,
        ) -> None: ...

    def __post_init__(self) -> None:
        _activation(self.activation, "ActivationNet")
        vectors = [_vector(value, name) for value, name in zip(self._weights, "awb", strict=True)]
        if len({len(vector) for vector in vectors}) > 1:
            raise ValueError(
                "ActivationNet: a, w and b must have the same length, got "
                + ", ".join(str(len(vector)) for vector in vectors)
            )
        if np.ndim(self.c) != 0 or not math.isfinite(float(self.c)):
            raise ValueError(f"ActivationNet: c must be a finite scalar, got {self.c!r}")
        for name, vector in zip("awb", vectors, strict=True):
            vector.flags.writeable = False
            object.__setattr__(self, name, vector)
        object.__setattr__(self, "c", float(self.c) + 0.0)

    @property
    def _weights(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (self.a, self.w, self.b)

    @overload
    def __call__(self, x: float) -> float: ...
    @overload
    def __call__(self, x: npt.ArrayLike) -> float | np.ndarray: ...
    def __call__(self, x: float | npt.ArrayLike) -> float | np.ndarray:
        """Evaluate ``g`` at a scalar (a float) or an array (same shape).

        Examples
        --------
        >>> ActivationNet("tanh", a=[1.0, -1.0], w=[1.0, 1.0], b=[0.0, 0.0])([0.3, 7.0])
        array([0., 0.])
        """
        points = np.asarray(x, dtype=float)
        flat = points.ravel()
        values = np.full(flat.shape, self.c)
        sigma = _SIGMA[self.activation]
        step = max(1, _BLOCK // max(1, self.n_units))
        for start in range(0, len(flat), step):
            block = flat[start : start + step]
            values[start : start + step] += (
                sigma(np.multiply.outer(block, self.w) + self.b) @ self.a
            )
        return float(values[0]) if points.ndim == 0 else values.reshape(points.shape)

    @property
    def n_units(self) -> int:
        """The number of hidden units ``N``.

        Examples
        --------
        >>> fit(np.square, -2.0, 2.0, 5, "tanh").n_units
        5
        """
        return len(self.a)

    def units(self, x: float | npt.ArrayLike) -> np.ndarray:
        """Each unit's own term ``a_i·σ(w_i·x + b_i)``, of shape ``(N, *x.shape)``.

        This is an N×M array at once: meant for the few hundred points a scene draws each
        unit's curve with, not for long inputs (use :meth:`__call__` for the sum).

        Examples
        --------
        >>> ActivationNet("sin", a=[1.0, 2.0], w=[1.0, 2.0], b=[0.0, 0.0]).units([0.0, np.pi / 4])
        array([[0.        , 0.70710678],
               [0.        , 2.        ]])
        """
        points = np.asarray(x, dtype=float)
        column = (-1,) + (1,) * points.ndim
        terms = self.w.reshape(column) * points + self.b.reshape(column)
        return self.a.reshape(column) * _SIGMA[self.activation](terms)

    def unit(self, i: int) -> ActivationNet:
        """The ``i``-th unit alone as a net with ``c = 0``; negative ``i`` counts from the end.

        Examples
        --------
        >>> ActivationNet("tanh", a=[1.0, 2.0], w=[3.0, 4.0], b=[5.0, 6.0]).unit(-1).a
        array([2.])
        """
        index = range(self.n_units)[operator.index(i)]
        keep = slice(index, index + 1)
        return ActivationNet(self.activation, self.a[keep], self.w[keep], self.b[keep])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ActivationNet):
            return NotImplemented
        return (self.activation, self.c) == (other.activation, other.c) and all(
            np.array_equal(mine, theirs)
            for mine, theirs in zip(self._weights, other._weights, strict=True)
        )

    def __hash__(self) -> int:
        # -0.0 was normalised to 0.0 on construction, so equal nets have equal bytes.
        weights = tuple(vector.tobytes() for vector in self._weights)
        return hash((self.activation, *weights, self.c))

    def __reduce__(self) -> tuple[type[ActivationNet], tuple[Any, ...]]:
        # Rebuild through __init__ so copies are validated and read-only like the original.
        return (type(self), (self.activation, self.a, self.w, self.b, self.c))

    def __repr__(self) -> str:
        return f"ActivationNet({self.activation!r}, <{self.n_units} units>, c={self.c!r})"


def hidden_units(activation: str, lo: float, hi: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The fixed hidden weights ``(w, b)`` that :func:`fit` uses for ``n`` units on ``[lo, hi]``.

    Every activation centres unit ``k`` on the knot ``t_k = lo + kΔ`` (``Δ = (hi − lo)/n``,
    ``k = 0..n−1``), the kinks of :func:`~relu_anim.numeric.shallow.least_squares`: ``b = −w·t``,
    so ``w·x + b = 0`` at ``x = t_k``. The scale ``w`` comes from the spacing:

    - ``relu``: ``w = 1``, the kink is at ``t_k`` whatever the scale.
    - ``tanh``: ``w = 1/Δ``, a soft step of width about the spacing (it climbs from −0.76 to
      0.76 over ``[t_k − Δ, t_k + Δ]``), the sigmoid picture of Nielsen's visual proof. The
      design matrix stays well conditioned (condition number < 250 for N ≤ 20) and the output
      weights stay near the target's rise per step, so each unit can be drawn. Wider units
      (``w = 1/(4Δ)``) fit x² better, but only by output weights up to ~10³–10⁵ that cancel
      (condition number ~4·10⁷ at N = 20). Sums of steps follow ``f`` to first order: the
      error falls like 1/N, where ReLU bends give 1/N².
    - ``sin``: ``w_k = (k + 1)·π/(2(hi − lo))``, ``k + 1`` quarter-waves over the interval, so
      the fastest unit rises from 0 to its peak over one spacing. One common ``w`` would not
      do: ``sin(w(x − t_k)) = cos(w·t_k)·sin(wx) − sin(w·t_k)·cos(wx)``, so all units would
      span two functions. These units are global: the fit of a smooth ``f`` is very accurate
      for large N, by output weights that grow large and cancel, and the error need not fall
      at every N (the frequencies change with N).

    Examples
    --------
    >>> hidden_units("tanh", 0.0, 2.0, 2)
    (array([1., 1.]), array([ 0., -1.]))
    """
    _activation(activation, "hidden_units")
    knots = _knots(lo, hi, n, "hidden_units")
    centres, spacing = knots[:-1], (knots[-1] - knots[0]) / n
    if activation == "relu":
        w = np.ones(n)
    elif activation == "tanh":
        w = np.full(n, 1.0 / spacing)
    else:
        w = np.arange(1, n + 1) * (np.pi / (2 * (knots[-1] - knots[0])))
    return w, -w * centres + 0.0  # no -0.0 bias for the unit at 0


def fit(
    f: Target, lo: float, hi: float, n: int, activation: str = "relu", samples: int = 2001
) -> ReLUNet | ActivationNet:
    """``n`` units of ``activation`` with ``a`` and ``c`` fitted to ``f`` by least squares.

    The hidden weights are :func:`hidden_units` (the same centres for every activation); the
    fit is over ``samples`` evenly spaced points of ``[lo, hi]`` (at least ``n + 1``). For
    ``"relu"`` this is :func:`~relu_anim.numeric.shallow.least_squares` itself, a
    :class:`~relu_anim.numeric.shallow.ReLUNet` with its exact polyline; otherwise an
    :class:`ActivationNet`.

    Examples
    --------
    >>> from relu_anim.numeric.shallow import max_error
    >>> [round(max_error(np.square, fit(np.square, -2, 2, 8, kind), -2, 2), 4)
    ...  for kind in ACTIVATIONS]
    [0.0417, 0.2997, 0.0013]
    """
    _activation(activation, "fit")
    if activation == "relu":
        return least_squares(f, lo, hi, n, samples)
    knots = _knots(lo, hi, n, "fit")
    samples = _count(samples, "fit", "samples", minimum=n + 1)
    w, b = hidden_units(activation, lo, hi, n)
    grid = np.linspace(knots[0], knots[-1], samples)
    design = np.column_stack([np.ones(samples), _SIGMA[activation](np.multiply.outer(grid, w) + b)])
    weights = np.linalg.lstsq(design, _sample(f, grid, "fit"), rcond=None)[0]
    return ActivationNet(activation, a=weights[1:], w=w, b=b, c=weights[0])


def taylor_terms(
    activation: str,
    w: float,
    b: float,
    order: int,
    side: Literal["left", "right"] | None = None,
) -> np.ndarray:
    """The Taylor coefficients ``[c_0, …, c_order]`` of ``σ(w·x + b) = Σ c_k·x^k`` around 0.

    - ``sin``: ``c_k = w^k·sin(b + kπ/2)/k!``, exact (the four values of ``sin(b + kπ/2)``
      are ``sin b, cos b, −sin b, −cos b``): every power of ``x`` appears.
    - ``tanh``: ``c_k = w^k·P_k(tanh b)/k!`` with ``P_0(t) = t``, ``P_{k+1} = P_k'·(1 − t²)``
      (because ``tanh' = 1 − tanh²``); exact polynomials, evaluated in floating point.
    - ``relu``: the unit is linear on each side of its kink ``−b/w``, so near 0 it is
      ``b + w·x`` (``b > 0``) or ``0`` (``b < 0``) and every ``c_k`` with ``k ≥ 2`` is 0 — no
      ``x²``, no ``x³``. With ``b = 0`` (and ``w ≠ 0``) the kink is at 0 itself and there is no
      Taylor series; ``side="right"`` or ``"left"`` gives the one-sided expansion (the piece
      for ``x > 0`` or ``x < 0``). ``side`` is ignored for the smooth activations.

    Examples
    --------
    >>> taylor_terms("sin", 2.0, 0.0, 5)          # sin 2x = 2x − (2x)³/6 + (2x)⁵/120
    array([ 0.        ,  2.        ,  0.        , -1.33333333,  0.        ,
            0.26666667])
    >>> taylor_terms("relu", -1.0, 0.5, 3)        # ReLU(0.5 − x) = 0.5 − x near 0
    array([ 0.5, -1. ,  0. ,  0. ])
    >>> taylor_terms("relu", 1.0, 0.0, 2, side="left")
    array([0., 0., 0.])
    """
    who = "taylor_terms"
    _activation(activation, who)
    w, b = (_finite_scalar(value, name, who) for value, name in ((w, "w"), (b, "b")))
    order = _count(order, who, "order", minimum=0)
    if side not in (None, "left", "right"):
        raise ValueError(f"{who}: side must be 'left', 'right' or None, got {side!r}")
    terms = np.zeros(order + 1)
    if activation == "relu":
        if b == 0.0 and w != 0.0 and side is None:
            raise ValueError(
                f"{who}: relu(w·x + b) with b = 0 has its kink at x = 0 and no Taylor series "
                "there; pass side='left' or side='right' for a one-sided expansion"
            )
        active = b > 0 or (b == 0 and (w > 0 if side == "right" else w < 0))
        if active:
            terms[: min(2, order + 1)] = [b, w][: order + 1]
        return terms
    scales = np.cumprod(np.concatenate(([1.0], w / np.arange(1, order + 1))))  # w^k / k!
    if activation == "sin":
        cycle = np.array([math.sin(b), math.cos(b), -math.sin(b), -math.cos(b)])
        return scales * cycle[np.arange(order + 1) % 4] + 0.0  # no -0.0 for -sin(0)
    derivative = np.polynomial.Polynomial([0.0, 1.0])  # P_0(t) = t
    one_minus_square = np.polynomial.Polynomial([1.0, 0.0, -1.0])
    t = math.tanh(b)
    for k in range(order + 1):
        terms[k] = scales[k] * derivative(t)
        derivative = derivative.deriv() * one_minus_square
    return terms


def _activation(activation: object, who: str) -> None:
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"{who}: activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}"
        )


def _vector(value: npt.ArrayLike, name: str) -> np.ndarray:
    vector = np.asarray(value, dtype=float)
    if vector.ndim > 1:
        raise ValueError(f"ActivationNet: {name} must be 1-D, got shape {vector.shape}")
    if not np.all(np.isfinite(vector)):
        raise ValueError(f"ActivationNet: {name} must be finite, got {vector.tolist()}")
    # Adding 0.0 copies and turns -0.0 into 0.0, which keeps __hash__ consistent with __eq__.
    return vector.reshape(-1) + 0.0


def _finite_scalar(value: float, name: str, who: str) -> float:
    if np.ndim(value) != 0 or not math.isfinite(float(value)):
        raise ValueError(f"{who}: {name} must be a finite scalar, got {value!r}")
    return float(value)
