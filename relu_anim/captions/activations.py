"""The Activations scene's captions, each computed from the fits and windows it describes.

The fit captions print the max errors the panels show; the zoom caption measures how much the
smooth target bends in the first and last window of the zoom (as a share of the window: what
an equally scaled picture shows) and counts the ReLU fit's kinks in each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt

from relu_anim.captions.wording import error_at_places
from relu_anim.numeric import ReLUNet, bend_share

# A bend under this share of the window is under ~2 px of a 480p square: it looks straight.
LOOKS_STRAIGHT = 0.005
#: Decimals of the max-error readouts, which the captions match.
PLACES = 3


def fit_caption(name: str, last: Mapping[str, float], units: tuple[int, ...]) -> str:
    """``name``, fitted by ``units[0] … units[-1]`` units of each kind, and the max errors
    ``last`` (by kind) at the last count.

    Examples
    --------
    An error too small for the readouts' 3 decimals is said to be below 0.001, as the
    readout shows it ("0.000" claimed an exact fit for sin at 3.5e-6).

    >>> words = fit_caption("x² on [−2, 2]", {"relu": 0.01, "tanh": 0.2, "sin": 3.5e-6}, (2, 20))
    >>> words.endswith("max error is 0.010 for ReLU, 0.200 for tanh, below 0.001 for sin.")
    True
    """
    shown = {kind: error_at_places(error, PLACES) for kind, error in last.items()}
    return (
        f"{name}, fitted by N = {units[0]} … {units[-1]} units of each kind, hidden weights "
        f"fixed and only the output weights fitted: at N = {units[-1]} the max error is "
        f"{shown['relu']} for ReLU, {shown['tanh']} for tanh, {shown['sin']} for sin."
    )


def _share(value: float) -> str:
    return f"{100 * value:.2g} %"


def _kinks(net: ReLUNet, lo: float, hi: float) -> str:
    count = int(np.sum((net.kinks() > lo) & (net.kinks() < hi)))
    return "none" if count == 0 else ("1 kink" if count == 1 else f"{count} kinks")


def zoom_caption(
    target: Callable[[np.ndarray], npt.ArrayLike],
    net: ReLUNet,
    x0: float,
    widths: tuple[float, float],
    target_text: str,
    at_text: str,
) -> str:
    """The nested zoom at ``x0`` from half-width ``widths[0]`` to ``widths[1]``: how the target
    bends in the first and the last window, and the net's kinks in each.

    Examples
    --------
    >>> from relu_anim.numeric import interpolant
    >>> net = interpolant(np.square, -1.0, 1.0, 4)
    >>> zoom_caption(np.square, net, 0.25, (0.5, 0.001), "x²", "0.25")  # doctest: +ELLIPSIS
    'Zooming in at x = 0.25, from a window 1 wide to 0.002: x² bends by 25 % of the window, ...'
    """
    first = (x0 - widths[0], x0 + widths[0])
    last = (x0 - widths[1], x0 + widths[1])
    before, after = bend_share(target, *first), bend_share(target, *last)
    if after < LOOKS_STRAIGHT <= before:
        bends = (
            f"bends by {_share(before)} of the window, then by {_share(after)}: it looks straight"
        )
    elif after < before:
        bends = f"bends by {_share(before)} of the window, then still by {_share(after)}"
    else:
        bends = f"bends by {_share(before)} of the window and by {_share(after)} up close"
    kinks_first, kinks_last = _kinks(net, *first), _kinks(net, *last)
    return (
        f"Zooming in at x = {at_text}, from a window {2 * widths[0]:g} wide to "
        f"{2 * widths[1]:g}: {target_text} {bends}. The ReLU fit is straight pieces at every "
        f"zoom ({kinks_first} in the first window, {kinks_last} in the last): "
        "the non-linearity is in the bends, not in any unit."
    )
