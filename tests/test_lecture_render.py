"""A real lecture pack: ``relu-anim lecture shift -q l`` rendered once through Manim.

One render (about 20 s) serves every test here, whichever test worker runs them. They check
that the pack is faithful to it: clips cut from the same render, captions at the beats' times,
the poster beat's frame, and a second run that renders and writes nothing.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
import webvtt
from conftest import relu_anim_cli, without_manim
from lecture_support import browser
from PIL import Image
from pptx import Presentation

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("lecture_render")]


def lecture(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return relu_anim_cli(
        "lecture", "shift", "-q", "l", "--jobs", "1", cwd=cwd, env=env, timeout=600
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack, rendered once per test run: xdist workers share it (the first one builds)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    cwd, built = root / "lecture-render", root / "lecture-render.done"
    with open(root / "lecture-render.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            cwd.mkdir(exist_ok=True)
            done = lecture(cwd)
            assert done.returncode == 0, done.stderr
            built.touch()
    return cwd


def beats_of(folder: Path) -> list[dict]:
    return json.loads((folder / "shift.sections.json").read_text())["beats"]


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def test_each_beat_clip_is_its_stretch_of_the_video(built: Path) -> None:
    cwd = built
    pack = cwd / "media" / "lecture"
    beats = beats_of(pack)
    clips = sorted((pack / "shift.beats").glob("*.mp4"))
    assert [clip.name for clip in clips] == [f"{b['index'] + 1:02d}-{b['name']}.mp4" for b in beats]
    video = frames(pack / "shift.mp4")
    for beat, clip in zip(beats, clips, strict=True):
        first, last = round(beat["start"] * 15), round(beat["end"] * 15)
        pictures = frames(clip)
        assert len(pictures) == last - first, clip.name
        # Same frames as the whole video's (both decoded from the same encoded packets).
        assert np.array_equal(pictures[0], video[first])
        assert np.array_equal(pictures[-1], video[last - 1])


def test_captions_are_at_the_beats_times(built: Path) -> None:
    cwd = built
    pack = cwd / "media" / "lecture"
    beats = beats_of(pack)

    def at(stamp: webvtt.structures.Timestamp) -> float:
        return stamp.in_seconds() + stamp.milliseconds / 1000

    chapters = webvtt.read(str(pack / "shift.chapters.vtt"))
    assert len(chapters) == len(beats)
    for cue, beat in zip(chapters, beats, strict=True):
        assert at(cue.start_time) == pytest.approx(beat["start"], abs=6e-4)
        assert at(cue.end_time) == pytest.approx(beat["end"], abs=6e-4)
    # The captions are the render's cues: several per beat when its caption is long, from the
    # beat's start to its end, saying the caption word for word.
    cues = webvtt.read(str(pack / "shift.vtt"))
    written = [cue for beat in beats for cue in beat["cues"]]
    assert len(cues) == len(written) >= len(beats)
    for cue, expected in zip(cues, written, strict=True):
        assert cue.text == expected["text"]
        assert at(cue.start_time) == pytest.approx(expected["start"], abs=6e-4)
        assert at(cue.end_time) == pytest.approx(expected["end"], abs=6e-4)
    for beat in beats:
        assert beat["cues"][0]["start"] == beat["start"]
        assert beat["cues"][-1]["end"] == beat["end"]
        assert " ".join(cue["text"] for cue in beat["cues"]).split() == beat["caption"].split()


def test_the_poster_is_the_poster_beats_frame_not_a_black_one(built: Path) -> None:
    cwd = built
    pack = cwd / "media" / "lecture"
    record = json.loads((pack / "shift.sections.json").read_text())
    index = round(record["poster"]["time"] * 15) - 1  # the last frame of the poster beat
    expected = frames(cwd / "media" / "shift.mp4")[index]
    poster = np.asarray(Image.open(pack / "shift.png").convert("RGB"))
    assert np.array_equal(poster, expected)
    assert poster.std() > 10  # a picture, not a blank frame


def test_the_video_streams_and_is_the_renders(built: Path) -> None:
    cwd = built
    from relu_anim.lecture.media import top_level_boxes, video_facts

    packed, rendered = cwd / "media" / "lecture" / "shift.mp4", cwd / "media" / "shift.mp4"
    boxes = top_level_boxes(packed)
    assert boxes.index("moov") < boxes.index("mdat")
    facts = video_facts(packed)
    assert (facts.codec, facts.pix_fmt, facts.width, facts.height) == ("h264", "yuv420p", 854, 480)
    assert facts.duration == pytest.approx(beats_of(packed.parent)[-1]["end"], abs=0.07)
    assert packed.stat().st_size == pytest.approx(rendered.stat().st_size, rel=0.01)


def test_slides_play_each_beat_with_its_notes_and_its_own_last_frame(
    built: Path,
) -> None:
    cwd = built
    beats = beats_of(cwd / "media" / "lecture")
    deck = Presentation(str(cwd / "media" / "lecture" / "slides.pptx"))
    opening, *slides = deck.slides
    assert len(slides) == len(beats)
    assert [shape.shape_type for shape in opening.shapes] == [14, 14]  # title, subtitle
    video = frames(cwd / "media" / "shift.mp4")
    for slide, beat in zip(slides, beats, strict=True):
        assert [shape.shape_type for shape in slide.shapes] == [14, 16]  # title, one movie
        assert slide.notes_slide.notes_text_frame.text == (beat["notes"] or beat["caption"])
        (embed,) = slide.shapes[1]._element.xpath(".//a:blip/@r:embed")
        with Image.open(io.BytesIO(slide.part.related_part(embed).blob)) as image:
            poster = np.asarray(image.convert("RGB"), dtype=float)
        # The beat's last frame of the video (a JPEG of it), not its first: the previous
        # beat's end, or a blank frame for the first beat.
        last, first = video[round(beat["end"] * 15) - 1], video[round(beat["start"] * 15)]
        assert np.abs(poster - last).mean() < 3
        if not np.array_equal(last, first):
            assert np.abs(poster - first).mean() > np.abs(poster - last).mean()


def test_the_page_plays_the_real_video_with_its_captions(built: Path) -> None:
    cwd = built
    pack = cwd / "media" / "lecture"
    beats = beats_of(pack)
    with browser() as chromium:
        page = chromium.new_page()
        page.goto((pack / "index.html").as_uri())
        page.wait_for_function("document.getElementById('video-shift').readyState >= 1")
        duration, cues = page.evaluate(
            """() => {
                const v = document.getElementById('video-shift');
                const cues = Array.from(v.textTracks[0].cues);
                return [v.duration, cues.map(c => [c.startTime, c.endTime])];
            }"""
        )
    assert duration == pytest.approx(beats[-1]["end"], rel=0.02)
    # The page's track holds the render's cues (several for a long caption), at their times.
    assert cues == [[cue["start"], cue["end"]] for b in beats for cue in b["cues"]]
    assert cues[0][0] == beats[0]["start"]
    assert cues[-1][1] == beats[-1]["end"]


def test_a_second_run_renders_and_writes_nothing(built: Path) -> None:
    cwd = built
    pack = cwd / "media" / "lecture"
    before = {p: p.stat().st_mtime_ns for p in (cwd / "media").rglob("*") if p.is_file()}
    # Nothing is rendered: the run imports no Manim (bench/lecture.py times it: < 5 % of cold).
    done = lecture(cwd, env=without_manim(cwd.parent / "lecture-render-warm"))
    assert done.returncode == 0, done.stderr
    assert "shift: up to date" in done.stdout
    assert "up to date)" in done.stdout.splitlines()[-1]
    assert {p: p.stat().st_mtime_ns for p in (cwd / "media").rglob("*") if p.is_file()} == before
    assert (pack / "index.html").exists()
