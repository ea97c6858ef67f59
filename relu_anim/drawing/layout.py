"""Layout from the frame: panels cut from ``config.frame_width/frame_height``, and a checker.

One storyboard renders in 16:9, 4:3 and 9:16 because no scene places anything by hand: it asks
the :class:`Layout` for its panels (a graph panel and a side panel, side by side in landscape
and stacked in portrait) and puts each group into its panel with :meth:`Panel.put`, which only
ever scales down. :func:`layout_problems` is what the tests assert on at the end of every beat:
every text and curve inside the frame with a margin, and no two texts overlapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import TypeVar

import numpy as np
from manim import (
    ORIGIN,
    DecimalNumber,
    MarkupText,
    Mobject,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
)

# Space kept clear at the frame's edges (Manim units; the short side is 8).
MARGIN = 0.35
# Texts may come this close to the frame's edge, curves a little closer.
TEXT_MARGIN = 0.12
CURVE_MARGIN = 0.04
TEXT_CLASSES = (SingleStringMathTex, Text, MarkupText, DecimalNumber)
M = TypeVar("M", bound=Mobject)


@dataclass(frozen=True, slots=True)
class Panel:
    """A rectangle of the frame, in Manim units.

    Examples
    --------
    >>> panel = Panel(-4.0, 4.0, -2.0, 2.0)
    >>> panel.width, panel.height
    (8.0, 4.0)
    >>> [p.height for p in panel.rows(1, 3, gap=0.0)]
    [1.0, 3.0]
    """

    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def point(self, direction: np.ndarray) -> np.ndarray:
        """The point of the panel towards ``direction`` (``UP + LEFT`` is the top-left corner)."""
        x = (self.left, self.center[0], self.right)[int(np.sign(direction[0])) + 1]
        y = (self.bottom, self.center[1], self.top)[int(np.sign(direction[1])) + 1]
        return np.array([x, y, 0.0])

    def inset(
        self,
        left: float,
        right: float | None = None,
        bottom: float | None = None,
        top: float | None = None,
    ) -> Panel:
        """The panel shrunk by ``left`` (and the others; each defaults to ``left``)."""
        right = left if right is None else right
        bottom = left if bottom is None else bottom
        top = left if top is None else top
        return Panel(self.left + left, self.right - right, self.bottom + bottom, self.top - top)

    def rows(self, *shares: float, gap: float = 0.3) -> list[Panel]:
        """Cut into rows, top to bottom, with heights in proportion to ``shares``."""
        usable = self.height - gap * (len(shares) - 1)
        panels, top = [], self.top
        for share in shares:
            height = usable * share / sum(shares)
            panels.append(Panel(self.left, self.right, top - height, top))
            top -= height + gap
        return panels

    def columns(self, *shares: float, gap: float = 0.3) -> list[Panel]:
        """Cut into columns, left to right, with widths in proportion to ``shares``."""
        usable = self.width - gap * (len(shares) - 1)
        panels, left = [], self.left
        for share in shares:
            width = usable * share / sum(shares)
            panels.append(Panel(left, left + width, self.bottom, self.top))
            left += width + gap
        return panels

    def fits(self, mobject: Mobject) -> bool:
        """Whether ``mobject`` lies inside the panel."""
        return self.holds(bounding_box(mobject))

    def holds(self, box: tuple[float, float, float, float]) -> bool:
        """Whether the box ``(left, right, bottom, top)`` lies inside the panel."""
        left, right, bottom, top = box
        return bool(
            left >= self.left - 1e-6
            and right <= self.right + 1e-6
            and bottom >= self.bottom - 1e-6
            and top <= self.top + 1e-6
        )

    def put(self, mobject: M, edge: np.ndarray = ORIGIN) -> M:
        """Scale ``mobject`` down to fit (never up) and move it to the panel's ``edge``."""
        scale = min(
            1.0, self.width / max(mobject.width, 1e-9), self.height / max(mobject.height, 1e-9)
        )
        if scale < 1.0:
            mobject.scale(scale)
        return mobject.move_to(self.point(edge), aligned_edge=edge)


@dataclass(frozen=True, slots=True)
class Layout:
    """The frame of the scene being rendered, and the panels a storyboard puts things in.

    Examples
    --------
    >>> wide = Layout(frame=Panel(-7.11, 7.11, -4.0, 4.0))
    >>> graph, side = wide.graph_and_side()
    >>> wide.portrait, graph.right < side.left
    (False, True)
    >>> tall = Layout(frame=Panel(-4.0, 4.0, -7.11, 7.11))
    >>> graph, side = tall.graph_and_side()
    >>> tall.portrait, side.bottom > graph.top
    (True, True)
    """

    frame: Panel

    @classmethod
    def from_config(cls) -> Layout:
        """The layout of Manim's current frame."""
        half_width, half_height = config.frame_width / 2, config.frame_height / 2
        return cls(Panel(-half_width, half_width, -half_height, half_height))

    @property
    def portrait(self) -> bool:
        return self.frame.height > self.frame.width

    @property
    def safe(self) -> Panel:
        """The frame less its margin: where everything goes."""
        return self.frame.inset(MARGIN)

    def graph_and_side(
        self, graph_share: float = 0.55, gap: float = 0.5, least_side: float = 0.0
    ) -> tuple[Panel, Panel]:
        """A graph panel and a side panel: graph left in landscape, graph below in portrait.

        In landscape the side panel is at least ``least_side`` wide (what its texts need at
        the smallest size that reads): a narrower frame (4:3) takes it from the graph.

        Examples
        --------
        >>> square = Layout(Panel(-5.33, 5.33, -4.0, 4.0))
        >>> [round(p.width, 2) for p in square.graph_and_side(0.6, least_side=4.5)]
        [4.96, 4.5]
        """
        if self.portrait:
            side, graph = self.safe.rows(1 - graph_share, graph_share, gap=gap)
        else:
            share = min(graph_share, 1 - least_side / (self.safe.width - gap))
            graph, side = self.safe.columns(share, 1 - share, gap=gap)
        return graph, side

    def banner_and_graph(self, banner: float = 1.2, gap: float = 0.3) -> tuple[Panel, Panel]:
        """A strip ``banner`` high across the top, and the graph panel below it."""
        safe = self.safe
        strip = Panel(safe.left, safe.right, safe.top - banner, safe.top)
        return strip, Panel(safe.left, safe.right, safe.bottom, strip.bottom - gap)


# -- the checker the layout tests use ------------------------------------------------------------


def visible(mobject: Mobject) -> bool:
    """Whether any part of ``mobject`` is drawn (some fill or stroke with opacity > 0)."""
    for part in mobject.get_family():
        if not isinstance(part, VMobject) or len(part.points) == 0:
            continue
        if part.get_fill_opacity() > 0.01 or (
            part.get_stroke_opacity() > 0.01 and part.get_stroke_width() > 0
        ):
            return True
    return False


def texts(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """The visible text mobjects among ``mobjects`` and their families, outermost only."""
    found: list[Mobject] = []

    def walk(mobject: Mobject) -> None:
        if isinstance(mobject, TEXT_CLASSES):
            if visible(mobject) and mobject.width > 0:
                found.append(mobject)
            return
        for sub in mobject.submobjects:
            walk(sub)

    for mobject in mobjects:
        walk(mobject)
    return found


def bounding_box(mobject: Mobject) -> tuple[float, float, float, float]:
    """``(left, right, bottom, top)`` of ``mobject`` and its family, as Manim's ``get_left()``,
    ``get_right()``, ... give them, from one pass over the points instead of four."""
    points = mobject.get_points_defining_boundary()
    if len(points) == 0:
        x, y = float(mobject.get_center()[0]), float(mobject.get_center()[1])
        return x, x, y, y
    low, high = points.min(axis=0), points.max(axis=0)
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def _describe(mobject: Mobject) -> str:
    text = getattr(mobject, "tex_string", None) or getattr(mobject, "text", None)
    if isinstance(mobject, DecimalNumber):
        text = f"{mobject.get_value():g}"
    return f"{type(mobject).__name__}({text!r})" if text else type(mobject).__name__


def layout_problems(mobjects: Iterable[Mobject], frame: Panel) -> list[str]:
    """What is wrong with the picture: texts or curves outside the frame, texts overlapping.

    Examples
    --------
    >>> from manim import LEFT, RIGHT, MathTex
    >>> frame = Panel(-7.11, 7.11, -4.0, 4.0)
    >>> layout_problems([MathTex("a").shift(LEFT), MathTex("b").shift(RIGHT)], frame)
    []
    >>> layout_problems([MathTex("a"), MathTex("b")], frame)
    ["MathTex('a') overlaps MathTex('b')"]
    """
    mobjects = list(mobjects)
    problems = []
    shown_texts = texts(mobjects)
    text_frame = frame.inset(TEXT_MARGIN)
    boxes = [bounding_box(text) for text in shown_texts]
    for text, box in zip(shown_texts, boxes, strict=True):
        if not text_frame.holds(box):
            problems.append(f"{_describe(text)} is outside the frame's margin: {box}")
    curve_frame = frame.inset(CURVE_MARGIN)
    text_ids = {id(part) for text in shown_texts for part in text.get_family()}
    for mobject in mobjects:
        for part in mobject.get_family():
            if id(part) in text_ids or not isinstance(part, VMobject) or part.submobjects:
                continue
            if visible(part) and not curve_frame.holds(box := bounding_box(part)):
                problems.append(f"{_describe(part)} is outside the frame: {box}")
    for (first, a), (second, b) in combinations(zip(shown_texts, boxes, strict=True), 2):
        overlap_x = min(a[1], b[1]) - max(a[0], b[0])
        overlap_y = min(a[3], b[3]) - max(a[2], b[2])
        if overlap_x > 0.01 and overlap_y > 0.01:
            problems.append(f"{_describe(first)} overlaps {_describe(second)}")
    return problems
