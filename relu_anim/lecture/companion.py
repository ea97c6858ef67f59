"""Data for the page's interactive companions, computed by the numeric core.

The page draws a companion's curves in SVG straight from this data (the plot's coordinate
system is the data's own, through the SVG ``viewBox``), and shows readouts as the strings
written here. It computes nothing itself, so it cannot disagree with the video.

- Square: a slider over the unit count N; for each N the interpolant's exact polyline, its
  max error and, for x², the law (Δ/2)², formatted as the video's readouts show them.
- Shift: a slider over h; for each h the polyline of ReLU(x − h), its kink and slopes.
- Two inputs: a slider over N; for each N the product net's regions from above (polygons in
  two alternating shades, as the video's top view) and creases, its units, regions and the
  exact max error a²/N².

Each also holds, per beat, the net the video shows at that beat's end (``beats``): Square's
beats 2–4 show one unit, two units and their least-squares refit, not an interpolant, and
Shift's curve stands at the scene's own stops of h. The page shows a beat's net when the video
is stepped to it, and says which net it draws, so the companion and the video never disagree.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from relu_anim.captions.two_inputs import at_most, readout_form
from relu_anim.catalog import read_scene_file, scene_named
from relu_anim.numeric import (
    ReLUNet,
    closest_look,
    error_decimals,
    first_units,
    interpolant,
    max_error,
    shifted,
    square_interpolant_error,
    stop_decimals,
)
from relu_anim.numeric.plane import PlaneNet, product_error, product_net
from relu_anim.numeric.targets import NAMED_TARGETS, parse_target
from relu_anim.numeric.two_inputs import TwoInputsStory
from relu_anim.settings import SceneParams
from relu_anim.theme import theme_named

#: The most slider positions a companion offers (all N up to this many units).
MAX_STEPS = 200
TARGET_SAMPLES = 400  # as the video's target curve: 400 straight pieces
# The top view's two fill opacities, alternating across every crease: the video's
# (relu_anim.drawing.surface.TOP_OPACITIES, which imports Manim; a test holds them equal).
SHADES = (0.28, 0.62)


def scene_defaults(path: Path) -> SceneParams:
    """The ``DEFAULTS = SceneParams(...)`` of a scene file, read with ``ast`` (no Manim import).

    Raises :class:`ValueError` when a value is not a plain literal (a name, a call).

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> scene_defaults(scene_named("shift").path).interval
    (-3.0, 3.0)
    """
    info = read_scene_file(path)
    if info.defaults is None:
        raise ValueError(f"{path}: DEFAULTS is not plain literals ({info.defaults_problem})")
    return info.defaults


def scene_constant(path: Path, name: str) -> Any:
    """A module-level constant of a scene file, read with ``ast`` (no Manim import).

    Numbers, tuples and the arithmetic ``+ - * /`` on them are allowed (``1 / 3``); anything
    else raises :class:`ValueError`, as does a name the file does not assign.

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> scene_constant(scene_named("shift").path, "H_DECIMALS")
    1
    """
    operators = {
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b,
    }

    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.Tuple):
            return tuple(value(item) for item in node.elts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in operators:
            return operators[type(node.op)](value(node.left), value(node.right))
        raise ValueError(f"{path}: {name} is not plain arithmetic on numbers")

    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return value(node.value)
    raise ValueError(f"{path} assigns no {name}")


def unit_counts(units: int, most: int = MAX_STEPS) -> list[int]:
    """The slider's unit counts: every N up to ``most`` units, else a geometric selection.

    Examples
    --------
    >>> unit_counts(5)
    [1, 2, 3, 4, 5]
    >>> counts = unit_counts(1000)
    >>> len(counts) <= 200, counts[0], counts[-1]
    (True, 1, 1000)
    """
    if units <= most:
        return list(range(1, units + 1))
    spread = np.geomspace(1, units, most)
    return sorted({1, units, *(round(value) for value in spread)})


def nice_step(span: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``span``.

    Examples
    --------
    >>> nice_step(0.06), nice_step(0.3), nice_step(7.0)
    (0.1, 0.5, 10.0)
    """
    power = 10.0 ** math.floor(math.log10(span))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= span * (1 - 1e-12):
            return float(f"{factor * power:.12g}")
    return 10 * power


def _ticks(lo: float, hi: float, count: int = 5) -> list[dict[str, Any]]:
    """Tick values in ``[lo, hi]`` with labels and their place along the axis in percent."""
    step = nice_step((hi - lo) / count)
    decimals = max(0, -math.floor(math.log10(step) + 1e-12))
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    for k in range(first, math.floor(hi / step + 1e-9) + 1):
        value = round(k * step, decimals + 2)
        ticks.append(
            {
                "value": value,
                "label": f"{value:.{decimals}f}",
                "at": round(100 * (value - lo) / (hi - lo), 4),
            }
        )
    return ticks


def _frame(xs: tuple[float, float], ys: list[np.ndarray]) -> dict[str, Any]:
    """The plot's data window (5 % margin above and below), its viewBox and ticks."""
    low = min(float(np.min(y)) for y in ys)
    high = max(float(np.max(y)) for y in ys)
    if high - low < 1e-12:
        low, high = low - 1, high + 1
    margin = 0.05 * (high - low)
    y0, y1 = low - margin, high + margin
    x0, x1 = xs
    return {
        "x": [x0, x1],
        "y": [y0, y1],
        # SVG's y grows downwards: the plot group is flipped, so the box starts at −y1.
        "viewBox": f"{x0!r} {-y1!r} {x1 - x0!r} {y1 - y0!r}",
        "xTicks": _ticks(x0, x1),
        "yTicks": _ticks(y0, y1),
        # Where the axes cross, as a point in the data window.
        "origin": [min(max(0.0, x0), x1), min(max(0.0, y0), y1)],
    }


def _colours(params: SceneParams, curve: str = "approximation") -> dict[str, str]:
    """The theme's colours the companion uses; ``curve`` is the role the video draws it in."""
    name = params.theme or "dark"
    assert isinstance(name, str), "a lecture pack has one theme (the CLI refuses a list)"
    theme = theme_named(name)
    return {
        "background": theme.background,
        "text": theme.text,
        "target": theme.target,
        "approximation": theme.approximation,
        "unit": theme.unit,
        "muted": theme.muted,
        "highlight": theme.highlight,
        "curve": getattr(theme, curve),
    }


def _net_view(net: ReLUNet, lo: float, hi: float) -> dict[str, Any]:
    xs, ys = net.polyline(lo, hi)
    return {"x": xs.tolist(), "y": ys.tolist()}


def square_data(params: SceneParams) -> dict[str, Any]:
    """Slider over N: the interpolant's polyline, max error and (for x²) the law, per N.

    Examples
    --------
    >>> data = square_data(SceneParams(units=10, target="square"))
    >>> step = data["steps"][9]
    >>> step["n"], len(step["x"]), step["readouts"][1]
    (10, 11, ['max|f − g|', '0.0100'])
    """
    target = parse_target(params.target or "square")
    lo, hi = params.interval or target.default_interval
    units = params.units or 100
    decimals = error_decimals(units)
    is_square = target is NAMED_TARGETS["square"]
    law_label = "1/N²" if hi - lo == 2.0 else "(Δ/2)²"
    target_x = np.linspace(lo, hi, TARGET_SAMPLES + 1)
    target_y = np.asarray(target(target_x), dtype=float)
    steps, all_y = [], [target_y]
    for n in unit_counts(units):
        net = interpolant(target, lo, hi, n)
        xs, ys = net.polyline(lo, hi)
        error = max_error(target, net, lo, hi)
        readouts = [["N", str(n)], ["max|f − g|", f"{error:.{decimals}f}"]]
        if is_square:
            readouts.append([law_label, f"{square_interpolant_error(lo, hi, n):.{decimals}f}"])
        steps.append(
            {
                "n": n,
                "label": f"N = {n}",
                "x": xs.tolist(),
                "y": ys.tolist(),
                "dots": [],
                "max_error": error,
                "readouts": readouts,
            }
        )
        all_y.append(ys)
    beats = square_beats(params)
    all_y += [np.asarray(view["y"]) for view in beats.values() if view["y"]]
    return {
        "scene": "square",
        "title": "Try it: move N",
        "slider": "N, the number of ReLU units",
        "legend": {
            "target": f"f(x) = {'x²' if is_square else target.expression}",
            "approximation": "g(x): N ReLU units, joining the curve at evenly spaced points",
        },
        # While the companion follows the video, g is that beat's net: one unit, a refit ...
        "legend_beats": "g(x): the net the video shows at that beat",
        "slider_shows": "the interpolant on N equal pieces",
        "colours": _colours(params),
        "plot": _frame((lo, hi), all_y),
        "beats": beats,
        "target": {"x": target_x.tolist(), "y": target_y.tolist()},
        "steps": steps,
        "initial": 0,
    }


def square_beats(params: SceneParams) -> dict[str, dict[str, Any]]:
    """What Square's video shows at the end of each beat: the net and the readouts on screen.

    As the scene: the seed article's ReLU(x), then ReLU(x) + ReLU(x − 1), for x² on [0, 2];
    for any other target the chord, then a second kink where it misses most; then the same two
    kinks refitted by least squares; then the interpolant on ``units`` pieces, and last a close
    look at two of its pieces (no readouts on screen). The error rows appear with the first
    unit; the law row (x² only) with the sweep.

    Examples
    --------
    >>> beats = square_beats(SceneParams(units=100, target="square"))
    >>> beats["two_relus"]["readouts"], beats["adjust_weights"]["readouts"][1]
    ([['N', '2'], ['max|f − g|', '1.000000']], ['max|f − g|', '0.166667'])
    """
    target = parse_target(params.target or "square")
    lo, hi = params.interval or target.default_interval
    units = params.units or 100
    decimals = error_decimals(units)
    is_square = target is NAMED_TARGETS["square"]
    seed = is_square and (lo, hi) == (0.0, 2.0)
    first = first_units(target, lo, hi, seed=seed)
    law_label = "1/N²" if hi - lo == 2.0 else "(Δ/2)²"
    final = interpolant(target, lo, hi, units)

    def view(net: ReLUNet, label: str, law: bool = False) -> dict[str, Any]:
        readouts = [
            ["N", str(net.n_units)],
            ["max|f − g|", f"{max_error(target, net, lo, hi):.{decimals}f}"],
        ]
        if law and is_square:
            error = square_interpolant_error(lo, hi, net.n_units)
            readouts.append([law_label, f"{error:.{decimals}f}"])
        return {**_net_view(net, lo, hi), "dots": [], "readouts": readouts, "label": label}

    second = f"two units, the second kink at x = {first.bend_at:.3g}"
    two = "ReLU(x) + ReLU(x − 1)" if seed else second
    return {
        "target": {"x": [], "y": [], "dots": [], "readouts": [], "label": "the target alone"},
        "one_relu": view(first.one, "one unit: ReLU(x)" if seed else "one unit: the chord"),
        "two_relus": view(first.pair, two),
        "adjust_weights": view(first.fit, "the same two kinks, weights by least squares"),
        "sweep": view(final, f"the interpolant with N = {units}", law=True),
        "error_law": view(final, f"the interpolant with N = {units}", law=True),
        "up_close": {
            **_net_view(final, *closest_look(target, final, lo, hi)),
            "dots": [],
            "readouts": [],
            "label": f"up close: the interpolant with N = {units}, still straight pieces",
        },
    }


def shift_stops(params: SceneParams, path: Path | None = None) -> tuple[list[float], int]:
    """The h at which Shift's video stops (after h = 0), and the decimals its readout shows.

    Read from the scene file (``H_STOPS``, shares of the interval, and ``H_DECIMALS``, the
    fewest decimals) and rounded as the scene rounds them (more decimals on a narrow interval).

    Examples
    --------
    >>> shift_stops(SceneParams(interval=(-3.0, 3.0)))
    ([1.5, -1.0, 0.5], 1)
    >>> shift_stops(SceneParams(interval=(0.0, 0.01)))
    ([0.007, 0.003, 0.006], 3)
    """
    path = path or scene_named("shift").path
    lo, hi = params.interval or (-3.0, 3.0)
    shares, least = scene_constant(path, "H_STOPS"), int(scene_constant(path, "H_DECIMALS"))
    decimals = stop_decimals(lo, hi, shares, least)
    return [round(lo + (hi - lo) * share, decimals) for share in shares], decimals


def shift_data(params: SceneParams) -> dict[str, Any]:
    """Slider over h: the polyline of ReLU(x − h), its kink and the slope of each piece.

    Examples
    --------
    >>> data = shift_data(SceneParams(interval=(-3.0, 3.0)))
    >>> len(data["steps"]), data["steps"][45]["label"], data["steps"][45]["x"]
    (61, 'h = 1.5', [-3.0, 1.5, 3.0])
    """
    lo, hi = params.interval or (-3.0, 3.0)
    step = nice_step((hi - lo) / 100)
    decimals = max(0, -math.floor(math.log10(step) + 1e-12))
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    steps = []
    for k in range(first, last + 1):
        h = round(k * step, decimals + 2)
        net = shifted(h)
        xs, ys = net.polyline(lo, hi)
        slopes = net.slopes(lo, hi)
        text = f"{h:.{decimals}f}"
        steps.append(
            {
                "h": h,
                "label": f"h = {text}",
                "x": xs.tolist(),
                "y": ys.tolist(),
                "dots": [[h, 0.0]] if lo <= h <= hi else [],
                "readouts": [
                    ["h", text],
                    ["kink at x", text],
                    ["slopes", ", ".join(f"{s:g}" for s in slopes)],
                ],
            }
        )
    initial = min(range(len(steps)), key=lambda i: abs(steps[i]["h"]))
    stops, shown = shift_stops(params)

    def at(h: float) -> dict[str, Any]:
        net = shifted(h)
        text = f"{h:.{shown}f}"
        return {
            **_net_view(net, lo, hi),
            "dots": [[h, 0.0]] if lo <= h <= hi else [],
            "readouts": [["h", text], ["kink at x", text]],
            "label": f"ReLU(x − h) at h = {text}",
        }

    return {
        "scene": "shift",
        "title": "Try it: move h",
        "slider": "h, the shift",
        "legend": {"approximation": "y = ReLU(x − h)"},
        "slider_shows": "ReLU(x − h) for the h on the slider",
        # The video's colour, and its window: the nets it shows (h = 0 and its stops). A
        # slider's curve that leaves the window is cut at its edge, as on the video's axes.
        "colours": _colours(params, curve="unit"),
        "plot": _frame((lo, hi), [shifted(h).polyline(lo, hi)[1] for h in (0.0, *stops)]),
        "target": None,
        "steps": steps,
        "initial": initial,
        "beats": {
            "relu_itself": at(0.0),
            "shift": at(stops[-1]),
            "kink_is_h": at(stops[-1]),
            "switch_on": at(stops[-1]),
        },
    }


def _top_view(net: PlaneNet, domain: tuple[float, float]) -> dict[str, Any]:
    """``net``'s regions on ``domain²`` as the video's top view draws them: each polygon's
    vertices and its shade (by the parity of the units on inside), and each crease's ends."""
    return {
        "x": [],
        "y": [],
        "dots": [],
        "regions": [
            {
                "points": region.vertices.tolist(),
                "opacity": SHADES[int(np.count_nonzero(region.active)) % 2],
            }
            for region in net.regions(domain, domain)
        ],
        "creases": [ends.tolist() for _, ends in net.creases(domain, domain)],
    }


def _two_input_readouts(
    net: PlaneNet, domain: tuple[float, float], n: int | None, error: float | None
) -> list[list[str]]:
    """The rows the video's readouts show for ``net``, printed as the video prints them."""
    rows = [["units", str(net.n_units)], ["regions", str(len(net.regions(domain, domain)))]]
    if n is not None and error is not None:
        relation, places = readout_form(error, 3)
        rows = [["N", str(n)], *rows, ["max|x1·x2 − g|", f"{relation} {error:.{places}f}"]]
    return rows


def two_inputs_data(params: SceneParams) -> dict[str, Any]:
    """Slider over N: the product net from 2N units seen from above, and its exact error.

    Examples
    --------
    At N = 2 each square's interpolant kinks once, at t = 0: the creases x1 = ±x2 cross in
    the middle and cut the square into four triangles.

    >>> data = two_inputs_data(SceneParams(units=8, interval=(-1.0, 1.0)))
    >>> step = data["steps"][1]
    >>> step["label"], len(step["regions"]), len(step["creases"]), step["readouts"][3]
    ('N = 2', 4, 2, ['max|x1·x2 − g|', '= 0.25'])
    """
    lo, hi = params.interval or (-1.0, 1.0)
    units = params.units or 8
    story = TwoInputsStory.build((lo, hi), units)
    half, centre = (hi - lo) / 2.0, (lo + hi) / 2.0
    steps = []
    for n in range(1, units + 1):
        net, error = product_net(n, half, centre), product_error(n, half)
        readouts = _two_input_readouts(net, story.domain, n, error)
        steps.append(
            {
                "n": n,
                "label": f"N = {n}",
                **_top_view(net, story.domain),
                "max_error": error,
                "readouts": readouts,
            }
        )
    return {
        "scene": "two_inputs",
        "title": "Try it: move N",
        "slider": "N, the ReLU units along each direction",
        "legend": {"approximation": "g ≈ x1·x2 from above: its flat pieces, creases between"},
        "slider_shows": "x1·x2 from 2N units, seen from above",
        "colours": _colours(params),
        "plot": _square_frame(lo, hi),
        "target": None,
        "steps": steps,
        "initial": units - 1,
        "beats": two_inputs_beats(story),
    }


def two_inputs_beats(story: TwoInputsStory) -> dict[str, dict[str, Any]]:
    """What the Two Inputs video's top view and readouts show at the end of each beat."""
    domain, n = story.domain, story.units

    def view(net: PlaneNet, label: str, error: float | None = None) -> dict[str, Any]:
        counts = n if error is not None else None
        readouts = _two_input_readouts(net, domain, counts, error)
        return {**_top_view(net, domain), "readouts": readouts, "label": label}

    readouts_of_product = view(story.product, f"x1·x2 from {2 * n} units", story.errors[-1])
    question = view(story.flat, "the flat input plane")
    question["readouts"] = []
    return {
        "question": question,
        "crease": view(story.one, "one unit: a plane creased once"),
        "regions": view(story.several, f"{story.several.n_units} units"),
        "squares": view(story.half, f"(x1 + x2)²/4 from {n} units"),
        "product": readouts_of_product,
        "error": readouts_of_product,
        "taylor": _cubic_view(story, view),
    }


def _cubic_view(story: TwoInputsStory, view: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    cubic = view(story.cubic, f"x1²·x2 from {story.cubic.n_units} units")
    bound = at_most(story.cubic_bound)
    cubic["readouts"] = [
        ["N", str(story.units)],
        *cubic["readouts"],
        ["max|x1²·x2 − g|", f"≤ {bound}"],
    ]
    return cubic


def _square_frame(lo: float, hi: float) -> dict[str, Any]:
    """The square ``[lo, hi]²`` as the plot's window, with no margin (the regions fill it)."""
    ticks = _ticks(lo, hi)
    return {
        "x": [lo, hi],
        "y": [lo, hi],
        "viewBox": f"{lo!r} {-hi!r} {hi - lo!r} {hi - lo!r}",
        "xTicks": ticks,
        "yTicks": ticks,
        "origin": [lo, lo],
        "square": True,
    }


COMPANIONS: dict[str, Callable[[SceneParams], dict[str, Any]]] = {
    "square": square_data,
    "shift": shift_data,
    "two_inputs": two_inputs_data,
}


def companion_data(scene: str, params: SceneParams) -> dict[str, Any] | None:
    """The companion data of ``scene`` with its effective ``params``, or ``None`` if it has none."""
    build = COMPANIONS.get(scene)
    return build(params) if build else None
