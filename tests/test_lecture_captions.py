"""Captions, chapters and the beats they are written from: text that players must parse."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import webvtt

from relu_anim.lecture import captions
from relu_anim.lecture.beats import Beat, BeatsError, read_beats

BEATS = (
    Beat(0, "target", "Our target: the curve y = x² on [0, 2].", None, 0.0, 5.0666666667),
    Beat(
        1, "one_relu", "A ramp <not a curve> & a miss --> of 2.", "Ask first.", 5.0666666667, 10.6
    ),
    Beat(2, "sweep", "Line one.\n\nLine two.", None, 10.6, 3725.25),
)


def seconds(timestamp: webvtt.Caption | str) -> float:
    hours, minutes, rest = str(timestamp).replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_vtt_parses_with_one_cue_per_beat_at_the_beats_times(tmp_path: Path) -> None:
    path = tmp_path / "s.vtt"
    path.write_text(captions.vtt(BEATS), encoding="utf-8")
    cues = webvtt.read(str(path))
    assert len(cues) == len(BEATS)
    for cue, beat in zip(cues, BEATS, strict=True):
        assert cue.identifier == beat.name
        assert seconds(cue.start) == pytest.approx(beat.start, abs=5e-4)
        assert seconds(cue.end) == pytest.approx(beat.end, abs=5e-4)
    # Markup characters are escaped, "-->" cannot end the cue early, blank lines are dropped.
    assert cues[1].raw_text == "A ramp &lt;not a curve&gt; &amp; a miss --&gt; of 2."
    assert cues[2].text == "Line one.\nLine two."


def test_chapters_parse_and_are_titled_by_number_and_beat(tmp_path: Path) -> None:
    path = tmp_path / "s.chapters.vtt"
    path.write_text(captions.chapters_vtt(BEATS), encoding="utf-8")
    cues = webvtt.read(str(path))
    assert [cue.text for cue in cues] == ["1. Target", "2. One ReLU", "3. Sweep"]
    assert [seconds(cue.end) for cue in cues] == pytest.approx([b.end for b in BEATS], abs=5e-4)


def test_srt_is_numbered_from_one_with_comma_milliseconds() -> None:
    text = captions.srt(BEATS)
    blocks = text.strip().split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["1", "2", "3"]
    assert blocks[2].splitlines()[1] == "00:00:10,600 --> 01:02:05,250"
    assert re.fullmatch(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}", blocks[0].splitlines()[1])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.0, "00:00:00.000"),
        (0.0006, "00:00:00.001"),
        (59.9996, "00:01:00.000"),
        (3600, "01:00:00.000"),
    ],
)
def test_timestamps_round_to_the_millisecond(value: float, expected: str) -> None:
    assert captions.timestamp(value) == expected


def write(tmp_path: Path, record: object) -> Path:
    path = tmp_path / "s.sections.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_read_beats_takes_the_storyboard_fields_and_falls_back_for_missing_ones(
    tmp_path: Path,
) -> None:
    full = {
        "scene": "s",
        "title": "A title",
        "maths": "y = x",
        "poster": {"beat": "a", "time": 1.0},
        "beats": [
            {"index": 0, "name": "a", "caption": "A.", "notes": "n", "start": 0, "end": 1},
            {"index": 1, "name": "b", "caption": "B.", "notes": None, "start": 1, "end": 2.5},
        ],
    }
    beats = read_beats(write(tmp_path, full))
    assert (beats.title, beats.maths, beats.poster_beat, beats.poster_time) == (
        "A title",
        "y = x",
        "a",
        1.0,
    )
    assert beats.beats[0].speaker_notes == "n"
    assert beats.beats[1].speaker_notes == "B."
    bare = {"beats": [{"name": "a", "caption": "A.", "start": 0, "end": 2}]}
    fallback = read_beats(write(tmp_path, bare), title="From the catalog")
    assert (fallback.title, fallback.poster_beat, fallback.poster_time) == (
        "From the catalog",
        "a",
        2.0,
    )


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ("not json", "cannot be read"),
        ({"beats": []}, "has no beats"),
        ({"nothing": 1}, "no list of beats"),
        ({"beats": [{"name": "a", "start": 0, "end": "soon"}]}, "not a number"),
        ({"beats": [{"name": "a", "start": 2, "end": 1}]}, "before it starts"),
        (
            {"beats": [{"name": "a", "start": 0, "end": 2}, {"name": "b", "start": 1, "end": 3}]},
            "starts before",
        ),
    ],
)
def test_bad_sections_files_are_one_line_errors(
    tmp_path: Path, record: object, problem: str
) -> None:
    path = tmp_path / "s.sections.json"
    path.write_text(record if isinstance(record, str) else json.dumps(record), encoding="utf-8")
    with pytest.raises(BeatsError, match=problem) as error:
        read_beats(path)
    assert "\n" not in str(error.value)


def test_a_missing_sections_file_says_to_render_again(tmp_path: Path) -> None:
    with pytest.raises(BeatsError, match="render the scene again"):
        read_beats(tmp_path / "gone.sections.json")


def sections_with_cues(tmp_path: Path, cues: object) -> Path:
    path = tmp_path / "s.sections.json"
    beat = {"name": "sweep", "caption": "Now N units. N grows from 1 to 100.", "start": 2.0}
    path.write_text(json.dumps({"beats": [{**beat, "end": 6.5, "cues": cues}]}), encoding="utf-8")
    return path


def test_a_long_caption_is_the_renders_cues_in_vtt_and_srt(tmp_path: Path) -> None:
    cues = [
        {"text": "Now N units.", "start": 2.0, "end": 3.25},
        {"text": "N grows\nfrom 1 to 100.", "start": 3.25, "end": 6.5},
    ]
    beats = read_beats(sections_with_cues(tmp_path, cues)).beats
    path = tmp_path / "s.vtt"
    path.write_text(captions.vtt(beats), encoding="utf-8")
    read = webvtt.read(str(path))
    assert [cue.identifier for cue in read] == ["sweep", "sweep-2"]
    assert [cue.text for cue in read] == ["Now N units.", "N grows\nfrom 1 to 100."]
    assert [(seconds(c.start), seconds(c.end)) for c in read] == [(2.0, 3.25), (3.25, 6.5)]
    (tmp_path / "s.srt").write_text(captions.srt(beats), encoding="utf-8")
    read = webvtt.from_srt(str(tmp_path / "s.srt"))
    assert [cue.text for cue in read] == ["Now N units.", "N grows\nfrom 1 to 100."]
    assert [(seconds(c.start), seconds(c.end)) for c in read] == [(2.0, 3.25), (3.25, 6.5)]
    # Chapters stay one per beat.
    assert len(captions.chapters_vtt(beats).split("-->")) == 2


@pytest.mark.parametrize(
    "cues",
    [
        None,
        "cues",
        [{"text": "Now", "start": 2.0, "end": 7.0}],  # past the beat's end
        [{"text": "Now", "start": 3.0, "end": 4.0}, {"text": "N", "start": 3.5, "end": 6.5}],
        [{"text": "Now", "start": "2", "end": 4.0}],
        [{"text": "", "start": 2.0, "end": 4.0}],
        [{"text": "Now", "start": float("nan"), "end": 4.0}],
        ["Now"],
    ],
)
def test_missing_or_odd_cues_make_the_caption_one_cue(tmp_path: Path, cues: object) -> None:
    path = sections_with_cues(tmp_path, cues)
    (beat,) = read_beats(path).beats
    assert [(c.text, c.start, c.end) for c in beat.cues] == [(beat.caption, 2.0, 6.5)]
