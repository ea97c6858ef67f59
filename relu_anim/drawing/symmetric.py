"""The picture of the symmetric construction: x² and h_k above, their squared loss below.

The graph panel holds two axes on the same x-range: the function plot (x², the units, the sums
h_k, dots where h_k meets x²) and under it the loss ½(x² − h)², clipped at the top of its axes.
The side panel holds one legend per curve, stacked, each scaled to the panel's width. All
curves are polylines of numbers from :mod:`relu_anim.numeric` (ReLU nets exactly; the loss as
its samples, :class:`~relu_anim.numeric.Samples`).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DecimalNumber, Dot, MathTex, Rectangle, VGroup

from relu_anim.drawing.axes import axes_in, axis_labels, tick_range
from relu_anim.drawing.curves import NetCurve, SlopeLabels, slope_labels
from relu_anim.drawing.fit_panel import READOUT_FONT, legend
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.numeric import ReLUNet, Samples, sampled, squared_loss, window_below
from relu_anim.theme import Theme

LOSS_CAP = 2.2  # top of the loss axes: h2's loss reaches 2 at x = ±3
INTERVAL = (-3.0, 3.0)


class SymmetricPicture:
    """Axes, curves and legends of the symmetric scene, laid out from the frame."""

    def __init__(self, layout: Layout, theme: Theme) -> None:
        self.theme = theme
        graph, side = layout.graph_and_side(graph_share=0.6)
        top, bottom = graph.rows(3, 2, gap=0.35)
        x_range = tick_range(*INTERVAL, max_steps=8)
        self.axes = axes_in(top, x_range, tick_range(0.0, 9.0), theme)
        self.loss_axes = axes_in(bottom, x_range, tick_range(0.0, LOSS_CAP, 3), theme)
        self.labels = VGroup(
            axis_labels(self.axes, theme),
            axis_labels(self.loss_axes, theme, y=r"\tfrac12 (x^2 - h)^2"),
        )
        self.side = side

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

    def loss(self, h: ReLUNet, color: str, stroke_width: float = 5) -> NetCurve:
        """The loss ½(x² − h)² on the loss axes, up to where it leaves them at the top."""
        samples: Samples = squared_loss(np.square, h, *INTERVAL)
        window = window_below(samples, self.loss_axes.y_range[1])
        return NetCurve(self.loss_axes, samples, window, color=color, stroke_width=stroke_width)

    def slopes(self, h: ReLUNet) -> SlopeLabels:
        """The slope of every piece of ``h`` beside it (±1, ±3, ±5 for h3)."""
        return slope_labels(self.axes, h, INTERVAL, self.theme, decimals=0, font_size=26)

    def meeting_dots(self, h: ReLUNet, levels: int) -> VGroup:
        """Dots where ``h`` meets x²: its vertices at the integers of [−levels, levels]."""
        xs, ys = h.polyline(-float(levels), float(levels))
        return VGroup(
            *(
                Dot(self.axes.c2p(x, y), radius=0.07, color=self.theme.highlight)
                for x, y in zip(xs, ys, strict=True)
            )
        )

    def band(self, lo: float, hi: float) -> Rectangle:
        """A shaded band over ``[lo, hi]`` on the loss axes: where the loss stays small."""
        left, right = self.loss_axes.c2p(lo, 0), self.loss_axes.c2p(hi, self.loss_axes.y_range[1])
        band = Rectangle(
            width=right[0] - left[0],
            height=right[1] - left[1],
            stroke_width=0,
            fill_color=self.theme.band,
            fill_opacity=self.theme.band_opacity,
        )
        # Behind the axes and every loss curve: at an opacity that shows, it would cover them.
        return band.move_to((left + right) / 2).set_z_index(-1)
