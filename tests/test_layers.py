"""The package's layering: what may import Manim, and the scene catalog's integrity."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from relu_anim.catalog import SCENES, SCENES_DIR, UnknownSceneError, scene_named, scene_names

MANIM_FREE = [
    "relu_anim",
    "relu_anim.numeric",
    "relu_anim.targets",
    "relu_anim.settings",
    "relu_anim.config",
    "relu_anim.theme",
    "relu_anim.catalog",
    "relu_anim.cli",
]


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


@pytest.mark.parametrize("info", SCENES, ids=lambda info: info.name)
def test_catalog_entry_names_a_scene_class_in_its_file(info) -> None:
    tree = ast.parse(info.path.read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    assert info.class_name in classes, f"{info.path.name} defines no class {info.class_name}"
    assert ast.get_docstring(tree), f"{info.path.name} needs a module docstring"


def test_every_scene_file_is_in_the_catalog() -> None:
    files = {path.stem for path in SCENES_DIR.glob("*.py") if not path.stem.startswith("_")}
    assert files == set(scene_names())


def test_unknown_scene_names_the_valid_ones() -> None:
    with pytest.raises(UnknownSceneError, match="choose from: neuron, shift, bends, square"):
        scene_named("sqaure")
