"""Manim builders shared by the scenes: storyboard base, layout, exact curves, readouts, neuron.

Every builder takes its numbers from :mod:`relu_anim.numeric`; nothing here samples a net.
"""

from __future__ import annotations

from relu_anim.drawing.approximation import (
    ErrorReadout,
    comparison_table,
    error_decimals,
    error_gap,
    shows_square_law,
    square_law_latex,
    target_axes,
    target_curve,
)
from relu_anim.drawing.axes import (
    axes_in,
    axis_labels,
    equal_scale_panel,
    nets_y_range,
    plot_axes,
    tick_range,
)
from relu_anim.drawing.curves import NetCurve, kink_markers, net_curve, vertices_on_axes
from relu_anim.drawing.formulas import net_latex, term_text, weighted_sum
from relu_anim.drawing.glyph_paths import release_parsed_svg_paths
from relu_anim.drawing.layout import Layout, Panel, layout_problems
from relu_anim.drawing.neuron import NeuronDiagram, edge_stroke_width
from relu_anim.drawing.readouts import LiveNumber, live_number
from relu_anim.drawing.slopes import slope_labels
from relu_anim.drawing.story import Beat, StoryScene
from relu_anim.drawing.sweep import UnitSweep

__all__ = [
    "Beat",
    "ErrorReadout",
    "Layout",
    "LiveNumber",
    "NetCurve",
    "NeuronDiagram",
    "Panel",
    "StoryScene",
    "UnitSweep",
    "axes_in",
    "axis_labels",
    "comparison_table",
    "edge_stroke_width",
    "equal_scale_panel",
    "error_decimals",
    "error_gap",
    "kink_markers",
    "layout_problems",
    "live_number",
    "net_curve",
    "net_latex",
    "nets_y_range",
    "plot_axes",
    "shows_square_law",
    "slope_labels",
    "square_law_latex",
    "target_axes",
    "target_curve",
    "term_text",
    "tick_range",
    "vertices_on_axes",
    "weighted_sum",
]

# Every scene imports this package, so every render and test build gets the faster copies.
release_parsed_svg_paths()
