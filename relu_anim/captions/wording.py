"""The words a caption uses about numbers, chosen by comparing the numbers.

A caption says "drops to", "helps" or "more units, a closer fit" only when the numbers it
describes do that, for any target, interval and unit count. Numbers are compared as they are
shown (rounded to the digits on screen), and an error below ``NEGLIGIBLE`` of the target's size
is zero: floating-point dust such as ``1.1102e-16`` is never printed as a result.

Numbers only (the standard library); :mod:`relu_anim.captions` builds each scene's captions
with them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

# An error this small relative to the target's size is rounding, not a miss.
NEGLIGIBLE = 1e-12


def shown_error(error: float, digits: int, scale: float = 1.0) -> str:
    """``error`` with ``digits`` significant digits, or ``"0"`` when it is rounding dust.

    Parameters
    ----------
    error
        A max or mean error.
    digits
        Significant digits, as the readouts show them.
    scale
        The size of the values the error is measured on (e.g. ``max |f|`` on the interval).

    Examples
    --------
    >>> shown_error(0.0625, 4), shown_error(1.1102e-16, 4), shown_error(3e-9, 3, scale=1e6)
    ('0.0625', '0', '0')
    """
    if abs(error) <= NEGLIGIBLE * max(1.0, abs(scale)):
        return "0"
    return f"{error:.{digits}g}"


def below_places(error: float, places: int, scale: float = 1.0) -> bool:
    """Whether ``error`` is a real miss (not rounding dust) too small for ``places`` decimals.

    Examples
    --------
    >>> below_places(3.5e-6, 3), below_places(0.0006, 3), below_places(1e-17, 3)
    (True, False, False)
    """
    real = abs(error) > NEGLIGIBLE * max(1.0, abs(scale))
    return real and round(abs(error), places) == 0


def error_at_places(error: float, places: int, scale: float = 1.0) -> str:
    """``error`` with ``places`` decimals, as a readout shows it; "below 0.001" (for 3
    places) when it rounds to 0 but is a real miss, so "0.000" never claims an exact fit.

    Examples
    --------
    >>> error_at_places(0.0067, 3), error_at_places(3.5e-6, 3), error_at_places(1e-17, 3)
    ('0.007', 'below 0.001', '0')
    """
    if below_places(error, places, scale):
        return f"below {10.0**-places:.{places}f}"
    if abs(error) <= NEGLIGIBLE * max(1.0, abs(scale)):
        return "0"
    return f"{error:.{places}f}"


def shown_position(x: float, width: float) -> str:
    """A point of an interval of ``width`` with two significant digits, 0 when rounding dust.

    Examples
    --------
    >>> shown_position(-4.4e-16, 6.0), shown_position(1.5707963, 3.0)
    ('0', '1.6')
    """
    return "0" if abs(x) <= NEGLIGIBLE * abs(width) else f"{x:.2g}"


def change(before: float, after: float, digits: int, scale: float = 1.0) -> str:
    """How an error went from ``before`` to ``after``, as shown: ``"drops to 0.25"``,
    ``"rises to 1.9"`` or ``"stays at 0.5"``.

    Examples
    --------
    >>> change(1.0, 0.25, 3), change(1.2168, 1.8639, 4), change(0.5, 0.5000001, 3)
    ('drops to 0.25', 'rises to 1.864', 'stays at 0.5')
    """
    old, new = shown_error(before, digits, scale), shown_error(after, digits, scale)
    if old == new:
        return f"stays at {new}"
    return f"{'drops' if float(new) < float(old) else 'rises'} to {new}"


def improves(before: float, after: float, digits: int, scale: float = 1.0) -> bool:
    """Whether ``after`` is a smaller error than ``before`` as shown.

    Examples
    --------
    >>> improves(1.0, 0.1667, 3), improves(0.0, 1e-17, 3)
    (True, False)
    """
    return float(shown_error(after, digits, scale)) < float(shown_error(before, digits, scale))


def trend(errors: Sequence[tuple[int, float]], digits: int, scale: float = 1.0) -> str:
    """What a sweep's errors did as the unit count grew, for the closing caption.

    ``errors`` holds ``(units, max error)`` in the order shown. Returns ``"falls"`` when each
    shown error is at most the one before and the last is smaller than the first, ``"exact"``
    when every shown error is zero, ``"flat"`` when they never change, and otherwise
    ``"uneven"`` (more units are not always closer: a caption must not claim they are; see
    :func:`first_rise`).

    Examples
    --------
    >>> trend([(1, 1.0), (2, 0.25), (4, 0.0625)], 3)
    'falls'
    >>> trend([(3, 1 / 3), (4, 0.0), (5, 0.2)], 3)
    'uneven'
    >>> trend([(1, 1.0), (9, 1.0)], 3), trend([(1, 0.0), (5, 1e-17)], 3)
    ('flat', 'exact')
    """
    shown = [float(shown_error(error, digits, scale)) for _, error in errors]
    if not shown:
        raise ValueError("trend: no errors to compare")
    if all(value == 0.0 for value in shown):
        return "exact"
    if all(value == shown[0] for value in shown):
        return "flat"
    if first_rise(errors, digits, scale) is None and shown[-1] < shown[0]:
        return "falls"
    return "uneven"


def first_rise(
    errors: Sequence[tuple[int, float]], digits: int, scale: float = 1.0
) -> tuple[tuple[int, str], tuple[int, str]] | None:
    """The first two neighbours of a sweep where more units showed a larger error, as
    ``((units, shown error), (units, shown error))``; ``None`` if there is none.

    Examples
    --------
    >>> first_rise([(3, 1 / 3), (4, 0.0), (5, 0.2)], 3)
    ((4, '0'), (5, '0.2'))
    """
    shown = [(units, shown_error(error, digits, scale)) for units, error in errors]
    for before, after in itertools.pairwise(shown):
        if float(after[1]) > float(before[1]):
            return before, after
    return None


def shown_number(value: float, digits: int = 2) -> str:
    """``value`` as a caption prints it: a simple fraction when it is one (to 1e-9), else
    ``digits`` significant digits; a typographic minus, and 0 for rounding dust.

    Examples
    --------
    >>> shown_number(1 / 32), shown_number(0.5), shown_number(-2.0000001), shown_number(-0.4432)
    ('1/32', '1/2', '−2', '−0.44')
    >>> shown_number(18.0), shown_number(1e-17), shown_number(0.3), shown_number(2 / 3)
    ('18', '0', '0.3', '2/3')
    """
    if abs(value) <= NEGLIGIBLE:
        return "0"
    fraction = Fraction(value).limit_denominator(64)
    # Halves, thirds and powers of two read as fractions; 3/10 reads better as 0.3.
    simple = fraction.denominator in (1, 2, 3, 4, 8, 16, 32, 64)
    if simple and abs(float(fraction) - value) <= 1e-6 * abs(value):
        text = str(fraction)
    else:
        text = f"{value:.{digits}g}"
    return text.replace("-", "−")


def exact_fraction(value: float, largest_denominator: int = 1000) -> str | None:
    """``value`` as a fraction when it is one to rounding (1e-12), else ``None``: a caption
    says "exactly 1/6" only of a number that is 1/6, not of least squares on samples
    (0.166833).

    Examples
    --------
    >>> exact_fraction(1 / 6), exact_fraction(0.375), exact_fraction(0.166833), exact_fraction(2.0)
    ('1/6', '3/8', None, '2')
    """
    fraction = Fraction(value).limit_denominator(largest_denominator)
    if abs(float(fraction) - value) > NEGLIGIBLE * max(1.0, abs(value)):
        return None
    return str(fraction).replace("-", "−")


def listed(items: Sequence[str]) -> str:
    """Items joined as a sentence lists them.

    Examples
    --------
    >>> listed(["−1", "0", "1"]), listed(["a", "b"]), listed(["a"])
    ('−1, 0 and 1', 'a and b', 'a')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def counts_text(counts: Sequence[int]) -> str:
    """Unit counts as a caption lists them: ``20, 40, …`` when they are the multiples of the
    first (four or more), else every one.

    Examples
    --------
    >>> counts_text([20, 40, 60, 80, 100]), counts_text([3, 7]), counts_text([5, 10, 15])
    ('20, 40, …', '3 and 7', '5, 10 and 15')
    """
    counts = [int(n) for n in counts]
    step = counts[0] if counts else 0
    if len(counts) >= 4 and counts == [step * (k + 1) for k in range(len(counts))]:
        return f"{counts[0]}, {counts[1]}, …"
    return listed([str(n) for n in counts])
