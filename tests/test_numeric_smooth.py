"""Tests for :mod:`relu_anim.numeric.smooth` against closed forms and independent oracles.

Oracles: the defining sum one unit at a time with :mod:`math`'s functions, the Maclaurin series
of sine and cosine, and Cauchy's integral formula (Taylor coefficients from values on a circle in
the complex plane, by FFT), which shares nothing with the module's derivative recursion.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import pickle
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_anim.numeric import (
    ACTIVATIONS,
    ActivationNet,
    ReLUNet,
    argmax_error,
    fit,
    hidden_units,
    least_squares,
    max_error,
    rms_error,
    taylor_terms,
)

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)
SIGMA = {"tanh": np.tanh, "sin": np.sin}
MATH = {"relu": lambda z: max(z, 0.0), "tanh": math.tanh, "sin": math.sin}
TARGETS = {
    "square": (np.square, -2.0, 2.0),
    "sin3": (lambda x: np.sin(3 * x), -math.pi, math.pi),
}


def naive(net, x):
    """``c + Σ a_i·σ(w_i·x + b_i)`` point by point with :mod:`math`."""
    sigma = MATH[net.activation]
    return np.array(
        [
            net.c
            + sum(a * sigma(w * point + b) for a, w, b in zip(net.a, net.w, net.b, strict=True))
            for point in np.ravel(x)
        ]
    )


def cauchy_coefficients(func, radius, order, points=64):
    """Taylor coefficients of an analytic ``func`` at 0 from its values on ``|z| = radius``."""
    angles = 2 * np.pi * np.arange(points) / points
    values = func(radius * np.exp(1j * angles))
    return (np.fft.fft(values) / points)[: order + 1].real / radius ** np.arange(order + 1)


# --- the nets -------------------------------------------------------------------------------------


@st.composite
def activation_nets(draw):
    count = draw(st.integers(0, 12))
    floats = st.lists(st.floats(-4.0, 4.0), min_size=count, max_size=count)
    return ActivationNet(
        draw(st.sampled_from(ACTIVATIONS)),
        draw(floats),
        draw(floats),
        draw(floats),
        draw(st.floats(-4.0, 4.0)),
    )


@PROPERTY_SETTINGS
@given(activation_nets())
def test_net_equals_the_naive_sum(net):
    x = np.linspace(-5.0, 5.0, 41)
    scale = 1.0 + abs(net.c) + np.sum(np.abs(net.a) * (1.0 + 5.0 * np.abs(net.w) + np.abs(net.b)))
    np.testing.assert_allclose(net(x), naive(net, x), rtol=0, atol=1e-13 * scale)


@PROPERTY_SETTINGS
@given(activation_nets())
def test_units_add_up_to_the_net(net):
    x = np.linspace(-3.0, 3.0, 17).reshape(17, 1)
    units = net.units(x)
    assert units.shape == (net.n_units, 17, 1)
    scale = 1.0 + abs(net.c) + np.sum(np.abs(net.a) * (1.0 + 3.0 * np.abs(net.w) + np.abs(net.b)))
    np.testing.assert_allclose(net.c + units.sum(axis=0), net(x), rtol=0, atol=1e-13 * scale)
    for i in range(net.n_units):
        np.testing.assert_array_equal(net.unit(i)(x), units[i])
        assert net.unit(i).c == 0.0


def test_evaluation_in_blocks_equals_the_naive_sum():
    # 40 units × 20 000 points spans several blocks.
    rng = np.random.default_rng(5)
    net = ActivationNet("tanh", rng.normal(size=40), rng.normal(size=40), rng.normal(size=40), 0.5)
    x = np.linspace(-4.0, 4.0, 20_000)
    expected = 0.5 + np.tanh(np.outer(x, net.w) + net.b) @ net.a
    np.testing.assert_allclose(net(x), expected, rtol=0, atol=1e-12)
    assert net(x[::100]).shape == (200,)
    assert net(np.array([])).shape == (0,)


def test_scalars_give_floats_and_shapes_are_kept():
    net = ActivationNet("sin", [1.0], [1.0], [0.0])
    assert type(net(0.5)) is float
    assert net(0.5) == math.sin(0.5)
    assert net(np.zeros((2, 3))).shape == (2, 3)


def test_unit_indexing_counts_from_the_end_and_checks_bounds():
    net = ActivationNet("tanh", [1.0, 2.0], [3.0, 4.0], [5.0, 6.0], 7.0)
    assert net.unit(-1) == ActivationNet("tanh", [2.0], [4.0], [6.0])
    with pytest.raises(IndexError):
        net.unit(2)


def test_net_is_immutable_copied_and_hashable():
    a = np.array([1.0, -0.0])
    net = ActivationNet("sin", a, [1.0, 2.0], [0.0, 0.0])
    a[0] = 9.0
    assert net.a[0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        net.a[0] = 3.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.c = 1.0
    for clone in (copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert clone == net
        assert hash(clone) == hash(net)
    assert net == ActivationNet("sin", [1.0, 0.0], [1.0, 2.0], [0.0, 0.0])
    assert net != ActivationNet("tanh", [1.0, 0.0], [1.0, 2.0], [0.0, 0.0])
    assert repr(net) == "ActivationNet('sin', <2 units>, c=0.0)"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("gelu", [1.0], [1.0], [1.0]), "activation must be one of relu, tanh, sin"),
        (("sin", [1.0, 2.0], [1.0], [1.0]), "same length, got 2, 1, 1"),
        (("sin", [[1.0]], [1.0], [1.0]), "a must be 1-D"),
        (("sin", [1.0], [np.nan], [1.0]), "w must be finite"),
        (("sin", [1.0], [1.0], [1.0], math.inf), "c must be a finite scalar"),
    ],
)
def test_bad_nets_raise_value_errors(arguments, message):
    with pytest.raises(ValueError, match=message):
        ActivationNet(*arguments)


# --- the fit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 7, 20])
@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_relu_fit_is_least_squares(target, n):
    f, lo, hi = target
    fitted = fit(f, lo, hi, n, "relu")
    assert type(fitted) is ReLUNet
    assert fitted == least_squares(f, lo, hi, n)
    assert fitted.c == least_squares(f, lo, hi, n).c
    assert fit(f, lo, hi, n) == least_squares(f, lo, hi, n, samples=2001)
    assert fit(f, lo, hi, n, "relu", samples=50) == least_squares(f, lo, hi, n, samples=50)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_uses_the_least_squares_kinks_as_centres(activation):
    w, b = hidden_units(activation, -2.0, 2.0, 8)
    np.testing.assert_allclose(-b / w, least_squares(np.square, -2.0, 2.0, 8).kinks(), atol=1e-15)
    np.testing.assert_allclose(-b / w, np.linspace(-2.0, 2.0, 9)[:-1], atol=1e-15)


def test_hidden_scales_come_from_the_spacing():
    # Four units on [0, 2]: spacing ½.
    np.testing.assert_array_equal(hidden_units("relu", 0.0, 2.0, 4)[0], np.ones(4))
    np.testing.assert_array_equal(hidden_units("tanh", 0.0, 2.0, 4)[0], np.full(4, 2.0))
    # k + 1 quarter-waves over the interval: the fastest has a quarter period of one spacing.
    w = hidden_units("sin", 0.0, 2.0, 4)[0]
    np.testing.assert_allclose(w, np.pi / 4 * np.arange(1, 5))
    assert math.isclose(math.pi / 2 / w[-1], 0.5)


def test_sin_units_are_independent():
    # One common frequency would leave every unit in span{sin wx, cos wx}: rank 2.
    x = np.linspace(-2.0, 2.0, 2001)
    w, b = hidden_units("sin", -2.0, 2.0, 12)
    assert np.linalg.matrix_rank(np.sin(np.outer(x, w) + b), tol=1e-9) == 12


@pytest.mark.parametrize("activation", ["tanh", "sin"])
def test_smooth_fit_is_the_least_squares_solution(activation):
    # The residual of a least-squares fit is orthogonal to every column of the design matrix.
    f, lo, hi = TARGETS["square"]
    net = fit(f, lo, hi, 6, activation, samples=301)
    grid = np.linspace(lo, hi, 301)
    residual = f(grid) - naive(net, grid)
    columns = np.column_stack([np.ones(301), SIGMA[activation](np.outer(grid, net.w) + net.b)])
    assert np.max(np.abs(columns.T @ residual)) <= 1e-9 * np.sum(np.abs(f(grid)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_more_units_fit_better(target, activation):
    # Doubling N, then 20. Not every single step: sin(3x) with 5 ReLU units is fitted worse
    # than with 4, and the sin units' frequencies change with N.
    f, lo, hi = target
    nets = [fit(f, lo, hi, n, activation) for n in (2, 4, 8, 16, 20)]
    worst = [max_error(f, net, lo, hi) for net in nets]
    mean = [rms_error(f, net, lo, hi) for net in nets]
    assert all(later < earlier for earlier, later in pairwise(worst))
    assert all(later < earlier for earlier, later in pairwise(mean))


def test_error_laws_of_steps_bends_and_waves():
    f, lo, hi = TARGETS["square"]

    def ratio(activation):
        coarse, fine = (max_error(f, fit(f, lo, hi, n, activation), lo, hi) for n in (10, 20))
        return coarse / fine

    assert 3.5 < ratio("relu") < 4.5  # bends: 1/N²
    assert 1.6 < ratio("tanh") < 2.5  # soft steps: 1/N
    for f, lo, hi in TARGETS.values():
        assert max_error(f, fit(f, lo, hi, 20, "sin"), lo, hi) < 1e-5  # smooth and global


def test_tanh_fits_keep_modest_output_weights():
    for f, lo, hi in TARGETS.values():
        for n in (2, 3, 5, 8, 13, 20):
            assert np.max(np.abs(fit(f, lo, hi, n, "tanh").a)) < 20


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: fit(np.square, 0, 1, 3, "gelu"), "fit: activation must be one of"),
        (lambda: fit(np.square, 0, 1, 0, "tanh"), "fit: n must be at least 1"),
        (lambda: fit(np.square, 1, 0, 3, "sin"), "fit: need finite lo < hi"),
        (lambda: fit(np.square, 0, 1, 3, "sin", samples=3), "samples must be at least 4"),
        (lambda: fit(lambda x: np.where(x > 0, 1.0, np.inf), -1, 1, 3, "tanh"), "f is not finite"),
        (lambda: hidden_units("relu", 0, 1, 2.5), "n must be an integer"),
    ],
)
def test_fit_checks_its_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- errors of smooth nets ------------------------------------------------------------------------


def test_max_and_rms_error_measure_smooth_nets():
    # 3·sin(x) against 0 on [0, π]: largest at π/2, root mean square 3/√2.
    net = ActivationNet("sin", [3.0], [1.0], [0.0])
    zero = np.zeros_like
    assert math.isclose(max_error(zero, net, 0.0, math.pi), 3.0, rel_tol=1e-12)
    assert math.isclose(argmax_error(zero, net, 0.0, math.pi), math.pi / 2, rel_tol=1e-7)
    assert math.isclose(rms_error(zero, net, 0.0, math.pi), 3.0 / math.sqrt(2), rel_tol=1e-12)


@pytest.mark.parametrize("activation", ["tanh", "sin"])
def test_max_error_of_a_fit_is_the_dense_maximum(activation):
    f, lo, hi = TARGETS["sin3"]
    net = fit(f, lo, hi, 12, activation)
    dense = np.linspace(lo, hi, 400_001)
    measured, sampled = max_error(f, net, lo, hi), np.max(np.abs(f(dense) - net(dense)))
    assert sampled <= measured * (1 + 1e-9)
    assert measured <= sampled * (1 + 1e-6)


# --- Taylor terms ---------------------------------------------------------------------------------


def maclaurin_sin(w, b, order):
    """sin(wx + b) = sin b·cos(wx) + cos b·sin(wx), both series term by term."""
    terms = []
    for k in range(order + 1):
        sign = (-1) ** (k // 2)
        part = math.sin(b) if k % 2 == 0 else math.cos(b)
        terms.append(sign * part * w**k / math.factorial(k))
    return np.array(terms)


@PROPERTY_SETTINGS
@given(st.floats(-5.0, 5.0), st.floats(-10.0, 10.0), st.integers(0, 15))
def test_sin_taylor_terms_are_the_closed_form(w, b, order):
    expected = maclaurin_sin(w, b, order)
    scale = np.array([abs(w) ** k / math.factorial(k) for k in range(order + 1)])
    assert np.all(np.abs(taylor_terms("sin", w, b, order) - expected) <= 1e-13 * (1 + scale))


def test_sin_taylor_terms_of_sin_x():
    np.testing.assert_allclose(
        taylor_terms("sin", 1.0, 0.0, 7),
        [0.0, 1.0, 0.0, -1 / 6, 0.0, 1 / 120, 0.0, -1 / 5040],
        rtol=1e-14,
        atol=0,
    )
    np.testing.assert_array_equal(taylor_terms("sin", 1.0, math.pi / 2, 0), [1.0])


def test_tanh_taylor_terms_of_tanh_x():
    # tanh x = x − x³/3 + 2x⁵/15 − 17x⁷/315 + …
    expected = [0.0, 1.0, 0.0, -1 / 3, 0.0, 2 / 15, 0.0, -17 / 315]
    np.testing.assert_allclose(taylor_terms("tanh", 1.0, 0.0, 7), expected, rtol=1e-14, atol=0)


@PROPERTY_SETTINGS
@given(
    st.floats(0.2, 3.0) | st.floats(-3.0, -0.2),
    st.floats(-2.0, 2.0),
    st.sampled_from(["tanh", "sin"]),
)
def test_smooth_taylor_terms_agree_with_cauchys_formula(w, b, activation):
    order = 8
    # tanh has poles where wz + b = ±iπ/2: stay well inside them (sin is entire).
    radius = 0.5 * math.hypot(b, math.pi / 2) / abs(w) if activation == "tanh" else 1.0
    sigma = np.tanh if activation == "tanh" else np.sin
    expected = cauchy_coefficients(lambda z: sigma(w * z + b), radius, order)
    bound = np.max(np.abs(sigma(w * radius * np.exp(2j * np.pi * np.arange(64) / 64) + b)))
    tolerance = 1e-12 * bound / radius ** np.arange(order + 1)
    assert np.all(np.abs(taylor_terms(activation, w, b, order) - expected) <= tolerance)


def test_relu_taylor_terms_are_one_linear_piece():
    np.testing.assert_array_equal(taylor_terms("relu", 2.0, 0.5, 4), [0.5, 2.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(taylor_terms("relu", -3.0, 1.0, 2), [1.0, -3.0, 0.0])
    np.testing.assert_array_equal(taylor_terms("relu", 2.0, -0.5, 3), np.zeros(4))
    np.testing.assert_array_equal(taylor_terms("relu", 0.0, 0.0, 3), np.zeros(4))
    np.testing.assert_array_equal(taylor_terms("relu", 4.0, 1.0, 0), [1.0])


@PROPERTY_SETTINGS
@given(st.floats(-4.0, 4.0), st.floats(-4.0, 4.0).filter(lambda b: b != 0.0))
def test_relu_taylor_polynomial_is_the_unit_up_to_its_kink(w, b):
    # Between 0 and the kink −b/w the unit is exactly its first two Taylor terms.
    c0, c1, c2 = taylor_terms("relu", w, b, 2)
    assert c2 == 0.0
    reach = abs(b / w) if w else 1.0
    x = np.linspace(-0.99, 0.99, 11) * min(reach, 1.0)
    np.testing.assert_allclose(c0 + c1 * x, np.maximum(w * x + b, 0.0), rtol=1e-12, atol=1e-12)


def test_relu_with_its_kink_at_zero_has_only_one_sided_expansions():
    with pytest.raises(
        ValueError, match="no Taylor series there; pass side='left' or side='right'"
    ):
        taylor_terms("relu", 1.0, 0.0, 3)
    np.testing.assert_array_equal(taylor_terms("relu", 1.5, 0.0, 2, side="right"), [0.0, 1.5, 0.0])
    np.testing.assert_array_equal(taylor_terms("relu", 1.5, 0.0, 2, side="left"), [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(taylor_terms("relu", -1.5, 0.0, 2, side="left"), [0.0, -1.5, 0.0])
    np.testing.assert_array_equal(taylor_terms("relu", -1.5, 0.0, 2, side="right"), [0.0, 0.0, 0.0])
    # Analytic activations have one series whatever the side.
    np.testing.assert_array_equal(
        taylor_terms("sin", 2.0, 0.3, 5, side="left"), taylor_terms("sin", 2.0, 0.3, 5)
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("cos", 1.0, 0.0, 2), "activation must be one of"),
        (("sin", math.nan, 0.0, 2), "w must be a finite scalar"),
        (("sin", 1.0, [0.0], 2), "b must be a finite scalar"),
        (("sin", 1.0, 0.0, -1), "order must be at least 0"),
        (("sin", 1.0, 0.0, 2.0), "order must be an integer"),
    ],
)
def test_taylor_terms_check_their_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        taylor_terms(*arguments)
    with pytest.raises(ValueError, match="side must be 'left', 'right' or None"):
        taylor_terms("relu", 1.0, 0.0, 2, side="up")
