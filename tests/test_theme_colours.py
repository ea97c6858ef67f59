"""The colour science (against published values) and the themes' colour roles (issue 18, item 5)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from relu_anim.colour import (
    MACHADO_2009,
    VISIONS,
    composite,
    contrast_ratio,
    delta_e2000,
    difference,
    hex_to_rgb,
    rgb_to_lab,
    simulate,
)
from relu_anim.theme import SCENE_ROLES, TEXT_ROLES, THEMES, second_cue

# Sharma, Wu & Dalal 2005, Table 1: (pair number, Lab 1, Lab 2, ΔE2000). Chosen to cover the
# formula's corners: hue angles either side of 0°/180° (7-16), large differences (17, 19),
# the blue region's rotation term (1, 29) and near-black pairs (33, 34).
SHARMA_PAIRS = [
    (1, (50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    (7, (50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    (10, (50.0, 2.49, -0.001), (50.0, -2.49, 0.001), 7.1792),
    (11, (50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    (13, (50.0, -0.001, 2.49), (50.0, 0.0009, -2.49), 4.8045),
    (15, (50.0, -0.001, 2.49), (50.0, 0.0011, -2.49), 4.7461),
    (17, (50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    (19, (50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    (25, (60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    (29, (22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    (32, (90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    (33, (6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    (34, (2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("number", "first", "second", "expected"), SHARMA_PAIRS)
def test_delta_e2000_matches_sharma_wu_dalal(number, first, second, expected) -> None:
    assert delta_e2000(first, second) == pytest.approx(expected, abs=5e-5), f"pair {number}"
    assert delta_e2000(second, first) == pytest.approx(expected, abs=5e-5), "symmetric"


def test_lab_of_known_srgb_colours() -> None:
    # CIE L*a*b* (D65) of sRGB white, black and red as tabulated by Lindbloom and others.
    np.testing.assert_allclose(rgb_to_lab(np.ones(3)), [100.0, 0.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(rgb_to_lab(np.zeros(3)), [0.0, 0.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(rgb_to_lab(hex_to_rgb("#FF0000")), [53.24, 80.09, 67.20], atol=0.01)


def test_wcag_contrast_of_known_pairs() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert round(contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48  # just fails AA
    assert round(contrast_ratio("#767676", "#FFFFFF"), 2) == 4.54  # the lightest grey that passes
    assert contrast_ratio("#FFFFFF", "#777777") == contrast_ratio("#777777", "#FFFFFF")


def test_composite_mixes_srgb_values() -> None:
    assert composite("#FFFFFF", 0.5, "#000000") == "#808080"
    assert composite("#123456", 1.0, "#FFFFFF") == "#123456"
    assert composite("#123456", 0.0, "#ABCDEF") == "#ABCDEF"


def test_machado_matrices_keep_greys_and_merge_red_with_green() -> None:
    # Their published rows sum to 1 (to six decimals): a grey is seen as the same grey.
    for matrix in MACHADO_2009.values():
        np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=2e-6)
    grey = hex_to_rgb("#808080")
    for vision in VISIONS:
        np.testing.assert_allclose(simulate(grey, vision), grey, atol=2e-3)
    # The defining confusions: red/green for protanopes and deuteranopes, not for tritanopes.
    red, green = "#D62728", "#2CA02C"
    assert difference(red, green) > 40
    assert difference(red, green, "deuteranopia") < 15
    assert difference(red, green, "protanopia") < difference(red, green) / 2
    assert difference(red, green, "tritanopia") > 30
    with pytest.raises(ValueError, match="unknown vision"):
        simulate(grey, "achromatopsia")


def test_the_old_palette_measures_as_the_issue_says() -> None:
    # Issue 18, item 5, measured on the palette before this change: our numbers must agree.
    assert difference("#B388EB", "#4EA8DE", "deuteranopia") == pytest.approx(1.8, abs=0.05)
    assert difference("#2EC4B6", "#8A93A6", "deuteranopia") == pytest.approx(8.0, abs=0.5)
    assert difference("#0F766E", "#6B7280", "deuteranopia") == pytest.approx(5.0, abs=0.5)
    band = composite("#2EC4B6", 0.12, "#111318")
    assert contrast_ratio(band, "#111318") == pytest.approx(1.2, abs=0.05)


def _shown(theme, role: str) -> str:
    colour, opacity = theme.roles()[role]
    return composite(colour, opacity, theme.background)


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES)
def test_roles_shown_together_differ_by_20_under_every_vision(theme) -> None:
    roles = theme.roles()
    failures = []
    for scene, shown in SCENE_ROLES.items():
        assert shown <= roles.keys(), f"{scene} names a role the theme lacks"
        for first, second in itertools.combinations(sorted(shown), 2):
            if second_cue(first, second):
                continue
            for vision in VISIONS:
                gap = difference(_shown(theme, first), _shown(theme, second), vision)
                if gap < 20:
                    failures.append(f"{scene}: {first}/{second} {gap:.1f} ({vision})")
    assert not failures, failures


def test_second_cues_are_few_and_named() -> None:
    # Only markers, a role's own faint copy, and numbers against curves skip the colour check.
    assert second_cue("approximation", "muted") is None
    assert second_cue("approximation", "unit") is None
    assert second_cue("positive", "negative") is None
    assert second_cue("series1", "series2") is None
    assert second_cue("slope", "positive") is None
    assert second_cue("highlight", "approximation") == "marker"
    assert second_cue("slope", "approximation") == "label"
    assert second_cue("muted", "series0") == "dash pattern"


def test_error_law_level_line_is_dashed_and_series_carry_dots() -> None:
    # The cue that lets the muted level line and a series share lightness: dashes against dots.
    from manim import DashedLine, Dot

    from relu_anim.drawing.errorlaw import level_line, loglog_axes, series_curve
    from relu_anim.drawing.layout import Panel
    from relu_anim.numeric import error_series
    from relu_anim.theme import DARK

    axes = loglog_axes(Panel(-6.0, 6.0, -3.5, 3.5), DARK)
    line = level_line(axes, 0.5, DARK)
    assert isinstance(line[0], DashedLine)
    assert line[0].get_color().to_hex().upper() == DARK.muted.upper()
    series = error_series(np.square, 0.0, 2.0, range(1, 11))
    curve = series_curve(axes, series, DARK.series[0])
    assert len(curve[1]) == 10
    assert all(isinstance(dot, Dot) for dot in curve[1])


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES)
def test_text_and_lines_contrast_with_the_background(theme) -> None:
    roles = theme.roles()
    for role in roles:
        needed = 4.5 if role in TEXT_ROLES else 3.0
        ratio = contrast_ratio(_shown(theme, role), theme.background)
        assert ratio >= needed, f"{theme.name} {role}: {ratio:.2f}:1"
    # The translucent ones are the fills: band and the faint unit curves.
    assert set(roles) - TEXT_ROLES == {"band", "hatch"}


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES)
def test_every_role_has_one_colour_distinct_from_the_background(theme) -> None:
    colours = [colour for role, (colour, _) in theme.roles().items() if role != "hatch"]
    assert theme.background not in colours
    assert len(set(theme.series)) == len(theme.series)


def test_slope_labels_use_the_slope_role_and_weights_their_sign() -> None:
    from manim import Axes

    from relu_anim.drawing.slopes import signed_number, slope_labels
    from relu_anim.numeric import ReLUNet
    from relu_anim.theme import DARK

    net = ReLUNet(a=[1.0, -2.0], w=[1.0, 1.0], b=[0.0, -1.0])
    axes = Axes(x_range=[-2, 3, 1], y_range=[-3, 3, 1])
    labels = slope_labels(axes, net, (-2.0, 3.0), DARK)
    assert [label.get_color().to_hex().upper() for label in labels] == [DARK.slope.upper()] * 3
    # Slopes 0, +1, −1: the sign is written, so slope and weight numbers never rely on colour.
    assert [label.include_sign for label in labels] == [False, True, True]
    weight = signed_number(-2.0, DARK)
    assert weight.get_color().to_hex().upper() == DARK.negative.upper()
