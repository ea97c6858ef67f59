"""A net for x² trained by scikit-learn, for the Training scene's last beat.

scikit-learn is an optional extra (``relu-anim[sklearn]``): :func:`sklearn_square` returns
``None`` when it is not installed, so a scene can say so instead of failing. The fit is
deterministic: a fixed ``random_state``, full-batch L-BFGS, a fixed grid and iteration cap.

It lives outside the numeric core, which imports NumPy only: it drives scikit-learn (imported
inside the function) and hands the model to :meth:`relu_anim.numeric.ReLUNet.from_sklearn`.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

__all__ = ["SKLEARN_GRID", "sklearn_square"]

# The points the model is fitted on: x² sampled on [−2, 2], as train_square does.
SKLEARN_GRID = np.linspace(-2.0, 2.0, 201)


def sklearn_square(units: int = 8, seed: int = 0, max_iter: int = 200) -> Any | None:
    """``MLPRegressor(hidden_layer_sizes=(units,), activation="relu")`` fitted to x² on [−2, 2].

    Returns the fitted model, or ``None`` if scikit-learn is not importable. L-BFGS on the
    whole grid with ``random_state=seed`` gives the same weights on every call (on one
    scikit-learn and NumPy build); stopping at ``max_iter`` is expected and not reported.

    Examples
    --------
    ::

        model = sklearn_square()
        net = ReLUNet.from_sklearn(model)   # model.predict(X) == net(X[:, 0]) to rounding
    """
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPRegressor
    except ImportError:
        return None
    model = MLPRegressor(
        hidden_layer_sizes=(units,),
        activation="relu",
        solver="lbfgs",
        random_state=seed,
        max_iter=max_iter,
        tol=0.0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(SKLEARN_GRID[:, None], SKLEARN_GRID**2)
    return model
