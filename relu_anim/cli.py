"""The ``relu-anim`` command line: list, render, config and watch.

The CLI only parses, validates and calls :mod:`relu_anim.render.batch`; Manim is imported only when
something is actually rendered, so ``list``, ``--help``, the up-to-date check and every input
error answer at once. Bad input raises :class:`~relu_anim.cli_errors.BadInput` (a click
exception); the group prints it as one line naming the problem and the fix, and exits 2
(:mod:`relu_anim.cli_errors`).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click
import cloup

from relu_anim import __version__
from relu_anim.cli_errors import (
    EXIT_RENDER_FAILED,
    BadInput,
    Interrupted,
    OneLineErrors,
)
from relu_anim.cli_options import (
    config_file_option,
    force_option,
    parameter_options,
    scene_selection,
    scenes_dir_option,
    selection_options,
    verbose_option,
)
from relu_anim.config import (
    ProjectConfig,
    check_flags,
    check_targets,
    check_units,
    load_config,
)
from relu_anim.render import atomic, interrupt
from relu_anim.render.batch import render_jobs
from relu_anim.render.jobs import Outcome, PreflightError, preflight, variant_jobs
from relu_anim.render.narrator import narrator_key
from relu_anim.settings import ConfigError, RenderSettings, SceneParams, as_list, parse_interval

T = TypeVar("T")


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="relu-anim")
def main() -> None:
    """Render explainer videos of why a network of ReLUs can draw any curve."""


@main.command("list")
@scenes_dir_option
@config_file_option("Config file.")
def list_scenes(scenes_dirs: tuple[Path, ...], config_file: Path | None) -> None:
    """List the scenes, one a line: name, then what it shows."""
    config = _checked(lambda: load_config(config_file).with_flags({}, SceneParams(), scenes_dirs))
    infos = _checked(lambda: config.catalog.scenes)
    width = max(len(info.name) for info in infos)
    for info in infos:
        click.echo(f"{info.name:<{width}}  {info.description}")


def _checked(build: Callable[[], T]) -> T:
    """Run ``build``; a :class:`ConfigError` becomes :class:`BadInput`."""
    try:
        return build()
    except ConfigError as error:
        raise BadInput(str(error)) from None


def effective_config(
    scenes: tuple[str, ...],
    all_scenes: bool,
    config_file: Path | None,
    scenes_dirs: tuple[Path, ...] = (),
    **flags: Any,
) -> tuple[list[str], ProjectConfig]:
    """Validate the scene names, the config file and the flags; raise :class:`BadInput`."""
    if all_scenes and scenes:
        raise BadInput("give scene names or --all, not both")

    def build() -> tuple[list[str], ProjectConfig]:
        interval = parse_interval(flags["interval"]) if flags["interval"] else None
        params = SceneParams(
            units=flags["units"], interval=interval, target=flags["target"], theme=flags["theme"]
        )
        render = {
            "quality": flags["quality"],
            "format": flags["fmt"],
            "aspect": flags["aspect"],
            "output_dir": flags["output_dir"],
            "jobs": flags["jobs"],
            "scheduler": flags.get("scheduler"),
            "split": flags.get("split"),
            "voice": flags.get("voice"),
        }
        config = load_config(config_file).with_flags(render, params, tuple(scenes_dirs))
        known = config.catalog
        names = known.names() if all_scenes or not scenes else list(dict.fromkeys(scenes))
        for name in names:
            info = known.named(name)
            if config.render.split > 1 and not info.splittable:
                raise ConfigError(
                    f"scene {name} cannot be split: it declares SPLITTABLE = False (its frames "
                    "depend on frames drawn before); render it without --split"
                )
        check_targets(config, names)
        # A flag no scene uses would render the same video without a word: refused.
        check_flags(config, names, params, named=bool(scenes) and not all_scenes)
        check_units(config, names)
        # the voice is found (installed, a file, a folder) before anything renders
        narrator_key(config.render.voice, config.render.output_dir.resolve())
        return names, config

    return _checked(build)


@main.command()
@scene_selection
@force_option
@verbose_option
def render(
    scenes: tuple[str, ...], all_scenes: bool, force: bool, verbose: bool, **flags: Any
) -> None:
    """Render SCENES (or --all) into the output folder; skip the ones already up to date."""
    if not scenes and not all_scenes:
        raise click.UsageError("name a scene to render or pass --all (see 'relu-anim list')")
    names, config = effective_config(scenes, all_scenes, **flags)
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
    settings = config.render.overridden_by(verbose=verbose)
    try:
        preflight(settings.output_dir)
    except PreflightError as error:
        raise BadInput(str(error)) from None
    known = config.catalog
    jobs = variant_jobs(((known.named(name), config.params_for(name)) for name in names), settings)
    try:
        # Ctrl-C or SIGTERM stops a render at once (relu_anim.render.interrupt): exit 130, one line.
        tasks = len(jobs) * settings.split
        with interrupt.enabled(), _executor(settings, tasks) as executor:
            outcomes = render_jobs(
                jobs,
                settings,
                force=force,
                isolate=isolate,
                report=report_outcome,
                announce=lambda scene: click.echo(f"{scene}: rendering ..."),
                executor=executor,
            )
            if interrupt.received():  # stopped workers may read as failed renders
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        raise Interrupted(interrupt.MESSAGE) from None
    except Exception:
        if interrupt.received():
            raise Interrupted(interrupt.MESSAGE) from None
        raise
    # Not a failed scene but a machine that cannot render, like an unwritable output folder.
    full = next((outcome for outcome in outcomes if outcome.disk_full or outcome.bad_input), None)
    if full is not None:
        raise BadInput(full.error)
    return outcomes


@contextlib.contextmanager
def _executor(settings: RenderSettings, tasks: int) -> Iterator[Executor | None]:
    """The Dask cluster's executor with ``--scheduler``; ``None`` (the local pool) without.

    ``tasks`` (the renders there may be) bounds the size of a ``local`` cluster.
    """
    if settings.scheduler is None:
        yield None
        return
    from relu_anim.render.cluster import ClusterError, dask_executor, local_workers

    with contextlib.ExitStack() as stack:
        try:
            workers = local_workers(settings.jobs, tasks)
            executor = stack.enter_context(
                dask_executor(settings.scheduler, workers, say=click.echo)
            )
        except ClusterError as error:
            raise BadInput(str(error)) from None
        yield executor


def report_outcome(outcome: Outcome) -> None:
    if outcome.disk_full or outcome.bad_input:
        return  # said once, as the command's error (see run_batch)
    line = f"{outcome.scene}: {outcome.status}"
    if outcome.status != "up to date":
        line += f" in {outcome.seconds:.1f} s"
    if outcome.worker:
        line += f" on {outcome.worker}"
    if outcome.error:
        line += f" ({outcome.error})"
    click.echo(line, err=outcome.status == "failed")


def print_summary(outcomes: list[Outcome]) -> None:
    width = max(len(outcome.scene) for outcome in outcomes)
    click.echo("")
    for outcome in outcomes:
        seconds = f"{outcome.seconds:6.1f} s" if outcome.status == "rendered" else " " * 8
        path = str(outcome.video) if outcome.video is not None else ""
        click.echo(f"{outcome.scene:<{width}}  {outcome.status:<10}  {seconds}  {path}".rstrip())


@main.command("config")
@scene_selection
def show_config(scenes: tuple[str, ...], all_scenes: bool, **flags: Any) -> None:
    """Print the effective settings: flags > config file > each scene's defaults."""
    from relu_anim.render.scene import load_scene_class

    names, config = effective_config(scenes, all_scenes, **flags)
    source = config.source or "none"
    click.echo(f"# flags > config file ({source}) > scene defaults")
    if config.scenes_dirs:
        click.echo(f"scenes_dir = {toml_value(str(config.scenes_dirs[0]))}")
    click.echo("[render]")
    settings = config.render
    for key in ("quality", "format", "aspect", "output_dir", "jobs", "scheduler", "split"):
        if getattr(settings, key) is not None:
            click.echo(f"{key} = {toml_value(getattr(settings, key))}")
    for name in names:
        info = config.catalog.named(name)
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


def toml_value(value: object) -> str:
    """``value`` written as TOML."""
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


@main.command()
@scene_selection
@click.option("--exit-after", type=int, hidden=True, help="Stop after N render rounds (tests).")
def watch(scenes: tuple[str, ...], all_scenes: bool, exit_after: int | None, **flags: Any) -> None:
    """Re-render SCENES (default: all) at low quality into media/preview whenever they change."""
    from relu_anim.watch import watch_and_render

    flags["quality"] = flags["quality"] or "l"
    flags["output_dir"] = flags["output_dir"] or Path("media/preview")
    names, config = effective_config(scenes, all_scenes, **flags)
    reload = functools.partial(effective_config, tuple(names), False, **flags)

    def render_round() -> None:
        _, fresh = reload()
        for outcome in run_batch(names, fresh, isolate=True):
            if outcome.status == "rendered":
                click.echo(f"new video: {outcome.video}")

    watch_and_render(
        render_round,
        flags["config_file"],
        folders=config.catalog.folders,
        exit_after=exit_after,
        say=lambda text: click.echo(text),
    )


@main.command()
@scene_selection
@click.option(
    "--slides/--no-slides",
    "want_slides",
    default=None,
    help="slides.pptx (default: when manim-slides is installed; --slides requires it).",
)
@force_option
@verbose_option
def lecture(
    scenes: tuple[str, ...],
    all_scenes: bool,
    want_slides: bool | None,
    force: bool,
    verbose: bool,
    **flags: Any,
) -> None:
    """Build the lecture pack of SCENES (default: all) into media/lecture, or -o DIR.

    Renders what is not up to date (into the render output folder, as ``render`` does), then
    writes the offline page, captions, chapters, posters, beat clips, slides and handout.
    """
    from relu_anim.lecture import command

    if flags["fmt"] not in (None, "mp4"):
        raise BadInput("the lecture pack is made of mp4 videos; leave out --format")
    pack_dir = flags.pop("output_dir")
    names, config = effective_config(scenes, all_scenes, output_dir=None, **{**flags, "fmt": "mp4"})
    lists = [config.render.quality, config.render.aspect, config.common.theme]
    if any(len(as_list(value)) > 1 for value in lists):
        raise BadInput("the lecture pack is one video per scene; give one --theme, --aspect, -q")
    pack_dir = command.pack_folder(pack_dir, config)
    _checked(lambda: command.check_before_rendering(pack_dir, want_slides))
    outcomes = run_batch(names, config, force=force, verbose=verbose)
    try:
        result = command.make_pack(names, config, outcomes, pack_dir, want_slides, click.echo)
    except OSError as error:
        raise BadInput(f"cannot write the lecture pack in {pack_dir}: {error}") from None
    if result.missing:
        sys.exit(EXIT_RENDER_FAILED)


if __name__ == "__main__":
    main()


@main.command("narration")
@cloup.argument("scene")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the list to OUT/narration.txt (the folder for your recordings).",
)
@parameter_options
@selection_options
def narration(
    scene: str, out: Path | None, all_scenes: bool, scenes_dirs: tuple[Path, ...], **flags: Any
) -> None:
    """Print, for SCENE, the file each beat's recording goes in and the words to say.

    Record each line as NN-<beat>.wav (or .mp3) in one folder, then render with
    --voice recorded:FOLDER.
    """
    from relu_anim.narration.say import readable, spoken
    from relu_anim.render.scene import planned_beats
    from relu_anim.storyboard import beat_slug

    if all_scenes:
        raise BadInput("narration lists one scene's beats; name the scene, without --all")
    blank = {"quality": None, "fmt": None, "aspect": None, "output_dir": None, "jobs": None}
    names, config = effective_config((scene,), False, scenes_dirs=scenes_dirs, **blank, **flags)
    info = config.catalog.named(names[0])
    options = config.render.overridden_by(quality="l", aspect="16:9", progress_bar=False)
    options = replace(options, voice=None)
    beats = planned_beats(info, config.params_for(info.name), options, f"{info.name}.narration")
    lines = [
        f"{beat_slug(beat.index + 1, beat.name)}.wav  {readable(beat.said or spoken(beat.caption))}"
        for beat in beats
    ]
    for line in lines:
        click.echo(line)
    if out is not None:
        atomic.write_text(out / "narration.txt", "\n".join(lines) + "\n")
