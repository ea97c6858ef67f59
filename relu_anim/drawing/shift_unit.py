"""Shift's side panel: the formula on top, and under it the unit that computes ReLU(x − h).

``ReLU(x − h)`` is one neuron with input weight 1 and bias ``b = −h``: the diagram shows it,
its bias a live number that follows ``h``, so the side panel says what the plot shows (the
frame's right half, or a portrait frame's top, was otherwise empty around one formula).
"""

from __future__ import annotations

from collections.abc import Callable

from manim import DOWN, LEFT, RIGHT, UL, MathTex, Mobject, VGroup, VMobject

from relu_anim.drawing.layout import Panel
from relu_anim.drawing.neuron import NeuronDiagram
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.theme import Theme

FONT = 36


class ShiftSide:
    """The formula row and the unit row of Shift's side panel.

    Examples
    --------
    ::

        side = ShiftSide(banner, portrait=False)
        formula = side.formula(MathTex(r"y = \\mathrm{ReLU}(x - h)"))
        unit = side.unit(theme, h.get_value)
    """

    def __init__(self, panel: Panel, portrait: bool) -> None:
        self.portrait = portrait
        self.formula_row, self.unit_row = panel.rows(1, 2, gap=0.4)

    def formula(self, formula: Mobject) -> Mobject:
        """``formula`` at the left of its row: level with the unit below it in landscape."""
        return self.formula_row.put(formula, UL if self.portrait else LEFT)

    def unit(self, theme: Theme, h: Callable[[], float], decimals: int = 1) -> LiveUnit:
        """The neuron ``x → (w = 1) → ReLU → y`` with its bias ``b = −h`` live (the group's
        ``bias`` is the :class:`LiveNumber`)."""

        def build(reach: float, arrow: float) -> tuple[NeuronDiagram, MathTex]:
            diagram = NeuronDiagram(
                [1.0], 0.0, theme, ["x"], reach=reach, font_size=FONT, output_length=arrow
            )
            output = MathTex("y", font_size=FONT).next_to(diagram.output_arrow, RIGHT, buff=0.15)
            return diagram, output

        diagram, output = build(2.4, 1.2)
        # A narrow row (4:3) gets shorter edges rather than smaller type.
        excess = VGroup(diagram, output).width - self.unit_row.width
        if excess > 0:
            diagram, output = build(max(1.3, 2.4 - 0.75 * excess), max(0.7, 1.2 - 0.25 * excess))
        # The diagram writes a fixed bias; this one follows h.
        diagram.remove(diagram.bias_label)
        # Under the middle of the one edge (nearer the input, where the diagram puts it for many
        # inputs, it ran into the x node in 4:3); below the x node when the edge is too short.
        label, edge = diagram.weight_labels[0], diagram.edges[0]
        room = edge.get_length() >= label.width + 0.2
        below = 0.2 if room else diagram.nodes[0].width / 2 + 0.08
        label.next_to(edge.get_center(), DOWN, buff=below)
        bias = live_number("b", lambda: 0.0 - h(), decimals, font_size=FONT)
        bias.next_to(diagram.body, DOWN, buff=0.25)
        group = VGroup(diagram, output)
        self.unit_row.put(group)
        # Placed after the diagram has been scaled into its row, at the row's scale.
        bias.scale(diagram.body.width / 1.4).next_to(diagram.body, DOWN, buff=0.25)
        number = bias[-1]
        assert isinstance(number, LiveNumber)
        return LiveUnit(diagram, output, bias, bias=number)


class LiveUnit(VGroup):
    """The unit's diagram, its output's name and its bias row; ``bias`` is the live number."""

    def __init__(self, *parts: VMobject, bias: LiveNumber) -> None:
        super().__init__(*parts)
        self.bias = bias
