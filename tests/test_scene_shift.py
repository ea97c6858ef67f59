"""The shift scene: ReLU(x − h) drawn exactly while h moves, its kink marked at x = h."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from conftest import assert_drawn_exactly, assert_storyboard, family
from manim import DecimalNumber

from relu_anim.drawing import LiveNumber, NetCurve, vertices_on_axes
from relu_anim.drawing.slopes import SlopeLabels
from relu_anim.numeric import ReLUNet
from relu_anim.settings import SceneParams
from relu_anim.theme import DARK, LIGHT

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("shift")

BEATS = ["relu_itself", "shift", "kink_is_h", "switch_on"]
# The storyboard's h on [−3, 3]: 0 → 1.5 → −1 → 0.5, so the video ends on h = 0.5.
H_FINAL = 0.5

BUILDS = {
    "default": None,
    # h stops at 3/4, 1/3 and 7/12 of the interval: 3.5, 1, 2.5 on [−1, 5].
    "wide": SceneParams(interval=(-1.0, 5.0)),
    "light": SceneParams(theme="light"),
}


@pytest.fixture(scope="module")
def built(build_scene) -> Callable[[str], object]:
    """Return ``get(name)``: the Shift scene built with ``BUILDS[name]`` (shared builder)."""
    return lambda name: build_scene("shift", BUILDS[name])


def relu_of_x_minus(h: float) -> ReLUNet:
    """ReLU(x − h) written as a net by hand: a = 1, w = 1, b = −h."""
    return ReLUNet(a=[1.0], w=[1.0], b=[-h])


# -- drawn equals computed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "h", "interval"), [("default", H_FINAL, (-3.0, 3.0)), ("wide", 2.5, (-1.0, 5.0))]
)
def test_ends_on_relu_of_x_minus_h_drawn_exactly(built, build, h, interval) -> None:
    scene = built(build)
    (curve,) = [mob for mob in family(scene) if isinstance(mob, NetCurve)]
    assert curve.net == relu_of_x_minus(h)
    assert curve.x_range == interval
    xs, ys = vertices_on_axes(curve)
    # Three vertices: the interval's ends and the kink at h, where ReLU(x − h) is 0.
    np.testing.assert_allclose(xs, [interval[0], h, interval[1]], rtol=0, atol=1e-9)
    np.testing.assert_allclose(ys, [0.0, 0.0, interval[1] - h], rtol=0, atol=1e-9)
    assert_drawn_exactly(curve)


@pytest.mark.parametrize(("build", "h"), [("default", H_FINAL), ("wide", 2.5)])
def test_kink_dot_sits_at_h_on_the_x_axis_and_the_readout_shows_h(built, build, h) -> None:
    scene = built(build)
    dot, guide = scene.kink
    np.testing.assert_allclose(scene.axes.p2c(dot.get_center()), [h, 0.0], atol=1e-9)
    # The dashed guide stands on the kink, straight up.
    np.testing.assert_allclose(scene.axes.p2c(guide.get_bottom())[0], h, atol=1e-9)
    assert guide.get_top()[1] > dot.get_center()[1]
    readouts = [mob for mob in family(scene) if isinstance(mob, LiveNumber)]
    # h over the kink, and the unit's bias b = −h beside the plot.
    assert set(map(id, readouts)) == {id(scene.readout_number), id(scene.unit_bias)}
    assert len(readouts) == 2
    assert scene.unit_bias.get_value() == pytest.approx(-h, abs=1e-12)
    assert scene.readout_number.get_value() == pytest.approx(h, abs=1e-12)
    assert scene.readout_number.num_decimal_places == 1
    # The readout stands above the guide, over the kink.
    assert scene.readout.get_bottom()[1] > guide.get_top()[1]
    assert abs(scene.readout.get_center()[0] - dot.get_center()[0]) < 1e-6


def test_h_stops_follow_the_storyboard(built) -> None:
    assert built("default").h_stops == [1.5, -1.0, 0.5]
    assert built("wide").h_stops == [3.5, 1.0, 2.5]


def test_slope_labels_read_0_then_1(built) -> None:
    scene = built("default")
    (labels,) = [mob for mob in family(scene) if isinstance(mob, SlopeLabels)]
    assert [label.get_value() for label in labels] == [0.0, 1.0]
    np.testing.assert_array_equal([label.get_value() for label in labels], labels.net.slopes(-3, 3))
    assert labels.net == relu_of_x_minus(H_FINAL)
    zero, one = labels
    # "0" over the flat piece left of h, "+1" by the ramp right of it; both inside the plot.
    assert scene.axes.p2c(zero.get_center())[0] < H_FINAL < scene.axes.p2c(one.get_center())[0]
    for label in labels:
        assert label.font_size >= 26
        x, y = scene.axes.p2c(label.get_center())
        assert -3 < x < 3
        assert y > 0


def test_axes_fit_every_h(built) -> None:
    # Largest value shown: ReLU(3 − (−1)) = 4 at h = −1; the y-range must hold it.
    scene = built("default")
    x_min, x_max = scene.axes.x_range[:2]
    y_min, y_max = scene.axes.y_range[:2]
    assert (x_min, x_max) == (-3.0, 3.0)
    assert y_min <= 0
    assert 4.0 <= y_max <= 6.0


def test_every_number_on_screen_is_h_or_a_slope(built) -> None:
    scene = built("default")
    axis_numbers = {
        id(number) for axis in (scene.axes.x_axis, scene.axes.y_axis) for number in axis.numbers
    }
    shown = [
        mob.get_value()
        for mob in family(scene)
        if isinstance(mob, DecimalNumber) and id(mob) not in axis_numbers
    ]
    # The slopes 0 and 1, h, and the unit's weight 1 and bias −h.
    assert sorted(shown) == [-H_FINAL, 0.0, H_FINAL, 1.0, 1.0]


@pytest.mark.parametrize("build", ["default", "wide"])
def test_the_unit_s_bias_is_minus_h_at_every_beat_end(built, build) -> None:
    """ReLU(x − h) is one neuron with weight 1 and bias −h: the diagram's live bias says so
    wherever h stands (0 before h appears)."""
    scene = built(build)
    for beat, seen in scene.recorded.items():
        shown = seen["shown"]
        assert shown["b"] == pytest.approx(-shown.get("h", 0.0), abs=1e-12), beat
    assert scene.unit_bias.num_decimal_places == scene.readout_number.num_decimal_places


# -- structure -------------------------------------------------------------------------------


def test_beats_in_order_with_captions(built) -> None:
    assert_storyboard(built("default"), BEATS)


def test_themes(built) -> None:
    assert str(built("default").camera.background_color).upper() == DARK.background.upper()
    light = built("light")
    assert str(light.camera.background_color).upper() == LIGHT.background.upper()
    (curve,) = [mob for mob in family(light) if isinstance(mob, NetCurve)]
    assert curve.get_stroke_color().to_hex().upper() == LIGHT.unit.upper()


def test_golden_last_frame(built, golden_frame) -> None:
    golden_frame(built("default").renderer.get_frame())


def test_golden_last_frame_light(built, golden_frame) -> None:
    golden_frame(built("light").renderer.get_frame())


@pytest.mark.parametrize("aspect", ["16:9", "4:3", "9:16"])
def test_slope_one_is_drawn_at_45_degrees(build_scene, aspect) -> None:
    """One unit of x is as long on screen as one unit of y: ReLU's ramp was drawn at 22°."""
    import math

    axes = build_scene("shift", None, aspect).axes
    origin, right, up = axes.c2p(0, 0), axes.c2p(1, 0), axes.c2p(0, 1)
    assert right[0] - origin[0] == pytest.approx(up[1] - origin[1], rel=1e-9)
    ramp = axes.c2p(2, 2) - axes.c2p(1, 1)
    assert math.degrees(math.atan2(ramp[1], ramp[0])) == pytest.approx(45.0, abs=1e-6)


@pytest.mark.parametrize(("build", "interval"), [("default", (-3.0, 3.0)), ("wide", (-1.0, 5.0))])
def test_the_captions_are_those_of_its_interval_and_stops(built, build, interval) -> None:
    """The scene says what tests/test_captions_shift.py checks over a grid of intervals."""
    from relu_anim.captions.shift import relu_caption, shift_caption, switch_caption

    scene = built(build)
    captions = {beat.name: beat.caption for beat in scene.beats}
    assert captions["relu_itself"] == relu_caption(interval)
    assert captions["shift"] == shift_caption(scene.h_stops)
    assert captions["switch_on"] == switch_caption(relu_of_x_minus(scene.h_stops[-1]), interval)
    assert "slides right, then left, then right" in captions["shift"]


@pytest.mark.parametrize("frame", [(14.22, 8.0), (10.67, 8.0), (8.0, 14.22)], ids=str)
def test_the_unit_s_weight_clears_both_circles_in_every_aspect(frame) -> None:
    """In 4:3 the edge is short (the type keeps its size), and '1.00' ran into the x node."""
    from relu_anim.drawing.layout import Layout, Panel
    from relu_anim.drawing.shift_unit import ShiftSide

    width, height = frame
    layout = Layout(Panel(-width / 2, width / 2, -height / 2, height / 2))
    _, side = layout.graph_and_side(graph_share=0.6)
    unit = ShiftSide(side, layout.portrait).unit(DARK, lambda: 0.5)
    diagram = unit[0]
    label = diagram.weight_labels[0]
    for circle in (diagram.nodes[0], diagram.body):
        cx, cy = circle.get_center()[:2]
        # The point of the label's box nearest the circle's centre lies outside the circle.
        px = min(max(cx, label.get_left()[0]), label.get_right()[0])
        py = min(max(cy, label.get_bottom()[1]), label.get_top()[1])
        assert np.hypot(px - cx, py - cy) > circle.width / 2 + 0.02
