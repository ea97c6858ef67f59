"""Render speed of every scene against the H.264 encode floor, as ratios.

For each scene: the wall time of ``relu-anim render SCENE`` (a fresh process, as a lecturer runs
it) divided by the time PyAV needs to encode the same number of blank frames at the same size
with Manim's encoder settings (libx264, crf 23, yuv420p). Encoding is the floor every render
pays; the ratio says how much the scene itself adds. Target: <= 1.3 per scene at 1080p60.

Usage: ``python bench/render.py [-q h] [SCENE ...]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relu_anim.catalog import scene_names  # noqa: E402

SIZES = {"l": (854, 480, 15), "m": (1280, 720, 30), "h": (1920, 1080, 60), "k": (3840, 2160, 60)}


def encode_floor(frames: int, width: int, height: int, fps: int) -> float:
    """Seconds PyAV takes to encode ``frames`` blank RGBA frames as Manim would."""
    blank = np.zeros((height, width, 4), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with av.open(str(Path(folder) / "floor.mp4"), "w") as container:
            stream = container.add_stream("libx264", rate=fps, options={"crf": "23"})
            stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
            for _ in range(frames):
                frame = av.VideoFrame.from_ndarray(blank, format="rgba")
                container.mux(stream.encode(frame))
            container.mux(stream.encode(None))
        return time.perf_counter() - started


def count_frames(video: Path) -> tuple[int, float]:
    """Return the frame count and duration (s) of ``video``."""
    with av.open(str(video)) as container:
        frames = sum(1 for _ in container.decode(video=0))
        return frames, float(container.duration / av.time_base)


def render_wall_time(scene: str, quality: str, output_dir: Path, *extra: str) -> float:
    """Wall seconds of one ``relu-anim render`` process."""
    command = [sys.executable, "-m", "relu_anim.cli", "render", scene, "-q", quality]
    command += ["-o", str(output_dir), *extra]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", default=scene_names())
    parser.add_argument("-q", "--quality", choices=list(SIZES), default="h")
    args = parser.parse_args()
    width, height, fps = SIZES[args.quality]

    print(f"{'scene':<8} {'video s':>8} {'frames':>7} {'render s':>9} {'floor s':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        output_dir = Path(folder)
        for scene in args.scenes:
            wall = render_wall_time(scene, args.quality, output_dir)
            frames, duration = count_frames(output_dir / f"{scene}.mp4")
            floor = encode_floor(frames, width, height, fps)
            ratio = wall / floor
            print(f"{scene:<8} {duration:8.1f} {frames:7d} {wall:9.1f} {floor:8.1f} {ratio:6.2f}")
    print("target: ratio <= 1.3 per scene at 1080p60")


if __name__ == "__main__":
    main()
