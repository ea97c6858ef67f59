"""A one-unit net whose kink slides: the curve, its kink marker and a live readout riding on top.

The Shift scene's picture: ``ReLU(x − h)`` redrawn from the numeric core whenever ``h`` moves
(three vertices, so every frame is cheap), a dot and dashed guide at the kink, and ``h = …``
standing over the guide, kept inside the plot. A kink outside the interval is not drawn.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import DOWN, Axes, MathTex, ValueTracker, VGroup

from relu_anim.drawing.curves import NetCurve, kink_marker, net_curve
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme


class SlidingKink:
    """Draw ``net_for(tracker value)`` on ``axes`` and keep its kink marked and labelled.

    Parameters
    ----------
    axes, interval, theme
        Where to draw, on which x-interval, in which colours.
    net_for
        The one-kink net for a value of the tracker, e.g. :func:`relu_anim.numeric.shifted`.
    tracker
        The value that moves (``h``).
    label, decimals, font_size
        The readout ``label = value`` over the kink.

    Examples
    --------
    ::

        sliding = SlidingKink(axes, (-3, 3), theme, shifted, ValueTracker(0.0), "h")
        sliding.attach()
        scene.keep_live(*sliding.moving)
        self.play(sliding.tracker.animate.set_value(1.5))
    """

    def __init__(
        self,
        axes: Axes,
        interval: tuple[float, float],
        theme: Theme,
        net_for: Callable[[float], ReLUNet],
        tracker: ValueTracker,
        label: str = "h",
        decimals: int = 1,
        font_size: float = 36,
    ) -> None:
        self.axes, self.interval, self.theme = axes, interval, theme
        self.net_for, self.tracker = net_for, tracker
        net = net_for(tracker.get_value())
        self.curve: NetCurve = net_curve(axes, net, interval, theme.unit)
        self.kink = kink_marker(axes, 0.0, 0.0, theme, guide_to=axes.y_range[1], dot_radius=0.08)
        self.readout = live_number(label, tracker.get_value, decimals, font_size=font_size)
        number = self.readout[-1]
        assert isinstance(number, LiveNumber)  # live_number's last member
        self.number = number
        self._left = float(axes.c2p(axes.x_range[0], 0)[0])
        self._right = float(axes.c2p(axes.x_range[1], 0)[0])
        self._kink_shown = True
        self.follow()

    def attach(self) -> SlidingKink:
        """Redraw on every frame from now on."""
        self.curve.add_updater(lambda _curve: self.follow())
        return self

    def follow(self) -> None:
        """Redraw the curve for the tracker's value; move the marker and the readout with it.

        Positions come from the axes, not from bounding boxes of big groups, which would cost
        more than the drawing.
        """
        net = self.net_for(self.tracker.get_value())
        self.curve.show(net)
        (kink_x,) = net.kinks()
        dot, guide = self.kink
        self.kink.shift(self.axes.c2p(kink_x, net(kink_x)) - dot.get_center())
        inside = bool(self.interval[0] <= kink_x <= self.interval[1])
        if inside != self._kink_shown:
            self._kink_shown = inside
            dot.set_fill(opacity=float(inside))
            guide.set_stroke(opacity=float(inside))
        top = self.axes.c2p(kink_x, self.axes.y_range[1])
        half = self.readout.width / 2
        x = min(max(top[0], self._left + half), self._right - half)
        self.readout.move_to(np.array([x, top[1] + 0.15, 0.0]), aligned_edge=DOWN)

    def tick_label(self, text: str = "h") -> MathTex:
        """``text`` under the x-axis at the kink, like a tick label; below the numbers if it
        would cover one of them."""
        label = MathTex(text, font_size=36, color=self.theme.highlight)
        label.next_to(self.kink[0], DOWN, buff=0.3)
        numbers = self.axes.x_axis.numbers
        if any(
            abs(number.get_x() - label.get_x()) < (number.width + label.width) / 2 + 0.1
            for number in numbers
        ):
            label.next_to(numbers, DOWN, buff=0.15).set_x(self.kink[0].get_x())
        return label

    @property
    def moving(self) -> tuple[NetCurve, VGroup, VGroup]:
        """Everything :meth:`follow` moves: the scene must keep all of it live, or Manim paints
        the marker and readout once per play as a still background and they stay behind."""
        return self.curve, self.kink, self.readout

    @property
    def group(self) -> VGroup:
        """The marker and the readout (the curve is separate: it has the updater)."""
        return VGroup(self.kink, self.readout)
