"""The Bends scene's captions, each computed from the net and the interval it describes.

Where a kink lies (in view, or left or right of the interval), which way a unit's ramp goes,
how the slope turns at a kink and whether the kinks in view turn it up, down or both: all are
read from the :class:`~relu_anim.numeric.ReLUNet` of the stage, so ``--interval 0.5,3`` or
``--units 1`` never get a caption about kinks that are not on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from relu_anim.numeric import ReLUNet

ORDINALS = ("first", "second", "third", "fourth", "fifth")


def number(value: float) -> str:
    """A weight, kink or slope as a caption prints it: ``−1.5``, ``2``, ``0`` (never ``−0``).

    Examples
    --------
    >>> number(-1.5), number(2.0), number(-0.0)
    ('−1.5', '2', '0')
    """
    return f"{value + 0.0:g}".replace("-", "−")


def term(a: float, w: float, b: float) -> str:
    """``a·ReLU(w·x + b)`` as caption text, written as ``a·ReLU(x − h)`` when ``w = 1``.

    Examples
    --------
    >>> term(-2.0, 1.0, 1.0), term(1.0, -1.0, -1.0)
    ('−2·ReLU(x + 1)', '1·ReLU(−x − 1)')
    """
    inside = "x" if w == 1 else ("−x" if w == -1 else f"{number(w)}x")
    if b:
        inside += f" {'+' if b > 0 else '−'} {number(abs(b))}"
    return f"{number(a)}·ReLU({inside})"


@dataclass(frozen=True)
class BendsCaptions:
    """Captions of the Bends scene for one example net and one interval.

    Parameters
    ----------
    example
        The net built up, unit by unit (its units in the order they are added).
    interval
        The x-interval on screen.

    Examples
    --------
    >>> net = ReLUNet(a=[1.0, -2.0], w=[1.0, 1.0], b=[2.0, 1.0])
    >>> words = BendsCaptions(net, (-3.0, 3.0))
    >>> words.add(1, 2).split(": ")[1]
    'the sum bends once more, at x = −1, where its slope turns from 1 to −1.'
    """

    example: ReLUNet
    interval: tuple[float, float]

    def kink(self, i: int) -> float:
        """Where unit ``i`` bends: ``x = −bᵢ/wᵢ``."""
        return float(-self.example.b[i] / self.example.w[i])

    def in_view(self, x: float) -> bool:
        lo, hi = self.interval
        return bool(lo < x < hi)

    def _where(self, x: float) -> str:
        if self.in_view(x):
            return f"x = {number(x)}"
        side = "left" if x <= self.interval[0] else "right"
        return f"x = {number(x)} ({side} of this interval, out of view)"

    def _slopes_at(self, net: ReLUNet, x: float) -> tuple[float, float]:
        """The slopes of ``net`` just left and just right of ``x``."""
        lo, hi = min(self.interval[0], x) - 1.0, max(self.interval[1], x) + 1.0
        xs = net.polyline(lo, hi)[0]
        slopes = net.slopes(lo, hi)
        index = int(np.searchsorted(xs, x, side="right")) - 1
        index = min(max(index, 0), len(slopes) - 1)
        at_vertex = np.isclose(xs[index], x)
        return float(slopes[index - 1] if at_vertex and index > 0 else slopes[index]), float(
            slopes[index]
        )

    def one_unit(self) -> str:
        a, w, b = self.example.a[0], self.example.w[0], self.example.b[0]
        h = self.kink(0)
        unit = self.example.unit(0)
        left, right = self._slopes_at(unit, h)
        shape = (
            f"flat, then a ramp of slope a₁ = {number(right)}"
            if left == 0
            else f"a ramp of slope {number(left)}, then flat"
        )
        if self.in_view(h):
            where = f"from its kink at x = h₁ = {number(h)}"
        else:
            # Only one side of the kink is on screen: say which piece that is.
            side, slope = ("left", right) if h <= self.interval[0] else ("right", left)
            seen = "flat" if slope == 0 else f"the ramp of slope {number(slope)}"
            where = f"with its kink at x = h₁ = {number(h)}, {side} of this interval"
            where += f": here only {seen}"
        return f"One unit, a₁·ReLU(x − h₁) = {term(a, w, b)}: {shape} {where}."

    def add(self, before: int, count: int) -> str:
        """Adding units ``before`` … ``count − 1`` to the sum of the first ``before``."""
        new = range(before, count)
        terms = " and ".join(term(*self._unit(i)) for i in new)
        places = " and ".join(self._where(self.kink(i)) for i in new)
        if len(new) > 1:
            return f"Add {terms}: {len(new)} more bends, at {places}."
        (i,) = new
        text = f"Add a {ORDINALS[before]} unit, {terms}: the sum bends once more, at {places}"
        if self.in_view(self.kink(i)):
            left, right = self._slopes_at(self.example.with_units(count), self.kink(i))
            text += f", where its slope turns from {number(left)} to {number(right)}"
        return text + "."

    def _unit(self, i: int) -> tuple[float, float, float]:
        return float(self.example.a[i]), float(self.example.w[i]), float(self.example.b[i])

    def slope_change(self, units: int) -> str:
        """The beat that reads each kink's change of slope off the sum of ``units`` units."""
        net = self.example.with_units(units)
        jumps = [
            float(jump)
            for x, jump in zip(*net.slope_jumps(), strict=True)
            if self.in_view(float(x)) and jump != 0
        ]
        if not jumps:
            lo, hi = self.interval
            (slope,) = set(net.slopes(lo, hi).tolist())
            return (
                f"No kink lies inside [{number(lo)}, {number(hi)}]: in view the sum is one "
                f"straight line of slope {number(slope)}. At a kink the slope would change by "
                "that unit's output weight aᵢ."
            )
        lead = "At every kink the slope changes by exactly that unit's output weight aᵢ"
        if all(jump > 0 for jump in jumps):
            return f"{lead}: every aᵢ in view is positive, so the slope only turns up."
        if all(jump < 0 for jump in jumps):
            return f"{lead}: every aᵢ in view is negative, so the slope only turns down."
        return f"{lead}: up where aᵢ is positive, down where it is negative."

    def facing_left(self, unit: ReLUNet) -> str:
        """A unit with a negative input weight ``w``: flat to the right of its kink."""
        (a,), (w,), (b,) = unit.a, unit.w, unit.b
        h = float(-b / w)
        left, right = self._slopes_at(unit, h)
        where = "" if self.in_view(h) else " (out of view)"
        return (
            f"A unit can also face left: with w = {number(w)}, {term(a, w, b)} is 0 right of its "
            f"kink at x = {number(h)}{where} and has slope {number(left)} left of it. "
            "The sign of w picks the side that is flat."
            if right == 0
            else f"{term(a, w, b)} has slope {number(left)} left of x = {number(h)} and "
            f"{number(right)} right of it."
        )
