"""Every cue of every scene is readable, with default and other parameters (issue 18, item 3).

Broadcasters' subtitle norms: at most 2 lines of 42 characters, at most 17 characters a
second, at least 1 s on screen. The cues are read back from the SRT a build writes (Manim's
file writer holds the subtitles the scene added; the render writes them as ``<scene>.srt``),
parsed by webvtt-py, not by our own code; each beat's cues must say its caption, word for
word, from the beat's start to its end.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import srt
import webvtt

from relu_anim.catalog import scene_names
from relu_anim.settings import SceneParams

MAX_LINE, MAX_LINES, MAX_CPS, MIN_SECONDS = 42, 2, 17.0, 1.0

# The parameters the CLI accepts beyond the theme, on the scenes that take them. Builds equal
# to the scene tests' own are shared with them (same params, same worker).
OTHER = [
    ("square", SceneParams(units=10, target="sin(3*x) + x**2/2", interval=(-1.0, 1.0))),
    ("square", SceneParams(units=20, target="abs", interval=(-1.0, 1.0))),
    ("square", SceneParams(units=7, target="sin(3*x)", interval=(0.0, 0.5))),
    ("bends", SceneParams(units=3)),
    ("bends", SceneParams(units=4, theme="light")),
    ("shift", SceneParams(interval=(-1.0, 5.0))),
]
CASES = [pytest.param(name, None, marks=pytest.mark.xdist_group(name)) for name in scene_names()]
CASES += [
    pytest.param(name, params, marks=pytest.mark.xdist_group(name), id=f"{name}-{i}")
    for i, (name, params) in enumerate(OTHER)
]


def seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def written_cues(scene: object, folder: Path) -> list[webvtt.Caption]:
    """The scene's subtitles as the render writes them (``srt.compose``), read by webvtt-py."""
    path = folder / "scene.srt"
    path.write_text(srt.compose(scene.renderer.file_writer.subcaptions), encoding="utf-8")
    return list(webvtt.from_srt(str(path)))


@pytest.mark.parametrize(("scene_name", "params"), CASES)
def test_every_cue_is_readable_and_says_its_beats_caption(
    build_scene, scene_name: str, params: SceneParams | None, tmp_path: Path
) -> None:
    scene = build_scene(scene_name, params)
    cues = written_cues(scene, tmp_path)
    assert cues, "the scene wrote no subtitles"
    for cue in cues:
        lines = cue.text.split("\n")
        shown = seconds(cue.end) - seconds(cue.start)
        assert len(lines) <= MAX_LINES, cue.text
        assert all(len(line) <= MAX_LINE for line in lines), cue.text
        assert shown >= MIN_SECONDS, (cue.text, shown)
        assert len(cue.text) / shown <= MAX_CPS, (cue.text, shown)
    for before, after in itertools.pairwise(cues):
        assert seconds(after.start) >= seconds(before.end) - 1e-3
    for beat in scene.beats:
        mine = [c for c in cues if beat.start - 1e-3 <= seconds(c.start) < beat.end - 1e-3]
        assert mine, f"beat {beat.name} has no cue"
        assert seconds(mine[0].start) == pytest.approx(beat.start, abs=2e-3)
        assert seconds(mine[-1].end) == pytest.approx(beat.end, abs=2e-3)
        assert " ".join(c.text for c in mine).split() == beat.caption.split(), beat.name
