"""A narrated render's sound: each beat's speech placed at its start, muxed into every video.

Manim's per-section movies carry no audio (manim#3347), so the sound is added here, after the
render, the same way for a whole render and a split one: the beats' speech is mixed into one
track (:func:`narration_track`, mono at :data:`RATE`, every beat's speech starting at its
first sample) and encoded into the video (AAC in mp4, Opus in webm) with the video's packets
copied, not re-encoded (:func:`with_sound`). Each beat clip gets the track's samples from its
beat's first sample to the next beat's, so the clips' sound adds up to the video's exactly.
24 kHz carries speech (a voice's band ends below its 12 kHz limit), is a whole number of
samples per frame at 15, 30 and 60 frames a second, and is a rate AAC and Opus both take; it
costs half of 48 kHz to encode.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # PyAV is imported only when sound is made
    from av.audio.stream import AudioStream
    from av.packet import Packet

from relu_anim.narration.sound import RATE, speech_samples

__all__ = ["RATE", "beat_tracks", "narration_track", "scene_track", "with_sound"]
#: Bits per second: speech in mono needs no more.
BIT_RATE = {"mp4": 64_000, "webm": 48_000}
CODEC = {"mp4": "aac", "webm": "libopus"}


def sample_at(seconds: float) -> int:
    """The track's sample at ``seconds``.

    Examples
    --------
    >>> sample_at(1 / 15) * 15, sample_at(1 / 60) * 60
    (24000, 24000)
    """
    return round(seconds * RATE)


def narration_track(
    spoken: Iterable[tuple[float, Path] | tuple[float, Path, float]], seconds: float
) -> np.ndarray:
    """One mono track ``seconds`` long with each ``(start, wav)`` speech from ``start`` on
    (``(start, wav, lead)``: the wav's first ``lead`` seconds, silence, left out).

    Speech running past the end is cut there (a narrated beat is held until its speech ends,
    so none does).
    """
    track = np.zeros(sample_at(seconds), dtype=np.float32)
    for start, wav, *lead in spoken:
        first = sample_at(start)
        samples = speech_samples(wav)[sample_at(lead[0]) if lead else 0 :]
        samples = samples[: max(0, len(track) - first)]
        track[first : first + len(samples)] += samples
    return np.clip(track, -1.0, 1.0)


def beat_tracks(track: np.ndarray, bounds: Iterable[tuple[float, float]]) -> list[np.ndarray]:
    """The track cut at each beat's ``(start, end)``, sample-exact: the pieces add up to it.

    Examples
    --------
    >>> parts = beat_tracks(np.arange(24_000, dtype=np.float32), [(0, 0.25), (0.25, 1.0)])
    >>> [len(p) for p in parts], float(parts[1][0])
    ([6000, 18000], 6000.0)
    """
    return [track[sample_at(start) : sample_at(end)] for start, end in bounds]


def with_sound(video: Path, track: np.ndarray, target: Path) -> Path:
    """Write ``video`` with ``track`` as its sound to ``target``: the video's packets copied
    as they are, the sound encoded for its container (``video``'s suffix: mp4 or webm)."""
    import av

    suffix = video.suffix.lstrip(".")
    with av.open(str(video)) as source, av.open(str(target), mode="w", format=suffix) as out:
        out.metadata.update(source.metadata)
        video_in = source.streams.video[0]
        video_out = out.add_stream_from_template(template=video_in)
        sound = out.add_stream(CODEC[suffix], rate=RATE, layout="mono")
        assert isinstance(sound, av.audio.stream.AudioStream)
        sound.bit_rate = BIT_RATE[suffix]
        if suffix == "mp4":  # FFmpeg's fast AAC search: half the CPU of its default, for speech
            sound.codec_context.options = {"aac_coder": "fast"}
        encoded = _encoded(sound, track)
        pending = next(encoded, None)
        for packet in source.demux(video_in):
            if packet.dts is None:
                continue
            at = packet.dts * packet.time_base
            while pending is not None and (pending.dts or 0) * pending.time_base <= at:
                out.mux(pending)
                pending = next(encoded, None)
            packet.stream = video_out
            out.mux(packet)
        while pending is not None:
            out.mux(pending)
            pending = next(encoded, None)
    return target


def scene_track(scene: Any, seconds: float) -> np.ndarray | None:
    """The sound of a ``StoryScene`` whose storyboard ran, ``seconds`` long: each narrated
    beat's speech from its start; ``None`` when no beat is narrated."""
    spoken = [
        (scene.beats[index].start, speech.wav, speech.lead)
        for index, speech in scene.spoken.items()
    ]
    return narration_track(spoken, seconds) if spoken else None


def _encoded(stream: AudioStream, track: np.ndarray) -> Iterator[Packet]:
    """``track``'s packets from ``stream``'s encoder, in order (flushed at the end)."""
    import av

    context = stream.codec_context
    size = context.frame_size or 1024
    planar = context.format.name
    for first in range(0, len(track), size):
        chunk = track[first : first + size]
        if planar == "s16":
            data = np.round(chunk * 32767).astype(np.int16).reshape(1, -1)
        else:
            data = chunk.reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(data, format=planar, layout="mono")
        frame.sample_rate = RATE
        frame.pts = first
        frame.time_base = Fraction(1, RATE)
        yield from stream.encode(frame)
    yield from stream.encode(None)
