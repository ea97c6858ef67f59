"""x² on [0, 2] approximated by 1 to 100 ReLU units, while the max error falls as 1/N².

One ReLU is a straight ramp far from the parabola. ReLU(x) + ReLU(x − 1) bends once at x = 1.
Fitting the weights of the same two units by least squares does better still. Then the
interpolant on N equal pieces sweeps from 1 to 100 units. Live readouts show N and the max
error, which reads 1/N² throughout. At 100 units the curve lies on the target. Any target and
interval can be passed as parameters; the x² law is then stated only when the target is x².
"""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Create,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    SurroundingRectangle,
    Tex,
    Transform,
    VGroup,
    VMobject,
    Write,
    config,
)

from relu_anim.drawing import (
    ErrorReadout,
    StoryScene,
    UnitSweep,
    comparison_table,
    error_decimals,
    error_gap,
    kink_markers,
    net_curve,
    net_latex,
    shows_square_law,
    square_law_latex,
    target_axes,
    target_curve,
)
from relu_anim.numeric import ReLUNet, interpolant, least_squares, shifted
from relu_anim.settings import SceneParams
from relu_anim.targets import parse_target, require_finite

FONT = 36
LEGEND_FONT = 34
# The axes fill the left half; the right-hand panel holds, top to bottom, the legend (f and g),
# the live readouts and the notes of a beat (the comparison table, the law).
PANEL_LEFT = 1.45
PANEL_WIDTH = 6.85 - PANEL_LEFT
READOUT_TOP = 1.0
SWEEP_SECONDS = 15.0  # the sweep over 100 units; fewer units get 1.5 s per count at most
# The target is drawn thicker, under the approximation: where they coincide both stay visible.
TARGET_STROKE = 9
APPROXIMATION_STROKE = 4.5


class SquareScene(StoryScene):
    """From one ReLU to 100: the interpolant of x² and its 1/N² max error."""

    # interval=None means "the target's own interval": [0, 2] for x², [−π, π] for sin, ...
    # An interval given on the command line or in the config file wins.
    DEFAULTS = SceneParams(units=100, interval=None, target="square", theme="dark")

    def construct(self) -> None:
        self._prepare()
        theme, f, interval = self.theme, self.target, self.interval

        self.beat(
            "target", f"Our target: the curve y = {self.target_text} on {self.interval_text}."
        )
        self.play(Create(self.axes), FadeIn(self.axis_labels), run_time=1.5)
        self.play(Create(self.target_graph), FadeIn(self.target_legend), run_time=1.5)
        self.hold(2)

        self.beat("one_relu", self._one_relu_caption())
        self.curve = net_curve(
            self.axes, self.one, interval, theme.approximation, APPROXIMATION_STROKE
        )
        self.g_legend = self.legends["one"].copy()
        self.readout.show(self.one).refresh()
        self.gap = error_gap(self.axes, f, self.one, interval, theme)
        self.play(FadeIn(self.g_legend))
        self.play(Create(self.curve), run_time=1.5)
        self.play(*self._reveal_rows("units", "max"), Create(self.gap))
        self.hold(2)

        self.beat("two_relus", self._two_relus_caption())
        self.markers = kink_markers(self.axes, self.pair, interval, theme)
        self._show_net(self.pair, self.legends["pair"])
        self.play(FadeIn(self.markers))
        self.hold(2)

        self.beat("adjust_weights", self._adjust_caption())
        ghost = net_curve(self.axes, self.pair, interval, theme.muted, stroke_width=3)
        self.add(ghost)
        # Under the approximation and over the target: the old pair stays readable.
        self.bring_to_back(self.axes, self.target_graph, ghost)
        headline = Tex("Adjusting the weights helps", font_size=FONT, color=theme.highlight)
        self.table = self._comparison_table()
        notes = VGroup(headline, self.table).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        notes.next_to(self.readout_rows("units", "max"), DOWN, buff=0.6)
        notes.align_to([PANEL_LEFT, 0, 0], LEFT)
        fit_markers = kink_markers(self.axes, self.fit, interval, theme)
        self._show_net(self.fit, self.legends["fit"], markers=fit_markers)
        self.play(Write(headline))
        self.play(FadeIn(self.table, shift=0.2 * UP))
        self.hold(3)

        self.beat("sweep", self._sweep_caption())
        first = self.interpolant(1)
        self.play(FadeOut(ghost, self.markers, self.gap, headline, self.table))
        self._show_net(first, self.legends["sweep"], gap=False)
        self.sweep = UnitSweep(self.curve, self.interpolant, self.units, self.readout)
        if "law" in self.readout.rows:
            self.play(*self._reveal_rows("law"))
        self.hold(1.5)
        run_time = min(SWEEP_SECONDS, 1.5 * (self.units - 1))
        if run_time > 0:
            self.bring_to_front(self.curve, *self.live_numbers)
            self.sweep.attach()
            self.play(self.sweep.animation(run_time))
            self.sweep.detach()
        self.readout.refresh()
        # The counts the frames of this sweep show, at the frame rate being rendered.
        self.sweep_counts = self.sweep.planned_counts(run_time, config.frame_rate)
        self.hold(1.5)

        self.beat("error_law", self._law_caption())
        if shows_square_law(self.target):
            statement = self._law_statement()
            statement.next_to(self.readout, DOWN, buff=0.7).align_to([PANEL_LEFT, 0, 0], LEFT)
            # A fade redraws cheaper than Write's per-glyph partial curves.
            self.play(FadeIn(statement, shift=0.2 * UP), run_time=1.2)
        else:
            # No law to state for a general target (a jump's max error never vanishes): the
            # readouts are the result.
            statement = self.readout_rows("units", "max")
        self.play(Create(SurroundingRectangle(statement, color=theme.highlight, buff=0.2)))
        self.hold(4)

    # -- pacing and redraw cost ----------------------------------------------------------------

    def hold(self, seconds: float) -> None:
        """Pause on a still frame (nothing moves, so nothing is redrawn)."""
        self.wait(seconds, frozen_frame=True)

    def play(self, *animations: Any, **kwargs: Any) -> None:
        """Play, then move the live numbers back to the end of the scene's list.

        Manim redraws every frame all mobjects from the first one with an updater onwards;
        with the live numbers last, the axes, the target and every label are drawn once into
        the static background.
        """
        super().play(*animations, **kwargs)
        live = [number for number in self.live_numbers if number in self.mobjects]
        if live and self.mobjects[-len(live) :] != live:
            self.bring_to_front(*live)

    @property
    def live_numbers(self) -> list[VMobject]:
        """The readout's numbers (they have updaters); their labels are static."""
        return [row[-1] for row in self.readout.rows.values()]

    def _reveal_rows(self, *keys: str) -> list[Animation]:
        """Fade in readout rows as separate label and number, so that only numbers are live."""
        return [FadeIn(part) for key in keys for part in self.readout.rows[key]]

    # -- the story's numbers: every net and error comes from the numeric core ------------------

    def _prepare(self) -> None:
        """Resolve the parameters, build the nets of every beat, then the static pieces."""
        theme = self.theme
        self.target = parse_target(self.params.target)
        self.interval = self.params.interval or self.target.default_interval
        require_finite(self.target, *self.interval)
        self.units = self.params.units
        lo, hi = self.interval
        # The seed article's story (ReLU(x), then + ReLU(x − 1)) is about x² on [0, 2]; any other
        # target gets the same beats with the interpolant on 1 and 2 pieces.
        self.seed_story = shows_square_law(self.target) and self.interval == (0.0, 2.0)
        if self.seed_story:
            self.one = shifted(0.0)
            self.pair = ReLUNet(a=[1.0, 1.0], w=[1.0, 1.0], b=[0.0, -1.0])
        else:
            self.one = self.interpolant(1)
            self.pair = self.interpolant(2)
        self.fit = least_squares(self.target, lo, hi, 2)
        self.target_text = "x²" if self.seed_story else self.target.expression
        self.interval_text = f"[{lo:g}, {hi:g}]"

        self.axes = target_axes(
            self.target,
            self.interval,
            theme,
            nets=(self.one, self.pair, self.fit),
            x_length=6.5,
            y_length=5.6,
        )
        self.axes.to_edge(LEFT, buff=0.7).shift(0.2 * DOWN)
        x_label, y_label = MathTex("x", "y", font_size=FONT, color=theme.muted)
        self.axis_labels = VGroup(
            x_label.next_to(self.axes.x_axis, RIGHT, 0.15),
            y_label.next_to(self.axes.y_axis, UP, 0.15),
        )
        self.target_graph = target_curve(
            self.axes, self.target, self.interval, theme, stroke_width=TARGET_STROKE
        )
        self.target_legend = self._legend(
            rf"f(x) = {self.target.latex}", theme.target, TARGET_STROKE
        )
        self.target_legend.to_edge(UP, buff=0.5).align_to([PANEL_LEFT, 0, 0], LEFT)

        rows = ("units", "max", "law") if shows_square_law(self.target) else ("units", "max")
        self.readout = ErrorReadout(
            self.target, self.interval, theme, rows, error_decimals(self.units), FONT
        )
        self.legends = {
            "one": self._g_legend(self.one),
            "pair": self._g_legend(self.pair),
            "fit": self._g_legend(self.fit),
            "sweep": self._sweep_legend(),
        }
        # Below the tallest legend (a target with a fraction pushes everything down).
        lowest_legend = min(legend.get_bottom()[1] for legend in self.legends.values())
        readout_top = min(READOUT_TOP, lowest_legend - 0.5)
        self.readout.align_to([PANEL_LEFT, readout_top, 0], UP + LEFT)

    def interpolant(self, units: int) -> ReLUNet:
        """The interpolant of the target on ``units`` equal pieces of the interval."""
        return interpolant(self.target, *self.interval, units)

    def readout_rows(self, *keys: str) -> VGroup:
        """The readout rows named ``keys`` (those the readout has), as one group."""
        return VGroup(*(self.readout.rows[key] for key in keys if key in self.readout.rows))

    def _max_error_text(self, net: ReLUNet) -> str:
        return f"{self.readout.measure(net)['max']:.{error_decimals(self.units)}g}"

    # -- captions ------------------------------------------------------------------------------

    def _one_relu_caption(self) -> str:
        if self.seed_story:
            return (
                "A single unit, ReLU(x), is a straight ramp: it misses x² by up to "
                f"{self._max_error_text(self.one)}."
            )
        return "A single unit gives a straight line through the two ends of the curve."

    def _two_relus_caption(self) -> str:
        if self.seed_story:
            return (
                "Add ReLU(x − 1): the line bends at x = 1, and the max error drops to "
                f"{self._max_error_text(self.pair)}."
            )
        return "Two units: the line bends once, at the middle of the interval."

    def _adjust_caption(self) -> str:
        return (
            "Adjusting the weights helps: least squares on the same two kinks brings the "
            "error down."
        )

    def _sweep_caption(self) -> str:
        return (
            "Now N units with evenly spaced kinks, each piece joining two points of the curve: "
            f"N grows from 1 to {self.units}."
        )

    def _law_caption(self) -> str:
        error = self._max_error_text(self.interpolant(self.units))
        if shows_square_law(self.target):
            law = "1/N²" if self.interval[1] - self.interval[0] == 2.0 else "(Δ/2)²"
            return (
                f"With {self.units} units the curve lies on the target: "
                f"the max error is {law} = {error}."
            )
        return f"With {self.units} units the max error is {error}: more units, a closer fit."

    # -- pieces of the picture -----------------------------------------------------------------

    def _legend(self, latex: str, color: str, stroke_width: float, note: str = "") -> VGroup:
        """A short stroke in the curve's colour and its formula, as in a plot legend.

        A ``note`` goes in smaller type under the formula (typeset in the same TeX run).
        """
        parts = (latex, note) if note else (latex,)
        formula = MathTex(*parts, font_size=LEGEND_FONT, color=color)
        if note:
            formula[1].scale(0.85).next_to(formula[0], DOWN, buff=0.2, aligned_edge=LEFT)
        swatch = Line(0.25 * LEFT, 0.25 * RIGHT, color=color, stroke_width=stroke_width)
        # Level with the bracket of "f(x)" / "g(x)": the middle of the first line.
        swatch.next_to(formula, LEFT, buff=0.25).set_y(formula[0][1].get_y())
        return VGroup(swatch, formula)

    def _g_legend(self, net: ReLUNet) -> VGroup:
        """``g(x) = ...`` for a small net, broken into lines that fit the panel."""
        legend = self._legend(
            rf"g(x) &= {net_latex(net, terms_per_line=2)}",
            self.theme.approximation,
            APPROXIMATION_STROKE,
        )
        return self._below_target_legend(legend)

    def _sweep_legend(self) -> VGroup:
        legend = self._legend(
            r"g(x) = c + \sum_k a_k \operatorname{ReLU}(x - t_k)",
            self.theme.approximation,
            APPROXIMATION_STROKE,
            note=r"g(t_k) = f(t_k) \text{ at evenly spaced } t_k",
        )
        return self._below_target_legend(legend)

    def _below_target_legend(self, legend: VGroup) -> VGroup:
        if legend.width > PANEL_WIDTH:
            legend.scale_to_fit_width(PANEL_WIDTH)
        return legend.next_to(self.target_legend, DOWN, buff=0.35, aligned_edge=LEFT)

    def _show_net(
        self, net: ReLUNet, legend: VGroup, gap: bool = True, markers: VGroup | None = None
    ) -> None:
        """Morph the approximation, its legend, readouts and error gap to ``net``."""
        animations = [
            self.curve.animate.show(net),
            Transform(self.g_legend, legend),
        ]
        if gap:
            new_gap = error_gap(self.axes, self.target, net, self.interval, self.theme)
            animations.append(Transform(self.gap, new_gap))
        if markers is not None:
            animations.append(Transform(self.markers, markers))
        self.play(*animations, run_time=1.2)
        self.readout.show(net).refresh()
        self.hold(0.8)

    def _comparison_table(self) -> VGroup:
        """Max and RMS error of the plain pair against the least-squares pair."""
        plain_label = "plain sum" if self.seed_story else "interpolant"
        rows = []
        for label, net in ((plain_label, self.pair), ("adjusted", self.fit)):
            measured = self.readout.measure(net)
            rows.append((label, measured["max"], measured["rms"]))
        table = comparison_table(rows, self.theme, (self.theme.muted, self.theme.approximation))
        self.comparison = {label: numbers for label, numbers in table.numbers.items()}
        return table

    def _law_statement(self) -> VMobject:
        """The x² law, and under it the max error measured at the end (one TeX run)."""
        final = self.interpolant(self.units)
        error = f"{self.readout.measure(final)['max']:.{error_decimals(self.units)}f}"
        lines = [rf"\max|f - g| = {square_law_latex(self.interval)}"]
        if self.interval[1] - self.interval[0] != 2.0:
            lines.append(r"\Delta = (b - a)/N \text{ on } [a, b]")
        lines.append(rf"N = {self.units}: \quad \max|f - g| = {error}")
        statement = MathTex(*lines, font_size=FONT + 4, color=self.theme.highlight)
        for line in statement[1:]:
            line.set_color(self.theme.text).scale(0.8)
        statement.arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        if statement.width > PANEL_WIDTH:
            statement.scale_to_fit_width(PANEL_WIDTH)
        return statement
