"""Every scene in every aspect: nothing clipped, no two texts overlapping, at every beat's end."""

from __future__ import annotations

import pytest

from relu_anim.catalog import scene_names
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.settings import SceneParams, frame_size

ASPECTS = ["16:9", "4:3", "9:16"]
# 16:9 builds are shared with the scene tests; the other aspects build every scene again, so
# they sit with the slow tests (pytest -m "not render" skips them in the inner loop).
SWEEP = [
    pytest.param(aspect, marks=() if aspect == "16:9" else pytest.mark.render) for aspect in ASPECTS
]
# Each scene's tests share one xdist worker with its test module's (--dist loadgroup), so the
# builds below are the same objects the scene's own tests use.
SCENES = [pytest.param(name, marks=pytest.mark.xdist_group(name)) for name in scene_names()]


@pytest.mark.parametrize("aspect", SWEEP)
@pytest.mark.parametrize("scene", SCENES)
def test_nothing_clipped_or_overlapping_at_any_beat(build_scene, scene, aspect) -> None:
    built = build_scene(scene, None, aspect)
    assert built.recorded, "no beat was recorded"
    problems = {beat: seen["layout"] for beat, seen in built.recorded.items() if seen["layout"]}
    assert problems == {}


@pytest.mark.parametrize("scene", SCENES)
def test_nothing_moves_while_painted_as_static(build_scene, scene) -> None:
    """A mobject moved by another's updater must be live, or every frame of the play shows it
    where it was (Shift's kink marker stayed at the old h while the curve slid)."""
    built = build_scene(scene)
    assert built.stale_static == []


@pytest.mark.parametrize("scene", SCENES)
def test_the_light_theme_lays_out_like_the_dark_one(build_scene, scene) -> None:
    built = build_scene(scene, SceneParams(theme="light"))
    assert all(not seen["layout"] for seen in built.recorded.values())


@pytest.mark.xdist_group("shift")
@pytest.mark.parametrize("aspect", SWEEP)
def test_the_frame_has_the_aspect_and_a_short_side_of_8(build_scene, aspect) -> None:
    size = frame_size("l", aspect)
    wide, tall = (int(part) for part in aspect.split(":"))
    assert size["frame_width"] / size["frame_height"] == pytest.approx(wide / tall)
    assert size["pixel_width"] / size["pixel_height"] == pytest.approx(wide / tall, rel=0.01)
    assert min(size["frame_width"], size["frame_height"]) == 8.0
    assert size["pixel_width"] % 2 == 0 and size["pixel_height"] % 2 == 0
    frame = build_scene("shift", None, aspect).layout.frame
    assert (frame.width, frame.height) == pytest.approx((size["frame_width"], size["frame_height"]))


def test_the_checker_finds_clipped_and_overlapping_texts() -> None:
    from manim import LEFT, MathTex

    from relu_anim.drawing.layout import layout_problems

    frame = Panel(-7.11, 7.11, -4.0, 4.0)
    outside = MathTex("x").move_to([7.1, 0, 0])
    assert any("outside" in p for p in layout_problems([outside], frame))
    first, second = MathTex("ab"), MathTex("cd").shift(0.1 * LEFT)
    assert any("overlaps" in p for p in layout_problems([first, second], frame))
    tall = Layout(Panel(-4.0, 4.0, -7.11, 7.11))
    graph, side = tall.graph_and_side()
    assert side.bottom > graph.top and graph.width == side.width
