"""The Training scene's captions, each computed from the run and the nets it describes.

The loss is quoted as the readout shows it (four decimals), "falls" is said only when every
snapshot's loss is below the one before, the start is called far from x² by its measured max
error, and a unit's term and kink are printed from its weights.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from relu_anim.captions.wording import shown_number
from relu_anim.numeric import ReLUNet, max_error
from relu_anim.numeric.training import Snapshot

INTERVAL = (-2.0, 2.0)
LOSS_DECIMALS = 4  # as the loss readout shows it


def shown_loss(loss: float) -> str:
    """A loss as the readout prints it (four decimals), or in two significant digits when it
    is below what four decimals show.

    Examples
    --------
    >>> shown_loss(2.2070571), shown_loss(0.00091859), shown_loss(3.2e-6)
    ('2.2071', '0.0009', '3.2e-06')
    """
    text = f"{loss:.{LOSS_DECIMALS}f}"
    return text if float(text) > 0 else f"{loss:.2g}"


@dataclass(frozen=True)
class TrainingCaptions:
    """Captions of the Training scene for a run of ``snapshots`` of ``units``-unit nets.

    Examples
    --------
    >>> from relu_anim.numeric.training import train_square
    >>> words = TrainingCaptions(train_square(steps=10, at=[0, 10]), 8)
    >>> words.descent()[:60]
    'Gradient descent: each step moves every weight against its g'
    """

    snapshots: Sequence[Snapshot]
    units: int

    def start_error(self) -> float:
        return max_error(np.square, self.snapshots[0].net, *INTERVAL)

    def start(self) -> str:
        lo, hi = (shown_number(v) for v in INTERVAL)
        return (
            f"{self.units} ReLU units with random weights, missing the target x² on "
            f"[{lo}, {hi}] by up to {shown_number(self.start_error())}; each dot is a kink, "
            "where one unit switches on."
        )

    def falls_every_step(self) -> bool:
        losses = [s.loss for s in self.snapshots]
        return all(b < a for a, b in itertools.pairwise(losses))

    def descent(self) -> str:
        first, last = self.snapshots[0], self.snapshots[-1]
        before, after = shown_loss(first.loss), shown_loss(last.loss)
        if self.falls_every_step() and float(after) < float(before):
            how = f"the loss falls from {before} to {after} in {last.step} steps"
        elif float(after) < float(before):
            how = f"the loss goes from {before} to {after} in {last.step} steps, not always down"
        else:
            how = f"the loss does not fall: {before}, then {after} after {last.step} steps"
        settles = (
            "the curve settles onto x²"
            if max_error(np.square, last.net, *INTERVAL) < self.start_error()
            else "the curve moves"
        )
        return (
            "Gradient descent: each step moves every weight against its gradient. The kinks "
            f"slide, {settles}, and {how}."
        )

    def unit(self, net: ReLUNet, unit: int) -> str:
        a, w, b = (float(v[unit]) for v in (net.a, net.w, net.b))
        sign = "+" if b >= 0 else "−"
        term = f"{a:.2f}·ReLU({w:.2f}x {sign} {abs(b):.2f})"
        caption = (
            f"One unit of the trained net, {term}: its edges in the network, "
            f"its kink at x = {-b / w:.2f} on the graph, its term in the sum."
        )
        return caption.replace("(-", "(−").replace(" -", " −")

    def sklearn(self, imported: ReLUNet | None) -> str:
        if imported is None:
            return (
                "scikit-learn is not installed (pip install 'relu-anim[sklearn]'), so no "
                "MLPRegressor is imported here; the net trained above stays on screen."
            )
        error = max_error(np.square, imported, *INTERVAL)
        return (
            f"A net trained by scikit-learn: MLPRegressor with {imported.n_units} ReLU units, "
            f"imported with ReLUNet.from_sklearn and drawn the same way; max error "
            f"{shown_number(error)}."
        )
