"""The handouts: the student's has no speaker notes and light frames; the lecturer's has notes.

The PDFs are read by poppler (``pdftotext``, ``pdfimages``), not by the code that wrote them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from lecture_support import fake_render
from PIL import Image

from relu_anim.colour import hex_to_rgb
from relu_anim.lecture import SceneSource, build_pack
from relu_anim.lecture.printframes import recolour
from relu_anim.settings import SceneParams
from relu_anim.theme import DARK, LIGHT

pytestmark = pytest.mark.xdist_group("lecture_handout")

#: Four beats: a full student page and one with a single beat. Beat b1 has notes.
BEATS = tuple((f"b{i}", f"Caption number {i} of the scene.", 0.4) for i in range(4))
NOTE = "Say more about b1."  # what fake_render gives beat 1 as its notes
DARK_BACKGROUND = tuple(round(v * 255) for v in hex_to_rgb(DARK.background))


def poppler(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} is not installed (./tasks test installs poppler-utils)")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A dark pack and a light one of two scenes whose frames are the dark background."""
    root = tmp_path_factory.mktemp("handout")
    folders = {}
    for theme in ("dark", "light"):
        render = root / f"render-{theme}"
        for name in ("neuron", "shift"):
            fake_render(render, name, beats=BEATS, colours=[DARK_BACKGROUND])
        sources = [
            SceneSource(name, f"The {name} scene", render, SceneParams(theme=theme))
            for name in ("neuron", "shift")
        ]
        folders[theme] = build_pack(sources, root / f"pack-{theme}", want_slides=False).pack_dir
    return folders


def texts(pdf: Path) -> list[str]:
    pages = poppler("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]
    return [" ".join(page.split()) for page in pages]


def test_the_student_handout_has_frames_captions_room_and_no_notes(
    packs: dict[str, Path],
) -> None:
    pages = texts(packs["dark"] / "handout.pdf")
    assert len(pages) == 4  # per scene: beats 1-3, then beat 4
    for scene, (first, second) in enumerate([pages[:2], pages[2:]]):
        assert first.startswith(f"{scene + 1}. The {('neuron', 'shift')[scene]} scene")
        for index in range(3):
            assert f"{index + 1}. B{index}" in first
            assert f"Caption number {index} of the scene." in first
        assert "4. B3" in second
        assert "Caption number 3 of the scene." in second
        assert first.count("Your notes") == 3
        assert second.count("Your notes") == 1
    assert not [page for page in pages if "Say more" in page or "Notes:" in page]
    images = poppler("pdfimages", "-list", str(packs["dark"] / "handout.pdf")).splitlines()[2:]
    assert len(images) == 8  # a frame per beat


def test_the_lecturer_handout_has_a_page_per_beat_with_its_notes(
    packs: dict[str, Path],
) -> None:
    pages = texts(packs["dark"] / "handout-lecturer.pdf")
    assert len(pages) == 8
    for index, page in enumerate(pages):
        assert f"{index % 4 + 1}. B{index % 4}" in page
        assert f"Caption number {index % 4} of the scene." in page
        assert (f"Notes: {NOTE}" in page) == (index % 4 == 1), page


def test_frames_print_light_whatever_the_theme(packs: dict[str, Path], tmp_path: Path) -> None:
    for theme, folder in packs.items():
        for which in ("handout.pdf", "handout-lecturer.pdf"):
            prefix = tmp_path / f"{theme}-{which}"
            poppler("pdfimages", "-j", str(folder / which), str(prefix))
            frames = sorted(tmp_path.glob(f"{prefix.name}-*.jpg"))
            assert len(frames) == 8
            for frame in frames:
                with Image.open(frame) as image:
                    pixels = np.asarray(image.convert("RGB"), dtype=float)
                if theme == "dark":
                    # The video's frame is the dark background; on paper it is white.
                    assert pixels.mean() > 250, (theme, which, pixels.mean())
                else:
                    # A light pack's frames are printed as they are: the pack's own JPEGs.
                    jpeg = frame.read_bytes()
                    files = [p.read_bytes() for p in folder.glob("*.beats/*.jpg")]
                    assert jpeg in files


def test_recolouring_keeps_each_roles_coverage_and_takes_the_light_colour() -> None:
    back, target, unit = (
        np.array(hex_to_rgb(c)) * 255 for c in (DARK.background, DARK.target, DARK.unit)
    )
    # Background, the target colour, and the unit colour at 40 % over the background.
    frame = np.array([[back, target, back + 0.4 * (unit - back)]]).round().astype(np.uint8)
    light = recolour(frame, "dark").astype(int)
    assert LIGHT.background == "#FFFFFF"
    assert LIGHT.target == "#572A12"
    assert LIGHT.unit == "#AA16D4"
    assert light[0, 0].tolist() == [255, 255, 255]
    assert light[0, 1].tolist() == [0x57, 0x2A, 0x12]
    # 40 % of #AA16D4 over white, worked out by hand: 255 - 0.4 * (255 - channel).
    expected = [255 - 0.4 * (255 - 0xAA), 255 - 0.4 * (255 - 0x16), 255 - 0.4 * (255 - 0xD4)]
    assert np.abs(light[0, 2] - expected).max() <= 2
