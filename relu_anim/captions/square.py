"""The Square scene's captions, each computed from the nets and errors it describes.

For x² on [0, 2] they tell the seed article's story; for any other target, interval and unit
count they say what the numbers do: an error that rises is not said to drop, a least-squares
refit that does not lower the max error is not said to help, and "more units, a closer fit" is
said only when every count the sweep shows is at least as close as the one before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from relu_anim.captions.wording import (
    change,
    exact_fraction,
    first_rise,
    improves,
    listed,
    shown_error,
    shown_number,
    shown_position,
    trend,
)
from relu_anim.numeric import ReLUNet, error_decimals, interpolant, max_error, rms_error
from relu_anim.numeric.knots import FirstUnits
from relu_anim.numeric.targets import Target


@dataclass
class SquareCaptions:
    """Captions of the Square scene for one target, interval and largest unit count.

    Parameters
    ----------
    target, interval, units
        What is approximated, where, and the largest unit count of the sweep.
    first
        The one-unit, two-unit and refitted nets the scene shows first.
    seed_story
        Whether this is the seed article's x² on [0, 2] (ReLU(x), then + ReLU(x − 1)).
    square_law
        Whether the target is x², whose interpolant's max error is (Δ/2)².
    target_text
        How the target is written in the captions.

    Examples
    --------
    >>> from relu_anim.numeric import first_units
    >>> from relu_anim.numeric.targets import parse_target
    >>> f = parse_target("square")
    >>> words = SquareCaptions(f, (0.0, 2.0), 100, first_units(f, 0.0, 2.0, seed=True),
    ...                        seed_story=True, square_law=True, target_text="x²")
    >>> words.two_relus()
    'Add ReLU(x − 1): the line bends at x = 1, and the max error drops to 1.'
    """

    target: Target
    interval: tuple[float, float]
    units: int
    first: FirstUnits
    seed_story: bool
    square_law: bool
    target_text: str
    _errors: dict[tuple[ReLUNet, str], float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        lo, hi = self.interval
        self.digits = error_decimals(self.units)
        # The target's size: an error below 1e-12 of it is rounding, shown as 0.
        self.scale = max_error(self.target, np.zeros_like, lo, hi)

    def error(self, net: ReLUNet, kind: str = "max") -> float:
        """The max (or ``"rms"``) error of ``net`` on the interval, measured once."""
        if (net, kind) not in self._errors:
            measure = max_error if kind == "max" else rms_error
            self._errors[net, kind] = measure(self.target, net, *self.interval)
        return self._errors[net, kind]

    def shown(self, net: ReLUNet) -> str:
        """The max error of ``net`` as the captions print it."""
        return shown_error(self.error(net), self.digits, self.scale)

    def _change(self, before: ReLUNet, after: ReLUNet) -> str:
        return change(self.error(before), self.error(after), self.digits, self.scale)

    def target_caption(self) -> str:
        lo, hi = self.interval
        return f"Our target: the curve y = {self.target_text} on [{lo:g}, {hi:g}]."

    def one_relu(self) -> str:
        if self.shown(self.first.one) == "0":
            return (
                "A single unit gives a straight line through the two ends of the curve: "
                "it already matches the target exactly."
            )
        if self.seed_story:
            return (
                "A single unit, ReLU(x), is a straight ramp: it misses x² by up to "
                f"{self.shown(self.first.one)}."
            )
        return (
            "A single unit gives a straight line through the two ends of the curve: "
            f"it misses by up to {self.shown(self.first.one)}."
        )

    def two_relus(self) -> str:
        lo, hi = self.interval
        how = self._change(self.first.one, self.first.pair)
        if self.shown(self.first.one) == "0":
            return f"A second unit cannot improve on an exact line: the max error {how}."
        if self.seed_story:
            return f"Add ReLU(x − 1): the line bends at x = 1, and the max error {how}."
        bend = shown_position(self.first.bend_at, hi - lo)
        return (
            f"Two units: the line bends once, at x = {bend}, where the straight line missed "
            f"most; the max error {how}."
        )

    def fit_helps(self) -> bool:
        """Whether refitting the two units' weights lowers the max error as shown."""
        before, after = self.error(self.first.pair), self.error(self.first.fit)
        return improves(before, after, self.digits, self.scale)

    def adjust_headline(self) -> str:
        return "Adjusting the weights helps" if self.fit_helps() else "Adjusting the weights"

    def shift(self) -> str | None:
        """How far least squares moves the line through the knots, as shown (``"1/6"``),
        when it moves all of it by the same amount; else ``None``."""
        shift = self.first.shift
        if shift is None or shown_error(abs(shift), self.digits, self.scale) == "0":
            return None
        return exact_fraction(abs(shift)) or shown_error(abs(shift), self.digits)

    def adjust(self) -> str:
        fit = self.first.fit
        exact = exact_fraction(self.error(fit))
        error = f"{exact} = {self.shown(fit)}" if exact and "/" in exact else self.shown(fit)
        amount = self.shift()
        if self.fit_helps() and amount is not None:
            shift = self.first.shift or 0.0
            way = "down" if shift > 0 else "up"
            by = f"by exactly {amount}" if exact_fraction(abs(shift)) else f"by {amount}"
            if self.first.through != self.first.pair:
                xs = self.first.through.polyline(*self.interval)[0]
                knots = listed([shown_number(x) for x in xs])
                moved = (
                    f"makes the last weight {shown_number(float(fit.a[-1]))}, the line through "
                    f"the curve at x = {knots}, and moves that line {way} {by}"
                )
            else:
                moved = f"keeps the slopes and moves the whole line {way} {by}"
            return (
                f"Adjusting the weights helps: least squares on the same two kinks {moved}; "
                f"the max error comes down to {error}."
            )
        if self.fit_helps():
            return (
                "Adjusting the weights helps: least squares on the same two kinks brings the "
                f"max error down to {error}."
            )
        return (
            "Least squares on the same two kinks moves only the weights, to the smallest "
            f"squared error; the max error {self._change(self.first.pair, self.first.fit)}."
        )

    def sweep(self) -> str:
        return (
            "Now N units with evenly spaced kinks, each piece joining two points of the "
            f"curve: N grows from 1 to {self.units}."
        )

    def law(self, counts: Sequence[int]) -> str:
        """The closing caption, from the errors at the unit ``counts`` the sweep showed."""
        lo, hi = self.interval
        error = self.shown(interpolant(self.target, lo, hi, self.units))
        if self.square_law:
            law = "1/N²" if hi - lo == 2.0 else "(Δ/2)²"
            return (
                f"With {self.units} units the curve lies on the target: "
                f"the max error is {law} = {error}."
            )
        errors = [(n, self.error(interpolant(self.target, lo, hi, n))) for n in counts]
        how = trend(errors, self.digits, self.scale)
        if how == "exact":
            return f"With {self.units} units, as with one, the fit is exact: the max error is 0."
        if how == "flat":
            return (
                f"With {self.units} units the max error is still {error}: more units do not "
                "bring this target closer."
            )
        if how == "uneven":
            rise = first_rise(errors, self.digits, self.scale)
            assert rise is not None, "an uneven trend has a first rise"
            (n0, e0), (n1, e1) = rise
            return (
                f"With {self.units} units the max error is {error}, but more units are not "
                f"always closer: {_count(n0)} {e0}, {_count(n1)} {e1}."
            )
        return f"With {self.units} units the max error is {error}: more units, a closer fit."

    def up_close(self, window: tuple[float, float]) -> str:
        """The zoom into the last fit: its straight pieces and kinks in ``window``, and how far
        apart it and the target are there."""
        lo, hi = self.interval
        net = interpolant(self.target, lo, hi, self.units)
        xs = net.polyline(*window)[0]
        kinks = [shown_position(float(x), hi - lo) for x in xs[1:-1]]
        where = f"[{shown_position(window[0], hi - lo)}, {shown_position(window[1], hi - lo)}]"
        pieces = len(xs) - 1
        lines = "one straight line" if pieces == 1 else f"{pieces} straight lines"
        if kinks:
            lines += f" meeting at a kink at x = {listed(kinks)}"
        gap = shown_error(max_error(self.target, net, *window), self.digits, self.scale)
        units = f"{self.units} unit" + ("" if self.units == 1 else "s")
        if gap == "0":
            return (
                f"Up close, {units} are still straight pieces: on {where} the fit is {lines}, "
                "and the target is straight there too: they coincide."
            )
        return (
            f"Up close, {units} are still straight pieces: on {where} the fit is {lines}; "
            f"the target is at most {gap} away from them there."
        )


def _count(units: int) -> str:
    return "1 unit gives" if units == 1 else f"{units} units give"
