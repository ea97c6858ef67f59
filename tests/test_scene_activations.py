"""The activations scene: a sin unit's Taylor terms, a ReLU unit's none, and three fits."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import assert_storyboard

from relu_anim.numeric import ReLUNet, Samples

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("activations")

BEATS = ["sin_unit", "relu_unit", "fit_square", "fit_sine", "zoom"]


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("activations")


def samples(scene, beat: str) -> list[tuple[np.ndarray, np.ndarray]]:
    return [pts for net, _, pts in scene.recorded[beat]["curves"] if isinstance(net, Samples)]


def relu_curves(scene, beat: str) -> list[tuple[ReLUNet, tuple, tuple]]:
    return [c for c in scene.recorded[beat]["curves"] if isinstance(c[0], ReLUNet)]


def lstsq_fit(f, lo: float, hi: float, n: int, sigma, w: np.ndarray) -> np.ndarray:
    """Output weights of σ(w·(x − t_k)) fitted by hand on 2001 points (centres t_k = lo + kΔ)."""
    t = lo + (hi - lo) / n * np.arange(n)
    x = np.linspace(lo, hi, 2001)
    design = np.column_stack([np.ones_like(x), sigma(w * (x[:, None] - t))])
    return np.linalg.lstsq(design, f(x), rcond=None)[0], t


def test_beats_in_order_with_captions(scene) -> None:
    assert_storyboard(scene, BEATS, shortest=30, longest=70)
    assert scene.poster_beat().name == "fit_sine"


def test_sin_unit_and_its_taylor_polynomials(scene) -> None:
    hand = [
        np.sin,
        lambda x: x,
        lambda x: x - x**3 / 6,
        lambda x: x - x**3 / 6 + x**5 / 120,
    ]
    found = []
    for xs, ys in samples(scene, "sin_unit"):
        assert np.all(np.abs(ys) <= 2 + 1e-9)  # cut at the axes
        match = [i for i, h in enumerate(hand) if np.allclose(ys, h(xs), atol=1e-9)]
        assert match
        found += match
    assert sorted(found) == [0, 1, 2, 3]


def test_relu_unit_is_zero_then_straight(scene) -> None:
    ((_net, _, (xs, ys)),) = relu_curves(scene, "relu_unit")
    np.testing.assert_allclose(xs, [-3.0, -0.5, 1.5], atol=1e-9)  # cut at y = 2
    np.testing.assert_allclose(ys, np.maximum(xs + 0.5, 0.0), atol=1e-9)


@pytest.mark.parametrize(
    ("beat", "f", "lo", "hi"),
    [("fit_square", np.square, -2.0, 2.0), ("fit_sine", lambda x: np.sin(3 * x), -np.pi, np.pi)],
)
def test_fits_at_twenty_units_are_least_squares_by_hand(scene, beat, f, lo, hi) -> None:
    n, delta = 20, (hi - lo) / 20
    weights = {
        "relu": (lambda z: np.maximum(z, 0.0), np.ones(n)),
        "tanh": (np.tanh, np.full(n, 1 / delta)),
        "sin": (np.sin, np.arange(1, n + 1) * np.pi / (2 * (hi - lo))),
    }
    drawn = samples(scene, beat) + [pts for _, _, pts in relu_curves(scene, beat)]
    for kind, (sigma, w) in weights.items():
        coef, t = lstsq_fit(f, lo, hi, n, sigma, w)

        def fitted(x, coef=coef, t=t, sigma=sigma, w=w):
            return coef[0] + sigma(w * (x[:, None] - t)) @ coef[1:]

        hits = [
            pts
            for pts in drawn
            if pts[0][0] == pytest.approx(lo)
            and pts[0][-1] == pytest.approx(hi)
            and np.allclose(pts[1], fitted(pts[0]), atol=1e-6)
        ]
        assert hits, f"no drawn {kind} fit equals the fit by hand"
        # Its readout: the max error, checked on a fine grid by hand.
        grid = np.linspace(lo, hi, 200001)
        shown = scene.shown[beat][f"max_{kind}"]
        assert shown == pytest.approx(np.abs(f(grid) - fitted(grid)).max(), abs=1e-5)
    assert scene.shown[beat]["units"] == 20


def test_faint_units_are_the_hidden_units(scene) -> None:
    units = [c for c in relu_curves(scene, "fit_square") if c[0].n_units == 1]
    assert len(units) == 20
    kinks = sorted(float(net.kinks()[0]) for net, _, _ in units)
    np.testing.assert_allclose(kinks, -2 + 0.2 * np.arange(20), atol=1e-12)
    assert all(net.a[0] == 1.0 for net, _, _ in units)


def test_zoom_is_straight_between_kinks(scene) -> None:
    ((net, (a, b), (xs, _ys)),) = [c for c in relu_curves(scene, "zoom")]
    inside = [k for k in net.kinks() if a < k < b]
    assert len(xs) == len(inside) + 2  # no vertex but the kinks and the window's ends
    np.testing.assert_allclose(xs[1:-1], inside, atol=1e-9)
    ((tx, ty),) = samples(scene, "zoom")
    np.testing.assert_allclose(ty, np.sin(3 * tx), atol=1e-9)
    assert a < math.pi / 6 < b  # the window holds the peak of sin(3x)


def test_last_frame(scene, golden_frame) -> None:
    # Its curves drawn as computed: tests/test_drawn.py, for every scene.
    golden_frame(scene.renderer.get_frame())
