"""The Depth scene's captions, each computed from the nets and counts it describes.

The tent's peak, the teeth of each tent power, the points where f_m meets x² and its max
error, what the fourth unit of each layer carries, and the unit counts of the last table are
all measured on the nets of :mod:`relu_anim.numeric.deep`; a caption says "doubles" or "2^m + 1
points" only when the numbers do that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from relu_anim.captions.wording import listed, shown_number
from relu_anim.numeric import max_error
from relu_anim.numeric.deep import (
    DepthRow,
    sawtooth_square,
    shallow_units_lower_bound,
    tent_power,
)
from relu_anim.numeric.views import teeth

_GRID = np.linspace(0.0, 1.0, 4097)


def carried_sums(layers: int) -> bool:
    """Whether unit 4 of every hidden layer ``s`` of ``sawtooth_square(layers)`` outputs the
    running sum ``f_{s−1}`` on [0, 1] (so ReLU passes it unchanged), on a grid of 4097 points.

    Examples
    --------
    >>> carried_sums(3)
    True
    """
    net = sawtooth_square(layers)
    outputs = net.layer_outputs(_GRID)
    for s, out in enumerate(outputs, start=1):
        running = sawtooth_square(s - 1)(_GRID)
        if np.min(running) < 0 or not np.allclose(out[:, 3], running, atol=1e-12):
            return False
    return True


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_two(value: float) -> str:
    """``value`` as ``2⁻¹⁶`` when it is a power of two (to 1e-9), else two digits.

    Examples
    --------
    >>> power_of_two(2.0**-16), power_of_two(0.3)
    ('2⁻¹⁶', '0.3')
    """
    exponent = round(float(np.log2(value)))
    if abs(value / 2.0**exponent - 1) < 1e-9:
        return "2" + str(exponent).translate(_SUPERSCRIPT)
    return shown_number(value)


@dataclass(frozen=True)
class DepthCaptions:
    """Captions of the Depth scene for the tent ``powers`` and ``sums`` it shows and the
    ``rows`` of its table, ``mark`` the row it points at.

    Examples
    --------
    >>> from relu_anim.numeric.deep import depth_table
    >>> words = DepthCaptions((2, 3, 4), (1, 2, 3, 4, 5), depth_table(range(1, 8)), 7)
    >>> words.tent().endswith("up to 1 at x = 1/2 and back down to 0.")
    True
    """

    powers: Sequence[int]
    sums: Sequence[int]
    rows: Sequence[DepthRow]
    mark: int

    def tent(self) -> str:
        tent = tent_power(1)
        xs, ys = tent.polyline(0.0, 1.0)
        top = int(np.argmax(ys))
        end = shown_number(float(ys[-1]))
        return (
            "The tent map T(x) = 2·ReLU(x) − 4·ReLU(x − ½) + 2·ReLU(x − 1): three units of one "
            f"layer, up to {shown_number(float(ys[top]))} at x = {shown_number(float(xs[top]))} "
            f"and back down to {end}."
        )

    def teeth_counts(self) -> dict[int, int]:
        """Teeth of T and of each tent power shown, measured."""
        return {s: teeth(tent_power(s)) for s in (1, *self.powers)}

    def teeth(self) -> str:
        counts = self.teeth_counts()
        shown = [s for s in self.powers if s in (2, 3)]
        named = ", ".join(f"{'∘'.join(['T'] * s)} has {counts[s]}" for s in shown)
        if all(counts[s] == 2 ** (s - 1) for s in counts):
            law = "every layer doubles the teeth"
            rule = ": s layers of 3 units make 2^(s−1) teeth"
        else:
            law, rule = "the teeth grow", ""
        return f"Feed T into T: {law}. {named}{rule}."

    def sum_facts(self) -> list[tuple[int, int, float]]:
        """For each m shown: the points where f_m meets x² on [0, 1], and its max error."""
        facts = []
        for m in self.sums:
            net = sawtooth_square(m)
            xs, ys = net.polyline(0.0, 1.0)
            on = int(np.sum(np.abs(ys - xs**2) <= 1e-12))
            facts.append((m, on, max_error(np.square, net, 0.0, 1.0)))
        return facts

    def sum(self) -> str:
        facts = self.sum_facts()
        law = all(on == 2**m + 1 for m, on, _ in facts) and all(
            abs(error / 2.0 ** (-2 * m - 2) - 1) < 1e-6 for m, _, error in facts
        )
        start = "Subtract the sawtooths from x, the s-th scaled by 1/4^s: f_m = x − Σ T^{∘s}/4^s "
        if law:
            return start + "is the broken line through x² at 2^m + 1 points, error 2^(−2m−2)."
        errors = listed([f"{shown_number(e, 3)} at m = {m}" for m, _, e in facts])
        return start + f"comes within {errors} of x²."

    def carry(self) -> str:
        if carried_sums(max(self.sums)):
            return (
                "Why a fourth unit in each layer: three build the next tent, the fourth "
                "carries the running sum forward. It is never negative, so ReLU passes it "
                "unchanged."
            )
        return "The fourth unit of each layer carries the running sum, clipped by its ReLU."

    def row(self) -> DepthRow:
        return next(row for row in self.rows if row.layers == self.mark)

    def fewest_any(self) -> int:
        """No one-layer net of fewer units reaches the marked row's error (a bound)."""
        return shallow_units_lower_bound(self.row().deep_error)

    def count(self) -> str:
        row = self.row()
        if row.deep_units < row.shallow_units:
            counts = f"{row.deep_units} units deep against {row.shallow_units} in one layer"
        else:
            counts = f"{row.deep_units} units deep, but only {row.shallow_units} in one layer"
        bound = self.fewest_any()
        any_weights = (
            f" No one-layer net, whatever its weights, gets there with fewer than {bound}."
            if bound > row.deep_units
            else f" Any one-layer net, whatever its weights, needs at least {bound}."
        )
        return (
            f"Both on equal pieces, for max error {power_of_two(row.deep_error)}: at m = "
            f"{row.layers}, {counts}." + any_weights
        )

    def crossover(self) -> int | None:
        """The first depth m of the table whose deep net beats every one-layer net."""
        for row in self.rows:
            if row.deep_units < shallow_units_lower_bound(row.deep_error):
                return row.layers
        return None
