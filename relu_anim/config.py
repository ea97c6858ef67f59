"""The config file ``relu-anim.toml`` and the flags, merged into one checked configuration.

Precedence, as in Manim: flags > file > each scene's own defaults. The file looks like::

    scenes_dir = "my_scenes"  # a folder of your own scenes, beside the built-in ones

    [render]                 # how to render
    quality = "h"            # l | m | h | k, or a list of them: ["h", "k"]
    format = "mp4"           # mp4 | webm | gif | png
    aspect = "16:9"          # 16:9 | 4:3 | 9:16, or a list
    output_dir = "media"
    jobs = 2
    scheduler = "local"      # render on Dask: local, or a scheduler address (tcp://HOST:8786)
    split = 2                # each scene cut into 2 runs of beats, rendered at once, joined
    voice = "joe"            # narrate: joe, a Piper .onnx voice, or recorded:DIR (off if unset)

    [params]                 # scene parameters for every scene
    theme = "light"

    [scenes.square]          # parameters for one scene
    units = 50
    interval = [-1.0, 1.0]
    target = "sin(3*x) + x**2/2"

Values are validated by the settings model (:mod:`relu_anim.settings`); this module only
checks the file's shape (unknown keys are errors: Manim's ``tempconfig`` would silently drop
them) and says where in the file a bad value is.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from relu_anim.catalog import Catalog, catalog
from relu_anim.drawable import require_drawable
from relu_anim.numeric.targets import TargetError, parse_target
from relu_anim.settings import ConfigError, RenderSettings, SceneParams

DEFAULT_CONFIG_FILE = "relu-anim.toml"
# What the file may set in [render]: the settings a lecturer chooses, not the CLI's switches.
RENDER_KEYS = (
    "quality",
    "format",
    "aspect",
    "output_dir",
    "jobs",
    "scheduler",
    "split",
    "voice",
)
TOP_KEYS = ("scenes_dir", "render", "params", "scenes")
#: A real config file is a few hundred bytes; reading more than this is refused, not attempted
#: (``--config /dev/zero`` would otherwise fill the memory).
MAX_CONFIG_BYTES = 1 << 20


@dataclass(frozen=True)
class ProjectConfig:
    """The effective configuration: render settings, scene folders and parameter overrides.

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
    scenes_dirs: tuple[Path, ...] = ()
    source: Path | None = None

    @property
    def catalog(self) -> Catalog:
        """The built-in scenes plus those in ``scenes_dirs``."""
        return catalog(self.scenes_dirs)

    def params_for(self, scene: str) -> SceneParams:
        """The overrides for ``scene``, restricted to the parameters that scene uses."""
        merged = self.common.overridden_by(self.scenes.get(scene))
        return merged.restricted_to(self.catalog.named(scene).parameters)

    def with_flags(
        self,
        render: Mapping[str, Any],
        params: SceneParams,
        scenes_dirs: tuple[Path, ...] = (),
    ) -> ProjectConfig:
        """Return this configuration with CLI flags on top (``None`` = not given)."""
        return replace(
            self,
            render=self.render.overridden_by(**render),
            common=self.common.overridden_by(params),
            scenes={name: p.overridden_by(params) for name, p in self.scenes.items()},
            scenes_dirs=scenes_dirs or self.scenes_dirs,
        )


def load_config(path: Path | None = None, cwd: Path | None = None) -> ProjectConfig:
    """Read ``path`` (or ``relu-anim.toml`` in ``cwd`` if it exists) into a checked config."""
    if path is None:
        candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
        if not candidate.exists():  # a folder or FIFO of that name is refused, not skipped
            return ProjectConfig()
        path = candidate
    text = read_config_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively.
        raise ConfigError(
            f"config file {path} is nested too deeply; a relu-anim config needs at most a "
            "[scenes.NAME] table of plain values"
        ) from None
    where = str(path)
    _only_keys(data, TOP_KEYS, where)
    scenes_dirs = _scenes_dirs(data.get("scenes_dir"), path.parent, where)
    render_table = _table(data, "render", where)
    _only_keys(render_table, RENDER_KEYS, f"{where} [render]")
    with _located(f"{where} [render]"):
        render = RenderSettings(**render_table)
    with _located(f"{where} [params]"):
        common = SceneParams(**_only_params(_table(data, "params", where), f"{where} [params]"))
    scene_tables = _table(data, "scenes", where)
    with _located(where):
        known = catalog(scenes_dirs)
    _only_keys(scene_tables, known.names(), f"{where} [scenes]")
    scenes = {}
    for name in scene_tables:
        table_where = f"{where} [scenes.{name}]"
        table = _only_params(_table(scene_tables, name, f"{where} [scenes]"), table_where)
        with _located(table_where):
            scenes[name] = SceneParams(**table)
            _only_used(name, set(table), known.named(name).parameters, "key")
    return ProjectConfig(render, common, scenes, scenes_dirs, source=path)


def read_config_text(path: Path) -> str:
    """The text of the config file ``path``: a regular file of at most 1 MiB of UTF-8.

    A FIFO, a device or a folder is refused before it is opened for reading (opening a FIFO
    blocks until a writer comes; ``/dev/zero`` never ends), and a file that grows past the
    limit while it is read is refused too.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise ConfigError(f"config file {path} is {kind}; pass a TOML file such as relu-anim.toml")
    too_big = ConfigError(
        f"config file {path} is larger than {MAX_CONFIG_BYTES // 1024} KiB; a relu-anim config "
        "is a few lines of TOML, pass that file"
    )
    if info.st_size > MAX_CONFIG_BYTES:
        raise too_big
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open does not wait.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise ConfigError(f"config file {path} is not a regular file; pass a TOML file")
            data = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise too_big
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"cannot read config file {path}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


def check_targets(config: ProjectConfig, scene_names: list[str]) -> None:
    """Check every target parses, and is drawable on its interval in the scenes that use it.

    A target set for a scene that has no target (or for every scene) must still parse: a
    typo there would otherwise pass silently. Takes well under a second.
    """
    for where, params in [("", config.common), *config.scenes.items()]:
        if params.target is not None:
            try:
                parse_target(params.target)
            except TargetError as error:
                raise ConfigError(f"scene {where}: {error}" if where else str(error)) from None
    for name in scene_names:
        params = config.params_for(name)
        if params.target is None:
            continue
        try:
            target = parse_target(params.target)
            lo, hi = params.interval or target.default_interval
            require_drawable(target, lo, hi)
        except TargetError as error:
            raise ConfigError(f"scene {name}: {error}") from None


def check_units(config: ProjectConfig, scene_names: list[str]) -> None:
    """Refuse a unit count larger than a scene can show (its ``MAX_UNITS``).

    Bends builds up the five units of its example: ``--units 7`` would render the 5-unit video
    without a word, so it is refused instead.
    """
    known = config.catalog
    for name in scene_names:
        limit = known.named(name).max_units
        units = config.params_for(name).units
        if limit is not None and units is not None and units > limit:
            raise ConfigError(
                f"scene {name} shows at most {limit} units, got units = {units}; "
                f"use --units 1 to {limit}, or render {name} without --units"
            )


def check_flags(
    config: ProjectConfig, scene_names: list[str], flags: SceneParams, named: bool
) -> None:
    """Refuse a scene parameter given on the command line that would not change the video.

    Every scene ``named`` on the command line must use every parameter flag given
    (``relu-anim render symmetric --units 7`` rendered the same video as without it). With
    ``--all`` a flag goes to the scenes that use it, and is refused when none of them does.

    Examples
    --------
    >>> check_flags(ProjectConfig(), ["neuron"], SceneParams(units=7), True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relu_anim.settings.ConfigError: scene neuron does not use --units: it takes only --theme; ...
    """
    given = {f.name for f in fields(flags) if getattr(flags, f.name) is not None}
    known = config.catalog
    if named:
        for name in scene_names:
            _only_used(name, given, known.named(name).parameters, "flag")
        return
    used = set().union(*(known.named(name).parameters for name in scene_names))
    unused = [key for key in _in_order(given) if key not in used]
    if unused:
        raise ConfigError(
            f"no scene uses {_flags(unused)}; name a scene that takes it "
            "(relu-anim config --all lists what each one takes)"
        )


def _only_used(scene: str, given: set[str], takes: frozenset[str], kind: str) -> None:
    """Refuse the parameters in ``given`` that ``scene`` does not take (as flags or file keys)."""
    unused = [key for key in _in_order(given) if key not in takes]
    if not unused:
        return
    spell = _flags if kind == "flag" else ", ".join
    taken = _in_order(takes)
    only = "only " if len(taken) == 1 else ""
    them = spell(unused) if len(unused) == 1 else "them"
    raise ConfigError(
        f"scene {scene} does not use {spell(unused)}: it takes {only}{spell(taken)}; "
        f"leave {them} out"
    )


def _in_order(names: Iterable[str]) -> list[str]:
    """Parameter names in the order SceneParams declares them (units, interval, target, theme)."""
    return [f.name for f in fields(SceneParams) if f.name in set(names)]


def _flags(names: Iterable[str]) -> str:
    return ", ".join(f"--{name}" for name in names)


class _located:
    """Prefix a :class:`ConfigError` raised inside with where in the file it comes from."""

    def __init__(self, where: str) -> None:
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, error: BaseException | None, _tb: object) -> None:
        if isinstance(error, ConfigError) and not str(error).startswith(self.where):
            raise ConfigError(f"{self.where}: {error}") from None


def _scenes_dirs(value: object, base: Path, where: str) -> tuple[Path, ...]:
    if value is None:
        return ()
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f'{where}: scenes_dir must be a folder path, e.g. scenes_dir = "scenes"')
    folder = (base / value).resolve()
    if not folder.is_dir():
        raise ConfigError(
            f"{where}: scenes_dir {value!r} is not a folder; create it or fix the path"
        )
    return (folder,)


def _only_params(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    _only_keys(table, [f.name for f in fields(SceneParams)], where)
    values = dict(table)
    if isinstance(values.get("interval"), list):
        values["interval"] = tuple(values["interval"])
    return values


def _only_keys(table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(sorted(allowed))}"
        )


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key!r} must be a table, e.g. [{key}]")
    return value
