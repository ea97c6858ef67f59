"""Tests for :mod:`relu_anim.numeric.plane` against oracles that share no code with it.

The oracles: the defining sum ``c + Σ a_i·max(0, w_i·x + b_i)`` written out unit by unit; the
face count of a line arrangement in a rectangle, ``1 + L + P`` (lines crossing it, crossings
inside it) for lines in general position; activation patterns of grid points; and the product
construction's error measured on dense grids and, exactly, on every edge of every region.
"""

from __future__ import annotations

import math
import resource
import subprocess
import sys
import textwrap
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_anim import numeric
from relu_anim.numeric import (
    MAX_REGION_UNITS,
    PlaneNet,
    cubic_term_net,
    interpolant,
    loglog_slope,
    product_error,
    product_net,
)
from relu_anim.numeric.errorlaw import Samples

# Rounding of a sum of N terms is a few ulps of the sum of their magnitudes; 1e-12 of that
# magnitude leaves a wide margin yet fails on any real mistake (a wrong plane or vertex).
RELATIVE = 1e-12
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)
BOX = ((-1.0, 1.0), (-1.0, 1.0))


def naive(net: PlaneNet, x1, x2) -> np.ndarray:
    """The defining sum, one unit at a time."""
    x1, x2 = np.broadcast_arrays(np.asarray(x1, dtype=float), np.asarray(x2, dtype=float))
    total = np.full(x1.shape, float(net.c))
    for a_i, (w1, w2), b_i in zip(net.a, net.w, net.b, strict=True):
        total = total + a_i * np.maximum(0.0, w1 * x1 + w2 * x2 + b_i)
    return total


def scale(net: PlaneNet, box) -> float:
    """Σ of the magnitudes the sum adds anywhere in the box: the scale of its rounding."""
    (x_lo, x_hi), (y_lo, y_hi) = box
    reach = np.array([max(abs(x_lo), abs(x_hi)), max(abs(y_lo), abs(y_hi))])
    return 1.0 + abs(net.c) + float(np.sum(np.abs(net.a) * (np.abs(net.w) @ reach + np.abs(net.b))))


def arrangement_faces(net: PlaneNet, box) -> int:
    """``1 + L + P`` for creases in general position (none parallel, no three through a point)."""
    (x_lo, x_hi), (y_lo, y_hi) = box
    corners = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])
    lines = [(w, b) for w, b in zip(net.w, net.b, strict=True) if np.any(w != 0)]
    crossing = sum(
        1 for w, b in lines if (corners @ w + b).max() > 0 and (corners @ w + b).min() < 0
    )
    inside = 0
    for (w, b), (v, d) in combinations(lines, 2):
        x, y = np.linalg.solve(np.array([w, v]), -np.array([b, d]))
        inside += x_lo < x < x_hi and y_lo < y < y_hi
    return 1 + crossing + inside


def assert_regions_are_exact(net: PlaneNet, box) -> list:
    """Areas tile the box, polygons are convex and CCW, planes equal the net, patterns match."""
    regions = net.regions(*box)
    (x_lo, x_hi), (y_lo, y_hi) = box
    size = (x_hi - x_lo) + (y_hi - y_lo)
    tolerance = RELATIVE * scale(net, box)
    total = math.fsum(region.area for region in regions)
    assert total == pytest.approx((x_hi - x_lo) * (y_hi - y_lo), rel=RELATIVE)
    for region in regions:
        vertices = region.vertices
        assert len(vertices) >= 3
        assert region.area > 0.0
        assert np.all(vertices[:, 0] >= x_lo - RELATIVE * size)
        assert np.all(vertices[:, 0] <= x_hi + RELATIVE * size)
        assert np.all(vertices[:, 1] >= y_lo - RELATIVE * size)
        assert np.all(vertices[:, 1] <= y_hi + RELATIVE * size)
        edges = np.roll(vertices, -1, axis=0) - vertices
        turns = edges[:, 0] * np.roll(edges[:, 1], -1) - edges[:, 1] * np.roll(edges[:, 0], -1)
        assert np.all(turns >= -RELATIVE * size**2), "not convex and counter-clockwise"
        points = np.vstack([vertices, region.centroid])
        difference = region.value(points[:, 0], points[:, 1]) - naive(net, *points.T)
        assert np.all(np.abs(difference) <= tolerance), np.abs(difference).max()
        # Units clearly on one side of the centroid must be on exactly when it is positive.
        z = net.w @ region.centroid + net.b
        clear = np.abs(z) > RELATIVE * size * (1.0 + np.abs(net.w).sum(axis=1))
        assert np.array_equal(region.active[clear], z[clear] > 0)
    return regions


# --- random nets ----------------------------------------------------------------------------


@st.composite
def nets(draw, max_units: int = 10):
    """Nets with zero weights, parallel and coincident creases, and creases through corners."""
    count = draw(st.integers(0, max_units))
    weight = st.floats(-4.0, 4.0)
    direction = st.one_of(
        st.tuples(weight, weight),
        st.sampled_from([(0.0, 0.0), (1.0, 0.0), (0.0, -2.0), (1.0, 1.0), (1.0, -1.0)]),
    )
    units = [(draw(weight), *draw(direction), draw(st.floats(-3.0, 3.0))) for _ in range(count)]
    if units:
        # Scaling (w, b) by a power of two or by -1 is exact: the crease repeats exactly.
        for index in draw(st.lists(st.integers(0, len(units) - 1), max_size=4)):
            factor = draw(st.sampled_from([1.0, 2.0, 0.5, -1.0, -4.0]))
            _, w1, w2, b = units[index]
            units.append((draw(weight), w1 * factor, w2 * factor, b * factor))
        # The same direction with another bias: a parallel crease.
        for index in draw(st.lists(st.integers(0, len(units) - 1), max_size=3)):
            _, w1, w2, _ = units[index]
            units.append((draw(weight), w1, w2, draw(st.floats(-3.0, 3.0))))
        # A crease through a corner of BOX.
        for index in draw(st.lists(st.integers(0, len(units) - 1), max_size=3)):
            _, w1, w2, _ = units[index]
            x, y = draw(st.sampled_from([(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]))
            units.append((draw(weight), w1, w2, -(w1 * x + w2 * y)))
    rows = np.array(units, dtype=float).reshape(-1, 4)
    return PlaneNet(rows[:, 0], rows[:, 1:3], rows[:, 3], draw(st.floats(-3.0, 3.0)))


boxes = st.tuples(
    st.floats(-5.0, 5.0), st.floats(0.1, 10.0), st.floats(-5.0, 5.0), st.floats(0.1, 10.0)
).map(lambda box: ((box[0], box[0] + box[1]), (box[2], box[2] + box[3])))


@PROPERTY_SETTINGS
@given(nets(), boxes)
def test_regions_tile_the_box_with_the_nets_planes(net: PlaneNet, box) -> None:
    assert_regions_are_exact(net, box)


@PROPERTY_SETTINGS
@given(nets())
def test_regions_with_degenerate_creases_on_the_square(net: PlaneNet) -> None:
    # BOX is the square the strategy aims its creases at: through corners, along edges.
    assert_regions_are_exact(net, BOX)


@PROPERTY_SETTINGS
@given(st.integers(0, 30), st.integers(0, 2**32 - 1), boxes)
def test_region_count_is_the_arrangements_face_count(units: int, seed: int, box) -> None:
    # Gaussian weights put the creases in general position with probability one.
    rng = np.random.default_rng(seed)
    net = PlaneNet(
        rng.normal(size=units), rng.normal(size=(units, 2)), 3.0 * rng.normal(size=units)
    )
    assert len(assert_regions_are_exact(net, box)) == arrangement_faces(net, box)


@PROPERTY_SETTINGS
@given(nets(), boxes, st.integers(0, 2**32 - 1))
def test_every_point_lies_in_a_region_whose_plane_is_the_net(net: PlaneNet, box, seed) -> None:
    rng = np.random.default_rng(seed)
    (x_lo, x_hi), (y_lo, y_hi) = box
    points = np.column_stack([rng.uniform(x_lo, x_hi, 50), rng.uniform(y_lo, y_hi, 50)])
    regions = net.regions(*box)
    size = (x_hi - x_lo) + (y_hi - y_lo)
    tolerance = RELATIVE * scale(net, box)
    for point in points:
        holders = []
        for region in regions:
            edges = np.roll(region.vertices, -1, axis=0) - region.vertices
            offsets = point - region.vertices
            cross = edges[:, 0] * offsets[:, 1] - edges[:, 1] * offsets[:, 0]
            # Signed distances to the edges' lines: a sliver's short edges must not let
            # far points in.
            if np.all(cross >= -RELATIVE * size * np.hypot(*edges.T)):
                holders.append(region)
        assert holders, f"{point} is in no region"
        for region in holders:
            assert abs(region.value(*point) - naive(net, *point)) <= tolerance


# --- evaluation -----------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(nets(max_units=30), boxes, st.integers(1, 40), st.integers(1, 40))
def test_evaluation_matches_the_defining_sum(net: PlaneNet, box, columns, rows) -> None:
    xs, ys = np.linspace(*box[0], columns), np.linspace(*box[1], rows)
    grid_x, grid_y = np.meshgrid(xs, ys)
    expected = naive(net, grid_x, grid_y)
    tolerance = RELATIVE * scale(net, box)
    assert np.all(np.abs(net(grid_x, grid_y) - expected) <= tolerance)
    # on_grid runs its rows along whichever axis is longer: both ways are exercised.
    grid = net.on_grid(xs, ys)
    assert grid.shape == (rows, columns)
    assert np.all(np.abs(grid - expected) <= tolerance)


def test_evaluation_is_chunked_and_shaped_like_its_input() -> None:
    rng = np.random.default_rng(7)
    net = PlaneNet(rng.normal(size=300), rng.normal(size=(300, 2)), rng.normal(size=300))
    # 5000 points × 300 units is more than one chunk of pre-activations.
    x1 = rng.uniform(-2, 2, (50, 100))
    values = net(x1, 0.5)
    assert values.shape == (50, 100)
    assert np.allclose(values, naive(net, x1, 0.5), rtol=0, atol=RELATIVE * scale(net, BOX) * 4)
    assert isinstance(net(0.25, -0.5), float)


# --- degenerate arrangements ----------------------------------------------------------------


def test_a_net_without_units_is_one_flat_region() -> None:
    (region,) = PlaneNet(np.zeros(0), np.zeros((0, 2)), np.zeros(0), c=2.5).regions(*BOX)
    assert region.vertices.tolist() == [[-1, -1], [1, -1], [1, 1], [-1, 1]]
    assert region.plane.tolist() == [0.0, 0.0, 2.5]


def test_units_without_input_weights_are_constants_without_creases() -> None:
    net = PlaneNet(a=[3.0, 5.0], w=[[0.0, 0.0], [0.0, 0.0]], b=[2.0, -1.0], c=1.0)
    (region,) = net.regions(*BOX)
    # 1 + 3·ReLU(2) + 5·ReLU(-1) = 7.
    assert region.plane.tolist() == [0.0, 0.0, 7.0]
    assert region.active.tolist() == [True, False]
    assert net.creases(*BOX) == []


def test_coincident_creases_count_once() -> None:
    # The same line x1 + x2 = 0.5 three times, once with the other side on.
    net = PlaneNet(a=[1.0, 2.0, 4.0], w=[[1, 1], [2, 2], [-1, -1]], b=[-0.5, -1.0, 0.5])
    regions = assert_regions_are_exact(net, BOX)
    assert len(regions) == 2
    planes = sorted(region.plane.tolist() for region in regions)
    # Above the line units 0 and 1 are on: (x1 + x2 - 0.5) + 2(2x1 + 2x2 - 1) = 5x1 + 5x2 - 2.5.
    # Below it unit 2 is on: 4(-x1 - x2 + 0.5).
    assert planes == [[-4.0, -4.0, 2.0], [5.0, 5.0, -2.5]]


def test_parallel_creases_cut_strips() -> None:
    net = PlaneNet(a=[1.0, 1.0, 1.0], w=[[1.0, 0.0]] * 3, b=[0.5, 0.0, -0.5])
    regions = assert_regions_are_exact(net, BOX)
    # Creases at x1 = -0.5, 0, 0.5: four strips 0.5 wide and 2 high.
    assert sorted(region.area for region in regions) == pytest.approx([1.0] * 4)
    slopes = sorted(region.plane[0] for region in regions)
    assert slopes == [0.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("w", "b", "faces"),
    [
        ([1.0, 1.0], 2.0, 1),  # through the corner (-1, -1) only
        ([1.0, 0.0], -1.0, 1),  # along the edge x1 = 1
        ([1.0, 1.0], 0.0, 2),  # through two corners: the diagonal
        ([0.0, 1.0], 5.0, 1),  # outside the square
        ([1e-300, 0.0], 1e300, 1),  # so far outside that -b/|w| overflows
    ],
)
def test_creases_touching_or_missing_the_square(w, b, faces) -> None:
    net = PlaneNet(a=[1.0], w=[w], b=[b])
    regions = assert_regions_are_exact(net, BOX)
    assert len(regions) == faces
    if faces == 2:
        assert [len(region.vertices) for region in regions] == [3, 3]
        assert len(net.creases(*BOX)) == 1
    else:
        assert net.creases(*BOX) == []


def test_concurrent_creases_make_six_sectors() -> None:
    net = PlaneNet(a=[1.0, -1.0, 2.0], w=[[1, 0], [0, 1], [1, -1]], b=[0.0, 0.0, 0.0])
    regions = assert_regions_are_exact(net, BOX)
    assert len(regions) == 6


def test_region_count_agrees_with_grid_activation_patterns() -> None:
    # Three creases y = -1/4, y = x + 1/4, y = -x + 1/4 bounding the triangle (±1/2, -1/4),
    # (0, 1/4): 7 faces, every one wide enough to hold points of a 401×401 grid; each face is
    # one activation pattern.
    net = PlaneNet(a=[1.0, 1.0, 1.0], w=[[0, 1], [1, -1], [-1, -1]], b=[0.25, 0.25, 0.25])
    xs = np.linspace(-1, 1, 401) * (1 - 1e-6) + 1e-7  # inside the square, off the creases
    grid_x, grid_y = np.meshgrid(xs, xs)
    patterns = np.stack(
        [w[0] * grid_x + w[1] * grid_y + b > 0 for w, b in zip(net.w, net.b, strict=True)]
    )
    distinct = {tuple(column) for column in patterns.reshape(3, -1).T}
    regions = assert_regions_are_exact(net, BOX)
    assert len(regions) == len(distinct) == 7
    assert {tuple(region.active) for region in regions} == distinct


def test_creases_end_on_the_boundary_and_lie_on_their_lines() -> None:
    rng = np.random.default_rng(3)
    net = PlaneNet(rng.normal(size=12), rng.normal(size=(12, 2)), rng.normal(size=12))
    found = net.creases(*BOX)
    assert 0 < len(found) <= 12
    for unit, ends in found:
        assert ends.shape == (2, 2)
        assert np.allclose(ends @ net.w[unit] + net.b[unit], 0.0, atol=1e-12)
        assert np.allclose(np.max(np.abs(ends), axis=1), 1.0, atol=1e-12)


# --- refusals -------------------------------------------------------------------------------


def test_more_creasing_units_than_the_cap_are_refused_at_once() -> None:
    units = MAX_REGION_UNITS + 1
    net = PlaneNet(np.ones(units), np.ones((units, 2)), np.linspace(-1, 1, units))
    with pytest.raises(ValueError, match=f"at most {MAX_REGION_UNITS} units") as caught:
        net.regions(*BOX)
    assert "\n" not in str(caught.value)
    # Units without a crease add no regions and are not counted.
    flat = PlaneNet(np.ones(units), np.zeros((units, 2)), np.ones(units))
    assert len(flat.regions(*BOX)) == 1


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: PlaneNet([1.0], [[1.0, 2.0, 3.0]], [0.0]), "shape"),
        (lambda: PlaneNet([1.0, 2.0], [[1.0, 2.0]], [0.0]), "same number"),
        (lambda: PlaneNet([math.nan], [[1.0, 2.0]], [0.0]), "finite"),
        (lambda: PlaneNet([1.0], [[1.0, 2.0]], [0.0], c=math.inf), "finite"),
        (lambda: PlaneNet([1e300], [[1e300, 0.0]], [0.0]), "finite"),
        (lambda: PlaneNet([1.0], [1.0, 0.0], [0.0]).regions((1, 1), (0, 1)), "lo < hi"),
        (lambda: PlaneNet([1.0], [1.0, 0.0], [0.0]).regions((0, math.inf), (0, 1)), "lo < hi"),
        (lambda: PlaneNet([1.0], [1.0, 0.0], [0.0]).regions((0, 1, 2), (0, 1)), "lo < hi"),
        (lambda: PlaneNet([1.0], [1.0, 0.0], [0.0]).on_grid([[0.0]], [0.0]), "1-D"),
        (lambda: product_net(0), "n must be"),
        (lambda: product_net(2, a=-1.0), "a must be"),
        (lambda: product_error(2, a=math.nan), "a must be"),
    ],
)
def test_bad_inputs_are_one_line_value_errors(build, message) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        build()
    assert "\n" not in str(caught.value)


def test_the_largest_arrangement_stays_within_time_and_memory() -> None:
    # A child under limits: a runaway (or a quadratic blow-up per split) fails the test
    # instead of the machine. MAX_REGION_UNITS generic creases: ~20 000 regions.
    code = textwrap.dedent(
        f"""
        import numpy as np
        from relu_anim.numeric import PlaneNet
        rng = np.random.default_rng(0)
        n = {MAX_REGION_UNITS}
        net = PlaneNet(rng.normal(size=n), rng.normal(size=(n, 2)), 0.5 * rng.normal(size=n))
        print(len(net.regions((-1, 1), (-1, 1))))
        """
    )

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (30, 30))

    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limits,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rng = np.random.default_rng(0)
    n = MAX_REGION_UNITS
    net = PlaneNet(rng.normal(size=n), rng.normal(size=(n, 2)), 0.5 * rng.normal(size=n))
    assert int(result.stdout) == arrangement_faces(net, BOX)


# --- the product x1·x2 ----------------------------------------------------------------------


def test_the_product_is_two_square_interpolants_along_the_diagonals() -> None:
    net = product_net(5, a=2.0)
    assert net.n_units == 10
    square = interpolant(np.square, -4.0, 4.0, 5)
    rng = np.random.default_rng(1)
    x1, x2 = rng.uniform(-2, 2, (2, 500))
    expected = (square(x1 + x2) - square(x1 - x2)) / 4
    assert np.allclose(net(x1, x2), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("a", [1.0, 0.5, 3.0])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 8])
def test_product_error_is_a_squared_over_n_squared_and_attained(n: int, a: float) -> None:
    # Derived by hand (see product_error): |E(u) - E(v)|/4 <= (4a/n)²/16 = a²/n², attained.
    assert product_error(n, a) == pytest.approx(a**2 / n**2, rel=1e-15)
    net = product_net(n, a)
    # The points where it is attained, ((u + v)/2, (u - v)/2) with u a midpoint of a piece
    # and v a knot, lie on this grid of step a/(4n).
    axis = np.linspace(-a, a, 8 * n + 1)
    grid_x, grid_y = np.meshgrid(axis, axis)
    measured = np.max(np.abs(grid_x * grid_y - net.on_grid(axis, axis)))
    assert measured == pytest.approx(a**2 / n**2, rel=1e-12)
    rng = np.random.default_rng(n)
    x1, x2 = rng.uniform(-a, a, (2, 20000))
    assert np.max(np.abs(x1 * x2 - net(x1, x2))) <= a**2 / n**2 * (1 + 1e-12)


@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_product_error_is_exact_over_every_region(n: int) -> None:
    # On a region the error x1·x2 - plane is a saddle (no interior maximum), so its maximum is
    # on an edge: at an end or where its derivative along the edge vanishes.
    a = 1.5
    worst = 0.0
    for region in assert_regions_are_exact(product_net(n, a), ((-a, a), (-a, a))):
        p, q, r = region.plane
        for start, end in zip(region.vertices, np.roll(region.vertices, -1, axis=0), strict=True):
            (x, y), (dx, dy) = start, end - start
            # e(t) = (x + t dx)(y + t dy) - p(x + t dx) - q(y + t dy) - r, for t in [0, 1].
            quadratic, linear = dx * dy, x * dy + y * dx - p * dx - q * dy
            candidates = [0.0, 1.0]
            if quadratic != 0.0:
                candidates.append(min(1.0, max(0.0, -linear / (2 * quadratic))))
            for t in candidates:
                px, py = x + t * dx, y + t * dy
                worst = max(worst, abs(px * py - (p * px + q * py + r)))
    assert worst == pytest.approx(a**2 / n**2, rel=1e-12)


def test_product_error_falls_as_one_over_n_squared() -> None:
    counts = np.array([1, 2, 4, 8, 16, 32])
    axis = np.linspace(-1.0, 1.0, 8 * 32 + 1)
    grid_x, grid_y = np.meshgrid(axis, axis)
    measured = np.array(
        [np.max(np.abs(grid_x * grid_y - product_net(int(n)).on_grid(axis, axis))) for n in counts]
    )
    assert np.all(np.diff(measured) < 0)
    assert loglog_slope(Samples(counts.astype(float), measured)) == pytest.approx(-2.0, abs=1e-9)
    assert [product_error(int(n)) for n in counts] == pytest.approx(1.0 / counts**2, rel=1e-15)


def test_product_regions_match_grid_activation_patterns() -> None:
    # n = 4 on [-1, 1]²: creases u, v ∈ {-1, 0, 1} (u = x1 + x2, v = x1 - x2) cut the diamond
    # |u| + |v| <= 2 into 4 inner cells and 8 half cells: 12 faces.
    net = product_net(4)
    regions = assert_regions_are_exact(net, BOX)
    # Inside the square and off the creases, also those through its corners.
    grid_x, grid_y = np.meshgrid(
        np.linspace(-1, 1, 400) * 0.999 + 1.3e-4, np.linspace(-1, 1, 400) * 0.999 - 2.9e-4
    )
    z = net.w @ np.stack([grid_x.ravel(), grid_y.ravel()]) + net.b[:, None]
    patterns = {tuple(column) for column in (z > 0).T}
    assert len(regions) == len(patterns) == 12


def test_the_api_is_exported_from_the_numeric_package() -> None:
    for name in ("PlaneNet", "Region", "product_net", "product_error", "MAX_REGION_UNITS"):
        assert name in numeric.__all__


@pytest.mark.parametrize("centre", [-2.5, 0.0, 1.0, 40.0])
@pytest.mark.parametrize("n", [1, 3, 4])
def test_the_product_off_centre_keeps_the_error_a_squared_over_n_squared(
    n: int, centre: float
) -> None:
    # On [c - a, c + a]², u = x1 + x2 spans [2c - 2a, 2c + 2a]: as wide as v's range, so the
    # same argument as on [-a, a]² gives a²/n², attained on the grid of step a/(4n).
    a = 0.75
    net = product_net(n, a, centre)
    assert net.n_units == 2 * n
    axis = np.linspace(centre - a, centre + a, 8 * n + 1)
    grid_x, grid_y = np.meshgrid(axis, axis)
    measured = np.max(np.abs(grid_x * grid_y - net.on_grid(axis, axis)))
    assert measured == pytest.approx(a**2 / n**2, rel=1e-9)
    rng = np.random.default_rng(n)
    x1, x2 = rng.uniform(centre - a, centre + a, (2, 5000))
    assert np.max(np.abs(x1 * x2 - net(x1, x2))) <= a**2 / n**2 * (1 + 1e-9)
    assert np.array_equal(product_net(n, a, 0.0).w, product_net(n, a).w)


@pytest.mark.parametrize("centre", [0.0, 1.5])
@pytest.mark.parametrize("n", [2, 5, 8])
def test_the_cubic_term_net_stays_within_its_bound(n: int, centre: float) -> None:
    net, bound = cubic_term_net(n, 1.0, centre)
    assert net.n_units == 3 * n
    axis = np.linspace(centre - 1.0, centre + 1.0, 40 * n + 1)
    grid_x, grid_y = np.meshgrid(axis, axis)
    measured = np.max(np.abs(grid_x**2 * grid_y - net.on_grid(axis, axis)))
    # The bound adds the three 1-D errors, so it holds everywhere; it is not loose by more
    # than a small factor, and like each 1-D error it falls nearly four times per doubling.
    assert 0.0 < measured <= bound * (1 + 1e-9)
    assert measured >= bound / 4
    assert cubic_term_net(2 * n, 1.0, centre)[1] < bound / 2.5


def test_cubic_term_net_refuses_bad_domains() -> None:
    with pytest.raises(ValueError, match="a must be"):
        cubic_term_net(2, a=0.0)
    with pytest.raises(ValueError, match="centre must be"):
        cubic_term_net(2, centre=float("nan"))
    with pytest.raises(ValueError, match="centre must be"):
        product_net(2, centre=float("inf"))
