"""Exact drawings of a :class:`~relu_anim.numeric.ReLUNet`: its polyline and its kinks.

A ReLU net is piecewise linear, so it is drawn as the polyline through its kinks: corners stay
sharp, and nothing is sampled per frame (``axes.plot`` of a ReLU sum is ~4x slower and rounds
the corners). Slope numbers beside its segments are in :mod:`relu_anim.drawing.slopes`.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from manim import (
    Axes,
    DashedLine,
    Dot,
    VGroup,
    VMobject,
)

from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme


class Polyline(Protocol):
    """What a curve draws: a net or samples whose graph on ``[lo, hi]`` is a polyline
    (ReLUNet, DeepReLUNet, Samples)."""

    def polyline(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]: ...


class NetCurve(VMobject):
    """The graph of a ReLU net on ``axes`` over ``x_range``, drawn as its exact polyline.

    Parameters
    ----------
    axes
        The axes whose coordinates the vertices are in.
    net
        The net to draw; :meth:`show` swaps it for another one in place.
    x_range
        The interval ``(lo, hi)`` drawn.

    Examples
    --------
    ::

        axes = Axes(x_range=[0, 2, 1], y_range=[0, 4, 1])
        curve = NetCurve(axes, interpolant(np.square, 0, 2, 4), (0, 2), color=YELLOW)
        curve.show(interpolant(np.square, 0, 2, 8))  # redraws with 8 pieces
    """

    def __init__(
        self, axes: Axes, net: Polyline, x_range: tuple[float, float], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.axes = axes
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.net = net
        self.show(net)

    def __deepcopy__(self, memo: dict[int, Any]) -> NetCurve:
        # A copy (Transform, FadeIn and Indicate all copy) is drawn on the same axes: share
        # them. Deep-copying the axes with all their tick numbers took ~4 s of a 60 s render.
        memo[id(self.axes)] = self.axes
        return super().__deepcopy__(memo)

    # Shadows Mobject.show (a debugging preview that takes a camera): here it swaps the net.
    def show(self, net: Polyline) -> NetCurve:  # type: ignore[override]
        """Redraw this curve as the polyline of ``net`` (its vertices come from the net)."""
        self.net = net
        xs, ys = net.polyline(*self.x_range)
        self.set_points_as_corners(self.axes.c2p(np.column_stack([xs, ys])))
        return self


def net_curve(
    axes: Axes,
    net: Polyline,
    x_range: tuple[float, float],
    color: str,
    stroke_width: float = 5,
    **style: Any,
) -> NetCurve:
    """Return the exact polyline of ``net`` on ``axes``, in ``color``.

    Extra keyword arguments (``stroke_opacity``...) go to :class:`NetCurve`.
    """
    return NetCurve(axes, net, x_range, color=color, stroke_width=stroke_width, **style)


def vertices_on_axes(curve: NetCurve) -> tuple[np.ndarray, np.ndarray]:
    """Map the drawn vertices of ``curve`` back to axes coordinates ``(xs, ys)``.

    This reads what is on screen, so tests can prove the drawing equals the numbers.
    """
    anchors = np.vstack([curve.get_start_anchors(), curve.get_end_anchors()[-1:]])
    coords = np.array([curve.axes.p2c(point) for point in anchors])
    return coords[:, 0], coords[:, 1]


class KinkMarkers(VGroup):
    """The kink markers of one net: a ``VGroup(dot, guide)`` per kink, in increasing x.

    ``net`` and ``x_range`` say what was marked and ``xs`` the kink of each marker, so a scene
    can pair markers with :meth:`~relu_anim.numeric.ReLUNet.slope_jumps` and a test can check
    the dots against :meth:`~relu_anim.numeric.ReLUNet.polyline`.
    """

    def __init__(
        self,
        *markers: VGroup,
        net: ReLUNet,
        x_range: tuple[float, float],
        xs: tuple[float, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*markers, **kwargs)
        self.net = net
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.xs = tuple(float(x) for x in xs)


def kink_marker(
    axes: Axes,
    x: float,
    y: float,
    theme: Theme,
    guide_to: float = 0.0,
    dot_radius: float = 0.06,
) -> VGroup:
    """Return ``VGroup(dot, guide)``: a dot at ``(x, y)`` and a dashed guide to ``(x, guide_to)``.

    The guide runs to the x-axis by default; a kink that lies on the x-axis (``ReLU(x − h)``)
    can instead hang its guide from the top of the plot with ``guide_to=y_max``. The guide is
    one :class:`~manim.VMobject` whose dashes are subpaths (empty for a kink on the x-axis),
    so ``marker[1]`` is always the guide.
    """
    top, foot = axes.c2p(x, y), axes.c2p(x, guide_to)
    guide = VMobject(stroke_color=theme.muted, stroke_width=2)
    if not np.allclose(top, foot):
        # One path with a gap between dashes, not one mobject per dash: a guide that moves
        # (ReLU(x − h)) or fades is then one draw call a frame instead of ~30.
        dashes = DashedLine(foot, top, dash_length=0.08).submobjects
        guide.set_points(np.concatenate([dash.points for dash in dashes]))
    return VGroup(Dot(top, radius=dot_radius, color=theme.highlight), guide)


def kink_markers(
    axes: Axes,
    net: ReLUNet,
    x_range: tuple[float, float],
    theme: Theme,
    dot_radius: float = 0.06,
) -> KinkMarkers:
    """Return a dot on the curve and a dashed guide to the x-axis at every kink inside ``x_range``.

    Each marker is a ``VGroup(dot, guide)``; markers come in increasing x.
    """
    xs, ys = net.polyline(*x_range)
    markers = [
        kink_marker(axes, x, y, theme, dot_radius=dot_radius)
        for x, y in zip(xs[1:-1], ys[1:-1], strict=True)
    ]
    return KinkMarkers(*markers, net=net, x_range=x_range, xs=tuple(xs[1:-1]))
