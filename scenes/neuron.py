"""One neuron computes ReLU(w·x + b): weights, bias, weighted sum and activation, with live numbers.

Three inputs feed one neuron through weighted edges (colour = sign, thickness = size). Beside it
(below it in portrait) the weighted sum z = w·x + b is written out term by term, then the output
ReLU(z). Then x₁ moves: z follows, and the output sticks at 0 while z < 0. Finally x₂ and x₃
are held fixed and the output, as a function of x₁ alone, is drawn: the one-unit net
ReLU(w₁x₁ + b') = w₁·ReLU(x₁ − h) with its kink at h = −b'/w₁.
"""

from __future__ import annotations

from manim import (
    Create,
    FadeIn,
    FadeOut,
    Flash,
    GrowArrow,
    ValueTracker,
    Write,
    linear,
)

from relu_anim.drawing import StoryScene
from relu_anim.drawing.neuron_panels import OneInputView, TrackedNeuron, neuron_picture
from relu_anim.settings import SceneParams

WEIGHTS = (0.8, -0.5, 1.2)
BIAS = -0.4
INPUTS = (1.0, 0.8, 0.5)  # x₁ starts here; x₂ and x₃ stay put all video
# x₁ travels little: every 0.01 it moves rebuilds several live numbers, the costliest part of
# rendering this scene.
X1_POSITIVE = 0.5  # z still > 0
X1_NEGATIVE = -0.25  # z < 0: the output is 0
X1_FINAL = INPUTS[0]
X1_PATH = (INPUTS[0], X1_POSITIVE, X1_NEGATIVE, X1_FINAL)
# x₁ steps by 0.05: then w₁x₁ = 0.8·x₁ has two decimals, and every number on screen adds up
# on any frame (a paused 0.80 × 0.53 showed 0.43).
X1_STEP = 0.05
Z_RANGE = (-1.0, 1.0)  # the little ReLU(z) graph
X1_RANGE = (-1.0, 1.5)  # the one-input graph


class NeuronScene(StoryScene):
    """One neuron, its weighted sum and its ReLU, with every number live."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 1
    MATHS = "y = ReLU(w·x + b) = max(0, w₁x₁ + w₂x₂ + w₃x₃ + b)"
    POSTER = "activation"

    def construct(self) -> None:
        theme = self.theme
        self.x1 = ValueTracker(INPUTS[0])
        # The tracker joins the scene when it first moves; kept with the live numbers, nothing
        # added after it (the one-input view) is redrawn while x₁ moves.
        self.keep_live(self.x1)
        cell = TrackedNeuron(WEIGHTS, BIAS, INPUTS, self.x1, step=X1_STEP)
        figure, sums, self.side = neuron_picture(self.layout, cell, theme, X1_PATH, Z_RANGE)
        self.figure, self.sums = figure, sums
        diagram = figure.diagram
        self.track("x1", figure.x_readout)
        self.track("y_at_arrow", figure.y_readout)
        self.track("x1_in_table", sums.x_cell)
        self.track("w1x1", sums.term_cell)
        self.track("z", sums.z_cell)
        self.track("y", sums.y_cell)
        self.keep_live(sums.z_dot)

        self.beat(
            "inputs_and_weights",
            "A neuron takes inputs x₁, x₂, x₃. Each edge carries a weight: "
            "its colour shows the sign, its thickness the size.",
            notes="Colour is the weight's sign, thickness its size: the thickest, w₃, counts most.",
        )
        # Live mobjects fade in on their own: FadeIn(a, b) leaves Group(a, b) in the scene.
        self.play(
            FadeIn(diagram.nodes, diagram.node_labels, figure.fixed_inputs),
            FadeIn(figure.x_readout),
        )
        self.play(Create(diagram.edges), run_time=1.5)
        self.play(FadeIn(diagram.weight_labels))
        self.hold(2.5)

        self.beat(
            "weighted_sum",
            "The neuron adds up its weighted inputs and a bias b: z = w·x + b.",
            notes="Read one row aloud: weight times input. The bias is added once, at the end.",
        )
        self.play(Create(diagram.body), FadeIn(diagram.body_label, diagram.bias_label))
        self.play(Write(sums.heading))
        self.play(FadeIn(sums.rows), FadeIn(sums.x_cell), FadeIn(sums.term_cell), run_time=1.5)
        self.play(Create(sums.rule), FadeIn(sums.total_label), FadeIn(sums.z_cell))
        self.hold(2)

        self.beat("activation", "Then it applies ReLU: the output is y = max(0, z).")
        self.play(Write(sums.output_label), FadeIn(sums.y_cell))
        self.play(GrowArrow(diagram.output_arrow), FadeIn(figure.y_readout))
        self.play(Create(sums.plot), run_time=1.5)
        self.play(FadeIn(sums.z_dot))
        self.hold(2)

        self.beat("input_changes", "As x₁ changes, z and the output follow at once.")
        self.play(self.x1.animate.set_value(X1_POSITIVE), run_time=3)
        self.hold(1.5)

        self.beat(
            "negative_z",
            "Once z drops below 0, ReLU cuts it off: the output stays at exactly 0.",
            notes="The dot on the small graph runs onto the flat part: that is the cut-off.",
        )
        self.play(self.x1.animate.set_value(X1_NEGATIVE), run_time=4, rate_func=linear)
        self.play(Create(sums.cut_off[0]), Write(sums.cut_off[1]))
        self.hold(2.5)

        self.beat(
            "one_input",
            "Hold x₂ and x₃ fixed: as a function of x₁ alone, "
            "the output is a single ReLU with its kink at h = −b'/w₁.",
            notes="The other inputs and the bias only move the kink; w₁ sets the slope.",
        )
        self.view = view = OneInputView(self.side, cell, X1_RANGE, theme)
        self.keep_live(view.dot)
        self.play(
            FadeOut(sums.static(), sums.plot, sums.cut_off, sums.live, sums.z_dot),
            diagram.edges[1:].animate.set_stroke(opacity=0.3),
            diagram.nodes[1:].animate.set_stroke(opacity=0.3),
        )
        self.play(Write(view.formula))
        self.play(FadeIn(view.offset, view.kink_at))
        self.play(Create(view.axes), FadeIn(view.labels), run_time=1)
        self.play(Create(view.curve), run_time=1.5)
        self.play(FadeIn(view.kink), FadeIn(view.dot))
        self.hold(2)

        self.beat(
            "kink_at_h",
            "Moving x₁ slides the output along this ramp: "
            "flat at 0 left of h, rising with slope w₁ right of it.",
        )
        (h,) = view.net.kinks()
        self.play(self.x1.animate.set_value(h), run_time=2.5)
        self.play(Flash(view.kink[0][0], color=theme.highlight, flash_radius=0.3))
        self.hold(1)
        self.play(self.x1.animate.set_value(X1_FINAL), run_time=3)
        self.hold(2.5)
