"""What ``relu-anim lecture`` does around the renders: check the pack folder, then pack.

The CLI validates the input and renders through :mod:`relu_anim.render.batch` as ``render`` does;
these functions turn its outcomes into :class:`~relu_anim.lecture.pack.SceneSource` records
and report the pack in a few lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from relu_anim.catalog import SceneInfo
from relu_anim.config import ProjectConfig
from relu_anim.lecture.pack import PackResult, SceneSource, build_pack
from relu_anim.lecture.slides import require_slides
from relu_anim.render.atomic import check_writable
from relu_anim.render.jobs import Outcome
from relu_anim.settings import ConfigError, SceneParams

DEFAULT_FOLDER = "lecture"


def pack_folder(given: Path | None, config: ProjectConfig) -> Path:
    """The pack's folder: ``-o DIR`` or ``<render output folder>/lecture``.

    Examples
    --------
    >>> from relu_anim.config import load_config
    >>> pack_folder(None, load_config(None)).as_posix()
    'media/lecture'
    """
    return given if given is not None else config.render.output_dir / DEFAULT_FOLDER


def check_before_rendering(pack_dir: Path, want_slides: bool | None) -> None:
    """Fail before any render if the pack cannot be written or slides cannot be made.

    Raises
    ------
    ConfigError
        With one line naming the problem and the fix.
    """
    try:
        check_writable(pack_dir)
    except OSError as error:
        raise ConfigError(
            f"output folder {pack_dir} is not writable ({error.strerror or error}); "
            "pick another with -o DIR"
        ) from None
    if want_slides:
        try:
            require_slides()
        except RuntimeError as error:
            raise ConfigError(str(error)) from None


def pack_sources(
    names: Sequence[str], config: ProjectConfig, outcomes: Sequence[Outcome]
) -> list[SceneSource]:
    """One source per scene in ``names``, with its effective parameters and render error."""
    by_scene = {outcome.scene: outcome for outcome in outcomes}
    sources = []
    for name in names:
        info = config.catalog.named(name)
        params = _defaults(info).overridden_by(config.params_for(name))
        outcome = by_scene.get(name)
        error = ""
        if outcome is None:
            error = "not rendered"
        elif outcome.status == "failed":
            error = (outcome.error or "render failed").splitlines()[0]
        sources.append(
            SceneSource(
                name=name,
                title=info.description,
                render_dir=config.render.output_dir,
                params=params,
                maths=getattr(info, "maths", ""),
                error=error,
            )
        )
    return sources


def _defaults(info: SceneInfo) -> SceneParams:
    """A scene's ``DEFAULTS``: read from its file, or (if not plain literals) from its class."""
    if info.defaults is not None:
        return info.defaults
    from relu_anim.render.scene import load_scene_class

    return load_scene_class(info).DEFAULTS


def make_pack(
    names: Sequence[str],
    config: ProjectConfig,
    outcomes: Sequence[Outcome],
    pack_dir: Path,
    want_slides: bool | None,
    say: Callable[[str], None],
) -> PackResult:
    """Build the pack from the renders' outcomes and say what it holds."""
    result = build_pack(pack_sources(names, config, outcomes), pack_dir, want_slides)
    for note in result.notes:
        say(note)
    for entry in result.missing:
        say(f"{entry.name}: missing from the pack ({entry.error})")
    packed = [entry for entry in result.entries if entry.available]
    beats = sum(len(entry.beats.beats) for entry in packed if entry.beats)
    extras = [
        name
        for name in ("slides.pptx", "handout.pdf", "handout-lecturer.pdf", "lecture-scorm.zip")
        if (pack_dir / name).exists()
    ]
    changed = "up to date" if not result.written else f"{len(result.written)} updated"
    say(
        f"lecture pack: {result.pack_dir / 'index.html'} ({len(packed)} of "
        f"{len(result.entries)} scenes, {beats} beats"
        + (f"; {', '.join(extras)}" if extras else "")
        + f"; {changed})"
    )
    return result
