"""The Bends picture: the plot with a row of slope jumps under it, and beside it (above it in
portrait) the sum formula, a small plot of the units being added, each whole, and the recap.

Everything is placed from the frame's panels, so the storyboard in ``scenes/bends.py`` only
says what appears when. A sum that would leave the plot (an early stage) is drawn up to its
edge, still as the exact polyline of its net on that stretch; the units themselves get the small
plot, whose y-range holds them over the whole interval (−2·ReLU(x + 1) falls to −8 on [−3, 3],
which the main plot would cut to a stub).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from manim import DOWN, LEFT, UP, DecimalNumber, MathTex, VGroup

from relu_anim.drawing.axes import (
    axes_in,
    axis_labels,
    nets_y_range,
    numbers_at_edges,
    tick_range,
)
from relu_anim.drawing.curves import KinkMarkers, NetCurve, kink_markers, net_curve
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.slopes import SlopeLabels, signed_number, slope_labels
from relu_anim.numeric import ReLUNet, visible_x_range
from relu_anim.theme import Theme

FONT = 34
UNIT_STROKE = 3
SUM_STROKE = 5
JUMP_ROW = 0.7  # height kept under the plot for the row of slope jumps
GRAPH_SHARE = 0.6  # of the frame's width (height in portrait) for the main plot
UNIT_FONT = 34


class BendsPicture:
    """Panels, axes and pieces of the Bends scene for one example net.

    Examples
    --------
    ::

        picture = BendsPicture(self.layout, self.theme, net, (-3, 3), weighted_sum(...))
        self.play(Create(picture.axes), Write(picture.formula))
    """

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        example: ReLUNet,
        interval: tuple[float, float],
        formula: MathTex,
    ) -> None:
        self.theme, self.example, self.interval = theme, example, interval
        graph, side = layout.graph_and_side(graph_share=GRAPH_SHARE)
        self.formula = side.put(_fit_in_lines(formula, side.width), UP + LEFT)
        self.general = MathTex(
            rf"g(x) = \sum_{{i=1}}^{{{example.n_units}}} a_i\,",
            r"\mathrm{ReLU}(x - h_i)",
            font_size=FONT,
        )
        if self.general.width > side.width:  # 4:3: in two lines, not shrunk to 13 px
            self.general[1].next_to(self.general[0], DOWN, buff=0.2)
            self.general[1].align_to(self.general[0][5], LEFT)  # under the sum sign
        self.general[0][:4].set_color(theme.approximation)
        #: Where the units being added are drawn whole, under the formula; the recap's general
        #: sum takes their place.
        self.unit_panel = Panel(
            side.left, side.right, side.bottom, self.formula.get_bottom()[1] - 0.3
        )
        self.unit_panel.put(self.general, LEFT)
        lo, hi = interval
        self.y_range = nets_y_range([example], interval, pad=0.25, max_steps=5)
        x_range = tick_range(lo, hi, 8)
        self.heading = MathTex(r"\Delta\,\text{slope}", font_size=FONT, color=theme.muted)
        self.axes = axes_in(graph.inset(0, 0, JUMP_ROW, 0), x_range, self.y_range, theme)
        # The heading goes left of the jumps when the first kink leaves room, else under them.
        kinks = [x for x in example.kinks() if lo < x < hi]
        first = self.axes.c2p(min(kinks), 0)[0] if kinks else self.axes.get_right()[0]
        self.heading_below = self.axes.get_left()[0] + self.heading.width + 0.6 > first
        if self.heading_below:
            self.axes = axes_in(graph.inset(0, 0, 2 * JUMP_ROW, 0), x_range, self.y_range, theme)
        self.x_label = axis_labels(self.axes, theme)[0]
        #: Term i of the sum: its weight aᵢ (part 1 + 2i) and its ReLU(x − hᵢ).
        self.terms = [formula[1 + 2 * i : 3 + 2 * i] for i in range(example.n_units)]
        self.row_y = self.axes.get_bottom()[1] - JUMP_ROW / 2 - 0.05

    def _clipped(self, net: ReLUNet) -> tuple[float, float]:
        return visible_x_range(net, self.interval, self.y_range[:2]) or self.interval

    def sum_curve(self, net: ReLUNet) -> NetCurve:
        """The sum ``net``, thick, in the approximation's colour."""
        return net_curve(self.axes, net, self._clipped(net), self.theme.approximation, SUM_STROKE)

    def unit_curves(self, first: int, stop: int) -> UnitPlot:
        """The units ``first`` to ``stop − 1`` of the example, each whole on the small plot."""
        return self.unit_plot([self.example.unit(i) for i in range(first, stop)])

    def unit_plot(self, units: Sequence[ReLUNet], title: str = r"\text{on its own}") -> UnitPlot:
        """Small axes sized to hold every net of ``units`` over the whole interval, each drawn
        thin and whole, with ``title`` (LaTeX) over them."""
        return UnitPlot(self.unit_panel, self.theme, units, self.interval, title)

    def kinks_and_slopes(self, net: ReLUNet) -> tuple[KinkMarkers, SlopeLabels]:
        """A marker at every kink of ``net`` in view, and every segment's slope."""
        x_range = self._clipped(net)
        markers = kink_markers(self.axes, net, x_range, self.theme)
        return markers, slope_labels(self.axes, net, x_range, self.theme, font_size=FONT)

    def jump_heading(self) -> MathTex:
        """``Δ slope`` at the left of the row under the plot (or under the row if crowded)."""
        y = self.row_y - (JUMP_ROW if self.heading_below else 0.0)
        return self.heading.move_to(np.array([self.axes.get_left()[0], y, 0.0]), aligned_edge=LEFT)

    def jump_label(self, net: ReLUNet, kink_x: float, marker: VGroup) -> DecimalNumber:
        """The change of slope of ``net`` at ``kink_x``, under its kink marker."""
        jumps = dict(zip(*net.slope_jumps(), strict=True))
        label = signed_number(float(jumps[kink_x]), self.theme, font_size=FONT)
        return label.move_to(np.array([marker[0].get_x(), self.row_y, 0.0]))

    def recap_formula(self) -> MathTex:
        """``g(x) = Σ aᵢ ReLU(x − hᵢ)``, under the example's formula in the banner."""
        return self.general


class UnitPlot(VGroup):
    """Small axes with some units on them, each whole: ``axes``, ``curves`` and ``title``.

    The y-range comes from the units' exact vertices on the interval, so nothing is cut.
    """

    def __init__(
        self,
        panel: Panel,
        theme: Theme,
        units: Sequence[ReLUNet],
        interval: tuple[float, float],
        title: str,
    ) -> None:
        heading = MathTex(title, font_size=UNIT_FONT, color=theme.muted)
        panel.put(heading, UP + LEFT)
        below = Panel(panel.left, panel.right, panel.bottom, heading.get_bottom()[1] - 0.1)
        lo, hi = interval
        y_range = nets_y_range(units, interval, pad=0.15, max_steps=4)
        axes = axes_in(below, tick_range(lo, hi, 6), y_range, theme, room=0.85)
        self.axes = numbers_at_edges(axes)
        self.curves = VGroup(
            *(net_curve(self.axes, unit, interval, theme.unit, UNIT_STROKE) for unit in units)
        )
        self.title = heading
        super().__init__(heading, self.axes, self.curves)


def _fit_in_lines(formula: MathTex, width: float) -> MathTex:
    """Break ``g(x) = t₁ t₂ …`` (parts: lead, then weight and ReLU per term) into as few lines
    as fit ``width``, continuation lines indented under the first term.

    Each line is moved as one piece from where TeX set it, so the glyphs keep their baseline.
    """
    terms = (len(formula) - 1) // 2

    def line(start: int, stop: int) -> VGroup:
        return VGroup(*formula[1 + 2 * start : 1 + 2 * stop])

    lead_width = formula[0].width + 0.15
    per_line = terms
    while (
        per_line > 1
        and lead_width
        + max(
            line(start, min(start + per_line, terms)).width for start in range(0, terms, per_line)
        )
        > width
    ):
        per_line -= 1
    lines = [line(start, min(start + per_line, terms)) for start in range(0, terms, per_line)]
    for above, below in pairwise(lines):
        below.shift(
            np.array(
                [
                    above.get_left()[0] - below.get_left()[0],
                    above.get_bottom()[1] - below.get_top()[1] - 0.2,
                    0.0,
                ]
            )
        )
    return formula
