"""The command line, through click's CliRunner (no rendering here; see test_render_output)."""

from __future__ import annotations

import pytest
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


# Each shared option under its group's heading, in this order (as Manim's CLI groups them).
OPTION_GROUPS = {
    "Scene selection:": ["--all", "--config", "--scenes"],
    "Output options:": ["--quality", "--aspect", "--format", "--output-dir"],
    "Scene parameters:": ["--units", "--interval", "--target", "--theme"],
    "Render options:": ["--jobs", "--split", "--scheduler"],
    "Narration:": ["--voice"],
}
OWN_OPTIONS = {
    "render": ["--force", "--verbose", "--help"],
    "config": ["--help"],
    "watch": ["--help"],
    "lecture": ["--slides", "--force", "--verbose", "--help"],
}


@pytest.mark.parametrize("command", sorted(OWN_OPTIONS))
def test_help_groups_the_shared_options(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    sections: dict[str, list[str]] = {}
    heading = None
    for line in result.output.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            heading = line
            sections[heading] = []
        elif heading and line.startswith("  -"):
            sections[heading].append(next(w for w in line.split() if w.startswith("--")))
    assert list(sections) == [*OPTION_GROUPS, "Other options:"], result.output
    for title, options in OPTION_GROUPS.items():
        assert sections[title] == options, result.output
    assert sections["Other options:"] == OWN_OPTIONS[command], result.output


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
