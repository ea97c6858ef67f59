"""The picture of the symmetric construction: x² and h_k above, their squared loss below.

The graph panel holds two axes on the same x-range: the function plot (x², the units, the sums
h_k, dots where h_k meets x²) and under it the loss ½(x² − h)², clipped at the top of its axes.
On that scale the loss inside the good band is a pixel high, so a third axes magnifies it:
beside the loss in landscape (the side panel's lower part, which the legends leave empty),
under it in portrait, with a dashed level at the largest loss inside the band. The band itself
is a strip along the loss axis with dashed edges, so that it covers no curve. The side panel
holds one legend per curve, stacked. All curves are polylines of numbers from
:mod:`relu_anim.numeric` (ReLU nets exactly; the loss as its samples,
:class:`~relu_anim.numeric.Samples`).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DashedLine,
    DecimalNumber,
    Dot,
    MathTex,
    Rectangle,
    VGroup,
)

from relu_anim.drawing.axes import (
    TICK_FONT,
    axes_in,
    axis_labels,
    numbers_at_edges,
    tick_range,
)
from relu_anim.drawing.curves import NetCurve
from relu_anim.drawing.fit_panel import READOUT_FONT, legend
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.slopes import SlopeLabels, slope_labels
from relu_anim.numeric import ReLUNet, Samples, sampled, squared_loss, window_below
from relu_anim.theme import Theme

LOSS_CAP = 2.2  # top of the loss axes: h2's loss reaches 2 at x = ±3
ZOOM_CAP = 0.04  # top of the magnified loss axes: the loss inside the band stays ≤ 1/32
INTERVAL = (-3.0, 3.0)
#: The side panel's least width in landscape: h_2's legend (5.11) and the readout under it.
SIDE_WIDTH = 5.2
STRIP = 0.12  # height of the band's strip along the loss axis (frame units)


class SymmetricPicture:
    """Axes, curves and legends of the symmetric scene, laid out from the frame."""

    def __init__(self, layout: Layout, theme: Theme) -> None:
        self.theme = theme
        # In portrait the legends need only a strip above the three plots; in landscape the
        # side panel is as wide as h_2's legend and the readout at full size.
        graph, side = layout.graph_and_side(
            graph_share=0.68 if layout.portrait else 0.6, least_side=SIDE_WIDTH
        )
        x_range = tick_range(*INTERVAL, max_steps=8)
        if layout.portrait:
            top, bottom, zoom = graph.rows(3, 2, 2, gap=0.35)
            self.side = side
        else:
            top, bottom = graph.rows(3, 2, gap=0.35)
            zoom = Panel(side.left, side.right, bottom.bottom, bottom.top)
            self.side = Panel(side.left, side.right, zoom.top + 0.45, side.top)
        # Numbers at the plots' edges: up the y-axis they took the spots the slope labels of
        # the short middle pieces need (4:3's narrower plots).
        self.axes = numbers_at_edges(axes_in(top, x_range, tick_range(0.0, 9.0), theme))
        self.loss_axes = numbers_at_edges(
            axes_in(bottom, x_range, tick_range(0.0, LOSS_CAP, 3), theme)
        )
        # No y numbers: a tick number at x = 0 would sit under the loss's bumps; the dashed
        # level (zoom_level) gives the scale. x numbers in whole units, as on the other axes.
        self.zoom_axes = axes_in(
            zoom, x_range, tick_range(0.0, ZOOM_CAP, 2), theme, with_numbers=False
        )
        self.zoom_axes.x_axis.add_numbers(
            excluding=[0.0], font_size=TICK_FONT, num_decimal_places=0, color=theme.muted
        )
        self.labels = VGroup(
            axis_labels(self.axes, theme),
            axis_labels(self.loss_axes, theme, y=r"\tfrac12 (x^2 - h)^2"),
        )
        self.zoom_labels = axis_labels(
            self.zoom_axes, theme, y=r"\tfrac12 (x^2 - h)^2,\ \text{magnified}"
        )

    def legends(self, *items: tuple) -> VGroup:
        """Legends ``(latex, colour, stroke[, second line])`` stacked in the side panel's top."""
        group = VGroup(*(legend(*item) for item in items))
        group.arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        return self.side.put(group, UP + LEFT)

    def readout(self, legends: VGroup, levels: int, value: float) -> VGroup:
        """``max |x² − h_k| on [−k, k] = value`` under ``legends``; the number is ``[1]``."""
        label = MathTex(
            rf"\max_{{[-{levels}, {levels}]}} |x^2 - h_{levels}| =", font_size=READOUT_FONT
        )
        number = DecimalNumber(value, num_decimal_places=2, font_size=READOUT_FONT)
        number.next_to(label, RIGHT, buff=0.2)
        row = VGroup(label, number)
        below = Panel(
            self.side.left, self.side.right, self.side.bottom, legends.get_bottom()[1] - 0.4
        )
        return below.put(row, UP + LEFT)

    def zoom_level(self, value: float, text: str) -> VGroup:
        """A dashed line across the magnified loss axes at ``value``, ``text`` left of it."""
        axes = self.zoom_axes
        lo, hi = axes.x_range[0], axes.x_range[1]
        line = DashedLine(axes.c2p(lo, value), axes.c2p(hi, value), color=self.theme.muted)
        line.set_stroke(width=2)
        label = MathTex(text, font_size=TICK_FONT, color=self.theme.muted)
        # Where its tick number would be: the magnified axes have none, and right of the line
        # it ran off the frame once it was large enough to read.
        label.next_to(line.get_start(), LEFT, buff=0.1)
        return VGroup(line, label)

    def curve_of_target(self, stroke_width: float = 8) -> NetCurve:
        """x² on the function axes, as the polyline of its samples (241 points)."""
        return NetCurve(
            self.axes,
            sampled(np.square, *INTERVAL),
            INTERVAL,
            color=self.theme.target,
            stroke_width=stroke_width,
        )

    def curve(self, net: ReLUNet, color: str, stroke_width: float = 5, **style) -> NetCurve:
        """The exact polyline of ``net`` on the function axes, cut where it leaves them."""
        return NetCurve(self.axes, net, INTERVAL, color=color, stroke_width=stroke_width, **style)

    def loss(self, h: ReLUNet, color: str, stroke_width: float = 5, zoom: bool = False) -> NetCurve:
        """The loss ½(x² − h)² on the loss axes (or the magnified ones, with ``zoom``), up to
        where it leaves them at the top."""
        axes = self.zoom_axes if zoom else self.loss_axes
        samples: Samples = squared_loss(np.square, h, *INTERVAL)
        window = window_below(samples, axes.y_range[1])
        return NetCurve(axes, samples, window, color=color, stroke_width=stroke_width)

    def slopes(self, h: ReLUNet) -> SlopeLabels:
        """The slope of every piece of ``h`` beside it (±1, ±3, ±5 for h3)."""
        return slope_labels(self.axes, h, INTERVAL, self.theme, decimals=0, font_size=TICK_FONT)

    def meeting_dots(self, h: ReLUNet, levels: int) -> VGroup:
        """Dots where ``h`` meets x²: its vertices at the integers of [−levels, levels]."""
        xs, ys = h.polyline(-float(levels), float(levels))
        return VGroup(
            *(
                Dot(self.axes.c2p(x, y), radius=0.07, color=self.theme.highlight)
                for x, y in zip(xs, ys, strict=True)
            )
        )

    def band(self, lo: float, hi: float) -> VGroup:
        """Where the loss stays small, ``[lo, hi]``: a strip along the loss axis and dashed
        edges up both loss axes (a filled rectangle would cover the curves it is about).

        ``[0]`` is the strip, then the edges of the loss axes and of the magnified ones.
        """
        left, right = self.loss_axes.c2p(lo, 0), self.loss_axes.c2p(hi, 0)
        strip = Rectangle(
            width=right[0] - left[0],
            height=STRIP,
            stroke_width=0,
            fill_color=self.theme.band,
            fill_opacity=self.theme.band_opacity,
        )
        strip.move_to((left + right) / 2 + STRIP / 2 * UP)
        edges = [
            DashedLine(
                axes.c2p(x, 0), axes.c2p(x, axes.y_range[1]), color=self.theme.band, dash_length=0.1
            ).set_stroke(width=3)
            for axes in (self.loss_axes, self.zoom_axes)
            for x in (lo, hi)
        ]
        # Behind the axes and every loss curve.
        return VGroup(strip, *edges).set_z_index(-1)
