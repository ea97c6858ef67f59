"""Narration's output side without a render: beat lengths, cue times, the sound track, muxing
(video packets copied), settings and the storyboard record (issue 21, items 3 and 4)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from relu_anim.captions.cues import timed_cues
from relu_anim.narration.speech import Speech, Word
from relu_anim.narration.testvoice import ToneVoice
from relu_anim.narration.timing import beat_seconds, cue_starts
from relu_anim.render import audio
from relu_anim.render.narrator import narrator
from relu_anim.settings import ConfigError, RenderSettings
from relu_anim.storyboard import Beat, read_text, scene_record

RATE = 24_000  # samples a second of a narrated video's sound

# Two sentences too long for one cue: cut at the full stop.
CAPTION = (
    "Each unit adds one bend to the curve we draw. "
    "Together they trace the target closely on [0, 2]."
)


def spoken(*words: tuple[str, float, float]) -> Speech:
    return Speech(Path("speech.wav"), words[-1][2], tuple(Word(*w) for w in words))


def test_a_cue_starting_a_sentence_starts_when_that_sentence_is_spoken() -> None:
    texts = ("Each unit adds one bend to the curve we draw.", "Together they trace it.")
    speech = spoken(
        ("Each", 0.0, 0.3), ("unit", 0.3, 0.6), ("bends.", 0.6, 1.5),
        ("Together", 2.25, 2.7), ("they", 2.7, 2.9), ("trace", 2.9, 3.2), ("it.", 3.2, 3.4),
    )  # fmt: skip
    assert cue_starts(texts, speech, 10.0) == [10.0, 12.25]


def test_a_cue_cut_inside_a_sentence_starts_at_the_word_as_far_into_it() -> None:
    # The second cue starts after 12 of the sentence's 24 letters; the spoken sentence's
    # word that begins at half its letters is "cc" (aaaa bbbbbb: 10 of 20 letters before it).
    texts = ("one two three,", "four five six.")
    speech = spoken(("aaaa", 0.0, 1.0), ("bbbbbb", 1.0, 2.0), ("cc", 2.5, 3.0), ("ddddddd.", 3, 4))
    assert cue_starts(texts, speech, 0.0) == [0.0, 2.5]


def test_without_word_times_the_speech_is_shared_by_letters() -> None:
    texts = ("abcd.", "efghi jklm.")  # 5 letters, then 10: the second a third of the way
    assert cue_starts(texts, Speech(Path("r.wav"), 6.0), 1.0) == [1.0, 3.0]


def test_a_narrated_beat_lasts_its_speech_and_a_pause_or_its_reading_time() -> None:
    long_speech = spoken(("words", 0.0, 9.0))
    assert beat_seconds("Short.", long_speech) == 9.5
    # Two cues of 45 and 49 characters read at 17 a second (+ 5 ms each): longer than a
    # 1 s speech and its pause.
    reading = 45 / 17 + 49 / 17 + 0.01
    assert beat_seconds(CAPTION, spoken(("x", 0, 1.0))) == pytest.approx(reading)
    assert beat_seconds("Short.", None) == pytest.approx(1.005)


def test_cues_follow_the_speech_within_the_norms() -> None:
    texts_needs = [2.652, 2.887]  # 45 and 49 characters (a line break counted) / 17, + 5 ms
    speech = spoken(("Each", 0.0, 0.5), ("draw.", 0.5, 2.0), ("Together", 4.0, 4.5), ("2].", 5, 6))
    cues = timed_cues(CAPTION, 0.0, 8.0, lambda t: cue_starts(t, speech, 0.0))
    assert [cue.start for cue in cues] == [0.0, 4.0]  # as spoken
    cues = timed_cues(CAPTION, 0.0, 8.0, lambda t: cue_starts(t, spoken(("a.", 0, 1)), 0.0))
    assert [round(c.start, 3) for c in cues] == [0.0, round(texts_needs[0], 3)]  # read first
    for cue in cues:
        assert cue.end - cue.start >= 1.0


def test_the_tone_voice_is_deterministic_and_speaks_once(tmp_path: Path) -> None:
    voice = ToneVoice(tmp_path)
    first = voice.speak(1, "a", "One two. Three.")
    data = first.wav.read_bytes()
    first.wav.unlink()
    again = ToneVoice(tmp_path).speak(1, "a", "One two. Three.")
    assert again.wav.read_bytes() == data
    assert [w.text for w in again.words] == ["One", "two.", "Three."]


def test_the_track_holds_each_speech_from_its_start(tmp_path: Path) -> None:
    wav = ToneVoice(tmp_path).speak(1, "a", "Beep.").wav
    track = audio.narration_track([(0.5, wav), (2.0, wav)], 3.0)
    assert len(track) == 3 * RATE
    loud = np.flatnonzero(np.abs(track) > 0.02)
    assert loud[0] / RATE == pytest.approx(0.5, abs=0.002)
    assert any(abs(i / RATE - 2.0) < 0.002 for i in loud)
    assert not np.any(np.abs(track[int(0.9 * RATE) : int(1.99 * RATE)]) > 0.02)
    parts = audio.beat_tracks(track, [(0.0, 1.0), (1.0, 2.4), (2.4, 3.0)])
    assert np.array_equal(np.concatenate(parts), track)


def test_speech_is_heard_from_its_first_sound(tmp_path: Path) -> None:
    import wave

    from relu_anim.narration.sound import heard_from

    # 0.2 s of silence, 0.5 s of a 300 Hz tone at half scale, 0.3 s of silence; 22 050 Hz as
    # Piper writes.
    rate = 22_050
    t = np.arange(int(0.5 * rate)) / rate
    tone = 0.5 * np.sin(2 * np.pi * 300 * t)
    samples = np.concatenate([np.zeros(int(0.2 * rate)), tone, np.zeros(int(0.3 * rate))])
    path = tmp_path / "late.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.round(samples * 32767).astype("<i2").tobytes())
    speech = heard_from(Speech(path, 1.0, (Word("beep", 0.2, 0.7),)))
    # The first and last samples above 1 % of full scale are within a sample or two of 0.2 s
    # and 0.7 s; 5 ms kept on either side.
    assert speech.lead == pytest.approx(0.195, abs=0.001)
    assert speech.seconds == pytest.approx(0.51, abs=0.001)
    assert speech.words[0].start == pytest.approx(0.005, abs=0.001)
    track = audio.narration_track([(1.0, speech.wav, speech.lead)], 2.0)
    loud = np.flatnonzero(np.abs(track) > 0.02)
    assert loud[0] / RATE == pytest.approx(1.005, abs=0.002)


def tiny_video(path: Path, frames: int = 10) -> None:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(frames):
            picture = np.full((48, 64, 3), 20 * i, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 5)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def test_sound_is_muxed_with_the_video_packets_copied(tmp_path: Path) -> None:
    silent, narrated = tmp_path / "v.mp4", tmp_path / "n.mp4"
    tiny_video(silent)
    track = np.zeros(2 * RATE, dtype=np.float32)
    track[RATE:] = 0.3 * np.sin(np.arange(RATE) * 2 * np.pi * 440 / RATE)
    audio.with_sound(silent, track, narrated)
    assert video_packets(narrated) == video_packets(silent)
    with av.open(str(narrated)) as container:
        (stream,) = container.streams.audio
        assert stream.codec_context.name == "aac"
        assert float(stream.duration * stream.time_base) == pytest.approx(2.0, abs=1e-4)
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    assert loud[0] / RATE == pytest.approx(1.0, abs=0.005)


def test_a_narrated_gif_or_poster_is_refused_in_one_line() -> None:
    for fmt in ("gif", "png"):
        with pytest.raises(ConfigError, match=f"needs a video with sound.*not {fmt}"):
            RenderSettings(format=fmt, voice="tone")
    with pytest.raises(ConfigError, match="voice must name a voice"):
        RenderSettings(voice=" ")
    assert RenderSettings(format="webm", voice="tone").voice == "tone"
    assert narrator(None, Path("media")) is None


def test_the_record_holds_what_was_said_only_when_narrated() -> None:
    silent = Beat(0, "a", "x² on [0, 2].", None, 0.0, 2.0)
    said = Beat(1, "b", "x² on [0, 2].", None, 2.0, 5.0, said="x squared on 0 to 2.")
    record = scene_record("s", "S", "", (silent, said), said)
    text = record.to_json()
    assert text.count('"said"') == 1
    assert [beat.said for beat in read_text(text).beats] == [None, "x squared on 0 to 2."]
