"""Which scenes need rendering: content hashes of everything a video depends on.

A video is up to date when its scene file, every ``relu_anim`` module that file imports (followed
through the import graph by reading the source, never by importing it), the scene's effective
parameters, the quality and format, and the Manim version are all as they were when it was
rendered, and its files are still there. The check imports neither Manim nor the scene, so a
second ``render --all`` with nothing changed costs a few milliseconds per scene.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from relu_anim import __version__
from relu_anim.catalog import SceneInfo
from relu_anim.settings import SceneParams

PACKAGE_DIR = Path(__file__).resolve().parent
# The render layer shapes every output, whatever the scene imports.
ALWAYS_HASHED = ("relu_anim/render.py", "relu_anim/settings.py")


@dataclass(frozen=True, slots=True)
class RenderKey:
    """Everything one render's output depends on, reduced to a fingerprint."""

    scene: str
    params: SceneParams
    quality: str
    format: str
    aspect: str = "16:9"

    def fingerprint(self, info: SceneInfo) -> str:
        """Return a hash that changes whenever the rendered output could change."""
        payload = {
            "scene": self.scene,
            "params": asdict(self.params),
            "quality": self.quality,
            "format": self.format,
            "aspect": self.aspect,
            "manim": version("manim"),
            "relu_anim": __version__,
            "sources": {str(path): _file_hash(path) for path in source_files(info)},
        }
        text = json.dumps(payload, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def source_files(info: SceneInfo) -> list[Path]:
    """The scene's file and every ``relu_anim`` module it reaches through imports, sorted.

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> "shallow.py" in {path.name for path in source_files(scene_named("square"))}
    True
    """
    root = PACKAGE_DIR.parent
    seen: set[Path] = set()
    pending = [info.path, *(root / name for name in ALWAYS_HASHED)]
    while pending:
        path = pending.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        pending.extend(_imported_package_files(path))
    return sorted(seen)


def _imported_package_files(path: Path) -> list[Path]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
            # `from relu_anim import numeric` names a module, not just an attribute.
            modules += [f"{node.module}.{alias.name}" for alias in node.names]
    files = []
    for module in modules:
        parts = module.split(".")
        if parts[0] != PACKAGE_DIR.name:
            continue
        base = PACKAGE_DIR.joinpath(*parts[1:])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.exists():
                files.append(candidate)
    return files


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Manifest:
    """Per-scene records of the last render in ``<output_dir>/.relu-anim/``.

    One small JSON file per scene (per variant when several are rendered: ``<stem>.json``), so
    renders of different scenes never write the same file.
    """

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / ".relu-anim"

    def _record_path(self, scene: str) -> Path:
        return self.folder / f"{scene}.json"

    def is_up_to_date(self, info: SceneInfo, key: RenderKey, name: str | None = None) -> bool:
        """True when the last render of ``info`` had this key and its files still exist.

        ``name`` is the record's name: the variant's file stem (``shift.light.9x16.h``) when
        several variants are rendered, the scene's name otherwise.
        """
        try:
            record = json.loads(self._record_path(name or info.name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if record.get("fingerprint") != key.fingerprint(info):
            return False
        return all(Path(output).exists() for output in record.get("outputs", []))

    def record(
        self, info: SceneInfo, key: RenderKey, outputs: list[Path], name: str | None = None
    ) -> None:
        """Remember that ``outputs`` were rendered with ``key`` (one record per ``name``)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"fingerprint": key.fingerprint(info), "outputs": [str(p) for p in outputs]}
        target = self._record_path(name or info.name)
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, target)
