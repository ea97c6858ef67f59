"""Video files through PyAV: stream facts, a ``+faststart`` remux, and frames at given times.

Nothing here re-encodes the video: the remux copies the H.264 packets into a new MP4 whose
index (``moov``) comes before the data, so a browser can start playing over HTTP at once.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from relu_anim.render.atomic import write_with


@dataclass(frozen=True, slots=True)
class VideoFacts:
    """What the page and the slides need to know about a video."""

    width: int
    height: int
    fps: float
    duration: float
    codec: str
    pix_fmt: str


def video_facts(path: Path) -> VideoFacts:
    """Read a video's size, frame rate, duration, codec and pixel format (no decoding)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.guessed_rate or stream.average_rate or 30
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        else:
            duration = float(container.duration or 0) / av.time_base
        return VideoFacts(
            width=stream.codec_context.width,
            height=stream.codec_context.height,
            fps=float(rate),
            duration=duration,
            codec=stream.codec_context.name,
            pix_fmt=stream.codec_context.format.name if stream.codec_context.format else "",
        )


def top_level_boxes(path: Path) -> list[str]:
    """The MP4 file's top-level box types in file order, e.g. ``['ftyp', 'moov', 'mdat']``."""
    boxes = []
    size = path.stat().st_size
    with open(path, "rb") as file:
        position = 0
        while position + 8 <= size:
            file.seek(position)
            length, kind = struct.unpack(">I4s", file.read(8))
            if length == 1:
                (length,) = struct.unpack(">Q", file.read(8))
            elif length == 0:
                length = size - position
            if length < 8:
                break
            boxes.append(kind.decode("latin-1"))
            position += length
    return boxes


def is_faststart(path: Path) -> bool:
    """Whether the MP4's index (``moov``) comes before its data (``mdat``)."""
    boxes = top_level_boxes(path)
    return "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat")


def faststart_copy(source: Path, target: Path) -> Path:
    """Remux ``source`` into ``target`` with ``movflags=+faststart``; packets are copied as is.

    ``target`` appears complete or not at all.
    """

    def remux(partial: Path) -> None:
        with (
            av.open(str(source)) as inp,
            av.open(
                str(partial), mode="w", format="mp4", options={"movflags": "+faststart"}
            ) as out,
        ):
            streams = {}
            for stream in inp.streams:
                if stream.type in ("video", "audio"):
                    streams[stream.index] = out.add_stream_from_template(stream)
            for packet in inp.demux(*(inp.streams[i] for i in streams)):
                if packet.dts is None:  # the demuxer's flush packets
                    continue
                packet.stream = streams[packet.stream.index]
                out.mux(packet)

    return write_with(target, remux)


def frames_at(path: Path, times: Sequence[float]) -> list[np.ndarray]:
    """The frames on screen just before each of ``times`` (seconds), as RGB arrays.

    "Just before" is the last frame whose start is at most half a frame before ``t``: the
    frame a viewer sees when the video pauses at the end of a beat ending at ``t``. Each time
    costs one seek to the keyframe before it and a decode from there, not a full decode.
    """
    results: list[np.ndarray] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        fps = float(stream.guessed_rate or stream.average_rate or 30)
        base = stream.time_base
        if base is None:
            raise ValueError(f"{path} has a video stream without a time base")
        for t in times:
            wanted = max(0.0, t - 0.5 / fps)
            container.seek(max(0, int(wanted / base) - 1), stream=stream, backward=True)
            chosen = None
            for frame in container.decode(stream):
                if frame.pts is None:
                    continue
                if chosen is not None and frame.pts * base > wanted + 1e-9:
                    break
                chosen = frame
                if frame.pts * base > wanted + 1e-9:  # no earlier frame exists: take the first
                    break
            if chosen is None:
                raise ValueError(f"{path} has no frame near {t:.3f} s")
            results.append(chosen.to_ndarray(format="rgb24"))
    return results
