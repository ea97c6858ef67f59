"""The numeric core: exact arithmetic of the nets every scene draws (NumPy only, no Manim).

One module per kind of net or question:

- :mod:`~relu_anim.numeric.shallow`: one hidden layer of ReLUs, ``g(x) = c + Σ aᵢ·ReLU(wᵢx + bᵢ)``,
  its exact polyline, interpolants, least squares and errors.
- :mod:`~relu_anim.numeric.views`: what a picture needs (a net inside a window, a neuron along
  one input, the counts of a sweep).

Every module here imports NumPy and the standard library only.
"""

from __future__ import annotations

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
    rms_error,
    shifted,
    square_interpolant_error,
    symmetric_square,
)
from relu_anim.numeric.knots import interpolant_at, least_squares_at, worst_point
from relu_anim.numeric.views import one_input_net, sweep_count, sweep_counts, visible_x_range

__all__ = [
    "ReLUNet",
    "Target",
    "argmax_error",
    "interpolant",
    "least_squares",
    "max_error",
    "neuron",
    "interpolant_at",
    "least_squares_at",
    "one_input_net",
    "worst_point",
    "pre_activation",
    "relu",
    "rms_error",
    "shifted",
    "square_interpolant_error",
    "sweep_count",
    "sweep_counts",
    "symmetric_square",
    "visible_x_range",
]
