"""x² on [0, 2] approximated by 1 to 100 ReLU units, while the max error falls as 1/N².

One ReLU is a straight ramp far from the parabola. ReLU(x) + ReLU(x − 1) bends once at x = 1.
Fitting the weights of the same two units by least squares does better still: it is the line
through x² at 0, 1 and 2 moved down by exactly 1/6. Then the interpolant on N equal pieces
sweeps from 1 to 100 units. Live readouts show N and the max error, which reads 1/N²
throughout. At 100 units the curve lies on the target, yet up close it is still straight
pieces with kinks. Any target and interval can be passed: one unit is then the chord through
the ends, the second kink goes where the chord misses most, and the x² law is stated only when
the target is x².
"""

from __future__ import annotations

from manim import UP, Create, FadeIn, FadeOut, SurroundingRectangle, VGroup, Write, config

from relu_anim.captions.square import SquareCaptions
from relu_anim.drawable import require_drawable
from relu_anim.drawing import StoryScene, UnitSweep, axis_labels, shows_square_law
from relu_anim.drawing.fit_panel import shift_latex
from relu_anim.drawing.fit_picture import FitPicture
from relu_anim.drawing.zoom import CloseLook, window_marker
from relu_anim.numeric import ReLUNet, closest_look, first_units, interpolant
from relu_anim.numeric.targets import parse_target
from relu_anim.settings import SceneParams

FONT = 36
SWEEP_SECONDS = 15.0  # the sweep over 100 units; fewer units get 1.5 s per count at most


class SquareScene(StoryScene):
    """From one ReLU to 100: the interpolant of x² and its 1/N² max error."""

    # interval=None means "the target's own interval": [0, 2] for x², [−π, π] for sin, ...
    DEFAULTS = SceneParams(units=100, interval=None, target="square", theme="dark")
    ORDER = 4
    MATHS = "max |x² − g_N(x)| = 1/N² on [0, 2] for the interpolant on N equal pieces"
    POSTER = "error_law"

    def construct(self) -> None:
        self._prepare()
        theme, side = self.theme, self.side

        self.beat(
            "target",
            self.words.target_caption(),
            notes="Every curve on screen comes from the same numeric code the tests check.",
        )
        self.play(Create(self.axes), FadeIn(axis_labels(self.axes, theme)), run_time=1.5)
        self.play(Create(self.target_graph), FadeIn(side.target_legend), run_time=1.5)
        self.hold(2)

        self.beat("one_relu", self.words.one_relu())
        self.curve = self.picture.curve(self.one)
        self.g_legend = side.legends["one"].copy()
        self.readout.show(self.one).refresh()
        self.gap = self.picture.gap(self.one)
        self.play(FadeIn(self.g_legend))
        self.play(Create(self.curve), run_time=1.5)
        self.play(*side.reveal("units", "max"), Create(self.gap))
        self.hold(2)

        self.beat("two_relus", self.words.two_relus())
        self.markers = self.picture.markers(self.pair)
        self._show_net(self.pair, side.legends["pair"])
        self.play(FadeIn(self.markers))
        self.hold(2)

        self.beat(
            "adjust_weights",
            self.words.adjust(),
            notes="Same kinks, different output weights: training moves weights, not shapes.",
        )
        ghost = self.picture.curve(self.pair, muted=True)
        self.add(ghost)
        # Under the approximation and over the target: the old pair stays readable.
        self.bring_to_back(self.axes, self.target_graph, ghost)
        plain = "plain sum" if self.seed_story else "interpolant"
        rows = {plain: self.pair}
        if self.first.through != self.pair:  # the seed's pair misses x² at 2: through 0, 1, 4
            rows["interpolant"] = self.first.through
        rows["adjusted"] = self.fit
        notes = side.comparison(self.words.adjust_headline(), rows, self._shift_relation(rows))
        self.comparison = notes[1].numbers
        self._show_net(self.fit, side.legends["fit"], markers=self.picture.markers(self.fit))
        self.play(Write(notes[0]))
        self.play(FadeIn(notes[1], shift=0.2 * UP))
        self.hold(3)

        self.beat(
            "sweep",
            self.words.sweep(),
        )
        self.play(FadeOut(ghost, self.markers, self.gap, notes))
        self._show_net(self.interpolant(1), side.legends["sweep"], gap=False)
        self.sweep = UnitSweep(self.curve, self.interpolant, self.units, self.readout)
        if "law" in self.readout.rows:
            self.play(*side.reveal("law"))
        self.hold(1.5)
        run_time = min(SWEEP_SECONDS, 1.5 * (self.units - 1))
        if run_time > 0:
            self.keep_live(self.curve)
            self.sweep.attach()
            self.play(self.sweep.animation(run_time))
            self.sweep.detach()
        self.readout.refresh()
        # The counts the frames of this sweep show, at the frame rate being rendered.
        self.sweep_counts = self.sweep.planned_counts(run_time, config.frame_rate)
        self.hold(1.5)

        self.beat(
            "error_law",
            self.words.law(self.sweep_counts),
            notes="Ten times the units, a hundred times less error.",
        )
        if shows_square_law(self.target):
            statement = side.law(self.interval, self.interpolant(self.units))
            # A fade redraws cheaper than Write's per-glyph partial curves.
            self.play(FadeIn(statement, shift=0.2 * UP), run_time=1.2)
        else:
            # No law to state for a general target: the readouts are the result.
            statement = side.rows("units", "max")
        self.play(Create(SurroundingRectangle(statement, color=theme.highlight, buff=0.15)))
        self.hold(4)

        final = self.interpolant(self.units)
        window = closest_look(self.target, final, *self.interval)
        self.beat(
            "up_close",
            self.words.up_close(window),
            notes="However many units, a ReLU net is straight pieces: only the pieces get shorter.",
        )
        look = CloseLook(self.layout, theme, self.target, final, window, self._target_latex())
        self.play(Create(window_marker(self.axes, window, look.y_range, theme)))
        self.play(FadeOut(*self.mobjects))
        self.play(Create(look.axes), Create(look.target_curve), FadeIn(look.title), run_time=1.5)
        self.play(Create(look.fit_curve), run_time=1.5)
        self.play(FadeIn(look.markers))
        self.hold(4)

    # -- the story's numbers: every net and error comes from the numeric core ------------------

    def _prepare(self) -> None:
        """Resolve the parameters, take every beat's net from the numeric core, then build the
        picture's pieces."""
        self.target = parse_target(self.params.target)
        self.interval = lo, hi = self.params.interval or self.target.default_interval
        require_drawable(self.target, lo, hi)
        self.units = self.params.units
        # The seed article's story (ReLU(x), then + ReLU(x − 1)) is about x² on [0, 2]. Any
        # other target: the chord through the ends, then a second kink where the chord misses
        # the target most, then least squares on those same two kinks.
        self.seed_story = shows_square_law(self.target) and self.interval == (0.0, 2.0)
        self.first = first = first_units(self.target, lo, hi, seed=self.seed_story)
        self.one, self.pair, self.fit, self.bend_at = (
            first.one,
            first.pair,
            first.fit,
            first.bend_at,
        )
        self.words = SquareCaptions(
            self.target,
            self.interval,
            self.units,
            first,
            self.seed_story,
            square_law=shows_square_law(self.target),
            target_text="x²" if self.seed_story else self.target.expression,
        )

        nets = {"one": self.one, "pair": self.pair, "fit": self.fit}
        self.picture = FitPicture(
            self.layout, self.theme, self.target, self.interval, nets, self.units
        )
        self.axes, self.target_graph = self.picture.axes, self.picture.target_graph
        self.side, self.readout = self.picture.side, self.picture.readout
        for key in self.readout.rows:
            self.track(key, self.readout.number(key))

    def _shift_relation(self, rows: dict[str, ReLUNet]) -> str | None:
        """``adjusted = <the line before it> − 1/6`` when least squares moved the whole line."""
        amount = self.words.shift() if self.words.fit_helps() else None
        if amount is None:
            return None
        before = list(rows)[-2]
        return shift_latex(before, "adjusted", amount, down=(self.first.shift or 0.0) > 0)

    def _target_latex(self) -> str:
        return self.target.latex

    def interpolant(self, units: int) -> ReLUNet:
        """The interpolant of the target on ``units`` equal pieces of the interval."""
        return interpolant(self.target, *self.interval, units)

    def _show_net(
        self, net: ReLUNet, legend: VGroup, gap: bool = True, markers: VGroup | None = None
    ) -> None:
        """Morph the approximation, its legend, readouts and error gap to ``net``."""
        old_markers = None if markers is None else (self.markers, markers)
        morph = self.picture.morph(
            self.curve, self.g_legend, net, legend, self.gap if gap else None, old_markers
        )
        self.play(*morph, run_time=1.2)
        self.readout.show(net).refresh()
        self.hold(0.8)
