"""Exact drawings of a :class:`~relu_anim.numeric.ReLUNet`: polyline, kinks and slopes.

A ReLU net is piecewise linear, so it is drawn as the polyline through its kinks: corners stay
sharp, and nothing is sampled per frame (``axes.plot`` of a ReLU sum is ~4x slower and rounds
the corners).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    UP,
    Axes,
    DashedLine,
    DecimalNumber,
    Dot,
    VGroup,
    VMobject,
)

from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme


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
        self, axes: Axes, net: ReLUNet, x_range: tuple[float, float], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.axes = axes
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.net = net
        self.show(net)

    def show(self, net: ReLUNet) -> NetCurve:
        """Redraw this curve as the polyline of ``net`` (its vertices come from the net)."""
        self.net = net
        xs, ys = net.polyline(*self.x_range)
        self.set_points_as_corners(self.axes.c2p(np.column_stack([xs, ys])))
        return self


def net_curve(
    axes: Axes, net: ReLUNet, x_range: tuple[float, float], color: str, stroke_width: float = 5
) -> NetCurve:
    """Return the exact polyline of ``net`` on ``axes``, in ``color``."""
    return NetCurve(axes, net, x_range, color=color, stroke_width=stroke_width)


def vertices_on_axes(curve: NetCurve) -> tuple[np.ndarray, np.ndarray]:
    """Map the drawn vertices of ``curve`` back to axes coordinates ``(xs, ys)``.

    This reads what is on screen, so tests can prove the drawing equals the numbers.
    """
    anchors = np.vstack([curve.get_start_anchors(), curve.get_end_anchors()[-1:]])
    coords = np.array([curve.axes.p2c(point) for point in anchors])
    return coords[:, 0], coords[:, 1]


def kink_markers(
    axes: Axes,
    net: ReLUNet,
    x_range: tuple[float, float],
    theme: Theme,
    dot_radius: float = 0.06,
) -> VGroup:
    """Return a dot on the curve and a dashed guide to the x-axis at every kink inside ``x_range``.

    Each marker is a ``VGroup(dot, guide)``; markers come in increasing x.
    """
    xs, ys = net.polyline(*x_range)
    markers = VGroup()
    for x, y in zip(xs[1:-1], ys[1:-1], strict=True):
        top = axes.c2p(x, y)
        guide = DashedLine(
            axes.c2p(x, 0), top, color=theme.muted, stroke_width=2, dash_length=0.08
        )
        markers.add(VGroup(Dot(top, radius=dot_radius, color=theme.highlight), guide))
    return markers


def slope_labels(
    axes: Axes,
    net: ReLUNet,
    x_range: tuple[float, float],
    theme: Theme,
    decimals: int = 1,
    font_size: float = 30,
    buff: float = 0.3,
) -> VGroup:
    """Return the slope of every segment as a number just above the segment's midpoint."""
    xs, ys = net.polyline(*x_range)
    labels = VGroup()
    for slope, x0, x1, y0, y1 in zip(
        net.slopes(*x_range), xs[:-1], xs[1:], ys[:-1], ys[1:], strict=True
    ):
        label = DecimalNumber(
            slope,
            num_decimal_places=decimals,
            include_sign=True,
            font_size=font_size,
            color=theme.weight_color(slope),
        )
        label.next_to(axes.c2p((x0 + x1) / 2, (y0 + y1) / 2), UP if slope <= 0 else DOWN, buff)
        labels.add(label)
    return labels
