"""Axes in the house style: muted lines, numbers at the ticks, room for labels above."""

from __future__ import annotations

from typing import Any

from manim import Axes

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
