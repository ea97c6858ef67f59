"""How tall text is drawn, and which texts are too small to read (the layout tests use it).

A text's size is the height of its capital letters (cap height), whatever it holds: ``x`` and
``0.5`` are read at the size their font would draw ``H``. It is measured from the font size
Manim keeps for every text mobject (scaled with it, by :meth:`Panel.put` too) and the height
of a capital ``H`` set in the same way at Manim's default size.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from manim import DEFAULT_FONT_SIZE, DecimalNumber, MathTex, Mobject, SingleStringMathTex, Text

from relu_anim.drawing.layout import Panel, texts
from relu_anim.theme import MIN_CAP_HEIGHT


@cache
def _cap_per_point(kind: str, font: str = "") -> float:
    """Cap height per point of font size: ``H`` set by TeX, or by Pango in ``font``."""
    reference = MathTex("H") if kind == "tex" else Text("H", font=font)
    return float(reference.height) / DEFAULT_FONT_SIZE


def cap_height(text: Mobject) -> float:
    """The cap height ``text`` is drawn at, in Manim units (``MathTex("x")`` and
    ``MathTex("H")`` of one font size have the same)."""
    if isinstance(text, SingleStringMathTex | DecimalNumber):
        return float(text.font_size) * _cap_per_point("tex")
    if isinstance(text, Text):
        return float(text.font_size) * _cap_per_point("text", text.font)
    raise TypeError(f"not a text mobject: {type(text).__name__}")


def smallest_cap_height(frame: Panel) -> float:
    """The smallest cap height allowed in ``frame``: ``MIN_CAP_HEIGHT`` of its short side.

    Examples
    --------
    >>> round(smallest_cap_height(Panel(-4.0, 4.0, -7.11, 7.11)) * 480 / 8, 6)  # 9:16, in px
    14.0
    """
    return MIN_CAP_HEIGHT * min(frame.width, frame.height)


def small_texts(mobjects: Iterable[Mobject], frame: Panel) -> list[tuple[str, float]]:
    """Every visible text among ``mobjects`` drawn smaller than :func:`smallest_cap_height`,
    as ``(description, cap height in pixels at 480p)`` (the frame's short side 480 px)."""
    least = smallest_cap_height(frame)
    pixels = 480 / min(frame.width, frame.height)
    found = []
    for text in texts(mobjects):
        height = cap_height(text)
        if height < least - 1e-9:
            label = getattr(text, "tex_string", None) or getattr(text, "text", None)
            if isinstance(text, DecimalNumber):
                label = f"{text.get_value():g}"
            found.append((f"{type(text).__name__}({label!r})", round(height * pixels, 2)))
    return found
