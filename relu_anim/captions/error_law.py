"""The Error law scene's captions, each computed from the error series it describes.

Every series is ``(N, error)`` as the numeric core measured it (:func:`~relu_anim.numeric.
error_series`) and every slope is fitted to those points (:func:`~relu_anim.numeric.
loglog_slope`); the words follow the numbers: "lie on the line 1/N²" only when every point
does, "lower" only when every least-squares error is below the interpolant's, the counts
where the error is 0 listed from the series, and "never falls below 1/2" only when none does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from relu_anim.captions.wording import NEGLIGIBLE, counts_text, shown_number
from relu_anim.numeric import Samples


def shown_slope(slope: float) -> str:
    """A fitted log-log slope as captions and the table print it: two decimals, no trailing
    zeros, a typographic minus.

    Examples
    --------
    >>> shown_slope(-2.0000000001), shown_slope(-0.443243), shown_slope(-1.004)
    ('−2', '−0.44', '−1')
    """
    text = f"{slope:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def zero_counts(series: Samples, scale: float = 1.0) -> list[int]:
    """The unit counts whose error is 0 (below :data:`NEGLIGIBLE` of the target's size)."""
    return [int(n) for n, e in zip(series.xs, series.ys, strict=True) if e <= NEGLIGIBLE * scale]


@dataclass(frozen=True)
class ErrorLawCaptions:
    """Captions of the Error law scene from its measured ``series`` and fitted ``slopes``.

    Keys as the scene names them: ``square`` (interpolant of x² on [0, 2]), ``square_ls``
    (least squares on the same kinks), ``kink``, ``step_max``, ``step_rms``. ``kink`` is the
    series before its zeros are raised to the floor of the log axes.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_anim.numeric import error_series
    >>> s = {"square": error_series(np.square, 0.0, 2.0, range(1, 11))}
    >>> ErrorLawCaptions(s, {"square": -2.0}).square()
    'x² on [0, 2], interpolated on N pieces: the points lie on the line 1/N², slope −2.'
    """

    series: Mapping[str, Samples]
    slopes: Mapping[str, float]

    def axes(self) -> str:
        return (
            "Max error against the number of units N, both on log scales: "
            "an error like N to a power is a straight line."
        )

    def square(self) -> str:
        xs, ys = self.series["square"].xs, self.series["square"].ys
        slope = shown_slope(self.slopes["square"])
        if np.allclose(ys, 1.0 / xs**2, rtol=1e-6, atol=0.0):
            where = "the points lie on the line 1/N²"
        else:
            where = "the points lie close to a straight line"
        return f"x² on [0, 2], interpolated on N pieces: {where}, slope {slope}."

    def least_squares_ratio(self) -> tuple[float, float]:
        """The smallest and largest least-squares error over the interpolant's, same N."""
        fitted, plain = self.series["square_ls"], self.series["square"]
        ratios = fitted.ys / np.interp(fitted.xs, plain.xs, plain.ys)
        return float(ratios.min()), float(ratios.max())

    def least_squares(self) -> str:
        low, high = self.least_squares_ratio()
        same = shown_slope(self.slopes["square_ls"]) == shown_slope(self.slopes["square"])
        slope = (
            f"the same slope {shown_slope(self.slopes['square'])}"
            if same
            else f"slope {shown_slope(self.slopes['square_ls'])}"
        )
        if high < 1.0:
            size = f"errors about {shown_number((low + high) / 2)} times as large"
        elif low > 1.0:
            size = "a larger max error"
        else:
            size = "sometimes above, sometimes below"
        return f"Least squares on the same kinks: {size}, {slope}."

    def kink_zeros(self) -> list[int]:
        """The counts N where a knot lands on the kink and the error is 0."""
        return zero_counts(self.series["kink"])

    def kink(self) -> str:
        slope = shown_slope(self.slopes["kink"])
        zeros = self.kink_zeros()
        if not zeros:
            return f"|x − 0.3| on [−1, 1] has a kink between the knots: slope {slope}."
        return (
            f"|x − 0.3| on [−1, 1] has a kink between the knots: slope {slope}, and the error "
            f"is 0 when a knot lands on the kink (N = {counts_text(zeros)}; drawn at the bottom)."
        )

    def step_max(self) -> str:
        lowest = float(self.series["step_max"].ys.min())
        if lowest >= 0.5 - NEGLIGIBLE:
            bound = "the max error never falls below 1/2"
        else:
            bound = f"the max error falls to {shown_number(lowest)}"
        return f"A step at 0.3: {bound}. A sum of ReLUs is continuous; it cannot jump."

    def step_rms(self) -> str:
        ys = self.series["step_rms"].ys
        slope = shown_slope(self.slopes["step_rms"])
        if ys[-1] < ys[0] and self.slopes["step_rms"] < 0:
            return (
                f"Yet its RMS error still falls, slope {slope}: the miss is confined to a "
                "strip around the jump that narrows as N grows."
            )
        return f"Its RMS error does not fall either: slope {slope}."

    def zeros_note(self) -> str:
        """The TeX of the note beside the kink's dips: ``error 0: N = 20, 40, …``."""
        text = counts_text(self.kink_zeros()).replace("…", r"\dots")
        return rf"\text{{error }} 0:\ N = {text}"


def tenfold_tex(slope: float) -> str:
    r"""What a log-log ``slope`` means for ten times the units, in TeX: ``p = −2:`` the error
    divided by ``10^(−p)`` (two significant digits), or "stays" when ``p`` rounds to 0.

    Examples
    --------
    >>> [tex.split(":")[1] for tex in (tenfold_tex(-2.0), tenfold_tex(-0.4432))]
    ['\\ \\text{error} \\div 100', '\\ \\text{error} \\div 2.8']
    >>> tenfold_tex(0.0135)
    'p = 0.01:\\ \\text{error stays}'
    """
    shown = shown_slope(slope)
    value = float(shown.replace("−", "-"))
    head = rf"p = {shown.replace('−', '-')}:\ "
    if abs(value) < 0.05:
        return head + r"\text{error stays}"
    factor = 10.0 ** (-value)
    if factor >= 1:
        return head + rf"\text{{error}} \div {_two_digits(factor)}"
    return head + rf"\text{{error}} \times {_two_digits(1 / factor)}"


def _two_digits(value: float) -> str:
    """Two significant digits, never in exponent form: 100, 99, 2.8."""
    return f"{float(f'{value:.2g}'):g}"
