"""Tests for :mod:`relu_anim.numeric.training`: the stated loss bound, determinism, and that each
step is gradient descent (checked against central differences of a loss written here)."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from relu_anim.numeric import ReLUNet, Snapshot, log_schedule, train_square

# Its module-scoped fixtures are built once: every test of this module runs on one
# xdist worker (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("numeric_training")

GRID = np.linspace(-2.0, 2.0, 201)
HERE = Path(__file__).resolve().parent


def mse(a, w, b, c, x=GRID):
    """The training loss from the definition, one unit at a time."""
    total = np.full(x.shape, float(c))
    for a_i, w_i, b_i in zip(a, w, b, strict=True):
        total = total + a_i * np.maximum(0.0, w_i * x + b_i)
    return float(np.mean((total - x * x) ** 2))


@pytest.fixture(scope="module")
def default_run() -> tuple[Snapshot, ...]:
    return train_square()


def test_loss_ends_below_the_stated_bound(default_run):
    first, last = default_run[0], default_run[-1]
    assert (first.step, last.step) == (0, 4000)
    assert first.loss > 1.0
    assert last.loss < 1e-3


def test_loss_falls_at_every_kept_step(default_run):
    assert all(later.loss < earlier.loss for earlier, later in pairwise(default_run))


def test_loss_falls_at_every_single_step():
    losses = [snapshot.loss for snapshot in train_square(at=range(4001))]
    assert all(later <= earlier for earlier, later in pairwise(losses))


@pytest.mark.parametrize("seed", range(8))
def test_every_small_seed_ends_below_a_looser_bound(seed):
    (last,) = train_square(seed=seed, at=[4000])
    assert last.loss < 1e-2


def test_snapshot_loss_is_the_mse_of_its_net(default_run):
    for snapshot in default_run:
        net = snapshot.net
        expected = mse(net.a, net.w, net.b, net.c)
        assert abs(snapshot.loss - expected) <= 1e-12 * (1.0 + expected)


def test_kinks_slide_and_end_where_the_docstring_says(default_run):
    start, end = default_run[0].net.kinks(), default_run[-1].net.kinks()
    assert len(end) == 8
    assert np.max(np.abs(np.sort(end) - np.sort(start))) > 0.2
    assert np.all((end >= -1.4) & (end <= 1.3))


def test_each_step_descends_the_numerical_gradient():
    start, after = train_square(1, at=[0, 1], learning_rate=0.05)
    params = np.concatenate([start.net.a, start.net.w, start.net.b, [start.net.c]])
    moved = np.concatenate([after.net.a, after.net.w, after.net.b, [after.net.c]])

    def loss(vector):
        a, w, b = vector[:-1].reshape(3, -1)
        return mse(a, w, b, vector[-1])

    step = 1e-6
    gradient = np.array(
        [
            (loss(params + step * unit) - loss(params - step * unit)) / (2 * step)
            for unit in np.eye(len(params))
        ]
    )
    np.testing.assert_allclose((params - moved) / 0.05, gradient, rtol=1e-5, atol=1e-7)


def test_same_call_same_numbers_bit_for_bit(default_run):
    again = train_square()
    assert [s.step for s in again] == [s.step for s in default_run]
    for mine, theirs in zip(default_run, again, strict=True):
        assert mine.net == theirs.net
        assert mine.net.c == theirs.net.c
        assert mine.loss == theirs.loss


def run_bytes() -> str:
    """Every number of a short run, as hex: what a scene's frames are drawn from."""
    return b"".join(
        np.concatenate([s.net.a, s.net.w, s.net.b, [s.net.c, s.loss]]).tobytes()
        for s in train_square(300)
    ).hex()


def test_same_numbers_in_a_fresh_interpreter():
    code = "from test_numeric_training import run_bytes; print(run_bytes())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=HERE
    )
    assert result.stdout.strip() == run_bytes()


def test_other_seeds_start_elsewhere():
    assert train_square(0, at=[0])[0].net != train_square(0, seed=1, at=[0])[0].net


def test_default_schedule_is_log_spaced(default_run):
    steps = [snapshot.step for snapshot in default_run]
    assert steps == list(log_schedule(4000))
    assert steps[:4] == [0, 1, 2, 3]
    assert all(later > earlier for earlier, later in pairwise(steps))
    # Past the first few integers, each kept step is a fixed factor (4000^(1/47)) after the last.
    ratios = [later / earlier for earlier, later in pairwise(steps) if earlier >= 20]
    assert max(ratios) < 1.25


def test_log_schedule_by_hand():
    assert log_schedule(1000, 4) == (0, 1, 10, 100, 1000)
    assert log_schedule(1, 10) == (0, 1)
    assert log_schedule(5, 100) == (0, 1, 2, 3, 4, 5)


def test_explicit_steps_are_kept_in_order():
    snapshots = train_square(20, at=[20, 0, 7, 7])
    assert [snapshot.step for snapshot in snapshots] == [0, 7, 20]
    assert all(isinstance(snapshot.net, ReLUNet) for snapshot in snapshots)
    assert [snapshot.step for snapshot in train_square(0)] == [0]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"steps": -1}, "steps must be at least 0"),
        ({"units": 0}, "units must be at least 1"),
        ({"learning_rate": 0.0}, "learning_rate must be positive"),
        ({"learning_rate": float("nan")}, "learning_rate must be a finite number"),
        ({"steps": 10, "at": [11]}, r"each step in at must be in 0\.\.10"),
        ({"samples": 1}, "samples must be at least 2"),
    ],
)
def test_bad_arguments_raise_value_errors(options, message):
    with pytest.raises(ValueError, match=message):
        train_square(**options)
