"""Looking closer: a small window of a fit drawn big, where straight pieces are seen as such.

:class:`CloseLook` draws one window of a target and a ReLU net on their own axes (the window
from :func:`~relu_anim.numeric.closest_look`): the net as its exact polyline, so its vertices
are its kinks, and the target as fine samples. :func:`window_marker` marks on the full plot
where the window is, at least large enough to be seen. :class:`NestedZoom` zooms in
continuously, a smooth target beside a ReLU fit, each in an equally scaled square
(:class:`Viewport`): the target straightens, the fit's pieces are straight at every zoom.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from manim import LEFT, RIGHT, Animation, Axes, MathTex, Rectangle, Square, ValueTracker, VGroup

from relu_anim.drawing.axes import axes_in, numbers_at_edges, tick_range
from relu_anim.drawing.curves import NetCurve, kink_marker
from relu_anim.drawing.layout import Layout
from relu_anim.drawing.readouts import live_number, steady_sweep
from relu_anim.numeric import (
    ReLUNet,
    sampled,
    stretch_around,
    visible_x_range,
    zoom_half_width,
)
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
        # Numbers at the edges: a window through 0 (abs) set the y numbers on the mid-plot
        # y-axis, under the fit.
        self.axes = numbers_at_edges(
            axes_in(graph, tick_range(*window, 4), tick_range(*self.y_range, 4), theme)
        )
        self.target_curve = NetCurve(
            self.axes, self.target_samples, window, color=theme.target, stroke_width=9
        )
        self.fit_curve = NetCurve(self.axes, net, window, color=theme.approximation, stroke_width=5)
        # Guides drop to the bottom of these axes: their y-range need not hold 0.
        xs, ys = net.polyline(*window)
        bottom = float(self.axes.y_range[0])
        self.markers = VGroup(
            *(
                kink_marker(self.axes, x, y, theme, guide_to=bottom, dot_radius=0.09)
                for x, y in zip(xs[1:-1], ys[1:-1], strict=True)
            )
        )
        title = MathTex(
            rf"\text{{Up close: }} f(x) = {target_latex},",
            rf"\ N = {net.n_units},\ x \in [{_tick(window[0])}, {_tick(window[1])}]",
            font_size=TITLE_FONT,
        )
        self.title = banner.put(title, LEFT)


class Viewport:
    """Axes without lines: the window ``[x0 − w, x0 + w] × [y0 − w, y0 + w]`` mapped onto a
    square of ``side`` units centred at ``centre`` on screen, one unit of x as long as one of
    y. :meth:`look_at` moves the window; a :class:`NetCurve` drawn "on" the viewport reads its
    coordinates through :meth:`c2p` and back through :meth:`p2c`, as on axes.

    Examples
    --------
    >>> view = Viewport(np.array([1.0, 0.0, 0.0]), side=4.0).look_at(0.5, 2.0, 0.25)
    >>> view.c2p(0.75, 2.0).tolist(), view.p2c(np.array([1.0, 2.0, 0.0])).tolist()
    ([3.0, 0.0, 0.0], [0.5, 2.25])
    """

    def __init__(self, centre: np.ndarray, side: float) -> None:
        self.centre = np.asarray(centre, dtype=float)
        self.side = float(side)
        self.x0, self.y0, self.half = 0.0, 0.0, 1.0

    def look_at(self, x0: float, y0: float, half: float) -> Viewport:
        """Show the window of half-width ``half`` around ``(x0, y0)``."""
        self.x0, self.y0, self.half = float(x0), float(y0), float(half)
        return self

    @property
    def scale(self) -> float:
        """Screen units per unit of x (and of y)."""
        return self.side / (2 * self.half)

    def c2p(self, *coords: float | np.ndarray) -> np.ndarray:
        """Screen points of ``(x, y)``, or of every row of an ``(n, 2)`` array."""
        points = np.asarray(coords[0] if len(coords) == 1 else coords, dtype=float)
        flat = points.reshape(-1, points.shape[-1])[:, :2]
        screen = np.zeros((len(flat), 3))
        screen[:, 0] = self.centre[0] + (flat[:, 0] - self.x0) * self.scale
        screen[:, 1] = self.centre[1] + (flat[:, 1] - self.y0) * self.scale
        return screen[0] if points.ndim == 1 else screen

    def p2c(self, point: np.ndarray) -> np.ndarray:
        """The ``(x, y)`` of a screen point."""
        x = self.x0 + (point[0] - self.centre[0]) / self.scale
        y = self.y0 + (point[1] - self.centre[1]) / self.scale
        return np.array([x, y])


class NestedZoom:
    """A continuous zoom into ``target`` and ``net`` at ``x0``, side by side (stacked in
    portrait), each in an equally scaled square window centred on its own curve at ``x0``.

    A tracker runs 0 → 1 and the half-width shrinks geometrically from ``widths[0]`` to
    ``widths[1]`` (:func:`~relu_anim.numeric.zoom_half_width`), so every window holds the
    next. Each frame both curves are redrawn from the numeric core for the window: the target
    as fine samples, the net as its exact polyline, each cut where it leaves its square.

    Examples
    --------
    ::

        zoom = NestedZoom(self.layout, theme, f, net, np.pi / 6, (1.2, 0.003), labels)
        self.play(FadeIn(zoom.still), Create(zoom.target_curve), Create(zoom.fit_curve))
        zoom.attach()
        self.keep_live(*zoom.moving)
        self.play(zoom.animation(run_time=8))
    """

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        target: Callable[[np.ndarray], npt.ArrayLike],
        net: ReLUNet,
        x0: float,
        widths: tuple[float, float],
        labels: tuple[str, str],
        samples: int = 241,
    ) -> None:
        self.target, self.net, self.x0 = target, net, float(x0)
        self.widths, self.samples = (float(widths[0]), float(widths[1])), int(samples)
        self.tracker = ValueTracker(0.0)
        banner, body = layout.banner_and_graph(banner=0.9)
        halves = body.rows(1, 1, gap=0.4) if layout.portrait else body.columns(1, 1, gap=0.6)
        self.views: list[Viewport] = []
        self.frames, self.labels = VGroup(), VGroup()
        for half, (latex, color) in zip(
            halves, ((labels[0], theme.target), (labels[1], theme.approximation)), strict=True
        ):
            label_row, square_row = half.rows(1, 6, gap=0.2)
            side = min(square_row.width, square_row.height)
            centre = np.array([*square_row.center[:2], 0.0])
            self.views.append(Viewport(centre, side))
            self.frames.add(Square(side, color=theme.muted, stroke_width=2).move_to(centre))
            self.labels.add(label_row.put(MathTex(latex, font_size=TITLE_FONT, color=color)))
        self.width_readout = live_number(
            r"\text{window width}", lambda: 2 * self.half_width(), 4, font_size=TITLE_FONT
        )
        banner.put(self.width_readout, RIGHT)
        self.target_curve = NetCurve(
            self.views[0],  # type: ignore[arg-type]  # axes-like: c2p and p2c
            sampled(target, x0 - 1, x0 + 1, self.samples),
            (x0 - 1, x0 + 1),
            color=theme.target,
            stroke_width=7,
        )
        self.fit_curve = NetCurve(
            self.views[1],  # type: ignore[arg-type]
            net,
            (x0 - 1, x0 + 1),
            color=theme.approximation,
            stroke_width=5,
        )
        self.follow()

    def half_width(self) -> float:
        """The half-width of the window shown now."""
        return zoom_half_width(*self.widths, self.tracker.get_value())

    def window(self) -> tuple[float, float]:
        """The x-window shown now."""
        half = self.half_width()
        return self.x0 - half, self.x0 + half

    def follow(self) -> None:
        """Redraw both curves for the window the tracker asks for."""
        half = self.half_width()
        lo, hi = self.window()
        samples = sampled(self.target, lo, hi, self.samples)
        y0 = float(np.asarray(self.target(np.array([self.x0])))[0])
        self.views[0].look_at(self.x0, y0, half)
        stretch = stretch_around(samples.xs, samples.ys, self.x0, y0 - half, y0 + half)
        self.target_curve.x_range = stretch or (self.x0, self.x0)
        self.target_curve.show(samples)
        y0 = float(self.net(self.x0))
        self.views[1].look_at(self.x0, y0, half)
        visible = visible_x_range(self.net, (lo, hi), (y0 - half, y0 + half))
        self.fit_curve.x_range = visible or (self.x0, self.x0)
        self.fit_curve.show(self.net)

    def attach(self) -> NestedZoom:
        """Redraw on every frame from now on (one updater moves both curves)."""
        self.fit_curve.add_updater(lambda _curve: self.follow())
        return self

    def animation(self, run_time: float) -> Animation:
        """The zoom: the tracker 0 → 1 at a steady pace (the widths shrink geometrically)."""
        return steady_sweep(self.tracker, run_time)

    @property
    def still(self) -> VGroup:
        """What does not move: the squares and their labels."""
        return VGroup(self.frames, self.labels)

    @property
    def moving(self) -> tuple[NetCurve, NetCurve, VGroup]:
        """Everything :meth:`follow` changes, to be kept live by the scene."""
        return self.fit_curve, self.target_curve, self.width_readout
