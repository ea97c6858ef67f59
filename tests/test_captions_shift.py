"""Shift's captions over a grid of intervals (its one parameter besides the theme): each claim
checked against ReLU worked out here by hand, not by the captions' code."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from relu_anim.captions.shift import relu_caption, shift_caption, switch_caption
from relu_anim.numeric import shifted

# Where h stops, as shares of the interval, and the readout's decimals (the storyboard's).
SHARES = (0.75, 1 / 3, 7 / 12)
INTERVALS = [
    (-3.0, 3.0),
    (-1.0, 5.0),
    (0.0, 2.0),
    (1.0, 5.0),
    (-5.0, -1.0),
    (-2.0, 0.0),
    (0.0, 0.01),
    (-0.05, 0.05),
    (2.5, 2.6),
    (-10000.0, 10000.0),
]


def relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.0)


def slope(f, x: float, width: float) -> float:
    step = 1e-6 * width
    return float((f(np.array([x + step])) - f(np.array([x])))[0] / step)


def stops(lo: float, hi: float) -> list[float]:
    """h's stops as the readout shows them: one decimal, more only when the stops would
    otherwise coincide or reach an end (on [0, 0.01] one decimal kept h at 0)."""
    for decimals in range(1, 17):
        found = [round(lo + (hi - lo) * share, decimals) for share in SHARES]
        if len(set(found)) == 3 and all(lo < h < hi for h in found):
            return found
    raise AssertionError("no decimals separate the stops")


@pytest.mark.parametrize("interval", INTERVALS, ids=str)
def test_h_moves_on_every_interval(interval) -> None:
    from relu_anim.lecture.companion import shift_stops
    from relu_anim.settings import SceneParams

    found, decimals = shift_stops(SceneParams(interval=interval))
    assert found == stops(*interval)
    assert decimals >= 1
    assert len(set(found)) == 3
    assert all(interval[0] < h < interval[1] for h in found)


@pytest.mark.parametrize("interval", INTERVALS, ids=str)
def test_the_relu_caption_names_the_pieces_in_view(interval) -> None:
    lo, hi = interval
    caption = relu_caption(interval)
    left, right = slope(relu, lo, hi - lo), slope(relu, hi - 1e-6 * (hi - lo), hi - lo)
    if lo < 0 < hi:
        assert (round(left), round(right)) == (0, 1)
        assert "two straight pieces, of slope 0 and slope 1, meeting at a kink" in caption
    else:
        assert round(left) == round(right)
        piece = "flat piece (slope 0)" if round(left) == 0 else "rising piece (slope 1)"
        assert f"we see only its {piece}" in caption
        assert f"On [{lo:g}, {hi:g}]" in caption
        if 0.0 in interval:
            assert "is this interval's" in caption
        else:
            assert "lies outside this interval" in caption


@pytest.mark.parametrize("interval", INTERVALS, ids=str)
def test_the_shift_caption_says_which_way_the_curve_slides(interval) -> None:
    path = [0.0, *stops(*interval)]
    caption = shift_caption(path[1:])
    moves = []
    for before, after in itertools.pairwise(path):
        if after > before and (not moves or moves[-1] != "right"):
            moves.append("right")
        elif after < before and (not moves or moves[-1] != "left"):
            moves.append("left")
    if not moves:
        assert "the curve stays put" in caption
        assert "slides" not in caption
        return
    said = re.search(r"slides ((?:left|right)(?:, then (?:left|right))*)", caption)
    assert said is not None, caption
    assert said.group(1).split(", then ") == moves
    goes = re.search(r"As h goes to (.*?), the whole curve", caption).group(1)
    numbers = [float(n.replace("−", "-")) for n in re.split(r", | and ", goes)]
    assert numbers == path[1:]


@pytest.mark.parametrize("interval", INTERVALS, ids=str)
def test_the_switch_caption_reads_the_final_unit(interval) -> None:
    lo, hi = interval
    h = stops(*interval)[-1]
    caption = switch_caption(shifted(h), interval)

    def unit(x: np.ndarray) -> np.ndarray:
        return relu(x - h)

    width = hi - lo
    left, right = slope(unit, lo, width), slope(unit, hi - 1e-6 * width, width)
    if (round(left), round(right)) == (0, 1):
        assert unit(np.array([lo]))[0] == 0.0
        assert "off and outputs 0" in caption
        assert "rises with slope 1" in caption
    elif round(right) == 0:  # h at the right end: all off
        assert h >= hi
        assert "only the off side is in view: the unit outputs 0" in caption
        assert "rises" not in caption
    else:  # h at the left end: all on
        assert h <= lo
        assert "only the on side is in view: the unit rises with slope 1" in caption
