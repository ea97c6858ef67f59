"""Every net and number the Two Inputs scene shows, for one square domain and N.

The scene draws these and its captions state them; the tests build the same story for any
domain and N the CLI accepts, without Manim. NumPy and the standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from relu_anim.numeric.plane import (
    PlaneNet,
    cubic_term_net,
    product_error,
    product_halves,
    product_net,
)

__all__ = ["ONE", "SEVERAL", "TwoInputsStory", "doubling_counts", "on_square"]

Range = tuple[float, float]

# The examples on the square [-1, 1]², moved onto the lecturer's square: one unit whose
# crease cuts the square off centre, and four whose creases cross in nine regions.
ONE = PlaneNet([1.0], [[1.0, 0.5]], [-0.25])
SEVERAL = PlaneNet(
    [1.0, -1.5, 1.0, 0.8],
    [[1.0, 0.5], [-0.5, 1.0], [0.25, -1.0], [-1.0, -0.6]],
    [-0.25, -0.3, -0.35, -0.2],
)


def on_square(net: PlaneNet, domain: Range) -> PlaneNet:
    """``net`` as drawn on [-1, 1]², moved onto ``domain²``: the same picture, rescaled.

    Examples
    --------
    >>> moved = on_square(ONE, (0.0, 4.0))
    >>> float(moved(4.0, 2.0)) == float(ONE(1.0, 0.0))
    True
    """
    centre, half = (domain[0] + domain[1]) / 2.0, (domain[1] - domain[0]) / 2.0
    w = net.w / half
    return PlaneNet(net.a, w, net.b - w.sum(axis=1) * centre, net.c)


def doubling_counts(units: int) -> tuple[int, ...]:
    """N = 1, 2, 4, … up to ``units``, and ``units`` itself.

    Examples
    --------
    >>> doubling_counts(8), doubling_counts(12), doubling_counts(1)
    ((1, 2, 4, 8), (1, 2, 4, 8, 12), (1,))
    """
    counts = {2**k for k in range(int(math.log2(units)) + 1)}
    return tuple(sorted(counts | {units}))


@dataclass(frozen=True)
class TwoInputsStory:
    """The nets of every beat on ``domain²`` with ``units`` ReLUs along each direction.

    Examples
    --------
    >>> story = TwoInputsStory.build((-1.0, 1.0), 8)
    >>> story.counts, story.errors[-1], story.product.n_units, story.cubic.n_units
    ((1, 2, 4, 8), 0.015625, 16, 24)
    """

    domain: Range
    units: int
    flat: PlaneNet
    one: PlaneNet
    several: PlaneNet
    counts: tuple[int, ...]
    nets: tuple[PlaneNet, ...]
    errors: tuple[float, ...]
    half: PlaneNet  # the units along (1, 1) alone: ≈ (x1 + x2)²/4
    cubic: PlaneNet
    cubic_bound: float

    @property
    def product(self) -> PlaneNet:
        """x1·x2 from 2N units."""
        return self.nets[-1]

    @property
    def shown_nets(self) -> tuple[PlaneNet, ...]:
        """Every net the scene draws, in the order it draws them."""
        return (self.flat, self.one, self.several, self.half, *self.nets, self.cubic)

    @property
    def region_counts(self) -> tuple[int, ...]:
        """How many flat pieces each of ``shown_nets`` has on the square."""
        return tuple(len(net.regions(self.domain, self.domain)) for net in self.shown_nets)

    @classmethod
    def build(cls, domain: Range, units: int) -> TwoInputsStory:
        lo, hi = domain
        centre, half = (lo + hi) / 2.0, (hi - lo) / 2.0
        counts = doubling_counts(units)
        cubic, bound = cubic_term_net(units, half, centre)
        return cls(
            domain=(lo, hi),
            units=units,
            flat=PlaneNet([0.0], [[0.0, 0.0]], [0.0]),
            one=on_square(ONE, domain),
            several=on_square(SEVERAL, domain),
            counts=counts,
            nets=tuple(product_net(count, half, centre) for count in counts),
            errors=tuple(product_error(count, half) for count in counts),
            half=product_halves(units, half, centre)[0],
            cubic=cubic,
            cubic_bound=bound,
        )
