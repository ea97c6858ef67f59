"""Tests for :mod:`relu_anim.numeric` against closed forms and independent oracles.

Every expected value comes from the maths (closed forms derived in the comments) or from an
oracle that shares no code with the module: the naive sum ``c + Σ a_i·max(0, w_i·x + b_i)``.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import pickle
import tracemalloc
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_anim.numeric import (
    ReLUNet,
    argmax_error,
    interpolant,
    least_squares,
    max_error,
    neuron,
    relu,
    rms_error,
    shifted,
    square_interpolant_error,
    symmetric_square,
)

# Rounding of a sum of N terms is a few ulps of the sum of their magnitudes; 1e-12 of that
# magnitude leaves a wide margin yet fails on any real mistake (a wrong slope or vertex).
RELATIVE = 1e-12
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


def naive(a, w, b, c, x):
    """The defining sum, one unit at a time (no code shared with the module)."""
    x = np.asarray(x, dtype=float)
    total = np.full(x.shape, float(c))
    for a_i, w_i, b_i in zip(a, w, b, strict=True):
        total += a_i * np.maximum(0.0, w_i * x + b_i)
    return total


def magnitude(a, w, b, c, x):
    """Σ of the magnitudes of everything the sum adds at ``x``: the scale of its rounding."""
    x = np.asarray(x, dtype=float)
    total = np.full(x.shape, abs(float(c)))
    for a_i, w_i, b_i in zip(a, w, b, strict=True):
        total += abs(a_i) * (abs(w_i * x) + abs(b_i))
    return total


def assert_close_to_sum(actual, a, w, b, c, x):
    expected = naive(a, w, b, c, x)
    tolerance = RELATIVE * (1.0 + magnitude(a, w, b, c, x))
    assert np.all(np.abs(actual - expected) <= tolerance), np.max(np.abs(actual - expected))


def oracle_kinks(a, w, b):
    """``{kink: Σ a_i·|w_i|}`` over the units with ``w_i ≠ 0``, straight from the weights."""
    jumps = defaultdict(float)
    for a_i, w_i, b_i in zip(a, w, b, strict=True):
        if w_i != 0:
            jumps[-b_i / w_i] += a_i * abs(w_i)
    return dict(jumps)


@st.composite
def nets(draw):
    """Weights with zero and negative ``w``, coincident kinks, and kinks far outside [-30, 30]."""
    count = draw(st.integers(0, 30))
    slope = st.one_of(st.just(0.0), st.floats(0.125, 4.0), st.floats(-4.0, -0.125))
    weight = st.floats(-10.0, 10.0)
    units = draw(st.lists(st.tuples(weight, slope, weight), min_size=count, max_size=count))
    if units:
        # Scaling (w, b) by a power of two or by -1 is exact, so the kink -b/w repeats exactly.
        copies = draw(st.lists(st.integers(0, len(units) - 1), max_size=8))
        for index in copies:
            scale = draw(st.sampled_from([1.0, 2.0, 0.5, -1.0, -4.0]))
            _, w_i, b_i = units[index]
            units.append((draw(weight), w_i * scale, b_i * scale))
    a, w, b = (np.array([unit[k] for unit in units], dtype=float) for k in range(3))
    return a, w, b, draw(weight)


windows = st.tuples(st.floats(-30.0, 30.0), st.floats(0.01, 60.0)).map(
    lambda start_width: (start_width[0], start_width[0] + start_width[1])
)


# --- evaluation against the naive sum -------------------------------------------------------


@PROPERTY_SETTINGS
@given(nets())
def test_net_equals_the_naive_sum(weights):
    a, w, b, c = weights
    net = ReLUNet(a, w, b, c)
    # Beyond every kink (|kink| <= 80) on both sides, plus every kink itself.
    x = np.concatenate([np.linspace(-120.0, 120.0, 200), net.kinks()])
    assert_close_to_sum(net(x), a, w, b, c, x)


@PROPERTY_SETTINGS
@given(nets(), windows)
def test_polyline_interpolated_by_numpy_equals_the_net(weights, window):
    net = ReLUNet(*weights)
    lo, hi = window
    xs, ys = net.polyline(lo, hi)
    x = np.concatenate([np.linspace(lo, hi, 200), xs, (xs[1:] + xs[:-1]) / 2])
    x = np.clip(x, lo, hi)
    scale = 1.0 + magnitude(*weights, x)
    assert np.all(np.abs(np.interp(x, xs, ys) - net(x)) <= 2 * RELATIVE * scale)


@PROPERTY_SETTINGS
@given(nets(), windows)
def test_scalar_input_gives_the_same_float_as_an_array(weights, window):
    net = ReLUNet(*weights)
    for x in [*window, *net.kinks(), window[0] - 100.0, window[1] + 100.0]:
        value = net(float(x))
        assert type(value) is float
        assert value == net(np.array([x]))[0]


def test_evaluation_keeps_the_shape_and_accepts_integers():
    net = symmetric_square(2)
    x = np.array([[-2, -1, 0], [1, 2, 0]])  # h_2 interpolates x² on [-2, 2]
    assert net(x).shape == (2, 3)
    np.testing.assert_array_equal(net(x), (x * x).astype(float))
    assert net(2) == 4.0


def test_tails_at_infinity_follow_the_tail_slopes():
    rising_right = shifted(1.0, a=2.0)  # 0 to the left, slope 2 to the right
    np.testing.assert_array_equal(rising_right([-np.inf, np.inf]), [0.0, np.inf])
    assert math.isnan(rising_right(np.nan))


# --- polyline, slopes and kinks ----------------------------------------------------------------


@PROPERTY_SETTINGS
@given(nets(), windows)
def test_polyline_vertices_are_the_ends_and_every_distinct_kink_inside(weights, window):
    a, w, b, c = weights
    lo, hi = window
    xs, ys = ReLUNet(a, w, b, c).polyline(lo, hi)
    assert xs[0] == lo
    assert xs[-1] == hi
    assert np.all(np.diff(xs) > 0)
    assert set(xs[1:-1]) == {kink for kink in oracle_kinks(a, w, b) if lo < kink < hi}
    assert_close_to_sum(ys, a, w, b, c, xs)


@PROPERTY_SETTINGS
@given(nets(), windows)
def test_slopes_jump_by_the_units_kinking_there(weights, window):
    a, w, b, c = weights
    net = ReLUNet(a, w, b, c)
    xs, _ = net.polyline(*window)
    slopes = net.slopes(*window)
    assert len(slopes) == len(xs) - 1
    expected = oracle_kinks(a, w, b)
    jump_scale = 1.0 + np.sum(np.abs(a * w))
    for vertex, jump in zip(xs[1:-1], np.diff(slopes), strict=True):
        assert abs(jump - expected[vertex]) <= RELATIVE * jump_scale


@PROPERTY_SETTINGS
@given(nets(), windows)
def test_slopes_equal_finite_differences_of_the_naive_sum(weights, window):
    a, w, b, c = weights
    net = ReLUNet(a, w, b, c)
    xs, _ = net.polyline(*window)
    widths = np.diff(xs)
    rises = np.diff(naive(a, w, b, c, xs))
    # Compared as slope × width against the rise, so a tiny segment divides nothing; the
    # rise carries the rounding of two values of the sum.
    value_scale = 1.0 + np.max(magnitude(a, w, b, c, xs))
    tolerance = 2 * RELATIVE * value_scale + RELATIVE * (1 + np.sum(np.abs(a * w))) * widths
    assert np.all(np.abs(net.slopes(*window) * widths - rises) <= tolerance)


@PROPERTY_SETTINGS
@given(nets())
def test_kinks_and_slope_jumps_come_from_the_weights(weights):
    a, w, b, _ = weights
    net = ReLUNet(*weights)
    np.testing.assert_array_equal(
        net.kinks(), sorted(-b_i / w_i for w_i, b_i in zip(w, b, strict=True) if w_i)
    )
    positions, jumps = net.slope_jumps()
    expected = oracle_kinks(a, w, b)
    np.testing.assert_array_equal(positions, sorted(expected))
    scale = 1.0 + np.sum(np.abs(a * w))
    assert np.all(np.abs(jumps - [expected[p] for p in positions]) <= RELATIVE * scale)


def test_polyline_of_a_hand_built_net():
    # g = relu(x) - 2 relu(x - 1): slope 0, then 1 from x = 0, then -1 from x = 1.
    net = ReLUNet(a=[1.0, -2.0], w=[1.0, 1.0], b=[0.0, -1.0])
    xs, ys = net.polyline(-1.0, 3.0)
    np.testing.assert_array_equal(xs, [-1.0, 0.0, 1.0, 3.0])
    np.testing.assert_array_equal(ys, [0.0, 0.0, 1.0, -1.0])
    np.testing.assert_array_equal(net.slopes(-1.0, 3.0), [0.0, 1.0, -1.0])
    # A window between kinks is one segment; a kink on the boundary is not "inside".
    assert net.polyline(0.25, 0.75)[0].tolist() == [0.25, 0.75]
    assert net.polyline(0.0, 1.0)[0].tolist() == [0.0, 1.0]
    np.testing.assert_array_equal(net.slopes(0.0, 1.0), [1.0])


# --- parts of a net --------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(nets(), st.data())
def test_parts_of_a_net_are_the_sums_of_their_units(weights, data):
    a, w, b, c = weights
    net = ReLUNet(a, w, b, c)
    x = np.linspace(-100.0, 100.0, 101)
    k = data.draw(st.integers(0, len(a)))
    assert net.with_units(k).c == c
    assert_close_to_sum(net.with_units(k)(x), a[:k], w[:k], b[:k], c, x)
    assert_close_to_sum(net.units(x).sum(axis=0) + c, a, w, b, c, x)
    assert net.units(x).shape == (len(a), len(x))
    if len(a):
        i = data.draw(st.integers(-len(a), len(a) - 1))
        single = net.unit(i)
        assert len(single) == 1
        assert single.c == 0.0
        assert_close_to_sum(single(x), a[[i]], w[[i]], b[[i]], 0.0, x)


def test_net_without_units_is_its_constant():
    net = ReLUNet([], [], [], c=2.5)
    assert net.n_units == len(net) == 0
    np.testing.assert_array_equal(net([-1e9, 0.0, 1e9]), [2.5, 2.5, 2.5])
    assert net.polyline(0.0, 1.0)[0].tolist() == [0.0, 1.0]
    np.testing.assert_array_equal(net.slopes(0.0, 1.0), [0.0])
    assert net.kinks().size == 0
    assert net.units(np.zeros(3)).shape == (0, 3)


def test_a_unit_with_zero_input_weight_is_the_constant_a_relu_b():
    net = ReLUNet(a=[3.0, 5.0], w=[0.0, 0.0], b=[2.0, -1.0], c=1.0)  # 3·2 + 5·0 + 1
    np.testing.assert_array_equal(net([-7.0, 0.0, 7.0]), [7.0, 7.0, 7.0])
    assert net.kinks().size == 0


def test_a_scalar_weight_is_one_unit():
    net = ReLUNet(a=2.0, w=-1.0, b=1.0)
    assert net.n_units == 1
    assert net(-1.0) == 4.0


def test_net_is_immutable_and_owns_its_weights():
    a = np.array([1.0, 2.0])
    net = ReLUNet(a, [1.0, -1.0], [0.0, 0.5])
    a[0] = 99.0
    assert net.a[0] == 1.0
    for vector in (net.a, net.w, net.b):
        assert vector.dtype == np.float64
        with pytest.raises(ValueError, match="read-only"):
            vector[0] = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.c = 1.0


def test_equal_nets_compare_and_hash_equal_and_survive_copies():
    net = ReLUNet([1.0, -2.0], [1.0, -0.5], [0.0, -0.0], 0.5)
    twin = ReLUNet([1, -2], [1, -0.5], [0, 0], 0.5)
    assert net == twin
    assert hash(net) == hash(twin)
    assert net != ReLUNet([1.0, -2.0], [1.0, -0.5], [0.0, 0.0], 0.25)
    for clone in (copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert clone == net
        assert not clone.a.flags.writeable
    assert "ReLUNet" in repr(net)
    assert "100 units" in repr(interpolant(np.sin, 0, 1, 100))


# --- constructors ---------------------------------------------------------------------------


def test_shifted_is_a_ramp_starting_at_h():
    x = np.linspace(-3.0, 3.0, 61)
    np.testing.assert_allclose(shifted(0.7, a=-1.5)(x), -1.5 * np.maximum(0.0, x - 0.7), atol=1e-15)
    np.testing.assert_array_equal(shifted(0.7).kinks(), [0.7])


@pytest.mark.parametrize("n", [1, 2, 3, 7, 16])
def test_interpolant_equals_numpy_interp_through_the_knots(n):
    knots = np.linspace(-1.0, 2.0, n + 1)
    net = interpolant(np.exp, -1.0, 2.0, n)
    x = np.linspace(-1.0, 2.0, 301)
    np.testing.assert_allclose(net(x), np.interp(x, knots, np.exp(knots)), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(net.kinks(), knots[:-1], rtol=0, atol=1e-15)


def test_interpolant_calls_f_once_on_the_knot_array():
    calls = []

    def square(x):
        calls.append(x.copy())
        return x * x

    interpolant(square, 0.0, 1.0, 4)
    assert len(calls) == 1
    np.testing.assert_allclose(calls[0], [0.0, 0.25, 0.5, 0.75, 1.0])


@pytest.mark.parametrize("n", range(1, 101))
def test_interpolant_of_square_misses_by_one_over_n_squared(n):
    # On a piece [t, t + Δ] the chord minus x² is (x - t)(t + Δ - x), largest at the
    # midpoint: Δ²/4 with Δ = 2/n, so 1/n².
    net = interpolant(np.square, 0.0, 2.0, n)
    assert max_error(np.square, net, 0.0, 2.0) == pytest.approx(1.0 / n**2, rel=1e-9)


def test_interpolant_of_square_with_one_piece_misses_most_at_one():
    net = interpolant(np.square, 0.0, 2.0, 1)  # the chord 2x
    assert argmax_error(np.square, net, 0.0, 2.0) == pytest.approx(1.0, abs=1e-6)
    assert max_error(np.square, net, 0.0, 2.0) == pytest.approx(1.0, rel=1e-9)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 10, 50, 100])
def test_rms_error_of_square_interpolant_is_closed_form(n):
    # Mean of ((x - t)(t + Δ - x))² over a piece is Δ⁴/30, so the RMS is Δ²/√30, Δ = 2/n.
    net = interpolant(np.square, 0.0, 2.0, n)
    expected = 4.0 / (n**2 * math.sqrt(30.0))
    assert rms_error(np.square, net, 0.0, 2.0) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("n", [2, 5, 10])
def test_least_squares_beats_the_interpolant(n):
    fitted = least_squares(np.square, 0.0, 2.0, n)
    plain = interpolant(np.square, 0.0, 2.0, n)
    np.testing.assert_array_equal(fitted.kinks(), plain.kinks())
    assert rms_error(np.square, fitted, 0, 2) < rms_error(np.square, plain, 0, 2)
    assert max_error(np.square, fitted, 0, 2) < max_error(np.square, plain, 0, 2)


def test_least_squares_recovers_a_net_with_the_same_kinks_exactly():
    # Kinks at the knots 0, 0.5, 1, 1.5 of [0, 2] with n = 4: the fit has zero residual.
    target = ReLUNet(a=[1.0, -3.0, 0.5, 2.0], w=[1.0] * 4, b=[0.0, -0.5, -1.0, -1.5], c=-0.25)
    fitted = least_squares(target, 0.0, 2.0, 4, samples=101)
    np.testing.assert_allclose(fitted.a, target.a, rtol=0, atol=1e-10)
    assert fitted.c == pytest.approx(target.c, abs=1e-10)


# --- seed 000: the symmetric square ---------------------------------------------------------


def test_symmetric_square_levels_one_and_two_are_the_stated_formulas():
    x = np.linspace(-3.0, 3.0, 1000)
    np.testing.assert_allclose(symmetric_square(1)(x), np.abs(x), rtol=0, atol=1e-12)
    level_two = np.abs(x) + np.maximum(0.0, 2 * (x - 1)) + np.maximum(0.0, -2 * (x + 1))
    np.testing.assert_allclose(symmetric_square(2)(x), level_two, rtol=0, atol=1e-12)


@pytest.mark.parametrize("levels", range(1, 9))
def test_symmetric_square_interpolates_the_square_at_integers(levels):
    j = np.arange(-levels, levels + 1, dtype=float)
    np.testing.assert_allclose(symmetric_square(levels)(j), j * j, rtol=0, atol=1e-12)
    # So it is x²'s interpolant on unit pieces of [-k, k]: the chord misses by Δ²/4 = 1/4.
    assert max_error(np.square, symmetric_square(levels), -levels, levels) == pytest.approx(0.25)
    # Its first 2(k-1) units are level k - 1.
    if levels > 1:
        assert symmetric_square(levels).with_units(2 * levels - 2) == symmetric_square(levels - 1)


# --- errors ---------------------------------------------------------------------------------


def test_max_error_finds_a_maximum_between_grid_points():
    # e(x) = 1 + (e-1)x - exp(x) against the chord of exp on [0, 1] peaks where exp(x) = e-1.
    net = interpolant(np.exp, 0.0, 1.0, 1)
    peak = math.log(math.e - 1)
    expected = 1 + (math.e - 1) * peak - (math.e - 1)
    assert max_error(np.exp, net, 0.0, 1.0) == pytest.approx(expected, rel=1e-9)
    assert argmax_error(np.exp, net, 0.0, 1.0) == pytest.approx(peak, abs=1e-6)


def test_max_error_at_an_end_and_at_a_kink():
    # |0 - h_2| on [-0.7, 1.9] is largest at 1.9: 1.9 + 2·0.9.
    zero = lambda x: np.zeros_like(x)  # noqa: E731
    assert max_error(zero, symmetric_square(2), -0.7, 1.9) == pytest.approx(3.7, rel=1e-12)
    assert argmax_error(zero, symmetric_square(2), -0.7, 1.9) == pytest.approx(1.9, abs=1e-9)
    # 2 - x² - |x| is largest at the kink x = 0.
    bump = lambda x: 2 - x * x  # noqa: E731
    assert max_error(bump, symmetric_square(1), -1.0, 1.0) == pytest.approx(2.0, rel=1e-12)
    assert argmax_error(bump, symmetric_square(1), -1.0, 1.0) == pytest.approx(0.0, abs=1e-6)


def test_rms_error_is_exact_for_a_polynomial():
    # ∫₀¹ x⁶ dx = 1/7.
    assert rms_error(lambda x: x**3, ReLUNet([], [], []), 0.0, 1.0) == pytest.approx(
        1 / math.sqrt(7), rel=1e-13
    )


# --- neuron and relu ------------------------------------------------------------------------


def test_relu_of_scalars_and_arrays():
    assert relu(-2.5) == 0.0
    assert relu(2.5) == 2.5
    assert type(relu(1)) is float
    np.testing.assert_array_equal(relu(np.array([[-1.0, 3.0]])), [[0.0, 3.0]])


def test_neuron_on_one_vector_and_a_batch():
    rng = np.random.default_rng(7)
    w, b = rng.normal(size=4), 0.3
    batch = rng.normal(size=(50, 4))
    explicit = [
        max(0.0, sum(w_k * x_k for w_k, x_k in zip(w, row, strict=True)) + b) for row in batch
    ]
    np.testing.assert_allclose(neuron(batch, w, b), explicit, rtol=1e-13, atol=1e-15)
    single = neuron(batch[0], w, b)
    assert type(single) is float
    assert single == pytest.approx(explicit[0], abs=1e-15)


@pytest.mark.parametrize(
    ("x", "w", "b", "message"),
    [
        (np.ones(3), np.ones(2), 0.0, r"shape \(n,\) or \(m, n\) with n = 2"),
        (np.ones((2, 3)), np.ones(2), 0.0, r"got \(2, 3\)"),
        (np.ones((2, 2, 2)), np.ones(2), 0.0, r"got \(2, 2, 2\)"),
        (np.ones(2), np.ones((2, 1)), 0.0, r"w must have shape \(n,\)"),
        (np.ones(2), np.ones(2), np.ones(2), "b must be a scalar"),
    ],
)
def test_neuron_rejects_bad_shapes(x, w, b, message):
    with pytest.raises(ValueError, match=message):
        neuron(x, w, b)


# --- rejected input -------------------------------------------------------------------------

SQUARE_NET = symmetric_square(2)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ReLUNet([1.0, np.nan], [1.0, 1.0], [0.0, 0.0]), "a must be finite"),
        (lambda: ReLUNet([1.0], [np.inf], [0.0]), "w must be finite"),
        (lambda: ReLUNet([1.0], [1.0], [-np.inf]), "b must be finite"),
        (lambda: ReLUNet([1.0], [1.0], [0.0], c=np.nan), "c must be a finite scalar"),
        (lambda: ReLUNet([1.0], [1.0], [0.0], c=[1.0]), "c must be a finite scalar"),
        (
            lambda: ReLUNet([1, 2, 3], [1, 2, 3], [1, 2]),
            "a, w and b must have the same length, got 3, 3 and 2",
        ),
        (lambda: ReLUNet(np.ones((2, 2)), np.ones(4), np.ones(4)), r"a must be 1-D, got shape"),
        (lambda: ReLUNet([1.0], [1e-320], [1.0]), "kink -b/w must be finite"),
        (lambda: SQUARE_NET.with_units(-1), "k must be in 0..4"),
        (lambda: SQUARE_NET.with_units(5), "k must be in 0..4"),
        (lambda: SQUARE_NET.with_units(1.5), "k must be an integer"),
        (lambda: SQUARE_NET.polyline(1.0, 1.0), "finite lo < hi"),
        (lambda: SQUARE_NET.slopes(2.0, 1.0), "finite lo < hi"),
        (lambda: interpolant(np.sin, 0.0, 1.0, 0), "n must be at least 1"),
        (lambda: interpolant(np.sin, 0.0, 1.0, -3), "n must be at least 1"),
        (lambda: interpolant(np.sin, 0.0, 1.0, 2.0), "n must be an integer"),
        (lambda: interpolant(np.sin, 0.0, 1.0, True), "n must be an integer"),
        (lambda: interpolant(np.sin, 1.0, 0.0, 3), "finite lo < hi"),
        (lambda: interpolant(np.sin, 0.0, np.inf, 3), "finite lo < hi"),
        (lambda: interpolant(np.sin, np.nan, 1.0, 3), "finite lo < hi"),
        (lambda: interpolant(np.log, -1.0, 1.0, 4), "f is not finite at x = -1.0"),
        (lambda: interpolant(lambda x: np.ones(2), 0.0, 1.0, 4), "one value per point"),
        (lambda: least_squares(np.sin, 0.0, 1.0, 0), "n must be at least 1"),
        (lambda: least_squares(np.sin, 0.0, 1.0, 10, samples=5), "samples must be at least 11"),
        (lambda: least_squares(np.log, -1.0, 1.0, 3), "f is not finite"),
        (lambda: symmetric_square(0), "levels must be at least 1"),
        (lambda: symmetric_square(2.0), "levels must be an integer"),
        (lambda: max_error(np.sin, SQUARE_NET, 1.0, -1.0), "max_error: need finite lo < hi"),
        (lambda: argmax_error(np.sin, SQUARE_NET, 0.0, np.nan), "argmax_error: need finite"),
        (lambda: rms_error(np.sin, SQUARE_NET, -np.inf, 0.0), "rms_error: need finite lo < hi"),
        (lambda: max_error(lambda x: x / 0.0, SQUARE_NET, 0.0, 1.0), "f is not finite"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(build, message):
    with np.errstate(divide="ignore", invalid="ignore"), pytest.raises(ValueError, match=message):
        build()


def test_unit_index_out_of_range():
    with pytest.raises(IndexError):
        SQUARE_NET.unit(4)


# --- cost -----------------------------------------------------------------------------------


def test_evaluation_never_builds_an_m_by_n_array():
    points, units = 10**6, 100
    rng = np.random.default_rng(3)
    w = rng.choice([-1.0, 1.0], units) * rng.uniform(0.5, 2.0, units)
    net = ReLUNet(rng.normal(size=units), w, -w * rng.uniform(-1.0, 1.0, units), 0.5)
    x = rng.uniform(-1.5, 1.5, points)
    tracemalloc.start()
    try:
        values = net(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The result alone is M floats, so tracemalloc does see NumPy's buffers; an M×N
    # broadcast would be 800 MB.
    assert values.nbytes <= peak < 20 * points * 8


@pytest.mark.parametrize(("lo", "hi"), [(0.0, 2.0), (-1.0, 1.0), (-3.0, 0.5), (2.0, 7.0)])
@pytest.mark.parametrize("n", [1, 3, 10, 57])
def test_square_law_prediction_matches_the_measured_error(lo: float, hi: float, n: int) -> None:
    measured = max_error(np.square, interpolant(np.square, lo, hi, n), lo, hi)
    assert square_interpolant_error(lo, hi, n) == pytest.approx(measured, rel=1e-9)
    assert square_interpolant_error(0.0, 2.0, n) == pytest.approx(1 / n**2, rel=1e-15)


# -- continuous least squares on fixed knots (Square's "adjusted weights") -----------------------


def test_least_squares_of_x_squared_on_0_1_2_is_the_interpolant_less_one_sixth() -> None:
    """By hand: on [t, t + 1], x² − chord = (x − t)(x − t − 1), whose mean is −1/6 and which
    is orthogonal to every line (the shifted Legendre polynomial of degree 2). So the best
    line on each piece is the chord less 1/6, and these join up: the interpolant
    ReLU(x) + 2·ReLU(x − 1) less 1/6, max error 1/6 at the knots."""
    from relu_anim.numeric import constant_gap, least_squares_at

    fit = least_squares_at(np.square, [0.0, 1.0, 2.0])
    np.testing.assert_allclose(fit.a, [1.0, 2.0], atol=1e-12)
    np.testing.assert_allclose(fit.b, [0.0, -1.0], atol=0)
    assert fit.c == pytest.approx(-1 / 6, abs=1e-12)
    x = np.linspace(0.0, 2.0, 200_001)
    assert np.max(np.abs(x**2 - fit(x))) == pytest.approx(1 / 6, abs=1e-12)
    through = ReLUNet(a=[1.0, 2.0], w=[1.0, 1.0], b=[0.0, -1.0])
    assert constant_gap(through, fit, 0.0, 2.0) == pytest.approx(1 / 6, abs=1e-12)
    # Least squares on 2001 even samples is near it, not it (the number the scene showed).
    sampled_fit = least_squares(np.square, 0.0, 2.0, 2)
    assert max_error(np.square, sampled_fit, 0.0, 2.0) == pytest.approx(0.166833, abs=1e-6)


@pytest.mark.parametrize(("lo", "hi"), [(-1.0, 1.0), (0.0, 3.0), (-2.0, 0.5)])
def test_least_squares_of_x_squared_on_two_equal_pieces_is_delta_squared_over_six_down(lo, hi):
    from relu_anim.numeric import constant_gap, first_units

    delta = (hi - lo) / 2
    first = first_units(np.square, lo, hi)
    assert first.bend_at == pytest.approx((lo + hi) / 2, abs=1e-9)
    assert first.shift == pytest.approx(delta**2 / 6, rel=1e-12)
    x = np.linspace(lo, hi, 100_001)
    np.testing.assert_allclose(first.fit(x), first.pair(x) - delta**2 / 6, atol=1e-12)
    assert constant_gap(first.pair, interpolant(np.square, lo, hi, 4), lo, hi) is None


def test_continuous_least_squares_leaves_a_residual_orthogonal_to_every_unit() -> None:
    """The normal equations, checked with integrals by the trapezoid rule on a fine grid (not
    the Gauss sums of the code), on uneven knots of a target that is not a polynomial."""
    from relu_anim.numeric import least_squares_at

    knots = np.array([-1.0, -0.3, 0.2, 1.4])
    target = lambda x: np.sin(3 * x) + np.exp(x)  # noqa: E731
    fit = least_squares_at(target, knots)
    x = np.linspace(knots[0], knots[-1], 2_000_001)
    residual = target(x) - fit(x)
    basis = [np.ones_like(x), *(np.maximum(x - t, 0.0) for t in knots[:-1])]
    for function in basis:
        assert abs(np.trapezoid(residual * function, x)) < 1e-9
    # And the smallest integrated squared error: any weight nudged gives a larger one.
    best = np.trapezoid(residual**2, x)
    for index in range(len(knots)):
        weights = np.array([fit.c, *fit.a])
        weights[index] += 1e-3
        nudged = ReLUNet(a=weights[1:], w=fit.w, b=fit.b, c=weights[0])
        assert np.trapezoid((target(x) - nudged(x)) ** 2, x) > best
