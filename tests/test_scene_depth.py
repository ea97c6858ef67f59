"""The depth scene: tent powers and Yarotsky's sums drawn exactly, unit counts from the core."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_drawn_exactly, assert_storyboard, net_curves

from relu_anim.drawing.depth import teeth
from relu_anim.drawing.layout import Panel
from relu_anim.drawing.network import NetworkDiagram
from relu_anim.drawing.neuron import edge_stroke_width
from relu_anim.numeric import interpolant
from relu_anim.numeric.deep import sawtooth_square, tent_power
from relu_anim.theme import DARK

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("depth")

BEATS = ["tent", "teeth", "sum", "carry", "count"]


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("depth")


def _only_curve(scene, beat):
    (curve,) = scene.recorded[beat]["curves"]
    return curve


def test_beats_captions_and_length(scene) -> None:
    assert_storyboard(scene, BEATS, shortest=30, longest=70)
    count = scene.beats[-1].caption
    assert "28 units deep against 128" in count
    for beat in BEATS:
        assert scene.recorded[beat]["layout"] == []


def test_tent_is_drawn_exactly(scene) -> None:
    net, x_range, (xs, ys) = _only_curve(scene, "tent")
    assert net == tent_power(1)
    assert x_range == (0.0, 1.0)
    # T(x) = 2 ReLU(x) − 4 ReLU(x − ½) + 2 ReLU(x − 1), re-entered here.
    np.testing.assert_allclose(xs, [0.0, 0.5, 1.0], atol=1e-9)
    np.testing.assert_allclose(ys, [0.0, 1.0, 0.0], atol=1e-9)


def test_fourth_tent_power_has_eight_teeth_drawn_exactly(scene) -> None:
    net, _, (xs, ys) = _only_curve(scene, "teeth")
    assert net == tent_power(4)
    # T∘T∘T∘T: vertices at k/16, 1 at odd k, 0 at even k.
    k = np.arange(17)
    np.testing.assert_allclose(xs, k / 16, atol=1e-9)
    np.testing.assert_allclose(ys, k % 2, atol=1e-9)
    assert scene.shown["teeth"] == {"layers": 4.0, "teeth": 8.0}
    assert teeth(tent_power(6)) == 32


def test_sum_is_the_interpolant_of_the_square_on_32_pieces(scene) -> None:
    net, _, (xs, ys) = _only_curve(scene, "sum")
    assert net.layers == (4,) * 5
    expected_xs, expected_ys = interpolant(np.square, 0.0, 1.0, 32).polyline(0.0, 1.0)
    np.testing.assert_allclose(xs, expected_xs, atol=1e-9)
    np.testing.assert_allclose(ys, expected_ys, atol=1e-9)
    np.testing.assert_allclose(ys, (np.arange(33) / 32) ** 2, atol=1e-9)
    shown = scene.shown["sum"]
    assert shown["layers"] == 5
    assert shown["max_error"] == pytest.approx(2.0**-12, abs=5e-7)


def test_count_shows_28_deep_against_128_shallow(scene) -> None:
    # 90, by hand: 89 one-layer units bend at most 89 times, so one of their ≤ 90 pieces is
    # at least 1/90 wide, and no line is within (1/90)²/8 = 1.54e-5 > 2⁻¹⁶ of x² there.
    assert scene.shown["count"] == {
        "deep_units": 28.0,
        "shallow_units": 128.0,
        "any_weights_at_least": 90.0,
    }
    (curve,) = net_curves(scene)
    assert curve.net == sawtooth_square(7)
    assert_drawn_exactly(curve)
    xs, ys = _only_curve(scene, "count")[2]
    np.testing.assert_allclose(xs, np.arange(129) / 128, atol=1e-9)
    np.testing.assert_allclose(ys, xs**2, atol=1e-9)
    # Every row of the table: 4m units deep against 2^m in one layer (Yarotsky's counts).
    for m in range(1, 8):
        deep, shallow = _table_cells(scene)[m]
        assert (deep.get_value(), shallow.get_value()) == (4 * m, 2**m)


def _table_cells(scene):
    for top in scene.mobjects:
        cells = getattr(top, "cells", None)
        if cells:
            return cells
    raise AssertionError("no table on screen")


def test_network_diagram_edges_follow_the_weights() -> None:
    net = sawtooth_square(3)
    diagram = NetworkDiagram(net, DARK, Panel(0.0, 6.0, 0.0, 3.0))
    assert [len(column) for column in diagram.columns] == [1, 4, 4, 4, 1]
    largest = max(np.abs(coef).max() for coef in net.coefs)
    nonzero = sum(int(np.count_nonzero(coef)) for coef in net.coefs)
    assert len(diagram.edges) == nonzero
    for (layer, i, j), edge in diagram.edges.items():
        weight = net.coefs[layer][i, j]
        assert edge.get_stroke_color().to_hex().upper() == DARK.weight_color(weight).upper()
        assert edge.get_stroke_width() == pytest.approx(edge_stroke_width(weight, largest))
    # A unit's halo covers its edges in and out.
    assert len(diagram.unit_edges(2, 3)) == int(
        np.count_nonzero(net.coefs[1][:, 3]) + np.count_nonzero(net.coefs[2][3])
    )
    assert Panel(0.0, 6.0, 0.0, 3.0).fits(diagram)


def test_last_frame(scene, golden_frame) -> None:
    golden_frame(scene.renderer.get_frame())
