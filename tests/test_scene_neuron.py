"""The neuron scene: numbers shown equal the numeric core's, curves are exact, edges encode w."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from conftest import assert_drawn_exactly, assert_storyboard, family, net_curves
from hypothesis import given
from hypothesis import strategies as st
from manim import Dot

from relu_anim.drawing import (
    LiveNumber,
    NetCurve,
    edge_stroke_width,
    vertices_on_axes,
)
from relu_anim.drawing.layout import texts
from relu_anim.drawing.neuron import SteadyNumber
from relu_anim.numeric import ReLUNet, neuron, pre_activation, shifted
from relu_anim.settings import SceneParams
from relu_anim.theme import DARK, LIGHT

# Every test of this scene runs on one xdist worker, so the scene is built once
# (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("neuron")

BEATS = [
    "inputs_and_weights",
    "weighted_sum",
    "activation",
    "input_changes",
    "negative_z",
    "one_input",
    "kink_at_h",
]
ASPECTS = ["16:9", "4:3", "9:16"]
# Readable at 480p: no text smaller than this at a frame short side of 8 (tick numbers are 24).
SMALLEST_FONT = 24


@pytest.fixture(scope="module")
def build(build_scene):
    """Return ``build(params=None, aspect="16:9")``: the Neuron scene from the shared builder."""
    return lambda params=None, aspect="16:9": build_scene("neuron", params, aspect)


@pytest.fixture(scope="module")
def built(build) -> object:
    """The scene in its default (dark) theme, built once for the module."""
    return build()


@pytest.fixture(scope="module")
def storyboard(built: object):
    """The scene's module, for its inputs (weights, bias, the path of x₁)."""
    return sys.modules[type(built).__module__]


def expected_z(x: list[float], w: tuple[float, ...], b: float) -> float:
    """z = w·x + b summed term by term here, independently of the code under test."""
    return sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b


def x1_at_end_of(beat: str, storyboard) -> float:
    """Where the storyboard leaves x₁ at the end of ``beat``."""
    moves = {"input_changes": "X1_POSITIVE", "negative_z": "X1_NEGATIVE", "kink_at_h": "X1_FINAL"}
    x1 = storyboard.INPUTS[0]
    for name in BEATS[: BEATS.index(beat) + 1]:
        x1 = getattr(storyboard, moves[name]) if name in moves else x1
    return x1


# -- structure ----------------------------------------------------------------------------------


def test_beats_in_order_with_captions_and_increasing_times(built) -> None:
    assert_storyboard(built, BEATS)


def test_only_live_mobjects_are_redrawn_every_frame(built) -> None:
    # Manim redraws everything from the first mobject with an updater onwards; the scene keeps
    # its live numbers and dots last, so the diagram and panels stay in the static background.
    # (Manim leaves an empty placeholder mobject behind after each wait; it draws nothing.)
    moving = {id(m) for m in built.get_moving_mobjects() if m.has_points()}
    live = [built.figure.x_readout, built.figure.y_readout, built.view.dot]
    assert moving == {id(m) for mobject in live for m in mobject.get_family() if m.has_points()}
    assert moving, "the final frame still has its live readouts and dot"
    # While x₁ moves, its tracker is animated too: nothing static may come after it. (A
    # ValueTracker keeps its value as a point, but it is not a VMobject: it is never drawn.)
    index = built.mobjects.index(built.x1)
    after = [m for top in built.mobjects[index + 1 :] for m in top.get_family() if m.has_points()]
    assert {id(m) for m in after} == moving


def test_static_parts_hold_no_updater(built) -> None:
    # One updater inside a static group would make Manim redraw the whole group every frame.
    figure, sums, view = built.figure, built.sums, built.view
    static = [figure.diagram, figure.fixed_inputs, sums.static(), sums.plot, sums.cut_off]
    static += [view.formula, view.offset, view.kink_at, view.axes, view.curve, view.kink]
    assert not any(mob.updaters for part in static for mob in part.get_family())
    live = [figure.x_readout, figure.y_readout, *sums.live, sums.z_dot, view.dot]
    assert all(mob.updaters for mob in live)


# -- the diagram encodes the weights ------------------------------------------------------------


def test_edges_are_coloured_by_sign_and_widen_with_the_size_of_the_weight(built, storyboard):
    diagram = built.figure.diagram
    weights = storyboard.WEIGHTS
    assert {np.sign(w) for w in weights} == {-1.0, 1.0}, "both edge colours should appear"
    for weight, edge in zip(weights, diagram.edges, strict=True):
        expected = DARK.negative if weight < 0 else DARK.positive
        assert edge.get_stroke_color().to_hex().lower() == expected.lower()
    widths = [edge.get_stroke_width() for edge in diagram.edges]
    by_size = np.argsort(np.abs(weights))
    assert np.all(np.diff(np.asarray(widths)[by_size]) > 0)
    shown = [label.get_value() for label in diagram.weight_labels]
    assert shown == pytest.approx(list(weights))


@given(
    st.floats(-10, 10, allow_nan=False),
    st.floats(-10, 10, allow_nan=False),
    st.floats(0.1, 10),
)
def test_edge_width_is_monotone_in_the_size_of_the_weight(first, second, largest) -> None:
    thinner, thicker = edge_stroke_width(first, largest), edge_stroke_width(second, largest)
    if abs(first) <= abs(second):
        assert thinner <= thicker
    if abs(second) - abs(first) > 1e-6:  # visibly different weights, visibly different widths
        assert thinner < thicker
    assert edge_stroke_width(first, largest) == edge_stroke_width(-first, largest)


@given(
    st.lists(st.floats(-100, 100), min_size=1, max_size=5).flatmap(
        lambda x: st.tuples(
            st.just(x), st.lists(st.floats(-100, 100), min_size=len(x), max_size=len(x))
        )
    ),
    st.floats(-100, 100),
)
def test_pre_activation_is_the_sum_inside_the_numeric_neuron(inputs_weights, bias) -> None:
    x, w = inputs_weights
    z = pre_activation(x, w, bias)
    assert z == pytest.approx(float(np.dot(x, w)) + bias, rel=1e-12, abs=1e-9)
    # Where the ReLU passes z through, the two must agree to the last bit.
    if z > 0:
        assert z == neuron(x, w, bias)


def test_light_theme_uses_its_own_colours(build, storyboard, golden_frame) -> None:
    scene = build(SceneParams(theme="light"))
    for weight, edge in zip(storyboard.WEIGHTS, scene.figure.diagram.edges, strict=True):
        expected = LIGHT.negative if weight < 0 else LIGHT.positive
        assert edge.get_stroke_color().to_hex().lower() == expected.lower()
    golden_frame(scene.renderer.get_frame())


# -- numbers shown equal numbers computed --------------------------------------------------------


@pytest.mark.parametrize("beat", BEATS)
def test_readouts_show_the_numeric_core_values(built, storyboard, beat) -> None:
    shown = built.shown[beat]
    x = [x1_at_end_of(beat, storyboard), *storyboard.INPUTS[1:]]
    w, b = storyboard.WEIGHTS, storyboard.BIAS
    output = neuron(x, w, b)
    assert round(shown["x1"], 2) == round(x[0], 2)
    if "y_at_arrow" in shown:  # the output arrow is drawn
        assert round(shown["y_at_arrow"], 2) == round(output, 2)
    if "z" in shown:  # the sum panel is on screen
        assert round(shown["z"], 2) == round(expected_z(x, w, b), 2)
        assert round(shown["w1x1"], 2) == round(w[0] * x[0], 2)
        assert round(shown["x1_in_table"], 2) == round(x[0], 2)
    if "y" in shown:
        assert round(shown["y"], 2) == round(output, 2)


def test_each_beat_shows_the_readouts_it_introduces(built) -> None:
    diagram, table = {"x1", "y_at_arrow"}, {"x1_in_table", "w1x1", "z"}
    assert set(built.shown["inputs_and_weights"]) == {"x1"}
    assert set(built.shown["weighted_sum"]) == {"x1"} | table
    for beat in ("activation", "input_changes", "negative_z"):
        assert set(built.shown[beat]) == diagram | table | {"y"}
    for beat in ("one_input", "kink_at_h"):
        assert set(built.shown[beat]) == diagram


def test_the_output_is_zero_while_z_is_negative(built, storyboard) -> None:
    shown = built.shown["negative_z"]
    assert shown["x1"] == storyboard.X1_NEGATIVE
    assert shown["z"] < 0
    assert shown["y"] == 0.0
    assert shown["y_at_arrow"] == 0.0
    # And by hand: 0.8·(−0.25) − 0.5·0.8 + 1.2·0.5 − 0.4 = −0.4.
    assert shown["z"] == pytest.approx(-0.4)


def test_positive_z_passes_through(built) -> None:
    shown = built.shown["input_changes"]
    assert shown["z"] > 0
    assert shown["y"] == shown["z"]


def test_final_numbers(built, storyboard) -> None:
    shown = built.shown["kink_at_h"]
    assert shown["x1"] == storyboard.X1_FINAL
    # By hand: 0.8·1.0 − 0.5·0.8 + 1.2·0.5 − 0.4 = 0.6.
    assert shown["y_at_arrow"] == pytest.approx(0.6)
    on_screen = [m for m in family(built) if isinstance(m, LiveNumber)]
    expected = (built.figure.x_readout, built.figure.y_readout)
    assert {id(m) for m in on_screen} == {id(m) for m in expected}


@pytest.mark.parametrize("edge", ["left", "right"])
@pytest.mark.parametrize("scale", [1.0, 0.8])
def test_steady_numbers_show_what_decimal_number_shows(edge, scale, tmp_path) -> None:
    # The cheap rebuild must put every glyph where Manim's set_value would, in the same colour.
    from manim import LEFT, RIGHT, DecimalNumber, tempconfig

    with tempconfig({"media_dir": str(tmp_path)}):  # digits typeset here, not into media/
        compare_with_decimal_number({"left": LEFT, "right": RIGHT}[edge], scale, DecimalNumber)


def compare_with_decimal_number(fixed, scale: float, decimal_number: type) -> None:
    shown = [1.0]
    style = {"font_size": 34, "edge_to_fix": fixed, "color": "#F4845F"}
    steady = SteadyNumber(lambda: shown[0], 2, **style).scale(scale).shift([1.2, -0.7, 0])
    reference = decimal_number(1.0, 2, **style).scale(scale).shift([1.2, -0.7, 0])
    for value in (0.5, -0.25, -1.234, 10.5, 0.004, -0.004, 7.77, 1.0):
        shown[0] = value
        steady.refresh()
        reference.set_value(round(value, 2) + 0.0)
        drawn = [m for m in steady.get_family() if m.has_points()]
        expected = [m for m in reference.get_family() if m.has_points()]
        assert len(drawn) == len(expected)
        for mine, theirs in zip(drawn, expected, strict=True):
            np.testing.assert_allclose(mine.points, theirs.points, rtol=0, atol=1e-9)
            np.testing.assert_allclose(mine.fill_rgbas, theirs.fill_rgbas, rtol=0, atol=1e-9)
        assert steady.get_value() == reference.get_value()
        assert steady.font_size == pytest.approx(reference.font_size, abs=1e-9)


# -- curves drawn equal curves computed ---------------------------------------------------------


def test_one_curve_on_screen_and_the_sums_plot_is_exact(built) -> None:
    # The curve on screen is checked with every scene's, in tests/test_drawn.py.
    assert len(net_curves(built)) == 1
    assert_drawn_exactly(built.sums.plot.curve)


def test_relu_graph_is_relu(built, storyboard) -> None:
    curve = built.sums.plot.curve
    assert curve.net == ReLUNet([1.0], [1.0], [0.0])
    xs, ys = vertices_on_axes(curve)
    np.testing.assert_allclose(xs, [storyboard.Z_RANGE[0], 0.0, storyboard.Z_RANGE[1]], atol=1e-9)
    np.testing.assert_allclose(ys, [0.0, 0.0, storyboard.Z_RANGE[1]], atol=1e-9)


def test_one_input_curve_is_the_neuron_with_x2_x3_fixed(built, storyboard) -> None:
    (curve,) = [m for m in family(built) if isinstance(m, NetCurve)]
    w, b, x = storyboard.WEIGHTS, storyboard.BIAS, storyboard.INPUTS
    offset = expected_z([0.0, *x[1:]], w, b)  # b' = b + w₂x₂ + w₃x₃
    assert curve.net.a.tolist() == [1.0]
    assert curve.net.w.tolist() == [w[0]]
    assert curve.net.b[0] == pytest.approx(offset, abs=1e-12)
    # By hand: b' = −0.4 − 0.4 + 0.6 = −0.2 and h = −b'/w₁ = 0.25.
    assert curve.net.kinks() == pytest.approx([0.25], abs=1e-12)
    # The same ramp as w₁·ReLU(x₁ − h), and as the neuron evaluated along x₁.
    lo, hi = curve.x_range
    xs, ys = vertices_on_axes(curve)
    np.testing.assert_allclose(xs, [lo, 0.25, hi], atol=1e-9)
    np.testing.assert_allclose(ys, shifted(0.25, a=w[0])(xs), atol=1e-9)
    along_x1 = [neuron([x1, *x[1:]], w, b) for x1 in np.linspace(lo, hi, 31)]
    np.testing.assert_allclose(curve.net(np.linspace(lo, hi, 31)), along_x1, atol=1e-12)


def test_dot_sits_on_the_curve_at_the_final_input(built, storyboard) -> None:
    (curve,) = [m for m in family(built) if isinstance(m, NetCurve)]
    x1, y = curve.axes.p2c(built.view.dot.get_center())
    assert x1 == pytest.approx(storyboard.X1_FINAL, abs=1e-9)
    assert y == pytest.approx(0.6, abs=1e-9)


def test_z_dot_sits_on_the_relu_graph_at_z(built, storyboard) -> None:
    # The dot stopped following when the sum panel left, x₁ still at its negative stop.
    x = [storyboard.X1_NEGATIVE, *storyboard.INPUTS[1:]]
    z, y = built.sums.plot.axes.p2c(built.sums.z_dot.get_center())
    assert z == pytest.approx(expected_z(x, storyboard.WEIGHTS, storyboard.BIAS), abs=1e-9)
    assert y == pytest.approx(neuron(x, storyboard.WEIGHTS, storyboard.BIAS), abs=1e-9) == 0.0


# -- every aspect --------------------------------------------------------------------------------


# Builds in another aspect are slow tests, as in tests/test_layout.py.
@pytest.mark.parametrize(
    "aspect", [pytest.param(a, marks=() if a == "16:9" else pytest.mark.render) for a in ASPECTS]
)
def test_every_aspect_shows_the_same_numbers_readably(build, aspect) -> None:
    # (tests/test_layout.py checks every aspect for clipped and overlapping texts.)
    scene = build(aspect=aspect)
    assert scene.shown == build().shown
    # Only live numbers and dots (and the tracker, which draws nothing) are redrawn per frame.
    for top in scene.mobjects:
        if top.get_family_updaters():
            assert isinstance(top, LiveNumber | Dot), top
    # Every text of every panel, including those gone from the screen by the end.
    panels = [scene.figure.group, scene.sums.group, scene.view.group]
    small = [t for t in texts(panels) if t.font_size < SMALLEST_FONT - 0.5]
    assert small == [], [(type(t).__name__, round(t.font_size, 1)) for t in small]


@pytest.mark.render
def test_portrait_stacks_the_diagram_above_the_panel(build) -> None:
    wide, tall = build(), build(aspect="9:16")
    assert wide.figure.diagram.get_right()[0] < wide.side.left
    assert tall.figure.diagram.get_bottom()[1] > tall.side.top


# -- the picture -------------------------------------------------------------------------------


def test_golden_last_frame(built, golden_frame) -> None:
    golden_frame(built.renderer.get_frame())


def test_numbers_on_screen_add_up_on_every_frame(built, storyboard) -> None:
    """A paused frame must show numbers that multiply and add to what it shows: 0.80 × 0.53
    was shown as 0.43. Checked with exact decimals over the whole path of x₁, at every
    hundredth of the tracker's travel (what frames stop at)."""
    from decimal import Decimal

    from manim import ValueTracker

    from relu_anim.drawing.neuron_panels import TrackedNeuron

    def shown(value: float) -> Decimal:  # as DecimalNumber prints with two decimals
        return Decimal(f"{value:.2f}")

    tracker = ValueTracker(0.0)
    cell = TrackedNeuron(
        storyboard.WEIGHTS, storyboard.BIAS, storyboard.INPUTS, tracker, step=storyboard.X1_STEP
    )
    low, high = min(storyboard.X1_PATH), max(storyboard.X1_PATH)
    weights = [shown(w) for w in storyboard.WEIGHTS]
    assert [float(w) for w in weights] == list(storyboard.WEIGHTS)  # weights shown as they are
    for value in np.linspace(low, high, 1001):
        tracker.set_value(value)
        xs = [shown(x) for x in cell.inputs()]
        terms = [shown(cell.term(i)) for i in range(len(xs))]
        assert terms == [w * x for w, x in zip(weights, xs, strict=True)], (value, xs, terms)
        z = shown(cell.z())
        assert z == sum(terms) + shown(storyboard.BIAS), (value, terms, z)
        assert shown(cell.output()) == max(Decimal(0), z)
        assert f"{cell.z():.2f}" != "-0.00"
    # The moving input stops exactly where the storyboard sends it, the kink h included.
    for stop in storyboard.X1_PATH:
        tracker.set_value(stop)
        assert cell.moving() == stop
    assert built.x1.get_value() == storyboard.X1_FINAL


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_caption_is_true_of_the_numbers_on_screen(build, storyboard, theme) -> None:
    """Neuron takes only the theme: in both, each beat's claim holds for the numbers its end
    shows, worked out here by hand (weights 0.8, −0.5, 1.2; bias −0.4; x₂ = 0.8, x₃ = 0.5)."""
    from relu_anim.settings import SceneParams

    scene = build(None if theme == "dark" else SceneParams(theme="light"))
    captions = {beat.name: beat.caption for beat in scene.beats}
    shown = scene.shown
    w, b, (x2, x3) = (0.8, -0.5, 1.2), -0.4, (0.8, 0.5)

    def z_of(x1: float) -> float:
        return w[0] * x1 + w[1] * x2 + w[2] * x3 + b

    # "inputs x₁, x₂, x₃": three inputs, three edges.
    assert "inputs x₁, x₂, x₃" in captions["inputs_and_weights"]
    assert len(scene.figure.diagram.edges) == 3
    # "z = w·x + b", then "y = max(0, z)".
    assert "z = w·x + b" in captions["weighted_sum"]
    assert shown["weighted_sum"]["z"] == pytest.approx(z_of(shown["weighted_sum"]["x1"]), abs=0.005)
    assert "y = max(0, z)" in captions["activation"]
    assert shown["activation"]["y"] == pytest.approx(max(0.0, shown["activation"]["z"]), abs=0.005)
    # "As x₁ changes, z and the output follow": x₁ moved, and z and y moved with it.
    before, after = shown["activation"], shown["input_changes"]
    assert "As x₁ changes, z and the output follow" in captions["input_changes"]
    assert after["x1"] != before["x1"]
    assert after["z"] == pytest.approx(z_of(after["x1"]), abs=0.005)
    assert after["z"] != before["z"]
    assert after["y"] != before["y"]
    # "Once z drops below 0 ... the output stays at exactly 0".
    negative = shown["negative_z"]
    assert "Once z drops below 0" in captions["negative_z"]
    assert negative["z"] < 0
    assert negative["y"] == 0.0
    # "a single ReLU with its kink at h = −b'/w₁", b' = b + w₂x₂ + w₃x₃ = −0.4 − 0.4 + 0.6.
    assert "kink at h = −b'/w₁" in captions["one_input"]
    (h,) = scene.view.net.kinks()
    assert h == pytest.approx(-(b + w[1] * x2 + w[2] * x3) / w[0], abs=1e-12)
    # "flat at 0 left of h, rising with slope w₁ right of it".
    assert "flat at 0 left of h, rising with slope w₁ right of it" in captions["kink_at_h"]
    lo, hi = storyboard.X1_RANGE
    assert lo < h < hi
    np.testing.assert_allclose(scene.view.net.slopes(lo, hi), [0.0, w[0]], atol=1e-12)
    assert scene.view.net(np.array([lo]))[0] == 0.0
