"""The Symmetric scene's captions, each computed from the nets h_k it describes.

Where h_k meets x², how large the loss ½(x² − h_k)² gets inside [−k, k] and at the ends, and
which slopes each pair of units adds are measured on the nets (:func:`meeting_points`,
:func:`~relu_anim.numeric.max_error`, the nets' own slopes), then put into words: a caption
says "every integer of [−k, k]" only when the meeting points are those integers.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from relu_anim.captions.wording import listed, shown_number
from relu_anim.numeric import ReLUNet, max_error


def meeting_points(net: ReLUNet, lo: float, hi: float) -> np.ndarray:
    """Where ``net`` meets ``x²`` on ``[lo, hi]``: the roots of ``x² − net`` on every piece.

    On a piece ``net = αx + β``, so ``x² − αx − β = 0`` is solved exactly there; a root
    within 1e-9 of a piece's end counts once.

    Examples
    --------
    >>> from relu_anim.numeric import symmetric_square
    >>> meeting_points(symmetric_square(1), -3.0, 3.0).tolist()
    [-1.0, 0.0, 1.0]
    """
    xs, ys = net.polyline(lo, hi)
    found: list[float] = []
    for x0, x1, y0, y1 in zip(xs[:-1], xs[1:], ys[:-1], ys[1:], strict=True):
        alpha = (y1 - y0) / (x1 - x0)
        beta = y0 - alpha * x0
        disc = alpha * alpha + 4 * beta
        if disc < -1e-12:
            continue
        root = np.sqrt(max(disc, 0.0))
        for x in ((alpha - root) / 2, (alpha + root) / 2):
            if x0 - 1e-9 <= x <= x1 + 1e-9 and not any(abs(x - seen) < 1e-9 for seen in found):
                found.append(float(x))
    return np.array(sorted(round(x, 12) + 0.0 for x in found))


@dataclass(frozen=True)
class SymmetricCaptions:
    """Captions of the Symmetric scene for the nets ``h_k`` (``levels -> net``) on ``interval``.

    Examples
    --------
    >>> from relu_anim.numeric import symmetric_square
    >>> words = SymmetricCaptions({k: symmetric_square(k) for k in (1, 2, 3)})
    >>> words.abs()
    'Their sum h1 = g(x) + g(−x) = |x| meets x² at −1, 0 and 1.'
    """

    nets: Mapping[int, ReLUNet]
    interval: tuple[float, float] = (-3.0, 3.0)

    def meets(self, k: int) -> str:
        """Where h_k meets x²: ``every integer of [−k, k]`` when that is so, else the list."""
        points = meeting_points(self.nets[k], *self.interval)
        integers = np.arange(-k, k + 1.0)
        if len(points) == len(integers) and np.allclose(points, integers, atol=1e-9):
            return f"every integer of [{shown_number(-k)}, {k}]"
        return listed([shown_number(x) for x in points]) if len(points) else "no point"

    def loss_inside(self, k: int) -> float:
        """The largest loss ½(x² − h_k)² on [−k, k]: half the square of the max error there."""
        return 0.5 * max_error(np.square, self.nets[k], -k, k) ** 2

    def loss_at_end(self, k: int) -> float:
        """The loss ½(x² − h_k)² at the interval's right end (the left one mirrors it)."""
        hi = self.interval[1]
        return 0.5 * float(hi * hi - self.nets[k](hi)) ** 2

    def positive_slopes(self, k: int) -> list[float]:
        """The slopes of h_k right of 0, in order."""
        slopes = self.nets[k].slopes(*self.interval)
        return [float(s) for s in slopes if s > 0]

    def target(self) -> str:
        lo, hi = self.interval
        return (
            f"The target is x² on [{shown_number(lo)}, {shown_number(hi)}]; "
            "the only tool is the ReLU g(z) = max(0, z)."
        )

    def two_units(self) -> str:
        return "Two units: g(x) and its mirror image g(−x), two straight ramps."

    def abs(self) -> str:
        points = meeting_points(self.nets[1], *self.interval)
        shown = listed([shown_number(x) for x in points]) if len(points) else "no point"
        return f"Their sum h1 = g(x) + g(−x) = |x| meets x² at {shown}."

    def loss_h1(self) -> str:
        inside, end = self.loss_inside(1), self.loss_at_end(1)
        hi = shown_number(self.interval[1])
        if end > 10 * inside:
            after = f"then climbs to {shown_number(end)} at x = ±{hi}"
        else:
            after = f"and is {shown_number(end)} at x = ±{hi}"
        return (
            f"The squared loss ½(x² − h1)² is at most {shown_number(inside)} on [−1, 1], {after}."
        )

    def h2(self) -> str:
        added = self.positive_slopes(2)[1] - self.positive_slopes(1)[0]
        return (
            f"h2 = h1 + g(2(x − 1)) + g(−2(x + 1)): slope {shown_number(added)} more past ±1, "
            f"and it meets x² at {self.meets(2)}."
        )

    def pattern(self, k: int = 3) -> str:
        slopes = self.positive_slopes(k)
        steps = {shown_number(b - a) for a, b in itertools.pairwise(slopes)}
        shown = ", ".join(f"±{shown_number(s)}" for s in slopes)
        if len(steps) == 1:
            (step,) = steps
            grows = f"each new pair adds slope {step} on each side (slopes {shown})"
        else:
            grows = f"the slopes are {shown}"
        return f"The pattern goes on: {grows}, and h{k} meets x² at {self.meets(k)}."
