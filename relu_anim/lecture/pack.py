"""Build the lecture pack from rendered scenes: per-scene files, the page, slides, handout.

The renders come first (``relu_anim.render.batch``, which skips what is up to date); this module
turns each render's video, beats and beat clips into the pack's files
(:mod:`relu_anim.lecture.scene_pack`) and then writes the pack-wide ones. Work already done is
not redone: each scene's files carry a stamp of their sources (sizes and times of the render's
files, the parameters, this package's code) in ``pack.json``, and a scene, the slides or the
handout whose stamp is unchanged is left alone.

A scene whose render failed is still listed, marked missing on the page and in ``pack.json``;
every other scene is packed as usual.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from relu_anim import __version__
from relu_anim.lecture import handout, page, presenter, scorm, slides
from relu_anim.lecture.media import VideoFacts
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.scene_pack import SceneSource, pack_scene, remove_scene_files
from relu_anim.render import state
from relu_anim.render.atomic import remove_quietly, write_text_if_changed

__all__ = ["PackResult", "SceneSource", "build_pack", "code_stamp", "read_manifest"]

PACK_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent


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
        entry = pack_scene(source, number, pack_dir, code, before.get(source.name), written)
        if not entry.available:
            remove_scene_files(pack_dir, source.name)
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
        extras["presenter"] = presenter.PRESENTER
        _write_if_changed(
            pack_dir / presenter.PRESENTER, presenter.render_presenter(entries), written
        )
        for asset in presenter.PRESENTER_ASSETS:
            _write_if_changed(pack_dir / asset, page.template(asset), written)
    else:
        remove_quietly(pack_dir / presenter.PRESENTER)

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


def _write_if_changed(target: Path, text: str, written: list[str]) -> None:
    if write_text_if_changed(target, text):
        written.append(target.name)


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
        "presenter": presenter.PRESENTER,
        **extras,
        "presentation_configs": [str(path.relative_to(pack_dir)) for path in configs],
        "scenes": scenes,
        "stamps": stamps,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
