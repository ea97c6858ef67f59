"""The Two Inputs picture: a turning 3-D view of the surface, and beside it a heading, the
surface from above and a block of readouts.

The graph panel holds the 3-D view (:class:`~relu_anim.drawing.surface.SurfaceView`); the side
panel is cut into a heading (the beat's formula), the top view
(:class:`~relu_anim.drawing.surface.TopView`) and readouts. Landscape puts the side panel
right of the view, portrait above it. ``scenes/two_inputs.py`` only says what appears when.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, UP, DecimalNumber, MathTex, VGroup

from relu_anim.drawing.layout import Layout
from relu_anim.drawing.surface import Projection, SurfaceView, TopView, z_range_of
from relu_anim.numeric.plane import PlaneNet
from relu_anim.theme import Theme

FONT = 34
READOUT_FONT = 34

Range = tuple[float, float]


class TwoInputsPicture:
    """Panels and pieces of the Two Inputs scene on the square ``domain²``.

    Examples
    --------
    ::

        picture = TwoInputsPicture(self.layout, self.theme, (-1.0, 1.0))
        picture.fit_heights([net])
        self.play(FadeIn(picture.surface(net, azimuth=0.4)))
    """

    def __init__(self, layout: Layout, theme: Theme, domain: Range) -> None:
        self.theme, self.domain = theme, domain
        graph, self.side = layout.graph_and_side(graph_share=0.55)
        self.graph = graph.inset(0.1)
        if layout.portrait:
            # A wide, short side panel: heading across the top, top view and readouts below
            # side by side.
            self.heading_panel, rest = self.side.rows(1.0, 2.6, gap=0.25)
            self.top_panel, self.readout_panel = rest.columns(1.0, 1.0, gap=0.3)
        else:
            self.heading_panel, self.top_panel, self.readout_panel = self.side.rows(
                1.5, 2.9, 1.5, gap=0.25
            )
        self.projection = Projection.fit(self.graph, domain, (0.0, 1.0))

    # -- the 3-D view -----------------------------------------------------------------------

    def fit_heights(self, nets: Sequence[PlaneNet]) -> Projection:
        """Fit the 3-D view's height to every value of ``nets`` (for the beats that follow)."""
        self.projection = Projection.fit(self.graph, self.domain, z_range_of(nets, self.domain))
        return self.projection

    def surface(self, net: PlaneNet, azimuth: float) -> SurfaceView:
        """``net``'s exact surface in the 3-D view, seen from ``azimuth``."""
        return SurfaceView(net, self.domain, self.projection, self.theme, azimuth)

    # -- the side panel ---------------------------------------------------------------------

    def top_view(self, net: PlaneNet) -> TopView:
        """``net``'s regions from above, in the top-view panel."""
        return TopView(net, self.domain, self.top_panel, self.theme)

    def heading(self, *lines: str) -> VGroup:
        """Lines of TeX at the top of the side panel, left-aligned."""
        group = VGroup(*(MathTex(line, font_size=FONT) for line in lines))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return self.heading_panel.put(group, UP + LEFT)

    def readouts(
        self,
        *labels: str,
        decimals: Sequence[int],
        widest: Sequence[float],
        relations: Sequence[str] | None = None,
    ) -> VGroup:
        """``label = number`` rows in the readout panel; row ``k``'s number is ``[k][1]``.

        The rows are sized with the ``widest`` values they will show, so none outgrows the
        panel later; they start at those values. A row's ``relations`` entry (``=`` unless
        given) may be ``\\le`` for a bound.
        """
        rows = VGroup()
        relations = relations or ["="] * len(labels)
        for label, places, value, relation in zip(labels, decimals, widest, relations, strict=True):
            tex = MathTex(label, relation, font_size=READOUT_FONT)
            number = DecimalNumber(value, num_decimal_places=places, font_size=READOUT_FONT)
            number.next_to(tex, RIGHT, buff=0.2)
            rows.add(VGroup(tex, number))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        self.readout_panel.put(rows, UP + LEFT)
        return rows


__all__ = ["TwoInputsPicture"]
