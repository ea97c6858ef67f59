"""Why deep? Yarotsky's sawtooth: m layers of 4 units square x as well as 2^m equal pieces.

The tent map T(x) = 2·ReLU(x) − 4·ReLU(x − ½) + 2·ReLU(x − 1) climbs to 1 at x = ½ and falls
back: three units, one layer. Composing it doubles the teeth: T∘T has 2, T∘T∘T has 4, and s
layers have 2^(s−1). Subtracting the sawtooths, scaled by 4^s, from x gives

    f_m(x) = x − Σ_{s=1..m} T^{∘s}(x) / 4^s,

exactly the interpolant of x² on 2^m equal pieces, max error 2^(−2m−2): as a network, m
layers of 4 units (3 for the tent and one carrying the running sum, which ReLU passes
unchanged because it is never negative). On equal pieces a single layer needs 2^m units for
the same error, so at m = 7 it is 28 units deep against 128 in one layer; with any weights one
layer still needs at least 90 (n units make at most n + 1 pieces, and no line comes within
h²/8 of x² on a piece of width h), and depth beats every one-layer net from m = 5 on. Every
curve is the exact polyline of the core's nets (``tent_power``, ``sawtooth_square``), every
count is measured by ``depth_table`` or bounded by ``shallow_units_lower_bound``; the
captions are computed from them (:mod:`relu_anim.captions.depth`).
"""

from __future__ import annotations

import numpy as np
from manim import (
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    ReplacementTransform,
    VGroup,
    Write,
)

from relu_anim.captions.depth import DepthCaptions
from relu_anim.drawing import StoryScene, target_curve
from relu_anim.drawing.curves import kink_marker
from relu_anim.drawing.depth import DepthPicture, teeth
from relu_anim.numeric import max_error
from relu_anim.numeric.deep import depth_table, sawtooth_square, tent_power
from relu_anim.settings import SceneParams

POWERS = (2, 3, 4)  # the tent powers shown after T itself
SUMS = (1, 2, 3, 4, 5)  # the f_m drawn converging
TABLE = tuple(range(1, 8))  # depths in the table of unit counts
MARK = 7  # the row the story points at


class DepthScene(StoryScene):
    """Why deep? Composed tent maps: m layers of 4 units square x like 2^m units in one."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 8
    MATHS = "f_m(x) = x − Σ_{s≤m} T^{∘s}(x)/4^s interpolates x² on 2^m pieces: 4m units deep vs 2^m"
    POSTER = "count"

    def construct(self) -> None:
        picture = DepthPicture(self.layout, self.theme)
        self.picture, theme = picture, self.theme
        tent = tent_power(1)
        rows = depth_table(TABLE)
        words = DepthCaptions(POWERS, SUMS, rows, MARK)

        self.beat(
            "tent",
            words.tent(),
            notes="The middle unit, weight −4, is the one that turns the ramp around at ½.",
        )
        self.curve = picture.curve(tent)
        self.diagram = picture.diagram(tent, "T")
        self.heading = picture.tent_heading()
        self.play(Create(picture.axes), FadeIn(picture.labels), run_time=1.2)
        self.play(Create(self.curve), FadeIn(self.diagram), Write(self.heading), run_time=1.5)
        self.hold(1)
        halo = self.diagram.halo(1, 1)
        peak = kink_marker(picture.axes, 0.5, float(tent(0.5)), theme, dot_radius=0.1)
        self.play(
            FadeIn(halo),
            FadeIn(peak),
            Indicate(self.heading.terms[1], color=theme.highlight),
            run_time=1.2,
            hold=2.5,
        )

        self.beat(
            "teeth",
            words.teeth(),
            notes="One more layer, 3 more units, twice the teeth: depth multiplies.",
        )
        readouts = picture.readouts(r"\text{layers } s", r"\text{teeth}", decimals=(0, 0))
        self.track("layers", readouts[0][1].set_value(1))
        self.track("teeth", readouts[1][1].set_value(teeth(tent)))
        self.play(FadeOut(halo, peak), FadeIn(readouts), run_time=0.8)
        for s in POWERS:
            net = tent_power(s)
            curve, diagram = picture.curve(net), picture.diagram(net, rf"T^{{\circ {s}}}")
            heading = picture.heading([rf"T^{{\circ {s}}}(x) = T(T^{{\circ {s - 1}}}(x))"])
            readouts[0][1].set_value(s)
            readouts[1][1].set_value(teeth(net))
            self.play(
                ReplacementTransform(self.curve, curve),
                ReplacementTransform(self.diagram, diagram),
                FadeOut(self.heading),
                FadeIn(heading),
                run_time=1.2,
                hold=1.8,
            )
            self.curve, self.diagram, self.heading = curve, diagram, heading

        self.beat(
            "sum",
            words.sum(),
            notes="Each layer adds 4 units and quarters the error.",
        )
        self.target = target_curve(picture.axes, np.square, (0.0, 1.0), theme)
        teeth_readouts = readouts
        readouts = picture.readouts(r"\text{layers } m", r"\max|x^2 - f_m|", decimals=(0, 6))
        self.track("layers", readouts[0][1])
        self.track("max_error", readouts[1][1])
        heading = picture.heading([r"f_m(x) = x - \sum_{s=1}^{m} \frac{T^{\circ s}(x)}{4^s}"])
        self.play(
            FadeOut(self.curve, self.diagram, self.heading, teeth_readouts),
            Create(self.target),
            FadeIn(heading),
            run_time=1.2,
        )
        self.heading, self.curve, self.diagram = heading, None, None
        for m in SUMS:
            net = sawtooth_square(m)
            curve, diagram = picture.curve(net), picture.diagram(net, "f_m")
            readouts[0][1].set_value(m)
            readouts[1][1].set_value(max_error(np.square, net, 0.0, 1.0))
            shown = [FadeIn(readouts)] if m == SUMS[0] else []
            if self.curve is None:
                moves = [Create(curve), FadeIn(diagram), *shown]
            else:
                moves = [
                    ReplacementTransform(self.curve, curve),
                    ReplacementTransform(self.diagram, diagram),
                ]
            self.play(*moves, run_time=1.2, hold=1.6)
            self.curve, self.diagram = curve, diagram

        self.beat(
            "carry",
            words.carry(),
            notes="Unit 4 of layer s outputs ReLU(f_{s−1}) = f_{s−1}: it interpolates x² ≥ 0. "
            "On [0, 1] the third tent unit, ReLU(y − 1), is always 0; it is kept to show T.",
        )
        layers = len(self.diagram.net.layers)
        carries = VGroup(*(self.diagram.halo(s, 3) for s in range(1, layers + 1)))
        note = picture.note(
            [r"\text{unit 4 of layer } s:"],
            [r"\mathrm{ReLU}(f_{s-1}) = f_{s-1} \geq 0"],
        )
        self.play(FadeIn(carries), FadeOut(readouts), FadeIn(note), run_time=1.0, hold=3)

        self.beat(
            "count",
            words.count(),
            notes="Both columns are measured: the fewest one-layer interpolant units reaching "
            "the deep error; the bound below them holds for any one-layer weights (n units "
            f"make at most n + 1 pieces). Depth wins against any one layer from m = "
            f"{words.crossover()} on.",
        )
        table = picture.table(rows, MARK, bound=words.fewest_any())
        deep, shallow = table.cells[MARK]
        self.track("deep_units", deep)
        self.track("shallow_units", shallow)
        self.track("any_weights_at_least", table.bound)
        curve = picture.curve(sawtooth_square(MARK))
        self.play(
            FadeOut(self.diagram, carries, note),
            ReplacementTransform(self.curve, curve),
            run_time=1.0,
        )
        self.curve = curve
        self.play(FadeIn(table), run_time=1.5, hold=2)
        self.play(
            Indicate(deep, color=theme.highlight),
            Indicate(shallow, color=theme.highlight),
            run_time=1.2,
            hold=5,
        )
