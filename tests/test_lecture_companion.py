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
