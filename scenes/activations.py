"""ReLU against sin and tanh: where does a piecewise-linear unit get its curvature?

The question of the Cross Validated thread. One sin unit is a power series: sin(x) = x − x³/6
+ x⁵/120 − …, its Taylor polynomials (from ``taylor_terms``) closing in on it. One ReLU unit is
0 on one side of its kink and a straight line on the other: no x², no x³ at all. Yet sums of
them fit curves: the same target (x² on [−2, 2], then sin(3x) on [−π, π]) is fitted by N units
of ReLU, tanh and sin side by side (least squares on the output weights, the same centres for
all three), N from 2 to 20, each unit's own curve faint behind its fit and the max errors
beside. Last, a continuous, nested zoom at the peak of sin(3x) (the Cross Validated answer's
argument): zoomed far enough, the smooth target looks straight, while beside it the ReLU fit is
straight pieces at every zoom: the non-linearity is in the bends, not in any unit.
"""

from __future__ import annotations

import numpy as np
from manim import Create, FadeIn, FadeOut, Transform, VGroup

from relu_anim.captions.activations import fit_caption, zoom_caption
from relu_anim.drawing import StoryScene
from relu_anim.drawing.activations import ComparePicture, UnitPicture, series_latex
from relu_anim.drawing.zoom import NestedZoom
from relu_anim.numeric import (
    ActivationNet,
    ReLUNet,
    activation_fits,
    drawn,
    max_error,
    sampled,
    taylor_polynomial,
    taylor_terms,
)
from relu_anim.numeric.targets import parse_target
from relu_anim.settings import SceneParams

COUNTS = (2, 3, 4, 6, 8, 12, 20)
KINDS = ("relu", "tanh", "sin")
SQUARE = (parse_target("square"), r"x^2", (-2.0, 2.0))
SINE = (parse_target("sin(3*x)"), r"\sin(3x)", (-np.pi, np.pi))
RELU_BIAS = 0.5  # the ReLU unit of the second beat: ReLU(x + 0.5), its kink at −0.5
# The zoom: at the peak of sin(3x), where it bends most, from a window 2.4 wide to 0.0006.
ZOOM_AT = np.pi / 6
ZOOM_WIDTHS = (1.2, 0.0003)
ZOOM_SECONDS = 8.0


class ActivationsScene(StoryScene):
    """One sin unit has x³, x⁵…; one ReLU has none, yet ReLU sums fit curves by their bends."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 6
    MATHS = "sin(x) = x − x³/6 + x⁵/120 − …; ReLU(x + b) is linear on each side; fits of N units"
    POSTER = "fit_sine"

    def construct(self) -> None:
        theme = self.theme
        self._measure()

        self.beat(
            "sin_unit",
            "One sin unit is a whole power series: sin(x) = x − x³/6 + x⁵/120 − …, so x³, x⁵ "
            "and every odd power are in it.",
            notes="The question: sin(w·x + b) has non-linear terms; where are ReLU's?",
        )
        pic = UnitPicture(self.layout, theme, (-3.0, 3.0))
        sine = ActivationNet("sin", a=[1.0], w=[1.0], b=[0.0])
        lines = pic.lines(
            (r"\sin(x) = " + series_latex(taylor_terms("sin", 1.0, 0.0, 7)), theme.unit),
            (r"\text{Taylor polynomials,} \quad \text{degree } 1, 3, 5", theme.muted),
        )
        polys = VGroup(
            *(
                pic.curve(
                    taylor_polynomial(taylor_terms("sin", 1.0, 0.0, k), -3.0, 3.0), theme.muted, 2.5
                )
                for k in (1, 3, 5)
            )
        )
        unit = pic.curve(sine, theme.unit)
        self.play(Create(pic.axes), FadeIn(lines[0]), run_time=1.5)
        self.play(Create(unit), run_time=1.2)
        self.play(Create(polys), FadeIn(lines[1]), run_time=2)
        self.hold(2)

        terms = taylor_terms("relu", 1.0, RELU_BIAS, 3)
        self.beat(
            "relu_unit",
            "One ReLU unit is 0 left of its kink and a straight line right of it: "
            "0.5 + x here, with no x², no x³, nothing more.",
        )
        relu_unit = pic.curve(ReLUNet(a=[1.0], w=[1.0], b=[RELU_BIAS]), theme.unit)
        relu_lines = pic.lines(
            (r"\text{ReLU}(x + 0.5) =", theme.unit),
            (r"0 \quad \text{for } x < -0.5", theme.unit),
            (series_latex(terms, True, "") + r"\quad \text{for } x > -0.5", theme.unit),
            (r"\text{linear on each side of its kink}", theme.muted),
        )
        self.play(FadeOut(unit, polys, lines))
        self.play(Create(relu_unit), FadeIn(relu_lines), run_time=1.5)
        self.hold(3)

        self.beat("fit_square", self._fit_caption(SQUARE), notes="Same centres for all three.")
        self.play(FadeOut(relu_unit, relu_lines, pic.axes))
        self._compare(SQUARE)

        self.beat(
            "fit_sine",
            self._fit_caption(SINE),
            notes="Sin units fit smooth targets closely, with large output weights that cancel.",
        )
        self.play(FadeOut(*self.mobjects))
        self._compare(SINE)

        net = self.fits[SINE[0].expression]["relu", COUNTS[-1]]
        self.beat(
            "zoom",
            zoom_caption(SINE[0], net, ZOOM_AT, ZOOM_WIDTHS, "sin(3x)", "π/6"),
            notes="Any smooth curve looks straight up close; a ReLU fit is straight at every zoom.",
        )
        self._zoom(net)

    # -- the pieces ----------------------------------------------------------------------------

    def _measure(self) -> None:
        """Every fit and every error the scene shows, from the numeric core."""
        self.fits, self.errors = {}, {}
        for f, _, (lo, hi) in (SQUARE, SINE):
            fits = activation_fits(f, lo, hi, COUNTS, KINDS)
            self.fits[f.expression] = fits
            for (kind, n), net in fits.items():
                self.errors[f.expression, kind, n] = max_error(f, net, lo, hi)

    def _fit_caption(self, story: tuple) -> str:
        f = story[0]
        last = {kind: self.errors[f.expression, kind, COUNTS[-1]] for kind in KINDS}
        name = "x² on [−2, 2]" if f.expression == SQUARE[0].expression else "sin(3x) on [−π, π]"
        return fit_caption(name, last, COUNTS)

    def _compare(self, story: tuple) -> None:
        f, latex, (lo, hi) = story
        fits = self.fits[f.expression]
        target = sampled(f, lo, hi)
        shapes = [target, *(drawn(net, lo, hi) for net in fits.values())]
        pic = self.compare = ComparePicture(self.layout, self.theme, latex, (lo, hi), shapes)
        for kind, panel in pic.panels.items():
            self.track(f"max_{kind}", panel.error)
        self.track("units", pic.count)
        targets = [pic.target_curve(kind, target) for kind in KINDS]
        self.play(
            Create(pic.axes_group()),
            FadeIn(pic.banner[0][0], pic.fixed),
            *(Create(curve) for curve in targets),
            run_time=1.5,
        )
        curves, units = {}, {}
        for step, n in enumerate(COUNTS):
            pic.count.set_value(n)
            new_curves, new_units = {}, {}
            for kind, panel in pic.panels.items():
                net = fits[kind, n]
                panel.error.set_value(self.errors[f.expression, kind, n])
                new_curves[kind] = pic.fit_curve(kind, drawn(net, lo, hi))
                new_units[kind] = pic.unit_curves(kind, net)
            if step == 0:
                self.add(*new_units.values())
                # The numbers appear with the first fits they measure.
                self.play(
                    *(Create(c) for c in new_curves.values()),
                    FadeIn(pic.count, pic.headers()),
                    run_time=1.2,
                )
                curves = new_curves
            else:
                self.remove(*units.values())
                self.add(*new_units.values())
                self.bring_to_front(*curves.values())
                self.play(*(Transform(curves[k], new_curves[k]) for k in KINDS), run_time=0.7)
                for kind in KINDS:  # the drawn curve now is the new fit's, exactly
                    self.remove(curves[kind])
                    curves[kind] = new_curves[kind]
                    self.add(curves[kind])
            units = new_units
            self.hold(0.6 if n < COUNTS[-1] else 2.5)

    def _zoom(self, net: ReLUNet) -> None:
        f = SINE[0]
        self.zoom = zoom = NestedZoom(
            self.layout,
            self.theme,
            f,
            net,
            ZOOM_AT,
            ZOOM_WIDTHS,
            (r"\sin(3x)", rf"\text{{ReLU fit}},\ N = {COUNTS[-1]}"),
        )
        # Where we look first, marked on the ReLU panel.
        lo, hi = zoom.window()
        y_lo, y_hi = self.compare.panels["relu"].axes.y_range[:2]
        y0 = float(net(ZOOM_AT))
        box = self.compare.window_box(
            "relu", (lo, hi), (max(y0 - ZOOM_WIDTHS[0], y_lo), min(y0 + ZOOM_WIDTHS[0], y_hi))
        )
        self.play(Create(box))
        self.play(FadeOut(*self.mobjects))
        self.play(FadeIn(zoom.still, zoom.width_readout), run_time=1.0)
        self.play(Create(zoom.target_curve), Create(zoom.fit_curve), run_time=1.5)
        self.hold(1)
        zoom.attach()
        self.keep_live(*zoom.moving)
        self.play(zoom.animation(ZOOM_SECONDS))
        self.hold(3)
