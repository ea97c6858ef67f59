"""The side panel of a fit: legends of f and g, live error readouts, and a beat's notes.

Top to bottom in its panel: the target's legend, the approximation's legend (swapped beat by
beat), the :class:`~relu_anim.drawing.approximation.ErrorReadout`, and below it whatever a beat
adds (a comparison table, the error law). Everything is sized to the panel, so the same
storyboard reads in 16:9, 4:3 and 9:16.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, UP, Line, MathTex, Mobject, VGroup

from relu_anim.drawing.approximation import ErrorReadout
from relu_anim.drawing.formulas import net_latex
from relu_anim.drawing.layout import Panel
from relu_anim.numeric import ReLUNet
from relu_anim.targets import Target
from relu_anim.theme import Theme

LEGEND_FONT = 34
READOUT_FONT = 36
TARGET_STROKE = 9
APPROXIMATION_STROKE = 4.5


def legend(latex: str, color: str, stroke_width: float, note: str = "") -> VGroup:
    """A short stroke in the curve's colour and its formula, as in a plot legend.

    A ``note`` goes in smaller type under the formula (typeset in the same TeX run).
    """
    parts = (latex, note) if note else (latex,)
    formula = MathTex(*parts, font_size=LEGEND_FONT, color=color)
    if note:
        formula[1].scale(0.85).next_to(formula[0], DOWN, buff=0.2, aligned_edge=LEFT)
    swatch = Line(0.25 * LEFT, 0.25 * RIGHT, color=color, stroke_width=stroke_width)
    # Level with the bracket of "f(x)" / "g(x)": the middle of the first line.
    swatch.next_to(formula, LEFT, buff=0.25).set_y(formula[0][1].get_y())
    return VGroup(swatch, formula)


class FitPanel:
    """Legends, readouts and notes of a fit, laid out in ``panel``.

    Examples
    --------
    ::

        side = FitPanel(panel, theme, target, (0, 2), rows=("units", "max"), decimals=6)
        side.set_legends(one=net_legend(...))
    """

    def __init__(
        self,
        panel: Panel,
        theme: Theme,
        target: Target,
        interval: tuple[float, float],
        rows: Sequence[str],
        decimals: int,
        g_legends: dict[str, VGroup],
    ) -> None:
        self.panel, self.theme = panel, theme
        self.target_legend = legend(rf"f(x) = {target.latex}", theme.target, TARGET_STROKE)
        self.legends = g_legends
        for item in (self.target_legend, *g_legends.values()):
            if item.width > panel.width:
                item.scale_to_fit_width(panel.width)
        self.target_legend.move_to(panel.point(UP + LEFT), aligned_edge=UP + LEFT)
        for item in g_legends.values():
            item.next_to(self.target_legend, DOWN, buff=0.3, aligned_edge=LEFT)
        self.readout = ErrorReadout(target, interval, theme, rows, decimals, READOUT_FONT)
        if self.readout.width > panel.width:
            self.readout.scale_to_fit_width(panel.width)
        # Below the tallest legend (a target with a fraction pushes everything down).
        lowest = min(item.get_bottom()[1] for item in g_legends.values())
        self.readout.move_to([panel.left, lowest - 0.4, 0], aligned_edge=UP + LEFT)

    @property
    def notes(self) -> Panel:
        """The part of the panel under the readouts, for a beat's notes."""
        return Panel(
            self.panel.left, self.panel.right, self.panel.bottom, self.readout.get_bottom()[1] - 0.4
        )

    def put_note(self, note: Mobject) -> Mobject:
        """Put ``note`` at the top left of the notes area, scaled down if it does not fit."""
        return self.notes.put(note, UP + LEFT)


def net_legend(net: ReLUNet, theme: Theme, terms_per_line: int = 2) -> VGroup:
    """``g(x) = …`` for a small net, broken into lines of ``terms_per_line`` terms."""
    return legend(
        rf"g(x) &= {net_latex(net, terms_per_line=terms_per_line)}",
        theme.approximation,
        APPROXIMATION_STROKE,
    )


def sweep_legend(theme: Theme) -> VGroup:
    """``g(x) = c + Σ a_k ReLU(x − t_k)`` with the note that g meets f at the knots."""
    return legend(
        r"g(x) = c + \sum_k a_k \operatorname{ReLU}(x - t_k)",
        theme.approximation,
        APPROXIMATION_STROKE,
        note=r"g(t_k) = f(t_k) \text{ at evenly spaced } t_k",
    )
