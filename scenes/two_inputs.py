"""Two inputs: a ReLU of (x1, x2) is a folded plane, and 2N ReLUs make the product x1·x2.

The Cross Validated asker's neuron computes sin(w0 + w1·x1 + w2·x2), whose Taylor series holds
products such as x1·x2 and x1²·x2; every other scene has one input. Here: one ReLU of two
inputs is a plane folded along a straight crease; a sum of them is cut by its creases into
polygons, one plane on each (coloured and counted from the exact regions); x1·x2 =
((x1 + x2)² − (x1 − x2)²)/4 is two squares, each a function of one direction made by N ReLUs
along it as the Square scene made x², so 2N units reach the exact max error a²/N², shown
falling with N; and x1²·x2, three cubes along three directions, is approximated the same way.

Every face drawn is a region of :meth:`PlaneNet.regions` through its exact vertices. ``units``
is N, the ReLUs along each direction (1 to 16: the faces grow as N², and more is refused
before rendering); ``interval`` is the side [lo, hi] of the square domain.
"""

from __future__ import annotations

import math

from manim import Indicate, VGroup

from relu_anim.captions.two_inputs import TwoInputsCaptions, at_most, number
from relu_anim.drawing import StoryScene
from relu_anim.drawing.two_inputs import Readouts, Row, TwoInputsPicture
from relu_anim.numeric.plane import PlaneNet
from relu_anim.numeric.two_inputs import TwoInputsStory
from relu_anim.settings import SceneParams

START = math.radians(-35.0)  # the first azimuth of the 3-D view
# How far the view turns in the two beats that turn it (the crease, the product): turning shows
# the folds in depth, but every turning frame is redrawn (the 1080p60 render's main cost), so
# the other beats hold a still view.
TURN = math.radians(40.0)

COUNTS = [Row("units", r"\text{units}"), Row("regions", r"\text{regions}")]
ERRORS = [Row("n", "N"), *COUNTS, Row("max_error", r"\max|x_1x_2 - g|", digits=3)]
# The cubic's error is a bound, rounded up to two digits (a rounded-down bound would not be one).
BOUND = [Row("n", "N"), *COUNTS, Row("max_error", r"\max|x_1^2x_2 - g|", digits=2, bound=True)]


class TwoInputsScene(StoryScene):
    """Two inputs: a ReLU of (x1, x2) is a creased plane, and ReLUs make the product x1·x2."""

    DEFAULTS = SceneParams(units=8, interval=(-1.0, 1.0), theme="dark")
    ORDER = 10
    MAX_UNITS = 16  # N along each direction: 272 faces for x1²·x2; more is refused
    MATHS = "x1·x2 = ((x1 + x2)² − (x1 − x2)²)/4: 2N ReLUs along two directions, max error a²/N²"
    POSTER = "product"

    def construct(self) -> None:
        self._prepare()
        story, picture, words = self.story, self.picture, self.words

        self.beat(
            "question",
            words.question(),
            notes="Every other scene has one input; this is the asker's own two-input neuron.",
        )
        # The input plane itself, flat: the next beat folds it.
        picture.fit_heights([story.one])
        heading = picture.heading(
            r"\sin(s) = s - \tfrac{1}{6}s^3 + \dots",
            r"s = w_0 + w_1x_1 + w_2x_2",
            r"s^3 \ni 6w_0w_1w_2\,x_1x_2,\ \ 3w_1^2w_2\,x_1^2x_2",
        )
        self._show(story.flat, heading=heading, run_time=2.0)
        self.hold(2.0)

        self.beat("crease", words.crease(), notes="The kink of the 1-D scenes becomes a crease.")
        counts = self._rows(COUNTS)
        heading = picture.heading(r"g = \mathrm{ReLU}(w_1x_1 + w_2x_2 + b)")
        self._show(story.one, heading=heading, readouts=counts, run_time=1.5)
        self.play(Indicate(picture.top_creases(), color=self.theme.highlight), run_time=1.2)
        self.play(picture.turn(TURN, run_time=5.0))
        self.hold(1.0)

        self.beat("regions", words.regions())
        picture.fit_heights([story.several])
        heading = picture.heading(
            r"g = \textstyle\sum_{i=1}^{4} a_i\,\mathrm{ReLU}(w_i \cdot x + b_i)"
        )
        self._show(story.several, heading=heading)
        self.hold(4.0)

        n = story.units
        self.beat("squares", words.squares())
        picture.fit_heights([story.half, story.product])
        heading = picture.heading(
            r"x_1x_2 = \tfrac{1}{4}(x_1 + x_2)^2 - \tfrac{1}{4}(x_1 - x_2)^2",
            r"(x_1 + x_2)^2 \approx c + \textstyle\sum_{k} a_k\,\mathrm{ReLU}(x_1 + x_2 - t_k)",
        )
        self._show(story.half, heading=heading)
        self.hold(4.0)

        self.beat("product", words.product())
        errors = self._rows(ERRORS)
        heading = picture.heading(
            r"g = \tfrac{1}{4}S_1(x_1 + x_2) - \tfrac{1}{4}S_2(x_1 - x_2)",
            r"S_1(t),\ S_2(t) \approx t^2",
            r"\text{from $N$ ReLUs each}",
        )
        self._show(story.product, heading=heading, readouts=errors, n=n, max_error=story.errors[-1])
        self.play(picture.turn(TURN, run_time=6.0))
        self.hold(2.0)

        self.beat("error", words.error(), notes="Ten times the units, a hundred times less error.")
        sweep: VGroup | None = picture.heading(
            rf"\max|x_1x_2 - g| = a^2/N^2,\ \ {{a = {number(words.half_width)}}}"
        )
        for count, net, error in zip(story.counts, story.nets, story.errors, strict=True):
            self._show(net, heading=sweep, n=count, max_error=error, run_time=0.5)
            self.hold(1.5)
            sweep = None  # the heading stays through the sweep

        self.beat("taylor", words.taylor())
        picture.fit_heights([story.cubic])
        heading = picture.heading(
            r"x_1^2x_2 = \tfrac{1}{6}(x_1 + x_2)^3 - \tfrac{1}{6}(x_1 - x_2)^3"
            r" - \tfrac{1}{3}x_2^3",
            r"\text{three cubes, three directions}",
        )
        bound = self._rows(BOUND)
        self._show(story.cubic, heading=heading, readouts=bound, n=n, max_error=self.shown_bound)
        self.hold(5.0)

    # -- the story's numbers: every net and error comes from the numeric core ------------------

    def _prepare(self) -> None:
        domain, units = self.params.interval, self.params.units
        assert domain is not None, "DEFAULTS sets the square"
        assert units is not None, "DEFAULTS sets N"
        self.story = story = TwoInputsStory.build(domain, units)
        self.words = TwoInputsCaptions(story)
        self.picture = TwoInputsPicture(self.layout, self.theme, story.domain, azimuth=START)
        self.shown_bound = float(at_most(story.cubic_bound))
        self.ranges = {
            "n": [float(count) for count in story.counts],
            "units": [float(net.n_units) for net in story.shown_nets],
            "regions": [float(count) for count in story.region_counts],
        }

    def _rows(self, rows: list[Row]) -> Readouts:
        bound = any(row.bound for row in rows)
        errors = [self.shown_bound] if bound else list(self.story.errors)
        return self.picture.readouts(rows, {**self.ranges, "max_error": errors})

    def _show(
        self,
        net: PlaneNet,
        run_time: float = 1.0,
        heading: VGroup | None = None,
        readouts: Readouts | None = None,
        **values: float,
    ) -> None:
        """Swap in ``net`` (and ``heading`` and ``readouts``), the readouts showing ``values``."""
        moves = self.picture.show(net, heading, readouts, values)
        for key, shown in self.picture.numbers().items():
            self.track(key, shown)
        self.play(*moves, run_time=run_time)


__all__ = ["TwoInputsScene"]
