"""ReLU(x − h) slides as h changes, and its kink sits exactly at x = h.

ReLU(x) = max(0, x) is drawn first, with the slope of each piece (0, then 1). Then it becomes
ReLU(x − h): h moves 0 → 1.5 → −1 → 0.5 on the default interval [−3, 3] (at 3/4, 1/3 and 7/12
of any other interval), the curve is redrawn from the numeric core every frame (three
vertices), and the kink is marked by a dot and a dashed guide with h shown live on top. Last,
the kink is singled out as x = h, where the unit switches from off (0) to on (slope 1). Beside
the plot (above it in portrait) the same unit is drawn as a neuron: input x, weight 1, bias
b = −h live as h moves.
"""

from __future__ import annotations

from manim import (
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    ReplacementTransform,
    ValueTracker,
    Write,
)

from relu_anim.captions.shift import relu_caption, shift_caption, switch_caption
from relu_anim.drawing import (
    StoryScene,
    axes_in,
    axis_labels,
    equal_scale_panel,
    nets_y_range,
    slope_labels,
    tick_range,
)
from relu_anim.drawing.formulas import wrapped_tex
from relu_anim.drawing.shift_unit import ShiftSide
from relu_anim.drawing.sliding import SlidingKink
from relu_anim.numeric import shifted, stop_decimals
from relu_anim.settings import SceneParams

FONT = 40
# Where h stops, as fractions of the interval: 1.5, −1 and 0.5 on [−3, 3].
H_STOPS = (0.75, 1 / 3, 7 / 12)
H_DECIMALS = 1  # at least: h changes every few frames, not every frame


class ShiftScene(StoryScene):
    """ReLU(x − h) with h moving: the same bend, moved to x = h."""

    DEFAULTS = SceneParams(interval=(-3.0, 3.0), theme="dark")
    ORDER = 2
    MATHS = "ReLU(x − h) = max(0, x − h): zero left of x = h, slope 1 right of it"
    POSTER = "kink_is_h"

    def construct(self) -> None:
        lo, hi = self.interval = self.params.interval
        # Stops rounded to what the readout shows, so the last frame reads exactly h; as many
        # decimals as it takes for h to move on a narrow interval.
        self.decimals = stop_decimals(lo, hi, H_STOPS, H_DECIMALS)
        self.h_stops = [round(lo + (hi - lo) * share, self.decimals) for share in H_STOPS]
        self.h = ValueTracker(0.0)
        graph, banner = self.layout.graph_and_side(graph_share=0.6)
        self.side = ShiftSide(banner, self.layout.portrait)
        y_range = nets_y_range([shifted(h) for h in (0.0, *self.h_stops)], self.interval)
        x_range = tick_range(lo, hi, 8)
        # Room above the plot for the readout that rides on the kink's guide; one unit of x as
        # long as one of y, so that slope 1 is drawn at 45° (it was 22°).
        plot = equal_scale_panel(graph.inset(0, 0, 0, 0.6), x_range, y_range)
        self.axes = axes_in(plot, x_range, y_range, self.theme)
        self.sliding = SlidingKink(
            self.axes, self.interval, self.theme, shifted, self.h, decimals=self.decimals
        )
        self.kink, self.readout = self.sliding.kink, self.sliding.readout
        self.readout_number = self.track("h", self.sliding.number)

        self.beat("relu_itself", relu_caption(self.interval), notes=self._relu_notes())
        formula = self._formula(r"\mathrm{ReLU}(x) = \max(0,\, x)")
        self.play(Create(self.axes), FadeIn(axis_labels(self.axes, self.theme)[0]), run_time=1.5)
        self.play(Write(formula))
        # The same unit as a neuron: weight 1 and bias −h, live (0 until h moves).
        unit = self.side.unit(self.theme, self.h.get_value, self.decimals)
        self.unit_bias = self.track("b", unit.bias)
        self.play(FadeIn(unit), run_time=0.7)
        self.play(Create(self.sliding.curve), run_time=1.5)
        self.hold(1.5)
        relu_slopes = slope_labels(
            self.axes, self.sliding.curve.net, self.interval, self.theme, font_size=34
        )
        self.play(FadeIn(relu_slopes), run_time=0.7)
        self.hold(3.5)

        self.beat(
            "shift",
            shift_caption(self.h_stops),
            notes="Ask the room where the kink will be before h moves.",
        )
        shifted_formula = self._formula(r"y = \mathrm{ReLU}(x - h)")
        self.play(FadeOut(relu_slopes), ReplacementTransform(formula, shifted_formula))
        self.sliding.attach()
        self.keep_live(*self.sliding.moving)
        self.play(FadeIn(self.kink), FadeIn(self.readout), run_time=0.7)
        self.hold(1.5)
        for stop in self.h_stops:
            self.play(self.h.animate.set_value(stop), run_time=2.5)
            self.hold(2.5)

        self.beat(
            "kink_is_h",
            "Wherever h goes, the kink sits exactly at x = h: "
            "the number h is the position of the bend.",
        )
        h_tick = self.sliding.tick_label("h")
        self.play(Indicate(self.kink[0], color=self.theme.highlight, scale_factor=2.0))
        self.play(Write(h_tick), Indicate(self.readout, color=self.theme.highlight), run_time=1.2)
        self.hold(3.5)

        self.beat(
            "switch_on",
            switch_caption(shifted(self.h_stops[-1]), self.interval),
        )
        pieces = self._formula(
            r"y = \mathrm{ReLU}(x - h) = \begin{cases} 0 & x < h \\ x - h & x \ge h \end{cases}",
        )
        final_slopes = slope_labels(
            self.axes,
            self.sliding.curve.net,
            self.interval,
            self.theme,
            font_size=34,
            avoid=[self.kink, self.readout, h_tick],
        )
        self.play(ReplacementTransform(shifted_formula, pieces), run_time=1.2)
        self.play(FadeIn(final_slopes), run_time=0.7)
        self.hold(4.5)

    def _formula(self, tex: str) -> MathTex:
        formula = wrapped_tex(tex, self.side.formula_row.width, font_size=FONT)
        self.side.formula(formula)
        return formula

    def _relu_notes(self) -> str:
        return "ReLU is the whole vocabulary of the network: every curve later is built from it."
