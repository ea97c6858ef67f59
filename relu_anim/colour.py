"""Colour science for checking the themes: sRGB, CIE Lab, ΔE2000, colour-vision simulation, WCAG.

numpy only (no Manim), so the theme can be checked without rendering anything.

- sRGB ↔ linear RGB and CIE XYZ / Lab (IEC 61966-2-1, D65 white).
- :func:`delta_e2000`: CIEDE2000 as written out by Sharma, Wu & Dalal, "The CIEDE2000
  color-difference formula: implementation notes, supplementary test data, and mathematical
  observations", Color Res. Appl. 30(1), 2005.
- :func:`simulate`: protanopia, deuteranopia and tritanopia at severity 1.0 with the matrices of
  Machado, Oliveira & Fernandes, "A physiologically-based model for simulation of color vision
  deficiency", IEEE TVCG 15(6), 2009 (their published table, applied to linear RGB).
- :func:`contrast_ratio`: WCAG 2.x relative luminance and contrast ratio.
- :func:`composite`: a translucent colour over a background, as Cairo blends (in sRGB values).
"""

from __future__ import annotations

import numpy as np

#: Machado et al. 2009, severity 1.0 (dichromacy), for linear RGB.
MACHADO_2009: dict[str, np.ndarray] = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}

#: Normal vision first, then the three dichromacies.
VISIONS = ("normal", *MACHADO_2009)

_SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_WHITE = _SRGB_TO_XYZ @ np.ones(3)  # D65 as sRGB's white, so #FFFFFF is exactly L* = 100


def hex_to_rgb(colour: str) -> np.ndarray:
    """``"#RRGGBB"`` (or ``"#RGB"``) as sRGB values in [0, 1].

    Examples
    --------
    >>> hex_to_rgb("#FF8000").tolist()
    [1.0, 0.5019607843137255, 0.0]
    """
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(2 * d for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return np.array([int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def rgb_to_hex(rgb: np.ndarray) -> str:
    """sRGB values in [0, 1] (clipped) as ``"#RRGGBB"``."""
    values = np.clip(np.round(np.asarray(rgb, dtype=float) * 255), 0, 255).astype(int)
    return "#" + "".join(f"{v:02X}" for v in values)


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """sRGB values to linear light (the sRGB transfer function, inverted)."""
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def from_linear(linear: np.ndarray) -> np.ndarray:
    """Linear light to sRGB values, clipped to [0, 1]."""
    linear = np.clip(np.asarray(linear, dtype=float), 0.0, 1.0)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB values in [0, 1] to CIE L*a*b* (D65)."""
    xyz = _SRGB_TO_XYZ @ to_linear(rgb) / _WHITE
    delta = 6 / 29
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def lab(colour: str, vision: str = "normal") -> np.ndarray:
    """CIE L*a*b* of a hex colour as seen with ``vision`` (one of :data:`VISIONS`)."""
    return rgb_to_lab(simulate(hex_to_rgb(colour), vision))


def simulate(rgb: np.ndarray, vision: str) -> np.ndarray:
    """sRGB values as a viewer with ``vision`` sees them (Machado 2009, severity 1.0)."""
    if vision == "normal":
        return np.asarray(rgb, dtype=float)
    try:
        matrix = MACHADO_2009[vision]
    except KeyError:
        raise ValueError(f"unknown vision {vision!r}; use one of: {', '.join(VISIONS)}") from None
    return from_linear(matrix @ to_linear(rgb))


def delta_e2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference of two L*a*b* colours (kL = kC = kH = 1).

    Step by step as in Sharma, Wu & Dalal 2005, eqs. (1)-(23), including their conventions for
    a hue that is undefined (zero chroma) and for hue angles on either side of 180°.
    """
    (l1, a1, b1), (l2, a2, b2) = np.asarray(lab1, float), np.asarray(lab2, float)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360 if c2p else 0.0

    dlp, dcp = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    elif h2p - h1p > 180:
        dhp = h2p - h1p - 360
    else:
        dhp = h2p - h1p + 360
    dhp_big = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dhp / 2))

    lp_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(hp_mean - 30))
        + 0.24 * np.cos(np.radians(2 * hp_mean))
        + 0.32 * np.cos(np.radians(3 * hp_mean + 6))
        - 0.20 * np.cos(np.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * np.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (lp_mean - 50) ** 2 / np.sqrt(20 + (lp_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return float(
        np.sqrt(
            (dlp / s_l) ** 2
            + (dcp / s_c) ** 2
            + (dhp_big / s_h) ** 2
            + r_t * (dcp / s_c) * (dhp_big / s_h)
        )
    )


def difference(first: str, second: str, vision: str = "normal") -> float:
    """ΔE2000 between two hex colours as seen with ``vision``."""
    return delta_e2000(lab(first, vision), lab(second, vision))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a hex colour (0 black, 1 white)."""
    return float(np.array([0.2126, 0.7152, 0.0722]) @ to_linear(hex_to_rgb(colour)))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio (lighter + 0.05) / (darker + 0.05), from 1 to 21.

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#FFFFFF"), 2)
    21.0
    """
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def composite(colour: str, opacity: float, background: str) -> str:
    """``colour`` at ``opacity`` over ``background``, mixed in sRGB values as Cairo does."""
    mixed = opacity * hex_to_rgb(colour) + (1 - opacity) * hex_to_rgb(background)
    return rgb_to_hex(mixed)
