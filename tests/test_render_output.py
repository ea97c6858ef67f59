"""Each scene rendered through the CLI at low quality, then read back with PyAV."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import av
import pytest
import srt
from click.testing import CliRunner

from relu_anim.catalog import scene_names
from relu_anim.cli import main

pytestmark = pytest.mark.render

LOW_QUALITY = {"width": 854, "height": 480, "fps": 15}  # Manim's -q l
SHORTEST, LONGEST = 20.0, 120.0  # seconds: unhurried, but a single lecture beat


def srt_entries(path: Path) -> list[str]:
    """The text of each subtitle in an SRT file, its lines joined by a line break."""
    return [entry.content for entry in srt.parse(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("scene", scene_names())
def test_rendered_video_reads_back(scene: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", scene, "-q", "l", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    video = tmp_path / f"{scene}.mp4"
    assert str(video) in result.output

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (LOW_QUALITY["width"], LOW_QUALITY["height"])
        assert stream.guessed_rate == Fraction(LOW_QUALITY["fps"])
        duration = float(container.duration / av.time_base)

    assert frames > 0
    assert SHORTEST <= duration <= LONGEST
    assert abs(frames / LOW_QUALITY["fps"] - duration) <= 2 / LOW_QUALITY["fps"]

    beats = json.loads((tmp_path / f"{scene}.sections.json").read_text())["beats"]
    assert len(beats) >= 3
    assert abs(beats[-1]["end"] - duration) <= 2 / LOW_QUALITY["fps"]
    # A long caption is several subtitles (two lines of 42 characters at most): the SRT holds
    # each beat's cues in order, and together they say the caption word for word.
    captions = srt_entries(tmp_path / f"{scene}.srt")
    assert captions == [cue["text"] for beat in beats for cue in beat["cues"]]
    for beat in beats:
        assert " ".join(cue["text"] for cue in beat["cues"]).split() == beat["caption"].split()

    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_file()]
    assert leftovers == [], "partial files left in the output folder"
