"""Scenes found from their files, read with ``ast`` so that listing never imports Manim.

A scene is a file ``<name>.py`` in a scenes folder holding one class that derives from
``StoryScene``. Its name is the file's stem, its description the first line of the class
docstring, its parameters the keywords its ``DEFAULTS = SceneParams(...)`` sets (plus the
theme, which every scene takes) and, when they are plain literals, their values; its place in
the list its ``ORDER`` (then its name). ``SPLITTABLE = False`` marks a scene that ``--split``
must refuse. Every reader of this metadata takes it from :class:`SceneInfo`, read once here.
The built-in scenes ship with the package; ``--scenes DIR`` adds a lecturer's own folder.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from relu_anim.settings import ConfigError, SceneParams

BASE_CLASS = "StoryScene"
PARAMETER_NAMES = frozenset(SceneParams.__dataclass_fields__)


class UnknownSceneError(ConfigError):
    """A scene name that no scenes folder holds."""


class SceneFileError(ConfigError):
    """A scene file that cannot be read as a scene."""


class NotASceneError(SceneFileError):
    """A Python file that defines no StoryScene subclass (a helper module beside the scenes)."""


def builtin_scenes_dir() -> Path:
    """The folder of the built-in scenes: ``scenes/`` in a checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "scenes"
    if (checkout / "__init__.py").exists():
        return checkout
    spec = importlib.util.find_spec("relu_anim_scenes")
    if spec is None or not spec.submodule_search_locations:
        raise SceneFileError("the built-in scenes are missing; reinstall relu-anim")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True, slots=True)
class SceneInfo:
    """Where a scene lives and what it shows, read from its file without importing it.

    Examples
    --------
    >>> info = scene_named("square")
    >>> info.path.name, info.class_name, "units" in info.parameters
    ('square.py', 'SquareScene', True)
    >>> scene_named("shift").defaults.interval, scene_named("shift").theme
    ((-3.0, 3.0), 'dark')
    """

    name: str
    class_name: str
    description: str
    path: Path
    parameters: frozenset[str] = frozenset({"theme"})
    order: float = float("inf")
    maths: str = ""
    poster: str = ""
    splittable: bool = True  # SPLITTABLE = False: --split refuses it (see relu_anim.render.split)
    max_units: int | None = None  # MAX_UNITS = 5: a larger --units is refused before rendering
    #: ``DEFAULTS``' values when they are plain literals; ``None`` when one is not (a name, a
    #: call): only importing the scene tells them then.
    defaults: SceneParams | None = field(default_factory=SceneParams)
    defaults_problem: str = ""  # why ``defaults`` is None (a value that is not a literal)

    @property
    def theme(self) -> str:
        """The scene's own theme when its ``DEFAULTS`` name one plainly, else ``dark``."""
        theme = self.defaults.theme if self.defaults is not None else None
        return theme if isinstance(theme, str) else "dark"


@dataclass(frozen=True)
class Catalog:
    """Every scene of the built-in folder and of ``extra_dirs``, in storyboard order."""

    scenes: tuple[SceneInfo, ...]
    folders: tuple[Path, ...] = field(default=())

    def names(self) -> list[str]:
        """The scene names in storyboard order."""
        return [info.name for info in self.scenes]

    def named(self, name: str) -> SceneInfo:
        """Return the scene called ``name`` or raise :class:`UnknownSceneError`."""
        for info in self.scenes:
            if info.name == name:
                return info
        raise UnknownSceneError(
            f"unknown scene {name!r}; choose from: {', '.join(self.names())}"
            " (or add your folder with --scenes DIR)"
        )


def catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    """Return the catalog of the built-in scenes plus those in ``extra_dirs``.

    A folder that is missing, or a name found twice, is a :class:`ConfigError`.
    """
    folders = (builtin_scenes_dir(), *(Path(folder).resolve() for folder in extra_dirs))
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(f"scenes folder {folder} does not exist; check --scenes / scenes_dir")
    # Keyed by every file's modification time: an edited or new scene file is read again.
    stamp = tuple(
        (str(path), path.stat().st_mtime_ns) for folder in folders for path in _scene_files(folder)
    )
    return _catalog(folders, stamp)


@functools.lru_cache(maxsize=16)
def _catalog(folders: tuple[Path, ...], _stamp: tuple[tuple[str, int], ...]) -> Catalog:
    found: dict[str, SceneInfo] = {}
    for folder in folders:
        for info in scenes_in(folder):
            if info.name in found:
                raise ConfigError(
                    f"scene {info.name!r} is in both {found[info.name].path} and {info.path}; "
                    "rename one of the files"
                )
            found[info.name] = info
    ordered = sorted(found.values(), key=lambda info: (info.order, info.name))
    return Catalog(tuple(ordered), folders)


def scenes_in(folder: Path) -> list[SceneInfo]:
    """Read every scene file in ``folder``.

    Files starting with ``_`` are not scenes, nor are files that define no StoryScene subclass:
    a lecturer's helper modules may sit beside their scenes.
    """
    found = []
    for path in _scene_files(folder):
        try:
            found.append(read_scene_file(path))
        except NotASceneError:
            continue
    return found


def _scene_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.py") if not path.name.startswith("_"))


def read_scene_file(path: Path) -> SceneInfo:
    """Read one scene file with ``ast``: its scene class, docstring and declared parameters."""
    name = path.stem
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError) as error:
        raise SceneFileError(f"scene file {path} cannot be read: {error}") from None
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef) and _is_story(node)]
    if not classes:
        raise NotASceneError(f"{path} defines no {BASE_CLASS} subclass: it is not a scene file")
    if not name.isidentifier():
        raise SceneFileError(f"scene file {path.name}: the name must be a Python identifier")
    if len(classes) != 1:
        raise SceneFileError(
            f"scene file {path} must define exactly one {BASE_CLASS} subclass, found {len(classes)}"
        )
    (scene_class,) = classes
    docstring = ast.get_docstring(scene_class) or ""
    constants = _class_constants(scene_class)
    defaults = _defaults_call(scene_class, path)
    return SceneInfo(
        name=name,
        class_name=scene_class.name,
        description=docstring.strip().splitlines()[0] if docstring.strip() else name,
        path=path.resolve(),
        parameters=frozenset({"theme"}) | _declared_parameters(defaults, path),
        order=_order(constants.get("ORDER", float("inf")), path),
        maths=_text(constants.get("MATHS", "")),
        poster=_text(constants.get("POSTER", "")),
        splittable=constants.get("SPLITTABLE", True) is not False,
        max_units=_max_units(constants.get("MAX_UNITS"), path),
        defaults=literal_defaults(defaults),
        defaults_problem=_defaults_problem(defaults),
    )


def _max_units(value: object, path: Path) -> int | None:
    """``MAX_UNITS``: the most units the scene can show, a whole number, or unset."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SceneFileError(f"scene file {path}: MAX_UNITS must be a whole number >= 1")
    return value


def _order(value: object, path: Path) -> float:
    """The scene's place in the list: ``ORDER`` must be a number (a float NaN cannot be sorted)."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
            return float(value)
    except OverflowError:  # an int too large for a float
        pass
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
    raise SceneFileError(
        f"scene file {path}: ORDER must be a number, such as ORDER = 5, not {shown}"
    )


def _text(value: object) -> str:
    return "" if isinstance(value, _NotLiteral) else str(value)


def _is_story(node: ast.ClassDef) -> bool:
    return any(
        (isinstance(base, ast.Name) and base.id == BASE_CLASS)
        or (isinstance(base, ast.Attribute) and base.attr == BASE_CLASS)
        for base in node.bases
    )


class _NotLiteral:
    """A class constant set to something other than a literal (a call, a name...)."""

    def __repr__(self) -> str:
        return "an expression"


def _class_constants(node: ast.ClassDef) -> dict[str, object]:
    constants: dict[str, object] = {}
    for statement in node.body:
        target, value = _assignment(statement)
        if target and value is not None:
            try:
                constants[target] = ast.literal_eval(value)  # ORDER = -1 is a unary minus
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                constants[target] = _NotLiteral()
    return constants


def _defaults_call(node: ast.ClassDef, path: Path) -> ast.Call | None:
    """The class's ``DEFAULTS = SceneParams(...)`` call; ``None`` when it sets none."""
    for statement in node.body:
        target, value = _assignment(statement)
        if target != "DEFAULTS":
            continue
        if not (isinstance(value, ast.Call) and getattr(value.func, "id", "") == "SceneParams"):
            raise SceneFileError(f"scene file {path}: DEFAULTS must be SceneParams(...)")
        return value
    return None


def _declared_parameters(call: ast.Call | None, path: Path) -> frozenset[str]:
    if call is None:
        return frozenset()
    names = frozenset(keyword.arg for keyword in call.keywords if keyword.arg)
    unknown = names - PARAMETER_NAMES
    if unknown:
        raise SceneFileError(
            f"scene file {path}: DEFAULTS sets unknown parameter(s) {', '.join(sorted(unknown))}"
        )
    return names


def _defaults_values(call: ast.Call) -> SceneParams:
    values = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
    return SceneParams(**values)


def _defaults_problem(call: ast.Call | None) -> str:
    try:
        literal_defaults(call, strict=True)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as error:
        return " ".join(str(error).split())
    return ""


def literal_defaults(call: ast.Call | None, strict: bool = False) -> SceneParams | None:
    """The parameters a ``SceneParams(...)`` call sets, if all are literals; else ``None``.

    Examples
    --------
    >>> literal_defaults(ast.parse("SceneParams(units=7, interval=(0, 1))").body[0].value)
    SceneParams(units=7, interval=(0.0, 1.0), target=None, theme=None)
    >>> literal_defaults(ast.parse("SceneParams(units=UNITS)").body[0].value) is None
    True

    ``strict`` raises what made a value unreadable instead.
    """
    if call is None:
        return SceneParams()
    try:
        return _defaults_values(call)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        if strict:
            raise
        return None


def _assignment(statement: ast.stmt) -> tuple[str, ast.expr | None]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        return (target.id if isinstance(target, ast.Name) else "", statement.value)
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id, statement.value
    return "", None


# The built-in scenes, for callers that take no --scenes folder.


def scene_names(extra_dirs: Iterable[Path] = ()) -> list[str]:
    """Return the scene names in storyboard order.

    Examples
    --------
    >>> scene_names()[:4]
    ['neuron', 'shift', 'bends', 'square']
    """
    return catalog(tuple(extra_dirs)).names()


def scene_named(name: str, extra_dirs: Iterable[Path] = ()) -> SceneInfo:
    """Return the scene called ``name`` or raise :class:`UnknownSceneError`."""
    return catalog(tuple(extra_dirs)).named(name)
