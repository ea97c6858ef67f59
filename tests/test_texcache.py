"""The output folder's shared TeX cache: seeded into each render, published after it."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from relu_anim.catalog import scene_named
from relu_anim.render import texcache
from relu_anim.render.scene import render_scene
from relu_anim.settings import RenderSettings

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>\n'


def test_seed_links_what_the_render_lacks_and_keeps_what_it_has(tmp_path: Path) -> None:
    shared, private = tmp_path / "Tex", tmp_path / "shift" / "Tex"
    shared.mkdir()
    (shared / "a.svg").write_bytes(SVG)
    (shared / "b.svg").write_bytes(SVG)
    private.mkdir(parents=True)
    (private / "b.svg").write_bytes(SVG + b"<!-- own -->")

    assert texcache.seed(shared, private) == 1
    assert (private / "a.svg").read_bytes() == SVG
    assert (private / "b.svg").read_bytes().endswith(b"<!-- own -->")
    assert sorted(path.name for path in private.iterdir()) == ["a.svg", "b.svg"]


def test_publish_adds_only_whole_new_formulas(tmp_path: Path) -> None:
    shared, private = tmp_path / "Tex", tmp_path / "shift" / "Tex"
    private.mkdir(parents=True)
    (private / "whole.svg").write_bytes(SVG)
    (private / "cut.svg").write_bytes(SVG[:40])  # what a stopped dvisvgm leaves
    (private / "whole.tex").write_text("\\documentclass{standalone}")

    assert texcache.publish(private, shared) == 1
    assert sorted(path.name for path in shared.iterdir()) == ["whole.svg"]
    assert texcache.publish(private, shared) == 0


def test_a_missing_folder_is_an_empty_cache(tmp_path: Path) -> None:
    assert texcache.seed(tmp_path / "none", tmp_path / "private") == 0
    assert texcache.publish(tmp_path / "none", tmp_path / "shared") == 0
    assert not (tmp_path / "shared").exists()


def test_a_seeded_formula_is_its_own_file_in_the_render(tmp_path: Path) -> None:
    # Removing the render's scratch folder must leave the shared cache whole.
    shared, private = tmp_path / "Tex", tmp_path / "shift" / "Tex"
    shared.mkdir()
    (shared / "a.svg").write_bytes(SVG)
    texcache.seed(shared, private)
    (private / "a.svg").unlink()
    assert (shared / "a.svg").read_bytes() == SVG


@pytest.mark.render
def test_a_render_seeded_from_another_scenes_formulas_draws_the_same_frames(tmp_path: Path):
    # Bends typesets tick numbers and formulas Shift uses too; Shift then reuses them.
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    render_scene(scene_named("shift"), options=tiny(alone))
    render_scene(scene_named("bends"), options=tiny(shared))
    cached = {path.name for path in texcache.output_cache(shared).glob("*.svg")}
    result = render_scene(scene_named("shift"), options=tiny(shared))

    own = {path.name for path in (shared / ".work" / "shift" / "Tex").glob("*.svg")}
    assert own & cached, "Shift found none of Bends' formulas in the shared cache"
    assert {path.name for path in texcache.output_cache(shared).glob("*.svg")} >= own
    expected = decoded(alone / "shift.mp4")
    actual = decoded(result.video)
    assert len(actual) == len(expected) > 0
    for number, (want, got) in enumerate(zip(expected, actual, strict=True)):
        assert np.array_equal(want, got), f"frame {number} differs"


def tiny(output_dir: Path) -> RenderSettings:
    """A real render, small and at 5 fps: every frame still goes through Cairo and the encoder."""
    pixels = (("pixel_width", 214), ("pixel_height", 120), ("frame_rate", 5))
    return RenderSettings(
        quality="l", output_dir=output_dir, progress_bar=False, manim_config=pixels
    )


def decoded(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


# -- a damaged cache repairs itself ----------------------------------------------------------


def test_a_damaged_formula_in_the_cache_is_removed_not_seeded(tmp_path: Path) -> None:
    # One truncated SVG linked into every render made every scene fail with a ParseError.
    shared, private = tmp_path / "Tex", tmp_path / "shift" / "Tex"
    shared.mkdir()
    (shared / "whole.svg").write_bytes(SVG)
    (shared / "cut.svg").write_bytes(SVG[:40])
    (shared / "folder.svg").mkdir()

    assert texcache.seed(shared, private) == 1
    assert sorted(path.name for path in private.iterdir()) == ["whole.svg"]
    assert sorted(path.name for path in shared.iterdir()) == ["whole.svg"]

    # The render typesets it again; publishing then adds the whole file.
    (private / "cut.svg").write_bytes(SVG)
    assert texcache.publish(private, shared) == 1
    assert (shared / "cut.svg").read_bytes() == SVG


def test_a_file_where_the_cache_folder_belongs_is_replaced(tmp_path: Path) -> None:
    shared, private = tmp_path / "Tex", tmp_path / "shift" / "Tex"
    shared.write_text("not a folder")
    assert texcache.seed(shared, private) == 0
    private.mkdir(parents=True)
    (private / "a.svg").write_bytes(SVG)
    assert texcache.publish(private, shared) == 1
    assert (shared / "a.svg").read_bytes() == SVG


def test_a_cache_that_cannot_be_written_costs_only_the_cache(tmp_path: Path) -> None:
    # After the render's files are in place: a failure here must not fail the render.
    private = tmp_path / "shift" / "Tex"
    private.mkdir(parents=True)
    (private / "a.svg").write_bytes(SVG)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert texcache.publish(private, not_a_folder / "Tex") == 0
