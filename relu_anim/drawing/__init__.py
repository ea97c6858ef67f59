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
from relu_anim.drawing.axes import plot_axes
from relu_anim.drawing.story import Beat, StoryScene
from relu_anim.drawing.neuron import (
    NeuronDiagram,
    edge_stroke_width,
    one_input_net,
    pre_activation,
)

__all__ = [
    "Beat",
    "LiveNumber",
    "NetCurve",
    "StoryScene",
    "kink_markers",
    "live_number",
    "net_curve",
    "plot_axes",
    "slope_labels",
    "vertices_on_axes",
    "NeuronDiagram",
    "edge_stroke_width",
    "one_input_net",
    "pre_activation",
]
