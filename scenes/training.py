"""How does a network find its weights? Gradient descent moves the kinks.

An 8-unit ReLU net starts from seeded random weights and descends the mean squared error to
x² on [−2, 2] for 4000 steps (``train_square``: plain NumPy, the same numbers on every
render). Its kinks slide along the axis, the curve settles onto the parabola, the loss falls
from about 2 to below 10⁻³ in the corner plot (log scale), and the step count ticks on. One
unit of the trained net is then lit up: its edges in the network, its kink on the graph and
its term. Last, a net trained by scikit-learn's MLPRegressor (8 ReLU units, L-BFGS, fixed
seed) is imported with ``ReLUNet.from_sklearn`` and drawn the same way, kinks marked. Without
scikit-learn that beat says so and keeps the picture.
"""

from __future__ import annotations

import numpy as np
from manim import (
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    ReplacementTransform,
)

from relu_anim.captions.training import TrainingCaptions
from relu_anim.drawing import StoryScene
from relu_anim.drawing.network import unit_kink, unit_term
from relu_anim.drawing.training import Playback, TrainingPicture, strongest_unit
from relu_anim.numeric import ReLUNet, max_error
from relu_anim.numeric.training import train_square
from relu_anim.settings import SceneParams
from relu_anim.trained import sklearn_square

UNITS = 8
DESCENT_SECONDS = 14.0


class TrainingScene(StoryScene):
    """How training finds the weights: gradient descent slides the kinks onto x²."""

    DEFAULTS = SceneParams(theme="dark")
    ORDER = 9
    MATHS = "a, w, b, c ← a, w, b, c − η·∇ mean (g(x) − x²)²: the kinks −b/w move with w and b"
    POSTER = "descent"

    def construct(self) -> None:
        theme = self.theme
        self.snapshots = train_square(units=UNITS)
        self.model = sklearn_square(units=UNITS)
        self.imported = None if self.model is None else ReLUNet.from_sklearn(self.model)
        others = [] if self.imported is None else [self.imported]
        picture = TrainingPicture(self.layout, theme, self.snapshots, others)
        self.picture = picture
        readouts = picture.readouts((r"\text{step}", 0), (r"\text{loss}", 4))
        step, loss = self.track("step", readouts[0][1]), self.track("loss", readouts[1][1])
        self.playback = playback = Playback(picture, step, loss, readouts)
        words = TrainingCaptions(self.snapshots, UNITS)

        self.beat(
            "start",
            words.start(),
            notes="Weights drawn from a fixed seed: every render starts here.",
        )
        self.play(Create(picture.axes), FadeIn(picture.labels), Create(picture.target))
        self.play(
            Create(playback.curve),
            FadeIn(playback.markers, playback.network, readouts, picture.loss_frame),
            FadeIn(playback.head),
            run_time=1.5,
            hold=2,
        )

        end = self.snapshots[-1]
        self.beat(
            "descent",
            words.descent(),
            notes="The loss plot is logarithmic: each gridline is ten times less error.",
        )
        self.remove(*playback.group.submobjects)
        self.add(playback.group)
        self.keep_live(playback.attach())
        self.play(playback.animation(DESCENT_SECONDS), run_time=DESCENT_SECONDS)
        playback.detach()
        self.hold(2.5)

        net = end.net
        unit = strongest_unit(net)
        a = float(net.a[unit])
        self.unit = unit
        self.beat(
            "unit",
            words.unit(net, unit),
            notes="Its kink −b/w is where descent left it; its weight a is the slope change.",
        )
        diagram = playback.network[0]
        halo = diagram.halo(1, unit)
        kink = unit_kink(picture.axes, net, unit, theme)
        term = picture.note(*unit_term(net, unit, theme).tex_strings)
        term[0].set_color(theme.weight_color(a))
        self.play(FadeIn(halo), FadeIn(kink), FadeIn(term), run_time=1.0)
        self.play(Indicate(term), Indicate(kink[0], scale_factor=1.6), run_time=1.2, hold=2.5)
        lit = (halo, kink, term)

        if self.imported is None:
            self.beat("sklearn", words.sklearn(None))
            self.play(FadeOut(*lit), run_time=0.6, hold=4)
            return
        self.beat(
            "sklearn",
            words.sklearn(self.imported),
            notes="Same picture as the article draws, from a real trained model.",
        )
        curve = picture.curve(self.imported)
        markers = picture.markers(self.imported)
        diagram = picture.diagram(self.imported)
        note = picture.note(r"\text{scikit-learn MLPRegressor}")
        facts = picture.readouts((r"\text{units}", 0), (r"\max|x^2 - g|", 3))
        facts[0][1].set_value(self.imported.n_units)
        facts[1][1].set_value(max_error(np.square, self.imported, -2.0, 2.0))
        self.track("units", facts[0][1])
        self.track("max_error", facts[1][1])
        self.play(
            FadeOut(playback.markers, playback.network, readouts, picture.loss_frame),
            FadeOut(playback.trace, playback.head, *lit),
            ReplacementTransform(playback.curve, curve),
            run_time=1.2,
        )
        self.play(FadeIn(markers, diagram, note, facts), run_time=1.2, hold=4)
        self.sklearn_curve, self.sklearn_markers = curve, markers
