"""Render speed of every scene against the H.264 encode floor, as ratios.

For each scene: the wall time of ``relu-anim render SCENE`` (a fresh process, as a lecturer
runs it), cold and again with the TeX cache warm, divided by the time PyAV needs to encode the
same number of blank frames at the same size with Manim's encoder settings (libx264, crf 23,
yuv420p). Encoding is the floor every render pays; the ratio says how much the scene itself
adds. Target: <= 1.3 per scene at 1080p60.

Then the lecturer's workflow on a scratch copy of the repository (``--workflow``, default on):
a cold ``render --all`` with one job, the same again with nothing changed (target < 5 % of
cold), again after editing one scene file (only that scene renders), and a cold render with
``--jobs 2`` against ``--jobs 1`` (target <= 0.9).

Usage: ``python bench/render.py [-q h] [--workflow-quality m] [--no-workflow] [SCENE ...]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np
from timing import timed_render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relu_anim.catalog import scene_names  # noqa: E402

SIZES = {"l": (854, 480, 15), "m": (1280, 720, 30), "h": (1920, 1080, 60), "k": (3840, 2160, 60)}


def encode_floor(frames: int, width: int, height: int, fps: int) -> tuple[float, float]:
    """Wall and CPU seconds PyAV takes to encode ``frames`` blank RGBA frames as Manim would.

    CPU time (all threads of this process) is what to compare on a machine that others load.
    """
    blank = np.zeros((height, width, 4), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), time.process_time()
        with av.open(str(Path(folder) / "floor.mp4"), "w") as container:
            stream = container.add_stream("libx264", rate=fps, options={"crf": "23"})
            stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
            for _ in range(frames):
                frame = av.VideoFrame.from_ndarray(blank, format="rgba")
                container.mux(stream.encode(frame))
            container.mux(stream.encode(None))
        return time.perf_counter() - started, time.process_time() - cpu


def count_frames(video: Path) -> tuple[int, float]:
    """Return the frame count and duration (s) of ``video``."""
    with av.open(str(video)) as container:
        frames = sum(1 for _ in container.decode(video=0))
        return frames, float(container.duration / av.time_base)


def render_times(
    scenes: list[str], quality: str, output_dir: Path, *extra: str, root: Path = ROOT
) -> tuple[float, float]:
    """Wall and CPU seconds of one ``relu-anim render`` process from the checkout at ``root``."""
    args = [*scenes, "-q", quality, "-o", str(output_dir), *extra]
    return timed_render(args, cwd=root, root=root)[:2]


def render_wall_time(
    scenes: list[str], quality: str, output_dir: Path, *extra: str, root: Path = ROOT
) -> float:
    """Wall seconds of one ``relu-anim render`` process run from the checkout at ``root``."""
    return render_times(scenes, quality, output_dir, *extra, root=root)[0]


def workflow(quality: str) -> None:
    """Print the cold / no-change / one-edit / two-jobs ratios of ``render --all``."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "repo"
        for part in ("relu_anim", "scenes"):
            shutil.copytree(ROOT / part, copy / part)
        out1, out2 = Path(folder) / "out1", Path(folder) / "out2"
        cold = render_wall_time(["--all"], quality, out1, "--jobs", "1", root=copy)
        unchanged = render_wall_time(["--all"], quality, out1, "--jobs", "1", root=copy)
        edited_file = copy / "scenes" / "shift.py"
        edited_file.write_text(edited_file.read_text() + "\n# edited by bench/render.py\n")
        edited = render_wall_time(["--all"], quality, out1, "--jobs", "1", root=copy)
        parallel = render_wall_time(["--all"], quality, out2, "--jobs", "2", root=copy)
    print(f"\nworkflow at -q {quality} (render --all)")
    print(f"{'run':<28} {'wall s':>7} {'ratio':>7}  target")
    print(f"{'cold, --jobs 1':<28} {cold:7.1f} {1:7.2f}")
    print(f"{'nothing changed':<28} {unchanged:7.2f} {unchanged / cold:7.3f}  < 0.05")
    print(f"{'shift.py edited':<28} {edited:7.1f} {edited / cold:7.2f}  one scene's share")
    print(f"{'cold, --jobs 2':<28} {parallel:7.1f} {parallel / cold:7.2f}  <= 0.9")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", default=scene_names())
    parser.add_argument("-q", "--quality", choices=list(SIZES), default="h")
    parser.add_argument("--aspect", choices=["16:9", "4:3", "9:16"], default="16:9")
    parser.add_argument("--workflow-quality", choices=list(SIZES), default="m")
    parser.add_argument("--no-workflow", dest="workflow", action="store_false")
    parser.add_argument("--no-scenes", dest="per_scene", action="store_false")
    args = parser.parse_args()
    if args.per_scene:
        per_scene(args.scenes, args.quality, args.aspect)
    if args.workflow:
        workflow(args.workflow_quality)


def per_scene(scenes: list[str], quality: str, aspect: str) -> None:
    """Print each scene's render time against the encode floor, in wall and CPU time."""
    from relu_anim.settings import frame_size

    size = frame_size(quality, aspect)
    width, height, fps = size["pixel_width"], size["pixel_height"], SIZES[quality][2]
    print(f"-q {quality} --aspect {aspect}: {width}x{height} at {fps} fps")
    print(
        f"{'scene':<10} {'video s':>8} {'frames':>7} {'floor s':>8} {'cold s':>7} {'ratio':>6}"
        f" {'warm s':>7} {'ratio':>6} {'CPU ratio':>9}"
    )
    with tempfile.TemporaryDirectory() as folder:
        output_dir = Path(folder)
        for scene in scenes:
            cold, _ = render_times([scene], quality, output_dir, "--aspect", aspect)
            # Again with the TeX cache of the first run, as after a lecturer's edit.
            warm, warm_cpu = render_times(
                [scene], quality, output_dir, "--aspect", aspect, "--force"
            )
            frames, duration = count_frames(output_dir / f"{scene}.mp4")
            floor, floor_cpu = encode_floor(frames, width, height, fps)
            print(
                f"{scene:<10} {duration:8.1f} {frames:7d} {floor:8.1f} {cold:7.1f} "
                f"{cold / floor:6.2f} {warm:7.1f} {warm / floor:6.2f} {warm_cpu / floor_cpu:9.2f}"
            )
    print("cold: fresh output folder (TeX typesets every formula); warm: TeX cache reused")
    print("CPU ratio: warm render's CPU seconds over the floor's (steady on a loaded machine)")
    print("target: ratio <= 1.3 per scene at 1080p60")


if __name__ == "__main__":
    main()
