"""``slides.pptx`` read by outside programs: LibreOffice renders it, poppler reads the result.

python-pptx's read-back (``test_lecture_pack.py``) proves what the file says; here
LibreOffice Impress draws each slide to a PDF page as a projector or a printout would show it,
and poppler turns the pages into pixels and text. Stand-in renders colour each beat
differently, so a slide's picture tells which beat's frame it shows.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from lecture_support import BEATS, COLOURS, fake_render, near
from PIL import Image

from relu_anim.lecture import SceneSource, build_pack, slides
from relu_anim.settings import SceneParams

pytestmark = pytest.mark.xdist_group("lecture_slides")

SCENES = ("neuron", "shift")
INSTALL = "./tasks test installs it: apt-get install libreoffice-impress poppler-utils"


@functools.cache
def office_missing() -> str:
    """Why LibreOffice cannot render slides here, or ``""``."""
    for program in ("soffice", "pdftoppm", "pdftotext"):
        if shutil.which(program) is None:
            return f"{program} is not installed ({INSTALL})"
    if not slides.slides_available():
        return "python-pptx is not installed (pip install -e '.[dev]')"
    return ""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The pack's slides.pptx as LibreOffice draws it: the PDF and one PNG per slide."""
    if office_missing():
        pytest.skip(office_missing())
    root = tmp_path_factory.mktemp("slides")
    for name in SCENES:
        fake_render(root / "render", name, lead_in=True)
    sources = [SceneSource(name, "", root / "render", SceneParams(theme="dark")) for name in SCENES]
    build_pack(sources, root / "pack", want_slides=True)
    profile = (root / "office-profile").as_uri()  # its own profile: runs never share one
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root),
            str(root / "pack" / "slides.pptx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = root / "slides.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists(), done.stderr
    subprocess.run(["pdftoppm", "-r", "24", "-png", str(pdf), str(root / "page")], check=True)
    return pdf, sorted(root.glob("page-*.png"))


def patch_colour(page: Path, x: float, y: float) -> tuple[int, ...]:
    """The mean colour of a small square around (x, y), given as fractions of the page."""
    with Image.open(page) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=float)
    height, width, _ = pixels.shape
    row, column = round(y * height), round(x * width)
    square = pixels[row - 3 : row + 4, column - 3 : column + 4]
    return tuple(round(v) for v in square.reshape(-1, 3).mean(axis=0))


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_libreoffice_draws_a_title_slide_then_each_beats_own_last_frame(
    rendered: tuple[Path, list[Path]],
) -> None:
    _, pages = rendered
    assert len(pages) == len(SCENES) * (1 + len(BEATS))
    for scene in range(len(SCENES)):
        opening, *beats = pages[scene * (1 + len(BEATS)) : (scene + 1) * (1 + len(BEATS))]
        centre = patch_colour(opening, 0.5, 0.6)
        assert not any(near(centre, colour, 40) for colour in COLOURS)  # no video there
        for index, page in enumerate(beats):
            # The middle of the slide, below its title, is the video's poster: that beat's
            # colour (the beat before it, or black, was what manim-slides' converter showed).
            assert near(patch_colour(page, 0.5, 0.6), COLOURS[index], 20), (scene, index)


def test_every_slide_has_its_title_as_text(rendered: tuple[Path, list[Path]]) -> None:
    pdf, _ = rendered
    texts = [" ".join(text.split()) for text in page_texts(pdf)]
    expected = []
    for number, name in enumerate(SCENES, start=1):
        expected += [f"{number}. The {name} scene", "1. Target", "2. One ReLU", "3. Sweep"]
    assert len(texts) == len(expected)
    for text, title in zip(texts, expected, strict=True):
        assert title in text, (title, text)
    assert "Shift: 3 beats" in texts[4]
