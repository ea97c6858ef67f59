"""One scene's files in the lecture pack: its sources, their stamp, and the files made from them.

Every name is the render's (:class:`~relu_anim.render.layout.OutputLayout`, the pack folder
laid out like an output folder: ``<scene>.mp4``, ``<scene>.srt``, ``<scene>.sections.json``,
``<scene>.beats/NN-<beat>.mp4`` and ``.jpg``), plus the web captions (``.vtt``,
``.chapters.vtt``), the poster (a ``png`` video name) and a companion's ``data/<scene>.json``.
:mod:`relu_anim.lecture.pack` calls :func:`pack_scene` for each scene, then writes the pack-wide
files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from relu_anim.lecture import captions, companion, slides
from relu_anim.lecture.beats import BeatsError, SceneBeats, read_beats
from relu_anim.lecture.media import faststart_copy, frames_at, is_faststart, video_facts
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import one_line, plain
from relu_anim.render import state
from relu_anim.render.atomic import link_or_copy, remove_quietly, write_text, write_with
from relu_anim.render.layout import OutputLayout
from relu_anim.settings import SceneParams

__all__ = ["SceneSource", "pack_scene", "remove_scene_files", "scene_files", "source_stamp"]


@dataclass(frozen=True)
class SceneSource:
    """One scene to pack: where its render's files are, and with which parameters.

    ``error`` is set when the scene failed to render; the pack then marks it missing.
    """

    name: str
    title: str
    render_dir: Path
    params: SceneParams = field(default_factory=SceneParams)
    maths: str = ""
    error: str = ""

    @property
    def paths(self) -> OutputLayout:
        """The render's files (an mp4 render: the pack needs its beat clips)."""
        return OutputLayout(self.render_dir, self.name)

    @property
    def video(self) -> Path:
        return self.paths.video

    @property
    def sections(self) -> Path:
        return self.paths.sections

    @property
    def clips_dir(self) -> Path:
        return self.paths.clips


def _file_stamp(path: Path) -> list[Any]:
    status = path.stat()
    return [path.name, status.st_size, status.st_mtime_ns]


def source_stamp(source: SceneSource, code: str) -> str:
    """A hash of everything a scene's pack files are made from."""
    files = [source.video, source.sections]
    if source.clips_dir.is_dir():
        files += sorted(source.clips_dir.glob("*.mp4"))
    payload = {
        "files": [_file_stamp(path) for path in files],
        "params": asdict(source.params),
        "code": code,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def scene_files(name: str) -> dict[str, str]:
    """The pack's per-scene files by role, relative to the pack folder.

    Examples
    --------
    >>> scene_files("square")["chapters"]
    'square.chapters.vtt'
    """
    here = OutputLayout(Path(), name)
    return {
        "video": here.video.as_posix(),
        "poster": OutputLayout(Path(), name, "png").video.as_posix(),
        "captions": f"{name}.vtt",
        "chapters": f"{name}.chapters.vtt",
        "srt": here.captions.as_posix(),
        "sections": here.sections.as_posix(),
    }


def _save_jpeg(frame: np.ndarray, path: Path) -> None:
    Image.fromarray(frame).save(path, "JPEG", quality=88)


def _one_theme(params: SceneParams) -> str:
    theme = params.theme or "dark"
    assert isinstance(theme, str), "a lecture pack has one theme (the CLI refuses a list)"
    return theme


def pack_scene(
    source: SceneSource,
    number: int,
    pack_dir: Path,
    code: str,
    before: dict[str, Any] | None,
    written: list[str],
) -> SceneEntry:
    """Scene ``number``'s files in ``pack_dir``, written unless ``before`` (its entry in the
    last ``pack.json``) has the same stamp and its files are there; ``written`` gets its name
    when they are written. A scene that cannot be packed comes back with its error."""
    # A docstring, MATHS or an error's text is shown like the sections file's: made plain.
    missing = SceneEntry(source.name, number, one_line(source.title), maths=plain(source.maths))
    if source.error:
        return _with_error(missing, source.error)
    try:
        beats = read_beats(source.sections, title=source.title, maths=source.maths)
        if not source.video.exists():
            raise BeatsError(f"{source.video} is missing; render the scene again")
        stamp = source_stamp(source, code)
    except (BeatsError, OSError) as error:
        return _with_error(missing, str(error))
    files = scene_files(source.name)
    clip_sources = _clip_sources(source, beats)
    here = OutputLayout(Path(), source.name)  # names relative to the pack folder
    clips = tuple(here.clip(beat.index + 1, beat.name).as_posix() for beat in beats.beats)
    frames = tuple(here.frame(beat.index + 1, beat.name).as_posix() for beat in beats.beats)
    has_companion = source.name in companion.COMPANIONS
    if has_companion:
        files["companion"] = f"data/{source.name}.json"
    expected = [*files.values(), *frames, *(clips if clip_sources else ())]
    fresh = (
        before is not None
        and before.get("stamp") == stamp
        and all((pack_dir / path).exists() for path in expected)
    )
    data = None
    if has_companion and fresh:
        data = _read_json(pack_dir / files["companion"])
        fresh = data is not None
    if has_companion and not fresh:
        data = companion.companion_data(source.name, source.params)
    try:
        if not fresh:
            _write_scene(source, beats, pack_dir, files, clip_sources, clips, frames, data)
            written.append(source.name)
        facts = video_facts(pack_dir / files["video"])
    except (OSError, ValueError) as error:
        # A broken render (a truncated video, say) costs this scene, not the pack.
        return _with_error(missing, f"{type(error).__name__}: {error}".splitlines()[0])
    return SceneEntry(
        name=source.name,
        number=number,
        title=beats.title or source.title,
        maths=beats.maths,
        beats=beats,
        facts=facts,
        files=files,
        clips=clips if clip_sources else (),
        frames=frames,
        companion=data,
        stamp=stamp,
        theme=_one_theme(source.params),
    )


def _read_json(path: Path) -> dict[str, Any] | None:
    """A companion data file the pack wrote (an object), or ``None``: then it is written anew."""
    data = state.read_json(path, limit=COMPANION_LIMIT)
    return data if isinstance(data, dict) else None


# The Square companion at 1000 units is 1.2 MB.
COMPANION_LIMIT = 64 << 20


def _with_error(entry: SceneEntry, error: str) -> SceneEntry:
    return SceneEntry(entry.name, entry.number, entry.title, maths=entry.maths, error=plain(error))


def _clip_sources(source: SceneSource, beats: SceneBeats) -> list[Path]:
    """The render's beat clips in beat order, matched by name, or none if a beat has none.

    The render names clips ``NN-<beat>.mp4`` in section order; a section that is not a beat
    (anything a scene shows before its first beat) is passed over.
    """
    if not source.clips_dir.is_dir():
        return []
    waiting = sorted(source.clips_dir.glob("*.mp4"))
    matched = []
    for beat in beats.beats:
        suffix = "-" + beat.slug.split("-", 1)[1] + ".mp4"
        while waiting and not waiting[0].name.endswith(suffix):
            waiting.pop(0)
        if not waiting:
            return []
        matched.append(waiting.pop(0))
    return matched


def _write_scene(
    source: SceneSource,
    beats: SceneBeats,
    pack_dir: Path,
    files: dict[str, str],
    clip_sources: list[Path],
    clips: tuple[str, ...],
    frames: tuple[str, ...],
    data: dict[str, Any] | None,
) -> None:
    """Write every per-scene file of the pack, each atomically."""
    video = pack_dir / files["video"]
    if source.video.resolve() != video.resolve() or not is_faststart(video):
        faststart_copy(source.video, video)
    write_text(pack_dir / files["captions"], captions.vtt(beats.beats))
    write_text(pack_dir / files["chapters"], captions.chapters_vtt(beats.beats))
    write_text(pack_dir / files["srt"], captions.srt(beats.beats))
    if source.sections.resolve() != (pack_dir / files["sections"]).resolve():
        link_or_copy(source.sections, pack_dir / files["sections"])
    # The poster and every beat's key frame (the poster is one of them when its time is a
    # beat's end), each decoded once from the keyframe before it.
    times = sorted({beats.poster_time, *(beat.end for beat in beats.beats)})
    decoded = dict(zip(times, frames_at(video, times), strict=True))
    poster, keys = decoded[beats.poster_time], [decoded[beat.end] for beat in beats.beats]
    write_with(pack_dir / files["poster"], lambda path: Image.fromarray(poster).save(path, "PNG"))
    beats_dir = OutputLayout(pack_dir, source.name).clips
    for frame, name in zip(keys, frames, strict=True):
        write_with(
            pack_dir / name,
            functools.partial(_save_jpeg, frame),
        )
    for clip_source, name in zip(clip_sources, clips, strict=False):
        if clip_source.resolve() != (pack_dir / name).resolve():
            link_or_copy(clip_source, pack_dir / name)
    keep = {pack_dir / name for name in (*frames, *(clips if clip_sources else ()))}
    for stale in beats_dir.glob("*"):
        if stale not in keep and not stale.name.startswith("."):
            remove_quietly(stale)
    if data is not None:
        write_text(pack_dir / files["companion"], json.dumps(data, ensure_ascii=False) + "\n")


def remove_scene_files(pack_dir: Path, name: str) -> None:
    """Take a scene that is not in the pack (missing, or its render failed) out of its folder."""
    remove_quietly(
        *(pack_dir / path for path in scene_files(name).values()),
        pack_dir / "data" / f"{name}.json",
        pack_dir / slides.CONFIG_DIR / f"{name}.json",
    )
    shutil.rmtree(OutputLayout(pack_dir, name).clips, ignore_errors=True)
