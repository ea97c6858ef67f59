"""One way to write ``a·ReLU(w·x + b)`` terms: as LaTeX for the picture, as text for captions.

Examples
--------
>>> term_text(-2.0, 1.0)
'−2·ReLU(x − 1)'
>>> affine_latex(1.0, -1.0)
'x - 1'
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from manim import DOWN, LEFT, RIGHT, MathTex

from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme


def _short(value: float, decimals: int) -> str:
    """``value`` with at most ``decimals`` places and no trailing zeros (``1``, ``0.5``)."""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def affine_latex(w: float, b: float, decimals: int = 2) -> str:
    """``w·x + b`` as LaTeX: ``x - 1`` for a unit slope, ``-2x + 2`` otherwise."""
    if w == 1.0:
        slope = "x"
    elif w == -1.0:
        slope = "-x"
    else:
        slope = f"{_short(w, decimals)}x"
    if round(b, decimals) == 0.0:
        return slope
    return f"{slope} {'-' if b < 0 else '+'} {_short(abs(b), decimals)}"


def term_text(a: float, h: float) -> str:
    """``a·ReLU(x − h)`` as caption text, with real minus signs: ``−2·ReLU(x + 1)``."""
    shift = "x" if h == 0 else (f"x + {-h:g}" if h < 0 else f"x − {h:g}")
    return f"{a:g}·ReLU({shift})".replace("-", "−")


def net_latex(net: ReLUNet, decimals: int = 2, terms_per_line: int | None = None) -> str:
    """Return ``net`` written out as LaTeX, e.g. ``-0.17 + 1.00 ReLU(x) + 2.00 ReLU(x - 1)``.

    Weights equal to exactly 1 and an output bias of 0 are left out, so hand-made nets read as
    written (``ReLU(x) + ReLU(x - 1)``); so are units whose weight rounds to 0 at ``decimals``
    places (they would show as ``0.00 ReLU(x)`` and teach nothing). With ``terms_per_line``
    the sum breaks into lines of that many terms; each later line starts with ``&\\quad``, so
    write ``g(x) &= `` before it (``MathTex`` typesets ``align*``).

    Examples
    --------
    >>> net_latex(ReLUNet(a=[1.0, 1.0], w=[1.0, 1.0], b=[0.0, -1.0]))
    '\\\\operatorname{ReLU}(x) + \\\\operatorname{ReLU}(x - 1)'
    >>> net_latex(ReLUNet(a=[0.5, 0.001], w=[1.0, 1.0], b=[0.0, -1.0], c=0.25))
    '0.25 + 0.50\\\\,\\\\operatorname{ReLU}(x)'
    """
    terms: list[str] = []
    if round(net.c, decimals) != 0.0:
        terms.append(f"{net.c:.{decimals}f}")
    for a, w, b in zip(net.a, net.w, net.b, strict=True):
        if round(a, decimals) == 0.0:
            continue
        weight = "" if abs(a) == 1.0 else f"{abs(a):.{decimals}f}\\,"
        relu = rf"\operatorname{{ReLU}}({affine_latex(w, b, decimals)})"
        if terms:
            terms.append(f"{'-' if a < 0 else '+'} {weight}{relu}")
        else:
            terms.append(f"{'-' if a < 0 else ''}{weight}{relu}")
    if not terms:
        terms.append("0")
    if terms_per_line is None:
        return " ".join(terms)
    lines = [
        " ".join(terms[start : start + terms_per_line])
        for start in range(0, len(terms), terms_per_line)
    ]
    return r" \\ &\quad ".join(lines)


def weighted_sum(
    weights: Sequence[float], kinks: Sequence[float], theme: Theme, font_size: float = 32
) -> MathTex:
    """``g(x) = a₁ ReLU(x − h₁) + …`` with each weight its own part, coloured by its sign.

    Part ``1 + 2i`` is the weight ``aᵢ`` and part ``2 + 2i`` its ``ReLU(x − hᵢ)``, so a scene
    can write, highlight or copy one term at a time.
    """
    parts = [r"g(x) ="]
    for i, (a, h) in enumerate(zip(weights, kinks, strict=True)):
        parts.append(f"{a:g}" if i == 0 else f"{a:+g}")
        parts.append(rf"\,\mathrm{{ReLU}}({affine_latex(1.0, -h)})")
    formula = MathTex(*parts, font_size=font_size)
    formula[0][:4].set_color(theme.approximation)
    for i, a in enumerate(weights):
        formula[1 + 2 * i].set_color(theme.weight_color(a))
    return formula


def break_points(latex: str) -> list[int]:
    r"""Where ``latex`` may break into lines: before ``\quad`` and before a spaced ``=``, ``+``
    or ``-`` between terms, never inside brackets, braces or an environment (``cases``).

    Examples
    --------
    >>> text = r"x - \frac{x^{3}}{6} + \dots \quad \text{for } x > -1"
    >>> [text[i:i + 6] for i in break_points(text)]
    ['- \\fra', '+ \\dot', '\\quad ']
    >>> text = r"y = f(x - h) = \begin{cases} 0 & x < h \\ x - h & x \ge h \end{cases}"
    >>> [text[i:i + 3] for i in break_points(text)]
    ['= f', '= \\']
    """
    points, depth, inside = [], 0, 0
    for index, char in enumerate(latex):
        depth += {"{": 1, "}": -1, "(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if latex.startswith(r"\begin{", index):
            inside += 1
        elif latex.startswith(r"\end{", index):
            inside -= 1
        if depth or inside or index == 0:
            continue
        spaced = latex[index - 1] == " " and latex[index + 1 : index + 2] == " "
        if (char in "=+-" and spaced) or latex.startswith(r"\quad", index):
            points.append(index)
    return points


def wrapped_tex(latex: str, width: float, indent: float = 0.5, **style: Any) -> MathTex:
    r"""``latex`` typeset in as few lines as fit ``width`` (broken at :func:`break_points`),
    lines after the first indented by ``indent``: text that must not shrink to fit a panel.

    One TeX run; part ``k`` of the result is line ``k``. Where no break fits, lines are as
    short as the breaks allow (and the caller's panel will scale them).

    Examples
    --------
    ::

        wrapped_tex(r"\sin(x) = x - \frac{x^{3}}{6} + \dots", panel.width, font_size=34)
    """
    whole = MathTex(latex, **style)
    points = break_points(latex)
    if whole.width <= width or not points:
        return whole
    # Widths of the pieces between break points, from one TeX run of them all.
    cuts = [0, *points, len(latex)]
    pieces = [latex[a:b].strip() for a, b in pairwise(cuts)]
    measured = MathTex(*pieces, **style)
    lines: list[str] = []
    line_width = 0.0
    for piece, part in zip(pieces, measured, strict=True):
        room = width - (indent if lines else 0.0)
        if lines and line_width + part.width + 0.1 <= room:
            lines[-1] += " " + piece
            line_width += part.width + 0.1
        else:
            lines.append(piece)
            line_width = part.width
    tex = MathTex(*lines, **style)
    for above, line in pairwise(tex):
        line.next_to(above, DOWN, buff=0.2).align_to(tex[0], LEFT).shift(indent * RIGHT)
    return tex
