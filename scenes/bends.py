"""Adding shifted ReLUs adds bends: at each kink the slope changes by that unit's output weight.

The example net, built up one term at a time as in the seed article (1, 2, 3, then 5 units):

    g(x) = 1·ReLU(x + 2) − 2·ReLU(x + 1) + 1.5·ReLU(x) + 1·ReLU(x − 1) − 1.5·ReLU(x − 2),

that is kinks h = (−2, −1, 0, 1, 2) and output weights a = (1, −2, 1.5, 1, −1.5). On [−3, 3]
its slopes are 0, 1, −1, 0.5, 1.5, 0. Each new unit is drawn whole on a small plot of its own
(−2·ReLU(x + 1) falls to −8, far below the sum's plot), then the sum takes it in; the sum's
kinks are marked and every segment shows its slope. Then each kink is shown to change the
slope by exactly its unit's weight a_i, a unit with a negative input weight w is shown facing
left, and the sum is written out. Every caption is computed from the net and the interval.

``units`` (1 to 5) sets how many units are built up; more are refused before rendering (the
example has five). ``interval`` sets the x-range; kinks outside it are said to be out of view.
"""

from __future__ import annotations

from manim import (
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
)

from relu_anim.captions.bends import BendsCaptions
from relu_anim.drawing import StoryScene, tick_range, weighted_sum
from relu_anim.drawing.bends import BendsPicture
from relu_anim.numeric import ReLUNet
from relu_anim.settings import ConfigError, SceneParams

KINKS = (-2.0, -1.0, 0.0, 1.0, 2.0)  # h_i
OUTPUT_WEIGHTS = (1.0, -2.0, 1.5, 1.0, -1.5)  # a_i
STAGES = (1, 2, 3, 5)  # unit counts shown, as in the seed article


class BendsScene(StoryScene):
    """A weighted sum of shifted ReLUs, built up unit by unit, with its kinks and slopes."""

    DEFAULTS = SceneParams(units=5, interval=(-3.0, 3.0), theme="dark")
    MAX_UNITS = 5  # the units of the example; more are refused before rendering
    ORDER = 3
    MATHS = "g(x) = Σ aᵢ·ReLU(x − hᵢ): a bend at every hᵢ, where the slope changes by aᵢ"
    POSTER = "slope_change"

    def construct(self) -> None:
        self.units = self.params.units
        if self.units > len(OUTPUT_WEIGHTS):  # the CLI refuses it first (MAX_UNITS)
            raise ConfigError(f"bends shows at most {len(OUTPUT_WEIGHTS)} units, got {self.units}")
        self.interval = self.params.interval
        self.example = ReLUNet(
            a=OUTPUT_WEIGHTS, w=[1.0] * len(KINKS), b=[-h for h in KINKS]
        ).with_units(self.units)
        self.words = BendsCaptions(self.example, self.interval)
        self.stages = sorted({count for count in STAGES if count <= self.units} | {self.units})
        self.stage_nets = [self.example.with_units(count) for count in self.stages]
        formula = weighted_sum(OUTPUT_WEIGHTS[: self.units], KINKS[: self.units], self.theme)
        self.picture = BendsPicture(self.layout, self.theme, self.example, self.interval, formula)
        self.axes, self.formula = self.picture.axes, self.picture.formula
        terms = self.picture.terms

        self.beat("one_unit", self.words.one_unit(), notes="One unit is one bend, nothing more.")
        self.play(Create(self.axes), FadeIn(self.picture.x_label), run_time=1.2)
        self.units_shown = self.picture.unit_curves(0, 1)
        self.play(
            Write(self.formula[0]),
            Write(terms[0]),
            FadeIn(self.units_shown.title, self.units_shown.axes),
            Create(self.units_shown.curves),
            run_time=1.8,
            hold=1.5,
        )
        self.sum_curve = self.picture.sum_curve(self.stage_nets[0])
        self.play(TransformFromCopy(self.units_shown.curves[0], self.sum_curve), run_time=1.2)
        self._mark(self.stage_nets[0], hold=2.5)

        for before, count, net in zip(
            self.stages[:-1], self.stages[1:], self.stage_nets[1:], strict=True
        ):
            self.beat(f"add_units_{count}", self.words.add(before, count))
            units = self.picture.unit_curves(before, count)
            self.play(
                FadeOut(self.markers, self.slopes, self.units_shown),
                Write(VGroup(*terms[before:count])),
                FadeIn(units.title, units.axes),
                Create(units.curves),
                run_time=1.5,
                hold=1.5,
            )
            self.units_shown = units
            new_sum = self.picture.sum_curve(net)
            self.play(ReplacementTransform(self.sum_curve, new_sum), run_time=1.5)
            self.sum_curve = new_sum
            self._mark(net, hold=2.5)

        self.beat(
            "slope_change",
            self.words.slope_change(self.units),
            notes="Point at one kink: the two slope labels either side differ by its aᵢ.",
        )
        self.jump_labels = VGroup()
        heading = [FadeIn(self.picture.jump_heading())]
        for index, (marker, kink_x) in enumerate(zip(self.markers, self.markers.xs, strict=True)):
            label = self.picture.jump_label(self.stage_nets[-1], kink_x, marker)
            self.jump_labels.add(label)
            unit = KINKS.index(kink_x)
            self.play(
                *heading,
                Indicate(self.slopes[index], color=self.theme.highlight),
                Indicate(self.slopes[index + 1], color=self.theme.highlight),
                Indicate(marker[0], color=self.theme.highlight, scale_factor=1.8),
                TransformFromCopy(self.formula[1 + 2 * unit], label),
                run_time=1.2,
                hold=3 if index == len(self.markers) - 1 else 1.3,
            )
            heading = []
        if not len(self.markers):
            self.hold(3)

        self.left_unit = facing_left(self.interval)
        self.beat(
            "facing_left",
            self.words.facing_left(self.left_unit),
            notes="Every unit of the example has w = 1; a negative w mirrors the unit.",
        )
        facing = self.picture.unit_plot([self.left_unit], r"\text{a unit with } w < 0")
        self.play(FadeOut(self.units_shown), FadeIn(facing.title, facing.axes), run_time=0.8)
        self.play(Create(facing.curves), run_time=1.5, hold=3)
        self.units_shown = facing

        self.beat(
            "recap",
            "So g(x) = Σ aᵢ·ReLU(x − hᵢ): each unit puts one bend at its hᵢ and turns the slope "
            "there by its aᵢ. Enough units can draw any broken line.",
        )
        general = self.picture.recap_formula()
        self.play(FadeOut(self.units_shown), Write(general), run_time=1.5, hold=5)

    def _mark(self, net: ReLUNet, hold: float) -> None:
        """Mark the kinks of ``net`` and label its slopes."""
        self.markers, self.slopes = self.picture.kinks_and_slopes(net)
        self.play(FadeIn(self.markers), FadeIn(self.slopes), run_time=0.8, hold=hold)


def facing_left(interval: tuple[float, float]) -> ReLUNet:
    """``ReLU(−x + h)``: a unit with ``w = −1``, its kink at a tick a third into ``interval``."""
    lo, hi = interval
    step = tick_range(lo, hi, 8)[2]
    h = round((lo + (hi - lo) / 3) / step) * step
    if not lo < h < hi:
        h = (lo + hi) / 2
    return ReLUNet(a=[1.0], w=[-1.0], b=[h + 0.0])
