"""The wheel: built from the repository's tracked files, installed into a fresh venv, run from
another folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import av
import pytest

pytestmark = pytest.mark.render

REPO = Path(__file__).resolve().parent.parent


def tracked_files() -> list[str]:
    """The repository's tracked files that exist in the work tree (a deletion not yet
    committed is gone)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


def copy_of_tracked_files(destination: Path) -> Path:
    """The tracked files alone, copied: a build in the checkout writes build/ and egg-info
    there, and a later build packs what they hold, a module since deleted included."""
    for name in tracked_files():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the tracked files; the checkout is left as it was."""
    work = tmp_path_factory.mktemp("wheel")
    source = copy_of_tracked_files(work / "source")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(work / "dist"),
            str(source),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    # pip's own words when it fails (one clean-clone run in six failed here, unexplained)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stdout}\n{built.stderr}"
    (built_wheel,) = (work / "dist").glob("relu_anim-*.whl")
    return built_wheel


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; Manim and the rest come from this venv's
    site-packages by a path entry (no download), never the repository's source."""
    env_dir = tmp_path_factory.mktemp("installed") / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Dependencies only: a plain path line, so the repository's editable install (a .pth
    # hook in our own site-packages) is not carried over.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)],
        check=True,
        capture_output=True,
    )
    return env_dir


def clean_env() -> dict[str, str]:
    """This environment without a PYTHONPATH or venv that could put the checkout first."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env()
    return subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "relu_anim.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_wheel_holds_the_tracked_modules_and_no_others(wheel: Path) -> None:
    tracked = tracked_files()
    expected = {name for name in tracked if name.startswith("relu_anim/") and name.endswith(".py")}
    expected |= {
        "relu_anim_scenes/" + name.removeprefix("scenes/")
        for name in tracked
        if name.startswith("scenes/") and name.endswith(".py")
    }
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.endswith(".py")}
    assert packed == expected


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path) -> None:
    code = (
        "import relu_anim, relu_anim_scenes; print(relu_anim.__file__, relu_anim_scenes.__file__)"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(REPO) not in result.stdout
    assert str(installed) in result.stdout


def test_the_wheel_lists_and_renders_the_built_in_scenes_from_any_folder(installed, tmp_path):
    listing = run(installed, "list", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.splitlines()][:4] == [
        "neuron",
        "shift",
        "bends",
        "square",
    ]
    result = run(installed, "render", "shift", "-q", "l", "-o", "out", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    video = tmp_path / "out" / "shift.mp4"
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert sum(1 for _ in container.decode(stream)) > 100
    beats = json.loads((tmp_path / "out" / "shift.sections.json").read_text())["beats"]
    assert beats[0]["name"] == "relu_itself"
