"""One neuron computes ReLU(w·x + b): weights, bias, weighted sum and activation, with live numbers.

Three inputs feed one neuron through weighted edges (colour = sign, thickness = size). The right
half writes out the weighted sum z = w·x + b term by term and the output ReLU(z). Then x₁ moves:
z follows, and the output sticks at 0 while z < 0. Finally x₂ and x₃ are held fixed and the
output, as a function of x₁ alone, is drawn: the one-unit net ReLU(w₁x₁ + b') = w₁·ReLU(x₁ − h)
with its kink at h = −b'/w₁.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MathTex,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
    smooth,
)

from relu_anim.drawing import (
    LiveNumber,
    NeuronDiagram,
    StoryScene,
    kink_markers,
    net_curve,
    one_input_net,
    plot_axes,
    pre_activation,
)
from relu_anim.numeric import ReLUNet, neuron, shifted
from relu_anim.params import SceneParams

WEIGHTS = (0.8, -0.5, 1.2)
BIAS = -0.4
INPUTS = (1.5, 0.8, 0.5)  # x₁ starts here; x₂ and x₃ stay put all video
X1_POSITIVE = 0.75  # z still > 0
X1_NEGATIVE = -0.5  # z < 0: the output is 0
X1_FINAL = 1.0
Z_RANGE = (-1.5, 1.5)  # the little ReLU(z) graph
X1_RANGE = (-1.0, 2.0)  # the one-input graph
FONT = 34


class NeuronScene(StoryScene):
    """One neuron, its weighted sum and its ReLU, with every number live."""

    DEFAULTS = SceneParams(theme="dark")

    def construct(self) -> None:
        self.x1 = ValueTracker(INPUTS[0])
        self.snapshots: dict[str, dict[str, float]] = {}
        theme = self.theme

        self.beat(
            "inputs_and_weights",
            "A neuron takes inputs x₁, x₂, x₃; each edge carries a weight: "
            "its colour shows the sign, its thickness the size.",
        )
        diagram = NeuronDiagram(WEIGHTS, BIAS, theme, font_size=FONT)
        diagram.move_to(LEFT * 3.75 + UP * 0.2)
        input_values = VGroup(
            diagram.input_readout(0, self.x1.get_value),
            *(self._static_number(value).next_to(node, LEFT, buff=0.25)
              for value, node in zip(INPUTS[1:], diagram.nodes[1:], strict=True)),
        )
        self.play(FadeIn(diagram.nodes), FadeIn(diagram.node_labels), FadeIn(input_values))
        self.play(Create(diagram.edges), run_time=1.5)
        self.play(FadeIn(diagram.weight_labels))
        self.wait(2, frozen_frame=True)

        self.beat(
            "weighted_sum",
            "The neuron adds a bias b to the weighted sum of its inputs: z = w·x + b.",
        )
        self.play(Create(diagram.body), FadeIn(diagram.body_label), FadeIn(diagram.bias_label))
        table = self._sum_table()
        table.to_edge(RIGHT, buff=0.6).to_edge(UP, buff=0.5)
        self.play(Write(table.heading))
        self.play(FadeIn(table.rows, shift=0.2 * DOWN), run_time=1.5)
        self.play(Create(table.rule), FadeIn(table.total))
        self.wait(2, frozen_frame=True)

        self.beat("activation", "Then it applies ReLU: the output is y = max(0, z).")
        output_row = self._output_row().next_to(table, DOWN, buff=0.55).align_to(table, LEFT)
        output_value = diagram.output_readout(self.output, color=theme.approximation)
        relu_plot = self._relu_plot()
        relu_plot.next_to(output_row, DOWN, buff=0.5).align_to(output_row, LEFT)
        self.play(Write(output_row), GrowArrow(diagram.output_arrow), FadeIn(output_value))
        self.play(Create(relu_plot.axes), Create(relu_plot.curve), FadeIn(relu_plot.labels))
        self.play(FadeIn(relu_plot.dot))
        self.wait(2, frozen_frame=True)

        self.beat("input_changes", "When x₁ changes, z and the output follow at once.")
        self.play(self.x1.animate.set_value(X1_POSITIVE), run_time=3, rate_func=smooth)
        self.wait(1.5, frozen_frame=True)

        self.beat(
            "negative_z",
            "Once z drops below 0, ReLU cuts it off: the output stays at exactly 0.",
        )
        self.play(self.x1.animate.set_value(X1_NEGATIVE), run_time=4, rate_func=linear)
        cut_off = self._caption_box(output_row, "z < 0 \\;\\Rightarrow\\; y = 0")
        self.play(Create(cut_off.frame), FadeIn(cut_off.note))
        self.snapshots["negative_z"] = self._snapshot(table, output_row)
        self.wait(2.5, frozen_frame=True)

        self.beat(
            "one_input",
            "Hold x₂ and x₃ fixed: as a function of x₁ alone, the output is a single shifted ReLU.",
        )
        net = one_input_net(self.inputs(), WEIGHTS, BIAS)
        view = self._one_input_view(net)
        view.group.to_edge(RIGHT, buff=0.6).to_edge(UP, buff=0.5)
        self.play(
            FadeOut(cut_off.frame),
            FadeOut(cut_off.note),
            FadeOut(table.heading),
            FadeOut(table.rows),
            FadeOut(table.rule),
            FadeOut(relu_plot.axes, relu_plot.curve, relu_plot.labels),
            FadeOut(output_row[0]),
            diagram.nodes[1:].animate.set_stroke(opacity=0.35),
            diagram.edges[1:].animate.set_stroke(opacity=0.35),
            FadeOut(relu_plot.dot),
        )
        self.remove(table.total, output_row[1])  # their live numbers go with the panel
        self.play(Write(view.formula))
        self.play(FadeIn(view.offset), FadeIn(view.kink_at))
        self.play(Create(view.axes), FadeIn(view.labels), Create(view.curve), run_time=1.5)
        self.play(FadeIn(view.kink), FadeIn(view.dot))
        self.one_input_curve = view.curve
        self.wait(2, frozen_frame=True)

        self.beat(
            "kink_at_h",
            "Moving x₁ slides the output along this ramp: flat at 0 left of h, "
            "rising with slope w₁ right of it.",
        )
        self.play(self.x1.animate.set_value(X1_RANGE[1] - 0.25), run_time=5, rate_func=smooth)
        self.play(self.x1.animate.set_value(X1_FINAL), run_time=2, rate_func=smooth)
        self.snapshots["final"] = {"x1": self.x1.get_value(), "y": output_value.get_value()}
        self.output_readout = output_value
        self.wait(2.5, frozen_frame=True)

    # -- numbers: every one is read off the numeric core ------------------------------------

    def inputs(self) -> list[float]:
        """The current inputs (x₁ from its tracker, x₂ and x₃ fixed)."""
        return [self.x1.get_value(), *INPUTS[1:]]

    def z(self) -> float:
        """The weighted sum w·x + b of the current inputs."""
        return pre_activation(self.inputs(), WEIGHTS, BIAS)

    def output(self) -> float:
        """The neuron's output ReLU(w·x + b) for the current inputs."""
        return float(neuron(self.inputs(), WEIGHTS, BIAS))

    def term(self, index: int) -> Callable[[], float]:
        """A source of the product w_i·x_i for the current inputs."""

        def product() -> float:
            alone = [value if i == index else 0.0 for i, value in enumerate(self.inputs())]
            return pre_activation(alone, WEIGHTS, 0.0)

        return product

    # -- pieces of the right-hand panel ------------------------------------------------------

    def _static_number(self, value: float, color: str | None = None) -> DecimalNumber:
        return DecimalNumber(value, num_decimal_places=2, font_size=FONT, color=color)

    def _live(self, source: Callable[[], float], color: str | None = None) -> LiveNumber:
        number = LiveNumber(source, num_decimal_places=2, font_size=FONT, edge_to_fix=RIGHT)
        return number.set_color(color) if color else number

    def _sum_table(self) -> VGroup:
        """z = w·x + b as a column of products w_i·x_i, the bias, and their total."""
        theme = self.theme
        table = VGroup()
        table.heading = MathTex("z = w_1x_1 + w_2x_2 + w_3x_3 + b", font_size=FONT + 4)
        table.rows = VGroup()
        for i, (weight, value) in enumerate(zip(WEIGHTS, INPUTS, strict=True)):
            x_cell = self._live(self.x1.get_value) if i == 0 else self._static_number(value)
            product_cell = self._live(self.term(i)) if i == 0 else None
            if product_cell is None:
                product_cell = self._static_number(self.term(i)())
            table.rows.add(
                self._row(
                    f"w_{i + 1}x_{i + 1}",
                    [self._static_number(weight, theme.weight_color(weight)), x_cell],
                    product_cell,
                )
            )
        table.rows.add(self._row("b", [], self._static_number(BIAS, theme.weight_color(BIAS))))
        table.rows.arrange(DOWN, buff=0.22, aligned_edge=RIGHT)
        table.rows.next_to(table.heading, DOWN, buff=0.4).align_to(table.heading, RIGHT)
        table.rule = Line(LEFT, RIGHT, color=theme.muted, stroke_width=2)
        table.rule.set_width(table.rows.width * 0.55)
        table.rule.next_to(table.rows, DOWN, buff=0.15).align_to(table.rows, RIGHT)
        table.total = self._row("z", [], self._live(self.z, theme.highlight))
        table.total.next_to(table.rule, DOWN, buff=0.15).align_to(table.rows, RIGHT)
        table.add(table.heading, table.rows, table.rule, table.total)
        return table

    def _row(self, name: str, factors: list[VMobject], result: VMobject) -> VGroup:
        """One line ``name = factor · factor = result`` with the result right-aligned."""
        left = VGroup(MathTex(name, "=", font_size=FONT))
        if factors:
            product = VGroup(factors[0], MathTex(r"\times", font_size=FONT), factors[1])
            product.arrange(RIGHT, buff=0.15)
            left.add(product, MathTex("=", font_size=FONT))
        left.arrange(RIGHT, buff=0.2)
        row = VGroup(left, result)
        result.next_to(left, RIGHT, buff=0.2)
        # Right-align the results in a fixed column, wide enough for "−0.50".
        result.align_to(left.get_right() + RIGHT * 1.25, RIGHT)
        return row

    def _output_row(self) -> VGroup:
        label = MathTex(r"y = \mathrm{ReLU}(z) = \max(0,\, z) =", font_size=FONT + 4)
        value = self._live(self.output, self.theme.approximation)
        value.next_to(label, RIGHT, buff=0.2)
        return VGroup(label, value)

    def _relu_plot(self) -> VGroup:
        """Small axes with ReLU(z) and a dot at (z, ReLU(z)) for the current inputs."""
        theme = self.theme
        plot = VGroup()
        plot.axes = plot_axes((*Z_RANGE, 0.5), (0, 1.5, 0.5), theme, x_length=4.2, y_length=1.9,
                              with_numbers=False)
        plot.curve = net_curve(plot.axes, ReLUNet([1.0], [1.0], [0.0]), Z_RANGE,
                               theme.approximation, stroke_width=4)
        plot.labels = VGroup(
            MathTex("z", font_size=FONT - 4).next_to(plot.axes.x_axis, RIGHT, buff=0.1),
            MathTex(r"\mathrm{ReLU}(z)", font_size=FONT - 4)
            .next_to(plot.axes.y_axis, UP, buff=0.1),
        )
        plot.dot = Dot(radius=0.09, color=theme.highlight)
        plot.dot.add_updater(
            lambda dot: dot.move_to(plot.axes.c2p(self.z(), self.output()))
        )
        plot.add(plot.axes, plot.curve, plot.labels)
        return plot

    def _caption_box(self, around: VMobject, tex: str) -> VGroup:
        box = VGroup()
        box.frame = SurroundingRectangle(around, color=self.theme.negative, buff=0.12)
        box.note = MathTex(tex, font_size=FONT, color=self.theme.negative)
        box.note.next_to(box.frame, DOWN, buff=0.15).align_to(box.frame, RIGHT)
        return box

    def _one_input_view(self, net: ReLUNet) -> VGroup:
        """The output as a function of x₁: formula, offset b', kink h, and the exact curve."""
        theme = self.theme
        w1 = WEIGHTS[0]
        offset = float(net.b[0])
        (h,) = net.kinks()
        view = VGroup()
        view.formula = MathTex(
            rf"y = \mathrm{{ReLU}}({w1:.2f}\,x_1 {offset:+.2f})"
            rf" = {w1:.2f}\cdot\mathrm{{ReLU}}(x_1 - h)",
            font_size=FONT,
        )
        view.offset = MathTex(
            rf"b' = b + w_2x_2 + w_3x_3 = {offset:.2f}", font_size=FONT
        )
        view.kink_at = MathTex(rf"h = -b'/w_1 = {h:.2f}", font_size=FONT, color=theme.highlight)
        view.axes = plot_axes((*X1_RANGE, 0.5), (0, 1.5, 0.5), theme, x_length=5.4, y_length=2.6)
        view.curve = net_curve(view.axes, net, X1_RANGE, theme.approximation)
        view.labels = VGroup(
            MathTex("x_1", font_size=FONT - 4).next_to(view.axes.x_axis, RIGHT, buff=0.1),
            MathTex("y", font_size=FONT - 4).next_to(view.axes.y_axis, UP, buff=0.1),
        )
        view.kink = kink_markers(view.axes, net, X1_RANGE, theme)
        view.kink.add(
            MathTex("h", font_size=FONT - 4, color=theme.highlight)
            .next_to(view.axes.c2p(h, 0), DOWN, buff=0.35)
        )
        view.dot = Dot(radius=0.09, color=theme.highlight)
        view.dot.add_updater(
            lambda dot: dot.move_to(view.axes.c2p(self.x1.get_value(), self.output()))
        )
        view.shifted = shifted(h, a=w1)  # the same ramp written as w₁·ReLU(x₁ − h)
        text = VGroup(view.formula, view.offset, view.kink_at).arrange(
            DOWN, buff=0.3, aligned_edge=LEFT
        )
        plot = VGroup(view.axes, view.curve, view.labels, view.kink)
        view.group = VGroup(text, plot).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        view.add(view.group)
        return view

    def _snapshot(self, table: VGroup, output_row: VGroup) -> dict[str, float]:
        """What the live numbers show now, for the tests."""
        return {
            "x1": self.x1.get_value(),
            "z": table.total[1].get_value(),
            "y": output_row[1].get_value(),
        }
