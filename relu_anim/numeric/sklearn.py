"""Nets read from fitted scikit-learn ``MLPRegressor`` models, by their attributes.

scikit-learn is never imported here (the numeric core is NumPy only): a model is read through
``coefs_``, ``intercepts_``, ``activation``, ``out_activation_``, ``n_features_in_`` and
``n_outputs_``, and one that does not fit raises a one-line :class:`ValueError` naming the
problem and the fix. :meth:`ReLUNet.from_sklearn <relu_anim.numeric.shallow.ReLUNet.from_sklearn>`
and :meth:`DeepReLUNet.from_sklearn <relu_anim.numeric.deep.DeepReLUNet.from_sklearn>` call
these; training one is :mod:`relu_anim.trained`'s.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from relu_anim.numeric.layers import validated_layers


def stand_in_regressor(coefs: list[Any], intercepts: list[Any]) -> SimpleNamespace:
    """What the readers see of a fitted ``MLPRegressor`` (ReLU units, one input, one output)
    with these weights, for examples and tests without scikit-learn.

    Examples
    --------
    >>> model = stand_in_regressor([np.ones((1, 2)), np.ones((2, 1))], [np.zeros(2), np.zeros(1)])
    >>> model.activation, model.n_features_in_
    ('relu', 1)
    """
    return SimpleNamespace(
        coefs_=coefs,
        intercepts_=intercepts,
        activation="relu",
        out_activation_="identity",
        n_features_in_=1,
        n_outputs_=1,
    )


def sklearn_layers(model: Any, who: str) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The checked weights of ``model``, any depth; ``who`` names the caller in errors.

    Examples
    --------
    >>> model = stand_in_regressor([np.ones((1, 2)), np.ones((2, 1))], [np.zeros(2), np.zeros(1)])
    >>> [coef.shape for coef in sklearn_layers(model, "DeepReLUNet.from_sklearn")[0]]
    [(1, 2), (2, 1)]
    """
    return validated_layers(*_model_layers(model, who))


def _model_layers(model: Any, who: str) -> tuple[list[Any], list[Any]]:
    """The raw ``coefs_`` and ``intercepts_`` of a fitted ReLU regressor of one input and output."""
    name = type(model).__name__
    if not (hasattr(model, "coefs_") and hasattr(model, "intercepts_")):
        raise ValueError(f"{who}: the {name} is not fitted (no coefs_); call model.fit(X, y) first")
    activation = getattr(model, "activation", None)
    if activation != "relu":
        raise ValueError(
            f"{who}: the {name} has activation={activation!r} and only ReLU nets are piecewise "
            "linear; train it with activation='relu'"
        )
    output = getattr(model, "out_activation_", None)
    if output != "identity":
        raise ValueError(
            f"{who}: the {name}'s output activation is {output!r}, not 'identity'; use an "
            "MLPRegressor"
        )
    inputs = getattr(model, "n_features_in_", None)
    if inputs != 1:
        raise ValueError(
            f"{who}: the {name} has {inputs} input features and the net draws a curve of one; "
            "fit it on X of shape (n_samples, 1)"
        )
    outputs = getattr(model, "n_outputs_", None)
    if outputs != 1:
        raise ValueError(
            f"{who}: the {name} has {outputs} outputs and the net draws one curve; fit it on "
            "y of shape (n_samples,)"
        )
    return list(model.coefs_), list(model.intercepts_)


def shallow_parameters(model: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """``(a, w, b, c)`` of a one-hidden-layer ``model``: ``f(x) = Σ aᵢ ReLU(wᵢx + bᵢ) + c``.

    Examples
    --------
    >>> model = stand_in_regressor(
    ...     [np.array([[1.0, -1.0]]), np.array([[2.0], [3.0]])], [np.array([0.0, 1.0]), [0.5]]
    ... )
    >>> a, w, b, c = shallow_parameters(model)
    >>> a, float(c)
    (array([2., 3.]), 0.5)
    """
    who = "ReLUNet.from_sklearn"
    coefs, intercepts = _model_layers(model, who)
    if len(coefs) != 2:
        raise ValueError(
            f"{who}: the {type(model).__name__} has {len(coefs) - 1} hidden layers and a "
            "ReLUNet has one; use DeepReLUNet.from_sklearn(model)"
        )
    checked, offsets = validated_layers(coefs, intercepts)
    return checked[1][:, 0], checked[0][0], offsets[0], offsets[1][0]
