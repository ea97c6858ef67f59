"""Render one scene through Manim's Python API: whole, one split piece, or a measuring run.

Manim works in a private folder per scene (``<out>/.work/<scene>``, see
:mod:`relu_anim.render.layout`), so two scenes rendered at the same time never share TeX or
partial-movie files; a lock keeps a second render of the same stem waiting. The finished
files are then put in place (:mod:`relu_anim.render.place`) in one step each: an interrupted
render leaves the old file or none, never half a video.
"""

from __future__ import annotations

import fcntl
import importlib.util
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from relu_anim.catalog import SceneInfo, builtin_scenes_dir
from relu_anim.render import audio, diskspace, interrupt, state, texcache
from relu_anim.render.jobs import Outputs
from relu_anim.render.layout import OutputLayout, lock_for, output_folder_of
from relu_anim.render.narrator import narrator
from relu_anim.render.pieces import Piece, PieceResult
from relu_anim.render.place import put_in_place, sections_json
from relu_anim.settings import QUALITIES, RenderSettings, SceneParams
from relu_anim.storyboard import Beat

if TYPE_CHECKING:  # Manim is imported only when something is rendered
    from relu_anim.drawing.story import StoryScene


def load_scene_class(info: SceneInfo) -> type[StoryScene]:
    """Import the scene's storyboard file and return its scene class."""
    module = _import_file(info.path, f"relu_anim_scenes.{info.name}")
    return getattr(module, info.class_name)


def _import_file(path: Path, module_name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import scene file {path}")
    if path.parent.resolve() != builtin_scenes_dir().resolve():
        _beside_on_path(path.parent)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _beside_on_path(folder: Path) -> None:
    """Let a scene import the helper modules beside it, as ``manim render`` does.

    Modules already imported from ``folder`` are forgotten, so a process that renders again
    (watch) reads a helper the lecturer has just edited.
    """
    folder = folder.resolve()
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if origin and Path(origin).resolve().parent == folder:
            del sys.modules[name]
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def manim_settings(info: SceneInfo, options: RenderSettings, work_dir: Path) -> dict[str, object]:
    """Return the Manim config for rendering ``info`` into ``work_dir``."""
    from manim import config

    extra = dict(options.manim_config)
    unknown = sorted(key for key in extra if key not in config)
    if unknown:
        raise ValueError(f"unknown Manim setting(s): {', '.join(unknown)}")
    still = options.format == "png"
    mp4 = options.format == "mp4"
    settings: dict[str, object] = {
        "quality": QUALITIES[options.quality][0],
        # After the quality, which would otherwise reset the pixel size to 16:9.
        **options.frame,
        "media_dir": str(work_dir),
        "format": None if still else options.format,
        "save_last_frame": still,
        "write_to_movie": not still,
        "output_file": info.name,
        # Each beat is a Manim section; its clip is cut from the same partial movies (a remux,
        # ~0.1 s a scene), so every mp4 render has them and the lecture pack never renders twice.
        "save_sections": options.format == "mp4",
        # Our manifest decides per scene what to re-render. Manim's partial-movie cache is off:
        # it has given wrong frames with updaters (manim issues #4160, #974). With Manim 0.22 a
        # cached re-render of shift, neuron and square was frame-identical, but it would only
        # add hashing of every play() to what the manifest already skips.
        "disable_caching": True,
        # x264 splits each frame into slices for its threads by default (PyAV's SLICE
        # threading), and that gave different bytes for the same frames when the machine was
        # busy (shift's h sweep, 1 render in 3 under load). Frame threads are deterministic
        # and no slower; the split join and the frame-identical checks rely on it.
        **({"video_encoder_options": {"x264-params": "sliced-threads=0"}} if mp4 else {}),
        "progress_bar": "display" if options.progress_bar else "none",
        "verbosity": "INFO" if options.verbose else "WARNING",
        "preview": False,
    }
    settings.update(extra)
    return settings


def render_scene(
    info: SceneInfo,
    params: SceneParams | None = None,
    options: RenderSettings | None = None,
    stem: str | None = None,
    tex_cache: Path | None = None,
    on_commit: Callable[[Outputs], None] | None = None,
) -> Outputs:
    """Render one scene and return the final paths of its files.

    ``stem`` names the files (``<stem>.mp4``, ``<stem>.srt``, ...) and the work folder; by
    default the scene's name. One variant of several is named ``shift.light.9x16.h``.
    Formulas typeset for earlier renders come from ``tex_cache`` (by default the output
    folder's, see :mod:`relu_anim.render.texcache`), and this render's are added to it.
    ``on_commit`` is called with the result right after the files are renamed into place, as
    part of that step (a signal waits for it): the place to write the manifest record.

    Examples
    --------
    ::

        from relu_anim.catalog import scene_named
        result = render_scene(scene_named("shift"), options=RenderSettings(quality="l"))
        print(result.video)  # media/shift.mp4
    """

    options = options or RenderSettings()
    paths = OutputLayout(options.output_dir.resolve(), stem or info.name, options.format)
    state.folder(paths.work, paths.out)
    scene_class = load_scene_class(info)
    settings = manim_settings(info, options, paths.work)
    with _working_in(paths.work, settings, tex_cache or paths.tex_cache):
        voice = narrator(options.voice, paths.out)
        scene = scene_class(params=params, voice=voice)
        scene.render()
        _all_said(voice, len(scene.beats))
        with interrupt.committing():
            result = put_in_place(info, scene, paths, still=options.format == "png")
            if on_commit is not None:
                on_commit(result)
            return result


def _all_said(voice: object, beats: int) -> None:
    """A voice that can tell (a lecturer's recordings) checks that it had nothing more to say:
    a recording for no beat of the scene is refused before the video is put in place."""
    finished = getattr(voice, "finished", None)
    if finished is not None:
        finished(beats)


def render_scene_piece(
    info: SceneInfo,
    params: SceneParams | None,
    options: RenderSettings,
    stem: str,
    piece: Piece,
    tex_cache: Path | None = None,
) -> PieceResult:
    """Render one piece of a split scene (see :mod:`relu_anim.render.split`) in its own work folder.

    The partial movies stay in ``<out>/.work/<stem>.split/<n>/`` (paths in the result) until
    :func:`relu_anim.render.split.join_pieces` joins them; nothing is put in place here.
    Formulas are typeset in the piece's own folder, seeded from and published to ``tex_cache``
    (by default the output folder's, see :mod:`relu_anim.render.texcache`).
    """

    from relu_anim.render.split import render_piece

    started = time.perf_counter()
    paths = OutputLayout(options.output_dir.resolve(), stem)
    work_dir = paths.piece_work(piece.index)
    state.folder(work_dir, paths.out)
    scene_class = load_scene_class(info)
    settings = {**manim_settings(info, options, work_dir), "save_sections": False}
    with _working_in(work_dir, settings, tex_cache or paths.tex_cache):
        voice = narrator(options.voice, paths.out)
        scene = scene_class(params=params, voice=voice)
        _, result = render_piece(scene, piece)
        if piece.stop is None:
            _all_said(voice, len(scene.beats))
            result.sections = sections_json(info, scene)
            track = audio.scene_track(scene, result.duration)
            result.sound = None if track is None else track.tobytes()
    result.seconds = time.perf_counter() - started
    return result


def plan_scene(
    info: SceneInfo,
    params: SceneParams | None,
    options: RenderSettings,
    stem: str,
    tex_cache: Path | None = None,
) -> list[float]:
    """Each beat's length in seconds, from a run of the scene that draws nothing.

    For balancing the first split of a scene (later splits use measured costs). Manim's
    ``skip_animations`` jumps every play in one step: the lengths are close to a render's (not
    to the frame), which is all balancing needs. It typesets the formulas into ``tex_cache``
    (see :func:`render_scene_piece`), so the pieces that follow find them there.
    """

    beats = planned_beats(info, params, options, stem, tex_cache)
    return [max(0.0, beat.end - beat.start) for beat in beats]


def planned_beats(
    info: SceneInfo,
    params: SceneParams | None,
    options: RenderSettings,
    stem: str,
    tex_cache: Path | None = None,
) -> list[Beat]:
    """The scene's beats from a run that draws nothing (see :func:`plan_scene`)."""
    paths = OutputLayout(options.output_dir.resolve(), stem)
    state.folder(paths.plan_work, paths.out)
    scene_class = load_scene_class(info)
    settings = {**manim_settings(info, options, paths.plan_work), "write_to_movie": False}
    settings["save_sections"] = False
    with _working_in(paths.plan_work, settings, tex_cache or paths.tex_cache):
        scene = scene_class(
            params=params, voice=narrator(options.voice, paths.out), skip_animations=True
        )
        scene.render()
    return list(scene.beats)


@contextmanager
def _working_in(work_dir: Path, settings: dict[str, object], tex_cache: Path) -> Iterator[None]:
    """Render in ``work_dir`` with Manim's ``settings``: locked against a second render of the
    same stem, Ctrl-C ours (:mod:`relu_anim.render.interrupt`), formulas shared with ``tex_cache``.

    Files an interrupted render left in ``work_dir`` must never be mistaken for this render's
    output; its TeX cache stays, less anything half-written.
    """
    from manim import tempconfig

    with (
        _exclusive(lock_for(work_dir)),
        _tex_folder(work_dir) as tex_dir,
        tempconfig({**settings, "tex_dir": str(tex_dir)}),
        interrupt.rendering(),
    ):
        for stale in ("videos", "images"):
            shutil.rmtree(work_dir / stale, ignore_errors=True)
        interrupt.discard_partial_tex(tex_dir)
        try:
            with diskspace.quiet_tex_tools():
                texcache.seed(tex_cache, tex_dir)
                yield
                texcache.publish(tex_dir, tex_cache)
        except Exception as error:
            if not diskspace.is_disk_full(error, work_dir):
                raise
            # The scratch (partial movies, half-typeset TeX) is what keeps the disk full.
            shutil.rmtree(work_dir, ignore_errors=True)
            raise diskspace.DiskFull(output_folder_of(work_dir)) from None


#: Characters TeX reads as commands or comments in a file name on its command line: a folder
#: holding one cannot be where LaTeX runs (``-o "notes 50%"`` failed every formula).
_TEX_UNSAFE = re.compile(r"[%~#$&^{}\\\x00-\x1f\x7f]")


@contextmanager
def _tex_folder(work_dir: Path) -> Iterator[Path]:
    """Where LaTeX runs: ``work_dir/Tex``, or a private temporary folder when that path has a
    character TeX cannot take in a file name (removed afterwards; the shared cache in the
    output folder still gets its formulas).
    """
    tex_dir = work_dir / "Tex"
    if not _TEX_UNSAFE.search(str(tex_dir)):
        yield tex_dir
        return
    base = tempfile.gettempdir()
    with tempfile.TemporaryDirectory(
        prefix="relu-anim-tex-", dir=None if not _TEX_UNSAFE.search(base) else "/tmp"
    ) as private:
        yield Path(private)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock: a second render of the same scene waits for the first."""
    if lock_path.is_dir() and not lock_path.is_symlink():
        state.remove(lock_path)  # state under .work: what stands in the way is replaced
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
