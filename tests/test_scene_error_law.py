"""The error-law scene: log-log points measured by the numeric core, slopes read off them."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_storyboard, family, net_curves

from relu_anim.numeric import Samples

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("error_law")

BEATS = ["axes", "square", "least_squares", "kink", "step_max", "step_rms"]
N = np.arange(1, 101)
FLOOR = 1e-5


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("error_law")


def drawn(scene, beat: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """The points of every series on screen at the end of ``beat``, read back through p2c."""
    return [pts for net, _, pts in scene.recorded[beat]["curves"] if isinstance(net, Samples)]


def series_of(scene, beat: str, ns: np.ndarray) -> list[np.ndarray]:
    """The drawn errors of the series whose counts are ``ns``."""
    return [ys for xs, ys in drawn(scene, beat) if len(xs) == len(ns) and np.allclose(xs, ns)]


def kink_error(n: int, c: float = 0.3, lo: float = -1.0, hi: float = 1.0) -> float:
    """Max error of the interpolant of |x − c| on n pieces, by hand: 2ab/Δ on the piece that
    holds the kink, with a and b the distances from the kink to the piece's ends."""
    delta = (hi - lo) / n
    k = np.floor((c - lo) / delta + 1e-12)
    a = c - (lo + k * delta)
    b = delta - a
    return 0.0 if min(a, b) < 1e-12 else 2 * a * b / delta


def test_beats_in_order_with_captions(scene) -> None:
    assert_storyboard(scene, BEATS, shortest=30, longest=70)
    assert scene.poster_beat().name == "step_rms"


def test_square_points_are_one_over_n_squared(scene) -> None:
    (ys,) = series_of(scene, "square", N)
    np.testing.assert_allclose(ys, 1.0 / N**2, rtol=1e-9, atol=1e-12)


def test_least_squares_lies_below_the_interpolant_with_the_same_slope(scene) -> None:
    (line,) = [pts for pts in drawn(scene, "least_squares") if len(pts[0]) < 100]
    xs, ys = line
    assert xs[0] == pytest.approx(1)
    assert xs[-1] == pytest.approx(100)
    assert np.all(ys < 1.0 / xs**2)
    assert np.polyfit(np.log10(xs), np.log10(ys), 1)[0] == pytest.approx(-2, abs=0.05)


def test_kink_points_are_two_ab_over_delta_with_dips_at_the_floor(scene) -> None:
    series = series_of(scene, "kink", N)
    expected = np.maximum([kink_error(n) for n in N], FLOOR)
    (ys,) = [ys for ys in series if not np.allclose(ys, 1.0 / N**2)]
    np.testing.assert_allclose(ys, expected, rtol=1e-9, atol=1e-12)
    dips = N[np.isclose(ys, FLOOR, rtol=1e-9, atol=0)]
    assert dips.tolist() == [20, 40, 60, 80, 100]


def test_step_max_never_below_a_half_while_rms_falls(scene) -> None:
    final = [pts for pts in drawn(scene, "step_rms") if len(pts[0]) < 100]
    assert len(final) == 3  # least squares of x², the step's max and its RMS
    by_level = sorted(final, key=lambda pts: pts[1][-1])
    (_, rms), (_, maxima) = by_level[1:]
    assert np.all(maxima >= 0.5 - 1e-12)
    assert rms[-1] < rms[0] / 5
    assert np.all(rms < maxima)


def test_dots_sit_on_the_series_points(scene) -> None:
    lines = net_curves(scene)
    checked = 0
    for part in family(scene):
        if len(part.submobjects) == 2 and part.submobjects[0] in lines:
            line, dots = part.submobjects
            centres = np.array([scene.axes.p2c(dot.get_center()) for dot in dots])
            np.testing.assert_allclose(centres[:, 0], line.net.xs, rtol=1e-9)
            np.testing.assert_allclose(centres[:, 1], line.net.ys, rtol=1e-9)
            checked += 1
    assert checked == 5


def test_slopes_read_off_the_points(scene) -> None:
    shown = scene.shown["step_rms"]
    assert shown["slope_square"] == pytest.approx(-2, abs=1e-6)
    assert shown["slope_square_ls"] == pytest.approx(-2, abs=0.05)
    assert shown["slope_kink"] == pytest.approx(-1, abs=0.05)
    assert abs(shown["slope_step_max"]) < 0.05
    assert -0.6 < shown["slope_step_rms"] < -0.3
    assert "slope_kink" not in scene.shown["least_squares"]
    assert list(scene.shown["square"]) == ["slope_square"]


def test_last_frame(scene, golden_frame) -> None:
    golden_frame(scene.renderer.get_frame())


def test_slope_card_reads_the_last_series_slope(scene) -> None:
    """The card's last line is what the RMS slope on screen does to the error for 10× N:
    the slope read off the drawn points by hand, 10^(−slope) to two digits."""
    final = [pts for net, _, pts in scene.recorded["step_rms"]["curves"] if len(pts[0]) < 100]
    rms = min(final, key=lambda pts: pts[1][0])  # the RMS starts lowest (0.27 at N = 1)
    slope = np.polyfit(np.log10(rms[0]), np.log10(rms[1]), 1)[0]
    text = scene.meaning.get_tex_string()
    assert text.startswith(f"p = {slope:.2f}:")
    assert text.endswith(f"\\div {float(f'{10 ** -round(slope, 2):.2g}'):g}")
