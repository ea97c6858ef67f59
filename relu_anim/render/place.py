"""Finished files into the output folder: each in one rename, a folder in two.

Three sources, one result (:class:`~relu_anim.render.jobs.Outputs`, the same names and order):
a render's own files from Manim's output plan (:func:`put_in_place`), a split render joined in
its scratch (:func:`put_joined_in_place`), and the bytes a Dask worker sent back
(:func:`write_outputs`). The caller holds :func:`relu_anim.render.interrupt.committing` around
them and the record, so a scene's files and its record are all old or all new.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from relu_anim.catalog import SceneInfo
from relu_anim.render import atomic, audio
from relu_anim.render.jobs import Outputs
from relu_anim.render.layout import OutputLayout
from relu_anim.render.pieces import PieceResult
from relu_anim.storyboard import Beat, scene_record

if TYPE_CHECKING:  # Manim is imported only when something is rendered
    from relu_anim.drawing.story import StoryScene


def sections_json(info: SceneInfo, scene: StoryScene) -> str:
    """The storyboard record of ``scene`` (a ``StoryScene`` that has run) as JSON text."""
    record = scene_record(info.name, info.description, info.maths, scene.beats, scene.poster_beat())
    return record.to_json()


def put_in_place(info: SceneInfo, scene: StoryScene, paths: OutputLayout, still: bool) -> Outputs:
    """Rename the files Manim wrote for ``scene`` to ``paths``; ``still``: a png poster only."""
    plan = scene.output_plan
    written = plan.primary_artifact
    if written is None:  # Manim plans one whenever it writes a movie or an image
        raise RuntimeError(f"Manim wrote no video or image for {info.name}")
    if still:
        return Outputs(atomic.move_into_place(written, paths.video))
    track = audio.scene_track(scene, float(scene.renderer.time))
    video = _put_video_in_place(written, track, paths.video)
    captions = None
    subcaption_file = plan.subcaption_file
    if subcaption_file is not None and Path(subcaption_file).exists():
        captions = atomic.move_into_place(Path(subcaption_file), paths.captions)
    sections = atomic.write_text(paths.sections, sections_json(info, scene), sync=True)
    clips = _put_clips_in_place(scene, paths, track) if paths.suffix == "mp4" else None
    return Outputs(video, captions, sections, clips)


def _put_video_in_place(video: Path, track: np.ndarray | None, target: Path) -> Path:
    """Rename ``video`` to ``target``; narrated (``track``), with its sound muxed in first."""
    if track is None:
        return atomic.move_into_place(video, target)
    return atomic.write_with(target, lambda partial: audio.with_sound(video, track, partial))


def _put_clips_in_place(
    scene: StoryScene, paths: OutputLayout, track: np.ndarray | None
) -> Path | None:
    """Move Manim's section videos into ``<out>/<stem>.beats/`` as ``NN-<beat>.mp4``; narrated,
    each with its beat's stretch of ``track``."""
    plan = scene.output_plan
    index, sections_dir = plan.section_index, plan.sections_dir
    if index is None or sections_dir is None or not index.exists():
        return None
    sections = json.loads(index.read_text(encoding="utf-8"))
    sounds = _beat_sounds(track, scene.beats, len(sections))

    def fill(folder: Path) -> None:
        for number, (section, sound) in enumerate(zip(sections, sounds, strict=True), start=1):
            clip = sections_dir / section["video"]
            target = folder / paths.clip(number, section["name"]).name
            if sound is None:
                atomic.move_into_place(clip, target)
            else:
                audio.with_sound(clip, sound, target)

    return atomic.fill_folder(paths.clips, fill)


def _beat_sounds(
    track: np.ndarray | None, beats: Sequence[Beat], clips: int
) -> list[np.ndarray | None]:
    """Each clip's sound: the track cut at its beat's bounds (``None`` each when silent)."""
    if track is None:
        return [None] * clips
    bounds = [(beat.start, beat.end) for beat in beats]
    if len(bounds) != clips:
        raise RuntimeError(f"{clips} beat clips for {len(bounds)} beats: cannot give them sound")
    return list(audio.beat_tracks(track, bounds))


def put_joined_in_place(staging: Path, paths: OutputLayout, last: PieceResult) -> Outputs:
    """Rename a joined split render from ``staging`` into place; the same files, names and
    order as an unsplit render (:func:`put_in_place`)."""
    if last.sections is None:
        raise RuntimeError("the last piece brought no beats")
    video = atomic.move_into_place(staging / paths.video.name, paths.video)
    captions = None
    if last.captions is not None:
        captions = atomic.write_text(paths.captions, last.captions, sync=True)
    sections = atomic.write_text(paths.sections, last.sections, sync=True)
    clips = staging / paths.clips.name
    joined = atomic.swap_folder(clips, paths.clips) if clips.is_dir() else None
    return Outputs(video, captions, sections, joined)


def write_outputs(output_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write the files a Dask worker sent back into ``output_dir``, each atomically.

    ``files`` maps each output's path relative to the output folder (``shift.mp4``,
    ``shift.beats/01-intro.mp4``) to its bytes, in the order of :meth:`Outputs.paths`; a file
    goes under a temporary name and is renamed into place, a folder (the beats) is filled
    under a temporary name and swapped in. Returns the top-level paths, in order.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    tops: dict[str, dict[str, bytes]] = {}
    for relative, data in files.items():
        top, _, inner = relative.partition("/")
        tops.setdefault(top, {})[inner] = data
    written = []
    for top, content in tops.items():
        if Path(top).name != top or top in ("", ".", ".."):
            raise ValueError(f"refusing to write {top!r} outside {output_dir}")
        target = output_dir / top
        if "" in content:  # a single file
            written.append(atomic.write_bytes(target, content[""]))
        else:
            written.append(atomic.fill_folder(target, _filler(target, content)))
    return written


def _filler(target: Path, content: dict[str, bytes]) -> Callable[[Path], None]:
    def fill(folder: Path) -> None:
        for inner, data in content.items():
            if Path(inner).name != inner or inner in (".", ".."):
                raise ValueError(f"refusing to write {inner!r} outside {target}")
            (folder / inner).write_bytes(data)

    return fill


def files_of(outputs: Outputs) -> dict[str, bytes]:
    """Every file of ``outputs`` as :func:`write_outputs` takes them: relative path -> bytes."""
    files: dict[str, bytes] = {}
    for path in outputs.paths():
        if path.is_dir():
            for item in sorted(path.iterdir()):
                files[f"{path.name}/{item.name}"] = item.read_bytes()
        else:
            files[path.name] = path.read_bytes()
    return files
