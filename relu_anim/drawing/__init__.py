"""Manim builders shared by the scenes: storyboard base, exact curves, kinks, readouts, neuron.

Every builder takes its numbers from :mod:`relu_anim.numeric`; nothing here samples a function.
"""

from __future__ import annotations

from relu_anim.drawing.approximation import (
    ErrorReadout,
    UnitSweep,
    comparison_table,
    error_decimals,
    error_gap,
    net_latex,
    nice_range,
    shows_square_law,
    square_law_latex,
    target_axes,
    target_curve,
)
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
)
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.drawing.story import Beat, StoryScene

__all__ = [
    "Beat",
    "ErrorReadout",
    "LiveNumber",
    "NetCurve",
    "NeuronDiagram",
    "StoryScene",
    "UnitSweep",
    "comparison_table",
    "edge_stroke_width",
    "error_decimals",
    "error_gap",
    "kink_markers",
    "live_number",
    "net_curve",
    "net_latex",
    "nice_range",
    "one_input_net",
    "plot_axes",
    "shows_square_law",
    "slope_labels",
    "square_law_latex",
    "target_axes",
    "target_curve",
    "vertices_on_axes",
]
