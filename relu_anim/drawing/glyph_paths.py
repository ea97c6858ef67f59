"""Let Manim's TeX glyphs drop their parsed SVG paths once their points are made.

Manim keeps each glyph's ``svgelements`` path (``VMobjectFromSVGPath.path_obj``) after
``generate_points`` has turned it into Bézier points, and never reads it again. Every copy of
a formula deep-copies those paths segment by segment: each ``Transform``, ``FadeOut``, each
``DecimalNumber`` update and Manim's own SVG cache. That was 40–75 % of building a scene with
animations skipped (Symmetric 5.1 s → 1.3 s without them); renders make the same copies. The
glyphs' points, and so every frame, stay the same.
"""

from __future__ import annotations

import functools
from typing import Any

from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

_RELEASED = "_relu_anim_releases_path"


def release_parsed_svg_paths() -> None:
    """Make every glyph built from now on forget its parsed path after making its points.

    Safe to call more than once.

    Examples
    --------
    >>> import svgelements
    >>> release_parsed_svg_paths()
    >>> glyph = VMobjectFromSVGPath(svgelements.Path("M 0 0 L 1 2"))
    >>> glyph.path_obj is None, len(glyph.points)
    (True, 4)
    """
    init = VMobjectFromSVGPath.__init__
    if getattr(init, _RELEASED, False):
        return

    @functools.wraps(init)
    def init_then_release(self: VMobjectFromSVGPath, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.path_obj = None

    setattr(init_then_release, _RELEASED, True)
    VMobjectFromSVGPath.__init__ = init_then_release  # type: ignore[method-assign]  # the patch
