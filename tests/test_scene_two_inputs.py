"""The two-input scene: every face is an exact region, captions state the core's numbers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group("two_inputs")

BEATS = ["question", "crease", "regions", "squares", "product", "error", "taylor"]


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("two_inputs")


def test_beats(scene) -> None:
    assert [beat.name for beat in scene.beats] == BEATS
    for beat in scene.beats:
        print(beat.name, round(beat.end - beat.start, 1), beat.caption)
    print(scene.shown)
    print({b: r["layout"] for b, r in scene.recorded.items()})
