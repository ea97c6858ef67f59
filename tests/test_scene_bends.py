"""The bends scene: a sum of shifted ReLUs built up unit by unit, kinks and slopes drawn exactly."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import numpy as np
import pytest
from conftest import assert_storyboard, family
from manim import DecimalNumber, config

from relu_anim.drawing import NetCurve, vertices_on_axes
from relu_anim.drawing.curves import KinkMarkers
from relu_anim.drawing.slopes import SlopeLabels
from relu_anim.numeric import ReLUNet
from relu_anim.settings import SceneParams

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("bends")

# The example of the docstring, re-entered by hand:
# g(x) = 1·ReLU(x + 2) − 2·ReLU(x + 1) + 1.5·ReLU(x) + 1·ReLU(x − 1) − 1.5·ReLU(x − 2).
H = [-2.0, -1.0, 0.0, 1.0, 2.0]
A = [1.0, -2.0, 1.5, 1.0, -1.5]
# Slopes on [−3, 3], by hand: 0 left of every kink, then adding a_1, a_2, ... in turn.
SLOPES = [0.0, 1.0, -1.0, 0.5, 1.5, 0.0]
BEATS = [
    "one_unit",
    "add_units_2",
    "add_units_3",
    "add_units_5",
    "slope_change",
    "facing_left",
    "recap",
]

BUILDS = {
    "default": None,
    "three": SceneParams(units=3),
    "four_light": SceneParams(units=4, theme="light"),
}


def hand_net(units: int) -> ReLUNet:
    """The first ``units`` terms a_i·ReLU(1·x + b_i) with b_i = −h_i."""
    return ReLUNet(a=A[:units], w=[1.0] * units, b=[-h for h in H[:units]])


@pytest.fixture(scope="module")
def built(build_scene) -> Callable[[str], object]:
    """Return ``get(name)``: the Bends scene built with ``BUILDS[name]`` (shared builder)."""
    return lambda name: build_scene("bends", BUILDS[name])


def only(scene: object, kind: type) -> object:
    (found,) = [mob for mob in family(scene) if isinstance(mob, kind)]
    return found


# -- the numbers -------------------------------------------------------------------------------


def test_hand_net_is_the_sum_of_shifted_relus() -> None:
    # Outside oracle: the formula evaluated with plain numpy, not through ReLUNet.
    x = np.linspace(-3, 3, 601)
    direct = sum(a * np.maximum(x - h, 0.0) for a, h in zip(A, H, strict=True))
    np.testing.assert_allclose(hand_net(5)(x), direct, atol=1e-12)
    np.testing.assert_allclose(hand_net(5).slopes(-3, 3), SLOPES, atol=1e-12)


@pytest.mark.parametrize(
    ("build", "stages"),
    [
        ("default", [1, 2, 3, 5]),
        ("three", [1, 2, 3]),
        ("four_light", [1, 2, 3, 4]),
    ],
)
def test_stage_nets_are_the_first_units_of_the_example(built, build, stages) -> None:
    scene = built(build)
    assert scene.stages == stages
    assert scene.stage_nets == [hand_net(k) for k in stages]


# -- drawn equals computed -----------------------------------------------------------------------


# Every curve of every build: tests/test_drawn.py.


def test_final_sum_is_the_five_unit_example_on_the_whole_interval(built) -> None:
    scene = built("default")
    curve = only(scene, NetCurve)
    assert curve.net == hand_net(5)
    assert curve.x_range == (-3.0, 3.0)
    xs, ys = vertices_on_axes(curve)
    # Vertices by hand: the ends and the five kinks, g = 0, 0, 1, 0, 0.5, 2, 2.
    np.testing.assert_allclose(xs, [-3, -2, -1, 0, 1, 2, 3], atol=1e-9)
    np.testing.assert_allclose(ys, [0, 0, 1, 0, 0.5, 2, 2], atol=1e-9)


def test_each_stage_showed_its_sum_with_its_slopes(built) -> None:
    scene = built("default")
    stages = ["one_unit", "add_units_2", "add_units_3", "add_units_5"]
    # Where each partial sum leaves the plot's y-range, by hand: ReLU(x + 2) reaches the top
    # of the plot before x = 1; minus 2·ReLU(x + 1) it is −x for x > −1 and leaves the bottom.
    slopes = [[0, 1], [0, 1, -1], [0, 1, -1, 0.5], SLOPES]
    y_lo, y_hi = scene.axes.y_range[:2]
    for beat, units, stage_slopes in zip(stages, [1, 2, 3, 5], slopes, strict=True):
        net = hand_net(units)
        seen = scene.recorded[beat]
        on_plot = [
            curve
            for curve, axes in zip(seen["curves"], seen["curve_axes"], strict=True)
            if axes == id(scene.axes)
        ]
        ((shown_net, x_range, (xs, ys)),) = on_plot
        assert shown_net == net
        np.testing.assert_allclose(xs, net.polyline(*x_range)[0], atol=1e-9)
        np.testing.assert_allclose(ys, net.polyline(*x_range)[1], atol=1e-9)
        # Drawn up to the plot's edge and no further.
        assert x_range[0] == -3.0
        assert y_lo - 1e-9 <= ys.min()
        assert ys.max() <= y_hi + 1e-9
        assert x_range[1] == 3.0 or min(abs(ys[-1] - y_lo), abs(ys[-1] - y_hi)) < 1e-9
        np.testing.assert_allclose(net.slopes(*x_range), stage_slopes, atol=1e-12)


def units_on_their_own(scene: object, beat: str) -> list[tuple]:
    """The curves of ``beat``'s end that are not on the main plot: the units drawn whole."""
    seen = scene.recorded[beat]
    return [
        curve
        for curve, axes in zip(seen["curves"], seen["curve_axes"], strict=True)
        if axes != id(scene.axes)
    ]


def test_each_new_unit_is_shown_whole_where_it_is_introduced(built) -> None:
    """Negative units were cut to a stub by the sum's plot (−2·ReLU(x + 1) reaches −8 on
    [−3, 3]); each now gets its own plot, over the whole interval, drawn exactly."""
    scene = built("default")
    new_units = {"one_unit": [0], "add_units_2": [1], "add_units_3": [2], "add_units_5": [3, 4]}
    # Lowest and highest value of each unit on [−3, 3], by hand: a·ReLU(x − h) at x = ±3.
    extremes = {0: (0, 5), 1: (-8, 0), 2: (0, 4.5), 3: (0, 2), 4: (-1.5, 0)}
    for beat, indices in new_units.items():
        shown = units_on_their_own(scene, beat)
        assert [net for net, _, _ in shown] == [hand_net(5).unit(i) for i in indices]
        for (net, x_range, (xs, ys)), i in zip(shown, indices, strict=True):
            assert x_range == (-3.0, 3.0)
            np.testing.assert_allclose(xs, net.polyline(*x_range)[0], atol=1e-9)
            np.testing.assert_allclose(ys, net.polyline(*x_range)[1], atol=1e-9)
            assert (ys.min(), ys.max()) == pytest.approx(extremes[i], abs=1e-9)


def test_a_unit_facing_left_is_shown(built) -> None:
    scene = built("default")
    ((net, x_range, (xs, ys)),) = units_on_their_own(scene, "facing_left")
    assert net.w[0] < 0
    assert x_range == (-3.0, 3.0)
    np.testing.assert_allclose(xs, net.polyline(*x_range)[0], atol=1e-9)
    np.testing.assert_allclose(ys, net.polyline(*x_range)[1], atol=1e-9)
    # ReLU(−x − 1), by hand: 0 right of x = −1, 2 at x = −3, slope −1 on the left.
    x = np.linspace(-3, 3, 61)
    np.testing.assert_allclose(net(x), np.maximum(-x - 1, 0.0), atol=1e-12)
    assert "face left" in scene.beats[BEATS.index("facing_left")].caption
    assert units_on_their_own(scene, "recap") == []


def test_slope_labels_show_the_slopes_and_jump_by_the_output_weights(built) -> None:
    scene = built("default")
    labels = only(scene, SlopeLabels)
    values = [label.get_value() for label in labels]
    np.testing.assert_allclose(values, hand_net(5).slopes(-3.0, 3.0), atol=1e-12)
    np.testing.assert_allclose(values, SLOPES, atol=1e-12)
    # The article's claim: at kink i the slope changes by a_i.
    np.testing.assert_allclose(np.diff(values), A, atol=1e-12)
    # Shown as 0, +1, −1, +0.5, +1.5, 0: a sign unless zero, decimals only where needed.
    formats = [(label.include_sign, label.num_decimal_places) for label in labels]
    assert formats == [(False, 0), (True, 0), (True, 0), (True, 1), (True, 1), (False, 0)]


def test_jump_row_shows_each_output_weight_under_its_kink(built) -> None:
    scene = built("default")
    markers = only(scene, KinkMarkers)
    assert markers.xs == tuple(H)
    jumps = scene.jump_labels
    np.testing.assert_allclose([label.get_value() for label in jumps], A, atol=1e-12)
    for label, marker, a in zip(jumps, markers, A, strict=True):
        assert label.get_x() == pytest.approx(marker[0].get_x(), abs=1e-9)
        assert label.get_top()[1] < scene.axes.get_bottom()[1]
        assert label.get_color().to_hex().upper() == scene.theme.weight_color(a).upper()


def test_slope_labels_are_readable_and_clear_of_the_curve_and_each_other(built) -> None:
    for build in ("default", "three"):
        scene = built(build)
        labels = only(scene, SlopeLabels)
        assert not labels.covered, "every label found a clear spot"
        curve = only(scene, NetCurve)
        # The curve, finely sampled on screen; no sample may fall inside a label.
        xs, ys = curve.net.polyline(*curve.x_range)
        fine_x = np.linspace(*curve.x_range, 3001)
        points = np.array(scene.axes.c2p(fine_x, np.interp(fine_x, xs, ys)))
        points = points.T if points.shape[0] == 3 else points
        boxes = []
        for label in labels:
            assert label.font_size >= 26
            left, bottom = label.get_corner([-1, -1, 0])[:2]
            right, top = label.get_corner([1, 1, 0])[:2]
            boxes.append((left, bottom, right, top))
            assert -config.frame_width / 2 < left
            assert right < config.frame_width / 2
            assert -config.frame_height / 2 < bottom
            assert top < config.frame_height / 2
            inside = (
                (points[:, 0] > left)
                & (points[:, 0] < right)
                & (points[:, 1] > bottom)
                & (points[:, 1] < top)
            )
            assert not inside.any(), f"label {label.get_value()} covers the curve"
            for marker in only(scene, KinkMarkers):
                dot = marker[0].get_center()
                assert not (left < dot[0] < right and bottom < dot[1] < top)
        for (l1, b1, r1, t1), (l2, b2, r2, t2) in combinations(boxes, 2):
            assert r1 <= l2 or r2 <= l1 or t1 <= b2 or t2 <= b1, "two slope labels overlap"


def test_only_numbers_from_the_net_are_shown(built) -> None:
    scene = built("default")
    axis_numbers = {
        id(number) for axis in (scene.axes.x_axis, scene.axes.y_axis) for number in axis.numbers
    }
    shown = sorted(
        mob.get_value()
        for mob in family(scene)
        if isinstance(mob, DecimalNumber) and id(mob) not in axis_numbers
    )
    assert shown == sorted(SLOPES + A)


# -- structure -------------------------------------------------------------------------------


def test_beats_in_order_with_captions(built) -> None:
    assert_storyboard(built("default"), BEATS)


@pytest.mark.parametrize(
    ("build", "names"),
    [
        (
            "three",
            ["one_unit", "add_units_2", "add_units_3", "slope_change", "facing_left", "recap"],
        ),
        (
            "four_light",
            [
                "one_unit",
                "add_units_2",
                "add_units_3",
                "add_units_4",
                "slope_change",
                "facing_left",
                "recap",
            ],
        ),
    ],
)
def test_units_sets_the_stages(built, build, names) -> None:
    scene = built(build)
    assert [beat.name for beat in scene.beats] == names
    units = int(names[-4].rsplit("_", 1)[-1])
    assert only(scene, NetCurve).net == hand_net(units)


def test_more_units_than_the_example_are_refused(build_scene) -> None:
    # 12 units rendered the 5-unit video without a word; the CLI refuses it first (MAX_UNITS,
    # tests/test_cli_errors.py), and the scene itself will not clamp it either.
    from relu_anim.catalog import scene_named
    from relu_anim.settings import ConfigError

    assert scene_named("bends").max_units == len(A)
    with pytest.raises(ConfigError, match="at most 5 units, got 12"):
        build_scene("bends", SceneParams(units=12))


def test_golden_last_frame(built, golden_frame) -> None:
    golden_frame(built("default").renderer.get_frame())


def test_golden_last_frame_light(built, golden_frame) -> None:
    golden_frame(built("four_light").renderer.get_frame())
