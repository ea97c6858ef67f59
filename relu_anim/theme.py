"""Colour themes shared by every scene (plain hex strings, so this module never imports Manim)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    """One palette for a whole video.

    Every role has one fixed colour so that a lecturer can say "the yellow curve" in any scene:
    the target, the approximation, single units, and the sign of a weight.

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

    def weight_color(self, weight: float) -> str:
        """Return the colour of a weight by its sign (zero counts as positive)."""
        return self.negative if weight < 0 else self.positive


DARK = Theme(
    name="dark",
    background="#111318",
    text="#ECEFF4",
    muted="#8A93A6",
    target="#FFD166",
    approximation="#2EC4B6",
    unit="#B388EB",
    positive="#4EA8DE",
    negative="#F4845F",
    highlight="#FFFFFF",
)

LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1B1F27",
    muted="#6B7280",
    target="#B7791F",
    approximation="#0F766E",
    unit="#7C3AED",
    positive="#1D4ED8",
    negative="#C2410C",
    highlight="#111827",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DARK, LIGHT)}


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
