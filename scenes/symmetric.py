"""The Cross Validated answer's construction: x² on [−3, 3] from mirrored pairs of ReLUs.

With g = ReLU, the two units g(x) and g(−x) are mirror-image ramps; their sum h1 = |x| meets
x² at −1, 0 and 1. Below the graph, the squared loss ½(x² − h1)² (as in the answer's plots)
is at most 1/32 on [−1, 1] (magnified on its own axes) and climbs to 18 at ±3.
h2 = h1 + g(2(x − 1)) + g(−2(x + 1)) (the answer's R code) adds slope 2 past ±1 on each side
and meets x² at every integer of [−2, 2]; its loss is at most 1/32 there too. The pattern
goes on: each new pair adds slope 2 on each side, and h3 meets x² at every integer of
[−3, 3]. Every caption is computed from the nets (:mod:`relu_anim.captions.symmetric`).
"""

from __future__ import annotations

import numpy as np
from manim import Create, FadeIn, FadeOut, ReplacementTransform, Transform, VGroup

from relu_anim.captions.symmetric import SymmetricCaptions
from relu_anim.captions.wording import shown_number
from relu_anim.drawing import StoryScene
from relu_anim.drawing.symmetric import SymmetricPicture
from relu_anim.numeric import max_error, symmetric_square
from relu_anim.settings import SceneParams

THICK, THIN = 8, 4.5


class SymmetricScene(StoryScene):
    """|x| from g(x) + g(−x), then pairs of ReLUs that climb x² on [−3, 3]."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 5
    MATHS = (
        "h1 = g(x) + g(−x) = |x|; each h_k adds g(2(x − (k−1))) + g(−2(x + (k−1))) "
        "and meets x² at the integers of [−k, k]"
    )
    POSTER = "h2"

    def construct(self) -> None:
        theme = self.theme
        pic = self.picture = SymmetricPicture(self.layout, theme)
        self.nets = {k: symmetric_square(k) for k in (1, 2, 3)}
        h1, h2, h3 = self.nets[1], self.nets[2], self.nets[3]
        words = SymmetricCaptions(self.nets)

        self.beat(
            "target",
            words.target(),
            notes="This is the construction from the Cross Validated answer, step by step.",
        )
        square = pic.curve_of_target()
        legend_f = pic.legends((r"x^2", theme.target, THICK))
        self.play(
            Create(pic.axes),
            Create(pic.loss_axes),
            Create(pic.zoom_axes),
            FadeIn(pic.labels, pic.zoom_labels),
            run_time=1.5,
        )
        self.play(Create(square), FadeIn(legend_f), run_time=1.5)
        self.hold(2)

        self.beat("two_units", words.two_units())
        units = [pic.curve(h1.unit(i), theme.unit, THIN) for i in (0, 1)]
        legends = pic.legends((r"x^2", theme.target, THICK), (r"g(x),\ g(-x)", theme.unit, THIN))
        self.play(Create(units[0]), Create(units[1]), Transform(legend_f, legends), run_time=1.5)
        self.hold(2.5)

        self.beat(
            "abs",
            words.abs(),
            notes="No x² anywhere in it: only two straight pieces.",
        )
        curve = pic.curve(h1, theme.approximation)
        dots = pic.meeting_dots(h1, 1)
        legends = pic.legends(
            (r"x^2", theme.target, THICK),
            (r"h_1(x) = g(x) + g(-x) = |x|", theme.approximation, THIN),
        )
        self.play(ReplacementTransform(VGroup(*units), curve), Transform(legend_f, legends))
        gap = self._gap_readout(legends, 1)
        self.play(FadeIn(dots), FadeIn(gap))
        self.hold(2.5)

        self.beat(
            "loss_h1",
            words.loss_h1(),
            notes="The answer plots exactly this loss.",
        )
        loss1 = VGroup(
            pic.loss(h1, theme.approximation), pic.loss(h1, theme.approximation, zoom=True)
        )
        band1 = pic.band(-1.0, 1.0)
        level = pic.zoom_level(words.loss_inside(1), shown_number(words.loss_inside(1)))
        self.play(FadeIn(band1), Create(loss1[0]), run_time=2)
        self.play(FadeIn(level), Create(loss1[1]), run_time=1.5)
        self.hold(2.5)

        self.beat(
            "h2",
            words.h2(),
            notes="The answer's prose writes g(−2x + 2); its R code has g(−2(x + 1)), drawn here.",
        )
        new_pair = [pic.curve(h2.unit(i), theme.unit, THIN) for i in (2, 3)]
        legends = pic.legends(
            (r"x^2", theme.target, THICK),
            (r"h_1(x) = |x|", theme.muted, THIN),
            (r"g(2(x - 1)),\ g(-2(x + 1))", theme.unit, THIN),
            (r"h_2(x) = h_1(x)", theme.approximation, THIN, r"+\, g(2(x - 1)) + g(-2(x + 1))"),
        )
        # The old readout leaves first: the longer legend grows over its place.
        self.play(
            Create(new_pair[0]), Create(new_pair[1]), Transform(legend_f, legends), FadeOut(gap)
        )
        old = pic.curve(h1, theme.muted, THIN)
        curve2 = pic.curve(h2, theme.approximation)
        self.play(
            ReplacementTransform(curve, old),
            Create(curve2),
            FadeOut(dots),
            loss1.animate.set_color(theme.muted),
            band1.animate.set_opacity(0.0),
        )
        dots = pic.meeting_dots(h2, 2)
        loss2 = VGroup(
            pic.loss(h2, theme.approximation), pic.loss(h2, theme.approximation, zoom=True)
        )
        band2 = pic.band(-2.0, 2.0)
        new_gap = self._gap_readout(legends, 2)
        self.play(FadeIn(dots), FadeIn(band2), Create(loss2), FadeIn(new_gap))
        gap = new_gap
        self.hold(3.5)

        self.beat(
            "pattern",
            words.pattern(3),
            notes="h_k is within 1/4 of x² on [−k, k] and a straight line outside it.",
        )
        legends = pic.legends(
            (r"x^2", theme.target, THICK),
            (r"h_3(x) = h_2(x)", theme.approximation, THIN, r"+\, g(2(x - 2)) + g(-2(x + 2))"),
        )
        curve3 = pic.curve(h3, theme.approximation)
        loss3 = VGroup(
            pic.loss(h3, theme.approximation), pic.loss(h3, theme.approximation, zoom=True)
        )
        self.play(
            FadeOut(old, *new_pair, loss1, band1, dots),
            ReplacementTransform(curve2, curve3),
            ReplacementTransform(loss2, loss3),
            Transform(legend_f, legends),
            band2.animate.become(pic.band(-3.0, 3.0)),
        )
        self.play(
            FadeIn(pic.meeting_dots(h3, 3)),
            ReplacementTransform(gap, self._gap_readout(legends, 3)),
            FadeIn(pic.slopes(h3)),
        )
        self.hold(4)

    def _gap_readout(self, legends: VGroup, levels: int) -> VGroup:
        """``max |x² − h_k|`` on [−k, k], measured by the numeric core, tracked as ``max_gap``."""
        gap = max_error(np.square, self.nets[levels], -levels, levels)
        row = self.picture.readout(legends, levels, gap)
        self.track("max_gap", row[1])
        return row
