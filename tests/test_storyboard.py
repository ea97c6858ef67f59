"""The storyboard record: what sections.json holds, written by the render and read by the split
planner and the lecture pack from one schema, with one clip-name pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relu_anim.captions.cues import Cue
from relu_anim.lecture.beats import read_beats
from relu_anim.render.layout import OutputLayout
from relu_anim.render.pieces import beat_costs
from relu_anim.storyboard import Beat, RecordError, clip_name, read_record, scene_record

BEATS = [
    Beat(
        index=0,
        name="relu itself",
        caption="A ramp: 0, then x.",
        notes=None,
        start=0.0,
        end=2.5,
        given_cues=(Cue("A ramp:", 0.0, 1.5), Cue("0, then x.", 1.5, 2.5)),
    ),
    Beat(
        index=1,
        name="shift",
        caption="Slide it by h.",
        notes="Ask: where?",
        start=2.5,
        end=6.0,
        given_cues=(Cue("Slide it by h.", 2.5, 6.0),),
    ),
]


def written(tmp_path: Path) -> Path:
    record = scene_record("shift", "ReLU(x − h) slides", "ReLU(x-h)", BEATS, BEATS[1])
    path = tmp_path / "shift.sections.json"
    path.write_text(record.to_json(), encoding="utf-8")
    return path


def test_the_record_holds_the_documented_fields_in_order(tmp_path: Path) -> None:
    text = written(tmp_path).read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["scene", "title", "maths", "poster", "beats"]
    assert data["poster"] == {"beat": "shift", "time": 6.0}
    assert data["beats"][1] == {
        "index": 1,
        "name": "shift",
        "caption": "Slide it by h.",
        "cues": [{"text": "Slide it by h.", "start": 2.5, "end": 6.0}],
        "notes": "Ask: where?",
        "start": 2.5,
        "end": 6.0,
    }
    assert data["beats"][0]["start"] == 0
    assert data["beats"][0]["notes"] is None
    assert "−" in text  # UTF-8 as it is, not \\u escapes
    assert text.endswith("}\n")  # one trailing newline
    assert text.count("\n") > 10  # indented


def test_every_reader_reads_what_the_render_writes(tmp_path: Path) -> None:
    path = written(tmp_path)
    record = read_record(path)
    assert [beat.name for beat in record.beats] == ["relu itself", "shift"]
    assert [cue.text for cue in record.beats[0].cues] == ["A ramp:", "0, then x."]
    assert (record.poster_beat, record.poster_time, record.duration) == ("shift", 6.0, 6.0)
    assert read_beats(path) == record  # the lecture pack
    assert beat_costs(tmp_path, "shift") == ([2.5, 3.5], None)  # the split planner
    assert read_record(path).to_json() == path.read_text(encoding="utf-8")


def test_one_clip_name_for_the_render_the_split_and_the_pack(tmp_path: Path) -> None:
    beat = Beat(2, "two relus!", "", None, 0.0, 1.0)
    layout = OutputLayout(tmp_path, "bends")
    assert clip_name(3, "two relus!") == "03-two_relus.mp4"
    assert layout.clip(3, beat.name).name == f"{beat.slug}.mp4" == "03-two_relus.mp4"
    assert layout.clip(3, beat.name).parent == tmp_path / "bends.beats"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"beats": []}', "no beats"),
        ('{"beats": [{"start": 0, "end": 2}, {"start": 1, "end": 3}]}', "starts before"),
        ('{"beats": [{"start": 0, "end": NaN}]}', "not a number"),
        ("[]", "no list of beats"),
    ],
)
def test_a_record_that_cannot_be_used_is_one_error(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "s.sections.json"
    path.write_text(text)
    with pytest.raises(RecordError, match=problem) as caught:
        read_record(path)
    assert "\n" not in str(caught.value)
