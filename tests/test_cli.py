"""The command line, through click's CliRunner (no rendering here; see test_render_output)."""

from __future__ import annotations

from click.testing import CliRunner

from relu_anim import __version__
from relu_anim.catalog import catalog
from relu_anim.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "list" in result.output
    assert "render" in result.output


def test_list_prints_one_scene_a_line_with_its_description() -> None:
    result = run("list")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split()[0] for line in lines][:4] == ["neuron", "shift", "bends", "square"]
    for line, info in zip(lines, catalog().scenes, strict=True):
        assert line.endswith(info.description)


def test_unknown_scene_is_one_line_with_the_valid_names_and_exit_2() -> None:
    result = run("render", "sqaure")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "unknown scene 'sqaure'" in result.output
    assert "neuron, shift, bends, square" in result.output


def test_render_needs_scenes_or_all() -> None:
    assert run("render").exit_code == 2
    assert run("render", "square", "--all").exit_code == 2
