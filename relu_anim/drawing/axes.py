"""Axes in the house style: muted lines, numbers at the ticks, room for labels above."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from manim import Axes

from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme


def plot_axes(
    x_range: tuple[float, float, float],
    y_range: tuple[float, float, float],
    theme: Theme,
    x_length: float = 9.0,
    y_length: float = 5.0,
    with_numbers: bool = True,
    **kwargs: Any,
) -> Axes:
    """Return axes for a function plot, ``x_range``/``y_range`` as ``(min, max, step)``.

    Examples
    --------
    ::

        axes = plot_axes((0, 2, 0.5), (0, 4, 1), DARK).to_edge(DOWN)
    """
    return Axes(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={
            "color": theme.muted,
            "stroke_width": 2,
            "include_numbers": with_numbers,
            "decimal_number_config": {
                "num_decimal_places": _decimals(x_range[2], y_range[2]),
                "color": theme.muted,
            },
            "font_size": 24,
        },
        **kwargs,
    )


def _decimals(*steps: float) -> int:
    """Fewest decimals that show every tick step exactly (0 for whole-number steps)."""
    decimals = 0
    for step in steps:
        while round(step, decimals) != step and decimals < 3:
            decimals += 1
    return decimals


def axis_range(low: float, high: float, max_steps: int = 6) -> tuple[float, float, float]:
    """Return ``(lo, hi, step)``: ``[low, high]`` widened to whole ticks of a 1-2-5 step.

    The step is the smallest of 1, 2 or 5 times a power of ten that covers the range in at
    most ``max_steps`` ticks, so the ends stay multiples of the step (Manim counts ticks from
    the lower end).

    Examples
    --------
    >>> axis_range(-3.0, 3.0, max_steps=8)
    (-3.0, 3.0, 1.0)
    >>> axis_range(-0.2, 2.2, max_steps=5)
    (-1.0, 3.0, 1.0)
    """
    low, high = float(low), float(high)
    if not low < high:
        raise ValueError(f"axis_range: need low < high, got {low} and {high}")
    magnitude = 10.0 ** math.floor(math.log10((high - low) / max_steps))
    for multiple in (1.0, 2.0, 5.0, 10.0):
        step = multiple * magnitude
        # The tolerance keeps an end that sits on a tick (3.0) from adding a step.
        lo = math.floor(low / step + 1e-9) * step
        hi = math.ceil(high / step - 1e-9) * step
        if round((hi - lo) / step) <= max_steps:
            break
    return lo + 0.0, hi + 0.0, step


def nets_y_range(
    nets: Iterable[ReLUNet],
    x_range: tuple[float, float],
    pad: float = 0.1,
    max_steps: int = 6,
) -> tuple[float, float, float]:
    """Return the ``(lo, hi, step)`` y-range that holds every net in ``nets`` on ``x_range``.

    The range comes from the nets' exact vertices (a piecewise-linear net peaks at one), takes
    in ``y = 0`` so the x-axis is in view, and is widened by ``pad`` times its height before
    rounding out to ticks with :func:`axis_range`.

    Examples
    --------
    >>> from relu_anim.numeric import shifted
    >>> nets_y_range([shifted(0.0), shifted(-1.0)], (-3.0, 3.0))
    (-1.0, 5.0, 1.0)
    """
    values = np.concatenate([[0.0], *(net.polyline(*x_range)[1] for net in nets)])
    low, high = float(values.min()), float(values.max())
    margin = pad * (high - low) if high > low else 1.0
    return axis_range(low - margin, high + margin, max_steps)
