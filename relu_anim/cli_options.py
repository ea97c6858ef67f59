"""The command line's shared options, in named groups as Manim's own CLI has them.

Each group is a decorator (a cloup option group); :func:`scene_selection` stacks the ones that
``render``, ``config``, ``watch`` and ``lecture`` share. Values are checked here through the
settings model, so a bad flag is a one-line usage error before anything runs.

Examples
--------
>>> import cloup
>>> @cloup.command()
... @output_options
... def show(**flags: object) -> None:
...     print(flags["quality"])
>>> from click.testing import CliRunner
>>> print(CliRunner().invoke(show, ["-q", "h,l"]).output.strip())
('h', 'l')
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import cloup

from relu_anim.settings import (
    ASPECTS,
    FORMATS,
    MAX_UNITS,
    QUALITIES,
    ConfigError,
    checked_scheduler,
    choices,
)
from relu_anim.theme import THEMES

__all__ = [
    "config_file_option",
    "force_option",
    "narration_options",
    "output_options",
    "parameter_options",
    "run_options",
    "scene_selection",
    "scenes_dir_option",
    "selection_options",
    "verbose_option",
]

F = TypeVar("F", bound=Callable[..., object])


def _checked_by(check: Callable[[str], object]) -> Callable[..., object]:
    """A click callback that validates a flag through the settings model (``None`` passes)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
        if value is None:
            return None
        try:
            return check(value)
        except ConfigError as error:
            raise click.BadParameter(str(error), ctx, param) from None

    return callback


class _NamedPath(click.Path):
    """A ``click.Path`` that refuses an empty or blank name (``Path("")`` would mean the
    current folder: ``-o ''`` rendered into wherever the lecturer stood)."""

    def __init__(self, example: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(f"{value!r} is not a path; give one, e.g. {self.example}", param, ctx)
        return super().convert(value, param, ctx)


scenes_dir_option = cloup.option(
    "--scenes",
    "scenes_dirs",
    multiple=True,
    type=_NamedPath("my_scenes", file_okay=False, path_type=Path),
    help="A folder of your own scene files, beside the built-in ones (repeatable).",
)


def config_file_option(help: str) -> Callable[[F], F]:
    """``--config FILE``, with the command's own help line."""
    return cloup.option(
        "--config", "config_file", type=_NamedPath("relu-anim.toml", path_type=Path), help=help
    )


selection_options = cloup.option_group(
    "Scene selection",
    cloup.option("--all", "all_scenes", is_flag=True, help="Every scene."),
    config_file_option("Config file (default: ./relu-anim.toml when present)."),
    scenes_dir_option,
)

output_options = cloup.option_group(
    "Output options",
    cloup.option(
        "-q",
        "--quality",
        metavar="[l|m|h|k],...",
        callback=_checked_by(lambda v: choices(v, "quality", QUALITIES)),
        help="l = 480p15, m = 720p30 (default), h = 1080p60, k = 2160p60; a comma list "
        "renders each.",
    ),
    cloup.option(
        "--aspect",
        metavar="[16:9|4:3|9:16],...",
        callback=_checked_by(lambda v: choices(v, "aspect", ASPECTS)),
        help="16:9 (default), 4:3 for projectors, 9:16 for phone clips; a comma list renders each.",
    ),
    cloup.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="mp4 (default), webm, gif, or png for the last frame only.",
    ),
    cloup.option(
        "-o",
        "--output-dir",
        type=_NamedPath("media", file_okay=False, path_type=Path),
        help="Where the finished files go (default: media).",
    ),
)

parameter_options = cloup.option_group(
    "Scene parameters",
    cloup.option("--units", type=int, help=f"Largest unit count a scene uses (1..{MAX_UNITS})."),
    cloup.option("--interval", metavar="LO,HI", help="The x-interval, e.g. 0,2."),
    cloup.option(
        "--target",
        metavar="EXPR",
        help="A named target (square, abs, sin, ...) or an expression in x.",
    ),
    cloup.option(
        "--theme",
        metavar="[dark|light],...",
        callback=_checked_by(lambda v: choices(v, "theme", THEMES)),
        help="Colour theme; dark,light renders both.",
    ),
)

run_options = cloup.option_group(
    "Render options",
    cloup.option("--jobs", type=int, help="Scenes rendered at once (default: the cores)."),
    cloup.option(
        "--split",
        type=int,
        metavar="N",
        help="Cut each scene into N runs of whole beats, rendered at once (--jobs or the "
        "Dask workers) and joined without re-encoding; mp4 or webm (default: 1).",
    ),
    cloup.option(
        "--scheduler",
        metavar="local|ADDRESS",
        callback=_checked_by(checked_scheduler),
        help="Render on Dask: local (a LocalCluster here) or a scheduler address such as "
        "tcp://10.0.0.5:8786 (needs relu-anim[cluster]).",
    ),
)

narration_options = cloup.option_group(
    "Narration",
    cloup.option(
        "--voice",
        metavar="NAME|PATH",
        help="Speak every beat: joe (needs relu-anim[voice]), a Piper .onnx voice, or "
        "recorded:DIR, your own NN-<beat>.wav files (see 'relu-anim narration'). Off by default.",
    ),
)

force_option = cloup.option(
    "--force", is_flag=True, help="Render even when the outputs are up to date."
)
verbose_option = cloup.option("-v", "--verbose", is_flag=True, help="Show Manim's log.")


def scene_selection(command: F) -> F:
    """``SCENES...`` and the option groups shared by ``render``, ``config``, ``watch`` and
    ``lecture``: selection, output, scene parameters, rendering."""
    groups = (narration_options, run_options, parameter_options, output_options)
    for decorator in (*groups, selection_options):
        command = decorator(command)
    return cloup.argument("scenes", nargs=-1)(command)
