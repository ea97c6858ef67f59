"""The wheel: built from the repository, installed into a fresh venv, run from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import av
import pytest

pytestmark = pytest.mark.render

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; Manim and the rest come from this venv's
    site-packages by a path entry (no download), never the repository's source."""
    work = tmp_path_factory.mktemp("wheel")
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
            str(REPO),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    # pip's own words when it fails (one clean-clone run in six failed here, unexplained)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stdout}\n{built.stderr}"
    (wheel,) = (work / "dist").glob("relu_anim-*.whl")
    env_dir = work / "venv"
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


def run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "relu_anim.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path) -> None:
    code = (
        "import relu_anim, relu_anim_scenes; print(relu_anim.__file__, relu_anim_scenes.__file__)"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
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
