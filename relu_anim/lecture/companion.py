"""Data for the page's interactive companions, computed by the numeric core.

The page draws a companion's curves in SVG straight from this data (the plot's coordinate
system is the data's own, through the SVG ``viewBox``), and shows readouts as the strings
written here. It computes nothing itself, so it cannot disagree with the video.

- Square: a slider over the unit count N; for each N the interpolant's exact polyline, its
  max error and, for x², the law (Δ/2)², formatted as the video's readouts show them.
- Shift: a slider over h; for each h the polyline of ReLU(x − h), its kink and slopes.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from relu_anim.numeric import (
    error_decimals,
    interpolant,
    max_error,
    shifted,
    square_interpolant_error,
)
from relu_anim.settings import SceneParams
from relu_anim.targets import NAMED_TARGETS, parse_target
from relu_anim.theme import theme_named

#: The most slider positions a companion offers (all N up to this many units).
MAX_STEPS = 200
TARGET_SAMPLES = 400  # as the video's target curve: 400 straight pieces


def scene_defaults(path: Path) -> SceneParams:
    """The ``DEFAULTS = SceneParams(...)`` of a scene file, read with ``ast`` (no Manim import).

    Raises :class:`ValueError` when a value is not a plain literal (a name, a call).

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> scene_defaults(scene_named("shift").path).interval
    (-3.0, 3.0)
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "DEFAULTS" for t in node.targets)
            and isinstance(node.value, ast.Call)
        ):
            values = {kw.arg: ast.literal_eval(kw.value) for kw in node.value.keywords if kw.arg}
            return SceneParams(**values)
    return SceneParams()


def unit_counts(units: int, most: int = MAX_STEPS) -> list[int]:
    """The slider's unit counts: every N up to ``most`` units, else a geometric selection.

    Examples
    --------
    >>> unit_counts(5)
    [1, 2, 3, 4, 5]
    >>> counts = unit_counts(1000)
    >>> len(counts) <= 200, counts[0], counts[-1]
    (True, 1, 1000)
    """
    if units <= most:
        return list(range(1, units + 1))
    spread = np.geomspace(1, units, most)
    return sorted({1, units, *(round(value) for value in spread)})


def nice_step(span: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``span``.

    Examples
    --------
    >>> nice_step(0.06), nice_step(0.3), nice_step(7.0)
    (0.1, 0.5, 10.0)
    """
    power = 10.0 ** math.floor(math.log10(span))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= span * (1 - 1e-12):
            return float(f"{factor * power:.12g}")
    return 10 * power


def _ticks(lo: float, hi: float, count: int = 5) -> list[dict[str, Any]]:
    """Tick values in ``[lo, hi]`` with labels and their place along the axis in percent."""
    step = nice_step((hi - lo) / count)
    decimals = max(0, -math.floor(math.log10(step) + 1e-12))
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    for k in range(first, math.floor(hi / step + 1e-9) + 1):
        value = round(k * step, decimals + 2)
        ticks.append(
            {
                "value": value,
                "label": f"{value:.{decimals}f}",
                "at": round(100 * (value - lo) / (hi - lo), 4),
            }
        )
    return ticks


def _frame(xs: tuple[float, float], ys: list[np.ndarray]) -> dict[str, Any]:
    """The plot's data window (5 % margin above and below), its viewBox and ticks."""
    low = min(float(np.min(y)) for y in ys)
    high = max(float(np.max(y)) for y in ys)
    if high - low < 1e-12:
        low, high = low - 1, high + 1
    margin = 0.05 * (high - low)
    y0, y1 = low - margin, high + margin
    x0, x1 = xs
    return {
        "x": [x0, x1],
        "y": [y0, y1],
        # SVG's y grows downwards: the plot group is flipped, so the box starts at −y1.
        "viewBox": f"{x0!r} {-y1!r} {x1 - x0!r} {y1 - y0!r}",
        "xTicks": _ticks(x0, x1),
        "yTicks": _ticks(y0, y1),
        # Where the axes cross, as a point in the data window.
        "origin": [min(max(0.0, x0), x1), min(max(0.0, y0), y1)],
    }


def _colours(params: SceneParams) -> dict[str, str]:
    name = params.theme or "dark"
    assert isinstance(name, str), "a lecture pack has one theme (the CLI refuses a list)"
    theme = theme_named(name)
    return {
        "background": theme.background,
        "text": theme.text,
        "target": theme.target,
        "approximation": theme.approximation,
        "unit": theme.unit,
        "muted": theme.muted,
        "highlight": theme.highlight,
    }


def square_data(params: SceneParams) -> dict[str, Any]:
    """Slider over N: the interpolant's polyline, max error and (for x²) the law, per N.

    Examples
    --------
    >>> data = square_data(SceneParams(units=10, target="square"))
    >>> step = data["steps"][9]
    >>> step["n"], len(step["x"]), step["readouts"][1]
    (10, 11, ['max|f − g|', '0.0100'])
    """
    target = parse_target(params.target or "square")
    lo, hi = params.interval or target.default_interval
    units = params.units or 100
    decimals = error_decimals(units)
    is_square = target is NAMED_TARGETS["square"]
    law_label = "1/N²" if hi - lo == 2.0 else "(Δ/2)²"
    target_x = np.linspace(lo, hi, TARGET_SAMPLES + 1)
    target_y = np.asarray(target(target_x), dtype=float)
    steps, all_y = [], [target_y]
    for n in unit_counts(units):
        net = interpolant(target, lo, hi, n)
        xs, ys = net.polyline(lo, hi)
        error = max_error(target, net, lo, hi)
        readouts = [["N", str(n)], ["max|f − g|", f"{error:.{decimals}f}"]]
        if is_square:
            readouts.append([law_label, f"{square_interpolant_error(lo, hi, n):.{decimals}f}"])
        steps.append(
            {
                "n": n,
                "label": f"N = {n}",
                "x": xs.tolist(),
                "y": ys.tolist(),
                "dots": [],
                "max_error": error,
                "readouts": readouts,
            }
        )
        all_y.append(ys)
    return {
        "scene": "square",
        "title": "Try it: move N",
        "slider": "N, the number of ReLU units",
        "legend": {
            "target": f"f(x) = {'x²' if is_square else target.expression}",
            "approximation": "g(x): N ReLU units, joining the curve at evenly spaced points",
        },
        "colours": _colours(params),
        "plot": _frame((lo, hi), all_y),
        "target": {"x": target_x.tolist(), "y": target_y.tolist()},
        "steps": steps,
        "initial": 0,
    }


def shift_data(params: SceneParams) -> dict[str, Any]:
    """Slider over h: the polyline of ReLU(x − h), its kink and the slope of each piece.

    Examples
    --------
    >>> data = shift_data(SceneParams(interval=(-3.0, 3.0)))
    >>> len(data["steps"]), data["steps"][45]["label"], data["steps"][45]["x"]
    (61, 'h = 1.5', [-3.0, 1.5, 3.0])
    """
    lo, hi = params.interval or (-3.0, 3.0)
    step = nice_step((hi - lo) / 100)
    decimals = max(0, -math.floor(math.log10(step) + 1e-12))
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    steps, all_y = [], []
    for k in range(first, last + 1):
        h = round(k * step, decimals + 2)
        net = shifted(h)
        xs, ys = net.polyline(lo, hi)
        slopes = net.slopes(lo, hi)
        text = f"{h:.{decimals}f}"
        steps.append(
            {
                "h": h,
                "label": f"h = {text}",
                "x": xs.tolist(),
                "y": ys.tolist(),
                "dots": [[h, 0.0]] if lo <= h <= hi else [],
                "readouts": [
                    ["h", text],
                    ["kink at x", text],
                    ["slopes", ", ".join(f"{s:g}" for s in slopes)],
                ],
            }
        )
        all_y.append(ys)
    initial = min(range(len(steps)), key=lambda i: abs(steps[i]["h"]))
    return {
        "scene": "shift",
        "title": "Try it: move h",
        "slider": "h, the shift",
        "legend": {"approximation": "y = ReLU(x − h)"},
        "colours": _colours(params),
        "plot": _frame((lo, hi), all_y),
        "target": None,
        "steps": steps,
        "initial": initial,
    }


COMPANIONS: dict[str, Callable[[SceneParams], dict[str, Any]]] = {
    "square": square_data,
    "shift": shift_data,
}


def companion_data(scene: str, params: SceneParams) -> dict[str, Any] | None:
    """The companion data of ``scene`` with its effective ``params``, or ``None`` if it has none."""
    build = COMPANIONS.get(scene)
    return build(params) if build else None
