"""The list of scenes: names, files and descriptions, readable without importing Manim."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCENES_DIR = Path(__file__).resolve().parent.parent / "scenes"


class UnknownSceneError(ValueError):
    """A scene name that the catalog does not know."""


@dataclass(frozen=True, slots=True)
class SceneInfo:
    """Where a scene lives and what it shows.

    Examples
    --------
    >>> scene_named("square").path.name
    'square.py'
    """

    name: str
    class_name: str
    description: str
    parameters: frozenset[str] = frozenset({"theme"})

    @property
    def path(self) -> Path:
        """The scene's storyboard file."""
        return SCENES_DIR / f"{self.name}.py"


SCENES: tuple[SceneInfo, ...] = (
    SceneInfo("neuron", "NeuronScene", "one neuron computes ReLU(w·x + b), with live numbers"),
    SceneInfo(
        "shift",
        "ShiftScene",
        "ReLU(x − h) slides as h changes; the kink sits at x = h",
        frozenset({"theme", "interval"}),
    ),
    SceneInfo(
        "bends",
        "BendsScene",
        "adding shifted ReLUs adds bends; each kink changes the slope",
        frozenset({"theme", "interval", "units"}),
    ),
    SceneInfo(
        "square",
        "SquareScene",
        "x² on [0, 2] approximated by 1 to 100 units, error 1/N²",
        frozenset({"theme", "interval", "units", "target"}),
    ),
)


def scene_names() -> list[str]:
    """Return the scene names in storyboard order."""
    return [info.name for info in SCENES]


def scene_named(name: str) -> SceneInfo:
    """Return the scene called ``name`` or raise :class:`UnknownSceneError`."""
    for info in SCENES:
        if info.name == name:
            return info
    raise UnknownSceneError(f"unknown scene {name!r}; choose from: {', '.join(scene_names())}")
