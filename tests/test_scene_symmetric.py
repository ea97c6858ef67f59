"""The symmetric scene: |x| from g(x) + g(−x), the answer's h2, h3, and the squared loss."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_storyboard, net_curves

from relu_anim.numeric import ReLUNet, Samples
from relu_anim.settings import SceneParams

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("symmetric")

BEATS = ["target", "two_units", "abs", "loss_h1", "h2", "pattern"]
X = np.linspace(-3.0, 3.0, 1201)


def g(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


# Re-entered by hand from the answer: h1 = |x|, h2 as in its R code, h3 the next pair.
H = {
    1: lambda x: np.abs(x),
    2: lambda x: np.abs(x) + g(2 * (x - 1)) + g(-2 * (x + 1)),
    3: lambda x: np.abs(x) + g(2 * (x - 1)) + g(-2 * (x + 1)) + g(2 * (x - 2)) + g(-2 * (x + 2)),
}


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("symmetric")


def test_beats_in_order_with_captions(scene) -> None:
    assert_storyboard(scene, BEATS, shortest=30, longest=70)
    assert scene.poster_beat().name == "h2"


def test_the_nets_are_the_answers_sums(scene) -> None:
    for k, h in H.items():
        np.testing.assert_allclose(scene.nets[k](X), h(X), atol=1e-12)
        # h_k meets x² at every integer of [−k, k].
        ints = np.arange(-k, k + 1.0)
        np.testing.assert_allclose(scene.nets[k](ints), ints**2, atol=1e-12)


def _curves(scene, beat: str):
    return scene.recorded[beat]["curves"]


def test_units_then_their_sum_is_abs(scene) -> None:
    units = [net for net, _, _ in _curves(scene, "two_units") if isinstance(net, ReLUNet)]
    for net, expected in zip(units, (g(X), g(-X)), strict=True):
        np.testing.assert_allclose(net(X), expected, atol=1e-12)
    ((_, _, (xs, ys)),) = [c for c in _curves(scene, "abs") if isinstance(c[0], ReLUNet)]
    np.testing.assert_allclose(xs, [-3, 0, 3], atol=1e-9)
    np.testing.assert_allclose(ys, [3, 0, 3], atol=1e-9)


def test_the_target_is_x_squared(scene) -> None:
    ((_, _, (xs, ys)),) = [c for c in _curves(scene, "target") if isinstance(c[0], Samples)]
    assert xs[0] == pytest.approx(-3)
    assert xs[-1] == pytest.approx(3)
    np.testing.assert_allclose(ys, xs**2, atol=1e-9)


@pytest.mark.parametrize(("beat", "levels"), [("loss_h1", [1]), ("h2", [1, 2]), ("pattern", [3])])
def test_loss_curves_are_half_the_squared_gap(scene, beat, levels) -> None:
    seen = set()
    for net, _, (xs, ys) in _curves(scene, beat):
        if not isinstance(net, Samples) or np.allclose(ys, xs**2):
            continue  # a net, or the target
        match = [k for k in levels if np.allclose(ys, 0.5 * (xs**2 - H[k](xs)) ** 2, atol=1e-9)]
        assert match, "a loss curve that is no ½(x² − h_k)²"
        seen.update(match)
        # Drawn up to where the loss leaves its axes (2.25 high), no further.
        assert ys.max() <= 2.25
    assert seen == set(levels)


def _loss_curves(scene, beat: str) -> list:
    """The loss curves of ``beat`` (Samples that are not x²), widest window first: the loss
    axes' own, then the magnified one."""
    curves = [c for c in _curves(scene, beat) if isinstance(c[0], Samples)]
    losses = [c for c in curves if not np.allclose(c[2][1], c[2][0] ** 2)]
    return sorted(losses, key=lambda c: c[1][0])


def test_h1_loss_is_small_on_minus_one_to_one_and_leaves_the_axes_near_two(scene) -> None:
    (_, x_range, (xs, ys)), (_, zoom_range, (zoom_xs, zoom_ys)) = _loss_curves(scene, "loss_h1")
    inside = np.abs(xs) <= 1
    assert ys[inside].max() <= 1 / 32 + 1e-12
    # ½(x² − x)² = 2.25 at x = (1 + √(1 + 4·√4.5))/2 ≈ 2.04: the curve stops just inside.
    edge = (1 + np.sqrt(1 + 4 * np.sqrt(4.5))) / 2
    assert edge - 0.02 < x_range[1] <= edge
    # The magnified axes stop at 0.04: ½(x² − x)² = 0.04 at x = (1 + √(1 + 4·√0.08))/2.
    zoom_edge = (1 + np.sqrt(1 + 4 * np.sqrt(0.08))) / 2
    assert zoom_edge - 0.02 < zoom_range[1] <= zoom_edge
    np.testing.assert_allclose(zoom_ys, 0.5 * (zoom_xs**2 - np.abs(zoom_xs)) ** 2, atol=1e-12)


@pytest.mark.parametrize("beat", ["loss_h1", "h2", "pattern"])
def test_the_loss_inside_the_band_is_drawn_tall_enough_to_read(scene, beat) -> None:
    """On the loss axes the loss inside [−k, k] (at most 1/32) is a pixel high; the magnified
    axes draw it at least 40 px high at 480p (frame height 8 = 480 px)."""
    pixels_per_unit = 480 / 8
    axes = scene.picture.zoom_axes
    magnified = [c for c in _loss_curves(scene, beat) if c[2][1].max() <= 0.04 + 1e-12]
    assert magnified, "no loss on the magnified axes"
    for _, _, (xs, ys) in magnified:
        top = axes.c2p(float(xs[np.argmax(ys)]), float(ys.max()))[1]
        assert (top - axes.c2p(0.0, 0.0)[1]) * pixels_per_unit >= 40


def test_readouts_show_a_quarter_at_every_level(scene) -> None:
    assert "max_gap" not in scene.shown["two_units"]
    for beat in ("abs", "loss_h1", "h2", "pattern"):
        assert scene.shown[beat]["max_gap"] == pytest.approx(0.25, abs=1e-9)


def test_last_frame_shows_h3_drawn_exactly(scene, golden_frame) -> None:
    nets = [c.net for c in net_curves(scene) if isinstance(c.net, ReLUNet)]
    assert len(nets) == 1
    np.testing.assert_allclose(nets[0](X), H[3](X), atol=1e-12)
    # Every curve drawn as computed: tests/test_drawn.py, for every scene.
    golden_frame(scene.renderer.get_frame())


def test_light_theme(build_scene) -> None:
    light = build_scene("symmetric", SceneParams(theme="light"))
    assert [b.caption for b in light.beats] == [b.caption for b in build_scene("symmetric").beats]


def test_last_beat_shows_slopes_growing_by_two(scene) -> None:
    from conftest import family

    from relu_anim.drawing.slopes import SlopeLabels

    (labels,) = [mob for mob in family(scene) if isinstance(mob, SlopeLabels)]
    shown = [label.get_value() for label in labels]
    # By hand: h3 has slope ±1 inside [−1, 1], ±3 on 1 < |x| < 2, ±5 beyond.
    assert shown == pytest.approx([-5, -3, -1, 1, 3, 5], abs=1e-12)
