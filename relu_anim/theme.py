"""Colour themes shared by every scene (plain hex strings, so this module never imports Manim).

The theme owns the roles, scenes name them: a scene draws "the unit" in ``theme.unit`` and never
borrows another role's colour for a different meaning. :data:`SCENE_ROLES` says which roles each
scene shows together, and ``tests/test_theme_colours.py`` checks the palettes on those pairs with
:mod:`relu_anim.colour`:

- every pair of roles shown together in a scene differs by at least 20 ΔE2000 under normal vision
  and simulated protanopia, deuteranopia and tritanopia (Machado 2009, severity 1), unless
  :func:`second_cue` names something other than colour that tells them apart;
- every colour used for text has a contrast of at least 4.5:1 against the background (WCAG 2.x),
  and the translucent fills (the symmetric scene's band, the faint unit curves) at least 3:1
  once composited over the background at their opacity.

The palettes started from Okabe & Ito's colour-blind-safe set (orange, sky blue, reddish purple,
bluish green...). That set alone fails here: on a dark background its blue and green are too dark
for text, and a scene such as Bends shows seven roles at once, more than any fixed palette keeps
20 ΔE apart under all three simulations. So each colour was moved (hue within its family,
lightness and chroma) by a search that maximised the smallest such difference, then checked by the
tests; the light theme is darker throughout because every role is also text on white.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

#: The smallest text: its capital letters (and digits) at least this share of the frame's short
#: side tall, 14 px at 480p in every aspect (the short side is 480 px at -q l). Smaller tick
#: numbers and insets (7 to 11 px before issue 18) cannot be read from the back of a room.
MIN_CAP_HEIGHT = 14 / 480
#: The smallest TeX font size (points, as Manim counts them) that meets it on an 8-unit short
#: side: Computer Modern's H is 0.0070880 units tall per point (0.34022 at 48 pt, measured).
MIN_TEX_FONT = math.ceil(MIN_CAP_HEIGHT * 8.0 / 0.0070880)

#: Roles drawn as signed numbers (and, for the weights, as edges labelled or sized by the weight).
NUMBER_ROLES = frozenset({"positive", "negative", "slope"})


@dataclass(frozen=True, slots=True)
class Theme:
    """One palette for a whole video: every role has one colour in every scene.

    Roles: ``target`` the function to approximate; ``approximation`` the sum of units that
    approximates it (a fit, a net's output); ``unit`` one ReLU unit (its curve, its glyph, its
    output), and ``hatch_opacity`` how faint units are drawn behind a fit; ``positive`` and
    ``negative`` the sign of a weight; ``slope`` a slope or change of slope; ``band`` (at
    ``band_opacity``) a shaded interval; ``highlight`` markers and emphasis; ``muted`` axes,
    guides and curves left behind; ``series`` the data series of the error-law scene, in order.

    Examples
    --------
    >>> DARK.weight_color(-0.5) == DARK.negative
    True
    """

    name: str
    background: str
    text: str
    muted: str
    target: str
    approximation: str
    unit: str
    positive: str
    negative: str
    highlight: str
    slope: str
    band: str
    band_opacity: float
    hatch_opacity: float
    series: tuple[str, str, str, str, str]

    def weight_color(self, weight: float) -> str:
        """Return the colour of a weight by its sign (zero counts as positive)."""
        return self.negative if weight < 0 else self.positive

    def roles(self) -> dict[str, tuple[str, float]]:
        """Every colour role as ``name: (colour, opacity)``; series as ``series0`` … ``series4``.

        ``hatch`` is the unit's colour at ``hatch_opacity``.
        """
        skip = {"name", "background", "band_opacity", "hatch_opacity", "series", "band"}
        roles = {f.name: (getattr(self, f.name), 1.0) for f in fields(self) if f.name not in skip}
        roles["band"] = (self.band, self.band_opacity)
        roles["hatch"] = (self.unit, self.hatch_opacity)
        roles.update({f"series{i}": (colour, 1.0) for i, colour in enumerate(self.series)})
        return roles


DARK = Theme(
    name="dark",
    background="#111318",
    text="#ECEFF4",
    muted="#A7A7B4",
    target="#FDC890",
    approximation="#6E8BF4",
    unit="#F32776",
    positive="#5C96BE",
    negative="#D3544F",
    highlight="#FFFFFF",
    slope="#9FE210",
    band="#39B019",
    band_opacity=0.6,
    hatch_opacity=0.89,
    series=("#FF0121", "#A853FE", "#FFB2E9", "#9EF8BD", "#408E83"),
)

LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1B1F27",
    muted="#5A5A61",
    target="#572A12",
    approximation="#190E56",
    unit="#AA16D4",
    positive="#187675",
    negative="#B85237",
    highlight="#111827",
    slope="#0E2B52",
    band="#404748",
    band_opacity=0.6,
    hatch_opacity=0.83,
    series=("#B0540E", "#841BFF", "#2F0E4E", "#123325", "#207D74"),
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DARK, LIGHT)}

#: The roles each scene shows (beside the background and plain text), checked pair by pair.
SCENE_ROLES: dict[str, frozenset[str]] = {
    scene: frozenset(roles.split())
    for scene, roles in {
        "neuron": "muted unit positive negative highlight",
        "shift": "muted unit highlight",
        "bends": "muted approximation unit positive negative slope highlight",
        "symmetric": "muted target approximation unit slope highlight band",
        "activations": "muted target approximation unit hatch highlight",
        "square": "muted target approximation highlight",
        "error_law": "muted highlight series0 series1 series2 series3 series4",
        "depth": "muted target approximation hatch positive negative highlight",
        "training": "muted target approximation positive negative highlight",
        "two_inputs": "muted approximation unit highlight",
    }.items()
}

#: Roles drawn as text somewhere (≥ 4.5:1); the rest are lines and fills (≥ 3:1).
TEXT_ROLES = frozenset(
    {"text", "muted", "target", "approximation", "unit", "positive", "negative", "highlight"}
    | {"slope", "series0", "series1", "series2", "series3", "series4"}
)


def second_cue(first: str, second: str) -> str | None:
    """What besides colour tells roles ``first`` and ``second`` apart, or None (colour alone).

    ``highlight`` only marks things (dots, boxes, rings, a gap segment) or emphasises text;
    ``hatch`` is the unit's own curves, faint. A signed number (a weight, a slope) is never read
    as a curve: it shows its sign and sits in a formula, a labelled row or beside its segment.
    Beside the error law's series (dotted polylines) the muted colour draws only the axes and a
    dashed level line.
    """
    pair = {first, second}
    if "highlight" in pair:
        return "marker"
    if "muted" in pair and any(role.startswith("series") for role in pair):
        return "dash pattern"
    if pair == {"unit", "hatch"}:
        return "same role"
    if (first in NUMBER_ROLES) != (second in NUMBER_ROLES):
        return "label"
    return None


def theme_named(name: str) -> Theme:
    """Return the theme called ``name``.

    Examples
    --------
    >>> theme_named("light").background
    '#FFFFFF'
    """
    try:
        return THEMES[name]
    except KeyError:
        choices = ", ".join(THEMES)
        raise ValueError(f"unknown theme {name!r}; use one of: {choices}") from None
