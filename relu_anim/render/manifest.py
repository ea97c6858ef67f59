"""Which scenes need rendering: content hashes of everything a video depends on.

A video is up to date when its scene file, every ``relu_anim`` module that file imports (followed
through the import graph by reading the source, never by importing it), the scene's effective
parameters, the quality and format, the Manim version and the version of every other package
those files import (scikit-learn for Training's last beat: "absent" when it is not installed)
are all as they were when it was rendered, and its files are still the ones that render wrote.
The check imports neither Manim nor the scene, so a second ``render --all`` with nothing
changed costs a few milliseconds per scene.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path

from relu_anim import __version__
from relu_anim.catalog import SceneInfo
from relu_anim.render import atomic, state
from relu_anim.render.layout import OutputLayout
from relu_anim.settings import SceneParams

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The render layer shapes every output, whatever the scene imports.
ALWAYS_HASHED = ("relu_anim/render/scene.py", "relu_anim/settings.py")


@dataclass(frozen=True, slots=True)
class RenderKey:
    """Everything one render's output depends on, reduced to a fingerprint."""

    scene: str
    params: SceneParams
    quality: str
    format: str
    aspect: str = "16:9"
    #: The narrating voice's key (its name, version and settings); '' for a silent render.
    voice: str = ""

    def fingerprint(self, info: SceneInfo) -> str:
        """Return a hash that changes whenever the rendered output could change."""
        files, packages = dependencies(info)
        payload = {
            "scene": self.scene,
            "params": asdict(self.params),
            "quality": self.quality,
            "format": self.format,
            "aspect": self.aspect,
            "manim": version("manim"),
            "relu_anim": __version__,
            "sources": {str(path): _file_hash(path) for path in files},
            "packages": {name: package_versions(name) for name in sorted(packages)},
        }
        if self.voice:  # a silent render's fingerprint is what it was before narration
            payload["voice"] = self.voice
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
    return dependencies(info)[0]


def dependencies(info: SceneInfo) -> tuple[list[Path], set[str]]:
    """What ``info`` reaches through its imports: source files, and other packages' modules.

    The files are the scene's, every ``relu_anim`` module it reaches, and the render layer's.
    The packages are the top-level names of every other module those files import, anywhere
    in them (scikit-learn, imported inside the function that trains the Training scene's last
    net, included); the standard library is left out.

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> "sklearn" in dependencies(scene_named("training"))[1]
    True
    """
    root = PACKAGE_DIR.parent
    seen: set[Path] = set()
    packages: set[str] = set()
    pending = [info.path, *(root / name for name in ALWAYS_HASHED)]
    while pending:
        path = pending.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        status = path.stat()
        files, others = _imports(path, status.st_mtime_ns, status.st_size, info.path.parent)
        pending.extend(files)
        packages |= others
    return sorted(seen), packages


def _distributions() -> Mapping[str, list[str]]:
    # Installing or removing a package changes its site folder's time, so a long-running
    # process (watch) sees it; reading every package's metadata again costs ~0.1 s.
    stamp = []
    for entry in sys.path:
        with suppress(OSError):
            stamp.append((entry, os.stat(entry or ".").st_mtime_ns))
    return _distributions_at(tuple(stamp))


@lru_cache(maxsize=1)
def _distributions_at(_stamp: tuple[tuple[str, int], ...]) -> Mapping[str, list[str]]:
    return packages_distributions()


def package_versions(module: str) -> dict[str, str] | str:
    """The installed version of each distribution providing ``module``, or ``"absent"``.

    Read from the packages' metadata, without importing them.

    Examples
    --------
    >>> package_versions("surely_no_such_module")
    'absent'
    """
    found = {}
    for distribution in sorted(set(_distributions().get(module, ()))):
        try:
            found[distribution] = version(distribution)
        except PackageNotFoundError:
            continue
    return found or "absent"


@lru_cache(maxsize=1024)
def _imports(
    path: Path, _mtime_ns: int, _size: int, scene_folder: Path
) -> tuple[list[Path], frozenset[str]]:
    """The package files ``path`` imports, and the top-level names of the other modules.

    A module found in ``scene_folder`` (on the import path while the scene renders) is a
    file too: a lecturer's helper beside their scene.

    Kept per file version: every scene reaches the same render modules, and parsing them
    again for each scene was most of the up-to-date check.
    """
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
    others = set()
    for module in modules:
        parts = module.split(".")
        if parts[0] != PACKAGE_DIR.name:
            if _beside(scene_folder, parts[:1]) is not None:  # a lecturer's helper module
                files += [
                    found
                    for depth in range(1, len(parts) + 1)
                    if (found := _beside(scene_folder, parts[:depth])) is not None
                ]
            elif parts[0] not in sys.stdlib_module_names and parts[0] != "relu_anim_scenes":
                others.add(parts[0])
            continue
        base = PACKAGE_DIR.joinpath(*parts[1:])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.exists():
                files.append(candidate)
    return files, frozenset(others)


def _beside(folder: Path, parts: list[str]) -> Path | None:
    """The module ``parts`` names in ``folder`` (a scene folder is on the import path), if any."""
    if folder == PACKAGE_DIR or PACKAGE_DIR in folder.parents:
        return None
    base = folder.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Manifest:
    """Per-scene records of the last render in ``<output_dir>/.relu-anim/``.

    One small JSON file per scene (per variant when several are rendered: ``<stem>.json``), so
    renders of different scenes never write the same file. A record names its outputs relative
    to the output folder, with each file's size, modification time, inode and SHA-256: a file
    replaced behind the record's back (by a render process that outlived its command, or by
    hand) is not current, and a copied output folder still is (its files hash the same).
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.folder = OutputLayout(output_dir).records

    def _record_path(self, scene: str) -> Path:
        return OutputLayout(self.output_dir, scene).record

    def is_up_to_date(self, info: SceneInfo, key: RenderKey, name: str | None = None) -> bool:
        """True when the last render of ``info`` had this key and its files are still the ones
        it wrote.

        ``name`` is the record's name: the variant's file stem (``shift.light.9x16.h``) when
        several variants are rendered, the scene's name otherwise. A record that cannot be
        read or is not one of ours means "render again" (the render then replaces it).
        """
        record = state.read_json(self._record_path(name or info.name))
        if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
            return False
        outputs, files = record.get("outputs"), record.get("files")
        if not (isinstance(outputs, list) and outputs and isinstance(files, dict)):
            return False
        if record.get("fingerprint") != key.fingerprint(info):
            return False
        for output in outputs:
            if not _plain_name(output):
                return False
            inside = {rel for rel in files if isinstance(rel, str) and rel.startswith(output + "/")}
            if output not in files and not self._same_listing(output, inside):
                return False
        listed = set(outputs)
        return all(
            isinstance(relative, str)
            and _plain_name(relative.partition("/")[0])
            and relative.partition("/")[0] in listed
            and _matches(self.output_dir / relative, facts)
            for relative, facts in files.items()
        )

    def _same_listing(self, output: str, recorded: set[str]) -> bool:
        """Whether the folder ``output`` holds exactly the files recorded in it."""
        try:
            present = {f"{output}/{path.name}" for path in (self.output_dir / output).iterdir()}
        except OSError:
            return False
        return bool(recorded) and present == recorded

    def record(
        self, info: SceneInfo, key: RenderKey, outputs: list[Path], name: str | None = None
    ) -> None:
        """Remember that ``outputs`` (files and folders directly in the output folder) were
        rendered with ``key`` (one record per ``name``), with what their files hold now."""
        files: dict[str, dict[str, object]] = {}
        for output in outputs:
            path = self.output_dir / output.name
            members = sorted(path.iterdir()) if path.is_dir() else [path]
            for member in members:
                files[member.relative_to(self.output_dir).as_posix()] = _facts(member)
        record = {
            "format": RECORD_FORMAT,
            "fingerprint": key.fingerprint(info),
            "outputs": [output.name for output in outputs],
            "files": files,
        }
        target = self._record_path(name or info.name)
        state.folder(self.folder, self.output_dir)
        if target.is_dir() and not target.is_symlink():
            state.remove(target)
        atomic.write_text(target, json.dumps(record, indent=2) + "\n", sync=True)


RECORD_FORMAT = 2


def _plain_name(name: object) -> bool:
    """A file name directly in the output folder: no folder part, not ``.`` or ``..``."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name


def _facts(path: Path) -> dict[str, object]:
    status = path.stat()
    return {
        "size": status.st_size,
        "mtime_ns": status.st_mtime_ns,
        "inode": status.st_ino,
        "sha256": _content_hash(path),
    }


def _matches(path: Path, facts: object) -> bool:
    """Whether ``path`` is the file ``facts`` describes.

    The same size, modification time and inode: the same file, no reading needed. Otherwise
    (a copied folder, or a file replaced behind the record's back) its content decides.
    """
    if not isinstance(facts, dict):
        return False
    try:
        status = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != facts.get("size"):
        return False
    if (status.st_mtime_ns, status.st_ino) == (facts.get("mtime_ns"), facts.get("inode")):
        return True
    try:
        return _content_hash(path) == facts.get("sha256")
    except OSError:
        return False


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
