"""Safe target curves: a short name or an expression in ``x`` typed on the command line.

Lecturers pick the curve a ReLU network learns to draw, for example ``--target square`` or
``--target "sin(3*x) + x^2/2"``. The text is never handed to :func:`eval`: it is parsed with
:mod:`ast`, checked node by node against a whitelist, and turned into a tree of closures over
numpy ufuncs, so the only thing that ever runs is float64 arithmetic. ``^`` means power, as
lecturers write it, not bitwise xor.

Examples
--------
>>> import numpy as np
>>> target = parse_target("x^2 + 1")
>>> target.expression, target.latex
('x ** 2 + 1', 'x^{2} + 1')
>>> target(np.array([0.0, 1.0, 2.0]))
array([1., 2., 5.])
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

__all__ = [
    "DEFAULT_INTERVAL",
    "NAMED_TARGETS",
    "Target",
    "TargetError",
    "parse_target",
    "require_finite",
]

MAX_EXPRESSION_LENGTH = 200
MAX_NESTING_DEPTH = 50
DEFAULT_INTERVAL = (-3.0, 3.0)  # for typed expressions; the CLI can override it

# A constant's evaluator returns one float64 whatever x is (Target broadcasts it), so the
# functions applied to it may get one too.
Values = np.ndarray | np.float64
Evaluator = Callable[[Values], Values]


class TargetError(ValueError):
    """A target cannot be used; the one-line message names the problem and the fix.

    Examples
    --------
    >>> issubclass(TargetError, ValueError)
    True
    """


@dataclass(frozen=True)
class Target:
    """A curve ``y = f(x)`` with its canonical text, its LaTeX and a sensible interval.

    Calling the target evaluates it in float64 and returns an array of ``x``'s shape
    (a float for a scalar ``x``); NaN and inf are returned silently, see :func:`require_finite`.

    Examples
    --------
    >>> square = NAMED_TARGETS["square"]
    >>> square.expression, square.latex, square.default_interval
    ('x ** 2', 'x^2', (0.0, 2.0))
    >>> square(3.0)
    9.0
    """

    name: str
    expression: str
    latex: str
    default_interval: tuple[float, float]
    evaluator: Evaluator = field(repr=False, compare=False)

    def __call__(self, x: np.ndarray | float) -> np.ndarray | float:
        points = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):
            values = np.asarray(self.evaluator(points), dtype=np.float64)
        if values.shape != points.shape or values is points:
            # A constant such as "2" never touches x, and "x" would hand back the caller's own
            # array; both get a fresh array of x's shape.
            values = np.broadcast_to(values, points.shape).copy()
        return float(values) if points.ndim == 0 else values


def _sigmoid(u: Values) -> Values:
    return 1.0 / (1.0 + np.exp(-u))


def _relu(u: Values) -> Values:
    return np.maximum(u, 0.0)


def _step(u: Values) -> Values:
    return np.heaviside(u, 1.0)


# Whitelisted one-argument functions: numpy implementation and a LaTeX template, where
# {arg} is the argument's LaTeX and {paren} the same in brackets.
_FUNCTIONS: dict[str, tuple[Evaluator, str]] = {
    "sin": (np.sin, r"\sin{paren}"),
    "cos": (np.cos, r"\cos{paren}"),
    "tan": (np.tan, r"\tan{paren}"),
    "exp": (np.exp, r"e^{{{arg}}}"),
    "log": (np.log, r"\ln{paren}"),
    "sqrt": (np.sqrt, r"\sqrt{{{arg}}}"),
    "abs": (np.abs, r"\left|{arg}\right|"),
    "tanh": (np.tanh, r"\tanh{paren}"),
    "sinh": (np.sinh, r"\sinh{paren}"),
    "cosh": (np.cosh, r"\cosh{paren}"),
    "arctan": (np.arctan, r"\arctan{paren}"),
    "atan": (np.arctan, r"\arctan{paren}"),
    "sigmoid": (_sigmoid, r"\sigma{paren}"),
    "relu": (_relu, r"\operatorname{{ReLU}}{paren}"),
    "step": (_step, r"\operatorname{{step}}{paren}"),
}
_CONSTANTS = {"pi": (math.pi, r"\pi"), "e": (math.e, "e")}
_BINARY_UFUNCS = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
    ast.Pow: np.power,
}
_OPERATOR_SYMBOLS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.Not: "not",
    ast.Invert: "~",
}
_FORBIDDEN = {
    ast.Attribute: "attribute access is",
    ast.Subscript: "indexing is",
    ast.Lambda: "lambda is",
    ast.ListComp: "comprehensions are",
    ast.SetComp: "comprehensions are",
    ast.DictComp: "comprehensions are",
    ast.GeneratorExp: "generator expressions are",
    ast.JoinedStr: "f-strings are",
    ast.Compare: "comparisons are",
    ast.BoolOp: "'and'/'or' are",
    ast.IfExp: "'... if ... else ...' is",
    ast.NamedExpr: "':=' is",
    ast.Starred: "'*' unpacking is",
    ast.Tuple: "tuples (a comma outside a function call) are",
    ast.List: "lists are",
    ast.Set: "sets are",
    ast.Dict: "dicts are",
}
_FIX = "use x, numbers, pi, e, + - * / ** (or ^) and the functions " + ", ".join(_FUNCTIONS)
_EXAMPLE = "'sin(3*x) + x^2/2'"

# Binding strength of what a piece of LaTeX shows, to decide where brackets are needed.
_ADDITIVE, _MULTIPLICATIVE, _UNARY, _POWER, _ATOM = range(1, 6)


def _quote(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return repr(shown)


def _error(text: str, problem: str, fix: str = _FIX) -> TargetError:
    # repr() already escapes newlines in the user's text; this guards the rest.
    message = f"target {_quote(text)}: {problem}; {fix}"
    return TargetError(message.replace("\r", " ").replace("\n", " "))


def _parenthesize(latex: str) -> str:
    # \left( \right) stretch around fractions; plain brackets keep "\sin(3x)" tight.
    return rf"\left({latex}\right)" if r"\frac" in latex else f"({latex})"


class _Compiled(NamedTuple):
    evaluator: Evaluator
    latex: str
    precedence: int


class _Translator:
    """Turn a whitelisted expression tree into numpy closures and LaTeX, rejecting the rest."""

    def __init__(self, text: str, python_text: str) -> None:
        self.text = text  # as the user typed it, for messages
        self.python_text = python_text  # what was parsed, for source fragments

    def fail(self, problem: str, node: ast.AST, fix: str = _FIX) -> TargetError:
        fragment = ast.get_source_segment(self.python_text, node)
        if fragment and fragment != self.python_text:
            problem += f" (in {fragment!r})"
        return _error(self.text, problem, fix)

    def translate(self, node: ast.AST) -> _Compiled:
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        what = _FORBIDDEN.get(type(node), f"'{type(node).__name__}' expressions are")
        raise self.fail(f"{what} not allowed", node)

    def constant(self, node: ast.Constant) -> _Compiled:
        value = node.value
        if isinstance(value, complex):
            raise self.fail("complex numbers are not allowed", node, "targets are real; drop the j")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"the literal {value!r} is not allowed", node)
        # Numbers become float64 at once: "9**9**9**9" must overflow to inf, never run as
        # exact Python integer arithmetic.
        number = np.float64(value)
        return _Compiled(lambda u: number, _number_latex(float(number)), _ATOM)

    def name(self, node: ast.Name) -> _Compiled:
        if node.id == "x":
            return _Compiled(lambda u: u, "x", _ATOM)
        if node.id in _CONSTANTS:
            value, latex = _CONSTANTS[node.id]
            number = np.float64(value)
            return _Compiled(lambda u: number, latex, _ATOM)
        hint = "write the target in terms of x (pi and e are known constants)"
        if node.id in _FUNCTIONS:
            hint = f"call it with one argument, e.g. {node.id}(x)"
        raise self.fail(f"unknown name {node.id!r}", node, hint)

    def unary(self, node: ast.UnaryOp) -> _Compiled:
        if not isinstance(node.op, ast.UAdd | ast.USub):
            raise self.fail(f"operator {_OPERATOR_SYMBOLS[type(node.op)]!r} is not allowed", node)
        operand = self.translate(node.operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        inner = operand.evaluator
        latex = operand.latex
        if operand.precedence <= _ADDITIVE or latex.startswith("-"):
            latex = _parenthesize(latex)
        return _Compiled(lambda u: np.negative(inner(u)), "-" + latex, _UNARY)

    def binary(self, node: ast.BinOp) -> _Compiled:
        ufunc = _BINARY_UFUNCS.get(type(node.op))
        if ufunc is None:
            symbol = _OPERATOR_SYMBOLS.get(type(node.op), type(node.op).__name__)
            raise self.fail(f"operator {symbol!r} is not allowed", node)
        left, right = self.translate(node.left), self.translate(node.right)
        left_eval, right_eval = left.evaluator, right.evaluator
        latex, precedence = _binary_latex(node.op, left, right)
        return _Compiled(lambda u: ufunc(left_eval(u), right_eval(u)), latex, precedence)

    def call(self, node: ast.Call) -> _Compiled:
        if not isinstance(node.func, ast.Name):
            if type(node.func) in _FORBIDDEN:
                return self.translate(node.func)  # raises with the precise reason
            raise self.fail("only named functions can be called", node)
        name = node.func.id
        if name not in _FUNCTIONS:
            raise self.fail(f"function {name!r} is not allowed", node, _FIX)
        if node.keywords:
            raise self.fail("keyword arguments are not allowed", node, f"write e.g. {name}(x)")
        if len(node.args) != 1:
            problem = f"{name}() takes exactly one argument, got {len(node.args)}"
            raise self.fail(problem, node, f"write e.g. {name}(x)")
        function, template = _FUNCTIONS[name]
        argument = self.translate(node.args[0])
        inner = argument.evaluator
        latex = template.format(arg=argument.latex, paren=_parenthesize(argument.latex))
        precedence = _POWER if name == "exp" else _ATOM
        return _Compiled(lambda u: function(inner(u)), latex, precedence)


def _number_latex(value: float) -> str:
    if math.isinf(value):
        return r"\infty"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    mantissa, _, exponent = repr(value).partition("e")
    if not exponent:
        return mantissa
    power = rf"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


def _binary_latex(op: ast.operator, left: _Compiled, right: _Compiled) -> tuple[str, int]:
    """LaTeX of ``left op right`` and its precedence, bracketing only where the maths needs it."""
    if isinstance(op, ast.Div):
        return rf"\frac{{{left.latex}}}{{{right.latex}}}", _MULTIPLICATIVE
    if isinstance(op, ast.Pow):
        base = left.latex if left.precedence > _POWER else _parenthesize(left.latex)
        return f"{base}^{{{right.latex}}}", _POWER
    if isinstance(op, ast.Mult):
        lhs = left.latex if left.precedence >= _MULTIPLICATIVE else _parenthesize(left.latex)
        rhs = right.latex
        if right.precedence < _MULTIPLICATIVE or rhs.startswith("-"):
            rhs = _parenthesize(rhs)
        # "3x", "2\pi", "2(x + 1)" read better than "3 \cdot x"; a fraction would look mixed.
        implicit = lhs.replace(".", "", 1).isdigit() and not rhs.startswith(r"\frac")
        if implicit and (rhs[0].isalpha() or rhs[0] in "\\("):
            return f"{lhs}{rhs}", _MULTIPLICATIVE
        return rf"{lhs} \cdot {rhs}", _MULTIPLICATIVE
    # + and -: a - (b + c) needs its brackets, and no operand may start with a second sign.
    rhs = right.latex
    if (isinstance(op, ast.Sub) and right.precedence <= _ADDITIVE) or rhs.startswith("-"):
        rhs = _parenthesize(rhs)
    sign = "+" if isinstance(op, ast.Add) else "-"
    return f"{left.latex} {sign} {rhs}", _ADDITIVE


def _caret_to_power(text: str) -> str:
    """Return ``text`` with every ``^`` operator token written as ``**``.

    Working on tokens keeps a ``^`` inside a string literal as it is (that string is rejected
    later anyway) and gives ``^`` the precedence of ``**``: ``x^2*3`` is ``(x**2)*3``.

    Examples
    --------
    >>> _caret_to_power("x^2 + 2^-x")
    'x**2 + 2**-x'
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return text  # ast.parse reports the real problem, with its column
    # tokenize and StringIO.readline split lines the same way, so (row, col) maps back exactly.
    line_starts = [0]
    for line in io.StringIO(text).readlines():
        line_starts.append(line_starts[-1] + len(line))
    pieces, previous = [], 0
    for token in tokens:
        if token.type == tokenize.OP and token.string == "^":
            offset = line_starts[token.start[0] - 1] + token.start[1]
            pieces += [text[previous:offset], "**"]
            previous = offset + 1
    pieces.append(text[previous:])
    return "".join(pieces)


def _nesting_depth(tree: ast.AST) -> int:
    # Iterative on purpose: a recursive walk is what pathological input would overflow.
    deepest, pending = 0, [(tree, 0)]
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _compile_text(text: str) -> tuple[ast.Expression, _Compiled]:
    """Parse, check and compile ``text``; raise :class:`TargetError` for anything unsafe."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        problem = f"it is {len(text)} characters long"
        raise _error(text, problem, f"keep it to {MAX_EXPRESSION_LENGTH} characters")
    python_text = _caret_to_power(text)
    try:
        tree = ast.parse(python_text, mode="eval")
    except SyntaxError as error:
        located = error
        if python_text != text:
            # Each ^ -> ** shifts later columns by one; point at the column the user typed.
            try:
                ast.parse(text, mode="eval")
            except SyntaxError as original_error:
                located = original_error
            except (RecursionError, MemoryError, ValueError):
                pass
        where = ""  # a NUL byte, for one, has no position
        if located.offset is not None:
            where = f" at column {located.offset}" if located.offset > 0 else " at the end"
            if (located.lineno or 1) > 1:
                where = f" at line {located.lineno}, column {located.offset}"
        problem = f"syntax error{where} ({located.msg})"
        raise _error(text, problem, f"check brackets and operators, e.g. {_EXAMPLE}") from None
    except (RecursionError, MemoryError, ValueError):
        raise _error(text, "it cannot be parsed", "simplify the expression") from None
    if _nesting_depth(tree) > MAX_NESTING_DEPTH:
        problem = f"it is nested more than {MAX_NESTING_DEPTH} levels deep"
        raise _error(text, problem, "simplify the expression")
    return tree, _Translator(text, python_text).translate(tree.body)


def _named(name: str, source: str, latex: str, interval: tuple[float, float]) -> Target:
    tree, compiled = _compile_text(source)
    return Target(name, ast.unparse(tree), latex, interval, compiled.evaluator)


NAMED_TARGETS: Mapping[str, Target] = MappingProxyType(
    {
        target.name: target
        for target in (
            _named("square", "x**2", "x^2", (0.0, 2.0)),
            _named("abs", "abs(x)", "|x|", (-3.0, 3.0)),
            _named("sin", "sin(x)", r"\sin x", (-math.pi, math.pi)),
            _named("tanh", "tanh(x)", r"\tanh x", (-3.0, 3.0)),
            _named("step", "step(x)", r"\operatorname{step}(x)", (-1.0, 1.0)),
            _named("cubic", "x**3 - x", "x^3 - x", (-1.5, 1.5)),
            _named("gauss", "exp(-x**2)", "e^{-x^2}", (-3.0, 3.0)),
        )
    }
)


def parse_target(text: str) -> Target:
    r"""Return the named target ``text`` (any case) or the target of the expression ``text``.

    An expression that is a named target written out (``"x^2"``, ``"x**2"``, ``"sin(x)"``)
    returns that named target, with its hand-written LaTeX and interval; any other expression
    gets :data:`DEFAULT_INTERVAL`.

    Examples
    --------
    >>> parse_target("SQUARE") is parse_target("x^2") is NAMED_TARGETS["square"]
    True
    >>> print(parse_target("sin(3*x) + x**2/2").latex)
    \sin(3x) + \frac{x^{2}}{2}
    >>> parse_target("x.__class__")
    Traceback (most recent call last):
    ...
    relu_anim.numeric.targets.TargetError: target 'x.__class__': attribute access is not allowed...
    """
    if not isinstance(text, str):
        raise TargetError(f"target must be text, not {type(text).__name__}; pass e.g. {_EXAMPLE}")
    stripped = text.strip()
    if not stripped:
        fix = f"pass a name ({', '.join(NAMED_TARGETS)}) or an expression in x such as {_EXAMPLE}"
        raise _error(text, "it is empty", fix)
    named = NAMED_TARGETS.get(stripped.lower())
    if named is not None:
        return named
    tree, compiled = _compile_text(stripped)
    expression = ast.unparse(tree)
    for named in NAMED_TARGETS.values():
        if named.expression == expression:
            return named
    return Target(stripped, expression, compiled.latex, DEFAULT_INTERVAL, compiled.evaluator)


def require_finite(target: Target, lo: float, hi: float, samples: int = 2001) -> None:
    """Raise :class:`TargetError` unless ``target`` is finite on a fine grid over ``[lo, hi]``.

    The grid is ``samples`` even points plus the midpoint and every integer in the interval,
    where singularities such as those of ``1/x`` or ``log(x - 1)`` usually sit. A singularity
    between grid points can still slip through.

    Examples
    --------
    >>> require_finite(parse_target("log(x)"), 0.1, 2.0)
    >>> require_finite(parse_target("1/x"), -1.0, 1.0)
    Traceback (most recent call last):
    ...
    relu_anim.numeric.targets.TargetError: target '1/x' is not finite at x = 0 on [-1, 1]; ...
    """
    # "+ 0.0" turns -0 into 0, so a message never shows "x = -0".
    lo, hi = float(lo) + 0.0, float(hi) + 0.0
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi and math.isfinite(hi - lo)):
        raise TargetError(
            f"interval [{lo:g}, {hi:g}] for target {_quote(target.name)} is not valid; "
            "pass finite bounds with lo < hi"
        )
    if samples < 2:
        raise TargetError(f"samples = {samples} is too few; use at least 2")
    probes: list[np.ndarray | list[float]] = [np.linspace(lo, hi, samples), [(lo + hi) / 2]]
    first_integer, last_integer = math.ceil(lo), math.floor(hi)
    if last_integer - first_integer < samples:
        probes.append(np.arange(first_integer, last_integer + 1, dtype=np.float64))
    points = np.unique(np.concatenate(probes))
    points = points[(points >= lo) & (points <= hi)]
    not_finite = ~np.isfinite(target(points))
    if not_finite.any():
        first_bad = points[np.argmax(not_finite)]
        raise TargetError(
            f"target {_quote(target.name)} is not finite at x = {first_bad:.6g} on "
            f"[{lo:g}, {hi:g}]; pick an interval where it is defined"
        )
