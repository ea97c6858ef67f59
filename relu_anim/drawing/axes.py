"""Axes in the house style, sized to a panel of the frame, with tick ranges that read well."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import numpy as np
from manim import RIGHT, UP, Axes, MathTex, Mobject, VGroup

from relu_anim.drawing.layout import MARGIN, TEXT_MARGIN, Panel, bounding_box
from relu_anim.theme import MIN_TEX_FONT, Theme

# Room around the axis lines inside a panel: tick numbers left and below, labels above/right.
_ROOM = {"left": 0.7, "right": 0.45, "bottom": 0.55, "top": 0.45}
#: Tick numbers and axis names at the smallest size that reads (24 pt drew 10 px at 480p).
TICK_FONT = MIN_TEX_FONT
#: Least clear space between neighbouring tick numbers (along x; along y it is half this):
#: closer numbers run together ("0.511.5"), so every other one is dropped until they part.
TICK_GAP = 0.3
#: A range narrower than this, absolutely or as a share of its size, is drawn as flat: Manim
#: runs its ticks 1e-6 past the end, so a step far below that adds ticks without end.
FLAT_RANGE, FLAT_SHARE = 1e-4, 1e-9
#: Most ticks one axis may get, whatever range it is handed.
MAX_TICKS = 50
# How far tick numbers may reach left of their panel: into the frame's margin, where texts
# may go, with a little to spare.
_LABEL_OVERHANG = MARGIN - TEXT_MARGIN - 0.03


def tick_range(low: float, high: float, max_steps: int = 7) -> tuple[float, float, float]:
    """Return ``(lo, hi, step)`` for axes showing ``[low, high]`` with at most ``max_steps`` ticks.

    The step is the smallest of 1, 2, 2.5 or 5 times a power of ten that needs no more than
    ``max_steps`` steps. Manim puts the ticks of a range through 0 at multiples of the step, so
    then the ends only snap to a quarter step (no empty band for a slight overshoot below 0);
    otherwise the ticks start at ``lo``, which is then a multiple of the step. Zero is pulled in
    when the data sit close to it, so that kink guides can drop to the x-axis.

    Examples
    --------
    >>> tick_range(0.0, 4.0)
    (0.0, 4.0, 1.0)
    >>> tick_range(-0.17, 4.0)
    (-0.25, 4.0, 1.0)
    >>> tick_range(-0.88, 1.15)
    (-1.0, 1.25, 0.5)
    >>> tick_range(10.2, 13.9)
    (10.0, 14.0, 1.0)
    >>> tick_range(-3.0, 3.0, max_steps=8)
    (-3.0, 3.0, 1.0)
    >>> tick_range(3.0, 3.0000000000000004)  # flat: the line at 3, with zero in view
    (0.0, 4.5, 1.0)
    """
    low, high = float(low), float(high)
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        raise ValueError(f"tick_range: need finite low <= high, got {low} and {high}")
    size = max(abs(low), abs(high))
    if high - low < max(FLAT_RANGE, FLAT_SHARE * size):
        # A constant (or one that changes only by rounding): a window as tall as its size,
        # at least 1, so that zero comes into view below for a positive constant.
        middle = (low + high) / 2
        half = max(abs(middle), 1.0) / 2
        low, high = middle - half, middle + half
    if low > 0 and low < high - low:
        low = 0.0
    if high < 0 and -high < high - low:
        high = 0.0
    magnitude = 10.0 ** math.floor(math.log10((high - low) / max_steps))
    for multiple in (1.0, 2.0, 2.5, 5.0, 10.0, 20.0):
        step = multiple * magnitude
        grain = step / 4 if low <= 0 <= high else step
        # The tolerance keeps a value on a tick (4.0 for x² on [0, 2]) from adding a step.
        lo = math.floor(low / grain + 1e-9) * grain
        hi = math.ceil(high / grain - 1e-9) * grain
        if (hi - lo) / step <= max_steps + 1e-9:
            break
    return lo + 0.0, hi + 0.0, step


def nets_y_range(
    nets: Iterable[Any],
    x_range: tuple[float, float],
    pad: float = 0.1,
    max_steps: int = 6,
) -> tuple[float, float, float]:
    """Return the ``(lo, hi, step)`` y-range that holds every net in ``nets`` on ``x_range``.

    The range comes from the nets' exact vertices (a piecewise-linear net peaks at one), takes
    in ``y = 0`` so the x-axis is in view, and is widened by ``pad`` times its height.

    Examples
    --------
    >>> from relu_anim.numeric import shifted
    >>> nets_y_range([shifted(0.0), shifted(-1.0)], (-3.0, 3.0))
    (-0.5, 4.5, 1.0)
    """
    values = np.concatenate([[0.0], *(net.polyline(*x_range)[1] for net in nets)])
    low, high = float(values.min()), float(values.max())
    margin = pad * (high - low) if high > low else 1.0
    return tick_range(low - margin, high + margin, max_steps)


def _decimals(*steps: float) -> int:
    """Fewest decimals that show every tick step exactly (0 for whole-number steps)."""
    decimals = 0
    for step in steps:
        while round(step, decimals) != step and decimals < 8:
            decimals += 1
    return decimals


def shown_decimals(values: Iterable[float]) -> int:
    """Fewest decimals that write every one of ``values`` exactly, so that an axis shows no
    more places than its own ticks need (x read "0.0100" when y's ticks needed four).

    Examples
    --------
    >>> shown_decimals([0.0, 0.01, 0.02])
    2
    >>> shown_decimals([-1.0, 0.5, 2.0])
    1
    >>> shown_decimals([0.0, 0.0025])
    4
    """
    decimals = 0
    for value in values:
        # The tolerance keeps float dust (0.30000000000000004) from asking for more places.
        while abs(round(value, decimals) - value) > 1e-9 * max(1.0, abs(value)) and decimals < 8:
            decimals += 1
    return decimals


def _trim_decimals(axis: Any) -> Any:
    """Write the tick numbers left on ``axis`` with as few decimals as they need, each kept
    centred where it was (thinning may leave only every other tick: 0.0025 steps shown at
    0.005, 0.01, ...)."""
    numbers = list(getattr(axis, "numbers", []))
    places = shown_decimals(float(number.get_value()) for number in numbers)
    for number in numbers:
        if number.num_decimal_places != places:
            centre = number.get_center()
            number.num_decimal_places = places
            number.set_value(number.get_value()).move_to(centre)
    return axis


def thin_numbers(axis: Any, gap: float = TICK_GAP) -> Any:
    """Keep the tick numbers of ``axis`` at multiples of ``k`` steps, for the smallest ``k``
    that leaves ``gap`` between neighbours (half of it up a vertical axis); drop the rest.

    Numbers large enough to read do not fit at every tick of a short axis. Multiples of ``k``
    steps keep a regular scale and 0's neighbours symmetric (−2, 2), and a range ending on a
    multiple keeps its end (0 to 2 by 0.5 keeps 1 and 2); the ticks stay.

    Examples
    --------
    ::

        thin_numbers(axes.x_axis)
    """
    numbers = list(getattr(axis, "numbers", []))
    if len(numbers) < 2:
        return axis
    step = float(axis.x_range[2])
    upright = abs(axis.get_unit_vector()[1]) > abs(axis.get_unit_vector()[0])
    low, high = (2, 3) if upright else (0, 1)

    def spaced(kept: list[Mobject]) -> bool:
        edges = sorted((bounding_box(n)[low], bounding_box(n)[high]) for n in kept)
        room = gap / 2 if upright else gap
        return all(b[0] - a[1] >= room for a, b in pairwise(edges))

    values = [float(number.get_value()) for number in numbers]
    for every in range(1, len(numbers) + 1):
        kept = [n for n, v in zip(numbers, values, strict=True) if _on_grid(v / (every * step))]
        if (len(kept) >= min(2, len(numbers)) and spaced(kept)) or every == len(numbers):
            break
    for number in numbers:
        if not any(number is k for k in kept):
            axis.numbers.remove(number)
    return axis


def _on_grid(ratio: float) -> bool:
    return abs(ratio - round(ratio)) < 1e-6


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

        axes = plot_axes((0, 2, 0.5), (0, 4, 1), DARK)
    """
    for name, (lo, hi, step) in (("x", x_range), ("y", y_range)):
        ticks = (hi - lo) / step if step > 0 else math.inf
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi and ticks <= MAX_TICKS):
            raise ValueError(
                f"{name}-axis range ({lo:g}, {hi:g}) with step {step:g} is not drawable "
                f"(at most {MAX_TICKS} ticks)"
            )
        if step < 1e-5:  # Manim's 1e-6 past the end would be a further tick or more
            raise ValueError(f"{name}-axis step {step:g} is too small to draw its ticks")
    axes = Axes(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={
            "color": theme.muted,
            "stroke_width": 2,
            "include_numbers": with_numbers,
            "font_size": TICK_FONT,
        },
        # Each axis its own decimals: one count for both wrote x's 0.01 as "0.0100".
        x_axis_config={"decimal_number_config": _number_style(x_range[2], theme)},
        y_axis_config={"decimal_number_config": _number_style(y_range[2], theme)},
        **kwargs,
    )
    for axis in (axes.x_axis, axes.y_axis):
        _trim_decimals(thin_numbers(axis))
    return axes


def _number_style(step: float, theme: Theme) -> dict[str, Any]:
    return {"num_decimal_places": _decimals(step), "color": theme.muted}


def axes_in(
    panel: Panel,
    x_range: tuple[float, float, float],
    y_range: tuple[float, float, float],
    theme: Theme,
    with_numbers: bool = True,
    room: float = 1.0,
) -> Axes:
    """Return axes whose lines, tick numbers and axis labels fill ``panel``.

    ``room`` scales the space kept for tick numbers and labels around the axis lines.

    Examples
    --------
    ::

        graph, side = self.layout.graph_and_side()
        axes = axes_in(graph, (0, 2, 0.5), (0, 4, 1), self.theme)
    """
    left, right = _ROOM["left"] * room, _ROOM["right"] * room
    bottom, top = _ROOM["bottom"] * room, _ROOM["top"] * room

    def build(left: float) -> Axes:
        axes = plot_axes(
            x_range,
            y_range,
            theme,
            x_length=max(panel.width - left - right, 0.5),
            y_length=max(panel.height - bottom - top, 0.5),
            with_numbers=with_numbers,
        )
        # The lines' corner: the axes' own left edge takes in a first tick number such as
        # "-3", half of which hangs left of its tick, and the axes ran past the panel's right
        # by as much (Square's abs in 9:16 put its "x" outside the frame).
        corner = axes.c2p(x_range[0], y_range[0])
        return axes.shift(np.array([panel.left + left, panel.bottom + bottom, 0.0]) - corner)

    axes = build(left)
    numbers = getattr(axes.y_axis, "numbers", None)
    if with_numbers and numbers is not None and len(numbers) > 0:
        # Long tick numbers ("-1000", "250000") would stick out of the panel, off the frame:
        # such axes give up width to them. Axes whose numbers only reach into the frame's
        # margin, as texts may, are left as they were.
        overflow = panel.left - min(number.get_left()[0] for number in numbers)
        if overflow > _LABEL_OVERHANG:
            axes = build(min(left + overflow, panel.width / 2))
    return axes


def equal_scale_panel(
    panel: Panel, x_range: tuple[float, float, float], y_range: tuple[float, float, float]
) -> Panel:
    """The largest part of ``panel``, centred in it, in which :func:`axes_in` draws one unit of
    x as long as one unit of y (slope 1 at 45°).

    Examples
    --------
    >>> inner = equal_scale_panel(Panel(0.0, 10.0, 0.0, 5.0), (0, 6, 1), (0, 3, 1))
    >>> round(float(inner.width - 1.15) / 6, 6), round(float(inner.height - 1.0) / 3, 6)
    (1.333333, 1.333333)
    """
    across = _ROOM["left"] + _ROOM["right"]
    upright = _ROOM["bottom"] + _ROOM["top"]
    x_span, y_span = x_range[1] - x_range[0], y_range[1] - y_range[0]
    unit = min((panel.width - across) / x_span, (panel.height - upright) / y_span)
    width, height = unit * x_span + across, unit * y_span + upright
    x, y = panel.center[0], panel.center[1]
    return Panel(x - width / 2, x + width / 2, y - height / 2, y + height / 2)


def axis_labels(
    axes: Axes, theme: Theme, x: str = "x", y: str = "y", font_size: float = TICK_FONT
) -> VGroup:
    """``x`` at the right end of the x-axis and ``y`` above the y-axis, in the muted colour."""
    x_label, y_label = MathTex(x, y, font_size=font_size, color=theme.muted)
    x_label.next_to(axes.x_axis.get_right(), RIGHT, buff=0.12)
    y_label.next_to(axes.y_axis.get_top(), UP, buff=0.1)
    return VGroup(x_label, y_label)


def numbers_at_edges(axes: Axes, buff: float = 0.12) -> Axes:
    """Move the tick numbers to the plot's edges: x numbers under its bottom, y numbers left of
    its left side, so curves through the middle never run over them.

    Manim sets them along the axis lines, which cross the middle of a plot whose range holds
    0: a curve crossing the y-axis there runs over its numbers.

    Examples
    --------
    ::

        axes = numbers_at_edges(axes_in(panel, (-3, 3, 1), (-2, 2, 1), theme))
    """
    left, bottom = axes.c2p(axes.x_range[0], axes.y_range[0])[:2]
    x_numbers = list(getattr(axes.x_axis, "numbers", []))
    for number in x_numbers:
        number.set_y(bottom - buff - number.height / 2)
    for number in list(getattr(axes.y_axis, "numbers", [])):
        number.set_x(left - buff - number.width / 2)
        # The lowest y number can end up beside the first x number ("−10−3"): drop it.
        if any(_near(number, other, buff) for other in x_numbers):
            axes.y_axis.numbers.remove(number)
            axes.y_axis.remove(number)
    return axes


def _near(first: Mobject, second: Mobject, gap: float) -> bool:
    """Whether the boxes of ``first`` and ``second`` come closer than ``gap``."""
    return bool(
        first.get_left()[0] < second.get_right()[0] + gap
        and second.get_left()[0] < first.get_right()[0] + gap
        and first.get_bottom()[1] < second.get_top()[1] + gap
        and second.get_bottom()[1] < first.get_top()[1] + gap
    )
