"""A curve and its error readouts driven through unit counts 1 → N by one tracker.

:class:`UnitSweep` is what makes a sweep over 100 unit counts cheap: the curve and the readout
are redrawn only when the count shown changes, and the counts come from
:func:`~relu_anim.numeric.sweep_count` (geometric, the same at any frame rate).
"""

from __future__ import annotations

from collections.abc import Callable

from manim import Animation, Mobject, ValueTracker

from relu_anim.drawing.approximation import ErrorReadout
from relu_anim.drawing.curves import NetCurve
from relu_anim.drawing.readouts import steady_sweep
from relu_anim.numeric import ReLUNet, sweep_count, sweep_counts

__all__ = ["UnitSweep"]


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
