"""Whether a target can be drawn on an interval: defined everywhere, within reach of the axes.

:func:`require_drawable` is the check every target passes before a render starts. Sampling
alone misses a pole between two samples (``1/(x - 0.3333)`` on ``[0, 1]``, ``tan(x)`` on
``[0, 700]``), so the expression is also evaluated in interval arithmetic: each small cell of
the interval gets bounds that hold for every x in it, and a cell whose bounds are not finite
or beyond the axes is halved until the culprit is pinned to a point or the alarm was only the
arithmetic's over-estimate (``x*x - x`` treats both x's as independent).

Examples
--------
>>> from relu_anim.numeric.targets import parse_target
>>> require_drawable(parse_target("sin(3*x) + x^2/2"), -3.0, 3.0)
>>> require_drawable(parse_target("1/(x - 0.3333)"), 0.0, 1.0)
Traceback (most recent call last):
...
relu_anim.numeric.targets.TargetError: target '1/(x - 0.3333)' has a pole or spike near x = 0.33...
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable

import numpy as np

from relu_anim.numeric.targets import Target, TargetError, require_finite

__all__ = ["MAX_TARGET_VALUE", "MIN_RELATIVE_CHANGE", "require_drawable", "value_bounds"]

#: The axes show values within ±1e6: beyond that tick labels outgrow their room, and a plot
#: of ``exp(x)`` on [0, 700] is a line along the x-axis with one spike.
MAX_TARGET_VALUE = 1e6
#: A target that changes by less than this share of its size (or of 1, for small values) is
#: either flat, drawn as a flat line, or changes too little for any axes to show it.
MIN_RELATIVE_CHANGE = 1e-4
#: Below this share the change is rounding (``sin(x)^2 + cos(x)^2``): the target is flat.
FLAT_RELATIVE_CHANGE = 1e-9

_CELLS = 4096  # first cells of the interval; each is cut in two while it looks singular
_HALVINGS = 60  # 4096 * 2**60 cells of [-1e4, 1e4] are narrower than a float's spacing
_MAX_SUSPECTS = 20_000  # cells followed per halving (a target with more is refused)
_SAMPLES = 4001

Bounds = tuple[np.ndarray, np.ndarray]
Evaluator = Callable[[np.ndarray, np.ndarray], Bounds]


def require_drawable(target: Target, lo: float, hi: float) -> None:
    """Raise :class:`~relu_anim.numeric.targets.TargetError` unless the axes can draw ``target``.

    The target must be finite on all of ``[lo, hi]`` (also between samples), stay within
    ±:data:`MAX_TARGET_VALUE`, and either be flat (a constant, drawn as a flat line) or change
    by at least :data:`MIN_RELATIVE_CHANGE` of its size.

    Examples
    --------
    >>> from relu_anim.numeric.targets import parse_target
    >>> require_drawable(parse_target("3"), 0.0, 2.0)  # a constant: one bias, drawn flat
    >>> require_drawable(parse_target("1e15 + x"), 0.0, 2.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relu_anim.numeric.targets.TargetError: target '1e15 + x' reaches 1e+15 at x = ... on [0, 2]; ...
    """
    require_finite(target, lo, hi)
    where = f"on [{lo:g}, {hi:g}]"
    name = repr(target.name if len(target.name) <= 60 else target.name[:57] + "...")
    xs = np.linspace(lo, hi, _SAMPLES)
    ys = np.asarray(target(xs))
    biggest = int(np.argmax(np.abs(ys)))
    if abs(ys[biggest]) > MAX_TARGET_VALUE:
        raise TargetError(
            f"target {name} reaches {ys[biggest]:.3g} at x = {xs[biggest]:.6g} {where}; the "
            f"axes show values within ±{MAX_TARGET_VALUE:g}: scale it down or pick a shorter "
            "interval"
        )
    _require_bounded_between_samples(target, lo, hi, name, where)
    change, size = float(ys.max() - ys.min()), max(float(np.abs(ys).max()), 1.0)
    if FLAT_RELATIVE_CHANGE * size < change < MIN_RELATIVE_CHANGE * size:
        raise TargetError(
            f"target {name} changes by only {change:.3g} {where} around {ys.mean():.6g}, too "
            "little for the axes to show; scale the change up, or drop it for a flat line"
        )


def _require_bounded_between_samples(
    target: Target, lo: float, hi: float, name: str, where: str
) -> None:
    """Refuse a pole or spike between samples: cells whose bounds are out of reach are halved,
    and the target is evaluated at every new cut, until the bounds clear or a value fails."""
    bounds = value_bounds(target.expression)
    edges = np.linspace(lo, hi, _CELLS + 1)
    _require_within_reach(target, edges, name, where)
    left, right = edges[:-1], edges[1:]
    for _ in range(_HALVINGS):
        with np.errstate(all="ignore"):
            low, high = bounds(left, right)
        suspect = ~(np.abs(low) <= MAX_TARGET_VALUE) | ~(np.abs(high) <= MAX_TARGET_VALUE)
        if not suspect.any():
            return
        left, right = left[suspect], right[suspect]
        if left.size > _MAX_SUSPECTS:
            raise TargetError(
                f"target {name} cannot be checked {where}: it comes too close to a pole or an "
                f"undefined point near x = {left[left.size // 2]:.6g}; simplify it or pick a "
                "shorter interval"
            )
        middle = (left + right) / 2
        _require_within_reach(target, middle, name, where)
        # Once a cell is as narrow as floats go, its two ends were evaluated: nothing is left
        # between them to check.
        split = (middle > left) & (middle < right)
        left = np.concatenate([left[split], middle[split]])
        right = np.concatenate([middle[split], right[split]])


def _require_within_reach(target: Target, points: np.ndarray, name: str, where: str) -> None:
    values = np.asarray(target(points))
    bad = ~(np.abs(values) <= MAX_TARGET_VALUE)
    if bad.any():
        first = int(np.argmax(bad))
        x, y = float(points[first]) + 0.0, float(values[first])
        if math.isfinite(y):
            problem = f"has a pole or spike near x = {x:.6g} {where} (it reaches {y:.3g})"
        else:
            problem = f"is not finite near x = {x:.6g} {where}"
        raise TargetError(
            f"target {name} {problem}, between the sample points; pick an interval where it is "
            f"defined and within ±{MAX_TARGET_VALUE:g}"
        )


def value_bounds(expression: str) -> Evaluator:
    """Interval arithmetic for a target's expression: ``bounds(a, b)`` holds ``f`` on each
    ``[a[i], b[i]]``.

    ``expression`` is a :class:`~relu_anim.numeric.targets.Target`'s canonical text, already checked
    against the whitelist. Bounds may be wider than the true range, never narrower; NaN or
    infinity means the target may be undefined or unbounded in that cell.

    Examples
    --------
    >>> low, high = value_bounds("x ** 2 - 1")(np.array([-1.0, 2.0]), np.array([0.5, 3.0]))
    >>> low.tolist(), high.tolist()
    ([-1.0, 3.0], [0.0, 8.0])
    """
    return _compile(ast.parse(expression, mode="eval").body)


def _compile(node: ast.AST) -> Evaluator:
    if isinstance(node, ast.Constant):
        value = float(node.value)  # type: ignore[arg-type]  # parse_target let only numbers in
        return lambda a, b: (np.full_like(a, value), np.full_like(a, value))
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda a, b: (a, b)
        value = {"pi": math.pi, "e": math.e}[node.id]
        return lambda a, b: (np.full_like(a, value), np.full_like(a, value))
    if isinstance(node, ast.UnaryOp):
        inner = _compile(node.operand)
        if isinstance(node.op, ast.UAdd):
            return inner
        return lambda a, b: _negate(*inner(a, b))
    if isinstance(node, ast.BinOp):
        left, right = _compile(node.left), _compile(node.right)
        combine = _BINARY[type(node.op)]
        return lambda a, b: combine(left(a, b), right(a, b))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        inner, function = _compile(node.args[0]), _FUNCTIONS[node.func.id]
        return lambda a, b: function(*inner(a, b))
    raise ValueError(f"not a checked target expression: {ast.unparse(node)}")


def _negate(low: np.ndarray, high: np.ndarray) -> Bounds:
    return -high, -low


def _add(u: Bounds, v: Bounds) -> Bounds:
    return u[0] + v[0], u[1] + v[1]


def _subtract(u: Bounds, v: Bounds) -> Bounds:
    return u[0] - v[1], u[1] - v[0]


def _multiply(u: Bounds, v: Bounds) -> Bounds:
    corners = np.stack([u[0] * v[0], u[0] * v[1], u[1] * v[0], u[1] * v[1]])
    # np.min keeps a NaN (0 * inf), so an undefined corner stays a suspect cell.
    return corners.min(axis=0), corners.max(axis=0)


def _divide(u: Bounds, v: Bounds) -> Bounds:
    through_zero = (v[0] <= 0) & (v[1] >= 0)
    low, high = _multiply(u, (1 / v[1], 1 / v[0]))
    return np.where(through_zero, -np.inf, low), np.where(through_zero, np.inf, high)


def _power(base: Bounds, exponent: Bounds) -> Bounds:
    (a, b), (c, d) = base, exponent
    # u**v is monotone in u (for u >= 0) and in v separately, so over a box its extremes are
    # at the corners; so is a whole-number power of a base of one sign.
    corners = np.stack([np.power(a, c), np.power(a, d), np.power(b, c), np.power(b, d)])
    low, high = corners.min(axis=0), corners.max(axis=0)
    whole = (c == d) & (c == np.round(c))
    through_zero = (a < 0) & (b > 0)
    low = np.where(through_zero & whole & (c > 0) & (np.abs(c) % 2 == 0), 0.0, low)
    pole = through_zero & whole & (c < 0)
    # A negative base with a fractional or varying exponent is undefined somewhere in between.
    undefined = (a < 0) & ~whole
    low = np.where(pole, -np.inf, np.where(undefined, np.nan, low))
    high = np.where(pole, np.inf, np.where(undefined, np.nan, high))
    return low, high


def _increasing(function: Callable[[np.ndarray], np.ndarray]) -> Callable[..., Bounds]:
    return lambda low, high: (function(low), function(high))


def _even(function: Callable[[np.ndarray], np.ndarray]) -> Callable[..., Bounds]:
    """Bounds of a function decreasing to its minimum at 0, then increasing."""

    def bounds(low: np.ndarray, high: np.ndarray) -> Bounds:
        ends = np.stack([function(low), function(high)])
        through_zero = (low < 0) & (high > 0)
        least = np.where(through_zero, function(np.zeros_like(low)), ends.min(axis=0))
        return least, ends.max(axis=0)

    return bounds


def _holds(low: np.ndarray, high: np.ndarray, at: float, period: float) -> np.ndarray:
    """Whether ``[low, high]`` holds a point ``at + k * period`` for a whole number ``k``."""
    return np.ceil((low - at) / period) <= np.floor((high - at) / period)


def _wave(
    function: Callable[[np.ndarray], np.ndarray], peak: float, trough: float
) -> Callable[..., Bounds]:
    """Bounds of sin or cos: the ends, or ±1 where a peak or trough falls inside."""

    def bounds(low: np.ndarray, high: np.ndarray) -> Bounds:
        ends = np.stack([function(low), function(high)])
        top = np.where(_holds(low, high, peak, 2 * math.pi), 1.0, ends.max(axis=0))
        bottom = np.where(_holds(low, high, trough, 2 * math.pi), -1.0, ends.min(axis=0))
        return bottom, top

    return bounds


def _tan(low: np.ndarray, high: np.ndarray) -> Bounds:
    pole = _holds(low, high, math.pi / 2, math.pi) | (high - low >= math.pi)
    return np.where(pole, -np.inf, np.tan(low)), np.where(pole, np.inf, np.tan(high))


def _sigmoid(u: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-u))


_BINARY: dict[type, Callable[[Bounds, Bounds], Bounds]] = {
    ast.Add: _add,
    ast.Sub: _subtract,
    ast.Mult: _multiply,
    ast.Div: _divide,
    ast.Pow: _power,
}
_FUNCTIONS: dict[str, Callable[..., Bounds]] = {
    "sin": _wave(np.sin, math.pi / 2, -math.pi / 2),
    "cos": _wave(np.cos, 0.0, math.pi),
    "tan": _tan,
    "exp": _increasing(np.exp),
    "log": _increasing(np.log),
    "sqrt": _increasing(np.sqrt),
    "abs": _even(np.abs),
    "tanh": _increasing(np.tanh),
    "sinh": _increasing(np.sinh),
    "cosh": _even(np.cosh),
    "arctan": _increasing(np.arctan),
    "atan": _increasing(np.arctan),
    "sigmoid": _increasing(_sigmoid),
    "relu": _increasing(lambda u: np.maximum(u, 0.0)),
    "step": _increasing(lambda u: np.heaviside(u, 1.0)),
}
