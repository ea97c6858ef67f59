"""The side panel of a fit: legends of f and g, live error readouts, and a beat's notes.

Top to bottom in its panel: the target's legend, the approximation's legend (swapped beat by
beat), the :class:`~relu_anim.drawing.approximation.ErrorReadout`, and below it whatever a beat
adds (a comparison table, the error law). Everything is sized to the panel, so the same
storyboard reads in 16:9, 4:3 and 9:16.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TypeVar

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, Line, MathTex, Mobject, VGroup

from relu_anim.drawing.approximation import (
    ErrorReadout,
    comparison_table,
    error_decimals,
    square_law_latex,
)
from relu_anim.drawing.formulas import net_latex
from relu_anim.drawing.layout import Panel
from relu_anim.numeric import ReLUNet
from relu_anim.numeric.targets import Target
from relu_anim.theme import MIN_TEX_FONT, Theme

M = TypeVar("M", bound=Mobject)

LEGEND_FONT = 34
READOUT_FONT = 36
TARGET_STROKE = 9
APPROXIMATION_STROKE = 4.5


def legend(latex: str, color: str, stroke_width: float, *notes: str) -> VGroup:
    r"""A short stroke in the curve's colour and its formula, as in a plot legend.

    Each of ``notes`` is a line under the formula (typeset in the same TeX run), in the
    smallest type that reads (a narrow side panel gets more lines, never smaller type).

    Examples
    --------
    ::

        legend(r"h_2(x) = h_1(x)", theme.approximation, 4, r"+\, g(2(x - 1))")
    """
    formula = MathTex(latex, *notes, font_size=LEGEND_FONT, color=color)
    for above, line in pairwise(formula):
        line.scale(MIN_TEX_FONT / LEGEND_FONT).next_to(above, DOWN, buff=0.2)
        line.align_to(formula[0], LEFT)
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
        self.readout.move_to(np.array([panel.left, lowest - 0.4, 0.0]), aligned_edge=UP + LEFT)

    @property
    def notes(self) -> Panel:
        """The part of the panel under the readouts, for a beat's notes."""
        return Panel(
            self.panel.left, self.panel.right, self.panel.bottom, self.readout.get_bottom()[1] - 0.3
        )

    def put_note(self, note: M) -> M:
        """Put ``note`` at the top left of the notes area, scaled down if it does not fit."""
        return self.notes.put(note, UP + LEFT)

    def rows(self, *keys: str) -> VGroup:
        """The readout rows named ``keys`` (those the readout has), as one group."""
        return VGroup(*(self.readout.rows[key] for key in keys if key in self.readout.rows))

    def reveal(self, *keys: str) -> list[FadeIn]:
        """Fade in readout rows as separate label and number, so that only numbers are live."""
        return [FadeIn(part) for key in keys for part in self.readout.rows[key]]

    def comparison(
        self, headline: str, nets: dict[str, ReLUNet], relation: str | None = None
    ) -> VGroup:
        """``headline`` over a table of max and RMS error of each labelled net, in the notes;
        the last net in the approximation's colour, the others muted. A ``relation`` (LaTeX:
        the last net is the one before less 1/6) says more than the headline and takes its
        place (a third line did not fit a portrait frame at the smallest text size).

        The table is ``note[1]``; its numbers are ``note[1].numbers[label]``.
        """
        rows = []
        for label, net in nets.items():
            measured = self.readout.measure(net)
            rows.append((label, measured["max"], measured["rms"]))
        colors = [self.theme.muted] * (len(rows) - 1) + [self.theme.approximation]
        # The smallest type that reads (32 pt, the table's default, is under it).
        table = comparison_table(rows, self.theme, colors, font_size=MIN_TEX_FONT, buff=(0.25, 0.2))
        latex = relation if relation is not None else rf"\text{{{headline}}}"
        title = MathTex(latex, font_size=READOUT_FONT, color=self.theme.highlight)
        return self.put_note(VGroup(title, table).arrange(DOWN, buff=0.2, aligned_edge=LEFT))

    def law(self, interval: tuple[float, float], final: ReLUNet) -> MathTex:
        """The x² law, and under it the max error of ``final`` (one TeX run), in the notes."""
        error = f"{self.readout.measure(final)['max']:.{error_decimals(final.n_units)}f}"
        lines = [rf"\max|f - g| = {square_law_latex(interval)}"]
        if interval[1] - interval[0] != 2.0:
            lines.append(r"\Delta = (b - a)/N \text{ on } [a, b]")
        lines.append(rf"N = {final.n_units}: \quad \max|f - g| = {error}")
        statement = MathTex(*lines, font_size=READOUT_FONT + 4, color=self.theme.highlight)
        for line in statement[1:]:
            line.set_color(self.theme.text).scale(0.8)
        return self.put_note(statement.arrange(DOWN, buff=0.3, aligned_edge=LEFT))


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
        r"g(t_k) = f(t_k) \text{ at evenly spaced } t_k",
    )


def shift_latex(before: str, after: str, amount: str, down: bool) -> str:
    r"""``after = before − amount`` as LaTeX, a fraction written inline as a caption writes it
    (``\tfrac`` set the 6 of 1/6 under the smallest text size).

    Examples
    --------
    >>> shift_latex("interpolant", "adjusted", "1/6", down=True)
    '\\text{adjusted} = \\text{interpolant} - 1/6'
    """
    sign = "-" if down else "+"
    return rf"\text{{{after}}} = \text{{{before}}} {sign} {amount.replace('−', '-')}"
