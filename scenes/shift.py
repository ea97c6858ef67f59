"""ReLU(x − h) slides as h changes, and its kink sits exactly at x = h.

ReLU(x) = max(0, x) is drawn first, with the slope of each piece (0, then 1). Then it becomes
ReLU(x − h): h is a tracker that moves 0 → 1.5 → −1 → 0.5 on the default interval [−3, 3]
(at 3/4, 1/3 and 7/12 of any other interval), the curve is redrawn from the numeric core every
frame (three vertices), and the kink is marked by a dot and a dashed guide with h shown live on
top. Last, the kink is singled out as x = h, where the unit switches from off (0) to on (slope 1).
"""

from __future__ import annotations

from manim import (
    DOWN,
    RIGHT,
    UL,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    ReplacementTransform,
    ValueTracker,
    VMobject,
    Write,
    smooth,
)

from relu_anim.drawing import LiveNumber, StoryScene, live_number, net_curve, plot_axes
from relu_anim.drawing.axes import axis_range, nets_y_range
from relu_anim.drawing.curves import kink_marker, slope_labels
from relu_anim.numeric import ReLUNet, shifted
from relu_anim.settings import SceneParams

FONT = 40
READOUT_FONT = 36
# Where h stops, as fractions of the interval: 1.5, −1 and 0.5 on [−3, 3]. The last one is
# h at the end of the video.
H_STOPS = (0.75, 1 / 3, 7 / 12)
H_DECIMALS = 1  # h is shown to one decimal: it changes every few frames, not every frame


class ShiftScene(StoryScene):
    """ReLU(x − h) with h moving: the same bend, moved to x = h."""

    DEFAULTS = SceneParams(interval=(-3.0, 3.0), theme="dark")

    def construct(self) -> None:
        self._prepare()
        theme = self.theme

        self.beat(
            "relu_itself",
            "ReLU(x) = max(0, x): zero for negative x, then x itself. "
            "Its graph is two straight pieces, of slope 0 and slope 1, meeting at a kink.",
        )
        self.play(Create(self.axes), FadeIn(self.x_label), run_time=1.5)
        self.play(Write(self.formula))
        self.play(Create(self.curve), run_time=1.5)
        self.hold(1.5)
        relu_slopes = slope_labels(self.axes, self.curve.net, self.interval, theme, font_size=34)
        self.play(FadeIn(relu_slopes), run_time=0.7)
        self.hold(3.5)

        self.beat(
            "shift",
            "Now subtract a number h inside: ReLU(x − h). "
            "As h changes, the whole curve slides left and right, and the kink moves with it.",
        )
        shifted_formula = self._formula(r"y = \mathrm{ReLU}(x - h)")
        self.play(FadeOut(relu_slopes), ReplacementTransform(self.formula, shifted_formula))
        self.formula = shifted_formula
        self.curve.add_updater(self._follow_h)
        self.play(FadeIn(self.kink), FadeIn(self.readout), run_time=0.7)
        self.hold(1.5)
        for stop in self.h_stops:
            self.play(self.h.animate.set_value(stop), run_time=2.5, rate_func=smooth)
            self.hold(2.5)

        self.beat(
            "kink_is_h",
            "Wherever h goes, the kink sits exactly at x = h: "
            "the number h is the position of the bend.",
        )
        # "h" written under the x-axis at the kink, like a tick label.
        h_tick = self._h_tick()
        self.play(Indicate(self.kink[0], color=theme.highlight, scale_factor=2.0))
        self.play(Write(h_tick), Indicate(self.readout, color=theme.highlight), run_time=1.2)
        self.hold(3.5)

        self.beat(
            "switch_on",
            "Left of h the unit is off and outputs 0; right of h it is on and rises with "
            "slope 1. A ReLU unit is a switch placed at x = h.",
        )
        pieces = self._formula(
            r"y = \mathrm{ReLU}(x - h) = \begin{cases} 0 & x < h \\ x - h & x \ge h \end{cases}",
        )
        final_slopes = slope_labels(
            self.axes,
            self.curve.net,
            self.interval,
            theme,
            font_size=34,
            avoid=[self.kink, self.readout, h_tick],
        )
        self.play(ReplacementTransform(self.formula, pieces), run_time=1.2)
        self.formula = pieces
        self.play(FadeIn(final_slopes), run_time=0.7)
        self.hold(4.5)

    def hold(self, seconds: float) -> None:
        """Pause on a still frame (nothing moves, so nothing is redrawn)."""
        self.wait(seconds, frozen_frame=True)

    def _prepare(self) -> None:
        """Build the axes, curve, kink marker and h readout from the numbers."""
        theme = self.theme
        self.interval = lo, hi = self.params.interval
        self.h = ValueTracker(0.0)
        # Stops rounded to what the readout shows, so the last frame reads exactly h.
        self.h_stops = [round(lo + (hi - lo) * share, H_DECIMALS) for share in H_STOPS]
        every_h = [0.0, *self.h_stops]
        y_range = nets_y_range([shifted(h) for h in every_h], self.interval)
        self.axes = plot_axes(
            axis_range(lo, hi, max_steps=8), y_range, theme, x_length=10.5, y_length=5.0
        ).to_edge(DOWN, buff=0.55)
        self.x_label = MathTex("x", font_size=READOUT_FONT, color=theme.muted)
        self.x_label.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.2)
        self.formula = self._formula(r"\mathrm{ReLU}(x) = \max(0,\, x)")
        self.curve = net_curve(self.axes, shifted(0.0), self.interval, theme.unit)
        self.kink = kink_marker(self.axes, 0.0, 0.0, theme, guide_to=y_range[1], dot_radius=0.08)
        self.readout = live_number(
            "h", self.h.get_value, num_decimal_places=H_DECIMALS, font_size=READOUT_FONT
        )
        self.readout_number: LiveNumber = self.readout[-1]
        self.plot_left = self.axes.c2p(self.axes.x_range[0], 0)[0]
        self.plot_right = self.axes.c2p(self.axes.x_range[1], 0)[0]
        self.kink_shown = True
        self._follow_h(self.curve)

    def _h_tick(self) -> MathTex:
        """Return the letter h under the x-axis at the kink, written like a tick label.

        If it would cover one of the axis's numbers (h near a whole number), it goes below them.
        """
        h_tick = MathTex("h", font_size=READOUT_FONT, color=self.theme.highlight)
        h_tick.next_to(self.kink[0], DOWN, buff=0.3)
        numbers = self.axes.x_axis.numbers
        if any(
            abs(number.get_x() - h_tick.get_x()) < (number.width + h_tick.width) / 2 + 0.1
            for number in numbers
        ):
            h_tick.next_to(numbers, DOWN, buff=0.15).set_x(self.kink[0].get_x())
        return h_tick

    def _formula(self, tex: str) -> MathTex:
        return MathTex(tex, font_size=FONT).to_corner(UL, buff=0.45).shift(RIGHT * 0.3)

    def _follow_h(self, curve: VMobject) -> None:
        """Redraw ReLU(x − h) for the current h; move the kink marker and readout onto its kink.

        Three vertices, so this runs every frame; positions come from the axes, not from the
        bounding boxes of big groups, which would cost more than the drawing.
        """
        net: ReLUNet = shifted(self.h.get_value())
        self.curve.show(net)
        (kink_x,) = net.kinks()
        dot, guide = self.kink
        self.kink.shift(self.axes.c2p(kink_x, net(kink_x)) - dot.get_center())
        inside = bool(self.interval[0] <= kink_x <= self.interval[1])
        if inside != self.kink_shown:  # a kink outside the interval is not drawn
            self.kink_shown = inside
            dot.set_fill(opacity=float(inside))
            guide.set_stroke(opacity=float(inside))
        # The readout rides on top of the guide, kept within the plot's width.
        guide_top = self.axes.c2p(kink_x, self.axes.y_range[1])
        half = self.readout.width / 2
        x = min(max(guide_top[0], self.plot_left + half), self.plot_right - half)
        self.readout.move_to([x, guide_top[1] + 0.15, 0], aligned_edge=DOWN)
