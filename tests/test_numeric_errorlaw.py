"""The numbers behind issue 9's scenes: sampled curves, loss, error series, fits side by side."""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.numeric import (
    ActivationNet,
    ReLUNet,
    Samples,
    activation_fits,
    drawn,
    error_series,
    hidden_unit,
    least_squares,
    log_counts,
    loglog_slope,
    sampled,
    squared_loss,
    symmetric_square,
    taylor_polynomial,
    taylor_terms,
    window_below,
    window_inside,
)
from relu_anim.numeric.targets import parse_target


def test_samples_validate_and_select() -> None:
    curve = Samples([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    xs, ys = curve.polyline(0.5, 2.0)
    assert xs.tolist() == [1.0, 2.0]
    assert ys.tolist() == [2.0, 3.0]
    assert curve.x_range == (0.0, 2.0)
    assert curve(0.5) == 1.5
    with pytest.raises(ValueError, match="xs must increase"):
        Samples([0.0, 0.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="xs must increase"):
        Samples([0.0, 1.0], [1.0, np.nan])
    assert not curve.xs.flags.writeable


def test_squared_loss_of_the_answers_h2_by_hand() -> None:
    x = np.linspace(-3, 3, 601)
    h2 = np.abs(x) + np.maximum(2 * (x - 1), 0) + np.maximum(-2 * (x + 1), 0)
    loss = squared_loss(np.square, symmetric_square(2), -3.0, 3.0)
    np.testing.assert_allclose(loss.xs, x, atol=1e-15)  # the kinks are on the grid already
    np.testing.assert_allclose(loss.ys, 0.5 * (x**2 - h2) ** 2, atol=1e-12)
    assert loss.ys[np.abs(x) <= 2].max() == pytest.approx(1 / 32)
    assert loss.ys[-1] == pytest.approx(2.0)


def test_windows() -> None:
    loss = squared_loss(np.square, symmetric_square(1), -3.0, 3.0)
    lo, hi = window_below(loss, 2.25)
    edge = (1 + np.sqrt(1 + 4 * np.sqrt(4.5))) / 2  # ½(x² − x)² = 2.25
    assert lo == -hi
    assert edge - 0.02 < hi <= edge
    cubic = sampled(lambda x: x**3, -2.0, 2.0, 401)
    lo, hi = window_inside(cubic, -1.0, 1.0, 0.0)
    assert lo == pytest.approx(-1.0)
    assert hi == pytest.approx(1.0)


def test_error_series_and_slopes() -> None:
    n = np.arange(1, 101)
    square = error_series(np.square, 0.0, 2.0, n)
    np.testing.assert_allclose(square.ys, 1.0 / n**2, rtol=1e-9)
    assert loglog_slope(square) == pytest.approx(-2.0, abs=1e-9)
    kink = error_series(parse_target("abs(x - 0.3)"), -1.0, 1.0, n)
    assert np.all(kink.ys[n % 20 == 0] < 1e-12)
    assert loglog_slope(kink) == pytest.approx(-1.0, abs=0.05)
    floored = kink.floored(1e-5)
    assert floored.ys.min() == 1e-5
    assert np.array_equal(floored.xs, kink.xs)
    step = parse_target("step(x - 0.3)")
    counts = log_counts(100)
    assert counts[0] == 1
    assert counts[-1] == 100
    assert list(counts) == sorted(set(counts))
    assert np.all(error_series(step, -1.0, 1.0, counts, "least_squares").ys >= 0.5)
    rms = error_series(step, -1.0, 1.0, counts, "least_squares", "rms").ys
    assert rms[-1] < rms[0] / 5
    with pytest.raises(ValueError, match="unknown fit"):
        error_series(np.square, 0.0, 2.0, n, fit="spline")


def test_taylor_polynomial_is_the_sum_of_its_terms() -> None:
    poly = taylor_polynomial(taylor_terms("sin", 1.0, 0.0, 5), -1.0, 1.0, 11)
    np.testing.assert_allclose(poly.ys, poly.xs - poly.xs**3 / 6 + poly.xs**5 / 120, atol=1e-15)


def test_activation_fits_relu_is_least_squares_and_units_are_unweighted() -> None:
    fits = activation_fits(np.square, -2.0, 2.0, (4,))
    assert fits["relu", 4] == least_squares(np.square, -2.0, 2.0, 4)
    assert isinstance(drawn(fits["relu", 4], -2, 2), ReLUNet)
    tanh = fits["tanh", 4]
    assert isinstance(tanh, ActivationNet)
    assert isinstance(drawn(tanh, -2, 2), Samples)
    unit = hidden_unit(tanh, 2)
    x = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(unit(x), np.tanh(tanh.w[2] * x + tanh.b[2]), atol=1e-15)
    relu_unit = hidden_unit(fits["relu", 4], 1)
    np.testing.assert_allclose(relu_unit(x), np.maximum(x + 1.0, 0.0), atol=1e-15)
