"""Frames that print: a dark-theme frame redrawn in the light theme's colours, pixel by pixel.

A handout is printed, and a dark frame prints as a page of toner. Every colour in a scene is
one of its theme's roles (``relu_anim.theme``), drawn over the background at some coverage
(anti-aliased edges, a band's opacity). So each pixel is read as "role *k* at coverage *a*
over the background", the role that explains it best, and drawn again as the light theme's
role *k* at the same coverage over the light background. Geometry is untouched: the same
pixels, in the colours the light theme gives the same roles. Where two roles overlap (a curve
over a band) the pixel takes the nearer one.
"""

from __future__ import annotations

import numpy as np

from relu_anim.colour import hex_to_rgb
from relu_anim.theme import Theme, theme_named

#: Roles that are colours of their own; band and hatch are those colours at an opacity, which
#: the coverage recovers.
ROLES = (
    "text",
    "muted",
    "target",
    "approximation",
    "unit",
    "positive",
    "negative",
    "highlight",
    "slope",
    "band",
)


def _palette(theme: Theme) -> tuple[np.ndarray, np.ndarray]:
    """The background and the role colours (one row per role, series last), in 0..255."""
    colours = [getattr(theme, role) for role in ROLES] + list(theme.series)
    rows = np.array([hex_to_rgb(colour) for colour in colours], dtype=np.float32) * 255
    return np.asarray(hex_to_rgb(theme.background), dtype=np.float32) * 255, rows


def recolour(frame: np.ndarray, source: str, target: str = "light") -> np.ndarray:
    """``frame`` (RGB, uint8, drawn in theme ``source``) drawn in theme ``target``'s colours.

    Examples
    --------
    >>> from relu_anim.theme import DARK, LIGHT
    >>> dark = np.array([[hex_to_rgb(DARK.background), hex_to_rgb(DARK.target)]]) * 255
    >>> light = recolour(dark.round().astype(np.uint8), "dark")
    >>> [f"#{r:02X}{g:02X}{b:02X}" for r, g, b in light[0]] == [LIGHT.background, LIGHT.target]
    True
    """
    if source == target:
        return frame
    back, roles = _palette(theme_named(source))
    new_back, new_roles = _palette(theme_named(target))
    # A frame has far fewer colours than pixels: work out each colour once.
    packed = frame.reshape(-1, 3).astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], np.uint32)
    unique, where = np.unique(packed, return_inverse=True)
    colours = np.stack([unique >> 16, (unique >> 8) & 255, unique & 255], axis=1)
    pixels = colours.astype(np.float32) - back
    best = np.full(len(pixels), np.inf, dtype=np.float32)
    coverage = np.zeros(len(pixels), dtype=np.float32)
    chosen = np.zeros(len(pixels), dtype=np.intp)
    for index, role in enumerate(roles - back):
        # The coverage a along the line from the background to this role that comes nearest.
        a = np.clip(pixels @ role / float(role @ role), 0.0, 1.0)
        miss = np.square(pixels - a[:, None] * role).sum(axis=1)
        better = miss < best
        best[better], coverage[better], chosen[better] = miss[better], a[better], index
    drawn = new_back + coverage[:, None] * (new_roles[chosen] - new_back)
    drawn = np.clip(drawn.round(), 0, 255).astype(np.uint8)
    return drawn[where.reshape(-1)].reshape(frame.shape)
