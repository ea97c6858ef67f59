"""Build the lecture pack from rendered scenes: per-scene files, the page, slides, handout.

The renders come first (``relu_anim.render.batch``, which skips what is up to date); this module
turns each render's video, beats and beat clips into the pack's files and then writes the
pack-wide ones. Work already done is not redone: each scene's files carry a stamp of their
sources (sizes and times of the render's files, the parameters, this package's code) in
``pack.json``, and a scene, the slides or the handout whose stamp is unchanged is left alone.

A scene whose render failed is still listed, marked missing on the page and in ``pack.json``;
every other scene is packed as usual.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from relu_anim import __version__
from relu_anim.lecture import captions, companion, handout, page, scorm, slides
from relu_anim.lecture.beats import BeatsError, SceneBeats, read_beats
from relu_anim.lecture.media import (
    VideoFacts,
    faststart_copy,
    frames_at,
    is_faststart,
    video_facts,
)
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import one_line, plain
from relu_anim.render import state
from relu_anim.render.atomic import (
    link_or_copy,
    remove_quietly,
    write_text,
    write_text_if_changed,
    write_with,
)
from relu_anim.render.layout import OutputLayout
from relu_anim.settings import SceneParams

PACK_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent


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
    def video(self) -> Path:
        return self.render_dir / f"{self.name}.mp4"

    @property
    def sections(self) -> Path:
        return OutputLayout(self.render_dir, self.name).sections

    @property
    def clips_dir(self) -> Path:
        return OutputLayout(self.render_dir, self.name).clips


@dataclass(frozen=True)
class PackResult:
    """What a build did: the scenes, and which pack-wide files were (re)written or skipped."""

    pack_dir: Path
    entries: list[SceneEntry]
    written: list[str]
    notes: list[str]

    @property
    def missing(self) -> list[SceneEntry]:
        """Scenes that are not in the pack."""
        return [entry for entry in self.entries if not entry.available]


def code_stamp() -> str:
    """A hash of this package's code and templates: a new version redoes every file."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


def read_manifest(pack_dir: Path) -> dict[str, Any]:
    """The previous build's ``pack.json``, or an empty record.

    Only what a build reads back is kept, and only in the shape it wrote it: scenes that are
    objects with a name, stamps that are strings. Anything else (a damaged or hand-edited
    file) is as if that part were missing, so the build redoes it and writes the file anew.
    """
    record = state.read_json(pack_dir / "pack.json")
    if not isinstance(record, dict) or record.get("format") != PACK_FORMAT:
        return {}
    scenes = record.get("scenes")
    stamps = record.get("stamps")
    return {
        **record,
        "scenes": [
            scene
            for scene in (scenes if isinstance(scenes, list) else [])
            if isinstance(scene, dict) and isinstance(scene.get("name"), str)
        ],
        "stamps": {
            key: value
            for key, value in (stamps.items() if isinstance(stamps, dict) else ())
            if isinstance(key, str) and isinstance(value, str)
        },
    }


def scene_files(name: str) -> dict[str, str]:
    """The pack's per-scene files by role, relative to the pack folder.

    Examples
    --------
    >>> scene_files("square")["chapters"]
    'square.chapters.vtt'
    """
    return {
        "video": f"{name}.mp4",
        "poster": f"{name}.png",
        "captions": f"{name}.vtt",
        "chapters": f"{name}.chapters.vtt",
        "srt": f"{name}.srt",
        "sections": f"{name}.sections.json",
    }


def build_pack(
    sources: Sequence[SceneSource],
    pack_dir: Path,
    want_slides: bool | None = None,
    say: Callable[[str], None] = lambda text: None,
) -> PackResult:
    """Build (or bring up to date) the lecture pack in ``pack_dir``.

    Parameters
    ----------
    sources
        The scenes in storyboard order, each with its render folder or its render error.
    pack_dir
        Where the pack goes; created if missing.
    want_slides
        ``True``: ``slides.pptx`` is required (manim-slides must be installed); ``None``: made
        when manim-slides is installed, else a note says how to get it; ``False``: not made.
    say
        Called with one line per step worth telling.

    Examples
    --------
    ::

        sources = [SceneSource("square", "x² from ReLUs", Path("media"))]
        result = build_pack(sources, Path("media/lecture"))
        print(result.pack_dir / "index.html")
    """
    if want_slides:
        slides.require_slides()
    pack_dir = pack_dir.resolve()
    pack_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(pack_dir)
    before = {scene.get("name"): scene for scene in previous.get("scenes", [])}
    code = code_stamp()
    written: list[str] = []
    notes: list[str] = []

    entries = []
    for number, source in enumerate(sources, start=1):
        entry = _pack_scene(source, number, pack_dir, code, before.get(source.name), written)
        if not entry.available:
            _remove_scene_files(pack_dir, source.name)
        entries.append(entry)
        say(f"{source.name}: {'missing' if not entry.available else 'packed'}")

    available = [entry for entry in entries if entry.available]
    with_clips = [entry for entry in available if entry.clips]
    wide = hashlib.sha256(
        json.dumps([[e.name, e.stamp, e.available] for e in entries]).encode()
    ).hexdigest()
    stamps = dict(previous.get("stamps", {}))
    extras: dict[str, str] = {}

    configs = slides.write_configs(pack_dir, with_clips)
    if want_slides is not False and with_clips:
        if slides.slides_available():
            target = pack_dir / "slides.pptx"
            _refresh(
                "slides",
                target,
                wide,
                stamps,
                written,
                lambda: slides.write_pptx(pack_dir, with_clips, target),
            )
            extras["slides"] = target.name
        else:
            notes.append(
                f"slides.pptx skipped: python-pptx is not installed ({slides.INSTALL_HINT})"
            )
    if with_clips and any(entry.frames for entry in with_clips):
        for role, name, lecturer in (
            ("handout", handout.STUDENT_FILE, False),
            ("lecturer_handout", handout.LECTURER_FILE, True),
        ):
            target = pack_dir / name
            _refresh(
                role,
                target,
                wide,
                stamps,
                written,
                functools.partial(
                    handout.write_handout, pack_dir, with_clips, target, lecturer=lecturer
                ),
            )
            extras[role] = target.name
    if available:
        extras["scorm"] = scorm.PACKAGE_FILE
        extras["presenter"] = page.PRESENTER
        _write_if_changed(pack_dir / page.PRESENTER, page.render_presenter(entries), written)
        for asset in page.PRESENTER_ASSETS:
            _write_if_changed(pack_dir / asset, page.template(asset), written)
    else:
        remove_quietly(pack_dir / page.PRESENTER)

    _write_if_changed(pack_dir / "index.html", page.render_page(entries, extras), written)
    for asset in page.ASSETS:
        _write_if_changed(pack_dir / asset, page.template(asset), written)
    if available:
        # After the page's assets: the package holds copies of them.
        target = pack_dir / scorm.PACKAGE_FILE
        _refresh(
            "scorm",
            target,
            wide,
            stamps,
            written,
            lambda: scorm.write_scorm(pack_dir, available, target),
        )
    else:
        remove_quietly(pack_dir / scorm.PACKAGE_FILE)
    _write_if_changed(
        pack_dir / "pack.json", _manifest_text(entries, extras, configs, stamps, pack_dir), written
    )
    return PackResult(pack_dir, entries, written, notes)


def _refresh(
    role: str,
    target: Path,
    wide: str,
    stamps: dict[str, str],
    written: list[str],
    write: Callable[[], object],
) -> None:
    """Write a pack-wide file again unless it is there, made from the same scenes (``wide``)."""
    if stamps.get(role) != wide or not target.exists():
        write()
        stamps[role] = wide
        written.append(target.name)


def _save_jpeg(frame: np.ndarray, path: Path) -> None:
    Image.fromarray(frame).save(path, "JPEG", quality=88)


def _one_theme(params: SceneParams) -> str:
    theme = params.theme or "dark"
    assert isinstance(theme, str), "a lecture pack has one theme (the CLI refuses a list)"
    return theme


def _write_if_changed(target: Path, text: str, written: list[str]) -> None:
    if write_text_if_changed(target, text):
        written.append(target.name)


def _pack_scene(
    source: SceneSource,
    number: int,
    pack_dir: Path,
    code: str,
    before: dict[str, Any] | None,
    written: list[str],
) -> SceneEntry:
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
    clips = tuple(f"{source.name}.beats/{beat.slug}.mp4" for beat in beats.beats)
    frames = tuple(f"{source.name}.beats/{beat.slug}.jpg" for beat in beats.beats)
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
    beats_dir = pack_dir / f"{source.name}.beats"
    for frame, name in zip(keys, frames, strict=True):
        write_with(
            pack_dir / name,
            functools.partial(_save_jpeg, frame),
        )
    for clip_source, name in zip(clip_sources, clips, strict=False):
        if clip_source.resolve() != (pack_dir / name).resolve():
            link_or_copy(clip_source, pack_dir / name)
    keep = set(frames) | (set(clips) if clip_sources else set())
    for stale in beats_dir.glob("*"):
        if f"{source.name}.beats/{stale.name}" not in keep and not stale.name.startswith("."):
            remove_quietly(stale)
    if data is not None:
        write_text(pack_dir / files["companion"], json.dumps(data, ensure_ascii=False) + "\n")


def _remove_scene_files(pack_dir: Path, name: str) -> None:
    """Take a scene that is no longer in the pack out of its folder."""
    remove_quietly(
        *(pack_dir / path for path in scene_files(name).values()),
        pack_dir / "data" / f"{name}.json",
        pack_dir / slides.CONFIG_DIR / f"{name}.json",
    )
    shutil.rmtree(pack_dir / f"{name}.beats", ignore_errors=True)


def _manifest_text(
    entries: list[SceneEntry],
    extras: dict[str, str],
    configs: list[Path],
    stamps: dict[str, str],
    pack_dir: Path,
) -> str:
    scenes = []
    for entry in entries:
        record: dict[str, Any] = {
            "name": entry.name,
            "number": entry.number,
            "title": entry.title,
            "maths": entry.maths,
            "available": entry.available,
        }
        if not entry.available:
            record["error"] = entry.error
            scenes.append(record)
            continue
        assert entry.beats is not None
        assert entry.facts is not None
        facts: VideoFacts = entry.facts
        record.update(
            video={"file": entry.files["video"], **asdict(facts)},
            files={role: path for role, path in entry.files.items() if role != "video"},
            poster={"beat": entry.beats.poster_beat, "time": entry.beats.poster_time},
            beats=[
                {
                    **asdict(beat),
                    "title": beat.title,
                    "clip": entry.clips[beat.index] if entry.clips else None,
                    "frame": entry.frames[beat.index],
                }
                for beat in entry.beats.beats
            ],
            stamp=entry.stamp,
        )
        scenes.append(record)
    manifest = {
        "format": PACK_FORMAT,
        "generator": f"relu-anim {__version__}",
        "page": "index.html",
        "presenter": page.PRESENTER,
        **extras,
        "presentation_configs": [str(path.relative_to(pack_dir)) for path in configs],
        "scenes": scenes,
        "stamps": stamps,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
