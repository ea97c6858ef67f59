"""The Shift scene's captions, each computed from the interval, the stops of h and the net shown.

Which pieces of ReLU(x) the interval shows (and their slopes) is read from the net; the way the
curve slides is read by comparing each stop of h with the one before; the slope right of the
kink is the net's.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby, pairwise

from relu_anim.captions.wording import listed, shown_number
from relu_anim.numeric import ReLUNet, shifted


def relu_caption(interval: tuple[float, float]) -> str:
    """ReLU(x) on ``interval``: both pieces and their slopes, or the one piece in view.

    Examples
    --------
    >>> relu_caption((1.0, 5.0))[:60]
    'ReLU(x) = max(0, x). On [1, 5] we see only its rising piece '
    >>> relu_caption((-3.0, 3.0))[-63:]
    'two straight pieces, of slope 0 and slope 1, meeting at a kink.'
    """
    lo, hi = interval
    slopes = [shown_number(float(s)) for s in shifted(0.0).slopes(lo, hi)]
    if len(slopes) == 2:
        return (
            "ReLU(x) = max(0, x): zero for negative x, then x itself. Its graph is two straight "
            f"pieces, of slope {slopes[0]} and slope {slopes[1]}, meeting at a kink."
        )
    piece = "flat" if slopes[0] == "0" else "rising"
    if lo == 0.0 or hi == 0.0:
        where = f"is this interval's {'left' if lo == 0.0 else 'right'} end"
    else:
        where = "lies outside this interval"
    return (
        f"ReLU(x) = max(0, x). On [{lo:g}, {hi:g}] we see only its {piece} piece "
        f"(slope {slopes[0]}): its kink, at x = 0, {where}."
    )


def shift_caption(stops: Sequence[float], start: float = 0.0) -> str:
    """h moving from ``start`` through ``stops``: the directions the curve slides, in order.

    Examples
    --------
    >>> shift_caption([1.5, -1.0, 0.5])[45:110]
    'As h goes to 1.5, −1 and 0.5, the whole curve slides right, then '
    >>> shift_caption([-1.0, -2.7, -1.7])[-68:]
    'the whole curve slides left, then right, and the kink moves with it.'
    """
    moves = ["right" if b > a else "left" for a, b in pairwise([start, *stops]) if b != a]
    opening = "Now subtract a number h inside: ReLU(x − h)."
    if not moves:
        return f"{opening} Here h moves by less than its readout shows: the curve stays put."
    ways = ", then ".join(way for way, _ in groupby(moves))
    # As the readout shows h (a decimal), not as a fraction.
    goes = listed([f"{h:g}".replace("-", "−") for h in stops])
    return (
        f"{opening} As h goes to {goes}, the whole curve slides {ways}, and the kink moves with it."
    )


def switch_caption(net: ReLUNet, interval: tuple[float, float]) -> str:
    """The unit as a switch at its kink ``h``: off (0) left of it, on (its slope) right of it;
    only the side in view when ``h`` is at an end of the interval (the readout rounds ``h``).

    Examples
    --------
    >>> switch_caption(shifted(0.5), (-3.0, 3.0))[:71]
    'Left of h the unit is off and outputs 0; right of h it is on and rises '
    >>> switch_caption(shifted(2.6), (2.5, 2.6))[:60]
    'Here h = 2.6 is at or past the right end, so only the off si'
    """
    lo, hi = interval
    (h,) = net.kinks()
    slopes = net.slopes(lo, hi)
    on = shown_number(float(slopes[-1]))
    switch = "A ReLU unit is a switch placed at x = h."
    where = f"{h:g}".replace("-", "−")
    if len(slopes) == 2:
        off = shown_number(float(net(lo)))
        return (
            f"Left of h the unit is off and outputs {off}; right of h it is on and rises with "
            f"slope {on}. {switch}"
        )
    if h >= hi:
        return (
            f"Here h = {where} is at or past the right end, so only the off side is in view: "
            f"the unit outputs {shown_number(float(net(lo)))} up to x = h. {switch}"
        )
    return (
        f"Here h = {where} is at or before the left end, so only the on side is in view: "
        f"the unit rises with slope {on} from x = h. {switch}"
    )
