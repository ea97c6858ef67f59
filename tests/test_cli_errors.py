"""Every kind of bad input: one line naming the problem and the fix, exit code 2, nothing written.

These run the CLI through click's CliRunner (or a subprocess where the environment matters) and
never get as far as rendering, so they are fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.cli import main


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run_cli(args: list[str], cwd: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    leftovers = sorted(str(p) for p in cwd.rglob("*") if p.name != "relu-anim.toml")
    assert leftovers == [], f"bad input wrote files: {leftovers}"
    return result.exit_code, result.output


def assert_one_line_error(code: int, output: str, *fragments: str) -> None:
    assert code == 2, output
    assert output.count("\n") == 1, f"expected one line, got:\n{output}"
    assert output.startswith("relu-anim: error: ")
    assert "Traceback" not in output
    for fragment in fragments:
        assert fragment in output, f"{fragment!r} not in {output!r}"


BAD_FLAGS = [
    (["render", "sqaure"], ["unknown scene 'sqaure'", "neuron, shift, bends, square"]),
    (["render", "--all", "--colour"], ["No such option '--colour'", "--help"]),
    # One validation for flags and file (the settings model), so one message for both.
    (["render", "square", "--units", "0"], ["units", "from 1 to 1000", "got 0"]),
    (["render", "square", "--units", "-3"], ["units", "got -3"]),
    (["render", "square", "--units", "1001"], ["units", "from 1 to 1000"]),
    (["render", "square", "--units", "2.5"], ["--units", "'2.5'"]),
    # Bends shows the five units of its example: 7 rendered the 5-unit video without a word.
    (["render", "bends", "--units", "7"], ["bends", "at most 5 units", "got units = 7"]),
    (["render", "--all", "--units", "50"], ["bends", "--units 1 to 5"]),
    (["render", "two_inputs", "--units", "17"], ["two_inputs", "at most 16", "--units 1 to 16"]),
    (["render", "square", "--interval", "2,1"], ["LO < HI"]),
    (["render", "square", "--interval", "0,inf"], ["LO < HI"]),
    (["render", "square", "--interval", "nan,1"], ["LO < HI"]),
    (["render", "square", "--interval", "zero,two"], ["LO,HI"]),
    # A run-away render (0,1e-12 spun for minutes) and a division by zero (0,1e-300) before.
    (["render", "shift", "--interval", "0,1e-12"], ["out of range", "at least 0.001 apart"]),
    (["render", "square", "--interval", "0,1e-300"], ["out of range"]),
    (["render", "bends", "--interval", "-1e9,1e9"], ["out of range", "within ±10000"]),
    (["render", "square", "--target", "sin(3*x"], ["target", "syntax"]),
    (["render", "square", "--target", "x.__class__"], ["attribute"]),
    (["render", "square", "--target", "open('f')"], ["'open' is not allowed"]),
    (["render", "square", "--target", "__import__('os')"], ["'__import__' is not allowed"]),
    (["render", "square", "--target", "(lambda: 1)()"], ["target"]),
    (["render", "square", "--target", "[x for x in y]"], ["target"]),
    (["render", "square", "--target", "1/x", "--interval", "-1,1"], ["not finite at x = 0"]),
    (["render", "square", "--target", "sqrt(x)", "--interval", "-1,1"], ["not finite"]),
    (["render", "square", "--theme", "neon"], ["--theme"]),
    (["render", "square", "-q", "z"], ["--quality"]),
    (["render", "square", "--format", "avi"], ["--format"]),
    (["render", "square", "--jobs", "0"], ["jobs", "from 1 to 64"]),
    (["render", "square", "--jobs", "65"], ["jobs", "from 1 to 64"]),
    (["render", "square", "--aspect", "21:9"], ["--aspect", "'21:9'"]),
    (["render", "square", "--scenes", "no-such-folder"], ["no-such-folder", "does not exist"]),
    (["render", "square", "--config", "missing.toml"], ["cannot read config file"]),
    # Path("") is the current folder: -o '' rendered into wherever the lecturer stood.
    (["render", "square", "-o", ""], ["--output-dir", "'' is not a path", "e.g. media"]),
    (["render", "square", "-o", "  "], ["--output-dir", "' ' is not a path"]),
    (["lecture", "--all", "-o", ""], ["--output-dir", "is not a path"]),
    (["render", "square", "--scenes", ""], ["--scenes", "is not a path"]),
    (["render", "square", "--config", ""], ["--config", "is not a path"]),
    (["render"], ["name a scene", "--all"]),
    (["frobnicate"], ["No such command 'frobnicate'"]),
]


@pytest.mark.parametrize(("args", "fragments"), BAD_FLAGS, ids=lambda v: " ".join(v)[:40])
def test_bad_flags(args: list[str], fragments: list[str], tmp_path: Path) -> None:
    code, output = run_cli(args, tmp_path)
    assert_one_line_error(code, output, *fragments)


# What each scene takes, written out here (not read from the catalog): a flag beside a scene's
# name that the scene does not use would render the same video without a word.
TAKES = {
    "neuron": {"theme"},
    "shift": {"interval", "theme"},
    "bends": {"units", "interval", "theme"},
    "square": {"units", "interval", "target", "theme"},
    "symmetric": {"theme"},
    "activations": {"theme"},
    "error_law": {"theme"},
    "depth": {"theme"},
    "training": {"theme"},
    "two_inputs": {"units", "interval", "theme"},
}
FLAG_VALUES = {"units": "2", "interval": "-1,1", "target": "abs", "theme": "light"}


def test_every_scene_is_listed_with_what_it_takes() -> None:
    from relu_anim.catalog import scene_names

    assert sorted(scene_names()) == sorted(TAKES)


@pytest.mark.parametrize("scene", sorted(TAKES))
def test_a_flag_a_scene_does_not_use_is_refused_naming_what_it_takes(
    scene: str, tmp_path: Path
) -> None:
    takes = ", ".join(f"--{key}" for key in FLAG_VALUES if key in TAKES[scene])
    takes = f"it takes {takes};" if len(TAKES[scene]) > 1 else f"it takes only {takes};"
    for key, value in FLAG_VALUES.items():
        args = ["render", scene, f"--{key}", value, "-o", "out"]
        if key in TAKES[scene]:
            # Used: the effective settings show it (config renders nothing).
            result = CliRunner().invoke(main, ["config", scene, f"--{key}", value])
            assert result.exit_code == 0, result.output
            assert f"{key} = " in result.output
            continue
        code, output = run_cli(args, tmp_path)
        assert_one_line_error(
            code,
            output,
            f"scene {scene} does not use --{key}",
            takes,
        )


def test_several_unused_flags_are_named_together(tmp_path: Path) -> None:
    code, output = run_cli(["render", "symmetric", "--units", "7", "--target", "abs"], tmp_path)
    assert_one_line_error(
        code, output, "scene symmetric does not use --units, --target", "leave them out"
    )


def test_with_all_a_flag_goes_to_the_scenes_that_use_it() -> None:
    result = CliRunner().invoke(main, ["config", "--all", "--interval", "-1,1"])
    assert result.exit_code == 0, result.output
    tables = dict((part.split("]")[0], part) for part in result.output.split("[scenes.")[1:])
    for scene, takes in TAKES.items():
        assert ("interval = [-1.0, 1.0]" in tables[scene]) == ("interval" in takes), scene


def test_a_flag_no_selected_scene_uses_is_refused() -> None:
    from relu_anim.config import ProjectConfig, check_flags
    from relu_anim.settings import ConfigError, SceneParams

    with pytest.raises(ConfigError, match="no scene uses --target"):
        check_flags(ProjectConfig(), ["neuron", "shift"], SceneParams(target="abs"), named=False)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ('[render]\nqualty = "h"\n', "unknown key 'qualty'"),
        ("[scenes.square]\nunits = 0\n", "units must be"),
        ("[render]\nquality = \n", "line 2"),
    ],
)
def test_bad_config_file(toml: str, fragment: str, tmp_path: Path) -> None:
    (tmp_path / "relu-anim.toml").write_text(toml)
    code, output = run_cli(["render", "square"], tmp_path)
    assert_one_line_error(code, output, "relu-anim.toml", fragment)


def test_malicious_target_executes_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    expression = f"__import__('os').system('touch {marker}')"
    code, output = run_cli(["render", "square", "--target", expression], tmp_path)
    assert_one_line_error(code, output, "not allowed")
    assert not marker.exists()


def test_exploding_target_is_rejected_within_a_second(tmp_path: Path) -> None:
    started = time.perf_counter()
    code, output = run_cli(["render", "square", "--target", "9**9**9**9"], tmp_path)
    assert time.perf_counter() - started < 1.0
    assert_one_line_error(code, output, "not finite")


def test_output_folder_that_cannot_be_written(tmp_path: Path) -> None:
    # Root ignores permission bits, so use a path under a regular file: it can never be a folder.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = CliRunner().invoke(main, ["render", "shift", "-o", str(blocker / "out")])
    assert_one_line_error(result.exit_code, result.output, "not writable", "-o DIR")


def test_missing_latex_says_how_to_install_it(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # no latex, no dvisvgm
    result = subprocess.run(
        [sys.executable, "-m", "relu_anim.cli", "render", "shift", "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert_one_line_error(result.returncode, result.stderr, "latex", "apt-get install")
    assert not (tmp_path / "o" / "shift.mp4").exists()


@pytest.mark.parametrize("order", ['"first"', "True", "float('nan')", "1" + "0" * 400, "[1]"])
@pytest.mark.parametrize("command", ["list", "render"])
def test_a_scene_file_with_a_bad_order_is_one_line_naming_it(
    order: str, command: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    scenes = tmp_path_factory.mktemp("scenes")
    scene = scenes / "mine.py"
    scene.write_text(
        "from relu_anim.drawing import StoryScene\n\n\n"
        "class Mine(StoryScene):\n"
        '    """My scene."""\n\n'
        f"    ORDER = {order}\n"
    )
    args = [command, "--scenes", str(scenes)] + (["mine", "-q", "l"] if command == "render" else [])
    code, output = run_cli(args, tmp_path)
    assert_one_line_error(code, output, str(scene), "ORDER must be a number")
