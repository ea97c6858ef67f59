"""Manim builders shared by the scenes: storyboard base, exact curves, kinks, readouts, neuron.

Every builder takes its numbers from :mod:`relu_anim.numeric`; nothing here samples a function.
"""

from __future__ import annotations

from relu_anim.drawing.curves import (
    NetCurve,
    kink_markers,
    net_curve,
    slope_labels,
    vertices_on_axes,
)
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.drawing.story import StoryScene

__all__ = [
    "LiveNumber",
    "NetCurve",
    "StoryScene",
    "kink_markers",
    "live_number",
    "net_curve",
    "slope_labels",
    "vertices_on_axes",
]
