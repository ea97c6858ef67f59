"""The Depth picture: a plot of [0, 1], and beside it a heading, the network and readouts.

The graph panel holds the axes on [0, 1] × [0, 1] where the tent powers and the sums f_m live;
the side panel is cut into a heading (the formula of the beat), the network diagram and a
block of readouts, or in the last beat a table of unit counts. Everything is placed from the
frame's panels, so ``scenes/depth.py`` only says what appears when.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalNumber,
    MathTex,
    Mobject,
    SurroundingRectangle,
    VGroup,
    VMobject,
)

from relu_anim.drawing.axes import axes_in, axis_labels
from relu_anim.drawing.curves import NetCurve, net_curve
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.network import NetworkDiagram
from relu_anim.numeric.deep import DeepReLUNet, DepthRow
from relu_anim.numeric.views import teeth
from relu_anim.theme import Theme

FONT = 34
TABLE_FONT = 34
TABLE_WIDTH = 4.7  # the count table's width at TABLE_FONT, and a margin
INTERVAL = (0.0, 1.0)


class DepthPicture:
    """Axes, panels and pieces of the Depth scene."""

    def __init__(self, layout: Layout, theme: Theme) -> None:
        self.theme = theme
        # Room for the count table unscaled (4.5 by 4.6 at 34 pt): a wider side panel in 4:3, a
        # taller one in portrait (the plot of [0, 1] keeps a square's worth of room).
        graph, self.side = layout.graph_and_side(
            graph_share=0.5 if layout.portrait else 0.55, least_side=TABLE_WIDTH
        )
        self.axes = axes_in(graph, (0.0, 1.0, 0.25), (0.0, 1.0, 0.25), theme)
        self.labels = axis_labels(self.axes, theme)
        self.heading_panel, self.diagram_panel, self.readout_panel = self.side.rows(
            1.6, 2.0, 1.3, gap=0.3
        )

    # -- the graph --------------------------------------------------------------------------

    def curve(self, net: DeepReLUNet, color: str | None = None, stroke: float = 5) -> NetCurve:
        """The exact polyline of ``net`` on [0, 1]."""
        return net_curve(self.axes, net, INTERVAL, color or self.theme.approximation, stroke)

    def faint(self, net: DeepReLUNet) -> NetCurve:
        """``net`` thin, in the units' colour (a layer's sawtooth under the sum)."""
        return net_curve(
            self.axes,
            net,
            INTERVAL,
            self.theme.unit,
            stroke_width=2.5,
            stroke_opacity=self.theme.hatch_opacity,
        )

    # -- the side panel ---------------------------------------------------------------------

    def diagram(self, net: DeepReLUNet, output: str) -> NetworkDiagram:
        """The network of ``net`` in the diagram panel; ``output`` names its output node."""
        return NetworkDiagram(net, self.theme, self.diagram_panel, output=output)

    def heading(self, *lines: Sequence[str]) -> VGroup:
        """Lines of TeX (each a list of parts) at the top of the side panel, left-aligned."""
        group = VGroup(*(MathTex(*parts, font_size=FONT) for parts in lines))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return self.heading_panel.put(group, UP + LEFT)

    def tent_heading(self) -> TentHeading:
        """``T(x) = 2 ReLU(x) − 4 ReLU(x − ½) + 2 ReLU(x − 1)``; ``.terms[i]`` is unit i's."""
        group = TentHeading(
            *self.heading(
                [r"T(x) =", r"2\,\mathrm{ReLU}(x)"],
                [r"-\,4\,\mathrm{ReLU}(x - \tfrac{1}{2})"],
                [r"+\,2\,\mathrm{ReLU}(x - 1)"],
            ).submobjects
        )
        group[1].shift(0.4 * RIGHT)
        group[2].shift(0.4 * RIGHT)
        group.terms = [group[0][1], group[1][0], group[2][0]]
        return group

    def note(self, *lines: Sequence[str]) -> VGroup:
        """Lines of TeX in the readout panel (where the readouts were), left-aligned."""
        group = VGroup(*(MathTex(*parts, font_size=FONT) for parts in lines))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return self.readout_panel.put(group, UP + LEFT)

    def readouts(self, *labels: str, decimals: Sequence[int]) -> VGroup:
        """``label = number`` rows in the readout panel; row ``k``'s number is ``[k][1]``."""
        rows = VGroup()
        for label, places in zip(labels, decimals, strict=True):
            tex = MathTex(label, "=", font_size=FONT)
            number = DecimalNumber(0, num_decimal_places=places, font_size=FONT)
            number.next_to(tex, RIGHT, buff=0.2)
            rows.add(VGroup(tex, number))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self.readout_panel.put(rows, UP + LEFT)
        return rows

    def table(self, rows: Sequence[DepthRow], mark: int, bound: int | None = None) -> Table:
        """Units for equal error, one row per depth; row ``mark`` (its m) is boxed.

        ``table.cells[m]`` is ``(deep units, one-layer units)`` as :class:`DecimalNumber`;
        ``table.box`` the frame around the marked row. With ``bound``, a line under the table
        says no one-layer net of any weights reaches the marked error with fewer units
        (``table.bound`` is that number).
        """
        theme = self.theme
        header: list[VMobject] = [
            MathTex(r"m", font_size=TABLE_FONT),
            MathTex(r"\text{deep}", font_size=TABLE_FONT),
            MathTex(r"\text{one layer}", font_size=TABLE_FONT),
            MathTex(r"\text{error}", font_size=TABLE_FONT),
        ]
        for cell in header:
            cell.set_color(theme.muted)
        grid, cells = [header], {}
        for row in rows:
            deep = DecimalNumber(row.deep_units, num_decimal_places=0, font_size=TABLE_FONT)
            shallow = DecimalNumber(row.shallow_units, num_decimal_places=0, font_size=TABLE_FONT)
            deep.set_color(theme.approximation)
            shallow.set_color(theme.text)
            cells[row.layers] = (deep, shallow)
            grid.append(
                [
                    MathTex(str(row.layers), font_size=TABLE_FONT),
                    deep,
                    shallow,
                    MathTex(_power_of_two(row.deep_error), font_size=TABLE_FONT),
                ]
            )
        table = _grid(grid, column_gap=0.35, row_gap=0.14)
        index = [row.layers for row in rows].index(mark) + 1
        marked = VGroup(*(cell for cell in table.rows[index]))
        box = SurroundingRectangle(marked, color=theme.highlight, buff=0.1, stroke_width=3)
        table.box = box
        table.add(box)
        table.cells = cells
        if bound is not None:
            number = DecimalNumber(bound, num_decimal_places=0, font_size=TABLE_FONT)
            words = MathTex(
                r"\text{any weights, one layer: } \geq", font_size=TABLE_FONT, color=theme.muted
            )
            number.set_color(theme.text).next_to(words, RIGHT, buff=0.15)
            note = VGroup(words, number).next_to(table, DOWN, buff=0.35)
            note.align_to(box, RIGHT)
            table.bound = number
            table.add(note)
        area = Panel(self.side.left, self.side.right, self.side.bottom, self.heading_panel.bottom)
        area.inset(0.1).put(table, UP)
        return table


def _power_of_two(error: float) -> str:
    """``error`` as ``2^{k}`` when it is a power of two to ~1e-9 (Yarotsky's are), else ``1e-5``."""
    exponent = round(math.log2(error))
    if abs(error / 2.0**exponent - 1) < 1e-9:
        return f"2^{{{exponent}}}"
    return f"{error:.1e}"


class TentHeading(VGroup):
    """The tent's formula, three lines; ``terms[i]`` is unit i's term."""

    terms: list[Mobject]


class Table(VGroup):
    """Rows of cells in columns: ``rows[k]`` is row k. The depth table also has ``cells``
    (row m's deep and one-layer numbers), ``box`` (the marked row's frame) and ``bound``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[VMobject]] = []
        self.cells: dict[int, tuple[DecimalNumber, DecimalNumber]] = {}
        self.box: SurroundingRectangle | None = None
        self.bound: DecimalNumber | None = None


def _grid(cells: list[list[VMobject]], column_gap: float, row_gap: float) -> Table:
    """Rows of mobjects in columns, each column right-aligned; ``grid.rows[k]`` is row k."""
    widths = [max(row[k].width for row in cells) for k in range(len(cells[0]))]
    height = max(cell.height for row in cells for cell in row)
    table = Table()
    for r, row in enumerate(cells):
        x = 0.0
        for k, cell in enumerate(row):
            x += widths[k]
            cell.move_to(np.array([x, -r * (height + row_gap), 0.0]), aligned_edge=RIGHT)
            x += column_gap
        table.rows.append(row)
        table.add(*row)
    # Text heights differ (subscripts): centre each row on one line.
    for r, row in enumerate(cells):
        for cell in row:
            cell.set_y(-r * (height + row_gap))
    return table


__all__ = ["DepthPicture", "teeth"]
