"""The weights of a layered ReLU net on a scalar input, checked: shapes, finiteness, floats.

Shared by :class:`~relu_anim.numeric.deep.DeepReLUNet` and the scikit-learn readers
(:mod:`relu_anim.numeric.sklearn`). NumPy and the standard library only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def validated_layers(
    coefs: Any, intercepts: Any
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """``coefs`` and ``intercepts`` as read-only float arrays, checked layer by layer.

    Raises a one-line :class:`ValueError` naming the layer and the shape it needs.

    Examples
    --------
    >>> coefs, _ = validated_layers([[[1.0, 2.0]], [[1.0], [1.0]]], [[0, 0], [0]])
    >>> [c.shape for c in coefs]
    [(1, 2), (2, 1)]
    """
    who = "DeepReLUNet"
    coefs, intercepts = list(coefs), list(intercepts)
    if len(coefs) != len(intercepts):
        raise ValueError(
            f"{who}: coefs and intercepts must have one entry per layer, got {len(coefs)} "
            f"and {len(intercepts)}"
        )
    if not coefs:
        raise ValueError(f"{who}: need at least one layer, got none")
    checked_coefs, checked_intercepts = [], []
    width = 1  # a scalar input
    for index, (coef, intercept) in enumerate(zip(coefs, intercepts, strict=True)):
        coef, intercept = (
            float_array(coef, f"coefs[{index}]"),
            float_array(intercept, f"intercepts[{index}]"),
        )
        if coef.ndim != 2:
            raise ValueError(
                f"{who}: coefs[{index}] must be 2-D of shape (n_in, n_out), got shape {coef.shape}"
            )
        if coef.shape[0] != width:
            feeding = (
                "the input is a scalar" if index == 0 else f"layer {index - 1} has {width} units"
            )
            rows = "1 row" if width == 1 else f"{width} rows"
            raise ValueError(
                f"{who}: coefs[{index}] must have {rows} ({feeding}), got shape {coef.shape}"
            )
        if coef.shape[1] == 0:
            raise ValueError(f"{who}: coefs[{index}] has no columns; every layer needs a unit")
        if intercept.shape != (coef.shape[1],):
            raise ValueError(
                f"{who}: intercepts[{index}] must have shape ({coef.shape[1]},) to match "
                f"coefs[{index}], got shape {intercept.shape}"
            )
        for array, name in ((coef, "coefs"), (intercept, "intercepts")):
            if not np.all(np.isfinite(array)):
                raise ValueError(f"{who}: {name}[{index}] must be finite")
            array.flags.writeable = False
        checked_coefs.append(coef)
        checked_intercepts.append(intercept)
        width = coef.shape[1]
    if width != 1:
        raise ValueError(
            f"{who}: the last layer must have 1 column (a scalar output), got coefs[-1] of "
            f"shape {checked_coefs[-1].shape}"
        )
    return tuple(checked_coefs), tuple(checked_intercepts)


def float_array(value: npt.ArrayLike, name: str) -> np.ndarray:
    try:
        # Adding 0.0 copies and turns -0.0 into 0.0, which keeps __hash__ consistent with __eq__.
        return np.array(value, dtype=float) + 0.0
    except (TypeError, ValueError):
        raise ValueError(f"DeepReLUNet: {name} must be an array of numbers") from None
