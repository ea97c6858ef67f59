"""Live numbers: same glyphs as Manim's DecimalNumber, rebuilt only when the shown text changes."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from manim import DecimalNumber

from relu_anim.drawing.readouts import LiveNumber, live_number


@pytest.fixture(autouse=True)
def private_media_folder(tmp_path):
    """Typeset digits into a temporary folder, never into the repository's media/."""
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path)}):
        yield


def outline(mobject) -> np.ndarray:
    points = np.vstack([m.points for m in mobject.family_members_with_points()])
    return points - points.mean(axis=0)


@pytest.mark.parametrize("value", [-1.234, 0.0, 0.005, 3.14159, 12.5, -0.004])
def test_shows_the_same_glyphs_as_decimal_number(value: float) -> None:
    shown = [0.5]
    number = LiveNumber(lambda: shown[0], num_decimal_places=2, font_size=40)
    shown[0] = value
    number.refresh()
    reference = DecimalNumber(round(value, 2) + 0.0, num_decimal_places=2, font_size=40)
    assert number.get_value() == pytest.approx(round(value, 2))
    assert np.allclose(outline(number), outline(reference), atol=1e-9)


def test_rebuilds_only_when_the_shown_value_changes() -> None:
    shown = [0.0]
    number = LiveNumber(lambda: shown[0], num_decimal_places=2)
    for value in (0.001, 0.002, 0.004, -0.001):  # all show as 0.00
        shown[0] = value
        number.refresh()
    assert number.rebuilds == 0
    for value in (0.01, 0.011, 0.02):
        shown[0] = value
        number.refresh()
    assert number.rebuilds == 2


def test_copies_share_the_source_but_not_the_glyphs() -> None:
    lock = threading.Lock()  # stands for a Scene: it cannot be deep-copied

    class Owner:
        def __init__(self) -> None:
            self.lock, self.value = lock, 1.0

        def read(self) -> float:
            return self.value

    owner = Owner()
    number = LiveNumber(owner.read)
    clone = number.copy()
    owner.value = 2.0
    clone.refresh()
    assert clone.get_value() == 2.0
    assert number.get_value() == 1.0
    assert all(a is not b for a, b in zip(clone.get_family(), number.get_family(), strict=True))


def test_live_number_label_keeps_its_number_beside_it() -> None:
    shown = [1.0]
    readout = live_number("N", lambda: shown[0], num_decimal_places=0)
    label, number = readout
    shown[0] = 1000.0
    number.update()
    assert number.get_left()[0] > label.get_right()[0]
