"""Builders for "a ReLU net approximates a target": axes that fit, the target, error readouts.

A scene shows a target ``f`` (a :class:`~relu_anim.numeric.targets.Target`), one or more ReLU nets
``g`` and how far apart they are. Every number shown is measured by :mod:`relu_anim.numeric`
(``max_error``, ``rms_error``, ``argmax_error``, each net once); this module only lays the
numbers out. A sweep through unit counts is :mod:`relu_anim.drawing.sweep`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Axes,
    DecimalNumber,
    Line,
    MathTex,
    VGroup,
    VMobject,
)

from relu_anim.drawing.axes import axes_in, tick_range
from relu_anim.drawing.layout import Panel
from relu_anim.drawing.readouts import LiveNumber
from relu_anim.numeric import (
    ReLUNet,
    argmax_error,
    error_decimals,
    max_error,
    rms_error,
    square_interpolant_error,
)
from relu_anim.numeric.targets import NAMED_TARGETS, Target
from relu_anim.theme import Theme

__all__ = [
    "ComparisonTable",
    "ErrorReadout",
    "comparison_table",
    "error_decimals",
    "error_gap",
    "shows_square_law",
    "square_law_latex",
    "target_axes",
    "target_curve",
]

# Samples of the target used only to choose the y-range of the axes (never drawn).
_RANGE_SAMPLES = 2001


def target_axes(
    target: Target,
    interval: tuple[float, float],
    theme: Theme,
    panel: Panel,
    nets: Iterable[ReLUNet] = (),
    **kwargs: Any,
) -> Axes:
    """Return axes filling ``panel`` whose y-range holds ``target`` and every net in ``nets``.

    The target is sampled on a fine grid and the nets contribute their exact vertices, so a
    least-squares fit that overshoots the target still fits in the window. Extra keyword
    arguments go to :func:`~relu_anim.drawing.axes.axes_in`.
    """
    lo, hi = interval
    values = [np.asarray(target(np.linspace(lo, hi, _RANGE_SAMPLES)))]
    values += [net.polyline(lo, hi)[1] for net in nets]
    every = np.concatenate(values)
    return axes_in(panel, tick_range(lo, hi), tick_range(every.min(), every.max()), theme, **kwargs)


def target_curve(
    axes: Axes,
    target: Target,
    interval: tuple[float, float],
    theme: Theme,
    stroke_width: float = 9,
    samples: int = 400,
) -> VMobject:
    """Return the static graph of ``target`` in the theme's target colour.

    It is drawn thicker than an approximation (stroke 4-5) so that, where the two coincide,
    the approximation on top stays visible with the target as a border around it. It is a
    fine polyline without Bézier smoothing, so a jump (``step``) does not overshoot.
    """
    lo, hi = interval
    return axes.plot(
        lambda x: float(target(x)),
        x_range=(lo, hi, (hi - lo) / samples),
        color=theme.target,
        stroke_width=stroke_width,
        use_smoothing=False,
    )


def error_gap(
    axes: Axes,
    target: Target,
    net: ReLUNet,
    interval: tuple[float, float],
    theme: Theme,
    stroke_width: float = 4,
) -> Line:
    """Return the vertical segment between ``target`` and ``net`` where they are farthest apart.

    Its x is :func:`~relu_anim.numeric.argmax_error`, so its length on screen is the max error.
    """
    x = argmax_error(target, net, *interval)
    return Line(
        axes.c2p(x, target(x)),
        axes.c2p(x, net(x)),
        color=theme.highlight,
        stroke_width=stroke_width,
    )


def shows_square_law(target: Target) -> bool:
    """Whether the max error of the interpolant of ``target`` follows the x² law (Δ/2)²."""
    return target is NAMED_TARGETS["square"]


def square_law_latex(interval: tuple[float, float]) -> str:
    """The x² law as LaTeX: ``1/N²`` on an interval of length 2, ``(Δ/2)²`` otherwise."""
    lo, hi = interval
    return "1/N^2" if hi - lo == 2.0 else r"(\Delta/2)^2"


class ErrorReadout(VGroup):
    """Live readouts of how well a net approximates a target: rows of ``label = number``.

    Rows (by key): ``"units"`` (N), ``"max"`` (max |f − g|), ``"rms"`` (RMS error) and, for
    x², ``"law"`` (the predicted ``1/N²`` or ``(Δ/2)²``). :meth:`show` measures a net with the
    numeric core (each net once) and the numbers redraw only when their shown value changes.

    Parameters
    ----------
    target, interval
        What is approximated, and where.
    theme
        Colours: the error rows use the approximation's colour.
    rows
        The keys of the rows, top to bottom; ``"law"`` only for :func:`shows_square_law`.
    decimals
        Decimal places of the error rows.
    font_size
        Size of every row.

    Examples
    --------
    ::

        readout = ErrorReadout(target, (0, 2), theme, rows=("units", "max"))
        readout.show(interpolant(target, 0, 2, 4))  # N = 4, max |f - g| = 0.0625
    """

    LABELS: ClassVar[dict[str, str]] = {"units": "N", "max": r"\max|f - g|", "rms": r"\mathrm{RMS}"}

    def __init__(
        self,
        target: Target,
        interval: tuple[float, float],
        theme: Theme,
        rows: Sequence[str] = ("units", "max"),
        decimals: int = 4,
        font_size: float = 36,
    ) -> None:
        super().__init__()
        # Not ``self.target``: Mobject keeps its animation target (a copy of itself) there.
        self.function = target
        self.interval = (float(interval[0]), float(interval[1]))
        self.net: ReLUNet | None = None
        # Called before a number is read, so a driver (UnitSweep) can bring the net up to date
        # whatever order Manim runs the updaters in.
        self.before_read: Callable[[], object] | None = None
        self._values = dict.fromkeys(("units", "max", "rms", "law"), 0.0)
        self._measured: dict[ReLUNet, dict[str, float]] = {}
        self.rows: dict[str, VGroup] = {}
        self._numbers: dict[str, LiveNumber] = {}
        # All labels in one MathTex: TeX runs once (~0.25 s a run on a cold cache), not per row.
        labels = MathTex(
            *(part for key in rows for part in (self._label(key), "=")), font_size=font_size
        )
        for index, key in enumerate(rows):
            color = theme.approximation if key in ("max", "rms") else theme.text
            label = VGroup(*labels[2 * index : 2 * index + 2])
            label[0].set_color(color)
            # No layout updater (live_number has one): a DecimalNumber keeps its left edge
            # when its value changes, so the number stays put beside its label by itself.
            number = LiveNumber(
                self._source(key),
                num_decimal_places=0 if key == "units" else decimals,
                font_size=font_size,
                color=color,
            )
            self._numbers[key] = number
            self.rows[key] = VGroup(label, number.next_to(label, RIGHT, buff=0.2))
        self.add(*self.rows.values())
        self.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        # Line the "=" signs up under each other; the numbers follow their labels.
        equals_x = max(row[0][1].get_x() for row in self.rows.values())
        for row in self.rows.values():
            row.shift((equals_x - row[0][1].get_x()) * RIGHT)

    def _label(self, key: str) -> str:
        if key == "law":
            return square_law_latex(self.interval)
        return self.LABELS[key]

    def _source(self, key: str) -> Callable[[], float]:
        return lambda: self.read(key)

    def read(self, key: str) -> float:
        """The value of row ``key`` for the net shown now."""
        if self.before_read is not None:
            self.before_read()
        return self._values[key]

    def number(self, key: str) -> DecimalNumber:
        """The live number of row ``key`` (what the viewer reads)."""
        return self._numbers[key]

    def measure(self, net: ReLUNet) -> dict[str, float]:
        """Return every readout of ``net`` (shown or not), measured once by the numeric core."""
        if net not in self._measured:
            lo, hi = self.interval
            values = {
                "units": float(net.n_units),
                "max": max_error(self.function, net, lo, hi),
                "rms": rms_error(self.function, net, lo, hi),
            }
            if "law" in self.rows:
                values["law"] = square_interpolant_error(*self.interval, net.n_units)
            self._measured[net] = values
        return self._measured[net]

    # Shadows Mobject.show (a debugging preview that takes a camera), as NetCurve.show does.
    def show(self, net: ReLUNet) -> ErrorReadout:  # type: ignore[override]
        """Show the readouts of ``net``; the numbers redraw on their next update."""
        self.net = net
        self._values.update(self.measure(net))
        return self

    def refresh(self) -> ErrorReadout:
        """Redraw every number now (outside an animation, where no updater runs)."""
        for number in self._numbers.values():
            number.refresh()
        return self


class ComparisonTable(VGroup):
    """The cells of :func:`comparison_table`, with its numbers by row label."""

    def __init__(
        self, cells: Sequence[VMobject], numbers: dict[str, tuple[DecimalNumber, DecimalNumber]]
    ) -> None:
        super().__init__(*cells)
        #: Row label -> (max number, RMS number), readable back with ``get_value``.
        self.numbers = numbers


def comparison_table(
    rows: Sequence[tuple[str, float, float]],
    theme: Theme,
    colors: Sequence[str],
    decimals: int = 4,
    font_size: float = 32,
    buff: tuple[float, float] = (0.45, 0.25),
) -> ComparisonTable:
    """Return a small table ``label | max |f − g| | RMS``, one row per ``(label, max, rms)``;
    ``buff`` is the gap between its columns and between its rows.

    The numbers are :class:`~manim.DecimalNumber` (readable back with ``get_value``); the
    result has ``.numbers[label] = (max_number, rms_number)``.
    """
    # Header and row labels come from one MathTex, so TeX runs once for all of them.
    texts = MathTex(
        r"\max|f - g|",
        r"\mathrm{RMS}",
        *(rf"\text{{{label}}}" for label, _, _ in rows),
        font_size=font_size,
    )
    parts = texts.submobjects
    cells: list[VMobject] = [VMobject(), parts[0].set_color(theme.muted)]
    cells.append(parts[1].set_color(theme.muted))
    numbers: dict[str, tuple[DecimalNumber, DecimalNumber]] = {}
    for index, ((label, largest, rms), color) in enumerate(zip(rows, colors, strict=True)):
        values = (
            DecimalNumber(largest, num_decimal_places=decimals, font_size=font_size, color=color),
            DecimalNumber(rms, num_decimal_places=decimals, font_size=font_size, color=color),
        )
        numbers[label] = values
        cells += [parts[2 + index].set_color(color), *values]
    table = ComparisonTable(cells, numbers)
    return table.arrange_in_grid(rows=len(rows) + 1, cols=3, buff=buff, col_alignments="lcc")
