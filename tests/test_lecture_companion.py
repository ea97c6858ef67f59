"""The page's companions agree with the video, beat by beat (issue 20 item 6).

Each scene is built (animations skipped) and what it draws and shows at the end of every beat
is read back from the scene itself: the curves' vertices through the axes and the readouts'
values. The companion's view of that beat must be the same net and the same numbers.
"""

from __future__ import annotations

import pytest

from relu_anim.lecture.companion import shift_data, square_data
from relu_anim.numeric import error_decimals
from relu_anim.settings import SceneParams
from relu_anim.theme import theme_named

pytestmark = pytest.mark.xdist_group("lecture_companion")

SQUARE_KEYS = {"N": "units", "max|f − g|": "max", "1/N²": "law", "(Δ/2)²": "law"}


def drawn(scene: object, beat: str) -> list[list[tuple[float, float]]]:
    return [list(zip(xs, ys, strict=True)) for _, _, (xs, ys) in scene.recorded[beat]["curves"]]


def assert_one_curve_is(curves: list, view: dict) -> None:
    wanted = list(zip(view["x"], view["y"], strict=True))

    def same(curve: list) -> bool:
        if len(curve) != len(wanted):
            return False
        pairs = zip(curve, wanted, strict=True)
        return all(abs(a - c) <= 1e-9 and abs(b - d) <= 1e-9 for (a, b), (c, d) in pairs)

    assert any(same(curve) for curve in curves), wanted


@pytest.mark.parametrize(
    "params",
    [
        SceneParams(units=100, interval=None, target="square", theme="dark"),
        SceneParams(units=12, interval=(-1.0, 1.0), target="sin(3*x) + x**2/2", theme="dark"),
    ],
    ids=["default", "generic"],
)
def test_square_companion_shows_each_beat_s_own_net_and_readouts(build_scene, params) -> None:
    scene = build_scene("square", None if params.units == 100 else params)
    data = square_data(params)
    decimals = error_decimals(params.units)
    assert [beat.name for beat in scene.beats] == list(data["beats"])
    for beat in scene.beats:
        view = data["beats"][beat.name]
        shown = scene.recorded[beat.name]["shown"]
        # The rows on screen, with the values the video's numbers hold, as they print.
        assert [SQUARE_KEYS[label] for label, _ in view["readouts"]] == list(shown)
        for label, text in view["readouts"]:
            value = shown[SQUARE_KEYS[label]]
            assert text == (str(round(value)) if label == "N" else f"{value:.{decimals}f}")
        if view["x"]:
            assert_one_curve_is(drawn(scene, beat.name), view)
    # Beats 3 and 4 are not interpolants: the slider's N = 2 differs from both, and says so.
    two = next(step for step in data["steps"] if step["n"] == 2)
    assert two["readouts"][1] != data["beats"]["two_relus"]["readouts"][1]
    assert two["readouts"][1] != data["beats"]["adjust_weights"]["readouts"][1]
    assert data["slider_shows"] == "the interpolant on N equal pieces"


def test_shift_companion_has_the_video_s_colour_window_and_stops(build_scene) -> None:
    scene = build_scene("shift")
    params = SceneParams(interval=(-3.0, 3.0), theme="dark")
    data = shift_data(params)
    assert data["colours"]["curve"] == theme_named("dark").unit
    curves = {beat.name: drawn(scene, beat.name) for beat in scene.beats}
    assert [beat.name for beat in scene.beats] == list(data["beats"])
    heights = []
    for beat in scene.beats:
        view = data["beats"][beat.name]
        assert_one_curve_is(curves[beat.name], view)
        assert view["readouts"][0] == ["h", f"{scene.recorded[beat.name]['shown'].get('h', 0):.1f}"]
        heights += [y for curve in curves[beat.name] for _, y in curve]
    # The window holds what the video draws, and not the 0..6 of h = -3 it never shows.
    low, high = data["plot"]["y"]
    assert low <= min(heights)
    assert max(heights) <= high < 5


def test_two_inputs_companion_draws_the_video_s_top_view_at_each_beat(build_scene) -> None:
    """Each beat's view is the top view the video shows then: the same polygons in the same
    shades, the same creases, and readouts that print the numbers on screen."""
    import numpy as np

    from relu_anim.drawing.surface import TOP_OPACITIES, TopView
    from relu_anim.lecture.companion import SHADES, two_inputs_data

    assert SHADES == TOP_OPACITIES
    scene = build_scene("two_inputs")
    data = two_inputs_data(SceneParams(units=8, interval=(-1.0, 1.0), theme="dark"))
    assert [beat.name for beat in scene.beats] == list(data["beats"])
    for beat in scene.beats:
        view = data["beats"][beat.name]
        ((top, corners),) = [
            (mob, drawn)
            for mob, drawn in scene.recorded[beat.name]["surfaces"]
            if isinstance(mob, TopView)
        ]
        assert len(view["regions"]) == len(corners)
        for region, face, drawn in zip(view["regions"], top.faces, corners, strict=True):
            np.testing.assert_allclose(region["points"], top.from_screen(drawn), atol=1e-9)
            assert region["opacity"] == face.get_fill_opacity()
        drawn_creases = [
            top.from_screen(np.array([line.get_start(), line.get_end()])) for line in top.creases
        ]
        np.testing.assert_allclose(view["creases"], drawn_creases, atol=1e-9)
        shown = scene.recorded[beat.name]["shown"]
        names = {"N": "n", "units": "units", "regions": "regions"}
        keys = [names.get(label, "max_error") for label, _ in view["readouts"]]
        assert sorted(keys) == sorted(shown)
        for (_, text), key in zip(view["readouts"], keys, strict=True):
            if key != "max_error":
                assert text == str(round(shown[key]))
                continue
            relation, printed = text.split(" ")
            assert float(printed) == pytest.approx(shown[key], rel=5e-3)
            exact = float(printed) == shown[key]
            assert relation == ("≤" if beat.name == "taylor" else "=" if exact else "≈")


def test_two_inputs_slider_steps_are_the_product_nets() -> None:
    """N = 1 … units on [0, 3]²: a = 1.5, so the error is 2.25/N²; the regions tile the square."""
    from relu_anim.lecture.companion import two_inputs_data

    data = two_inputs_data(SceneParams(units=5, interval=(0.0, 3.0), theme="light"))
    assert [step["n"] for step in data["steps"]] == [1, 2, 3, 4, 5]
    assert data["plot"]["viewBox"] == "0.0 -3.0 3.0 3.0"
    for step in data["steps"]:
        n = step["n"]
        assert step["max_error"] == pytest.approx(2.25 / n**2, rel=1e-12)
        area = 0.0
        for region in step["regions"]:
            x, y = zip(*region["points"], strict=True)
            area += 0.5 * abs(sum(x[i] * y[i - 1] - x[i - 1] * y[i] for i in range(len(x))))
        assert area == pytest.approx(9.0, rel=1e-12)
        # Each square's interpolant kinks at its N - 1 inner knots: 2(N - 1) creases.
        assert len(step["creases"]) == 2 * (n - 1)
        assert step["readouts"][0] == ["N", str(n)]
        assert step["readouts"][1] == ["units", str(2 * n)]
