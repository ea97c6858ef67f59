"""Typed configuration from ``relu-anim.toml`` and CLI flags, validated before Manim sees it.

Precedence, as in Manim: flags > file > each scene's own defaults. The file looks like::

    [render]                 # how to render
    quality = "h"            # l | m | h | k
    format = "mp4"           # mp4 | webm | gif | png
    output_dir = "media"
    jobs = 2

    [params]                 # scene parameters for every scene
    theme = "light"

    [scenes.square]          # parameters for one scene
    units = 50
    interval = [-1.0, 1.0]
    target = "sin(3*x) + x**2/2"

Every key is checked: Manim's ``tempconfig`` silently drops keys it does not know, so a typo
here would otherwise render the wrong video without a word.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from relu_anim.catalog import SCENES, scene_named
from relu_anim.params import MAX_UNITS, SceneParams
from relu_anim.render import FORMATS, QUALITIES, RenderOptions
from relu_anim.targets import TargetError, parse_target, require_finite
from relu_anim.theme import THEMES

DEFAULT_CONFIG_FILE = "relu-anim.toml"


class ConfigError(ValueError):
    """Bad configuration; the message is one line naming the problem and the fix."""


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to render: quality, file format, output folder and parallel jobs."""

    quality: str = "m"
    format: str = "mp4"
    output_dir: Path = Path("media")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)

    def options(self, verbose: bool = False, progress_bar: bool = True) -> RenderOptions:
        """Return the options :func:`relu_anim.render.render_scene` takes."""
        return RenderOptions(
            quality=self.quality,
            format=self.format,
            output_dir=self.output_dir,
            verbose=verbose,
            progress_bar=progress_bar,
        )


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """The effective configuration: render settings and per-scene parameter overrides.

    Examples
    --------
    >>> config = ProjectConfig(common=SceneParams(theme="light"),
    ...                        scenes={"square": SceneParams(units=20)})
    >>> config.params_for("square")
    SceneParams(units=20, interval=None, target=None, theme='light')
    >>> config.params_for("neuron")
    SceneParams(units=None, interval=None, target=None, theme='light')
    """

    render: RenderSettings = field(default_factory=RenderSettings)
    common: SceneParams = field(default_factory=SceneParams)
    scenes: Mapping[str, SceneParams] = field(default_factory=dict)
    source: Path | None = None

    def params_for(self, scene: str) -> SceneParams:
        """The overrides for ``scene``, restricted to the parameters that scene uses."""
        merged = self.common.overridden_by(self.scenes.get(scene))
        used = scene_named(scene).parameters
        return SceneParams(
            **{f.name: getattr(merged, f.name) for f in fields(merged) if f.name in used}
        )

    def with_flags(self, render: Mapping[str, Any], params: SceneParams) -> ProjectConfig:
        """Return this configuration with CLI flags applied on top (``None`` = not given)."""
        given = {key: value for key, value in render.items() if value is not None}
        return replace(
            self,
            render=replace(self.render, **given),
            common=self.common.overridden_by(params),
            scenes={name: p.overridden_by(params) for name, p in self.scenes.items()},
        )


def load_config(path: Path | None = None, cwd: Path | None = None) -> ProjectConfig:
    """Read ``path`` (or ``relu-anim.toml`` in ``cwd`` if it exists) into a checked config."""
    if path is None:
        candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
        if not candidate.exists():
            return ProjectConfig()
        path = candidate
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    where = str(path)
    _only_keys(data, {"render", "params", "scenes"}, where)
    render_table = _table(data, "render", where)
    _only_keys(render_table, {f.name for f in fields(RenderSettings)}, f"{where} [render]")
    render = RenderSettings(
        **{
            key: _render_value(key, value, f"{where} [render]")
            for key, value in render_table.items()
        }
    )
    common = _scene_params(_table(data, "params", where), f"{where} [params]")
    scene_tables = _table(data, "scenes", where)
    _only_keys(scene_tables, {info.name for info in SCENES}, f"{where} [scenes]")
    scenes = {
        name: _scene_params(
            _table(scene_tables, name, f"{where} [scenes]"), f"{where} [scenes.{name}]"
        )
        for name in scene_tables
    }
    return ProjectConfig(render=render, common=common, scenes=scenes, source=path)


def check_targets(config: ProjectConfig, scene_names: list[str]) -> None:
    """Check every target expression parses and is finite on its interval (within a second)."""
    for name in scene_names:
        params = config.params_for(name)
        if params.target is None:
            continue
        try:
            target = parse_target(params.target)
            lo, hi = params.interval or target.default_interval
            require_finite(target, lo, hi)
        except TargetError as error:
            raise ConfigError(f"scene {name}: {error}") from None


def parse_interval(text: str) -> tuple[float, float]:
    """Parse ``"LO,HI"`` into two finite floats with LO < HI.

    Examples
    --------
    >>> parse_interval("-1, 2.5")
    (-1.0, 2.5)
    """
    parts = text.split(",")
    try:
        lo, hi = (float(part) for part in parts)
    except ValueError:
        raise ConfigError(
            f"interval {text!r} is not two numbers; write it as LO,HI, e.g. --interval 0,2"
        ) from None
    return _checked_interval(lo, hi, "--interval")


def _checked_interval(lo: float, hi: float, where: str) -> tuple[float, float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        raise ConfigError(f"{where}: interval {lo},{hi} needs finite LO < HI, e.g. 0,2")
    return lo, hi


def _only_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(sorted(allowed))}"
        )


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key!r} must be a table, e.g. [{key}]")
    return value


def _render_value(key: str, value: Any, where: str) -> Any:
    choices = {"quality": list(QUALITIES), "format": list(FORMATS)}
    if key in choices:
        if value not in choices[key]:
            raise ConfigError(f"{where}: {key} = {value!r}; use one of: {', '.join(choices[key])}")
        return value
    if key == "output_dir":
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: output_dir must be a folder path as a string")
        return Path(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: jobs must be a whole number >= 1, got {value!r}")
    return value


def _scene_params(table: Mapping[str, Any], where: str) -> SceneParams:
    _only_keys(table, {f.name for f in fields(SceneParams)}, where)
    values: dict[str, Any] = dict(table)
    units = values.get("units")
    if units is not None and (
        isinstance(units, bool) or not isinstance(units, int) or not 1 <= units <= MAX_UNITS
    ):
        raise ConfigError(f"{where}: units must be a whole number from 1 to {MAX_UNITS}")
    if "interval" in values:
        interval = values["interval"]
        if (
            not isinstance(interval, list)
            or len(interval) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in interval)
        ):
            raise ConfigError(f"{where}: interval must be [LO, HI], e.g. interval = [0.0, 2.0]")
        values["interval"] = _checked_interval(float(interval[0]), float(interval[1]), where)
    if "theme" in values and values["theme"] not in THEMES:
        raise ConfigError(f"{where}: theme = {values['theme']!r}; use one of: {', '.join(THEMES)}")
    if "target" in values and not isinstance(values["target"], str):
        raise ConfigError(f'{where}: target must be a string, e.g. target = "x**2"')
    return SceneParams(**values)
