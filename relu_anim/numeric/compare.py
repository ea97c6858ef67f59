"""ReLU, tanh and sin nets side by side: the fits of one target, their hidden units, and what
a picture draws of each (a ReLU net's exact polyline, a smooth net's samples).

This module imports NumPy and the standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from relu_anim.numeric.errorlaw import Samples, sampled
from relu_anim.numeric.shallow import ReLUNet, Target
from relu_anim.numeric.smooth import ACTIVATIONS, ActivationNet, fit

__all__ = ["activation_fits", "drawn", "hidden_unit", "window_inside"]


@lru_cache(maxsize=16)
def _fits(
    f: Target, lo: float, hi: float, counts: tuple[int, ...], activations: tuple[str, ...]
) -> dict[tuple[str, int], ReLUNet | ActivationNet]:
    return {(kind, n): fit(f, lo, hi, n, kind) for kind in activations for n in counts}


def activation_fits(
    f: Target,
    lo: float,
    hi: float,
    counts: Sequence[int],
    activations: Sequence[str] = ACTIVATIONS,
) -> dict[tuple[str, int], ReLUNet | ActivationNet]:
    """``{(activation, N): fit(f, lo, hi, N, activation)}`` for every pair (cached).

    Examples
    --------
    >>> fits = activation_fits(np.square, -2.0, 2.0, (2, 4))
    >>> sorted(fits)[:2], type(fits["relu", 4]).__name__
    ([('relu', 2), ('relu', 4)], 'ReLUNet')
    """
    return _fits(f, float(lo), float(hi), tuple(counts), tuple(activations))


def hidden_unit(net: ReLUNet | ActivationNet, i: int) -> ReLUNet | ActivationNet:
    """Unit ``i``'s own curve ``σ(w_i·x + b_i)``, without its output weight, as a net.

    Examples
    --------
    >>> hidden_unit(ReLUNet(a=[3.0], w=[2.0], b=[-1.0]), 0)(1.0)
    1.0
    """
    if isinstance(net, ReLUNet):
        return ReLUNet(a=[1.0], w=[net.w[i]], b=[net.b[i]])
    return ActivationNet(net.activation, a=[1.0], w=[net.w[i]], b=[net.b[i]])


def drawn(net: ReLUNet | ActivationNet, lo: float, hi: float, n: int = 241) -> ReLUNet | Samples:
    """What a picture draws of ``net`` on ``[lo, hi]``: a ReLU net itself (its exact polyline),
    a smooth net as ``n`` samples.

    Examples
    --------
    >>> type(drawn(ActivationNet("sin", [1.0], [1.0], [0.0]), 0.0, 1.0)).__name__
    'Samples'
    """
    return net if isinstance(net, ReLUNet) else sampled(net, lo, hi, n)


def window_inside(curve: Samples, low: float, high: float, x0: float) -> tuple[float, float]:
    """The longest run of samples around the one nearest ``x0`` with ``low ≤ y ≤ high``.

    Examples
    --------
    >>> window_inside(Samples([-2, -1, 0, 1, 2], [-8, -1, 0, 1, 8]), -2.0, 2.0, 0.0)
    (-1.0, 1.0)
    """
    start = int(np.argmin(np.abs(curve.xs - x0)))
    outside = (curve.ys < low) | (curve.ys > high)
    left = np.flatnonzero(outside[:start])
    right = np.flatnonzero(outside[start:])
    first = int(left[-1]) + 1 if len(left) else 0
    last = start + int(right[0]) - 1 if len(right) else len(curve.xs) - 1
    return float(curve.xs[first]), float(curve.xs[last])
