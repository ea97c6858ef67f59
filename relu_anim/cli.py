"""The ``relu-anim`` command line: list scenes and render them.

The CLI only parses, validates and calls :mod:`relu_anim.render`; Manim is imported only when
something is actually rendered, so ``list``, ``--help`` and errors answer at once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import NoReturn

import click

from relu_anim import __version__
from relu_anim.catalog import SCENES, UnknownSceneError, scene_named, scene_names
from relu_anim.render import FORMATS, QUALITIES


def fail(message: str) -> NoReturn:
    """Print one line naming the problem and the fix, and exit with code 2 (bad input)."""
    click.echo(f"relu-anim: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="relu-anim")
def main() -> None:
    """Render explainer videos of why a network of ReLUs can draw any curve."""


@main.command("list")
def list_scenes() -> None:
    """List the scenes, one a line: name, then what it shows."""
    width = max(len(info.name) for info in SCENES)
    for info in SCENES:
        click.echo(f"{info.name:<{width}}  {info.description}")


@main.command()
@click.argument("scenes", nargs=-1)
@click.option("--all", "all_scenes", is_flag=True, help="Render every scene.")
@click.option(
    "-q", "--quality", type=click.Choice(list(QUALITIES)), default="m", show_default=True,
    help="l = 480p15, m = 720p30, h = 1080p60, k = 2160p60.",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="mp4", show_default=True,
    help="png renders the last frame only (a poster).",
)
@click.option(
    "-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("media"), show_default=True, help="Where the finished files go.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show Manim's log.")
def render(
    scenes: tuple[str, ...],
    all_scenes: bool,
    quality: str,
    fmt: str,
    output_dir: Path,
    verbose: bool,
) -> None:
    """Render SCENES (or --all) into the output folder and print where each file went."""
    from relu_anim.render import RenderOptions, render_scene

    if all_scenes and scenes:
        fail("give scene names or --all, not both")
    if not all_scenes and not scenes:
        fail(f"name a scene to render ({', '.join(scene_names())}) or pass --all")
    try:
        infos = [scene_named(name) for name in (scene_names() if all_scenes else scenes)]
    except UnknownSceneError as error:
        fail(str(error))
    options = RenderOptions(quality=quality, format=fmt, output_dir=output_dir, verbose=verbose)
    results = []
    for info in infos:
        started = time.perf_counter()
        result = render_scene(info, options=options)
        click.echo(f"{info.name}: rendered in {time.perf_counter() - started:.1f} s")
        results.append(result)
    for result in results:
        click.echo(str(result.video))
