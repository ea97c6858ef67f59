"""Glyphs drop their parsed SVG path: same points, and copies that no longer carry it."""

from __future__ import annotations

import numpy as np
import svgelements

from relu_anim.drawing.glyph_paths import release_parsed_svg_paths

OUTLINE = "M 0 0 L 3 0 Q 4 1 3 2 C 2 3 1 3 0 2 Z M 1 1 L 2 1 L 2 2 Z"


def test_a_glyph_has_the_points_it_had_with_its_path_kept() -> None:
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

    release_parsed_svg_paths()
    released = VMobjectFromSVGPath(svgelements.Path(OUTLINE))
    kept = VMobjectFromSVGPath.__new__(VMobjectFromSVGPath)
    VMobjectFromSVGPath.__init__.__wrapped__(kept, svgelements.Path(OUTLINE))
    assert released.path_obj is None
    assert kept.path_obj is not None
    # Line, quad, cubic, closing line; then line, line, closing line: one cubic each.
    assert len(released.points) == 4 * 7
    np.testing.assert_array_equal(released.points, kept.points)


def test_releasing_twice_wraps_once_and_copies_keep_the_points() -> None:
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

    release_parsed_svg_paths()
    once = VMobjectFromSVGPath.__init__
    release_parsed_svg_paths()
    assert VMobjectFromSVGPath.__init__ is once
    glyph = VMobjectFromSVGPath(svgelements.Path(OUTLINE))
    copy = glyph.copy()
    assert copy.path_obj is None
    np.testing.assert_array_equal(copy.points, glyph.points)
