"""Log-log axes of error against unit count, the series drawn on them, and their legend table.

:func:`loglog_axes` puts N = 1 … 100 and errors 10⁻⁵ … 1 on log scales, with the x-axis at the
bottom (Manim puts an axis through exponent 0, which would be the top of a range of errors; the
exponents here are shifted so that 10⁻⁵ is the axis' zero). ``axes.c2p(N, error)`` and
``axes.p2c`` take and give the plain values, so a series is drawn as a
:class:`~relu_anim.drawing.curves.NetCurve` of its :class:`~relu_anim.numeric.Samples` and read
back like any net. :class:`SeriesTable` is the side panel: one row per series (swatch, name,
fitted log-log slope), laid out once at its final place and revealed row by row.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    DashedLine,
    DecimalNumber,
    Dot,
    Line,
    MathTex,
    VGroup,
    VMobject,
)
from manim.mobject.graphing.scale import LogBase

from relu_anim.drawing.axes import TICK_FONT
from relu_anim.drawing.curves import NetCurve
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.numeric import Samples
from relu_anim.theme import MIN_TEX_FONT, Theme

FLOOR_EXPONENT = -5  # the bottom of the error axis: 10⁻⁵ (an error of 0 is drawn there)
TABLE_FONT = MIN_TEX_FONT


class _ShiftedLog(LogBase):
    """``10^(v + shift)``: the axis' zero sits at ``10^shift``, labels show the true powers."""

    def __init__(self, shift: int) -> None:
        super().__init__(10, custom_labels=True)
        self.shift = shift

    @overload
    def function(self, value: float) -> float: ...
    @overload
    def function(self, value: np.ndarray) -> np.ndarray: ...
    def function(self, value: float | np.ndarray) -> float | np.ndarray:
        return 10.0 ** (value + self.shift)

    def inverse_function(self, value: Any) -> Any:
        return np.log10(value) - self.shift

    def get_custom_labels(self, val_range: Any, unit_decimal_places: int = 0, **config: Any):
        return [
            MathTex(rf"10^{{{round(self.inverse_function(v)) + self.shift}}}", **config)
            for v in val_range
        ]


#: The side panel's least width in landscape: the table's widest row ("x², least squares" and
#: its slope, 4.13) at TABLE_FONT, unscaled. 4:3 gives the graph less than 16:9 to keep it (a
#: wider panel leaves more empty beside the table while its rows come in).
SIDE_WIDTH = 4.2


def panels(layout: Layout) -> tuple[Panel, Panel]:
    """The graph panel and the side panel (the table, then the slope card under it)."""
    if layout.portrait:
        return layout.graph_and_side(graph_share=0.55)
    return layout.graph_and_side(graph_share=0.68, least_side=SIDE_WIDTH)


class SlopeCard(VGroup):
    """Why a power law is a straight line, and what the slope of the series last shown means
    for ten times the units: in the side panel's lower part, under the table (``centred`` in
    portrait, where the panel is the frame's width: no empty strip down one side).

    ``law`` is the two lines of the power law; :meth:`meaning` a line for one series.
    """

    SAMPLE = r"p = -0.44:\ \text{error} \div 2.8"

    def __init__(self, side: Panel, theme: Theme, centred: bool = False) -> None:
        super().__init__()
        muted: dict[str, Any] = {"font_size": TABLE_FONT, "color": theme.muted}
        self.law = VGroup(
            MathTex(r"\text{error} \approx C\,N^{\,p}", **muted),
            MathTex(r"\log \text{error} = \log C + p \log N", **muted),
            MathTex(r"10 \times N:\ \text{error} \times 10^{\,p}", **muted),
        )
        room = Panel(side.left, side.right, side.bottom, side.bottom + min(3.0, side.height / 2))
        # Laid out with the widest line a series gets, so that none needs more room later.
        sample = MathTex(self.SAMPLE, font_size=TABLE_FONT)
        group = VGroup(*self.law, sample).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        before = group.height
        room.put(group, DOWN if centred else DOWN + LEFT)
        self.scale_factor, self.slot = group.height / before, sample.get_corner(UP + LEFT)
        self.add(self.law)

    def meaning(self, tex: str, color: str) -> MathTex:
        """The line ``tex`` (see :func:`~relu_anim.captions.error_law.tenfold_tex`) under the
        law, in ``color``."""
        line = MathTex(tex, font_size=TABLE_FONT, color=color).scale(self.scale_factor)
        return line.move_to(self.slot, aligned_edge=UP + LEFT)


class LogLogAxes(Axes):
    """Axes with both scales logarithmic; ``names`` labels them N and error."""

    names: VGroup


def loglog_axes(panel: Panel, theme: Theme, decades: int = 2) -> LogLogAxes:
    """Axes filling ``panel``: N from 1 to 10^decades across, error 10⁻⁵ … 1 up, both log."""
    left, bottom, right, top = 1.0, 0.6, 0.45, 0.5
    axes = LogLogAxes(
        x_range=[0, decades, 1],
        y_range=[0, -FLOOR_EXPONENT, 1],
        x_length=panel.width - left - right,
        y_length=panel.height - bottom - top,
        tips=False,
        axis_config={"color": theme.muted, "stroke_width": 2, "include_numbers": True},
        x_axis_config={"scaling": _ShiftedLog(0)},
        y_axis_config={"scaling": _ShiftedLog(FLOOR_EXPONENT)},
    )
    for axis in (axes.x_axis, axes.y_axis):
        for label in axis.labels:
            assert isinstance(label, MathTex)  # _ShiftedLog's custom labels
            label.set_color(theme.muted)
            label.font_size = TICK_FONT
        axis.labels.set_z_index(1)
    for label, decade in zip(axes.x_axis.labels, range(decades + 1), strict=True):
        label.next_to(axes.c2p(10.0**decade, 10.0**FLOOR_EXPONENT), DOWN, buff=0.22)
    for label, power in zip(axes.y_axis.labels, range(FLOOR_EXPONENT, 1), strict=True):
        label.next_to(axes.c2p(1.0, 10.0**power), LEFT, buff=0.15)
    corner = axes.c2p(1.0, 10.0**FLOOR_EXPONENT)
    axes.shift(np.array([panel.left + left, panel.bottom + bottom, 0.0]) - corner)
    names = VGroup(
        MathTex("N", font_size=TICK_FONT, color=theme.muted).next_to(axes.x_axis, RIGHT, buff=0.12),
        MathTex(r"\text{error}", font_size=TICK_FONT, color=theme.muted).next_to(
            axes.y_axis, UP, buff=0.1
        ),
    )
    axes.names = names
    return axes


def series_curve(
    axes: Axes, series: Samples, color: str, stroke_width: float = 3, opacity: float = 1.0
) -> VGroup:
    """The series as a polyline with a dot on every point; ``[0]`` is the NetCurve."""
    line = NetCurve(
        axes,
        series,
        series.x_range,
        color=color,
        stroke_width=stroke_width,
        stroke_opacity=opacity,
    )
    points = axes.c2p(np.column_stack([series.xs, series.ys]))
    dots = VGroup(*(Dot(point, radius=0.035, color=color) for point in points))
    return VGroup(line, dots)


def slope_triangle(axes: Axes, series: Samples, first: int, last: int, theme: Theme) -> VGroup:
    """Run and rise between the points ``N = first`` and ``N = last`` of ``series``, labelled
    with the factors they span (×10 across, ÷100 down for 1/N²)."""
    (x0, x1), (y0, y1) = (series.xs[[first - 1, last - 1]], series.ys[[first - 1, last - 1]])
    corner = axes.c2p(x1, y0)
    run = Line(axes.c2p(x0, y0), corner, color=theme.highlight, stroke_width=2)
    rise = Line(corner, axes.c2p(x1, y1), color=theme.highlight, stroke_width=2)
    across = MathTex(rf"\times {x1 / x0:g}", font_size=TICK_FONT, color=theme.highlight)
    down = MathTex(rf"\div {y0 / y1:.0f}", font_size=TICK_FONT, color=theme.highlight)
    across.next_to(run, UP, buff=0.1)
    # Inside the triangle, in its widest part (under the run), clear of the hypotenuse.
    down.next_to(corner, DOWN + LEFT, buff=0.1)
    return VGroup(run, rise, across, down)


def level_line(axes: Axes, value: float, theme: Theme) -> VGroup:
    """A dashed line across the axes at error ``value``, labelled with it."""
    lo, hi = 10.0 ** axes.x_range[0], 10.0 ** axes.x_range[1]
    line = DashedLine(axes.c2p(lo, value), axes.c2p(hi, value), color=theme.muted)
    line.set_stroke(width=2)
    label = MathTex(rf"{value:g}", font_size=TICK_FONT, color=theme.muted)
    label.next_to(line.get_end(), DOWN + LEFT, buff=0.1)
    return VGroup(line, label)


def floor_note(axes: Axes, latex: str, color: str, right_of: float = 19.0) -> VGroup:
    """``latex`` just above the floor of the error axis, left of ``N = right_of``; in two
    lines, broken after its colon, where one would have to shrink (4:3's narrower graph).

    That corner stays empty (every series starts high at N = 1), so a note about points drawn
    at the floor sits beside them without covering any.
    """
    floor = 10.0**FLOOR_EXPONENT
    low, high = axes.c2p(1.0, floor), axes.c2p(right_of, floor * 10)
    room = Panel(low[0] + 0.1, high[0], low[1] + 0.1, high[1])
    note = VGroup(MathTex(latex, font_size=TICK_FONT, color=color))
    head, colon, tail = latex.partition(":")
    if note.width > room.width and colon:
        note = VGroup(
            *(
                MathTex(part, font_size=TICK_FONT, color=color)
                for part in (head + ":", tail.removeprefix(r"\ "))
            )
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.15)
    return room.put(note, DOWN + RIGHT)


class SeriesTable(VGroup):
    """Rows ``swatch  name  slope`` in the side panel; ``slopes[key]`` is the row's number."""

    def __init__(
        self,
        panel: Panel,
        rows: list[tuple[str, str, str, float]],
        title: str,
        centred: bool = False,
    ):
        super().__init__()
        self.rows: dict[str, VGroup] = {}
        self.slopes: dict[str, DecimalNumber] = {}
        header = MathTex(title, font_size=TABLE_FONT)
        lines: list[VMobject] = [header]
        for key, latex, color, slope in rows:
            swatch = Line(0.18 * LEFT, 0.18 * RIGHT, color=color, stroke_width=6)
            name = MathTex(latex, font_size=TABLE_FONT, color=color)
            number = DecimalNumber(slope, num_decimal_places=2, font_size=TABLE_FONT, color=color)
            row = VGroup(swatch, name, number)
            name.next_to(swatch, RIGHT, buff=0.15)
            self.rows[key], self.slopes[key] = row, number
            lines.append(row)
        VGroup(*lines).arrange(DOWN, buff=0.32, aligned_edge=LEFT)
        left = min(row[0].get_left()[0] for row in self.rows.values())
        for row in self.rows.values():
            row.shift(RIGHT * (left - row[0].get_left()[0]))
        # The slopes in one column, right of the longest name.
        column = max(row[1].get_right()[0] for row in self.rows.values()) + 0.3
        for row in self.rows.values():
            row[2].move_to(np.array([column, row[1].get_y(), 0.0]), aligned_edge=LEFT)
        header.shift(RIGHT * (column - header.get_left()[0]))
        self.header = header
        self.add(*lines)
        panel.put(self, UP if centred else UP + LEFT)
