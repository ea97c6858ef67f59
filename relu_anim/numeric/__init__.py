"""The numeric core: exact arithmetic of the nets every scene draws (NumPy only, no Manim).

One module per kind of net or question:

- :mod:`~relu_anim.numeric.shallow`: one hidden layer of ReLUs, ``g(x) = c + Σ aᵢ·ReLU(wᵢx + bᵢ)``,
  its exact polyline, interpolants, least squares and errors.
- :mod:`~relu_anim.numeric.plane`: one hidden layer on two inputs, ``g(x1, x2)``: its exact
  linear regions on a rectangle (polygons and planes) and ``x1·x2`` from two squares.
- :mod:`~relu_anim.numeric.views`: what a picture needs (a net inside a window, a neuron along
  one input, the counts of a sweep).
- :mod:`~relu_anim.numeric.sklearn`: nets read from fitted scikit-learn models (by their
  attributes; scikit-learn itself is never imported here).
- :mod:`~relu_anim.numeric.targets`: target curves, named or parsed from an expression.

No module here imports one that imports it back: ``shallow`` is the base, ``deep`` and the
others build on it, and ``layers`` and ``sklearn`` sit below both.

Every module here imports NumPy and the standard library only.
"""

from __future__ import annotations

from relu_anim.numeric.compare import activation_fits, drawn, hidden_unit, window_inside
from relu_anim.numeric.deep import (
    DeepReLUNet,
    DepthRow,
    depth_table,
    sawtooth_square,
    shallow_units_for_error,
    tent_power,
)
from relu_anim.numeric.errorlaw import (
    Samples,
    error_series,
    log_counts,
    loglog_slope,
    sampled,
    squared_loss,
    taylor_polynomial,
    window_below,
)
from relu_anim.numeric.knots import (
    FirstUnits,
    constant_gap,
    first_units,
    interpolant_at,
    least_squares_at,
    worst_point,
)
from relu_anim.numeric.plane import (
    MAX_REGION_UNITS,
    PlaneNet,
    Region,
    cubic_term_net,
    product_error,
    product_net,
)
from relu_anim.numeric.shallow import (
    ReLUNet,
    Target,
    argmax_error,
    interpolant,
    least_squares,
    max_error,
    neuron,
    pre_activation,
    relu,
    relu_net_from_sklearn,
    rms_error,
    shifted,
    square_interpolant_error,
    symmetric_square,
)
from relu_anim.numeric.smooth import ACTIVATIONS, ActivationNet, fit, hidden_units, taylor_terms
from relu_anim.numeric.training import Snapshot, log_schedule, train_square
from relu_anim.numeric.views import (
    bend_share,
    closest_look,
    error_decimals,
    one_input_net,
    stop_decimals,
    stretch_around,
    sweep_count,
    sweep_counts,
    visible_x_range,
    zoom_half_width,
)

__all__ = [
    "ACTIVATIONS",
    "MAX_REGION_UNITS",
    "ActivationNet",
    "DeepReLUNet",
    "DepthRow",
    "FirstUnits",
    "PlaneNet",
    "ReLUNet",
    "Region",
    "Samples",
    "Snapshot",
    "Target",
    "activation_fits",
    "argmax_error",
    "bend_share",
    "closest_look",
    "constant_gap",
    "cubic_term_net",
    "depth_table",
    "drawn",
    "error_decimals",
    "error_series",
    "first_units",
    "fit",
    "hidden_unit",
    "hidden_units",
    "interpolant",
    "interpolant_at",
    "least_squares",
    "least_squares_at",
    "log_counts",
    "log_schedule",
    "loglog_slope",
    "max_error",
    "neuron",
    "one_input_net",
    "pre_activation",
    "product_error",
    "product_net",
    "relu",
    "relu_net_from_sklearn",
    "rms_error",
    "sampled",
    "sawtooth_square",
    "shallow_units_for_error",
    "shifted",
    "square_interpolant_error",
    "squared_loss",
    "stop_decimals",
    "stretch_around",
    "sweep_count",
    "sweep_counts",
    "symmetric_square",
    "taylor_polynomial",
    "taylor_terms",
    "tent_power",
    "train_square",
    "visible_x_range",
    "window_below",
    "window_inside",
    "worst_point",
    "zoom_half_width",
]
