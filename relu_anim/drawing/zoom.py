"""Looking closer: a small window of a fit drawn big, where straight pieces are seen as such.

:class:`CloseLook` draws one window of a target and a ReLU net on their own axes (the window
from :func:`~relu_anim.numeric.closest_look`): the net as its exact polyline, so its vertices
are its kinks, and the target as fine samples. :func:`window_marker` marks on the full plot
where the window is, at least large enough to be seen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from manim import LEFT, Axes, MathTex, Rectangle

from relu_anim.drawing.axes import axes_in, tick_range
from relu_anim.drawing.curves import NetCurve, kink_markers
from relu_anim.drawing.layout import Layout
from relu_anim.numeric import ReLUNet, sampled
from relu_anim.theme import Theme

TITLE_FONT = 40


def window_marker(
    axes: Axes,
    window: tuple[float, float],
    y_range: tuple[float, float],
    theme: Theme,
    least: float = 0.35,
) -> Rectangle:
    """A frame around ``window`` × ``y_range`` on ``axes``, at least ``least`` units a side (a
    window of 1/50 of the plot would otherwise be a dot)."""
    low, high = axes.c2p(window[0], y_range[0]), axes.c2p(window[1], y_range[1])
    box = Rectangle(
        width=max(high[0] - low[0], least),
        height=max(high[1] - low[1], least),
        color=theme.highlight,
        stroke_width=3,
    )
    return box.move_to((low + high) / 2)


def _tick(value: float) -> str:
    return f"{value:.4g}"


class CloseLook:
    """A window of ``target`` and ``net`` drawn over a whole frame, under a title.

    The y-range spans the target and the net on the window only, so a gap a thousand times
    smaller than the full plot fills part of this one; the tick numbers say how small.

    Examples
    --------
    ::

        look = CloseLook(self.layout, self.theme, target, net, (0.0, 0.04), "x^2")
        self.play(Create(look.axes), Create(look.target_curve), FadeIn(look.title))
        self.play(Create(look.fit_curve), FadeIn(look.markers))
    """

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        target: Callable[[np.ndarray], npt.ArrayLike],
        net: ReLUNet,
        window: tuple[float, float],
        target_latex: str,
    ) -> None:
        self.window = window
        banner, graph = layout.banner_and_graph(banner=0.9)
        self.target_samples = sampled(target, *window)
        values = np.concatenate([self.target_samples.ys, net.polyline(*window)[1]])
        self.y_range = float(values.min()), float(values.max())
        self.axes = axes_in(graph, tick_range(*window, 4), tick_range(*self.y_range, 4), theme)
        self.target_curve = NetCurve(
            self.axes, self.target_samples, window, color=theme.target, stroke_width=9
        )
        self.fit_curve = NetCurve(self.axes, net, window, color=theme.approximation, stroke_width=5)
        self.markers = kink_markers(self.axes, net, window, theme, dot_radius=0.09)
        title = MathTex(
            rf"\text{{Up close: }} f(x) = {target_latex},",
            rf"\ N = {net.n_units},\ x \in [{_tick(window[0])}, {_tick(window[1])}]",
            font_size=TITLE_FONT,
        )
        self.title = banner.put(title, LEFT)
