"""Adding shifted ReLUs adds bends: at each kink the slope changes by that unit's output weight.

The example net, built up one term at a time as in the seed article (1, 2, 3, then 5 units):

    g(x) = 1·ReLU(x + 2) − 2·ReLU(x + 1) + 1.5·ReLU(x) + 1·ReLU(x − 1) − 1.5·ReLU(x − 2),

that is kinks h = (−2, −1, 0, 1, 2) and output weights a = (1, −2, 1.5, 1, −1.5). On [−3, 3]
its slopes are 0, 1, −1, 0.5, 1.5, 0 and it stays between 0 and 2. Each new unit is drawn
thin on its own, then the sum takes it in; the sum's kinks are marked and every segment shows
its slope. Then each kink is shown to change the slope by exactly its unit's weight a_i, and
the sum is written out in full.

``units`` (1 to 5) sets how many units are built up; larger values are clamped to the five of
the example. The stages are 1, 2, 3 and 5 units, cut at ``units``, plus ``units`` itself.
``interval`` sets the x-range; the y-range fits the final sum, and curves that would leave the
plot (single units, early sums) are drawn up to its edge.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import (
    DOWN,
    RIGHT,
    UP,
    Animation,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
    config,
)

from relu_anim.drawing import StoryScene, net_curve, plot_axes, vertices_on_axes
from relu_anim.drawing.axes import axis_range, nets_y_range
from relu_anim.drawing.curves import (
    KinkMarkers,
    NetCurve,
    SlopeLabels,
    kink_markers,
    signed_number,
    slope_labels,
    visible_x_range,
)
from relu_anim.numeric import ReLUNet
from relu_anim.settings import SceneParams

KINKS = (-2.0, -1.0, 0.0, 1.0, 2.0)  # h_i
OUTPUT_WEIGHTS = (1.0, -2.0, 1.5, 1.0, -1.5)  # a_i
STAGES = (1, 2, 3, 5)  # unit counts shown, as in the seed article
FONT = 32
LABEL_FONT = 32
UNIT_STROKE = 3
SUM_STROKE = 5
ORDINALS = ("first", "second", "third", "fourth", "fifth")


class BendsScene(StoryScene):
    """A weighted sum of shifted ReLUs, built up unit by unit, with its kinks and slopes."""

    DEFAULTS = SceneParams(units=5, interval=(-3.0, 3.0), theme="dark")

    def construct(self) -> None:
        self._prepare()
        theme = self.theme

        self.beat("one_unit", self._one_unit_caption())
        self.show(Create(self.axes), FadeIn(self.x_label), run_time=1.2)
        units = self._unit_curves(0, 1)
        self.show(
            Write(self.formula[0]), Write(self.terms[0]), Create(units), run_time=1.8, hold=1.5
        )
        self.sum_curve = self._sum_curve(self.stage_nets[0])
        self.show(TransformFromCopy(units[0], self.sum_curve), run_time=1.2)
        self._show_kinks_and_slopes(self.stage_nets[0], FadeOut(units), hold=2.5)

        for before, count, net in zip(
            self.stages[:-1], self.stages[1:], self.stage_nets[1:], strict=True
        ):
            self.beat(f"add_units_{count}", self._add_caption(before, count))
            units = self._unit_curves(before, count)
            self.show(
                FadeOut(self.markers, self.slopes),
                Write(VGroup(*self.terms[before:count])),
                Create(units),
                run_time=1.5,
                hold=1.5,
            )
            new_sum = self._sum_curve(net)
            self.show(ReplacementTransform(self.sum_curve, new_sum), run_time=1.5)
            self.sum_curve = new_sum
            self._show_kinks_and_slopes(net, FadeOut(units), hold=2.5)

        self.beat(
            "slope_change",
            "At every kink the slope changes by exactly that unit's output weight aᵢ: "
            "up where aᵢ is positive, down where it is negative.",
        )
        self._show_slope_jumps(last_hold=3)

        self.beat(
            "recap",
            "So g(x) = Σ aᵢ·ReLU(x − hᵢ): each unit puts one bend at its hᵢ and turns the slope "
            "there by its aᵢ. Enough units can draw any broken line.",
        )
        general = MathTex(
            r"g(x) = \sum_{i=1}^{" + str(self.units) + r"} a_i\,\mathrm{ReLU}(x - h_i)",
            font_size=FONT,
        ).next_to(self.formula, DOWN, buff=0.25)
        general[0][:4].set_color(theme.approximation)
        self.show(Write(general), run_time=1.5, hold=5)

    def show(self, *animations: Animation, run_time: float = 1.0, hold: float = 0.0) -> None:
        """Play ``animations`` together in ``run_time``, then hold still ``hold`` s, as one clip.

        One clip instead of a play and a wait: each clip is a separate H.264 segment whose
        encoder starts and drains on its own, which costs more than redrawing the few moving
        mobjects during the hold. The animations simply finish early (their rate functions
        reach 1 at ``run_time``) so the scene's mobjects stay exactly as a plain play leaves them.
        """
        share = run_time / (run_time + hold)
        for animation in animations:
            animation.rate_func = _finished_by(animation.rate_func, share)
        self.play(*animations, run_time=run_time + hold)

    # -- set-up: every net comes from the numeric core ----------------------------------------

    def _prepare(self) -> None:
        """The example net, its stages, the axes and the formula."""
        theme = self.theme
        self.units = min(self.params.units, len(OUTPUT_WEIGHTS))
        self.interval = lo, hi = self.params.interval
        self.example = ReLUNet(
            a=OUTPUT_WEIGHTS, w=[1.0] * len(KINKS), b=[-h for h in KINKS]
        ).with_units(self.units)
        self.stages = sorted({count for count in STAGES if count <= self.units} | {self.units})
        self.stage_nets = [self.example.with_units(count) for count in self.stages]
        self.stage_shown: list[dict[str, object]] = []
        self.y_range = nets_y_range([self.example], self.interval, pad=0.25, max_steps=5)
        self.axes = plot_axes(
            axis_range(lo, hi, max_steps=8), self.y_range, theme, x_length=10.0, y_length=4.1
        ).move_to(DOWN * 0.75)
        self.x_label = MathTex("x", font_size=FONT, color=theme.muted)
        self.x_label.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.2)
        self.formula = self._formula_parts()
        # Term i of the sum is its weight a_i (formula part 1 + 2i) and its ReLU(x − h_i).
        self.terms = [self.formula[1 + 2 * i : 3 + 2 * i] for i in range(self.units)]
        self.markers = KinkMarkers(net=self.stage_nets[0], x_range=self.interval)
        self.slopes = SlopeLabels(net=self.stage_nets[0], x_range=self.interval)

    def _formula_parts(self) -> MathTex:
        """``g(x) = a_1 ReLU(x − h_1) + ...`` with the example's numbers; each a_i its own part."""
        parts = [r"g(x) ="]
        for i, (h, a) in enumerate(zip(KINKS[: self.units], OUTPUT_WEIGHTS, strict=False)):
            parts.append(f"{a:g}" if i == 0 else f"{a:+g}")
            parts.append(rf"\,\mathrm{{ReLU}}({_shifted_x(h)})")
        formula = MathTex(*parts, font_size=FONT)
        formula[0][:4].set_color(self.theme.approximation)
        for i, a in enumerate(OUTPUT_WEIGHTS[: self.units]):
            formula[1 + 2 * i].set_color(self.theme.weight_color(a))
        if formula.width > config.frame_width - 0.8:
            formula.scale_to_fit_width(config.frame_width - 0.8)
        return formula.to_edge(UP, buff=0.4)

    # -- drawing helpers ------------------------------------------------------------------------

    def _clipped(self, net: ReLUNet) -> tuple[float, float]:
        """The part of the interval where ``net`` stays inside the plot."""
        return visible_x_range(net, self.interval, self.y_range[:2]) or self.interval

    def _sum_curve(self, net: ReLUNet) -> NetCurve:
        return net_curve(self.axes, net, self._clipped(net), self.theme.approximation, SUM_STROKE)

    def _unit_curves(self, first: int, stop: int) -> VGroup:
        """The units ``first`` to ``stop − 1`` of the example, each thin on its own."""
        curves = VGroup()
        for i in range(first, stop):
            unit = self.example.unit(i)
            curves.add(
                net_curve(self.axes, unit, self._clipped(unit), self.theme.unit, UNIT_STROKE)
            )
        return curves

    def _show_kinks_and_slopes(self, net: ReLUNet, *also: Animation, hold: float) -> None:
        """Mark the kinks of ``net`` and label its slopes (playing ``also`` meanwhile)."""
        x_range = self._clipped(net)
        self.markers = kink_markers(self.axes, net, x_range, self.theme)
        self.slopes = slope_labels(self.axes, net, x_range, self.theme, font_size=LABEL_FONT)
        self.show(FadeIn(self.markers), FadeIn(self.slopes), *also, run_time=0.8, hold=hold)
        # What this stage shows, read back from the screen for the tests.
        self.stage_shown.append(
            {
                "net": self.sum_curve.net,
                "x_range": self.sum_curve.x_range,
                "vertices": vertices_on_axes(self.sum_curve),
                "slopes": [label.get_value() for label in self.slopes],
                "slopes_net": self.slopes.net,
                "kinks": [self.axes.p2c(marker[0].get_center()) for marker in self.markers],
            }
        )

    def _show_slope_jumps(self, last_hold: float) -> None:
        """Under each kink, the jump in slope there; it comes out of its unit's weight a_i."""
        jump_at = dict(zip(*self.stage_nets[-1].slope_jumps(), strict=True))
        row_y = self.axes.get_bottom()[1] - 0.45
        title = MathTex(r"\Delta\,\text{slope}", font_size=LABEL_FONT, color=self.theme.muted)
        title.move_to([self.axes.get_left()[0], row_y, 0], aligned_edge=RIGHT)
        appear = [FadeIn(title)]
        self.jump_labels = VGroup()
        # Marker k sits between the segments k and k + 1 of the slope labels.
        for index, (marker, kink_x) in enumerate(zip(self.markers, self.markers.xs, strict=True)):
            jump = jump_at[kink_x]
            unit = KINKS.index(kink_x)
            label = signed_number(float(jump), self.theme, font_size=LABEL_FONT)
            label.move_to([marker[0].get_x(), row_y, 0])
            self.jump_labels.add(label)
            last = index == len(self.markers) - 1
            self.show(
                *appear,
                Indicate(self.slopes[index], color=self.theme.highlight),
                Indicate(self.slopes[index + 1], color=self.theme.highlight),
                Indicate(marker[0], color=self.theme.highlight, scale_factor=1.8),
                TransformFromCopy(self.formula[1 + 2 * unit], label),
                run_time=1.2,
                hold=last_hold if last else 1.3,
            )
            appear = []

    # -- captions --------------------------------------------------------------------------

    def _one_unit_caption(self) -> str:
        a, h = OUTPUT_WEIGHTS[0], KINKS[0]
        return (
            f"One unit, a₁·ReLU(x − h₁) = {_term_text(a, h)}: flat, then a ramp of slope "
            f"a₁ = {a:g} from its kink at x = h₁ = {h:g}."
        )

    def _add_caption(self, before: int, count: int) -> str:
        new = range(before, count)
        terms = " and ".join(_term_text(OUTPUT_WEIGHTS[i], KINKS[i]) for i in new)
        places = " and ".join(f"x = {KINKS[i]:g}" for i in new)
        if len(new) == 1:
            return f"Add a {ORDINALS[before]} unit, {terms}: the sum bends once more, at {places}."
        return f"Add {terms}: {len(new)} more bends, at {places}."


def _finished_by(rate_func: Callable[[float], float], share: float) -> Callable[[float], float]:
    """``rate_func`` run in the first ``share`` of the time, then held at its end value."""
    return lambda t: rate_func(min(1.0, t / share))


def _shifted_x(h: float) -> str:
    """``x − h`` as LaTeX: ``x + 2``, ``x``, ``x - 1``."""
    if h == 0:
        return "x"
    return f"x + {-h:g}" if h < 0 else f"x - {h:g}"


def _term_text(a: float, h: float) -> str:
    """``a·ReLU(x − h)`` as caption text: ``−2·ReLU(x + 1)``."""
    shift = "x" if h == 0 else (f"x + {-h:g}" if h < 0 else f"x − {h:g}")
    return f"{a:g}·ReLU({shift})".replace("-", "−")
