"""The Two Inputs picture: a turning 3-D view of the surface, and beside it a heading, the
surface from above and a block of readouts.

The graph panel holds the 3-D view (:class:`~relu_anim.drawing.surface.SurfaceView`); the side
panel is cut into a heading (the beat's formula), the top view
(:class:`~relu_anim.drawing.surface.TopView`) and readouts (:class:`Readouts`). Landscape puts
the side panel right of the view, portrait above it. :meth:`TwoInputsPicture.show` swaps in a
net and says how; ``scenes/two_inputs.py`` only says what appears when.

The 3-D view is always the last thing added, so while it turns Manim paints the side panel
once as a still background and redraws only the surface each frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    DecimalNumber,
    FadeIn,
    FadeOut,
    MathTex,
    Transform,
    VGroup,
)

from relu_anim.captions.two_inputs import readout_form
from relu_anim.drawing.formulas import wrapped_tex
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.surface import Projection, SurfaceView, TopView, z_range_of
from relu_anim.numeric.plane import PlaneNet
from relu_anim.theme import MIN_TEX_FONT, Theme

FONT = MIN_TEX_FONT + 1  # headings and readouts: 34 pt, as the other scenes' readouts and tables
NUMBER_GAP = 0.2  # between a readout's relation and its number
ROW_GAP = 0.15  # between readout rows: four rows fit the panel at FONT
RELATIONS = {"=": "=", "≈": r"\approx", "≤": r"\le"}

Range = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Row:
    """One readout row: ``key`` names its value (as in the scene's ``shown``), ``label`` is
    TeX, ``digits`` the significant digits shown (``0``: a whole count) and ``bound`` marks a
    value already rounded up, shown after ``≤``."""

    key: str
    label: str
    digits: int = 0
    bound: bool = False


class Readouts(VGroup):
    """``label relation number`` rows in ``panel``, each number printed to what it means.

    Row ``k`` is ``[k]``: its TeX (label and relation) is ``[k][0]``, its number ``[k][1]``.
    Each row is sized for the widest of the values in ``ranges[key]`` it will show, so none
    outgrows the panel later; ``numbers`` maps each key to the number on screen.

    Examples
    --------
    ::

        rows = Readouts([Row("n", "N"), Row("max_error", r"\\max|f - g|", digits=3)],
                        panel, {"n": [1, 2, 4], "max_error": [1.0, 0.25, 0.0625]})
        self.play(FadeIn(rows))
        self.play(*rows.change({"n": 2, "max_error": 0.25}))
    """

    def __init__(self, rows: Sequence[Row], panel: Panel, ranges: Mapping[str, Sequence[float]]):
        super().__init__()
        self.specs = list(rows)
        self.size = float(FONT)
        self.shown: dict[str, tuple[str, str]] = {}  # key -> (relation, printed number)
        for row in self.specs:
            # The widest number the row will show, measured as drawn.
            widths = {float(v): float(self._number(row, float(v)).width) for v in ranges[row.key]}
            self.add(self._row(row, max(widths, key=widths.__getitem__)))
        self.arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)
        width = self.width
        panel.put(self, UP + LEFT)
        self.size *= self.width / width
        numbers = self.numbers
        for spec in self.specs:
            self.shown[spec.key] = self._form(spec, float(numbers[spec.key].get_value()))

    @property
    def numbers(self) -> dict[str, DecimalNumber]:
        """The number on screen of each row, by key."""
        numbers = {}
        for k, row in enumerate(self.specs):
            number = self[k][1]
            assert isinstance(number, DecimalNumber)
            numbers[row.key] = number
        return numbers

    def change(self, values: Mapping[str, float]) -> list[Animation]:
        """Animations turning the rows to ``values`` (a key not given stays); a number that
        changes cross-fades, a relation that changes (``=`` to ``≈``) morphs in place."""
        return self._change(values, animate=True)

    def set_values(self, values: Mapping[str, float]) -> Readouts:
        """Show ``values`` at once (before the rows appear)."""
        self._change(values, animate=False)
        return self

    def _change(self, values: Mapping[str, float], animate: bool) -> list[Animation]:
        moves: list[Animation] = []
        for k, row in enumerate(self.specs):
            if row.key not in values:
                continue
            value = float(values[row.key])
            relation, printed = form = self._form(row, value)
            tex, old = self[k]
            if relation != self.shown[row.key][0]:
                new_tex = self._tex(row, relation).scale(self.size / FONT)
                new_tex.shift(tex[0].get_center() - new_tex[0].get_center())
                if animate:
                    moves.append(Transform(tex, new_tex))
                else:
                    self[k].submobjects[0] = new_tex
                tex = new_tex
            if printed != self.shown[row.key][1] or value != old.get_value():
                new = self._number(row, value, self.size)
                new.next_to(tex, RIGHT, buff=NUMBER_GAP * self.size / FONT)
                self[k].submobjects[1] = new
                moves += [FadeOut(old), FadeIn(new)]
            self.shown[row.key] = form
        return moves

    # -- building a row -----------------------------------------------------------------------

    @staticmethod
    def _form(row: Row, value: float) -> tuple[str, str]:
        relation, places = readout_form(value, row.digits, row.bound)
        return relation, f"{value:.{places}f}"

    @staticmethod
    def _tex(row: Row, relation: str) -> MathTex:
        return MathTex(row.label, RELATIONS[relation], font_size=FONT)

    @staticmethod
    def _number(row: Row, value: float, size: float = FONT) -> DecimalNumber:
        _, places = readout_form(value, row.digits, row.bound)
        return DecimalNumber(value, num_decimal_places=places, font_size=size)

    def _row(self, row: Row, value: float) -> VGroup:
        tex = self._tex(row, self._form(row, value)[0])
        number = self._number(row, value).next_to(tex, RIGHT, buff=NUMBER_GAP)
        return VGroup(tex, number)


class TwoInputsPicture:
    """Panels and pieces of the Two Inputs scene on the square ``domain²``, and what is shown.

    Examples
    --------
    ::

        picture = TwoInputsPicture(self.layout, self.theme, (-1.0, 1.0), azimuth=-0.6)
        picture.fit_heights([net])
        self.play(*picture.show(net, heading=picture.heading("g = x_1")))
        self.play(picture.turn(0.7, run_time=5.0))
    """

    def __init__(self, layout: Layout, theme: Theme, domain: Range, azimuth: float) -> None:
        self.theme, self.domain, self.azimuth = theme, domain, azimuth
        # 4:3 gives the side panel half the width, or its formulas break after a lone "g".
        narrow = not layout.portrait and layout.frame.width < 1.5 * layout.frame.height
        graph, self.side = layout.graph_and_side(graph_share=0.5 if narrow else 0.55)
        self.graph = graph.inset(0.1)
        if layout.portrait:
            # A wide, short side panel: heading across the top, top view and readouts below
            # side by side.
            self.heading_panel, rest = self.side.rows(1.0, 2.6, gap=0.25)
            self.top_panel, self.readout_panel = rest.columns(0.85, 1.15, gap=0.3)
        else:
            self.heading_panel, self.top_panel, self.readout_panel = self.side.rows(
                1.6, 2.8, 1.5, gap=0.25
            )
        self.projection = Projection.fit(self.graph, domain, (0.0, 1.0))
        #: What is on screen: the 3-D view, the top view, the heading and the readouts.
        self.surface: SurfaceView | None = None
        self.top: TopView | None = None
        self.shown_heading: VGroup | None = None
        self.shown_readouts: Readouts | None = None

    # -- the 3-D view -----------------------------------------------------------------------

    def fit_heights(self, nets: Sequence[PlaneNet]) -> Projection:
        """Fit the 3-D view's height to every value of ``nets`` (for the beats that follow)."""
        self.projection = Projection.fit(self.graph, self.domain, z_range_of(nets, self.domain))
        return self.projection

    def top_creases(self) -> VGroup:
        """The creases of the top view on screen."""
        assert self.top is not None, "show a net first"
        return self.top.creases

    def turn(self, angle: float, run_time: float) -> Animation:
        """Turn the 3-D view on screen by ``angle`` radians, evenly over ``run_time``."""
        assert self.surface is not None, "show a net before turning it"
        return self.surface.turn(angle, run_time)

    # -- the side panel ---------------------------------------------------------------------

    def heading(self, *lines: str) -> VGroup:
        """Lines of TeX at the top of the side panel, left-aligned."""
        # A line too wide for the panel is broken (before = + -), not shrunk.
        width = self.heading_panel.width
        group = VGroup(*(wrapped_tex(line, width, font_size=FONT) for line in lines))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return self.heading_panel.put(group, UP + LEFT)

    def readouts(self, rows: Sequence[Row], ranges: Mapping[str, Sequence[float]]) -> Readouts:
        """Readout rows in the readout panel, sized for every value in ``ranges``."""
        return Readouts(rows, self.readout_panel, ranges)

    # -- what is shown ----------------------------------------------------------------------

    def show(
        self,
        net: PlaneNet,
        heading: VGroup | None = None,
        readouts: Readouts | None = None,
        values: Mapping[str, float] | None = None,
    ) -> list[Animation]:
        """Animations swapping in ``net``'s surface and top view (and ``heading`` and
        ``readouts`` when given); the readouts show ``values`` and ``net``'s units and
        regions, counted from the regions drawn."""
        surface = SurfaceView(net, self.domain, self.projection, self.theme, self._azimuth_now())
        top = TopView(net, self.domain, self.top_panel, self.theme)
        counted = {"units": float(net.n_units), "regions": float(len(surface.regions))}
        values = {**counted, **(values or {})}
        moves: list[Animation] = []
        if self.surface is not None and self.top is not None:
            moves += [FadeOut(self.surface), FadeOut(self.top)]
        if heading is not None:
            if self.shown_heading is not None:
                moves.append(FadeOut(self.shown_heading))
            moves.append(FadeIn(heading))
            self.shown_heading = heading
        if readouts is not None and readouts is not self.shown_readouts:
            if self.shown_readouts is not None:
                moves.append(FadeOut(self.shown_readouts))
            readouts.set_values({row.key: values[row.key] for row in readouts.specs})
            moves.append(FadeIn(readouts))
            self.shown_readouts = readouts
        elif self.shown_readouts is not None:
            shown = self.shown_readouts
            moves += shown.change({row.key: values[row.key] for row in shown.specs})
        # The surface last: added last, it is the only thing redrawn while it turns.
        moves += [FadeIn(top), FadeIn(surface)]
        self.surface, self.top = surface, top
        return moves

    def numbers(self) -> dict[str, DecimalNumber]:
        """The readouts' numbers on screen, by key."""
        return self.shown_readouts.numbers if self.shown_readouts is not None else {}

    def _azimuth_now(self) -> float:
        return self.surface.azimuth if self.surface is not None else self.azimuth


__all__ = ["Readouts", "Row", "TwoInputsPicture"]
