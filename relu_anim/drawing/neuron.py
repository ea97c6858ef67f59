"""The diagram of one neuron: inputs, weighted edges, bias, body and output arrow.

The diagram is static. Live values (an input, the output) are separate :class:`LiveNumber`
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

from relu_anim.drawing.readouts import LiveNumber
from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme

THINNEST_EDGE = 1.5
THICKEST_EDGE = 10.0


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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme
        self.weights = tuple(float(w) for w in weights)
        self.bias = float(bias)
        self.font_size = font_size
        names = input_names or [f"x_{{{i + 1}}}" for i in range(len(self.weights))]
        largest = max(abs(w) for w in self.weights)

        self.body = Circle(radius=0.7, color=theme.text, stroke_width=4)
        self.body_label = VGroup(
            MathTex(r"\Sigma", font_size=font_size + 4),
            relu_glyph(0.5, theme.approximation),
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
        anchor = edge.point_from_proportion(0.42)
        label.next_to(anchor, UP if above else DOWN, buff=0.22)
        return label

    def input_readout(
        self, index: int, source: Callable[[], float], font_size: float | None = None
    ) -> LiveNumber:
        """Return the live value of input ``index``, left of its node (right edge held fixed)."""
        number = LiveNumber(
            _plain(source),
            num_decimal_places=2,
            font_size=font_size or self.font_size,
            edge_to_fix=RIGHT,
        )
        number.next_to(self.nodes[index], LEFT, buff=0.25)
        return number

    def output_readout(
        self, source: Callable[[], float], color: str | None = None, font_size: float | None = None
    ) -> LiveNumber:
        """Return the live output value, just above the output arrow."""
        number = LiveNumber(
            _plain(source),
            num_decimal_places=2,
            font_size=font_size or self.font_size,
            color=color or self.theme.approximation,
        )
        number.next_to(self.output_arrow, UP, buff=0.15)
        return number


def _plain(source: Callable[[], float]) -> Callable[[], float]:
    """Wrap ``source`` in a plain function, which :func:`copy.deepcopy` shares instead of copying.

    Manim deep-copies a mobject to animate it (``FadeIn``); a bound method as source would drag
    its owner (often the scene itself, which cannot be copied) into that copy.
    """
    return lambda: source()
