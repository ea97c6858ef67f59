"""The picture of a fit: a target on axes in the graph panel, its side panel beside or below.

Square's storyboard shows a handful of nets against one target; this builds every piece it
draws from the numeric core's nets: the axes (sized for every net shown), the target's graph,
each net's exact curve, its error gap and kink markers, and the side panel with a legend per
net (:class:`~relu_anim.drawing.fit_panel.FitPanel`).
"""

from __future__ import annotations

from manim import Animation, Line, Transform, VGroup

from relu_anim.drawing.approximation import (
    error_decimals,
    error_gap,
    shows_square_law,
    target_axes,
    target_curve,
)
from relu_anim.drawing.axes import numbers_at_edges
from relu_anim.drawing.curves import NetCurve, kink_markers, net_curve
from relu_anim.drawing.fit_panel import (
    APPROXIMATION_STROKE,
    TARGET_STROKE,
    FitPanel,
    net_legend,
    sweep_legend,
)
from relu_anim.drawing.layout import Layout
from relu_anim.numeric import ReLUNet
from relu_anim.numeric.targets import Target
from relu_anim.theme import Theme


class FitPicture:
    """Axes with ``target`` on ``interval``, and a side panel with a legend for each of ``nets``.

    The readout rows are units and max error, plus the x² law when the target follows it;
    ``units`` (the most the scene shows) sets their decimals. ``side.legends`` holds one
    legend per key of ``nets`` and ``"sweep"`` for the N-unit interpolant.

    Examples
    --------
    ::

        picture = FitPicture(self.layout, self.theme, target, (0, 2), {"one": net}, units=100)
        self.play(Create(picture.axes), Create(picture.target_graph))
        self.play(Create(picture.curve(net)))
    """

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        target: Target,
        interval: tuple[float, float],
        nets: dict[str, ReLUNet],
        units: int,
    ) -> None:
        self.theme, self.target, self.interval = theme, target, interval
        # A wide frame gives the plot more than half (at half, 16:9 left the lower right
        # empty); 4:3 and portrait need the side panel's room for the notes.
        wide = layout.frame.width > 1.5 * layout.frame.height
        # Portrait: the side panel above takes a little more than half, so that the
        # adjust_weights table fits under the readouts at the smallest type (at half it was
        # shrunk to 11.6 px).
        share = 0.58 if wide else (0.47 if layout.portrait else 0.5)
        graph, side_panel = layout.graph_and_side(graph_share=share)
        # Numbers at the plot's edges: an interval through 0 set the y numbers on the y-axis in
        # the middle, where abs and its fits ran over "0.5".
        self.axes = numbers_at_edges(
            target_axes(target, interval, theme, graph, nets=tuple(nets.values()))
        )
        self.target_graph = target_curve(self.axes, target, interval, theme, TARGET_STROKE)
        rows = ("units", "max", "law") if shows_square_law(target) else ("units", "max")
        legends = {key: _legend(net, theme, side_panel.width) for key, net in nets.items()}
        legends["sweep"] = sweep_legend(theme)
        self.side = FitPanel(
            side_panel, theme, target, interval, rows, error_decimals(units), legends
        )
        self.readout = self.side.readout

    def curve(self, net: ReLUNet, muted: bool = False) -> NetCurve:
        """The exact polyline of ``net``; ``muted``: thin and grey, a net left behind."""
        if muted:
            return net_curve(self.axes, net, self.interval, self.theme.muted, stroke_width=3)
        return net_curve(
            self.axes, net, self.interval, self.theme.approximation, APPROXIMATION_STROKE
        )

    def gap(self, net: ReLUNet) -> Line:
        """The segment where ``net`` misses the target most."""
        return error_gap(self.axes, self.target, net, self.interval, self.theme)

    def markers(self, net: ReLUNet) -> VGroup:
        """A dot and a dashed guide at each kink of ``net``."""
        return kink_markers(self.axes, net, self.interval, self.theme)

    def morph(
        self,
        curve: NetCurve,
        legend: VGroup,
        net: ReLUNet,
        new_legend: VGroup,
        gap: Line | None = None,
        markers: tuple[VGroup, VGroup] | None = None,
    ) -> list[Animation]:
        """Animations that turn ``curve`` into ``net``'s, ``legend`` into ``new_legend``, and
        ``gap`` (if given) and ``markers`` (``(old, new)``, if given) along with them."""
        # curve.animate.show(net) is an _AnimationBuilder, which play() builds into an Animation.
        animations: list[Animation] = [
            curve.animate.show(net),  # type: ignore[list-item]
            Transform(legend, new_legend),
        ]
        if gap is not None:
            animations.append(Transform(gap, self.gap(net)))
        if markers is not None:
            animations.append(Transform(*markers))
        return animations


def _legend(net: ReLUNet, theme: Theme, width: float) -> VGroup:
    """``g(x) = …`` two terms a line, or one a line where two would be shrunk to fit ``width``
    (4:3: ReLU(x) + ReLU(x − 1) was set at 12 px)."""
    legend = net_legend(net, theme)
    return legend if legend.width <= width else net_legend(net, theme, terms_per_line=1)
