"""Builders for "a ReLU net approximates a target": axes that fit, the target, error readouts.

A scene shows a target ``f`` (a :class:`~relu_anim.numeric.targets.Target`), one or more ReLU nets
``g`` and how far apart they are. Every number shown is measured by :mod:`relu_anim.numeric`
(``max_error``, ``rms_error``, ``argmax_error``); this module only lays the numbers out and
decides *when* they are redrawn, so that a sweep over 100 unit counts costs almost nothing
per frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    Axes,
    DecimalNumber,
    Line,
    MathTex,
    Mobject,
    ValueTracker,
    VGroup,
    VMobject,
)

from relu_anim.drawing.axes import axes_in, tick_range
from relu_anim.drawing.curves import NetCurve
from relu_anim.drawing.layout import Panel
from relu_anim.drawing.readouts import LiveNumber, steady_sweep
from relu_anim.numeric import (
    ReLUNet,
    argmax_error,
    error_decimals,
    max_error,
    rms_error,
    square_interpolant_error,
    sweep_count,
    sweep_counts,
)
from relu_anim.numeric.targets import NAMED_TARGETS, Target
from relu_anim.theme import Theme

__all__ = [
    "ComparisonTable",
    "ErrorReadout",
    "UnitSweep",
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
) -> ComparisonTable:
    """Return a small table ``label | max |f − g| | RMS``, one row per ``(label, max, rms)``.

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
    return table.arrange_in_grid(
        rows=len(rows) + 1, cols=3, buff=(0.45, 0.25), col_alignments="lcc"
    )


class UnitSweep:
    """Drive a :class:`NetCurve` (and an :class:`ErrorReadout`) through unit counts 1 → ``last``.

    A tracker runs from 0 to 1 through ``levels`` equal steps; step ``k`` shows the count
    ``round(last ** (k / (levels - 1)))``. That is geometric, so the first counts stay on screen
    long enough to be seen one by one and the large ones go by faster; and every step lasts the
    same time (``run_time / levels``, a few frames at any frame rate), so a 60 fps render shows
    the same counts as a 15 fps one and each number is on screen long enough to be read. The
    curve and the readout are redrawn only when the count changes.

    Parameters
    ----------
    curve
        The curve to redraw; it gets an updater while the sweep is attached.
    net_for
        The net for a unit count, e.g. ``lambda n: interpolant(f, lo, hi, n)``.
    last
        The final count.
    readout
        Readouts to keep in step with the curve, or ``None``.
    levels
        The number of steps; for 100 units, 80 steps show 47 distinct counts.

    Examples
    --------
    ::

        sweep = UnitSweep(curve, lambda n: interpolant(f, 0, 2, n), 100, readout)
        sweep.attach()
        self.play(sweep.animation(run_time=15))
        sweep.detach()
    """

    def __init__(
        self,
        curve: NetCurve,
        net_for: Callable[[int], ReLUNet],
        last: int,
        readout: ErrorReadout | None = None,
        levels: int = 80,
    ) -> None:
        if last < 1 or levels < 2:
            raise ValueError(f"UnitSweep: need last >= 1 and levels >= 2, got {last}, {levels}")
        self.curve = curve
        self.net_for = net_for
        self.last = int(last)
        self.readout = readout
        self.levels = int(levels)
        self.tracker = ValueTracker(0.0)
        self.count = 0
        self.shown_counts: list[int] = []
        self.sync()

    def count_at(self, progress: float) -> int:
        """The unit count shown at ``progress`` in [0, 1] of the sweep."""
        return sweep_count(progress, self.last, self.levels)

    @property
    def schedule(self) -> list[int]:
        """The distinct counts of the sweep, in order."""
        return sorted({self.count_at(level / self.levels) for level in range(self.levels)})

    def planned_counts(self, run_time: float, frame_rate: float) -> list[int]:
        """The distinct counts the frames of a ``run_time`` sweep at ``frame_rate`` show."""
        return sweep_counts(self.last, self.levels, run_time, frame_rate)

    def sync(self) -> int:
        """Show the count the tracker asks for, if it is not the one shown; return it."""
        count = self.count_at(self.tracker.get_value())
        if count != self.count:
            self.count = count
            net = self.net_for(count)
            self.curve.show(net)
            if self.readout is not None:
                self.readout.show(net)
            self.shown_counts.append(count)
        return count

    def attach(self) -> UnitSweep:
        """Let the tracker drive the curve and the readout (an updater, and a read hook)."""
        self.curve.add_updater(self._follow)
        if self.readout is not None:
            self.readout.before_read = self.sync
        return self

    def detach(self) -> UnitSweep:
        """Freeze the curve and the readout at the count shown."""
        self.sync()
        self.curve.remove_updater(self._follow)
        if self.readout is not None:
            self.readout.before_read = None
        return self

    def animation(self, run_time: float) -> Animation:
        """The sweep: the tracker from 0 to 1 at a steady pace (the count mapping is geometric)."""
        return steady_sweep(self.tracker, run_time)

    def _follow(self, _curve: Mobject) -> None:
        self.sync()
