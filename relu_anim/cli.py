"""The ``relu-anim`` command line: list, render, config and watch.

The CLI only parses, validates and calls :mod:`relu_anim.batch`; Manim is imported only when
something is actually rendered, so ``list``, ``--help``, the up-to-date check and every input
error answer at once. Bad input prints one line naming the problem and the fix, and exits 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from relu_anim import __version__
from relu_anim.batch import Job, Outcome, PreflightError, preflight, render_jobs
from relu_anim.catalog import SCENES, UnknownSceneError, scene_named, scene_names
from relu_anim.config import ConfigError, ProjectConfig, check_targets, load_config, parse_interval
from relu_anim.params import MAX_UNITS, SceneParams
from relu_anim.render import FORMATS, QUALITIES
from relu_anim.theme import THEMES

EXIT_BAD_INPUT = 2
EXIT_RENDER_FAILED = 1
EXIT_INTERRUPTED = 130


def fail(message: str) -> NoReturn:
    """Print one line naming the problem and the fix, and exit with code 2 (bad input)."""
    click.echo(f"relu-anim: error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


class OneLineErrors(click.Group):
    """A command group whose usage errors are one line, not click's usage block."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except click.UsageError as error:
            path = error.ctx.command_path if error.ctx else "relu-anim"
            message = " ".join(error.format_message().split())
            fail(f"{message} (see '{path} --help')")
        except click.ClickException as error:
            fail(" ".join(error.format_message().split()))
        except click.Abort:
            click.echo("relu-anim: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(status if isinstance(status, int) else 0)


def scene_selection(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by ``render``, ``config`` and ``watch``."""
    options = [
        click.argument("scenes", nargs=-1),
        click.option("--all", "all_scenes", is_flag=True, help="Every scene."),
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path),
            help="Config file (default: ./relu-anim.toml when present).",
        ),
        click.option(
            "-q",
            "--quality",
            type=click.Choice(list(QUALITIES)),
            help="l = 480p15, m = 720p30 (default), h = 1080p60, k = 2160p60.",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            help="mp4 (default), webm, gif, or png for the last frame only.",
        ),
        click.option(
            "-o",
            "--output-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where the finished files go (default: media).",
        ),
        click.option(
            "--units",
            type=click.IntRange(1, MAX_UNITS),
            help=f"Largest unit count a scene sweeps to (1..{MAX_UNITS}).",
        ),
        click.option("--interval", metavar="LO,HI", help="The x-interval, e.g. 0,2."),
        click.option(
            "--target",
            metavar="EXPR",
            help="A named target (square, abs, sin, ...) or an expression in x.",
        ),
        click.option("--theme", type=click.Choice(list(THEMES)), help="Colour theme."),
        click.option(
            "--jobs",
            type=click.IntRange(1, 64),
            help="Scenes rendered at once (default: the number of cores).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="relu-anim")
def main() -> None:
    """Render explainer videos of why a network of ReLUs can draw any curve."""


@main.command("list")
def list_scenes() -> None:
    """List the scenes, one a line: name, then what it shows."""
    width = max(len(info.name) for info in SCENES)
    for info in SCENES:
        click.echo(f"{info.name:<{width}}  {info.description}")


def effective_config(
    scenes: tuple[str, ...], all_scenes: bool, config_file: Path | None, **flags: Any
) -> tuple[list[str], ProjectConfig]:
    """Validate the scene names, the config file and the flags; fail with one line if bad."""
    if all_scenes and scenes:
        fail("give scene names or --all, not both")
    names = scene_names() if all_scenes or not scenes else list(dict.fromkeys(scenes))
    try:
        for name in names:
            scene_named(name)
        interval = parse_interval(flags["interval"]) if flags["interval"] else None
        params = SceneParams(
            units=flags["units"], interval=interval, target=flags["target"], theme=flags["theme"]
        )
        render = {
            "quality": flags["quality"],
            "format": flags["fmt"],
            "output_dir": flags["output_dir"],
            "jobs": flags["jobs"],
        }
        config = load_config(config_file).with_flags(render, params)
        check_targets(config, names)
    except (UnknownSceneError, ConfigError) as error:
        fail(str(error))
    return names, config


@main.command()
@scene_selection
@click.option("--force", is_flag=True, help="Render even when the outputs are up to date.")
@click.option("-v", "--verbose", is_flag=True, help="Show Manim's log.")
def render(
    scenes: tuple[str, ...],
    all_scenes: bool,
    config_file: Path | None,
    force: bool,
    verbose: bool,
    **flags: Any,
) -> None:
    """Render SCENES (or --all) into the output folder; skip the ones already up to date."""
    if not scenes and not all_scenes:
        fail(f"name a scene to render ({', '.join(scene_names())}) or pass --all")
    names, config = effective_config(scenes, all_scenes, config_file, **flags)
    outcomes = run_batch(names, config, force=force, verbose=verbose)
    print_summary(outcomes)
    if any(outcome.status == "failed" for outcome in outcomes):
        sys.exit(EXIT_RENDER_FAILED)


def run_batch(
    names: list[str],
    config: ProjectConfig,
    force: bool = False,
    verbose: bool = False,
    isolate: bool = False,
) -> list[Outcome]:
    """Render the named scenes with ``config``, printing one line per scene as it finishes."""
    options = config.render.options(verbose=verbose)
    try:
        preflight(options.output_dir)
    except PreflightError as error:
        fail(str(error))
    jobs = [Job(scene_named(name), config.params_for(name)) for name in names]
    try:
        return render_jobs(
            jobs,
            options,
            workers=config.render.jobs,
            force=force,
            isolate=isolate,
            report=report_outcome,
            announce=lambda scene: click.echo(f"{scene}: rendering ..."),
        )
    except KeyboardInterrupt:
        click.echo(
            "relu-anim: interrupted; finished videos are complete, the unfinished one "
            "was discarded",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)


def report_outcome(outcome: Outcome) -> None:
    line = f"{outcome.scene}: {outcome.status}"
    if outcome.status != "up to date":
        line += f" in {outcome.seconds:.1f} s"
    if outcome.error:
        line += f" ({outcome.error})"
    click.echo(line, err=outcome.status == "failed")


def print_summary(outcomes: list[Outcome]) -> None:
    width = max(len(outcome.scene) for outcome in outcomes)
    click.echo("")
    for outcome in outcomes:
        seconds = f"{outcome.seconds:6.1f} s" if outcome.status == "rendered" else " " * 8
        path = str(outcome.outputs[0]) if outcome.outputs else ""
        click.echo(f"{outcome.scene:<{width}}  {outcome.status:<10}  {seconds}  {path}".rstrip())


@main.command("config")
@scene_selection
def show_config(
    scenes: tuple[str, ...], all_scenes: bool, config_file: Path | None, **flags: Any
) -> None:
    """Print the effective settings: flags > config file > each scene's defaults."""
    from relu_anim.render import load_scene_class

    names, config = effective_config(scenes, all_scenes, config_file, **flags)
    source = config.source or "none"
    click.echo(f"# flags > config file ({source}) > scene defaults")
    click.echo("[render]")
    for key, value in (
        ("quality", config.render.quality),
        ("format", config.render.format),
        ("output_dir", str(config.render.output_dir)),
        ("jobs", config.render.jobs),
    ):
        click.echo(f"{key} = {toml_value(value)}")
    for name in names:
        info = scene_named(name)
        defaults = load_scene_class(info).DEFAULTS
        params = defaults.overridden_by(config.params_for(name))
        click.echo(f"\n[scenes.{name}]")
        for key in sorted(info.parameters):
            value = getattr(params, key)
            click.echo(
                f"{key} = {toml_value(value)}"
                if value is not None
                else f"# {key}: the scene's choice"
            )


def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


@main.command()
@scene_selection
@click.option("--exit-after", type=int, hidden=True, help="Stop after N render rounds (tests).")
def watch(
    scenes: tuple[str, ...],
    all_scenes: bool,
    config_file: Path | None,
    exit_after: int | None,
    **flags: Any,
) -> None:
    """Re-render SCENES (default: all) at low quality into media/preview whenever they change."""
    from relu_anim.watch import watch_and_render

    flags["quality"] = flags["quality"] or "l"
    flags["output_dir"] = flags["output_dir"] or Path("media/preview")
    names, _ = effective_config(scenes, all_scenes, config_file, **flags)
    reload = functools.partial(effective_config, tuple(names), False, config_file, **flags)

    def render_round() -> None:
        _, config = reload()
        for outcome in run_batch(names, config, isolate=True):
            if outcome.status == "rendered":
                click.echo(f"new video: {outcome.outputs[0]}")

    watch_and_render(
        render_round, config_file, exit_after=exit_after, say=lambda text: click.echo(text)
    )


if __name__ == "__main__":
    main()
