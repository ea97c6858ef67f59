"""The Two Inputs scene's captions, each computed from the nets and numbers it states.

Every weight, count and error in a caption is read from the nets the scene draws (their
regions, creases and errors from :mod:`relu_anim.numeric.plane`), for any domain and ``N``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from relu_anim.captions.wording import shown_error
from relu_anim.numeric.two_inputs import TwoInputsStory

Range = tuple[float, float]


def number(value: float, digits: int = 3) -> str:
    """``value`` with up to ``digits`` significant digits, no ``-0``.

    Examples
    --------
    >>> number(0.5), number(-0.0), number(1.118033), number(-2.5e-7)
    ('0.5', '0', '1.12', '-2.5e-07')
    """
    text = f"{value:.{digits}g}"
    return "0" if float(text) == 0.0 else text


def at_most(value: float) -> str:
    """The smallest number of two significant digits that is at least ``value``.

    Examples
    --------
    >>> at_most(0.12311), at_most(0.12), at_most(3.0e-5)
    ('0.13', '0.12', '3e-05')
    """
    if value <= 0.0:
        return "0"
    exponent = math.floor(math.log10(value)) - 1
    step = 10.0**exponent
    rounded = math.ceil(value / step * (1 - 1e-12)) * step
    return f"{rounded:.2g}"


def readout_form(value: float, digits: int, bound: bool = False) -> tuple[str, int]:
    """The relation and decimal places a readout shows ``value`` with.

    ``digits`` significant digits (``0`` for a whole count), trailing zeros dropped; the
    relation is ``=`` when the printed number is ``value`` exactly, ``≈`` when it is rounded,
    and ``≤`` for a ``bound`` (a value already rounded up, see :func:`at_most`).

    Examples
    --------
    >>> readout_form(0.25, 3), readout_form(0.015625, 3), readout_form(1.0, 3)
    (('=', 2), ('≈', 4), ('=', 0))
    >>> readout_form(40.0, 0), readout_form(0.13, 2, bound=True), readout_form(3e-05, 2)
    (('=', 0), ('≤', 2), ('=', 5))
    """
    places = 0
    if digits > 0 and value != 0.0 and math.isfinite(value):
        places = max(0, digits - 1 - math.floor(math.log10(abs(value))))
        while places > 0 and f"{value:.{places}f}".endswith("0"):
            places -= 1
    if bound:
        return "≤", places
    return ("=" if float(f"{value:.{places}f}") == value else "≈"), places


def linear_form(w: Sequence[float], b: float) -> str:
    """``w1·x1 + w2·x2 + b`` in plain text, terms with a zero weight left out.

    Examples
    --------
    >>> linear_form((1.0, 0.5), -0.25), linear_form((1.0, -1.0), 0.0), linear_form((0.0, 2.0), 1.0)
    ('x1 + 0.5·x2 − 0.25', 'x1 − x2', '2·x2 + 1')
    """
    text = ""
    for value, name in ((w[0], "x1"), (w[1], "x2"), (b, "")):
        if number(value) == "0":
            continue
        size = number(abs(value))
        term = name if size == "1" and name else (f"{size}·{name}" if name else size)
        if not text:
            text = f"−{term}" if value < 0 else term
        else:
            text += f" − {term}" if value < 0 else f" + {term}"
    return text or "0"


@dataclass(frozen=True)
class TwoInputsCaptions:
    """Captions of the Two Inputs scene, from the nets of its ``story``.

    Examples
    --------
    >>> words = TwoInputsCaptions(TwoInputsStory.build((-1.0, 1.0), 8))
    >>> words.crease()[:60]
    'One ReLU of two inputs, ReLU(x1 + 0.5·x2 − 0.25), is a plane'
    >>> words.product()[-31:]
    'exactly a²/N² = 1²/8² ≈ 0.0156.'
    >>> TwoInputsCaptions(TwoInputsStory.build((-1.0, 1.0), 4)).product()[-31:]
    'exactly a²/N² = 1²/4² = 0.0625.'
    >>> TwoInputsCaptions(TwoInputsStory.build((-1e4, 1e4), 16)).product()[-13:]
    '16² = 390625.'
    """

    story: TwoInputsStory

    @property
    def domain(self) -> Range:
        return self.story.domain

    @property
    def square(self) -> str:
        lo, hi = (number(end) for end in self.domain)
        return f"[{lo}, {hi}]²"

    @property
    def half_width(self) -> float:
        return (self.domain[1] - self.domain[0]) / 2.0

    def question(self) -> str:
        return (
            "The asker's neuron has two inputs: sin(w0 + w1·x1 + w2·x2) expands into powers "
            "and products such as x1·x2 and x1²·x2. Can ReLUs, or a cascade of them, make those?"
        )

    def crease(self) -> str:
        one = self.story.one
        w, b = one.w[0], float(one.b[0])
        steepness = number(float(np.hypot(*w)) * abs(float(one.a[0])))
        return (
            f"One ReLU of two inputs, ReLU({linear_form(w, b)}), is a plane folded along the "
            f"crease {linear_form(w, b)} = 0: zero on one side, on the other a ramp rising "
            f"{steepness} per unit of distance from the crease. (w1, w2) sets the crease's "
            "direction and the ramp's steepness."
        )

    def regions(self) -> str:
        several = self.story.several
        units = several.n_units
        creases = len(several.creases(self.domain, self.domain))
        pieces = len(several.regions(self.domain, self.domain))
        return (
            f"Add up {units} such units: their {creases} creases cut the square into {pieces} "
            "polygons, and on each polygon the sum is one plane. Still piecewise linear, now "
            "in pieces of the plane."
        )

    def squares(self) -> str:
        n = self.story.units
        return (
            "The asker's term: x1·x2 = ((x1 + x2)² − (x1 − x2)²)/4. Each square depends on one "
            f"direction only, so {n} ReLU{'s' if n != 1 else ''} along x1 + x2 approximate "
            "(x1 + x2)²/4 the way the Square scene approximated x², every crease straight "
            "across that direction."
        )

    def product(self) -> str:
        n, error = self.story.units, self.story.errors[-1]
        pieces = len(self.story.product.regions(self.domain, self.domain))
        a = number(self.half_width)
        # The same relation the readout shows: 1/64 printed as 0.0156 is rounded, not equal.
        relation, places = readout_form(error, 3)
        return (
            f"{n} more along x1 − x2 for the other square: {2 * n} units, {pieces} flat "
            f"pieces, and the max error from x1·x2 on {self.square} is exactly "
            f"a²/N² = {a}²/{n}² {relation} {error:.{places}f}."
        )

    def error(self) -> str:
        pairs = ", ".join(
            f"{shown_error(err, 3)} at N = {n}"
            for n, err in zip(self.story.counts, self.story.errors, strict=True)
        )
        said = f"The max error a²/N² falls as 1/N², as x² did with one input: {pairs}."
        counts = self.story.counts
        doubling = len(counts) > 1 and all(
            after == 2 * before for before, after in pairwise(counts)
        )
        return f"{said} Twice the units, a quarter of the error." if doubling else said

    def taylor(self) -> str:
        return (
            "Back to the question: no ReLU net is x1·x2 or x1²·x2 exactly, but each is "
            "approximated as closely as asked. x1²·x2 = ((x1 + x2)³ − (x1 − x2)³ − 2·x2³)/6 is "
            f"three cubes along three directions: {self.story.cubic.n_units} units come within "
            f"{at_most(self.story.cubic_bound)} of it on {self.square}."
        )


__all__ = ["TwoInputsCaptions", "at_most", "linear_form", "number", "readout_form"]
