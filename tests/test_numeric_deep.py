"""Tests for :mod:`relu_anim.numeric.deep` against closed forms and independent oracles.

The oracles share no code with the module: a forward pass written as explicit sums over each
layer's inputs, a tent map written as ``max(0, min(2y, 2 − 2y))``, the interpolant from
:mod:`relu_anim.numeric.shallow` (tested on its own), and scikit-learn's ``predict``.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import pickle
import warnings
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

from relu_anim.numeric import (
    DeepReLUNet,
    ReLUNet,
    depth_table,
    interpolant,
    max_error,
    relu_net_from_sklearn,
    rms_error,
    sawtooth_square,
    shallow_units_for_error,
    tent_power,
)

# Its module-scoped fixtures are built once: every test of this module runs on one
# xdist worker (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("numeric_deep")

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)
INTERVALS = [(0.0, 1.0), (-2.0, 2.0), (-1.3, 2.1), (0.5, 3.0)]
DEPTHS = range(1, 11)


def brute_layers(coefs, intercepts, x):
    """Every layer's output at the points ``x``, one input at a time (no matrix products)."""
    h = [np.asarray(x, dtype=float)]
    outputs = []
    for index, (coef, intercept) in enumerate(zip(coefs, intercepts, strict=True)):
        coef = np.asarray(coef, dtype=float)
        z = []
        for j in range(coef.shape[1]):
            total = np.full(h[0].shape, float(intercept[j]))
            for i in range(coef.shape[0]):
                total = total + h[i] * coef[i, j]
            z.append(total)
        last = index == len(coefs) - 1
        h = z if last else [np.where(value > 0, value, 0.0) for value in z]
        outputs.append((z, h))
    return outputs


def brute(coefs, intercepts, x):
    return brute_layers(coefs, intercepts, x)[-1][1][0]


def magnitude(coefs, intercepts, x):
    """The forward pass with every weight and input by its absolute value: rounding's scale."""
    absolute = [np.abs(np.asarray(coef, dtype=float)) for coef in coefs]
    return 1.0 + brute(absolute, [np.abs(b) for b in intercepts], np.abs(x))


def tent(y):
    return np.maximum(0.0, np.minimum(2 * y, 2 - 2 * y))


def yarotsky(m, y):
    """``f_m(y) = y − Σ_{s=1..m} T^{∘s}(y)/4^s`` straight from the paper's formula."""
    total, power = np.array(y, dtype=float), np.array(y, dtype=float)
    for s in range(1, m + 1):
        power = tent(power)
        total = total - power / 4.0**s
    return total


# --- the sawtooth: Yarotsky's deep net for x² ---------------------------------------------------


@pytest.mark.parametrize(("lo", "hi"), INTERVALS)
@pytest.mark.parametrize("m", DEPTHS)
def test_sawtooth_equals_the_interpolant_on_2_to_the_m_pieces(m, lo, hi):
    net, shallow = sawtooth_square(m, lo, hi), interpolant(np.square, lo, hi, 2**m)
    x = np.linspace(lo, hi, 100_000)
    knots = np.linspace(lo, hi, 2**m + 1)
    vertices = net.polyline(lo, hi)[0]
    for points in (x, knots, vertices):
        assert np.max(np.abs(net(points) - shallow(points))) <= 1e-12


@pytest.mark.parametrize("m", DEPTHS)
def test_sawtooth_on_the_unit_interval_is_yarotskys_sum(m):
    x = np.linspace(0.0, 1.0, 10_001)
    assert np.max(np.abs(sawtooth_square(m)(x) - yarotsky(m, x))) <= 1e-13


@pytest.mark.parametrize(("lo", "hi"), INTERVALS)
@pytest.mark.parametrize("m", DEPTHS)
def test_sawtooth_polyline_has_a_vertex_at_every_knot_and_nowhere_else(m, lo, hi):
    xs, ys = sawtooth_square(m, lo, hi).polyline(lo, hi)
    knots = np.linspace(lo, hi, 2**m + 1)
    assert len(xs) == 2**m + 1
    assert xs[0] == lo
    assert xs[-1] == hi
    assert np.max(np.abs(xs - knots)) <= 1e-13 * max(1.0, abs(lo), abs(hi))
    # At the knots the interpolant is x² itself.
    assert np.max(np.abs(ys - knots**2)) <= 1e-12


@pytest.mark.parametrize(("lo", "hi"), INTERVALS)
@pytest.mark.parametrize("m", DEPTHS)
def test_sawtooth_max_error_is_a_quarter_of_the_squared_half_piece(m, lo, hi):
    expected = ((hi - lo) / 2 ** (m + 1)) ** 2
    assert math.isclose(
        max_error(np.square, sawtooth_square(m, lo, hi), lo, hi), expected, rel_tol=1e-8
    )


@pytest.mark.parametrize("m", [1, 4, 8])
def test_sawtooth_rms_error_matches_the_closed_form(m):
    # On a piece of width Δ the gap is t(Δ − t), whose mean square is Δ⁴/30.
    lo, hi = -1.0, 2.0
    delta = (hi - lo) / 2**m
    measured = rms_error(np.square, sawtooth_square(m, lo, hi), lo, hi)
    assert math.isclose(measured, delta**2 / math.sqrt(30), rel_tol=1e-7)


@pytest.mark.parametrize("m", DEPTHS)
def test_sawtooth_has_m_layers_of_four_units(m):
    net = sawtooth_square(m)
    assert net.layers == (4,) * m
    assert net.n_units == 4 * m


def test_sawtooth_with_no_layers_is_the_chord():
    net = sawtooth_square(0, -1.0, 3.0)
    x = np.linspace(-1.0, 3.0, 101)
    np.testing.assert_allclose(net(x), 1.0 + (x + 1.0) * 2.0, rtol=0, atol=1e-13)
    assert net.n_units == 1


@pytest.mark.parametrize("s", range(1, 9))
def test_tent_power_is_the_composed_tent_with_2_to_the_s_minus_1_teeth(s):
    net = tent_power(s)
    x = np.linspace(-0.5, 1.5, 20_001)
    expected = x.copy()
    for _ in range(s):
        expected = tent(expected)
    assert np.max(np.abs(net(x) - expected)) <= 1e-12
    xs, ys = net.polyline(0.0, 1.0)
    np.testing.assert_allclose(xs, np.linspace(0.0, 1.0, 2**s + 1), rtol=0, atol=1e-15)
    np.testing.assert_allclose(ys, np.arange(2**s + 1) % 2, rtol=0, atol=1e-12)
    assert np.sum(ys > 0.5) == 2 ** (s - 1)  # the teeth
    assert net.layers == (3,) * s


def test_tent_power_maps_its_interval():
    x = np.linspace(2.0, 5.0, 301)
    np.testing.assert_allclose(
        tent_power(3, 2.0, 5.0)(x), tent_power(3)((x - 2.0) / 3.0), atol=1e-12
    )


def test_sawtooth_layers_carry_the_tents():
    # Unit 0 of layer s + 1 is ReLU(T^{∘s}(y)) = T^{∘s}(y) on [0, 1].
    x = np.linspace(0.0, 1.0, 1001)
    outputs = sawtooth_square(5).layer_outputs(x)
    for s in range(1, 5):
        np.testing.assert_allclose(outputs[s][:, 0], tent_power(s)(x), atol=1e-13)


# --- units for equal error -------------------------------------------------------------------


@pytest.fixture(scope="module")
def table():
    return depth_table()


def test_depth_table_counts_units_for_equal_error(table):
    # (L/2n)² ≤ (L/2^{m+1})² exactly when n ≥ 2^m.
    assert [row.layers for row in table] == list(DEPTHS)
    for row in table:
        expected_error = 2.0 ** (-2 * row.layers - 2)
        assert row.deep_units == 4 * row.layers
        assert row.shallow_units == 2**row.layers
        assert math.isclose(row.deep_error, expected_error, rel_tol=1e-8)
        assert math.isclose(row.shallow_error, expected_error, rel_tol=1e-8)
    deeper_wins = [row.layers for row in table if row.deep_units < row.shallow_units]
    assert deeper_wins == list(range(5, 11))


@pytest.mark.parametrize(
    ("error", "lo", "hi"),
    [(1 / 121, 0.0, 1.0), (0.01, -2.0, 2.0), (1e-6, 0.0, 1.0), (10.0, 0.0, 1.0)],
)
def test_shallow_units_for_error_is_the_ceiling_of_the_closed_form(error, lo, hi):
    # (L/2n)² ≤ error  ⟺  n ≥ L/(2·√error).
    expected = max(1, math.ceil((hi - lo) / (2 * math.sqrt(error)) - 1e-9))
    assert shallow_units_for_error(error, lo, hi) == expected


@pytest.mark.parametrize("error", [0.0, -1.0, math.nan, math.inf])
def test_shallow_units_for_error_needs_a_positive_error(error):
    with pytest.raises(ValueError, match="error must be positive"):
        shallow_units_for_error(error)


def test_shallow_units_for_error_gives_up_on_tiny_errors():
    with pytest.raises(ValueError, match="ask for a larger error"):
        shallow_units_for_error(1e-30)


# --- random deep nets against the brute-force forward pass ------------------------------------


@st.composite
def deep_nets(draw):
    """Up to 4 hidden layers of up to 5 units; some exact zeros and repeated rows."""
    depth = draw(st.integers(0, 4))
    widths = [1, *draw(st.lists(st.integers(1, 5), min_size=depth, max_size=depth)), 1]
    weight = st.one_of(st.just(0.0), st.floats(-3.0, 3.0, allow_subnormal=False))
    coefs, intercepts = [], []
    for n_in, n_out in pairwise(widths):
        coefs.append(np.array(draw(st.lists(weight, min_size=n_in * n_out, max_size=n_in * n_out))))
        coefs[-1] = coefs[-1].reshape(n_in, n_out)
        intercepts.append(np.array(draw(st.lists(weight, min_size=n_out, max_size=n_out))))
    return coefs, intercepts


windows = st.tuples(st.floats(-5.0, 5.0), st.floats(0.01, 10.0)).map(lambda p: (p[0], p[0] + p[1]))


@PROPERTY_SETTINGS
@given(deep_nets(), st.floats(-8.0, 8.0))
def test_deep_net_equals_the_brute_force_forward_pass(layers, shift):
    coefs, intercepts = layers
    net = DeepReLUNet(coefs, intercepts)
    x = np.linspace(-10.0, 10.0, 301) + shift
    tolerance = 1e-12 * magnitude(coefs, intercepts, x)
    assert np.all(np.abs(net(x) - brute(coefs, intercepts, x)) <= tolerance)


@PROPERTY_SETTINGS
@given(deep_nets(), windows)
def test_deep_polyline_is_the_whole_graph(layers, window):
    coefs, intercepts = layers
    lo, hi = window
    net = DeepReLUNet(coefs, intercepts)
    xs, ys = net.polyline(lo, hi)
    assert xs[0] == lo
    assert xs[-1] == hi
    assert np.all(np.diff(xs) > 0)
    # The vertices carry the net's values...
    scale = magnitude(coefs, intercepts, np.array([lo, hi])).max()
    assert np.all(np.abs(ys - brute(coefs, intercepts, xs)) <= 1e-12 * scale)
    # ...and the net is linear between them: at every midpoint and on a dense grid, the
    # brute-force value is the chord's. A missed kink would show as a gap here.
    middles = (xs[1:] + xs[:-1]) / 2
    np.testing.assert_allclose(
        brute(coefs, intercepts, middles), (ys[1:] + ys[:-1]) / 2, rtol=0, atol=1e-9 * scale
    )
    dense = np.linspace(lo, hi, 2001)
    np.testing.assert_allclose(
        brute(coefs, intercepts, dense), np.interp(dense, xs, ys), rtol=0, atol=1e-9 * scale
    )


@PROPERTY_SETTINGS
@given(deep_nets(), windows)
def test_every_inner_vertex_is_a_zero_of_some_hidden_unit(layers, window):
    coefs, intercepts = layers
    xs = DeepReLUNet(coefs, intercepts).kinks(*window)
    if not len(xs):
        return
    hidden = brute_layers(coefs, intercepts, xs)[:-1]
    # Each unit's pre-activation and the scale of its rounding, at every vertex.
    absolute = brute_layers(
        [np.abs(c) for c in coefs], [np.abs(b) for b in intercepts], np.abs(xs)
    )[:-1]
    near_zero = np.zeros(len(xs), dtype=bool)
    for (z, _), (size, _) in zip(hidden, absolute, strict=True):
        for value, scale in zip(z, size, strict=True):
            near_zero |= np.abs(value) <= 1e-9 * (1.0 + scale)
    assert near_zero.all()


@PROPERTY_SETTINGS
@given(deep_nets(), windows)
def test_deep_slopes_are_the_rise_over_the_run(layers, window):
    coefs, intercepts = layers
    net = DeepReLUNet(coefs, intercepts)
    xs, ys = net.polyline(*window)
    slopes = net.slopes(*window)
    assert len(slopes) == len(xs) - 1
    scale = magnitude(coefs, intercepts, np.array(window)).max()
    slope_scale = np.prod([np.abs(c).sum(axis=0).max() for c in coefs]) + 1.0
    tolerance = 1e-11 * scale + 1e-11 * slope_scale * np.diff(xs)
    assert np.all(np.abs(slopes * np.diff(xs) - np.diff(ys)) <= tolerance)


@st.composite
def shallow_nets(draw):
    """One hidden layer with kinks on a grid of eighths, so every kink is exact and distinct."""
    count = draw(st.integers(1, 12))
    kinks = draw(st.lists(st.integers(-40, 40), min_size=count, max_size=count))
    w = np.array(
        draw(st.lists(st.sampled_from([-2.0, -1.0, 0.5, 1.0, 4.0]), min_size=count, max_size=count))
    )
    a = np.array(draw(st.lists(st.floats(-5.0, 5.0), min_size=count, max_size=count)))
    return ReLUNet(a, w, -w * np.array(kinks) / 8.0, draw(st.floats(-5.0, 5.0)))


# Windows from one odd sixteenth to another: never on a kink, never a hair away from one.
grid_windows = st.tuples(st.integers(-80, 80), st.integers(1, 100)).map(
    lambda p: ((2 * p[0] + 1) / 16, (2 * p[0] + 1) / 16 + p[1] / 8)
)


@PROPERTY_SETTINGS
@given(shallow_nets(), grid_windows)
def test_one_hidden_layer_gives_the_shallow_polyline(net, window):
    deep = DeepReLUNet.from_shallow(net)
    deep_xs, deep_ys = deep.polyline(*window)
    xs, ys = net.polyline(*window)
    np.testing.assert_array_equal(deep_xs, xs)
    reach = max(abs(window[0]), abs(window[1]))
    scale = 1.0 + abs(net.c) + np.sum(np.abs(net.a) * (np.abs(net.w) * reach + np.abs(net.b)))
    np.testing.assert_allclose(deep_ys, ys, rtol=0, atol=1e-12 * scale)
    slope_scale = 1.0 + np.sum(np.abs(net.a * net.w))
    np.testing.assert_allclose(
        deep.slopes(*window), net.slopes(*window), rtol=0, atol=1e-12 * slope_scale
    )


# --- the value object -------------------------------------------------------------------------


def test_evaluation_keeps_shapes_and_gives_floats_for_scalars():
    net = tent_power(2)
    assert type(net(0.25)) is float
    assert net(np.zeros((2, 3))).shape == (2, 3)
    assert net(np.array([])).shape == (0,)
    assert net(1) == 0.0


def test_evaluation_in_blocks_equals_one_pass():
    # Wide enough that __call__ splits 3000 points into several blocks.
    rng = np.random.default_rng(3)
    coefs = [rng.normal(size=(1, 300)), rng.normal(size=(300, 1))]
    intercepts = [rng.normal(size=300), rng.normal(size=1)]
    x = np.linspace(-3.0, 3.0, 3000)
    expected = np.maximum(x[:, None] * coefs[0] + intercepts[0], 0.0) @ coefs[1][:, 0]
    np.testing.assert_allclose(
        DeepReLUNet(coefs, intercepts)(x), expected + intercepts[1][0], atol=1e-10
    )


def test_layer_outputs_are_each_hidden_layer():
    coefs = [np.array([[1.0, -1.0]]), np.array([[1.0], [1.0]]), np.array([[2.0]])]
    intercepts = [np.array([0.0, 0.0]), np.array([-1.0]), np.array([0.5])]
    net = DeepReLUNet(coefs, intercepts)  # 2·ReLU(|x| − 1) + 0.5
    first, second = net.layer_outputs(np.array([-3.0, 0.5]))
    np.testing.assert_array_equal(first, [[0.0, 3.0], [0.5, 0.0]])
    np.testing.assert_array_equal(second, [[2.0], [0.0]])
    np.testing.assert_array_equal(net([-3.0, 0.5]), [4.5, 0.5])


def test_net_is_immutable_and_copies_its_inputs():
    coef = np.array([[1.0, 2.0]])
    net = DeepReLUNet([coef, np.ones((2, 1))], [np.zeros(2), np.zeros(1)])
    coef[0, 0] = 100.0
    assert net(1.0) == 3.0
    with pytest.raises(ValueError, match="read-only"):
        net.coefs[0][0, 0] = 5.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.coefs = ()


def test_copies_pickles_equality_and_hash():
    net = sawtooth_square(3, -1.0, 1.0)
    for clone in (copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert clone == net
        assert hash(clone) == hash(net)
        assert not clone.coefs[0].flags.writeable
    assert net != sawtooth_square(3)
    assert net != tent_power(3)
    assert repr(net) == "DeepReLUNet(layers=(4, 4, 4))"
    zero = DeepReLUNet([[[-0.0]]], [[0.0]])
    assert zero == DeepReLUNet([[[0.0]]], [[0.0]])
    assert hash(zero) == hash(DeepReLUNet([[[0.0]]], [[0.0]]))


def test_a_single_layer_is_an_affine_map_without_kinks():
    net = DeepReLUNet([[[2.0]]], [[-1.0]])
    assert net.layers == ()
    assert net.n_units == 0
    xs, ys = net.polyline(-1.0, 1.0)
    np.testing.assert_array_equal(xs, [-1.0, 1.0])
    np.testing.assert_array_equal(ys, [-3.0, 1.0])


BAD_LAYERS = [
    ([], [], "at least one layer"),
    ([[[1.0]]], [], "one entry per layer"),
    ([[1.0, 2.0]], [[0.0]], r"coefs\[0\] must be 2-D"),
    ([np.ones((2, 1))], [[0.0]], r"coefs\[0\] must have 1 row \(the input is a scalar\)"),
    (
        [np.ones((1, 3)), np.ones((2, 1))],
        [np.zeros(3), [0.0]],
        r"coefs\[1\] must have 3 rows \(layer 0 has 3 units\)",
    ),
    ([np.ones((1, 0)), np.ones((0, 1))], [[], [0.0]], "every layer needs a unit"),
    ([np.ones((1, 2)), np.ones((2, 1))], [np.zeros(3), [0.0]], r"intercepts\[0\] must have shape"),
    ([np.ones((1, 2))], [np.zeros(2)], "the last layer must have 1 column"),
    ([[[np.nan]]], [[0.0]], r"coefs\[0\] must be finite"),
    ([[[1.0]]], [[np.inf]], r"intercepts\[0\] must be finite"),
    ([[[1.0], [1.0, 2.0]]], [[0.0]], r"coefs\[0\] must be an array of numbers"),
]


@pytest.mark.parametrize(("coefs", "intercepts", "message"), BAD_LAYERS)
def test_bad_layers_raise_one_line_value_errors(coefs, intercepts, message):
    with pytest.raises(ValueError, match=message) as caught:
        DeepReLUNet(coefs, intercepts)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("lo", "hi"), [(1.0, 1.0), (2.0, 1.0), (0.0, math.inf), (math.nan, 1.0)])
def test_polyline_needs_a_finite_interval(lo, hi):
    with pytest.raises(ValueError, match="need finite lo < hi"):
        tent_power(1).polyline(lo, hi)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sawtooth_square(-1), "m must be at least 0"),
        (lambda: sawtooth_square(2.0), "m must be an integer"),
        (lambda: tent_power(0), "s must be at least 1"),
        (lambda: sawtooth_square(2, 1.0, 1.0), "need finite lo < hi"),
    ],
)
def test_constructions_check_their_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- scikit-learn models ----------------------------------------------------------------------


def trained(hidden, **options):
    x = np.linspace(-2.0, 2.0, 200)[:, None]
    model = MLPRegressor(hidden_layer_sizes=hidden, max_iter=60, random_state=0, **options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a few iterations are enough here
        return model.fit(x, x[:, 0] ** 2)


@pytest.fixture(scope="module")
def shallow_model():
    return trained((16,))


@pytest.fixture(scope="module")
def deep_model():
    return trained((6, 5, 4))


POINTS = np.linspace(-3.0, 3.0, 10_000)


def test_imported_one_layer_model_predicts_what_sklearn_predicts(shallow_model):
    expected = shallow_model.predict(POINTS[:, None])
    for net in (ReLUNet.from_sklearn(shallow_model), DeepReLUNet.from_sklearn(shallow_model)):
        assert np.max(np.abs(net(POINTS) - expected)) <= 1e-10
        xs, ys = net.polyline(-3.0, 3.0)
        assert np.max(np.abs(np.interp(POINTS, xs, ys) - expected)) <= 1e-10
    assert ReLUNet.from_sklearn(shallow_model).n_units == 16
    assert relu_net_from_sklearn(shallow_model) == ReLUNet.from_sklearn(shallow_model)


def test_imported_deep_model_predicts_what_sklearn_predicts(deep_model):
    net = DeepReLUNet.from_sklearn(deep_model)
    expected = deep_model.predict(POINTS[:, None])
    assert net.layers == (6, 5, 4)
    assert np.max(np.abs(net(POINTS) - expected)) <= 1e-10
    xs, ys = net.polyline(-3.0, 3.0)
    assert np.max(np.abs(np.interp(POINTS, xs, ys) - expected)) <= 1e-10


# Kinks of dead units, as weight decay leaves them: an input weight shrunk towards 0 with the
# bias kept moves the kink out to -b/w. At ±1e7..±1e14 g is ~1e14 there, and interpolating
# from such a vertex back to |x| ≤ 3 cancelled all but a few digits (issue 16, item 9).
FAR_KINKS = 10.0 ** np.arange(7, 15)
WINDOW = (-3.0, 3.0)


def with_far_kinks(model, reach=0.5):
    """A copy of ``model`` whose first-layer units bending outside ``[-reach, reach]`` bend at
    ±1e7..±1e14 instead, so stretches of ``WINDOW`` lie between a near kink and a far one.

    Sides and directions cycle, so the copy has units dead on ``WINDOW`` (off on the whole of
    it) and units alive on all of it (affine there), on both sides.
    """
    model = copy.deepcopy(model)
    weights, biases = model.coefs_[0], model.intercepts_[0]
    units = np.flatnonzero(np.abs(biases) > reach * np.abs(weights[0]))
    assert len(units) >= 4  # all four kinds of far unit
    for turn, unit in enumerate(units):
        far = FAR_KINKS[turn % len(FAR_KINKS)]
        kink = far if turn % 2 == 0 else -far
        rising = turn % 4 < 2  # rising at +far: dead on the window; at -far: alive
        bias = max(abs(biases[unit]), 0.5)
        weights[0, unit] = bias / far if rising else -bias / far
        biases[unit] = -weights[0, unit] * kink
    assert np.all(np.abs(-biases[units] / weights[0, units]) >= 1e7)
    return model


def fsum_net(model, x):
    """A one-hidden-layer model at one point: every unit's term summed exactly."""
    weights, outputs = model.coefs_[0][0], model.coefs_[1][:, 0]
    pre = [float(w) * x + float(b) for w, b in zip(weights, model.intercepts_[0], strict=True)]
    terms = [float(a) * max(z, 0.0) for a, z in zip(outputs, pre, strict=True)]
    return math.fsum([*terms, float(model.intercepts_[1][0])])


def assert_close_to_predict(net, model):
    expected = model.predict(POINTS[:, None])
    tolerance = 1e-10 * max(1.0, float(np.max(np.abs(expected))))
    assert np.max(np.abs(net(POINTS) - expected)) <= tolerance
    xs, ys = net.polyline(*WINDOW)
    assert np.max(np.abs(np.interp(POINTS, xs, ys) - expected)) <= tolerance


def assert_close_to_exact_sums(net, model):
    """At a few points, within rounding of the size of the terms summed (one-layer models)."""
    weights, outputs = model.coefs_[0][0], model.coefs_[1][:, 0]
    for x in (-3.0, -1.7, -0.01, 0.0, 0.3, 1.25, 2.9, 3.0):
        size = abs(model.intercepts_[1][0]) + np.sum(
            np.abs(outputs) * (np.abs(weights * x) + np.abs(model.intercepts_[0]))
        )
        assert abs(net(x) - fsum_net(model, x)) <= 64 * np.finfo(float).eps * size


@pytest.fixture(scope="module")
def decayed_model():
    """A real fit in which weight decay killed units: their kinks drift out to ~1e4..1e6."""
    x = np.linspace(-2.0, 2.0, 201)[:, None]
    model = MLPRegressor(
        hidden_layer_sizes=(16,), solver="lbfgs", alpha=10.0, max_iter=1000, random_state=2
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(x, x[:, 0] ** 2)


def test_a_model_with_decayed_units_predicts_what_sklearn_predicts(decayed_model):
    kinks = -decayed_model.intercepts_[0] / decayed_model.coefs_[0][0]
    assert np.max(np.abs(kinks)) > 1e4  # the fit did leave far kinks: this tests something
    for net in (ReLUNet.from_sklearn(decayed_model), DeepReLUNet.from_sklearn(decayed_model)):
        assert_close_to_predict(net, decayed_model)
        assert_close_to_exact_sums(net, decayed_model)


@pytest.mark.parametrize("fixture", ["decayed_model", "shallow_model"])
def test_dead_units_with_kinks_at_1e7_to_1e14_keep_the_precision(fixture, request):
    base = request.getfixturevalue(fixture)
    model = with_far_kinks(base)
    for net in (ReLUNet.from_sklearn(model), DeepReLUNet.from_sklearn(model)):
        assert_close_to_predict(net, model)
        assert_close_to_exact_sums(net, model)


def test_deep_dead_units_with_far_kinks_keep_the_precision(deep_model):
    model = with_far_kinks(deep_model)
    # A second-layer unit dead everywhere on the window, with tiny weights in.
    model.coefs_[1][:, 0] = 1e-12
    model.intercepts_[1][0] = -1.0
    assert_close_to_predict(DeepReLUNet.from_sklearn(model), model)


def test_one_layer_import_refuses_a_deep_model(deep_model):
    with pytest.raises(ValueError, match=r"3 hidden layers .* use DeepReLUNet.from_sklearn"):
        ReLUNet.from_sklearn(deep_model)


def unfit_cases():
    x1, x2 = np.linspace(0, 1, 30)[:, None], np.random.default_rng(0).normal(size=(30, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return [
            (MLPRegressor(hidden_layer_sizes=(3,)), "not fitted .* call model.fit"),
            (
                MLPRegressor(hidden_layer_sizes=(3,), activation="tanh", max_iter=5).fit(
                    x1, x1[:, 0]
                ),
                "activation='tanh' .* train it with activation='relu'",
            ),
            (
                MLPRegressor(hidden_layer_sizes=(3,), max_iter=5).fit(x2, x2[:, 0]),
                r"2 input features .* fit it on X of shape \(n_samples, 1\)",
            ),
            (
                MLPRegressor(hidden_layer_sizes=(3,), max_iter=5).fit(x1, np.hstack([x1, x1])),
                r"2 outputs .* fit it on y of shape \(n_samples,\)",
            ),
            (
                MLPClassifier(hidden_layer_sizes=(3,), max_iter=5).fit(x1, x1[:, 0] > 0.5),
                "output activation is 'logistic'.* use an MLPRegressor",
            ),
        ]


@pytest.mark.parametrize("importer", [ReLUNet.from_sklearn, DeepReLUNet.from_sklearn])
def test_models_that_do_not_fit_raise_one_line_errors(importer):
    for model, message in unfit_cases():
        with pytest.raises(ValueError, match=message) as caught:
            importer(model)
        assert "\n" not in str(caught.value)
        assert type(model).__name__ in str(caught.value)
