"""Pictures of the activations scene: one unit and its Taylor terms, three fits side by side,
and a close look at the ReLU fit.

- :class:`UnitPicture`: axes on the left (one unit, its Taylor polynomials), the expansion as
  formulas on the right.
- :class:`ComparePicture`: a banner (target, N) and three panels, ReLU | tanh | sin (stacked in
  portrait), each with its axes, its fit, its hidden units faint behind it and its max error.

Curves come from :mod:`relu_anim.numeric`: a ReLU net is drawn as its exact polyline, a smooth
net or polynomial as its samples (:func:`~relu_anim.numeric.drawn`), both through
:class:`~relu_anim.drawing.curves.NetCurve` so the tests read them back the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, DecimalNumber, MathTex, Rectangle, VGroup, VMobject

from relu_anim.captions.wording import below_places
from relu_anim.drawing.axes import axes_in, numbers_at_edges, tick_range
from relu_anim.drawing.curves import NetCurve, Polyline
from relu_anim.drawing.formulas import wrapped_tex
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.numeric import (
    ActivationNet,
    ReLUNet,
    Samples,
    drawn,
    hidden_unit,
    visible_x_range,
    window_inside,
)
from relu_anim.theme import MIN_TEX_FONT, Theme

FONT = 34
NAMES = {"relu": r"\text{ReLU}", "tanh": r"\tanh", "sin": r"\sin"}


def series_latex(terms: Sequence[float], show_zeros: bool = False, last: str = r"\dots") -> str:
    """``Σ c_k x^k`` as LaTeX: ``1/m`` coefficients as fractions (``x^3/6``), zeros left out
    unless ``show_zeros`` (then ``0\\,x^2``), and ``last`` at the end.

    Examples
    --------
    >>> series_latex([0.0, 1.0, 0.0, -1 / 6])
    'x - \\\\frac{x^{3}}{6} + \\\\dots'
    >>> series_latex([0.5, 1.0, 0.0], show_zeros=True, last="")
    '0.5 + x + 0\\\\,x^{2}'
    """
    parts: list[tuple[str, str]] = []  # (sign, body)
    for k, c in enumerate(terms):
        power = "" if k == 0 else ("x" if k == 1 else f"x^{{{k}}}")
        if abs(c) < 1e-15:
            if show_zeros and k > 0:
                parts.append(("+", rf"0\,{power}"))
            continue
        sign = "-" if c < 0 else "+"
        size = abs(c)
        inverse = 1 / size
        if k == 0:
            body = f"{size:g}"
        elif abs(size - 1) < 1e-12:
            body = power
        elif inverse > 1.5 and abs(inverse - round(inverse)) < 1e-6:
            body = rf"\frac{{{power}}}{{{round(inverse)}}}"
        else:
            body = rf"{size:g}\,{power}"
        parts.append((sign, body))
    text = ""
    for index, (sign, body) in enumerate(parts):
        text += (("-" if sign == "-" else "") if index == 0 else f" {sign} ") + body
    return text + (f" + {last}" if last else "")


def _packed(groups: list[list[VMobject]], width: float, gap: float = 0.15) -> list[VGroup]:
    """Each group's parts in rows no wider than ``width`` (a row per group at least)."""
    lines: list[VGroup] = []
    for parts in groups:
        line = VGroup(parts[0])
        lines.append(line)
        for part in parts[1:]:
            if line.width + gap + part.width > width:
                line = VGroup()
                lines.append(line)
            if len(line):
                part.next_to(line, RIGHT, buff=gap).align_to(line, DOWN)
            line.add(part)
    return lines


class UnitPicture:
    """One unit on axes at the left; its expansion, line by line, at the right."""

    def __init__(self, layout: Layout, theme: Theme, interval: tuple[float, float]) -> None:
        self.theme, self.interval = theme, interval
        graph, self.side = layout.graph_and_side(graph_share=0.5)
        axes = axes_in(graph, tick_range(*interval, 8), tick_range(-2.0, 2.0, 4), theme)
        self.axes = numbers_at_edges(axes)

    def curve(
        self,
        net: ReLUNet | ActivationNet | Samples,
        color: str,
        stroke_width: float = 5,
        **style: Any,
    ) -> NetCurve:
        """A net (exact polyline if ReLU) or polynomial (samples), cut where it leaves the axes."""
        lo, hi = self.interval
        shape = drawn(net, lo, hi) if not isinstance(net, Samples) else net
        y_lo, y_hi = self.axes.y_range[:2]
        if isinstance(shape, ReLUNet):
            window = visible_x_range(shape, (lo, hi), (y_lo, y_hi))
        else:
            window = window_inside(shape, y_lo, y_hi, (lo + hi) / 2)
        assert window is not None, "the unit is drawn where it is inside the axes"
        return NetCurve(self.axes, shape, window, color=color, stroke_width=stroke_width, **style)

    def lines(self, *latex: tuple[str, str]) -> VGroup:
        """Formula lines ``(latex, colour)`` stacked in the side panel's top left."""
        width = self.side.width
        group = VGroup(
            *(wrapped_tex(text, width, font_size=FONT, color=color) for text, color in latex)
        )
        group.arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        # Level with the plot's middle, not in its top corner over an empty lower half.
        return self.side.put(group, LEFT)


class ErrorNumber(DecimalNumber):
    """A max-error readout: its value the error itself, written "<0.001" (at 3 decimals) when
    a real miss rounds to 0, as the caption says it ("0.000" claimed an exact fit).

    Examples
    --------
    ::

        readout = ErrorNumber(3.5e-6, num_decimal_places=3)  # shows <0.001
    """

    def _get_num_string(self, number: float | complex) -> str:
        places = self.num_decimal_places
        if isinstance(number, float | int) and below_places(float(number), places):
            return "<" + f"{10.0**-places:.{places}f}"
        return super()._get_num_string(number)


class FitPanelOf:
    """One of the three panels: header (name, max error) and axes."""

    def __init__(
        self,
        panel: Panel,
        kind: str,
        theme: Theme,
        x_range: tuple[float, float, float],
        y_range: tuple[float, float, float],
    ) -> None:
        self.kind = kind
        name = MathTex(NAMES[kind], r"\quad \max|f - g| =", font_size=MIN_TEX_FONT)
        name[0].set_color(theme.approximation)
        # Laid out as "<0.001", the widest an error is shown, then set to 0 until a fit shows.
        self.error = ErrorNumber(1e-6, num_decimal_places=3, font_size=MIN_TEX_FONT)
        self.error.next_to(name, RIGHT, buff=0.15)
        # Too wide for the panel (4:3), the name goes on a line of its own rather than shrink.
        if VGroup(name, self.error).width > panel.width:
            VGroup(name.submobjects[1], self.error).next_to(
                name[0], DOWN, buff=0.15, aligned_edge=LEFT
            )
        tall = VGroup(name, self.error).height + 0.15
        header_panel, graph = panel.rows(tall, panel.height - tall - 0.15, gap=0.15)
        self.axes = numbers_at_edges(axes_in(graph, x_range, y_range, theme, room=0.85))
        self.header = header_panel.put(VGroup(name, self.error), LEFT)
        self.error.set_value(0.0)


class ComparePicture:
    """A banner over three panels, ReLU | tanh | sin, for one target on one interval."""

    def __init__(
        self,
        layout: Layout,
        theme: Theme,
        target_latex: str,
        interval: tuple[float, float],
        shapes: Iterable[Polyline],
        kinds: Sequence[str] = ("relu", "tanh", "sin"),
    ) -> None:
        self.theme, self.interval = theme, interval
        lo, hi = interval
        title = MathTex(
            rf"f(x) = {target_latex}",
            r"\text{ on }",
            rf"[{_num(lo)}, {_num(hi)}]",
            r"\qquad N =",
            font_size=FONT,
        )
        title[0].set_color(theme.target)
        self.count = DecimalNumber(0, num_decimal_places=0, font_size=FONT)
        self.count.next_to(title, RIGHT, buff=0.2)
        # The comparison is not a fair race: say what is fixed and what is fitted, in rows
        # that fit the frame's width at the smallest size that reads (three rows in 16:9).
        rows = [
            [r"\text{hidden weights fixed, same centres } t_k:"],
            [r"\text{ReLU } w = 1,", r"\tanh\ w = 1/\Delta,", r"\sin\ w_k = (k+1)\pi/2L;"],
            [r"\text{only the output weights are fitted}"],
        ]
        self.fixed = VGroup(
            *(
                MathTex(part, font_size=MIN_TEX_FONT, color=theme.muted)
                for row in rows
                for part in row
            )
        )
        lines = _packed(
            [list(self.fixed[0:1]), list(self.fixed[1:4]), list(self.fixed[4:5])],
            layout.safe.width,
        )
        heading = VGroup(VGroup(title, self.count), *lines)
        heading.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        banner, graph = layout.banner_and_graph(banner=heading.height)
        self.banner = banner.put(heading, LEFT)
        cells = graph.rows(1, 1, 1, gap=0.25) if layout.portrait else graph.columns(1, 1, 1)
        values = np.concatenate([[-1.0, 1.0], *(s.polyline(lo, hi)[1] for s in shapes)])
        y_range = tick_range(float(values.min()), float(values.max()), 5)
        x_range = tick_range(lo, hi, 4)
        self.panels = {
            kind: FitPanelOf(cell, kind, theme, x_range, y_range)
            for kind, cell in zip(kinds, cells, strict=True)
        }

    def axes_group(self) -> VGroup:
        return VGroup(*(p.axes for p in self.panels.values()))

    def headers(self) -> VGroup:
        return VGroup(*(p.header for p in self.panels.values()))

    def fit_curve(self, kind: str, shape: Polyline) -> NetCurve:
        """The fit, drawn over the whole interval (its range was sized to hold it)."""
        return NetCurve(
            self.panels[kind].axes,
            shape,
            self.interval,
            color=self.theme.approximation,
            stroke_width=4,
        )

    def target_curve(self, kind: str, shape: Samples) -> NetCurve:
        return NetCurve(
            self.panels[kind].axes,
            shape,
            self.interval,
            color=self.theme.target,
            stroke_width=8,
        )

    def window_box(
        self, kind: str, window: tuple[float, float], y_range: tuple[float, float]
    ) -> Rectangle:
        """A frame around ``window`` × ``y_range`` on one panel: the part a zoom will show."""
        axes = self.panels[kind].axes
        low, high = axes.c2p(window[0], y_range[0]), axes.c2p(window[1], y_range[1])
        box = Rectangle(
            width=high[0] - low[0],
            height=high[1] - low[1],
            color=self.theme.highlight,
            stroke_width=3,
        )
        return box.move_to((low + high) / 2)

    def unit_curves(self, kind: str, net: ReLUNet | ActivationNet) -> VGroup:
        """Each hidden unit's own curve σ(w_i x + b_i), faint, cut at the axes' top."""
        axes = self.panels[kind].axes
        lo, hi = self.interval
        y_lo, y_hi = axes.y_range[:2]
        curves = VGroup()
        for i in range(net.n_units):
            shape = drawn(hidden_unit(net, i), lo, hi)
            if isinstance(shape, ReLUNet):
                window = visible_x_range(shape, (lo, hi), (y_lo, y_hi))
            else:
                window = (lo, hi)
            if window is not None:
                curves.add(
                    NetCurve(
                        axes,
                        shape,
                        window,
                        color=self.theme.unit,
                        stroke_width=1.5,
                        stroke_opacity=self.theme.hatch_opacity,
                    )
                )
        return curves


def _num(value: float) -> str:
    """``−π`` and ``π`` by name, other ends as plain numbers."""
    if abs(abs(value) - np.pi) < 1e-12:
        return ("-" if value < 0 else "") + r"\pi"
    return f"{value:g}"
