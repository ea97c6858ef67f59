"""What the axes can draw: interval bounds that hold, poles between samples, flat targets, ticks.

The CLI's refusals are in test_hostile_inputs.py; these check the pieces underneath.
"""

from __future__ import annotations

import math
import resource
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from relu_anim.drawable import MAX_TARGET_VALUE, require_drawable, value_bounds
from relu_anim.drawing.axes import MAX_TICKS, tick_range
from relu_anim.numeric.targets import NAMED_TARGETS, TargetError, parse_target
from relu_anim.settings import SceneParams

BOUNDED = [
    "x ** 2 - 1",
    "x * x - 2 * x + 1",
    "sin(3 * x) + x ^ 2 / 2",
    "cos(x) / (2 + sin(x))",
    "tan(x / 4)",
    "exp(-x ** 2)",
    "abs(x - 0.3) * cosh(x)",
    "sqrt(x ** 2 + 1) - log(x ** 2 + 1)",
    "x ** 3 - x",
    "2 ** x * sigmoid(x) - relu(x) + step(x)",
    "arctan(5 * x) * tanh(x) - sinh(x / 3)",
    "(x + 4) ** 0.5 * (x + 4) ** -1.5",
]


@pytest.mark.parametrize("expression", BOUNDED)
def test_bounds_hold_every_value_in_their_cell(expression: str) -> None:
    target = parse_target(expression)
    bounds = value_bounds(target.expression)
    rng = np.random.default_rng(16)
    left = rng.uniform(-3.0, 3.0, 300)
    right = left + rng.choice([1e-6, 1e-3, 0.1, 1.0], 300)
    low, high = bounds(left, right)
    inside = left[:, None] + (right - left)[:, None] * np.linspace(0.0, 1.0, 201)
    values = target(inside)
    slack = 1e-9 * (1 + np.abs(values))
    assert np.all(values >= low[:, None] - slack)
    assert np.all(values <= high[:, None] + slack)


@pytest.mark.parametrize(
    ("expression", "lo", "hi", "pole"),
    [
        ("1/(x - 0.3333)", 0.0, 1.0, 0.3333),
        ("1/(x - 0.5)", 0.1, 2.0, 0.5),
        ("tan(x)", 0.0, 700.0, math.pi / 2),
        ("tan(1000*x)", 0.0, 3.0, None),
        ("(x - 0.77777)^-2", 0.0, 1.0, 0.77777),
        ("1/sqrt(abs(x - 0.123456))", 0.0, 1.0, 0.123456),
        ("log(abs(x - 0.3333))", 0.0, 1.0, 0.3333),
        ("1/sin(x)", 3.0, 4.0, math.pi),
    ],
)
def test_a_pole_between_samples_is_found(expression: str, lo: float, hi: float, pole) -> None:
    # None of these poles sits on the even grid, the midpoint or an integer.
    with pytest.raises(TargetError, match=r"(near|at) x = ") as caught:
        require_drawable(parse_target(expression), lo, hi)
    if pole is not None:
        reported = float(str(caught.value).split("x = ")[1].split()[0])
        assert reported == pytest.approx(pole, abs=1e-3)


DRAWABLE = [
    *((target.expression, *target.default_interval) for target in NAMED_TARGETS.values()),
    ("sin(3*x) + x^2/2", -3.0, 3.0),
    ("1/(x**2 + 1)", -3.0, 3.0),
    ("1/x", 0.001, 1.0),
    ("1/sin(x)", 1.0, 2.0),
    ("log(x)", 0.1, 2.0),
    ("sqrt(x)", 0.0, 1.0),
    ("sqrt(x - x^2)", 0.0, 1.0),
    ("x**x", 0.0, 2.0),
    ("sin(1/(x - 0.3333))", 0.0, 1.0),  # bounded, however fast it wiggles
    ("1e6*x", 0.0, 1.0),
    ("0.001*sin(x)", -3.0, 3.0),
    ("3", 0.0, 2.0),  # flat: one bias, zero units
    ("-1e-300", -3.0, 3.0),
    ("1e-300*x", -3.0, 3.0),  # flat to any scale the axes can show
    ("sin(x)^2 + cos(x)^2", -3.0, 3.0),  # 1, give or take rounding
]


@pytest.mark.parametrize(("expression", "lo", "hi"), DRAWABLE)
def test_drawable_targets_are_accepted(expression: str, lo: float, hi: float) -> None:
    target = parse_target(expression)
    require_drawable(target, lo, hi)
    values = target(np.linspace(lo, hi, 10_001))
    assert np.all(np.abs(values) <= MAX_TARGET_VALUE)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (3.0, 3.0),
        (3.0, 3.0000000000000004),
        (-1e-300, 1e-300),
        (0.0, 5e-5),
        (1e6, 1e6 + 1e-4),
        (-2.5e5, -2.5e5),
        (1e15, 1e15 + 2.0),
        (0.0, 1e-4),
        (-1e300, 1e300),
    ],
)
def test_tick_range_holds_its_values_in_few_drawable_ticks(low: float, high: float) -> None:
    lo, hi, step = tick_range(low, high)
    assert lo <= low
    assert high <= hi
    assert step >= 1e-5 or step >= 1e-9 * max(abs(lo), abs(hi))
    assert (hi - lo) / step <= 7 + 1e-9
    assert lo < hi


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_near_flat_axes_get_a_handful_of_ticks(tmp_path: Path) -> None:
    # In a child under a memory limit: the unfixed axes asked numpy for 1.5 GB of ticks here.
    # No tick numbers: nothing to typeset, and Manim logs nothing on stdout.
    script = (
        "from relu_anim.drawing.axes import plot_axes, tick_range\n"
        "from relu_anim.theme import DARK\n"
        "y_range = tick_range(3.0, 3.0000000000000004)\n"
        "axes = plot_axes((0, 2, 0.5), y_range, DARK, with_numbers=False)\n"
        "print(len(axes.y_axis.ticks))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 2 <= int(result.stdout) <= 8


@pytest.mark.parametrize(
    "y_range",
    [(0.0, 1e9, 1.0), (3.0, 3.0, 1.0), (0.0, 1.0, 0.0), (0.0, 1e-5, 1e-7), (0.0, math.inf, 1.0)],
)
def test_axes_refuse_ranges_they_cannot_tick(y_range: tuple[float, float, float]) -> None:
    from relu_anim.drawing.axes import plot_axes
    from relu_anim.theme import DARK

    with pytest.raises(ValueError, match="y-axis"):
        plot_axes((0.0, 2.0, 0.5), y_range, DARK)
    assert MAX_TICKS < 1e9


def test_long_tick_numbers_stay_in_the_frame(tmp_path: Path) -> None:
    from manim import tempconfig

    from relu_anim.drawing.axes import axes_in
    from relu_anim.drawing.layout import TEXT_MARGIN, Panel
    from relu_anim.theme import DARK

    frame_left = -64 / 9
    panel = Panel(frame_left + 0.35, 0.0, -3.5, 3.5)
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        wide = axes_in(panel, (0.0, 1.0, 0.2), (-1e6, 0.0, 2e5), DARK)
        usual = axes_in(panel, (0.0, 1.0, 0.2), (0.0, 1.0, 0.25), DARK)
    assert min(n.get_left()[0] for n in wide.y_axis.numbers) >= frame_left + TEXT_MARGIN
    assert wide.get_right()[0] <= panel.right + 1e-6
    # Short numbers keep the usual room: the axes' corner 0.7 right of the panel's edge (room for
    # 33 pt numbers).
    assert usual.x_axis.get_left()[0] == pytest.approx(panel.left + 0.7)


@pytest.mark.parametrize(
    ("x_range", "length"),
    [((0.0, 2.0, 0.25), 3.0), ((-3.0, 3.0, 0.5), 3.5), ((0.0, 1.0, 0.1), 9.0), ((-3, 3, 1), 9.0)],
)
def test_tick_numbers_are_readable_and_never_run_together(
    tmp_path: Path, x_range: tuple[float, float, float], length: float
) -> None:
    """33 pt numbers do not fit at every tick of a short axis: every other one (or more) is
    dropped, keeping multiples of a whole number of steps, with room between neighbours."""
    from manim import tempconfig

    from relu_anim.drawing.axes import TICK_GAP, plot_axes
    from relu_anim.drawing.layout import Panel
    from relu_anim.drawing.text_size import small_texts
    from relu_anim.theme import DARK

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        axes = plot_axes(x_range, (0.0, 1.0, 0.5), DARK, x_length=length, y_length=2.0)
    numbers = sorted(axes.x_axis.numbers, key=lambda n: n.get_x())
    lo, hi, step = x_range
    every_tick = [v for v in np.arange(lo, hi + step / 2, step) if abs(v) > 1e-9]
    assert 2 <= len(numbers) <= len(every_tick)
    # Readable: none under 14 px at 480p on an 8-unit short side.
    assert small_texts(numbers, Panel(-7.11, 7.11, -4.0, 4.0)) == []
    for left, right in pairwise(numbers):
        assert right.get_left()[0] - left.get_right()[0] >= TICK_GAP - 1e-9
    # A regular scale: the kept values are the multiples of one whole number of steps.
    values = [round(n.get_value() / step) for n in numbers]  # in steps
    ticks = [round(v / step) for v in every_tick]
    assert any(values == [t for t in ticks if t % k == 0] for k in range(1, len(ticks) + 1)), (
        f"not every k-th tick: {values}"
    )
    # The ticks themselves all stay (Manim draws none at 0).
    assert len(axes.x_axis.ticks) == len(every_tick)


def test_a_constant_target_is_drawn_flat_with_zero_in_view(build_scene) -> None:
    scene = build_scene("square", SceneParams(units=3, target="3", interval=(0.0, 2.0)))
    y_lo, y_hi, _ = scene.axes.y_range
    assert y_lo <= 0.0
    assert 3.0 < y_hi <= 6.0
    for beat, record in scene.recorded.items():
        assert record["layout"] == [], beat
    ys = [scene.axes.p2c(point)[1] for point in scene.target_graph.points]
    assert np.allclose(ys, 3.0)


def _written(axis: object) -> list[str]:
    """The tick numbers of ``axis`` as drawn, glyph by glyph."""
    return ["".join(g.tex_string for g in n.submobjects) for n in axis.numbers]


def test_each_axis_writes_its_own_decimals(tmp_path: Path) -> None:
    """Square's up_close: x ticks every 0.01, y every 0.0005. One count for both axes wrote
    x as "0.0100"; each axis takes the fewest decimals its own numbers need."""
    from manim import tempconfig

    from relu_anim.drawing.axes import plot_axes
    from relu_anim.theme import DARK

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        axes = plot_axes((0.0, 0.04, 0.01), (0.0, 0.0015, 0.0005), DARK, 9.0, 5.0)
        # 3 units of 0.25 steps: thinning keeps 0.5, 1, 1.5 (every other tick), one decimal.
        short = plot_axes((0.0, 1.5, 0.25), (0.0, 1.0, 0.5), DARK, 3.0, 3.0)
    assert _written(axes.x_axis) == ["0.01", "0.02", "0.03", "0.04"]
    assert _written(axes.y_axis) == ["0.0005", "0.0010", "0.0015"]
    assert _written(short.x_axis) == ["0.5", "1.0", "1.5"]
    # Still under their ticks after rewriting: centred on the tick's x.
    for number in axes.x_axis.numbers:
        assert number.get_x() == pytest.approx(axes.c2p(number.get_value(), 0)[0], abs=0.02)


def test_axes_lines_fill_their_panel_whatever_their_first_number(tmp_path: Path) -> None:
    """The axes' corner is where the lines meet: half of a first number such as "-3" hangs
    left of its tick, and counting it pushed the axes 0.2 past the panel's right (Square's
    abs in 9:16 put its "x" label outside the frame)."""
    from manim import tempconfig

    from relu_anim.drawing.axes import axes_in, axis_labels
    from relu_anim.drawing.layout import Panel
    from relu_anim.theme import DARK

    panel = Panel(-3.65, 3.65, -6.76, -0.25)
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        axes = axes_in(panel, (-3.0, 3.0, 1.0), (-1.0, 3.0, 0.5), DARK)
        labels = axis_labels(axes, DARK)
    assert axes.c2p(-3.0, -1.0)[0] == pytest.approx(panel.left + 0.7)
    assert axes.c2p(-3.0, -1.0)[1] == pytest.approx(panel.bottom + 0.55)
    assert axes.c2p(3.0, 3.0)[0] == pytest.approx(panel.right - 0.45)
    assert labels.get_right()[0] <= panel.right
