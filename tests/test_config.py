"""The TOML config file and its precedence: flags > file > scene defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from relu_anim.config import ProjectConfig, load_config
from relu_anim.settings import ConfigError, SceneParams, parse_interval


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "relu-anim.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path)
    assert config.source is None
    assert config.render.quality == "m"
    assert config.render.format == "mp4"
    assert config.params_for("square") == SceneParams()


def test_file_in_the_working_directory_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
[render]
quality = "h"
jobs = 3
[params]
theme = "light"
[scenes.square]
units = 20
interval = [-1, 1]
target = "sin(3*x)"
""",
    )
    config = load_config(cwd=tmp_path)
    assert (config.render.quality, config.render.jobs) == ("h", 3)
    assert config.params_for("square") == SceneParams(
        units=20, interval=(-1.0, 1.0), target="sin(3*x)", theme="light"
    )
    # neuron uses only the theme, so the square's numbers never reach it
    assert config.params_for("neuron") == SceneParams(theme="light")


def test_flags_beat_the_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[render]\nquality = "h"\n[scenes.square]\nunits = 20\n'))
    merged = config.with_flags({"quality": "l", "format": None}, SceneParams(units=5))
    assert merged.render.quality == "l"
    assert merged.render.format == "mp4"
    assert merged.params_for("square").units == 5


def test_params_for_a_scene_beat_the_common_ones() -> None:
    config = ProjectConfig(
        common=SceneParams(theme="light", units=50), scenes={"bends": SceneParams(units=3)}
    )
    assert config.params_for("bends") == SceneParams(units=3, theme="light")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[render]\nqualty = "h"\n', "unknown key 'qualty'"),
        ("[rendr]\n", "unknown key 'rendr'"),
        ("[scenes.sqaure]\nunits = 3\n", "unknown key 'sqaure'"),
        ("[scenes.square]\nunit = 3\n", "unknown key 'unit'"),
        # Neuron takes only the theme: its table may not set what it would ignore.
        ("[scenes.neuron]\nunits = 3\n", "scene neuron does not use units: it takes only theme"),
        ('[scenes.shift]\ntarget = "abs"\n', "it takes interval, theme"),
        ("[scenes.square]\nunits = 0\n", "units must be a whole number from 1 to 1000"),
        ("[scenes.square]\nunits = 2.5\n", "units must be a whole number"),
        ("[scenes.square]\nunits = 1001\n", "units must be a whole number"),
        ("[scenes.square]\ninterval = [2, 1]\n", "needs finite LO < HI"),
        ("[scenes.square]\ninterval = [0, inf]\n", "needs finite LO < HI"),
        ("[scenes.square]\ninterval = [0]\n", r"interval must be \[LO, HI\]"),
        ('[params]\ntheme = "neon"\n', "use one of: dark, light"),
        ('[render]\nquality = "z"\n', "use one of: l, m, h, k"),
        ("[render]\njobs = 0\n", "jobs must be a whole number from 1 to 64"),
        ("[render]\njobs = 65\n", "jobs must be a whole number from 1 to 64"),
        ('[render]\naspect = "21:9"\n', "aspect = '21:9'; use one of: 16:9, 4:3, 9:16"),
        ('scenes_dir = "nowhere"\n', "scenes_dir 'nowhere' is not a folder"),
        ("[render]\nquality = \n", "not valid TOML.*line 2"),
        ("render = 3\n", "'render' must be a table"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize("text", ["1", "a,b", "1,2,3", "2,1", "nan,1", "0,inf"])
def test_bad_interval_flags(text: str) -> None:
    with pytest.raises(ConfigError, match="interval"):
        parse_interval(text)
