"""What a batch renders and what becomes of it: jobs, their files and their outcomes.

Each scene (and each variant of it: theme × aspect × quality) is one :class:`Job`. A job that
ran ends in an :class:`Outcome` naming its files (:class:`Outputs`) or its error. Nothing here
imports Manim.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from relu_anim.catalog import SceneInfo
from relu_anim.render.atomic import check_writable
from relu_anim.render.diskspace import DiskFull
from relu_anim.render.layout import OutputLayout
from relu_anim.render.manifest import RenderKey
from relu_anim.render.narrator import narrator_key
from relu_anim.settings import (
    ConfigError,
    RenderSettings,
    SceneParams,
    as_list,
    variant_stem,
)

Status = Literal["rendered", "up to date", "failed"]


class PreflightError(RuntimeError):
    """The machine cannot render at all (no TeX, output folder not writable)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One scene to render with its effective parameter overrides.

    ``quality`` and ``aspect`` pick this job's variant (``None``: the batch's settings);
    ``stem`` names its files (``None``: the scene's name, ``shift.mp4``).

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> Job(scene_named("shift"), SceneParams(), stem="shift.light.9x16.h").name
    'shift.light.9x16.h'
    """

    info: SceneInfo
    params: SceneParams
    quality: str | None = None
    aspect: str | None = None
    stem: str | None = None

    @property
    def name(self) -> str:
        """The name of this job's files and of its line in the report."""
        return self.stem or self.info.name

    def settings(self, options: RenderSettings) -> RenderSettings:
        """The batch's settings with this job's variant."""
        return options.overridden_by(quality=self.quality, aspect=self.aspect)

    def key(self, options: RenderSettings) -> RenderKey:
        """What this job's output depends on, for the up-to-date check."""
        settings = self.settings(options)
        voice = narrator_key(settings.voice, options.output_dir.resolve())
        return RenderKey(
            self.info.name, self.params, settings.quality, settings.format, settings.aspect, voice
        )

    def layout(self, options: RenderSettings) -> OutputLayout:
        """Where this job's files go in the batch's output folder."""
        suffix = self.settings(options).format
        return OutputLayout(options.output_dir.resolve(), self.name, suffix)


@dataclass(frozen=True, slots=True)
class Outputs:
    """A render's files at their final paths: the video, and what the format has besides."""

    video: Path
    captions: Path | None = None  # <stem>.srt, when the scene has captions
    sections: Path | None = None  # <stem>.sections.json (not for png)
    clips: Path | None = None  # <stem>.beats/: one clip per beat (mp4)

    def paths(self) -> tuple[Path, ...]:
        """The files and folders there are, the video first.

        Examples
        --------
        >>> Outputs(Path("a.mp4"), sections=Path("a.sections.json")).paths()
        (PosixPath('a.mp4'), PosixPath('a.sections.json'))
        """
        found = (self.video, self.captions, self.sections, self.clips)
        return tuple(path for path in found if path is not None)

    def moved_to(self, folder: Path) -> Outputs:
        """The same files by name in ``folder`` (as a Dask worker's are written here).

        Examples
        --------
        >>> moved = Outputs(Path("/tmp/x/a.mp4"), clips=Path("/tmp/x/a.beats")).moved_to(Path("o"))
        >>> moved.paths()
        (PosixPath('o/a.mp4'), PosixPath('o/a.beats'))
        """

        def moved(path: Path | None) -> Path | None:
            return None if path is None else folder / path.name

        return Outputs(
            folder / self.video.name, moved(self.captions), moved(self.sections), moved(self.clips)
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one job (``scene`` is the job's name, see :attr:`Job.name`)."""

    scene: str
    status: Status
    seconds: float
    files: Outputs | None = None  # set when rendered
    error: str = ""
    worker: str = ""  # the Dask worker that rendered it; empty for the local pool
    disk_full: bool = False  # failed for want of space (``error`` names the folder)
    #: failed on the user's input found only while rendering (a voice's recording, its model)
    bad_input: bool = False

    @property
    def video(self) -> Path | None:
        """The rendered video's path, ``None`` unless rendered."""
        return self.files.video if self.files is not None else None


def failed(name: str, error: BaseException, seconds: float = 0.0, detail: str = "") -> Outcome:
    """A failed job's outcome: the error's first line (a full disk's own line), ``detail`` after.

    Examples
    --------
    >>> failed("shift", ValueError("no\\nmore")).error
    'ValueError: no'
    """
    if isinstance(error, DiskFull):
        return Outcome(name, "failed", seconds, error=str(error), disk_full=True)
    if isinstance(error, ConfigError):
        return Outcome(name, "failed", seconds, error=" ".join(str(error).split()), bad_input=True)
    message = f"{type(error).__name__}: {error}".splitlines()[0]
    return Outcome(name, "failed", seconds, error=message + ("\n" + detail if detail else ""))


def variant_jobs(
    scenes: Iterable[tuple[SceneInfo, SceneParams]], options: RenderSettings
) -> list[Job]:
    """One job per scene and variant: the product of the themes, aspects and qualities asked.

    With one variant the files keep the scene's name (``shift.mp4``); with more, each is named
    ``<scene>.<theme>.<aspect>.<quality>`` (``shift.light.9x16.h.mp4``).
    """
    jobs = []
    for info, params in scenes:
        themes = as_list(params.theme)
        single = len(themes) * len(as_list(options.aspect)) * len(as_list(options.quality)) == 1
        for theme in themes:
            for variant in options.variants():
                stem = None
                if not single:
                    shown = theme or info.theme
                    stem = variant_stem(info.name, shown, variant.aspect, variant.quality)
                jobs.append(
                    Job(info, replace(params, theme=theme), variant.quality, variant.aspect, stem)
                )
    return jobs


def preflight(output_dir: Path) -> None:
    """Fail early, with the fix, when rendering cannot work on this machine."""
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise PreflightError(
            f"{' and '.join(missing)} not found (needed for the maths in every scene); install "
            "them with: sudo apt-get install texlive-latex-base texlive-latex-extra "
            "texlive-fonts-recommended dvisvgm (or run ./tasks video)"
        )
    try:
        check_writable(output_dir)
    except OSError as error:
        raise PreflightError(
            f"output folder {output_dir} is not writable ({error.strerror}); "
            "pick another with -o DIR"
        ) from None
