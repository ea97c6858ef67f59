"""Live numbers that redraw only when the value they show changes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from manim import (
    RIGHT,
    Animation,
    DecimalNumber,
    MathTex,
    MoveToTarget,
    SingleStringMathTex,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)
from manim.mobject.text.numbers import string_to_mob_map


class _Source:
    """Holds a live number's value source; copies of the number share it.

    A deep copy (Manim copies mobjects for FadeIn and friends) would otherwise drag along
    whatever the source is bound to, a whole Scene included.
    """

    def __init__(self, function: Callable[[], float]) -> None:
        self.function = function

    def __call__(self) -> float:
        return self.function()

    def __deepcopy__(self, memo: dict[int, Any]) -> _Source:
        return self


G = TypeVar("G", bound=VMobject)


def _glyph_copy(glyph: G) -> G:
    """Copy a cached digit glyph: new point and colour arrays, shared immutable settings.

    ``Mobject.copy`` deep-copies every attribute (about a thousand objects per digit) and made
    up two thirds of a DecimalNumber rebuild; glyphs only need their arrays to be their own.
    """
    clone = copy.copy(glyph)
    for name, value in vars(glyph).items():
        if isinstance(value, np.ndarray):
            setattr(clone, name, value.copy())
        elif isinstance(value, list):
            setattr(clone, name, list(value))
    clone.submobjects = [_glyph_copy(part) for part in glyph.submobjects]
    return clone


class LiveNumber(DecimalNumber):
    """A :class:`~manim.DecimalNumber` tied to ``source``, rebuilt only when its text would change.

    Rebuilding a DecimalNumber every frame added ~50 % to a 1080p60 render on our machine
    (17.2 s against 10.3 s for 10 s of video); comparing the rounded value first costs nothing.

    Examples
    --------
    ::

        h = ValueTracker(0)
        readout = LiveNumber(h.get_value, num_decimal_places=2)
        self.add(readout)
        self.play(h.animate.set_value(1.5))
    """

    def __init__(self, source: Callable[[], float], num_decimal_places: int = 2, **kwargs: Any):
        self.source = _Source(source)
        self.rebuilds = 0
        super().__init__(source(), num_decimal_places=num_decimal_places, **kwargs)
        self._shown = self._rounded(source())
        self.add_updater(lambda mob: mob.refresh())

    def _string_to_mob(
        self, string: str, mob_class: type[SingleStringMathTex] | None = None, **kwargs: Any
    ) -> VMobject:
        # Manim's own version, with a cheap copy of the cached glyph instead of a deep one.
        if string not in string_to_mob_map:
            string_to_mob_map[string] = (mob_class or self.mob_class)(string, **kwargs)
        glyph = _glyph_copy(string_to_mob_map[string])
        glyph.font_size = self._font_size
        return glyph

    def _rounded(self, value: float) -> float:
        return round(float(value), self.num_decimal_places) + 0.0  # + 0.0 folds -0.0 into 0.0

    def refresh(self) -> LiveNumber:
        """Show the source's current value if it differs from what is shown."""
        value = self._rounded(self.source())
        if value != self._shown:
            self._shown = value
            self.rebuilds += 1
            self.set_value(value)
        return self


def live_number(
    label: str,
    source: Callable[[], float],
    num_decimal_places: int = 2,
    color: str | None = None,
    font_size: float = 40,
) -> VGroup:
    """Return ``label = <live value>`` as a group; the number is the group's last member."""
    tex = MathTex(label, "=", font_size=font_size)
    number = LiveNumber(source, num_decimal_places=num_decimal_places, font_size=font_size)
    if color is not None:
        tex[0].set_color(color)
        number.set_color(color)
    number.next_to(tex, RIGHT, buff=0.2)
    number.add_updater(lambda mob: mob.next_to(tex, RIGHT, buff=0.2))
    return VGroup(tex, number)


def steady_sweep(tracker: ValueTracker, run_time: float, value: float = 1.0) -> Animation:
    """``tracker`` moved to ``value`` at a steady pace over ``run_time`` seconds.

    The animation ``tracker.animate(run_time=..., rate_func=linear).set_value(value)`` builds,
    as an :class:`~manim.Animation` (``.animate`` is typed as the tracker itself).

    Examples
    --------
    >>> tracker = ValueTracker(0.0)
    >>> sweep = steady_sweep(tracker, run_time=4.0)
    >>> sweep.run_time, float(tracker.target.get_value())
    (4.0, 1.0)
    """
    tracker.generate_target().set_value(value)
    return MoveToTarget(tracker, run_time=run_time, rate_func=linear)
