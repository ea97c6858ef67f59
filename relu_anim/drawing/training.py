"""The Training picture: the fit on [−2, 2], and beside it readouts, the network and the loss.

:class:`TrainingPicture` cuts the frame into a graph panel (axes, target x², the net's exact
polyline and its kink markers) and a side panel (the step and loss readouts, a row for a unit's
term, the network diagram, and a corner plot of the loss on a log scale). :class:`Playback`
steps all of them through :func:`~relu_anim.numeric.training.train_square`'s snapshots from a
single tracker, redrawing only when the snapshot shown changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    DecimalNumber,
    Dot,
    MathTex,
    ValueTracker,
    VGroup,
    VMobject,
)

from relu_anim.drawing.approximation import target_curve
from relu_anim.drawing.axes import TICK_FONT, axes_in, axis_labels, nets_y_range
from relu_anim.drawing.curves import NetCurve, kink_markers, net_curve
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.network import NetworkDiagram
from relu_anim.drawing.readouts import steady_sweep
from relu_anim.numeric import ReLUNet
from relu_anim.numeric.targets import NAMED_TARGETS
from relu_anim.numeric.training import Snapshot
from relu_anim.theme import Theme

FONT = 34
SMALL = TICK_FONT  # the loss inset's numbers and names (28 pt drew 12 px at 480p)
INTERVAL = (-2.0, 2.0)


class TrainingPicture:
    """Panels, axes and pieces of the Training scene for a run of ``snapshots``."""

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        snapshots: Sequence[Snapshot],
        others: Sequence[ReLUNet] = (),
    ) -> None:
        self.theme, self.snapshots = theme, tuple(snapshots)
        graph, side = layout.graph_and_side()
        nets = [snapshot.net for snapshot in self.snapshots] + list(others)
        self.axes = axes_in(graph, (-2.0, 2.0, 1.0), nets_y_range(nets, INTERVAL), theme)
        # The y-axis stands at x = 0, where every net crosses it while it trains: its numbers
        # go to the plot's left edge instead, where no curve is drawn.
        for number in self.axes.y_axis.numbers:
            number.next_to(self.axes.c2p(INTERVAL[0], number.get_value()), LEFT, buff=0.15)
        self.labels = axis_labels(self.axes, theme)
        self.target = target_curve(self.axes, NAMED_TARGETS["square"], INTERVAL, theme)
        if side.width > 1.2 * side.height:  # portrait: network and loss side by side
            self.readout_panel, self.term_panel, lower = side.rows(1.15, 0.6, 2.6, gap=0.25)
            self.diagram_panel, self.loss_panel = lower.columns(1, 1, gap=0.4)
        else:
            self.readout_panel, self.term_panel, self.diagram_panel, self.loss_panel = side.rows(
                1.15, 0.6, 2.0, 2.8, gap=0.25
            )
        self._loss_axes()

    # -- the graph --------------------------------------------------------------------------

    def curve(self, net: ReLUNet) -> NetCurve:
        return net_curve(self.axes, net, INTERVAL, self.theme.approximation, 5)

    def markers(self, net: ReLUNet) -> VGroup:
        return kink_markers(self.axes, net, INTERVAL, self.theme, dot_radius=0.07)

    # -- the side panel ---------------------------------------------------------------------

    def diagram(self, net: ReLUNet) -> NetworkDiagram:
        return NetworkDiagram(net, self.theme, self.diagram_panel)

    def readouts(self, *rows: tuple[str, int]) -> VGroup:
        """``label = number`` rows (label TeX, decimals); row ``k``'s number is ``[k][1]``."""
        group = VGroup()
        for label, places in rows:
            tex = MathTex(label, "=", font_size=FONT)
            number = DecimalNumber(
                0, num_decimal_places=places, font_size=FONT, group_with_commas=False
            )
            group.add(VGroup(tex, number.next_to(tex, RIGHT, buff=0.2)))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        return self.readout_panel.put(group, UP + LEFT)

    def note(self, *parts: str) -> MathTex:
        """A line of TeX in the term row (a unit's term, or what was trained)."""
        return self.term_panel.put(MathTex(*parts, font_size=FONT), LEFT)

    def _loss_axes(self) -> None:
        theme = self.theme
        logs = [math.log10(snapshot.loss) for snapshot in self.snapshots]
        low, high = math.floor(min(logs)), math.ceil(max(logs))
        steps = self.snapshots[-1].step
        title = MathTex(r"\text{loss (log scale)}", font_size=SMALL, color=theme.muted)
        title = self.loss_panel.put(title, UP + LEFT)
        every = 1 if high - low <= 3 else 2
        ticks = VGroup(
            *(
                MathTex(f"10^{{{k}}}", font_size=SMALL, color=theme.muted)
                for k in range(high, low - 1, -1)
                if (high - k) % every == 0
            )
        )
        # The axis line as far in as the widest power of ten needs (axes_in keeps 0.7 left of it).
        plot = Panel(
            self.loss_panel.left + max(tick.width for tick in ticks) + 0.15 - 0.7,
            self.loss_panel.right,
            self.loss_panel.bottom,
            title.get_bottom()[1] - 0.1,
        )
        # The plot's y is log₁₀ loss − ``floor``, so the step axis runs along the bottom.
        self.floor = low
        self.loss_axes = axes_in(
            plot, (0.0, float(steps), steps / 4), (0.0, high - low, 1.0), theme, with_numbers=False
        )
        for tick, k in zip(ticks, range(high, low - 1, -every), strict=True):
            tick.next_to(self.loss_axes.c2p(0, k - low), LEFT, buff=0.12)
        x_ticks = VGroup(
            MathTex("0", font_size=SMALL, color=theme.muted).next_to(
                self.loss_axes.c2p(0, 0), DOWN, buff=0.12
            ),
            MathTex(str(steps), font_size=SMALL, color=theme.muted).next_to(
                self.loss_axes.c2p(steps, 0), DOWN, buff=0.12
            ),
        )
        step_label = MathTex(r"\text{step}", font_size=SMALL, color=theme.muted).next_to(
            x_ticks[1], LEFT, buff=0.3
        )
        self.loss_frame = VGroup(self.loss_axes, title, ticks, x_ticks, step_label)

    def loss_point(self, snapshot: Snapshot) -> np.ndarray:
        """Where ``snapshot`` sits on the loss plot: (step, log₁₀ loss)."""
        return self.loss_axes.c2p(snapshot.step, math.log10(snapshot.loss) - self.floor)


class Playback:
    """Training run on screen: curve, kinks, network, loss trace and readouts, by snapshot.

    One tracker from 0 to 1 walks through the snapshots evenly (they are spaced on a log
    scale of steps, so early steps, where kinks move most, get as much time as late ones).
    Everything is redrawn only when the snapshot shown changes; ``shown_steps`` lists them.

    Examples
    --------
    ::

        playback = Playback(picture, step_number, loss_number)
        self.keep_live(playback.group.attach())
        self.play(playback.animation(12))
        playback.detach()
    """

    def __init__(
        self,
        picture: TrainingPicture,
        step: DecimalNumber,
        loss: DecimalNumber,
        readouts: VGroup | None = None,
    ) -> None:
        self.picture, self.step, self.loss = picture, step, loss
        first = picture.snapshots[0]
        self.curve = picture.curve(first.net)
        self.markers = picture.markers(first.net)
        self.network = VGroup(picture.diagram(first.net))
        self.trace = VMobject(color=picture.theme.approximation, stroke_width=3)
        self.head = Dot(picture.loss_point(first), radius=0.06, color=picture.theme.highlight)
        # Everything that changes with the snapshot, the readouts too: Manim redraws only the
        # mobjects with updaters, and the step and loss numbers change with the rest.
        self.group = VGroup(self.curve, self.markers, self.network, self.trace, self.head)
        if readouts is not None:
            self.group.add(readouts)
        self.tracker = ValueTracker(0.0)
        self.index = -1
        self.shown_steps: list[int] = []
        self.sync()

    @property
    def snapshot(self) -> Snapshot:
        return self.picture.snapshots[self.index]

    def index_at(self, progress: float) -> int:
        count = len(self.picture.snapshots)
        return min(count - 1, int(progress * count))

    def sync(self) -> int:
        """Show the snapshot for the tracker's value, if it is not the one shown."""
        index = self.index_at(self.tracker.get_value())
        if index == self.index:
            return index
        self.index = index
        picture, snapshot = self.picture, self.picture.snapshots[index]
        self.curve.show(snapshot.net)
        _replace_children(self.markers, picture.markers(snapshot.net).submobjects)
        if not self.network[0].restyle(snapshot.net):
            _replace_children(self.network, [picture.diagram(snapshot.net)])
        points = [picture.loss_point(s) for s in picture.snapshots[: index + 1]]
        if len(points) > 1:
            self.trace.set_points_as_corners(points)
        self.head.move_to(points[-1])
        if self.step.get_value() != snapshot.step:
            self.step.set_value(snapshot.step)
        self.loss.set_value(snapshot.loss)
        self.shown_steps.append(snapshot.step)
        return index

    def attach(self) -> VGroup:
        self.group.add_updater(lambda _group: self.sync())
        return self.group

    def detach(self) -> VGroup:
        self.group.clear_updaters()
        self.tracker.set_value(1.0)
        self.sync()
        return self.group

    def animation(self, run_time: float) -> Animation:
        return steady_sweep(self.tracker, run_time)

    def trace_points(self) -> np.ndarray:
        """The loss trace's vertices in plot coordinates: (step, log₁₀ loss)."""
        anchors = np.vstack([self.trace.get_start_anchors(), self.trace.get_end_anchors()[-1:]])
        points = np.array([self.picture.loss_axes.p2c(point) for point in anchors])
        return points + np.array([0.0, self.picture.floor])


def _replace_children(group: VGroup, children: Sequence[VMobject]) -> None:
    """Swap ``group``'s children, emptying the old ones.

    Cairo keeps drawing the family it listed when an animation began; emptied, the old
    children draw nothing (as SteadyNumber does with its old glyphs).
    """
    old = [mob for child in group.submobjects for mob in child.get_family()]
    group.submobjects = list(children)
    for mob in old:
        mob.clear_points()


def strongest_unit(net: ReLUNet, interval: tuple[float, float] = INTERVAL) -> int:
    """The unit with the largest slope change ``|a·w|`` among those with a kink inside."""
    kinks = -net.b / np.where(net.w == 0, np.nan, net.w)
    inside = (kinks > interval[0]) & (kinks < interval[1])
    strength = np.where(inside, np.abs(net.a * net.w), -1.0)
    return int(np.argmax(strength))


__all__ = ["Playback", "TrainingPicture", "strongest_unit"]
