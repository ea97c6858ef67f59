"""The diagram of one neuron: inputs, weighted edges, bias, body and output arrow.

The diagram is static. Live values (an input, the output) are separate :class:`SteadyNumber`
objects that the diagram places (:meth:`NeuronDiagram.input_readout`,
:meth:`NeuronDiagram.output_readout`), so a scene can add them last and keep the rest of the
diagram out of Manim's per-frame redraw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    DecimalNumber,
    Line,
    MathTex,
    VGroup,
    VMobject,
)

from relu_anim.drawing.readouts import LiveNumber, _glyph_copy
from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme

DIGITS = frozenset("0123456789.-")
# SteadyNumber's glyphs by character, size and style; only ever copied, never shown.
_TEMPLATES: dict[tuple[object, ...], VMobject] = {}
THINNEST_EDGE = 1.5
THICKEST_EDGE = 10.0


class SteadyNumber(LiveNumber):
    """A :class:`LiveNumber` that places cached glyphs when its value changes.

    ``DecimalNumber.set_value`` typesets nothing new but restyles every glyph (``match_style``,
    ``init_colors``) and re-arranges the row: about 9 ms a change on our machine, and a neuron
    whose input moves shows some 700 changes (the input and five numbers that follow it), ~6 s
    of a 1080p60 render. Here each character is scaled and styled once; a change copies those
    glyphs and sets them in a row exactly as DecimalNumber does (same outline: see the tests).
    Anything but plain digits, point and minus (signs, units, commas) takes Manim's path.
    """

    def set_value(self, number: float) -> SteadyNumber:
        string = self._get_num_string(number)
        plain = not (self.unit or self.show_ellipsis or self.include_background_rectangle)
        if not (plain and self.submobjects and set(string) <= DIGITS):
            return super().set_value(number)
        scale = self.font_size / self._font_size
        old_family = self.get_family()
        anchor = self.get_edge_center(self.edge_to_fix)
        glyphs: list[VMobject] = []
        for char in string:
            glyph = _glyph_copy(self._template(char, scale))
            if glyphs:  # as DecimalNumber.arrange: bottoms aligned, a small gap between
                glyph.shift(np.array([glyphs[-1].get_right()[0] + self._buff(scale), 0.0, 0.0]))
            glyphs.append(glyph)
        for i, char in enumerate(string[:-1]):
            if char == "-":  # as DecimalNumber: the minus hangs from the middle of the next digit
                after = glyphs[i + 1]
                glyphs[i].shift(
                    np.array([0.0, after.get_center()[1] - glyphs[i].get_top()[1], 0.0])
                )
        self.submobjects = glyphs
        self.initial_height = self.height / scale  # keeps font_size as it was
        self.move_to(anchor, aligned_edge=self.edge_to_fix)
        # Cairo keeps drawing the glyphs it listed when the animation began; DecimalNumber zeroes
        # the old ones' points, emptying them drops them from the list (nothing left to draw).
        for mob in old_family[1:]:
            mob.clear_points()
        self.number = number
        return self

    def _buff(self, scale: float) -> float:
        return self.digit_buff_per_font_unit * self._font_size * scale

    def _template(self, char: str, scale: float) -> VMobject:
        """``char`` at this number's size and style, left and bottom edges at 0 (cached)."""
        style = self.submobjects[0].family_members_with_points()[0]
        assert isinstance(style, VMobject)  # a glyph of the number
        key = (
            char,
            self._font_size,
            round(scale, 9),
            style.fill_rgbas.tobytes(),
            style.stroke_rgbas.tobytes(),
            float(style.stroke_width),
        )
        if key not in _TEMPLATES:  # shared by every number, so copies of one never copy it
            glyph = self._string_to_mob(char).scale(scale)
            glyph.match_style(self.submobjects[0])
            _TEMPLATES[key] = glyph.shift(
                np.array([-glyph.get_left()[0], -glyph.get_bottom()[1], 0.0])
            )
        return _TEMPLATES[key]


def edge_stroke_width(weight: float, largest: float) -> float:
    """Return the stroke width of an edge: linear in ``|weight|``, thickest at ``|largest|``.

    Thickness carries the size of a weight and colour its sign (as TensorFlow Playground does).
    """
    share = abs(float(weight)) / abs(float(largest)) if largest else 0.0
    return THINNEST_EDGE + (THICKEST_EDGE - THINNEST_EDGE) * share


def relu_glyph(width: float, color: str, stroke_width: float = 3) -> VMobject:
    """Return the graph of ReLU on ``[−1, 1]`` as an icon ``width`` wide (exact vertices)."""
    xs, ys = ReLUNet([1.0], [1.0], [0.0]).polyline(-1.0, 1.0)
    points = np.column_stack([xs, ys, np.zeros_like(xs)]) * (width / 2)
    glyph = VMobject(color=color, stroke_width=stroke_width)
    glyph.set_points_as_corners(points)
    return glyph


class NeuronDiagram(VGroup):
    """Input nodes on the left, weighted edges into the neuron body, its bias and output arrow.

    Parameters
    ----------
    weights
        One weight per input; its edge is coloured by sign and thickened by size.
    bias
        The bias, written under the body.
    theme
        The palette.
    input_names
        The TeX name of each input node (``x_1, x_2, …`` by default).
    spread
        The vertical distance between neighbouring inputs.
    reach
        The horizontal distance from the inputs to the body's centre.
    font_size
        Size of the weight, bias and node labels.
    output_length
        Length of the output arrow.
    body_radius
        Radius of the neuron's body.

    Examples
    --------
    ::

        diagram = NeuronDiagram([0.8, -0.5, 1.2], -0.4, self.theme).to_edge(LEFT)
        x1 = ValueTracker(1.5)
        self.add(diagram, diagram.input_readout(0, x1.get_value))
    """

    def __init__(
        self,
        weights: Sequence[float],
        bias: float,
        theme: Theme,
        input_names: Sequence[str] | None = None,
        spread: float = 1.9,
        reach: float = 3.0,
        font_size: float = 34,
        output_length: float = 1.2,
        body_radius: float = 0.7,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme
        self.weights = tuple(float(w) for w in weights)
        self.bias = float(bias)
        self.font_size = font_size
        names = input_names or [f"x_{{{i + 1}}}" for i in range(len(self.weights))]
        largest = max(abs(w) for w in self.weights)

        self.body = Circle(radius=body_radius, color=theme.text, stroke_width=4)
        self.body_label = VGroup(
            MathTex(r"\Sigma", font_size=font_size + 4),
            relu_glyph(0.5, theme.unit),
        ).arrange(RIGHT, buff=0.15)
        self.body_label.move_to(self.body)

        top = (len(self.weights) - 1) * spread / 2
        self.nodes = VGroup()
        self.node_labels = VGroup()
        self.edges = VGroup()
        self.weight_labels = VGroup()
        for i, (weight, name) in enumerate(zip(self.weights, names, strict=True)):
            node = Circle(radius=0.4, color=theme.muted, stroke_width=3)
            node.move_to(self.body.get_center() + LEFT * reach + UP * (top - i * spread))
            self.nodes.add(node)
            self.node_labels.add(MathTex(name, font_size=font_size).move_to(node))
            edge = Line(
                node.get_center(),
                self.body.get_center(),
                color=theme.weight_color(weight),
                stroke_width=edge_stroke_width(weight, largest),
            )
            # Run the edge from rim to rim rather than centre to centre.
            edge.put_start_and_end_on(
                node.get_center() + edge.get_unit_vector() * node.radius,
                self.body.get_center() - edge.get_unit_vector() * self.body.radius,
            )
            self.edges.add(edge)
            self.weight_labels.add(self._weight_label(edge, weight, above=i < len(names) - 1))

        self.bias_label = MathTex("b", "=", f"{self.bias:.2f}", font_size=font_size)
        self.bias_label[2].set_color(theme.weight_color(self.bias))
        self.bias_label.next_to(self.body, DOWN, buff=0.25)

        self.output_arrow = Arrow(
            self.body.get_right(),
            self.body.get_right() + RIGHT * output_length,
            buff=0.05,
            color=theme.text,
            stroke_width=4,
        )
        self.add(
            self.edges,
            self.nodes,
            self.node_labels,
            self.weight_labels,
            self.body,
            self.body_label,
            self.bias_label,
            self.output_arrow,
        )

    def _weight_label(self, edge: Line, weight: float, above: bool) -> DecimalNumber:
        label = DecimalNumber(
            weight,
            num_decimal_places=2,
            font_size=self.font_size,
            color=self.theme.weight_color(weight),
        )
        # Sit beside the edge, nearer the inputs, where neighbouring edges are still far apart.
        # A short flat edge (a compact diagram) has room only at its middle; a steep one
        # would run through a label set straight above or below it, so that goes to the
        # right as well, away from the line.
        direction, buff = UP if above else DOWN, 0.22
        (dx, dy, _), short = edge.get_vector(), edge.get_length() < 1.2
        anchor = edge.point_from_proportion(0.5 if short and abs(dy) < 1e-6 else 0.42)
        if short and abs(dy) < 1e-6:  # higher, clear of both circles' curves
            buff = 0.3
        if abs(dy) > 0.8 * abs(dx):
            direction, buff = direction + RIGHT, 0.12
        label.next_to(anchor, direction, buff=buff)
        return label

    def input_readout(
        self, index: int, source: Callable[[], float], font_size: float | None = None
    ) -> SteadyNumber:
        """Return the live value of input ``index``, left of its node (right edge held fixed)."""
        number = SteadyNumber(
            _plain(source),
            num_decimal_places=2,
            font_size=font_size or self.font_size,
            edge_to_fix=RIGHT,
        )
        number.next_to(self.nodes[index], LEFT, buff=0.25)
        return number

    def output_readout(
        self, source: Callable[[], float], color: str | None = None, font_size: float | None = None
    ) -> SteadyNumber:
        """Return the live output value, just above the output arrow."""
        number = SteadyNumber(
            _plain(source),
            num_decimal_places=2,
            font_size=font_size or self.font_size,
            color=color or self.theme.unit,
        )
        number.next_to(self.output_arrow, UP, buff=0.15)
        return number


def _plain(source: Callable[[], float]) -> Callable[[], float]:
    """Wrap ``source`` in a plain function, which :func:`copy.deepcopy` shares instead of copying.

    Manim deep-copies a mobject to animate it (``FadeIn``); a bound method as source would drag
    its owner (often the scene itself, which cannot be copied) into that copy.
    """
    return lambda: source()
