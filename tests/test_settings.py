"""Scene parameters and themes: validation and precedence."""

from __future__ import annotations

import pytest

from relu_anim.settings import MAX_UNITS, SceneParams
from relu_anim.theme import DARK, LIGHT, THEMES, theme_named


def test_overrides_replace_only_what_they_set() -> None:
    defaults = SceneParams(units=100, interval=(0.0, 2.0), target="square", theme="dark")
    merged = defaults.overridden_by(SceneParams(units=7, theme="light"))
    assert merged == SceneParams(units=7, interval=(0.0, 2.0), target="square", theme="light")
    assert defaults.overridden_by(None) is defaults


@pytest.mark.parametrize("units", [0, -1, MAX_UNITS + 1, 2.5, True, "3"])
def test_bad_unit_counts_are_rejected(units: object) -> None:
    with pytest.raises(ValueError, match="units must be"):
        SceneParams(units=units)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "interval", [(1.0, 1.0), (2.0, 0.0), (float("nan"), 1.0), (0.0, float("inf"))]
)
def test_bad_intervals_are_rejected(interval: tuple[float, float]) -> None:
    with pytest.raises(ValueError, match="LO < HI"):
        SceneParams(interval=interval)


def test_interval_is_stored_as_floats() -> None:
    assert SceneParams(interval=(0, 2)).interval == (0.0, 2.0)


def test_themes_give_every_role_a_distinct_colour() -> None:
    for theme in THEMES.values():
        roles = [theme.target, theme.approximation, theme.unit, theme.positive, theme.negative]
        assert len(set(roles)) == len(roles)
        assert theme.background not in roles


def test_weight_colour_follows_sign() -> None:
    assert DARK.weight_color(2.0) == DARK.positive
    assert LIGHT.weight_color(-1e-9) == LIGHT.negative
    assert theme_named("dark") is DARK
    with pytest.raises(ValueError, match="use one of: dark, light"):
        theme_named("neon")
