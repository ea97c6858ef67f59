"""Tests for :mod:`relu_anim.numeric.targets`: evaluation, precedence, LaTeX and every rejection."""

from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_anim.numeric.targets import (
    NAMED_TARGETS,
    Target,
    TargetError,
    parse_target,
    require_finite,
)

GRID = np.linspace(-2.5, 2.5, 101)


def assert_matches(text: str, expected: np.ndarray, x: np.ndarray = GRID) -> None:
    np.testing.assert_allclose(parse_target(text)(x), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("key", "reference", "interval"),
    [
        ("square", lambda x: x * x, (0.0, 2.0)),
        ("abs", np.abs, (-3.0, 3.0)),
        ("sin", np.sin, (-np.pi, np.pi)),
        ("tanh", np.tanh, (-3.0, 3.0)),
        ("step", lambda x: np.where(x < 0, 0.0, 1.0), (-1.0, 1.0)),
        ("cubic", lambda x: x * x * x - x, (-1.5, 1.5)),
        ("gauss", lambda x: np.exp(-x * x), (-3.0, 3.0)),
    ],
)
def test_named_targets_match_numpy(key, reference, interval):
    target = NAMED_TARGETS[key]
    assert target.name == key
    assert target.default_interval == pytest.approx(interval)
    x = np.linspace(*interval, 301)
    np.testing.assert_allclose(target(x), reference(x), rtol=1e-12, atol=1e-12)
    require_finite(target, *target.default_interval)


def test_named_targets_are_read_only_and_have_hand_written_latex():
    with pytest.raises(TypeError):
        NAMED_TARGETS["square"] = NAMED_TARGETS["abs"]  # type: ignore[index]
    assert NAMED_TARGETS["square"].latex == "x^2"
    assert NAMED_TARGETS["abs"].latex == "|x|"
    assert NAMED_TARGETS["sin"].latex == r"\sin x"
    assert NAMED_TARGETS["square"].expression == "x ** 2"


def test_step_is_one_at_zero():
    assert NAMED_TARGETS["step"](np.array([-1e-12, 0.0, 1e-12])).tolist() == [0.0, 1.0, 1.0]


@pytest.mark.parametrize("text", ["square", "SQUARE", "  Square ", "x^2", "x**2", "x ^ 2"])
def test_square_spellings_give_the_named_target(text):
    assert parse_target(text) is NAMED_TARGETS["square"]


def test_lecture_example():
    assert_matches("sin(3*x) + x**2/2", np.sin(3 * GRID) + GRID**2 / 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-x**2", -(GRID**2)),
        ("-x^2", -(GRID**2)),
        ("2*x+1", 2 * GRID + 1),
        ("x^2*3", 3 * GRID**2),  # ^ binds like **, not like xor
        ("2^3^2 + 0*x", np.full_like(GRID, 512.0)),  # right-associative: 2^(3^2)
        ("1 - x - 1", -GRID),
        ("x/2/2", GRID / 4),
        ("+x", GRID),
        ("--x", GRID),
        ("(1 + x)*(1 - x)", 1 - GRID**2),
    ],
)
def test_precedence(text, expected):
    assert_matches(text, expected)


def test_negative_exponent_is_a_half():
    assert parse_target("2**-1")(np.zeros(3)).tolist() == [0.5, 0.5, 0.5]


def test_integer_arithmetic_is_float():
    # Python ints would give 1 // ... or exact big ints; float64 division gives 1/3.
    assert parse_target("1/3")(0.0) == pytest.approx(0.3333333333333333)
    assert parse_target("2**0.5")(0.0) == pytest.approx(math.sqrt(2))


def test_constants():
    assert parse_target("pi")(0.0) == pytest.approx(3.141592653589793)
    assert parse_target("e")(0.0) == pytest.approx(2.718281828459045)
    assert_matches("e**x", np.exp(GRID))
    assert_matches("cos(pi*x)", np.cos(np.pi * GRID))


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("sin(x)", np.sin),
        ("cos(x)", np.cos),
        ("tan(x/2)", lambda x: np.tan(x / 2)),
        ("exp(x)", np.exp),
        ("log(x + 3)", lambda x: np.log(x + 3)),
        ("sqrt(x + 3)", lambda x: np.sqrt(x + 3)),
        ("abs(x)", np.abs),
        ("tanh(x)", np.tanh),
        ("sinh(x)", np.sinh),
        ("cosh(x)", np.cosh),
        ("arctan(x)", np.arctan),
        ("atan(x)", np.arctan),
        ("sigmoid(x)", lambda x: 1 / (1 + np.exp(-x))),
        ("relu(x)", lambda x: np.where(x > 0, x, 0.0)),
        ("relu(x - 1) - relu(-x)", lambda x: np.where(x > 1, x - 1, 0.0) + np.minimum(x, 0)),
        ("step(x - 1)", lambda x: (x >= 1).astype(float)),
    ],
)
def test_whitelisted_functions(text, reference):
    assert_matches(text, reference(GRID))


def test_sigmoid_values_from_the_definition():
    assert parse_target("sigmoid(x)")(np.array([0.0, math.log(3)])) == pytest.approx([0.5, 0.75])


def test_results_are_float64_arrays_of_the_input_shape():
    x = np.arange(12, dtype=np.int64).reshape(3, 4)
    constant = parse_target("2")(x)
    assert constant.shape == (3, 4)
    assert constant.dtype == np.float64
    assert np.all(constant == 2.0)
    assert parse_target("x + 1")(x).dtype == np.float64
    assert isinstance(parse_target("x + 1")(2), float)


def test_identity_returns_a_copy():
    x = np.array([1.0, 2.0])
    y = parse_target("x")(x)
    y[0] = 99.0
    assert x[0] == 1.0


def test_canonical_expression_and_name():
    target = parse_target("  sin(3*x)+x^2/2 ")
    assert target.name == "sin(3*x)+x^2/2"
    assert target.expression == "sin(3 * x) + x ** 2 / 2"
    assert target.default_interval == (-3.0, 3.0)


def test_target_is_frozen_and_hashable():
    target = parse_target("x + 1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.name = "other"  # type: ignore[misc]
    assert hash(target) == hash(parse_target("x + 1"))
    assert isinstance(target, Target)


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("sin(3*x) + x**2/2", r"\sin(3x) + \frac{x^{2}}{2}"),
        ("x**3", "x^{3}"),
        ("(x + 1)**2", "(x + 1)^{2}"),
        ("-(x + 1)", "-(x + 1)"),
        ("x - (x - 1)", "x - (x - 1)"),
        ("(x/2)**2", r"\left(\frac{x}{2}\right)^{2}"),
        ("2**-1", "2^{-1}"),
        ("-x**2", "-x^{2}"),
        ("(x**2)**3", "(x^{2})^{3}"),
        ("x**2**3", "x^{2^{3}}"),
        ("exp(x)**2", "(e^{x})^{2}"),
        ("(-x)**2", "(-x)^{2}"),
        ("x - -x", "x - (-x)"),
        ("2*(x + 1)", "2(x + 1)"),
        ("abs(x - 1)", r"\left|x - 1\right|"),
        ("sqrt(x)", r"\sqrt{x}"),
        ("exp(-x)", "e^{-x}"),
        ("relu(x) + sigmoid(x)", r"\operatorname{ReLU}(x) + \sigma(x)"),
        ("step(x) * x", r"\operatorname{step}(x) \cdot x"),
        ("2*pi", r"2\pi"),
        ("x*x", r"x \cdot x"),
        ("1/x", r"\frac{1}{x}"),
        ("log(x)", r"\ln(x)"),
    ],
)
def test_latex(text, latex):
    assert parse_target(text).latex == latex


REJECTED = [
    ("", "empty"),
    ("   ", "empty"),
    ("sin(3*x", "syntax error at column 4"),
    ("x +* 2", "syntax error at column 4"),
    ("x^2 +", "syntax error"),
    ("x.__class__", "attribute access"),
    ("np.sin(x)", "attribute access"),
    ("x[0]", "indexing"),
    ("__import__('os')", "function '__import__' is not allowed"),
    ("open('/etc/passwd')", "function 'open' is not allowed"),
    ("eval('1')", "function 'eval' is not allowed"),
    ("foo(x)", "function 'foo' is not allowed"),
    ("sin(x=1)", "keyword arguments"),
    ("sin(x, 2)", "exactly one argument, got 2"),
    ("sin()", "exactly one argument, got 0"),
    ("sin(*[x])", "unpacking"),
    ("sin(x)(2)", "only named functions"),
    ("lambda: x", "lambda"),
    ("(lambda: 1)()", "lambda"),
    ("[i for i in x]", "comprehension"),
    ("{i: i for i in x}", "comprehension"),
    ("sum(i for i in x)", "function 'sum'"),
    ("(i for i in x)", "generator expression"),
    ("f'{x}'", "f-string"),
    ("'x'", "literal 'x'"),
    ("'^'", "literal '\\^'"),  # ^ inside a string stays a string
    ("b'x'", "literal b'x'"),
    ("None", "literal None"),
    ("True", "literal True"),
    ("x < 1", "comparison"),
    ("x and 1", "'and'/'or'"),
    ("x if x else 1", "if ... else"),
    ("(y := 2)", "':='"),
    ("y", "unknown name 'y'.*in terms of x"),
    ("X + 1", "unknown name 'X'"),
    ("sin + 1", "unknown name 'sin'.*sin\\(x\\)"),
    ("3j", "complex"),
    ("x // 2", "operator '//'"),
    ("x % 2", "operator '%'"),
    ("~x", "operator '~'"),
    ("not x", "operator 'not'"),
    ("x, 1", "tuples"),
    ("[x]", "lists"),
    ("...", "literal Ellipsis"),
    ("x" + " + x" * 50, "characters long"),
    ("-" * 60 + "x", "nested more than 50"),
    ("2**" * 60 + "x", "nested more than 50"),
    ("x\0", "syntax error"),
    ("(x +\n y)", "unknown name 'y'"),
]


@pytest.mark.parametrize(("text", "fragment"), REJECTED)
def test_rejected(text, fragment):
    with pytest.raises(TargetError, match=fragment) as raised:
        parse_target(text)
    message = str(raised.value)
    assert "\n" not in message
    assert "\r" not in message
    assert message.startswith("target ")


def test_bare_function_name_is_the_named_target():
    assert parse_target("sin") is NAMED_TARGETS["sin"]


def test_non_text_is_rejected():
    with pytest.raises(TargetError, match="must be text"):
        parse_target(3)  # type: ignore[arg-type]


def test_parser_crash_becomes_target_error(monkeypatch):
    def overflow(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("relu_anim.numeric.targets.ast.parse", overflow)
    with pytest.raises(TargetError, match="cannot be parsed"):
        parse_target("x + 1")


def test_malicious_expression_runs_nothing(tmp_path: Path):
    marker = tmp_path / "pwned_relu"
    with pytest.raises(TargetError, match="attribute access"):
        parse_target(f"__import__('os').system('touch {marker}')")
    with pytest.raises(TargetError):
        parse_target(f"[c for c in ().__class__.__base__.__subclasses__()] or '{marker}'")
    assert not marker.exists()


def test_power_tower_is_rejected_quickly():
    start = time.perf_counter()
    with pytest.raises(TargetError, match="not finite"):
        require_finite(parse_target("9**9**9**9"), -1.0, 1.0)
    assert time.perf_counter() - start < 1.0


def test_pole_at_zero_is_found():
    with pytest.raises(TargetError, match=r"target '1/x' is not finite at x = 0 on \[-1, 1\]"):
        require_finite(parse_target("1/x"), -1.0, 1.0)


def test_pole_at_an_integer_off_the_grid_is_found():
    # Grid points are 0.3 + k * 0.00235 and 0.7 / 0.00235 is not an integer, so only the
    # integer probe can land on the pole.
    with pytest.raises(TargetError, match="x = 1 "):
        require_finite(parse_target("1/(x - 1)"), 0.3, 5.0)


def test_negative_zero_end_is_reported_as_zero():
    with pytest.raises(TargetError, match=r"at x = 0 on \[-1, 0\]"):
        require_finite(parse_target("1/x"), -1.0, -0.0)


def test_sqrt_of_negative_is_rejected_at_the_left_end():
    with pytest.raises(TargetError, match="x = -1 on"):
        require_finite(parse_target("sqrt(x)"), -1.0, 1.0)


def test_log_on_a_positive_interval_is_accepted():
    require_finite(parse_target("log(x)"), 0.1, 2.0)
    require_finite(parse_target("sqrt(x)"), 0.0, 1.0)


@pytest.mark.parametrize(("lo", "hi"), [(1.0, 1.0), (2.0, 1.0), (math.nan, 1.0), (0.0, math.inf)])
def test_bad_interval_is_rejected(lo, hi):
    with pytest.raises(TargetError, match=r"interval .* is not valid"):
        require_finite(NAMED_TARGETS["square"], lo, hi)


def test_target_error_is_a_value_error():
    assert issubclass(TargetError, ValueError)


@settings(max_examples=75, deadline=None)
@given(st.lists(st.integers(min_value=-9, max_value=9), min_size=1, max_size=6))
def test_random_polynomials_match_polyval(coefficients):
    degree = len(coefficients) - 1
    terms = [f"{c}*x**{degree - power}" for power, c in enumerate(coefficients)]
    text = " + ".join(terms)
    np.testing.assert_allclose(
        parse_target(text)(GRID), np.polyval(coefficients, GRID), rtol=1e-9, atol=1e-9
    )
