"""One neuron computes ReLU(w·x + b): weights, bias, weighted sum and activation, with live numbers.

Three inputs feed one neuron through weighted edges (colour = sign, thickness = size). The right
half writes out the weighted sum z = w·x + b term by term and the output ReLU(z). Then x₁ moves:
z follows, and the output sticks at 0 while z < 0. Finally x₂ and x₃ are held fixed and the
output, as a function of x₁ alone, is drawn: the one-unit net ReLU(w₁x₁ + b') = w₁·ReLU(x₁ − h)
with its kink at h = −b'/w₁.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    GrowArrow,
    Line,
    MathTex,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from relu_anim.drawing import (
    LiveNumber,
    NeuronDiagram,
    StoryScene,
    kink_markers,
    net_curve,
    one_input_net,
    plot_axes,
)
from relu_anim.numeric import ReLUNet, neuron, pre_activation
from relu_anim.settings import SceneParams

WEIGHTS = (0.8, -0.5, 1.2)
BIAS = -0.4
INPUTS = (1.0, 0.8, 0.5)  # x₁ starts here; x₂ and x₃ stay put all video
# x₁ travels little: every 0.01 it moves rebuilds several live numbers, the costliest part of
# rendering this scene.
X1_POSITIVE = 0.5  # z still > 0
X1_NEGATIVE = -0.25  # z < 0: the output is 0
X1_FINAL = INPUTS[0]
Z_RANGE = (-1.0, 1.0)  # the little ReLU(z) graph
X1_RANGE = (-1.0, 1.5)  # the one-input graph
FONT = 34
ROW_HEIGHT = 0.55
# Where each cell of the sum table sits: (x of its anchor, edge held there, ORIGIN = centred).
# Numbers are right-aligned so that their decimal points line up.
TABLE_COLUMNS = [
    (0.75, RIGHT),  # w_i x_i
    (1.0, ORIGIN),  # =
    (2.15, RIGHT),  # w_i
    (2.4, ORIGIN),  # ×
    (3.5, RIGHT),  # x_i
    (3.8, ORIGIN),  # =
    (4.9, RIGHT),  # w_i x_i
]


class NeuronScene(StoryScene):
    """One neuron, its weighted sum and its ReLU, with every number live."""

    DEFAULTS = SceneParams(theme="dark")

    def construct(self) -> None:
        self.x1 = ValueTracker(INPUTS[0])
        self.live: dict[str, VMobject] = {}  # every mobject with an updater, kept on top (see play)
        self.readouts: dict[str, LiveNumber] = {}  # for the tests: what each number shows
        self.snapshots: dict[str, dict[str, float]] = {}
        theme = self.theme

        self.beat(
            "inputs_and_weights",
            "A neuron takes inputs x₁, x₂, x₃. Each edge carries a weight: "
            "its colour shows the sign, its thickness the size.",
        )
        diagram = NeuronDiagram(WEIGHTS, BIAS, theme, font_size=FONT).shift(LEFT * 2.1 + UP * 0.3)
        self.diagram = diagram
        x1_at_node = self._keep_live("x1", diagram.input_readout(0, self.x1.get_value))
        fixed_inputs = VGroup(
            *(
                self._number(value).next_to(node, LEFT, buff=0.25)
                for value, node in zip(INPUTS[1:], diagram.nodes[1:], strict=True)
            )
        )
        self.play(FadeIn(diagram.nodes, diagram.node_labels, fixed_inputs), FadeIn(x1_at_node))
        self.play(Create(diagram.edges), run_time=1.5)
        self.play(FadeIn(diagram.weight_labels))
        self.hold(2.5)

        self.beat(
            "weighted_sum",
            "The neuron adds up its weighted inputs and a bias b: z = w·x + b.",
        )
        self.play(Create(diagram.body), FadeIn(diagram.body_label, diagram.bias_label))
        table, table_live = self._sum_table()
        VGroup(table, table_live).to_corner(UP + RIGHT, buff=0.6)
        self.play(Write(table.heading))
        self.play(FadeIn(table.rows), *(FadeIn(cell) for cell in table_live[:2]), run_time=1.5)
        self.play(Create(table.rule), FadeIn(table.total_label), FadeIn(table_live[2]))
        self._keep_live("x1_in_table", table_live[0])
        self._keep_live("w1x1", table_live[1])
        self._keep_live("z", table_live[2])
        self.hold(2)

        self.beat("activation", "Then it applies ReLU: the output is y = max(0, z).")
        output_row, y_in_panel = self._output_row()
        VGroup(output_row, y_in_panel).next_to(table, DOWN, buff=0.4).align_to(table, RIGHT)
        y_at_arrow = diagram.output_readout(self.output)
        relu_plot = self._relu_plot().next_to(output_row, DOWN, buff=0.3).align_to(table, RIGHT)
        self.play(Write(output_row), FadeIn(y_in_panel))
        self.play(GrowArrow(diagram.output_arrow), FadeIn(y_at_arrow))
        self.play(Create(relu_plot), run_time=1.5)
        self.relu_plot = relu_plot
        z_dot = self._moving_dot(relu_plot.axes, self.z)
        self.play(FadeIn(z_dot))
        self._keep_live("y", y_in_panel)
        self._keep_live("y_at_arrow", y_at_arrow)
        self._keep_live("z_dot", z_dot)
        self.hold(2)

        self.beat("input_changes", "As x₁ changes, z and the output follow at once.")
        self.play(self.x1.animate.set_value(X1_POSITIVE), run_time=3)
        self.snapshots["input_changes"] = self._snapshot()
        self.hold(1.5)

        self.beat(
            "negative_z",
            "Once z drops below 0, ReLU cuts it off: the output stays at exactly 0.",
        )
        self.play(self.x1.animate.set_value(X1_NEGATIVE), run_time=4, rate_func=linear)
        cut_off = SurroundingRectangle(
            VGroup(output_row, y_in_panel), color=theme.negative, buff=0.12
        )
        cut_off_note = MathTex(r"z < 0 \;\Rightarrow\; y = 0", font_size=FONT, color=theme.negative)
        cut_off_note.next_to(relu_plot.axes, LEFT, buff=0.3).align_to(relu_plot.axes, UP)
        self.play(Create(cut_off), Write(cut_off_note))
        self.snapshots["negative_z"] = self._snapshot()
        self.hold(2.5)

        self.beat(
            "one_input",
            "Hold x₂ and x₃ fixed: as a function of x₁ alone, "
            "the output is a single ReLU with its kink at h = −b'/w₁.",
        )
        self.one_input = one_input_net(self._inputs(), WEIGHTS, BIAS)
        view = self._one_input_view(self.one_input).to_corner(UP + RIGHT, buff=0.5)
        self.play(
            FadeOut(table, table_live, output_row, y_in_panel, relu_plot, z_dot),
            FadeOut(cut_off, cut_off_note),
            diagram.edges[1:].animate.set_stroke(opacity=0.3),
            diagram.nodes[1:].animate.set_stroke(opacity=0.3),
        )
        self.play(Write(view.formula))
        self.play(FadeIn(view.offset, view.kink_at))
        self.play(Create(view.axes), FadeIn(view.labels), run_time=1)
        self.play(Create(view.curve), run_time=1.5)
        x1_dot = self._moving_dot(view.axes, self.x1.get_value)
        self.play(FadeIn(view.kink), FadeIn(x1_dot))
        self._keep_live("x1_dot", x1_dot)
        self.hold(2)

        self.beat(
            "kink_at_h",
            "Moving x₁ slides the output along this ramp: "
            "flat at 0 left of h, rising with slope w₁ right of it.",
        )
        (h,) = self.one_input.kinks()
        self.play(self.x1.animate.set_value(h), run_time=2.5)
        self.play(Flash(view.kink[0][0], color=theme.highlight, flash_radius=0.3))
        self.hold(1)
        self.play(self.x1.animate.set_value(X1_FINAL), run_time=3)
        self.snapshots["final"] = self._snapshot()
        self.hold(2.5)

    # -- pacing and redraw cost --------------------------------------------------------------

    def hold(self, seconds: float) -> None:
        """Pause on a still frame (nothing moves, so nothing is redrawn)."""
        self.wait(seconds, frozen_frame=True)

    def play(self, *args: Any, **kwargs: Any) -> None:
        """Play, with every live mobject moved to the end of the scene list first.

        Manim redraws every mobject from the first one with an updater onwards, so live numbers
        and dots go last and the static diagram and panels are drawn once into the background.
        """
        on_screen = set(self.mobjects)
        self.bring_to_front(*(mobject for mobject in self.live.values() if mobject in on_screen))
        super().play(*args, **kwargs)

    def _keep_live(self, name: str, mobject: VMobject) -> VMobject:
        """Register a mobject with an updater under ``name`` (readouts are kept for the tests)."""
        self.live[name] = mobject
        if isinstance(mobject, LiveNumber):
            self.readouts[name] = mobject
        return mobject

    # -- numbers: every one is read off the numeric core ------------------------------------

    def _inputs(self) -> list[float]:
        """The current inputs: x₁ from its tracker, x₂ and x₃ fixed."""
        return [self.x1.get_value(), *INPUTS[1:]]

    def z(self) -> float:
        """The weighted sum w·x + b of the current inputs."""
        return pre_activation(self._inputs(), WEIGHTS, BIAS)

    def output(self) -> float:
        """The neuron's output ReLU(w·x + b) for the current inputs."""
        return float(neuron(self._inputs(), WEIGHTS, BIAS))

    def term(self, index: int) -> float:
        """The product w_i·x_i for the current inputs (z with only input ``index`` and no bias)."""
        alone = [value if i == index else 0.0 for i, value in enumerate(self._inputs())]
        return pre_activation(alone, WEIGHTS, 0.0)

    def _snapshot(self) -> dict[str, float]:
        """x₁ and what every readout on screen shows now, for the tests."""
        on_screen = set(self.mobjects)
        shown = {name: float(n.get_value()) for name, n in self.readouts.items() if n in on_screen}
        return {"x1_tracker": self.x1.get_value(), **shown}

    # -- pieces of the right-hand panel ------------------------------------------------------

    def _number(self, value: float, color: str | None = None) -> DecimalNumber:
        number = DecimalNumber(value, num_decimal_places=2, font_size=FONT)
        return number.set_color(color) if color else number  # else the theme's text colour

    def _live(self, source: Callable[[], float], color: str | None = None) -> LiveNumber:
        # A plain function, not the bound method: Manim deep-copies a mobject to fade it in, and
        # a bound method would drag the whole scene into that copy.
        number = LiveNumber(
            lambda: source(), num_decimal_places=2, font_size=FONT, edge_to_fix=RIGHT
        )
        return number.set_color(color) if color else number

    def _sum_table(self) -> tuple[VGroup, VGroup]:
        """z = w·x + b as a column of products w_i·x_i, the bias and their total.

        Returns the static table and, apart, its live cells (x₁, w₁x₁ and z): the table added
        to the scene must hold no updater, or Manim would redraw all of it every frame.
        """
        theme = self.theme
        x1_cell = self._live(self.x1.get_value)
        product_cell = self._live(lambda: self.term(0))
        z_cell = self._live(self.z, theme.highlight)
        rows = []
        for i, weight in enumerate(WEIGHTS):
            rows.append(
                [
                    MathTex(f"w_{i + 1}x_{i + 1}", font_size=FONT),
                    self._equals(),
                    self._number(weight, theme.weight_color(weight)),
                    MathTex(r"\times", font_size=FONT),
                    x1_cell if i == 0 else self._number(INPUTS[i]),
                    self._equals(),
                    product_cell if i == 0 else self._number(self.term(i)),
                ]
            )
        rows.append(
            [
                MathTex("b", font_size=FONT),
                self._equals(),
                *[None] * 4,
                self._number(BIAS, theme.weight_color(BIAS)),
            ]
        )
        rows.append([MathTex("z", font_size=FONT), self._equals(), *[None] * 4, z_cell])
        cells = VGroup()
        for row_index, row in enumerate(rows):
            # One more row height above the total leaves room for the rule.
            y = -ROW_HEIGHT * (row_index + (row_index == len(rows) - 1) * 0.4)
            for cell, (x, edge) in zip(row, TABLE_COLUMNS, strict=True):
                if cell is not None:
                    cells.add(cell.move_to([x, y, 0], aligned_edge=edge))
        table = VGroup()
        table.heading = MathTex("z = w_1x_1 + w_2x_2 + w_3x_3 + b", font_size=FONT + 4)
        table.heading.next_to(cells, UP, buff=0.3).align_to(cells, LEFT)
        live = VGroup(x1_cell, product_cell, z_cell)
        table.total_label = VGroup(*rows[-1][:2])  # "z ="
        kept_apart = [*live, *table.total_label]
        table.rows = VGroup(*(cell for cell in cells if cell not in kept_apart))
        table.rule = Line(LEFT * 1.1, RIGHT * 1.1, color=theme.muted, stroke_width=2)
        table.rule.move_to([TABLE_COLUMNS[-1][0], -ROW_HEIGHT * 3.7, 0], aligned_edge=RIGHT)
        table.add(table.heading, table.rows, table.rule, table.total_label)
        return table, live

    def _equals(self) -> MathTex:
        return MathTex("=", font_size=FONT)

    def _output_row(self) -> tuple[MathTex, LiveNumber]:
        """``y = ReLU(z) = max(0, z) =`` and its live value."""
        label = MathTex(r"y = \mathrm{ReLU}(z) = \max(0,\, z) =", font_size=FONT + 4)
        value = self._live(self.output, self.theme.approximation)
        value.next_to(label, RIGHT, buff=0.2)
        return label, value

    def _relu_plot(self) -> VGroup:
        """Small axes with the graph of ReLU(z), drawn as the one-unit net's exact polyline."""
        theme = self.theme
        axes = plot_axes(
            (*Z_RANGE, 0.5), (0, 1.0, 0.5), theme, x_length=3.4, y_length=1.4, with_numbers=False
        )
        plot = VGroup(
            axes,
            net_curve(axes, ReLUNet([1.0], [1.0], [0.0]), Z_RANGE, theme.approximation, 4),
            MathTex("z", font_size=FONT - 4).next_to(axes.x_axis, RIGHT, buff=0.1),
            MathTex(r"\mathrm{ReLU}(z)", font_size=FONT - 4).next_to(axes.y_axis, UP, buff=0.1),
        )
        plot.axes, plot.curve = axes, plot[1]
        return plot

    def _moving_dot(self, axes: Axes, x_source: Callable[[], float]) -> Dot:
        """A dot at (x, output) on ``axes`` that follows the current inputs."""
        dot = Dot(radius=0.09, color=self.theme.highlight)
        return dot.add_updater(lambda mob: mob.move_to(axes.c2p(x_source(), self.output())))

    def _one_input_view(self, net: ReLUNet) -> VGroup:
        """The output as a function of x₁: formula, offset b', kink h, and the exact curve."""
        theme = self.theme
        w1 = WEIGHTS[0]
        offset = float(net.b[0])
        (h,) = net.kinks()
        view = VGroup()
        view.formula = MathTex(
            rf"y &= \mathrm{{ReLU}}({w1:.2f}\,x_1 {offset:+.2f})\\"
            rf"&= {w1:.2f}\cdot\mathrm{{ReLU}}(x_1 - h)",
            font_size=FONT + 4,
        )
        view.offset = MathTex(rf"b' = b + w_2x_2 + w_3x_3 = {offset:.2f}", font_size=FONT)
        view.kink_at = MathTex(rf"h = -b'/w_1 = {h:.2f}", font_size=FONT, color=theme.highlight)
        view.axes = plot_axes((*X1_RANGE, 0.5), (0, 1.0, 0.5), theme, x_length=5.0, y_length=2.2)
        view.curve = net_curve(view.axes, net, X1_RANGE, theme.approximation)
        view.labels = VGroup(
            MathTex("x_1", font_size=FONT - 4).next_to(view.axes.x_axis, RIGHT, buff=0.1),
            MathTex("y", font_size=FONT - 4).next_to(view.axes.y_axis, UP, buff=0.1),
        )
        view.kink = kink_markers(view.axes, net, X1_RANGE, theme)
        view.kink.add(
            MathTex("h", font_size=FONT - 4, color=theme.highlight).next_to(
                view.axes.c2p(h, 0), DOWN, buff=0.55
            )
        )
        text = VGroup(view.formula, view.offset, view.kink_at)
        text.arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        plot = VGroup(view.axes, view.curve, view.labels, view.kink)
        view.add(text, plot)
        view.arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        return view
