"""Captions of Symmetric, Error law, Depth and Training are true for the numbers they describe:
each claim is checked over a grid of nets, targets and runs against numbers measured here by
brute force on dense grids, not by the captions' own code."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import numpy as np
import pytest

from relu_anim.captions.depth import DepthCaptions, carried_sums
from relu_anim.captions.error_law import ErrorLawCaptions, shown_slope
from relu_anim.captions.symmetric import SymmetricCaptions
from relu_anim.captions.training import TrainingCaptions
from relu_anim.numeric import (
    ReLUNet,
    error_series,
    interpolant,
    least_squares,
    log_counts,
    loglog_slope,
    symmetric_square,
)
from relu_anim.numeric.deep import (
    depth_table,
    sawtooth_square,
    shallow_units_lower_bound,
    tent_power,
)
from relu_anim.numeric.targets import parse_target
from relu_anim.numeric.training import train_square


def value_of(text: str) -> float:
    """A number as a caption prints it: ``1/32``, ``−0.44``, ``18``."""
    return float(Fraction(text.replace("−", "-")))


def brute_max_error(f, net, lo: float, hi: float, n: int = 200_001) -> float:
    x = np.linspace(lo, hi, n)
    return float(np.max(np.abs(f(x) - net(x))))


# -- Symmetric ------------------------------------------------------------------------------


def brute_meeting_points(net, lo: float, hi: float) -> list[float]:
    """Where |x² − h| vanishes on a grid of step 1/2000 that holds every integer and half."""
    x = np.linspace(lo, hi, round((hi - lo) * 2000) + 1)
    gap = np.abs(x**2 - net(x))
    zeros = x[gap <= 1e-9]
    clusters: list[list[float]] = []
    for z in zeros:
        if clusters and z - clusters[-1][-1] < 1e-2:
            clusters[-1].append(z)
        else:
            clusters.append([z])
    return [float(np.mean(c)) for c in clusters]


@pytest.mark.parametrize("levels", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("half_width", [3.0, 4.0, 6.5])
def test_symmetric_captions_match_brute_force(levels, half_width) -> None:
    nets = {k: symmetric_square(k) for k in sorted({1, 2, levels})}
    words = SymmetricCaptions(nets, (-half_width, half_width))
    for k in nets:
        caption = words.pattern(k)
        points = brute_meeting_points(nets[k], -half_width, half_width)
        integers = list(range(-k, k + 1))
        if "every integer" in caption:
            assert re.search(rf"every integer of \[−{k}, {k}\]", caption), caption
            np.testing.assert_allclose(points, integers, atol=1e-3)
        else:
            listed = re.search(r"meets x² at (.*)\.$", caption).group(1)
            shown = [value_of(v) for v in re.split(r", | and ", listed)]
            np.testing.assert_allclose(shown, points, atol=1e-3)
        # The slopes named are the net's, read off by finite differences between kinks.
        x = np.arange(0.25, half_width, 0.5)
        brute_slopes = sorted({round(float(s), 6) for s in (nets[k](x + 1e-4) - nets[k](x)) / 1e-4})
        shown = [value_of(v) for v in re.findall(r"±([\d./]+)", caption)]
        assert shown == pytest.approx(brute_slopes, abs=1e-4), caption
        if "adds slope" in caption:
            step = value_of(re.search(r"adds slope ([\d./]+)", caption).group(1))
            assert np.allclose(np.diff(brute_slopes), step), caption

    abs_caption = words.abs()
    listed = re.search(r"meets x² at (.*)\.$", abs_caption).group(1)
    shown = [value_of(v) for v in re.split(r", | and ", listed)]
    np.testing.assert_allclose(
        shown, brute_meeting_points(nets[1], -half_width, half_width), atol=1e-3
    )

    loss = words.loss_h1()
    x = np.linspace(-1.0, 1.0, 200_001)
    inside = np.max(0.5 * (x**2 - nets[1](x)) ** 2)
    at_most = value_of(re.search(r"at most ([^ ]+) on", loss).group(1))
    assert at_most == pytest.approx(inside, rel=1e-6), loss
    end = 0.5 * (half_width**2 - half_width) ** 2
    said = value_of(re.search(r"(?:climbs to|is) ([^ ]+) at x", loss).group(1))
    assert said == pytest.approx(end, rel=0.01), loss
    if "climbs" in loss:
        assert end > 10 * inside


def test_symmetric_default_captions_say_what_the_answer_shows() -> None:
    words = SymmetricCaptions({k: symmetric_square(k) for k in (1, 2, 3)})
    assert "meets x² at −1, 0 and 1" in words.abs()
    assert "at most 1/32 on [−1, 1], then climbs to 18 at x = ±3" in words.loss_h1()
    assert "slope 2 more past ±1" in words.h2()
    assert "every integer of [−2, 2]" in words.h2()
    assert "(slopes ±1, ±3, ±5)" in words.pattern(3)


# -- Error law ------------------------------------------------------------------------------


def brute_kink_error(n: int, c: float, lo: float = -1.0, hi: float = 1.0) -> float:
    """|x − c| interpolated on n pieces misses by 2ab/Δ on the piece holding the kink."""
    delta = (hi - lo) / n
    k = np.floor((c - lo) / delta + 1e-12)
    a = c - (lo + k * delta)
    b = delta - a
    return 0.0 if min(a, b) < 1e-9 * delta else 2 * a * b / delta


def law_captions(kink: float, step: float, last: int, square_hi: float = 2.0):
    every, spaced = range(1, last + 1), log_counts(last)
    kink_f, step_f = parse_target(f"abs(x - {kink})"), parse_target(f"step(x - {step})")
    series = {
        "square": error_series(np.square, 0.0, square_hi, every),
        "square_ls": error_series(np.square, 0.0, square_hi, spaced, fit="least_squares"),
        "kink": error_series(kink_f, -1.0, 1.0, every),
        "step_max": error_series(step_f, -1.0, 1.0, spaced, fit="least_squares"),
        "step_rms": error_series(step_f, -1.0, 1.0, spaced, "least_squares", "rms"),
    }
    slopes = {key: loglog_slope(s) for key, s in series.items()}
    return ErrorLawCaptions(series, slopes), series, slopes


@pytest.mark.parametrize(
    ("kink", "step", "last", "square_hi"),
    [(0.3, 0.3, 40, 2.0), (0.25, 0.0, 40, 2.0), (0.1, 0.5, 30, 1.0), (1 / 3, 0.3, 24, 3.0)],
)
def test_error_law_captions_match_brute_force(kink, step, last, square_hi) -> None:
    words, series, slopes = law_captions(kink, step, last, square_hi)
    counts = np.arange(1, last + 1)

    square = words.square()
    brute = [
        brute_max_error(
            np.square, interpolant(np.square, 0.0, square_hi, n), 0.0, square_hi, 20 * n + 1
        )
        for n in counts
    ]
    if "on the line 1/N²" in square:
        np.testing.assert_allclose(brute, 1.0 / counts**2, rtol=1e-6)
    else:
        assert not np.allclose(brute, 1.0 / counts**2, rtol=1e-6)
    slope = np.polyfit(np.log10(counts), np.log10(brute), 1)[0]
    assert value_of(re.search(r"slope ([^ .]+(?:\.\d+)?)\.", square).group(1)) == pytest.approx(
        slope, abs=0.006
    )

    ls = words.least_squares()
    spaced = log_counts(last)
    ratios = [
        brute_max_error(np.square, least_squares(np.square, 0.0, square_hi, n), 0.0, square_hi)
        / brute[n - 1]
        for n in spaced
    ]
    if "times as large" in ls:
        said = value_of(re.search(r"about ([\d./]+) times", ls).group(1))
        assert max(ratios) < 1.0, ls
        assert min(ratios) - 0.01 <= said <= max(ratios) + 0.01, ls
    if "the same slope" in ls:
        assert shown_slope(slopes["square_ls"]) == shown_slope(slopes["square"])

    kink_caption = words.kink()
    zeros = [int(n) for n in counts if brute_kink_error(n, kink) == 0.0]
    if zeros:
        listed = re.search(r"N = ([^;]+);", kink_caption).group(1)
        if "…" in listed:
            first, second = (int(v) for v in listed.split(", ")[:2])
            assert zeros == list(range(first, last + 1, second - first))
            assert first == zeros[0]
        else:
            assert [int(v) for v in re.split(r", | and ", listed)] == zeros
        assert "error 0" not in words.zeros_note() or str(zeros[0]) in words.zeros_note()
    else:
        assert "N =" not in kink_caption

    step_caption = words.step_max()
    step_f = parse_target(f"step(x - {step})")
    lowest = min(
        brute_max_error(step_f, least_squares(step_f, -1.0, 1.0, n), -1.0, 1.0) for n in spaced
    )
    if "never falls below 1/2" in step_caption:
        assert lowest >= 0.5 - 1e-6

    rms = words.step_rms()
    if "still falls" in rms:
        ys = series["step_rms"].ys
        assert ys[-1] < ys[0]
        assert slopes["step_rms"] < 0
        said = value_of(re.search(r"slope ([^:]+):", rms).group(1))
        assert said == pytest.approx(slopes["step_rms"], abs=0.006)


@pytest.mark.xdist_group("error_law")  # the scene's worker: its series are measured there
def test_error_law_default_captions() -> None:
    words, _, _ = law_captions(0.3, 0.3, 100)
    assert "lie on the line 1/N², slope −2." in words.square()
    assert "slope −1, and the error is 0 when a knot lands" in words.kink()
    assert "(N = 20, 40, …;" in words.kink()
    assert "never falls below 1/2" in words.step_max()
    # The fitted slope is said as measured, not rounded to the −1/2 of theory.
    assert "slope −0.44" in words.step_rms()


# -- Depth ----------------------------------------------------------------------------------

X = np.linspace(0.0, 1.0, 2**16 + 1)  # holds every knot k/2^m, m ≤ 16


def brute_teeth(net) -> int:
    y = net(X)
    return int(np.sum((y[1:-1] > y[:-2] + 1e-12) & (y[1:-1] >= y[2:] + 1e-12)))


@pytest.mark.parametrize("mark", [1, 3, 4, 5, 7])
@pytest.mark.parametrize("sums", [(1, 2, 3), (1, 2, 3, 4, 5)])
def test_depth_captions_match_brute_force(mark, sums) -> None:
    rows = depth_table(range(1, 8))
    words = DepthCaptions((2, 3, 4), sums, rows, mark)

    tent = words.tent()
    y = tent_power(1)(X)
    peak = value_of(re.search(r"up to ([^ ]+) at", tent).group(1))
    where = value_of(re.search(r"at x = ([^ ]+) and", tent).group(1))
    assert peak == pytest.approx(y.max())
    assert where == pytest.approx(X[np.argmax(y)])
    assert value_of(re.search(r"down to ([^.]+)\.", tent).group(1)) == pytest.approx(y[-1])

    teeth = words.teeth()
    for name, count in re.findall(r"((?:T∘)+T) has (\d+)", teeth):
        assert brute_teeth(tent_power(name.count("T"))) == int(count), teeth
    if "doubles" in teeth:
        assert [brute_teeth(tent_power(s)) for s in (1, 2, 3, 4)] == [1, 2, 4, 8]

    total = words.sum()
    if "2^m + 1 points, error 2^(−2m−2)" in total:
        for m in sums:
            f = sawtooth_square(m)(X)
            knots = np.arange(2**m + 1) / 2**m
            np.testing.assert_allclose(sawtooth_square(m)(knots), knots**2, atol=1e-12)
            assert np.max(np.abs(f - X**2)) == pytest.approx(2.0 ** (-2 * m - 2), rel=1e-6)

    if "passes it unchanged" in words.carry():
        for m in sums:
            outputs = sawtooth_square(m).layer_outputs(X)
            for s, out in enumerate(outputs, start=1):
                np.testing.assert_allclose(out[:, 3], sawtooth_square(s - 1)(X), atol=1e-12)
                assert out[:, 3].min() >= 0

    count = words.count()
    m, deep, shallow = (
        int(v)
        for v in re.search(r"m = (\d+), (\d+) units deep.*?(\d+) in one layer", count).groups()
    )
    error = 2.0 ** (-2 * m - 2)
    assert m == mark
    assert deep == sawtooth_square(m).n_units
    # The one-layer count: the fewest equal pieces within the same error, by brute force.
    fewest = next(
        n
        for n in range(1, 300)
        if brute_max_error(np.square, interpolant(np.square, 0.0, 1.0, n), 0.0, 1.0, 20_001)
        <= error * (1 + 1e-9)
    )
    assert shallow == fewest
    assert ("against" in count) == (deep < shallow)
    bound = int(re.search(r"(?:fewer than|at least) (\d+)", count).group(1))
    assert bound == words.fewest_any()


@pytest.mark.parametrize("mark", [3, 5, 7])
def test_no_one_layer_net_below_the_bound_reaches_the_error(mark) -> None:
    """The bound is falsifiable: one unit fewer, and neither the best net on equal pieces
    (the interpolant shifted down by half its error) nor least squares on random kinks, nor
    the least-squares fit on equal pieces, comes within the deep net's error."""
    error = 2.0 ** (-2 * mark - 2)
    bound = shallow_units_lower_bound(error)
    units = bound - 1
    rng = np.random.default_rng(mark)
    tries = [interpolant(np.square, 0.0, 1.0, units), least_squares(np.square, 0.0, 1.0, units)]
    for _ in range(5):
        kinks = np.sort(rng.uniform(0.0, 1.0, units))
        tries.append(least_squares_on(kinks))
    for net in tries:
        gap = np.square(X) - net(X)
        # The best shift of any net is half its spread: no net gets below that.
        assert (gap.max() - gap.min()) / 2 > error
    # And at the bound itself, the best equal-piece net comes close (the bound is not loose
    # by more than a unit).
    near = interpolant(np.square, 0.0, 1.0, bound + 2)
    gap = np.square(X) - near(X)
    assert (gap.max() - gap.min()) / 2 <= error


def least_squares_on(kinks: np.ndarray) -> ReLUNet:
    """The output weights and bias by least squares for units ReLU(x − t) at ``kinks``."""
    x = np.linspace(0.0, 1.0, 4001)
    design = np.column_stack([np.maximum(x[:, None] - kinks[None, :], 0.0), np.ones_like(x)])
    coef, *_ = np.linalg.lstsq(design, x**2, rcond=None)
    return ReLUNet(a=coef[:-1], w=np.ones_like(kinks), b=-kinks, c=coef[-1])


def test_depth_default_count_caption() -> None:
    words = DepthCaptions((2, 3, 4), (1, 2, 3, 4, 5), depth_table(range(1, 8)), 7)
    assert "m = 7, 28 units deep against 128 in one layer" in words.count()
    assert "fewer than 90" in words.count()
    assert "fourth unit" in words.carry()
    assert carried_sums(5)
    assert words.crossover() == 5


# -- Training -------------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "units", "steps"), [(0, 8, 4000), (1, 4, 300), (3, 8, 50)])
def test_training_captions_match_brute_force(seed, units, steps) -> None:
    snapshots = train_square(steps, seed=seed, units=units)
    words = TrainingCaptions(snapshots, units)
    start = words.start()
    assert start.startswith(f"{units} ReLU units")
    said = value_of(re.search(r"by up to ([^;]+);", start).group(1))
    brute = brute_max_error(np.square, snapshots[0].net, -2.0, 2.0)
    assert said == float(f"{brute:.2g}")

    descent = words.descent()
    losses = [s.loss for s in snapshots]
    # Independently: the loss is the mean squared error on 201 points of [−2, 2].
    x = np.linspace(-2.0, 2.0, 201)
    for snapshot in (snapshots[0], snapshots[-1]):
        mse = float(np.mean((snapshot.net(x) - x**2) ** 2))
        assert mse == pytest.approx(snapshot.loss, rel=1e-9)
    before, after = (
        (float(v) for v in re.search(r"from ([\d.e-]+) to ([\d.e-]+) in", descent).groups())
        if "falls from" in descent
        else (None, None)
    )
    if "falls from" in descent:
        assert all(b < a for a, b in itertools.pairwise(losses))
        assert before == pytest.approx(losses[0], abs=5e-5)
        assert after == pytest.approx(losses[-1], abs=5e-5)
        assert f"in {snapshots[-1].step} steps" in descent
    if "settles onto x²" in descent:
        assert brute_max_error(np.square, snapshots[-1].net, -2.0, 2.0) < brute

    net = snapshots[-1].net
    for unit in range(units):
        caption = words.unit(net, unit)
        a, w, sign, b, kink = re.search(
            r"(−?[\d.]+)·ReLU\((−?[\d.]+)x ([+−]) ([\d.]+)\).*kink at x = (−?[\d.]+)", caption
        ).groups()
        shown_b = value_of(b) * (1 if sign == "+" else -1)
        assert value_of(a) == pytest.approx(net.a[unit], abs=0.006)
        assert value_of(w) == pytest.approx(net.w[unit], abs=0.006)
        assert shown_b == pytest.approx(net.b[unit], abs=0.006)
        assert value_of(kink) == pytest.approx(-net.b[unit] / net.w[unit], abs=0.006)


def test_training_sklearn_caption_counts_its_units() -> None:
    words = TrainingCaptions(train_square(10, at=[0, 10]), 8)
    net = ReLUNet(a=[1.0, 1.0, 1.0], w=[1.0, -1.0, 1.0], b=[0.0, 0.0, -1.0])
    caption = words.sklearn(net)
    assert "with 3 ReLU units" in caption
    said = value_of(re.search(r"max error ([^.]+(?:\.\d+)?)\.$", caption).group(1))
    assert said == float(f"{brute_max_error(np.square, net, -2.0, 2.0):.2g}")
    assert "not installed" in words.sklearn(None)


@pytest.mark.parametrize("slope", [-2.0, -1.996, -1.0036, -0.4432, 0.0135, 0.3])
def test_tenfold_line_says_what_the_slope_does_to_the_error(slope) -> None:
    from relu_anim.captions.error_law import tenfold_tex

    tex = tenfold_tex(slope)
    # An error C·N^p is multiplied by 10^p when N is: read the factor back off the line.
    fitted = round(slope, 2)
    if "stays" in tex:
        assert abs(fitted) < 0.05
        return
    factor = float(re.search(r"(?:div|times) ([\d.]+)$", tex).group(1))
    measured = 10.0 ** (-fitted) if "div" in tex else 10.0**fitted
    assert measured >= 1
    assert factor == pytest.approx(measured, rel=0.05)
    assert tex.startswith(f"p = {fitted:g}:")
