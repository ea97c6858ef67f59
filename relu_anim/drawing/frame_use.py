"""Two more checks of a finished picture: texts that a curve runs through, and unused frame.

:func:`text_crossings` names every visible text that a plotted curve (a
:class:`~relu_anim.drawing.curves.NetCurve` or a function graph) crosses: a tick number under a
curve, or a label on top of one, is unreadable. :func:`largest_empty_share` is the largest
empty rectangle of the frame (less its margin) as a share of the frame: a picture that keeps
to the left half and leaves the lower right empty scores high. The layout tests assert on both
at every beat's end (see :mod:`relu_anim.drawing.layout` for clipping and overlap).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import Axes, Mobject, ParametricFunction, VMobject

from relu_anim.drawing.curves import NetCurve
from relu_anim.drawing.layout import Panel, bounding_box, texts, visible

# A stroke of width w is w / 100 frame units wide (Manim's Cairo line width multiple).
STROKE_UNITS = 0.01
# Cells of the grid the empty share is measured on, per frame unit.
CELLS_PER_UNIT = 2


def _curves(mobjects: Iterable[Mobject]) -> list[VMobject]:
    found: list[VMobject] = []
    for top in mobjects:
        for part in top.get_family():
            if (
                isinstance(part, NetCurve | ParametricFunction)
                and len(part.points)
                and part.get_stroke_opacity() > 0.01
                and part.get_stroke_width() > 0
            ):
                found.append(part)
    return found


def _polyline(curve: VMobject) -> np.ndarray:
    """Points along ``curve``'s Bézier pieces (five per piece), in frame units."""
    points = curve.points[: len(curve.points) // 4 * 4].reshape(-1, 4, 3)[:, :, :2]
    t = np.linspace(0.0, 1.0, 5)[None, :, None]
    p0, p1, p2, p3 = (points[:, i][:, None, :] for i in range(4))
    samples = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
    return samples.reshape(-1, 2)


def _segments_hit(points: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    """Whether the polyline through ``points`` enters ``box`` (Liang-Barsky, vectorised)."""
    left, right, bottom, top = box
    start, end = points[:-1], points[1:]
    delta = end - start
    enter = np.zeros(len(start))
    leave = np.ones(len(start))
    ok = np.ones(len(start), dtype=bool)
    for axis, (low, high) in enumerate(((left, right), (bottom, top))):
        d = delta[:, axis]
        s = start[:, axis]
        flat = d == 0.0
        ok &= ~flat | ((low <= s) & (s <= high))
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.where(flat, -np.inf, (low - s) / np.where(flat, 1.0, d))
            b = np.where(flat, np.inf, (high - s) / np.where(flat, 1.0, d))
        enter = np.maximum(enter, np.minimum(a, b))
        leave = np.minimum(leave, np.maximum(a, b))
    return bool(np.any(ok & (enter < leave)))


def text_crossings(mobjects: Iterable[Mobject], slack: float = 0.02) -> list[str]:
    """Every visible text that a curve's stroke runs through, as ``"<text> crosses <curve>"``.

    A text's box is shrunk by ``slack`` (glyph boxes have some air) and grown by half the
    curve's stroke width.

    Examples
    --------
    >>> from manim import MathTex, Line, ParametricFunction
    >>> wave = ParametricFunction(lambda t: [t, 0, 0], t_range=(-2, 2))
    >>> text_crossings([wave, MathTex("a")])
    ["MathTex('a') crosses ParametricFunction"]
    >>> text_crossings([wave, MathTex("a").shift([0, 1, 0])])
    []
    """
    mobjects = list(mobjects)
    shown = texts(mobjects)
    problems = []
    for curve in _curves(mobjects):
        points = _polyline(curve)
        if len(points) < 2:
            continue
        grow = curve.get_stroke_width() * STROKE_UNITS / 2 - slack
        for text in shown:
            left, right, bottom, top = bounding_box(text)
            box = (left - grow, right + grow, bottom - grow, top + grow)
            if box[0] < box[1] and box[2] < box[3] and _segments_hit(points, box):
                problems.append(f"{_name(text)} crosses {type(curve).__name__}")
    return problems


def _name(mobject: Mobject) -> str:
    text = getattr(mobject, "tex_string", None) or getattr(mobject, "text", None)
    if text is None and hasattr(mobject, "get_value"):
        text = f"{mobject.get_value():g}"
    return f"{type(mobject).__name__}({text!r})"


def _used_boxes(mobjects: Iterable[Mobject]) -> list[tuple[float, float, float, float]]:
    """The boxes that count as used: whole axes (a plot's inside is part of the plot), every
    text, and every other visible drawn piece."""
    boxes = []

    def walk(mobject: Mobject) -> None:
        if isinstance(mobject, Axes):
            if visible(mobject):
                boxes.append(bounding_box(mobject))
            return
        if not mobject.submobjects:
            if isinstance(mobject, VMobject) and len(mobject.points) and visible(mobject):
                boxes.append(bounding_box(mobject))
            return
        for sub in mobject.submobjects:
            walk(sub)

    for mobject in mobjects:
        walk(mobject)
    for text in texts(mobjects):
        boxes.append(bounding_box(text))
    return boxes


def largest_empty_share(mobjects: Iterable[Mobject], frame: Panel, margin: float = 0.35) -> float:
    """The largest empty axis-aligned rectangle inside ``frame`` less ``margin``, as a share of
    the frame's area, on a grid of :data:`CELLS_PER_UNIT` cells per unit.

    Examples
    --------
    >>> from manim import Square
    >>> frame = Panel(-4.0, 4.0, -4.0, 4.0)
    >>> round(largest_empty_share([], frame), 2)
    0.83
    >>> round(largest_empty_share([Square(7.0)], frame), 2)
    0.0
    """
    safe = frame.inset(margin)
    columns = max(1, round(safe.width * CELLS_PER_UNIT))
    rows = max(1, round(safe.height * CELLS_PER_UNIT))
    xs = np.linspace(safe.left, safe.right, columns + 1)
    ys = np.linspace(safe.bottom, safe.top, rows + 1)
    used = np.zeros((rows, columns), dtype=bool)
    for left, right, bottom, top in _used_boxes(list(mobjects)):
        cols = (xs[1:] > left) & (xs[:-1] < right)
        lines = (ys[1:] > bottom) & (ys[:-1] < top)
        used[np.ix_(lines, cols)] = True
    best = _largest_empty_rectangle(used)
    cell = (safe.width / columns) * (safe.height / rows)
    return best * cell / (frame.width * frame.height)


def _largest_empty_rectangle(used: np.ndarray) -> int:
    """Cells in the largest all-``False`` rectangle of ``used`` (histogram method)."""
    best = 0
    heights = np.zeros(used.shape[1], dtype=int)
    for row in used:
        heights = np.where(row, 0, heights + 1)
        stack: list[tuple[int, int]] = []
        for index, height in enumerate([*heights.tolist(), 0]):
            start = index
            while stack and stack[-1][1] >= height:
                start, top = stack.pop()
                best = max(best, top * (index - start))
            stack.append((start, height))
    return best
