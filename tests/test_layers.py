"""The package's layering: what may import Manim, what may import what, and the scene catalog's
integrity."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from relu_anim.catalog import (
    UnknownSceneError,
    builtin_scenes_dir,
    catalog,
    read_scene_file,
    scene_named,
    scene_names,
    scenes_in,
)
from relu_anim.settings import ConfigError

MANIM_FREE = [
    "relu_anim",
    "relu_anim.numeric",
    "relu_anim.captions",
    "relu_anim.narration.timing",
    "relu_anim.narration.sound",
    "relu_anim.narration.testvoice",
    "relu_anim.narration.say",
    "relu_anim.narration.voices",
    "relu_anim.narration.cache",
    "relu_anim.numeric.targets",
    "relu_anim.settings",
    "relu_anim.config",
    "relu_anim.theme",
    "relu_anim.catalog",
    "relu_anim.cli",
    "relu_anim.storyboard",
    "relu_anim.render",
    "relu_anim.render.batch",
    "relu_anim.render.jobs",
    "relu_anim.render.layout",
    "relu_anim.render.atomic",
    "relu_anim.render.manifest",
    "relu_anim.render.pieces",
]

PACKAGE = Path(__file__).resolve().parent.parent / "relu_anim"

#: The layers, top first: a module may import its own layer and those below it, never one
#: above. A module belongs to the longest prefix listed; every module must belong to one.
LAYERS: dict[str, tuple[str, ...]] = {
    # Commands: read the user's input and configuration, run the pipeline.
    "configuration": (
        "relu_anim.cli",
        "relu_anim.cli_options",
        "relu_anim.cli_errors",
        "relu_anim.config",
        "relu_anim.watch",
        "relu_anim.lecture.command",
    ),
    # What is built from rendered scenes: the lecture pack.
    "pipeline: lecture": ("relu_anim.lecture",),
    # Scenes found, rendered and put in place.
    "pipeline: render": (
        "relu_anim.render",
        "relu_anim.catalog",
        "relu_anim.narration.voices",  # keep speech with relu_anim.render.atomic
        "relu_anim.narration.cache",
    ),
    # What the scenes are made of: numbers, drawings, words, values every layer shares.
    "domain": (
        "relu_anim.numeric",
        "relu_anim.drawing",
        "relu_anim.captions",
        "relu_anim.narration",
        "relu_anim.storyboard",
        "relu_anim.settings",
        "relu_anim.theme",
        "relu_anim.colour",
        "relu_anim.drawable",
        "relu_anim.trained",
        # Imports nothing of the package: every layer writes through it (a voice's WAVs too).
        "relu_anim.render.atomic",
    ),
}


@pytest.mark.parametrize("module", MANIM_FREE)
def test_module_does_not_import_manim(module: str) -> None:
    # A fresh interpreter, because this test process may already have imported Manim.
    code = f"import sys, {module}; sys.exit('manim' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_numeric_core_imports_only_numpy_and_the_standard_library() -> None:
    from relu_anim import numeric

    package = Path(numeric.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {
            (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        outside = imported - {"__future__", "numpy", "relu_anim"} - set(sys.stdlib_module_names)
        assert not outside, f"{module.name} imports {sorted(outside)}"
        assert not any(
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("relu_anim")
            and not (node.module or "").startswith("relu_anim.numeric")
            for node in ast.walk(tree)
        ), f"{module.name} imports from relu_anim outside the numeric core"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``path`` imports, anywhere in it (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in modules}


def _layer(module: str) -> int:
    """The rank of ``module``'s layer, 0 for the top; the package itself is the bottom."""
    if module == "relu_anim":
        return len(LAYERS) - 1
    ranked = [
        (len(prefix), rank)
        for rank, prefixes in enumerate(LAYERS.values())
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert ranked, f"{module} belongs to no layer: add it to LAYERS in {Path(__file__).name}"
    return max(ranked)[1]


def test_no_module_imports_a_layer_above_its_own() -> None:
    modules = _modules()
    names = list(LAYERS)
    upward = [
        f"{module} ({names[_layer(module)]}) imports {imported} ({names[_layer(imported)]})"
        for module, path in modules.items()
        for imported in sorted(_imports(path, modules))
        if _layer(imported) < _layer(module)
    ]
    assert upward == []
    # The checks themselves can fail: the batch once imported the lecture pack.
    assert _layer("relu_anim.lecture.pack") < _layer("relu_anim.render.batch")
    assert _layer("relu_anim.render.scene") < _layer("relu_anim.numeric.shallow")


def test_the_numeric_core_has_no_import_cycles() -> None:
    modules = {
        name: path for name, path in _modules().items() if name.startswith("relu_anim.numeric.")
    }
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, f"import cycle: {' -> '.join((*trail, name))}"
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, (*trail, name))
        done.add(name)

    assert len(graph) > 5
    for name in sorted(graph):
        visit(name, ())


@pytest.mark.parametrize("info", catalog().scenes, ids=lambda info: info.name)
def test_every_scene_file_names_its_class_poster_and_maths(info) -> None:
    tree = ast.parse(info.path.read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    assert info.class_name in classes, f"{info.path.name} defines no class {info.class_name}"
    assert ast.get_docstring(tree), f"{info.path.name} needs a module docstring"
    assert info.maths, f"{info.name} needs MATHS, its maths in one line"
    beats = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "beat"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert info.poster in beats, f"{info.name}: POSTER {info.poster!r} is not one of its beats"


def test_the_catalog_is_the_scene_files() -> None:
    files = {
        path.stem for path in builtin_scenes_dir().glob("*.py") if not path.stem.startswith("_")
    }
    assert set(scene_names()) == files
    assert scene_names()[:4] == ["neuron", "shift", "bends", "square"]


def test_a_scene_is_read_from_its_file_without_importing_it(tmp_path: Path) -> None:
    (tmp_path / "wave.py").write_text(
        '''"""A wave."""
import this_module_does_not_exist
from relu_anim.drawing import StoryScene
from relu_anim.settings import SceneParams


class WaveScene(StoryScene):
    """A sine wave, fitted by ReLUs.

    More text.
    """

    DEFAULTS = SceneParams(units=7, target="sin")
    ORDER = 0.5
    MATHS = "sin x"
    POSTER = "end"
''',
        encoding="utf-8",
    )
    info = read_scene_file(tmp_path / "wave.py")
    assert (info.name, info.class_name) == ("wave", "WaveScene")
    assert info.description == "A sine wave, fitted by ReLUs."
    assert info.parameters == {"units", "target", "theme"}
    assert (info.order, info.maths, info.poster) == (0.5, "sin x", "end")
    # ORDER 0.5 puts it before the built-in scenes.
    assert catalog([tmp_path]).names()[:2] == ["wave", "neuron"]
    assert scene_named("wave", [tmp_path]).path == (tmp_path / "wave.py").resolve()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("two.py", "class A(StoryScene): pass\nclass B(StoryScene): pass\n", "exactly one"),
        ("broken.py", "class A(StoryScene:\n", "cannot be read"),
        ("bad.py", "class A(StoryScene):\n    DEFAULTS = SceneParams(colour=1)\n", "colour"),
        ("square.py", "class A(StoryScene): pass\n", "in both"),
        ("not-a-name.py", "class A(StoryScene): pass\n", "identifier"),
    ],
)
def test_bad_scene_files_are_one_line_errors(tmp_path: Path, name, text, message) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        catalog([tmp_path])
    assert "\n" not in str(caught.value)


def test_helper_modules_beside_the_scenes_are_not_scenes(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("STEP = 0.5\n", encoding="utf-8")
    (tmp_path / "my-notes.py").write_text("# not a module name, not a scene\n", encoding="utf-8")
    (tmp_path / "wave.py").write_text("class WaveScene(StoryScene):\n    pass\n", encoding="utf-8")
    assert [info.name for info in scenes_in(tmp_path)] == ["wave"]
    assert "helpers" not in catalog([tmp_path]).names()
    with pytest.raises(ConfigError, match="not a scene file"):
        read_scene_file(tmp_path / "helpers.py")


def test_unknown_scene_names_the_valid_ones() -> None:
    with pytest.raises(UnknownSceneError, match="choose from: neuron, shift, bends, square"):
        scene_named("sqaure")


def _readme_layout() -> list[str]:
    """The lines of the README's "Layout" block."""
    text = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = text.split("\n## Layout\n", 1)[1].split("```\n", 2)[1]
    return block.splitlines()


def _listed_modules() -> dict[str, set[str]]:
    """Folder of the package ("" for its top) -> the module files the Layout block names there.

    A top-level module is a line ``  name.py``; a folder's line ``  name/`` and the lines under
    it, indented further, name its modules anywhere in their text.
    """
    listed: dict[str, set[str]] = {"": set()}
    folder = None
    for line in _readme_layout():
        top = re.match(r"  (\w+)(/|\.py)\s", line + " ")
        if top:
            folder = top[1] if top[2] == "/" else None
            if folder is None:
                listed[""].add(top[1] + ".py")
            else:
                listed.setdefault(folder, set())
        elif not line.startswith("   "):
            folder = None  # back at the repository's top: scenes/, tests/, ...
        if folder is not None:
            listed[folder] |= set(re.findall(r"\b(\w+\.py)\b", line))
    return listed


def test_the_readme_layout_names_every_module_and_no_other() -> None:
    on_disk = {
        folder: {p.name for p in (PACKAGE / folder).glob("*.py") if p.name != "__init__.py"}
        for folder in [
            "",
            *sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()),
        ]
    }
    assert _listed_modules() == on_disk
