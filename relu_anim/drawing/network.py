"""The network view: a ReLU net's layers as a diagram fitted into a panel.

Input node on the left, one column of nodes per hidden layer, the output node on the right;
every non-zero weight is an edge coloured by its sign and thickened by its size (the Neuron
scene's convention, :func:`~relu_anim.drawing.neuron.edge_stroke_width`). A zero weight is no
edge. :meth:`NetworkDiagram.halo` outlines one hidden unit and its edges, and
:func:`unit_kink` / :func:`unit_term` give that unit's kink on the graph and its term, so a
scene can light up all three at once.

Works for :class:`~relu_anim.numeric.ReLUNet` (one hidden layer) and
:class:`~relu_anim.numeric.deep.DeepReLUNet` (any depth); the weights are read, never sampled.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, Axes, Circle, Line, MathTex, VGroup

from relu_anim.drawing.curves import kink_marker
from relu_anim.drawing.formulas import affine_latex
from relu_anim.drawing.layout import Panel
from relu_anim.drawing.neuron import edge_stroke_width
from relu_anim.numeric import ReLUNet
from relu_anim.numeric.deep import DeepReLUNet
from relu_anim.theme import Theme

NODE_RADIUS = 0.22
COLUMN_GAP = 5.0  # widest gap between layers, before fitting into the panel
MIN_GAP = 0.8
ROW_GAP = 0.75  # between the nodes of a layer
LABEL_FONT = 34
LABEL_ROOM = 0.55  # kept left and right of the diagram for the x and output labels


def as_deep(net: ReLUNet | DeepReLUNet) -> DeepReLUNet:
    """``net`` in scikit-learn's layout (a one-layer :class:`ReLUNet` is converted exactly)."""
    return net if isinstance(net, DeepReLUNet) else DeepReLUNet.from_shallow(net)


class NetworkDiagram(VGroup):
    """The layers of ``net`` as nodes and weighted edges, fitted into ``panel``.

    Attributes
    ----------
    net
        The net drawn, in scikit-learn's layout (:class:`DeepReLUNet`).
    columns
        ``columns[0]`` is the input node, ``columns[l]`` hidden layer ``l`` (1-based),
        ``columns[-1]`` the output node; each a ``VGroup`` of circles.
    edges
        ``{(layer, i, j): Line}``: the weight ``net.coefs[layer][i, j]`` from node ``i`` of
        column ``layer`` to node ``j`` of column ``layer + 1``, for every non-zero weight.

    Examples
    --------
    ::

        diagram = NetworkDiagram(sawtooth_square(3), self.theme, side)
        self.play(FadeIn(diagram))
        self.play(FadeIn(diagram.halo(1, 1)))   # layer 1, unit 1, its edges outlined
    """

    def __init__(
        self,
        net: ReLUNet | DeepReLUNet,
        theme: Theme,
        panel: Panel,
        output: str = "g",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.net, self.theme = as_deep(net), theme
        widths = [1, *self.net.layers, 1]
        # Columns closer for deep nets, so the diagram keeps the panel's shape and its size.
        tall = (max(widths) - 1) * ROW_GAP + 2 * NODE_RADIUS
        gap = float(
            np.clip(tall * panel.width / panel.height / (len(widths) - 1), MIN_GAP, COLUMN_GAP)
        )
        largest = max(float(np.abs(coef).max()) for coef in self.net.coefs) or 1.0
        self.columns: list[VGroup] = []
        for index, width in enumerate(widths):
            column = VGroup()
            for row in range(width):
                y = ((width - 1) / 2 - row) * ROW_GAP
                color = theme.muted if 0 < index < len(widths) - 1 else theme.text
                column.add(
                    Circle(radius=NODE_RADIUS, color=color, stroke_width=3).move_to(
                        np.array([index * gap, y, 0.0])
                    )
                )
            self.columns.append(column)
        self.edges: dict[tuple[int, int, int], Line] = {}
        edge_group = VGroup()
        for layer, coef in enumerate(self.net.coefs):
            for i, j in zip(*np.nonzero(coef), strict=True):
                weight = float(coef[i, j])
                start = self.columns[layer][i].get_center()
                end = self.columns[layer + 1][j].get_center()
                edge = Line(
                    start,
                    end,
                    buff=NODE_RADIUS,
                    color=theme.weight_color(weight),
                    stroke_width=edge_stroke_width(weight, largest),
                )
                self.edges[layer, int(i), int(j)] = edge
                edge_group.add(edge)
        self.edge_group = edge_group
        self.add(edge_group, *self.columns)
        panel.inset(LABEL_ROOM, LABEL_ROOM, 0, 0).put(self)
        # Labels after fitting, at a readable size whatever the scale.
        self.input_label = MathTex("x", font_size=LABEL_FONT).next_to(
            self.columns[0], LEFT, buff=0.12
        )
        self.output_label = MathTex(output, font_size=LABEL_FONT).next_to(
            self.columns[-1], RIGHT, buff=0.12
        )
        self.add(self.input_label, self.output_label)

    def restyle(self, net: ReLUNet | DeepReLUNet) -> bool:
        """Recolour and rethicken the edges for ``net``'s weights, in place.

        Cheaper than a new diagram (no labels typeset) while training moves the weights;
        returns False, changing nothing, if ``net`` has other layers or other zero weights.
        """
        deep = as_deep(net)
        if deep.layers != self.net.layers or any(
            not np.array_equal(new != 0, old != 0)
            for new, old in zip(deep.coefs, self.net.coefs, strict=True)
        ):
            return False
        largest = max(float(np.abs(coef).max()) for coef in deep.coefs) or 1.0
        for (layer, i, j), edge in self.edges.items():
            weight = float(deep.coefs[layer][i, j])
            edge.set_stroke(
                color=self.theme.weight_color(weight), width=edge_stroke_width(weight, largest)
            )
        self.net = deep
        return True

    def unit_edges(self, layer: int, index: int) -> VGroup:
        """The edges into and out of unit ``index`` of hidden layer ``layer`` (1-based)."""
        return VGroup(
            *(
                edge
                for (at, i, j), edge in self.edges.items()
                if (at == layer - 1 and j == index) or (at == layer and i == index)
            )
        )

    def halo(self, layer: int, index: int) -> VGroup:
        """An outline of unit ``index`` of hidden layer ``layer`` and its edges, to fade in."""
        node = self.columns[layer][index]
        ring = Circle(radius=node.width / 2 * 1.35, color=self.theme.highlight, stroke_width=5)
        lines = VGroup(
            *(
                Line(
                    edge.get_start(),
                    edge.get_end(),
                    color=self.theme.highlight,
                    stroke_width=edge.get_stroke_width() + 3,
                    stroke_opacity=0.8,
                )
                for edge in self.unit_edges(layer, index)
            )
        )
        return VGroup(lines, ring.move_to(node))


def unit_kink(axes: Axes, net: ReLUNet, index: int, theme: Theme) -> VGroup:
    """The kink of unit ``index`` of a one-layer ``net`` on its graph: a dot and a guide."""
    x = float(-net.b[index] / net.w[index])
    return kink_marker(axes, x, float(net(x)), theme, dot_radius=0.1)


def unit_term(net: ReLUNet, index: int, theme: Theme, font_size: float = 32) -> MathTex:
    """``a_i·ReLU(w_i·x + b_i)`` with the unit's numbers; ``a_i`` coloured by its sign."""
    a, w, b = (float(v[index]) for v in (net.a, net.w, net.b))
    term = MathTex(
        f"{a:.2f}",
        r"\,\mathrm{ReLU}(",
        affine_latex(w, b),
        ")",
        font_size=font_size,
    )
    term[0].set_color(theme.weight_color(a))
    return term


def stacked(*mobjects: Any, buff: float = 0.2) -> VGroup:
    """``mobjects`` one under the other, left-aligned (a small helper for side panels)."""
    return VGroup(*mobjects).arrange(DOWN, aligned_edge=LEFT, buff=buff)


__all__ = ["NetworkDiagram", "as_deep", "stacked", "unit_kink", "unit_term"]
