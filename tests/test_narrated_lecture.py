"""A narrated lecture pack (issue 21, item 4): the page plays sound in Chromium and can mute
it, the transcript is what is said, and every slide's clip carries its beat's sound.

Shift is rendered once, narrated by the stand-in tone voice at -q l, small and at 5 frames a
second, and packed as ``relu-anim lecture`` packs it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import av
import pytest
from lecture_support import browser, served
from test_split import small

from relu_anim.catalog import scene_named
from relu_anim.config import ProjectConfig
from relu_anim.lecture import command
from relu_anim.render.batch import render_jobs, variant_jobs
from relu_anim.settings import SceneParams
from relu_anim.storyboard import read_record

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("narrated_lecture")]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("narrated-lecture")
    config = ProjectConfig(render=small(root / "media", jobs=1, voice="tone"))
    jobs = variant_jobs([(scene_named("shift"), SceneParams())], config.render)
    outcomes = render_jobs(jobs, config.render)
    assert [o.status for o in outcomes] == ["rendered"], outcomes
    said: list[str] = []
    result = command.make_pack(["shift"], config, outcomes, root / "pack", True, said.append)
    assert not result.missing, said
    return root / "pack"


def audio_streams(data: bytes) -> int:
    with av.open(io.BytesIO(data)) as container:
        return len(container.streams.audio)


def test_the_page_plays_sound_and_mutes_it_with_captions_kept(pack: Path) -> None:
    with served(pack, ranges=True) as url, browser() as chromium:
        page = chromium.new_page()
        page.goto(url + "index.html")
        video = page.locator("#video-shift")
        video.evaluate("v => new Promise(r => v.readyState >= 1 ? r() : v.onloadedmetadata = r)")
        page.locator("#scene-shift .captions-toggle").click()  # captions on, by choice
        video.evaluate("v => v.play()")
        page.wait_for_function(
            "() => document.getElementById('video-shift').currentTime > 1.0", timeout=20_000
        )
        facts = video.evaluate(
            """v => ({muted: v.muted, volume: v.volume, paused: v.paused, time: v.currentTime,
                      decoded: v.webkitAudioDecodedByteCount,
                      tracks: v.audioTracks ? v.audioTracks.length : null})"""
        )
        assert facts["muted"] is False
        assert facts["volume"] > 0
        assert facts["paused"] is False
        assert facts["decoded"] > 0, facts  # Chromium decoded the sound it plays
        assert facts["tracks"] in (None, 1), facts  # audioTracks is behind a flag in Chromium
        toggle = page.locator("#scene-shift .sound-toggle")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert video.evaluate("v => v.muted") is True
        assert toggle.get_attribute("aria-pressed") == "true"
        # Muting leaves the captions as the viewer set them, and the video playing.
        assert video.evaluate("v => v.textTracks[0].mode") == "showing"
        before = video.evaluate("v => v.currentTime")
        page.wait_for_function(
            f"() => document.getElementById('video-shift').currentTime > {before + 0.5}",
            timeout=20_000,
        )
        toggle.click()
        assert video.evaluate("v => v.muted") is False
        assert toggle.get_attribute("aria-pressed") == "false"


def test_the_transcript_is_what_is_said(pack: Path) -> None:
    record = read_record(pack / "shift.sections.json")
    assert all(beat.said for beat in record.beats)
    page = (pack / "index.html").read_text(encoding="utf-8")
    transcript = page[page.index('<details class="transcript"') :]
    transcript = transcript[: transcript.index("</details>")]
    assert "Transcript: what is said" in transcript
    shown = re.findall(r'<span class="transcript-text">(.*?)</span>', transcript, re.S)
    assert len(shown) == len(record.beats)
    for text in shown:
        assert "[[" not in text  # phonemes are for the voice, not the reader
        assert not set("−²≈·") & set(text), text  # maths said in words
    assert any(
        text != f"<strong>{beat.title}.</strong> {beat.caption}"
        for text, beat in zip(shown, record.beats, strict=True)
    )
    # Shift's first caption has ReLU(x) in it: said as words, shown as the reader knows it.
    assert "ReLU" in shown[0]


def test_every_slide_plays_its_beats_sound(pack: Path) -> None:
    beats = read_record(pack / "shift.sections.json").beats
    with zipfile.ZipFile(pack / "slides.pptx") as pptx:
        media = sorted(n for n in pptx.namelist() if n.startswith("ppt/media/") and ".mp4" in n)
        assert len(media) == len(beats)
        assert all(audio_streams(pptx.read(name)) == 1 for name in media)
    for clip in sorted((pack / "shift.beats").glob("*.mp4")):
        assert audio_streams(clip.read_bytes()) == 1, clip.name
