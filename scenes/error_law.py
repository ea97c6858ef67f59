"""The max error against the number of units N on log-log axes: smooth, kinked, and jumping targets.

Both axes are logarithmic, so an error that falls like N^(−p) is a straight line of slope −p.
The interpolant of x² on [0, 2] falls on the line 1/N² (slope −2, read off a triangle: ten
times the units, a hundred times less error); least squares on the same kinks lies just below
it with the same slope. |x − 0.3| on [−1, 1] has a kink between the knots: slope −1, with dips
to zero whenever a knot lands on the kink (N = 20, 40, …, drawn at the floor 10⁻⁵). A step at
0.3 cannot be followed at all: a sum of ReLUs is continuous, so its max error never falls
below 1/2 — while its RMS error still falls (fitted slope −0.44; like 1/√N in the limit).
Every point is measured by the numeric core (``max_error``, ``rms_error``), every slope is
fitted to those points, and the captions and the slope card say what those numbers do
(:mod:`relu_anim.captions.error_law`).
"""

from __future__ import annotations

import numpy as np
from manim import Create, FadeIn, FadeOut

from relu_anim.captions.error_law import ErrorLawCaptions, tenfold_tex
from relu_anim.drawing import StoryScene
from relu_anim.drawing.errorlaw import (
    FLOOR_EXPONENT,
    SeriesTable,
    SlopeCard,
    floor_note,
    level_line,
    loglog_axes,
    panels,
    series_curve,
    slope_triangle,
)
from relu_anim.numeric import error_series, log_counts, loglog_slope
from relu_anim.numeric.targets import parse_target
from relu_anim.settings import SceneParams

LAST = 100
KINK, STEP = parse_target("abs(x - 0.3)"), parse_target("step(x - 0.3)")


class ErrorLawScene(StoryScene):
    """Max error against N on log-log axes: slope −2 for x², −1 for a kink, none for a jump."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 7
    MATHS = (
        "max error ~ N^(−2) for x², N^(−1) for |x − 0.3|, ≥ 1/2 for a step (its RMS still falls)"
    )
    POSTER = "step_rms"

    def construct(self) -> None:
        theme = self.theme
        self._measure()
        words = self.words
        graph, side = panels(self.layout)
        axes = self.axes = loglog_axes(graph, theme)
        names = [
            ("square", r"x^2,\ \text{interpolant}"),
            ("square_ls", r"x^2,\ \text{least squares}"),
            ("kink", r"|x - 0.3|"),
            ("step_max", r"\text{step, max}"),
            ("step_rms", r"\text{step, RMS}"),
        ]
        rows = [
            (key, latex, color) for (key, latex), color in zip(names, theme.series, strict=True)
        ]
        kink_color = theme.series[2]
        table = SeriesTable(
            side,
            [(key, latex, color, self.slopes[key]) for key, latex, color in rows],
            r"\text{slope}",
            centred=self.layout.portrait,
        )
        curves = {key: series_curve(axes, self.series[key], color) for key, _, color in rows}
        # The kink's error swings with where the kink falls between knots: dots over a faint line.
        curves["kink"] = series_curve(axes, self.series["kink"], kink_color, 2, opacity=0.45)

        self.beat(
            "axes",
            words.axes(),
            notes="Ask: what does a slope of −2 mean? Ten times the units, 100 times less error.",
        )
        self.card = SlopeCard(side, theme, centred=self.layout.portrait)
        self.meaning = None
        self.colors = {key: color for key, _, color in rows}
        self.play(
            Create(axes), FadeIn(axes.names), FadeIn(table.header), FadeIn(self.card), run_time=1.5
        )
        self.hold(2)

        self.beat(
            "square",
            words.square(),
        )
        triangle = slope_triangle(axes, self.series["square"], 10, LAST, theme)
        self._reveal("square", curves, table)
        self.play(Create(triangle[:2]), FadeIn(triangle[2:]))
        self.hold(3)

        self.beat(
            "least_squares",
            words.least_squares(),
            notes="Better weights help by a constant factor, not a better power.",
        )
        self.play(FadeOut(triangle))
        self._reveal("square_ls", curves, table)
        self.hold(3)

        self.beat(
            "kink",
            words.kink(),
            notes="Ten times the units, only ten times less error: the kink costs a whole power.",
        )
        self._reveal("kink", curves, table)
        dips = floor_note(axes, words.zeros_note(), kink_color)
        self.play(FadeIn(dips))
        self.hold(3)

        self.beat(
            "step_max",
            words.step_max(),
            notes="Whatever the weights, near the jump the net is at least 1/2 off on one side.",
        )
        half = level_line(axes, 0.5, theme)
        self.play(Create(half[0]), FadeIn(half[1]))
        self._reveal("step_max", curves, table)
        self.hold(3)

        self.beat(
            "step_rms",
            words.step_rms(),
        )
        self._reveal("step_rms", curves, table)
        self.hold(4)

    def _measure(self) -> None:
        """Every series, measured by the numeric core, and the slope fitted to each."""
        every, spaced = range(1, LAST + 1), log_counts(LAST)
        floor = 10.0**FLOOR_EXPONENT
        self.series = {
            "square": error_series(np.square, 0.0, 2.0, every),
            "square_ls": error_series(np.square, 0.0, 2.0, spaced, fit="least_squares"),
            "kink": error_series(KINK, -1.0, 1.0, every),
            "step_max": error_series(STEP, -1.0, 1.0, spaced, fit="least_squares"),
            "step_rms": error_series(STEP, -1.0, 1.0, spaced, "least_squares", "rms"),
        }
        self.slopes = {key: loglog_slope(series) for key, series in self.series.items()}
        self.words = ErrorLawCaptions(dict(self.series), self.slopes)
        # An error of 0 has no logarithm: the kink's dips are drawn at the floor of the axes.
        self.series["kink"] = self.series["kink"].floored(floor)

    def _reveal(self, key: str, curves: dict, table: SeriesTable) -> None:
        """Draw series ``key``, its row of the table, and what its slope means for 10× N."""
        meaning = self.card.meaning(tenfold_tex(self.slopes[key]), self.colors[key])
        swap = (
            [FadeIn(meaning)] if self.meaning is None else [FadeOut(self.meaning), FadeIn(meaning)]
        )
        self.play(Create(curves[key]), FadeIn(table.rows[key]), *swap, run_time=2)
        self.meaning = meaning
        self.track(f"slope_{key}", table.slopes[key])
