"""Manim builders shared by the scenes: storyboard base, exact curves, kinks, readouts, neuron.

Every builder takes its numbers from :mod:`relu_anim.numeric`; nothing here samples a function.
"""

from __future__ import annotations

from relu_anim.drawing.axes import plot_axes
from relu_anim.drawing.curves import (
    NetCurve,
    kink_markers,
    net_curve,
    slope_labels,
    vertices_on_axes,
)
from relu_anim.drawing.neuron import (
    NeuronDiagram,
    edge_stroke_width,
    one_input_net,
    pre_activation,
)
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.drawing.story import Beat, StoryScene

__all__ = [
    "Beat",
    "LiveNumber",
    "NetCurve",
    "NeuronDiagram",
    "StoryScene",
    "edge_stroke_width",
    "kink_markers",
    "live_number",
    "net_curve",
    "one_input_net",
    "plot_axes",
    "pre_activation",
    "slope_labels",
    "vertices_on_axes",
]
