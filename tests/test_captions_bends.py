"""Bends captions are true for every unit count and interval: each claim is checked against
slopes measured here by finite differences of the sum written out with numpy, not by the
captions' own code."""

from __future__ import annotations

import re

import numpy as np
import pytest

from relu_anim.captions.bends import BendsCaptions
from relu_anim.numeric import ReLUNet

H = [-2.0, -1.0, 0.0, 1.0, 2.0]
A = [1.0, -2.0, 1.5, 1.0, -1.5]
INTERVALS = [(-3.0, 3.0), (-1.5, 1.5), (0.5, 3.0), (-3.0, -2.5), (2.5, 4.0), (-10.0, 10.0)]
STEP = 1e-4


def by_hand(units: int, x: np.ndarray) -> np.ndarray:
    return sum(a * np.maximum(x - h, 0.0) for a, h in zip(A[:units], H[:units], strict=True))


def slope(units: int, x: float) -> float:
    """The slope of the first ``units`` terms at ``x``, by a central difference."""
    return float((by_hand(units, x + STEP) - by_hand(units, x - STEP)) / (2 * STEP))


def numbers(text: str) -> list[float]:
    return [float(n.replace("−", "-")) for n in re.findall(r"−?\d+(?:\.\d+)?", text)]


def words_for(units: int, interval: tuple[float, float]) -> BendsCaptions:
    net = ReLUNet(a=A[:units], w=[1.0] * units, b=[-h for h in H[:units]])
    return BendsCaptions(net, interval)


@pytest.mark.parametrize("interval", INTERVALS)
@pytest.mark.parametrize("units", [1, 2, 3, 4, 5])
def test_every_claim_matches_the_slopes_measured(units, interval) -> None:
    lo, hi = interval
    words = words_for(units, interval)
    inside = [h for h in H[:units] if lo < h < hi]

    first = words.one_unit()
    assert f"kink at x = h₁ = {H[0]:g}".replace("-", "−") in first
    assert ("left of this interval" in first) == (H[0] <= lo)
    assert ("right of this interval" in first) == (H[0] >= hi)
    if H[0] <= lo:  # only the ramp is on screen
        assert f"only the ramp of slope {slope(1, lo + 0.5 * (hi - lo)):g}" in first
    if H[0] >= hi:
        assert "only flat" in first
        assert slope(1, (lo + hi) / 2) == pytest.approx(0, abs=1e-9)

    for count in range(2, units + 1):
        text = words.add(count - 1, count)
        h = H[count - 1]
        assert ("out of view" in text) == (not lo < h < hi), text
        if "turns from" in text:
            before, after = numbers(text.split("turns from")[1])
            assert before == pytest.approx(slope(count, h - 10 * STEP), abs=1e-6)
            assert after == pytest.approx(slope(count, h + 10 * STEP), abs=1e-6)

    change = words.slope_change(units)
    jumps = [slope(units, h + 10 * STEP) - slope(units, h - 10 * STEP) for h in inside]
    if not inside:
        assert change.startswith("No kink lies inside"), change
        line = round(slope(units, (lo + hi) / 2), 6) + 0.0
        assert f"slope {line:g}".replace("-", "−") in change
        x = np.linspace(lo, hi, 101)  # one straight line in view
        np.testing.assert_allclose(np.diff(by_hand(units, x), 2), 0.0, atol=1e-9)
    elif all(j > 0 for j in jumps):
        assert "only turns up" in change, change
    elif all(j < 0 for j in jumps):
        assert "only turns down" in change, change
    else:
        assert "up where aᵢ is positive, down where it is negative" in change, change


@pytest.mark.parametrize("h", [-1.0, 0.5, 2.0])
def test_the_unit_facing_left_is_described_by_its_slopes(h) -> None:
    words = words_for(5, (-3.0, 3.0))
    unit = ReLUNet(a=[1.0], w=[-1.0], b=[h])
    text = words.facing_left(unit)
    x = np.linspace(-3, 3, 601)
    values = np.maximum(h - x, 0.0)  # by hand
    assert np.all(values[x > h] == 0)
    assert np.all(np.diff(values[x < h]) < 0)
    assert "face left" in text
    assert "0 right of its kink" in text
    assert f"kink at x = {h:g}".replace("-", "−") in text
    assert "slope −1 left of it" in text
