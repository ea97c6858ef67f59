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

from manim import FadeIn, FadeOut, Indicate, VGroup, Write

from relu_anim.captions.two_inputs import TwoInputsCaptions, at_most, number
from relu_anim.drawing import StoryScene
from relu_anim.drawing.two_inputs import TwoInputsPicture
from relu_anim.numeric.plane import PlaneNet
from relu_anim.numeric.two_inputs import TwoInputsStory
from relu_anim.settings import SceneParams

START = math.radians(-35.0)  # the first azimuth of the 3-D view
TURN = math.radians(40.0)  # how far it turns while a beat plays


class TwoInputsScene(StoryScene):
    """Two inputs: a ReLU of (x1, x2) is a creased plane, and ReLUs make the product x1·x2."""

    DEFAULTS = SceneParams(units=8, interval=(-1.0, 1.0), theme="dark")
    ORDER = 10
    MAX_UNITS = 16  # N along each direction: 272 faces for x1²·x2; more is refused
    MATHS = "x1·x2 = ((x1 + x2)² − (x1 − x2)²)/4: 2N ReLUs along two directions, max error a²/N²"
    POSTER = "product"

    def construct(self) -> None:
        self._prepare()
        picture, words = self.picture, self.words

        self.beat(
            "question",
            words.question(),
            notes="Every other scene has one input; this is the asker's own two-input neuron.",
        )
        self.heading = picture.heading(
            r"\sin(s) = s - \tfrac{1}{6}s^3 + \dots",
            r"s = w_0 + w_1x_1 + w_2x_2",
            r"s^3 \ni 6w_0w_1w_2\,x_1x_2,\ \ 3w_1^2w_2\,x_1^2x_2",
        )
        # The input plane itself, flat: the next beat folds it.
        picture.fit_heights([self.one])
        self.surface = picture.surface(self.flat, START)
        self.top = picture.top_view(self.flat)
        self.play(Write(self.heading), FadeIn(self.surface), FadeIn(self.top), run_time=2.0)
        self.play(self.surface.turn(TURN / 2, run_time=3.0))

        self.beat("crease", words.crease(), notes="The kink of the 1-D scenes becomes a crease.")
        self.shown_rows = None
        counts = self._readout_rows(r"\text{units}", r"\text{regions}")
        self._show(
            self.one,
            counts,
            heading=picture.heading(r"g = \mathrm{ReLU}(w_1x_1 + w_2x_2 + b)"),
            run_time=1.5,
        )
        self.play(Indicate(self.top.creases, color=self.theme.highlight), run_time=1.2)
        self.play(self.surface.turn(TURN, run_time=5.0))
        self.hold(1.0)

        self.beat("regions", words.regions())
        picture.fit_heights([self.several])
        self._show(self.several, counts, heading=self._sum_heading())
        self.play(self.surface.turn(TURN, run_time=5.0))
        self.hold(2.0)

        n = self.units
        self.beat("squares", words.squares())
        picture.fit_heights([self.half, self.product])
        self._show(
            self.half,
            counts,
            heading=picture.heading(
                r"x_1x_2 = \tfrac{1}{4}(x_1 + x_2)^2 - \tfrac{1}{4}(x_1 - x_2)^2",
                r"(x_1 + x_2)^2 \approx c + \textstyle\sum_{k} a_k\,\mathrm{ReLU}(x_1 + x_2 - t_k)",
            ),
        )
        self.play(self.surface.turn(TURN, run_time=5.0))
        self.hold(1.5)

        self.beat("product", words.product())
        errors = self._readout_rows(r"N", r"\text{units}", r"\text{regions}", r"\max|x_1x_2 - g|")
        self._show(
            self.product,
            errors,
            heading=picture.heading(
                r"g = \tfrac{1}{4}S_1(x_1 + x_2) - \tfrac{1}{4}S_2(x_1 - x_2)",
                r"S_1(t),\ S_2(t) \approx t^2\text{: } N \text{ ReLUs each}",
            ),
            n=n,
            error=self.errors[-1],
        )
        self.play(self.surface.turn(TURN, run_time=6.0))
        self.hold(2.0)

        self.beat("error", words.error(), notes="Ten times the units, a hundred times less error.")
        self._show(
            self.nets[0],
            errors,
            heading=picture.heading(
                rf"\max|x_1x_2 - g| = a^2/N^2,\ \ a = {number(self.words.half_width)}"
            ),
            n=self.counts[0],
            error=self.errors[0],
            run_time=0.8,
        )
        self.hold(1.2)
        for count, net, error in zip(self.counts[1:], self.nets[1:], self.errors[1:], strict=True):
            self._show(net, errors, n=count, error=error, run_time=0.8)
            self.hold(1.2)

        self.beat("taylor", words.taylor())
        picture.fit_heights([self.cubic])
        bound = self._readout_rows(
            r"N", r"\text{units}", r"\text{regions}", r"\max|x_1^2x_2 - g|", bound_places=True
        )
        self._show(
            self.cubic,
            bound,
            heading=picture.heading(
                r"x_1^2x_2 = \tfrac{1}{6}(x_1 + x_2)^3 - \tfrac{1}{6}(x_1 - x_2)^3"
                r" - \tfrac{1}{3}x_2^3",
                r"\text{three cubes, each along one direction}",
            ),
            n=n,
            error=self.shown_bound,
        )
        self.play(self.surface.turn(TURN, run_time=6.0))
        self.hold(2.0)

    # -- the story's numbers: every net and error comes from the numeric core ------------------

    def _prepare(self) -> None:
        self.domain = self.params.interval
        self.units = n = self.params.units
        story = TwoInputsStory.build(self.domain, n)
        self.flat, self.one, self.several = story.flat, story.one, story.several
        self.counts, self.nets, self.errors = story.counts, story.nets, story.errors
        self.product, self.half = story.product, story.half
        self.cubic, self.cubic_bound = story.cubic, story.cubic_bound
        self.words = TwoInputsCaptions(story)
        self.picture = TwoInputsPicture(self.layout, self.theme, self.domain)
        # Three significant digits of the smallest error; the bound is shown rounded up to
        # two (a rounded-down bound would not be one).
        self.error_decimals = max(0, 2 - math.floor(math.log10(min(self.errors))))
        self.shown_bound = float(at_most(self.cubic_bound))
        self.bound_decimals = max(0, 1 - math.floor(math.log10(self.shown_bound)))
        pieces = [len(net.regions(self.domain, self.domain)) for net in (self.product, self.cubic)]
        self.widest = {
            "n": float(n),
            "units": float(self.cubic.n_units),
            "regions": float(max(pieces)),
            "max_error": max(self.errors[0], self.shown_bound),
        }

    def _sum_heading(self) -> VGroup:
        return self.picture.heading(
            r"g = \textstyle\sum_{i=1}^{4} a_i\,\mathrm{ReLU}(w_i \cdot x + b_i)"
        )

    def _readout_rows(self, *labels: str, bound_places: bool = False) -> VGroup:
        """Readout rows named ``N``, ``units``, ``regions`` and ``max_error`` by their labels,
        sized for the widest values the scene shows."""
        names = {
            "N": "n",
            r"\text{units}": "units",
            r"\text{regions}": "regions",
        }
        keys = [names.get(label, "max_error") for label in labels]
        places = {"n": 0, "units": 0, "regions": 0}
        places["max_error"] = self.bound_decimals if bound_places else self.error_decimals
        rows = self.picture.readouts(
            *labels,
            decimals=[places[key] for key in keys],
            widest=[self.widest[key] for key in keys],
            # The cubic's error is shown as a bound, rounded up.
            relations=[r"\le" if bound_places and key == "max_error" else "=" for key in keys],
        )
        rows.keys = keys
        return rows

    def _show(
        self,
        net: PlaneNet,
        readouts: VGroup,
        heading: VGroup | None = None,
        n: int | None = None,
        error: float | None = None,
        run_time: float = 1.2,
    ) -> None:
        """Swap the surface, the top view, the heading and the readouts to ``net``'s."""
        surface = self.picture.surface(net, self.surface.azimuth)
        top = self.picture.top_view(net)
        values = {"n": n, "units": net.n_units, "regions": len(surface.regions), "max_error": error}
        moves = [FadeOut(self.surface), FadeIn(surface), FadeOut(self.top), FadeIn(top)]
        if heading is not None:
            moves += [FadeOut(self.heading), FadeIn(heading)]
            self.heading = heading
        if readouts is not self.shown_rows:
            for key, row in zip(readouts.keys, readouts, strict=True):
                row[1].set_value(values[key])
            if self.shown_rows is not None:
                moves.append(FadeOut(self.shown_rows))
            moves.append(FadeIn(readouts))
            self.shown_rows = readouts
            for key, row in zip(readouts.keys, readouts, strict=True):
                self.track(key, row[1])
        else:
            # Each changed number cross-fades with the picture, so none runs ahead of it.
            for key, row in zip(readouts.keys, readouts, strict=True):
                old = row[1]
                if old.get_value() == values[key]:
                    continue
                new = old.copy().set_value(values[key])
                row.submobjects[1] = new
                self.track(key, new)
                moves += [FadeOut(old), FadeIn(new)]
        self.play(*moves, run_time=run_time)
        self.surface, self.top = surface, top


__all__ = ["TwoInputsScene"]
