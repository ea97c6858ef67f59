"""Slope numbers beside a :class:`~relu_anim.numeric.ReLUNet`'s segments, placed clear of the
curve, its kink markers, the axes and each other.

:func:`slope_labels` labels every segment of a net with its slope (:func:`signed_number`, the
signed number a slope or a change of slope is shown as); each label tries spots along and
away from its segment until one is clear, else takes the least crowded one behind a
background rectangle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Any

import numpy as np
from manim import Axes, BackgroundRectangle, DecimalNumber, Mobject, VGroup, config

from relu_anim.numeric import ReLUNet
from relu_anim.theme import Theme

__all__ = ["SlopeLabels", "signed_number", "slope_labels"]


class SlopeLabels(VGroup):
    """The slope of every segment of one net as a :class:`~manim.DecimalNumber`, left to right.

    ``labels[k].get_value()`` is ``net.slopes(*x_range)[k]``; labels that could not be placed
    clear of everything carry a background rectangle (``labels.covered`` lists them).
    """

    def __init__(
        self, *labels: DecimalNumber, net: ReLUNet, x_range: tuple[float, float], **kwargs: Any
    ) -> None:
        super().__init__(*labels, **kwargs)
        self.net = net
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.covered: list[int] = []


def slope_labels(
    axes: Axes,
    net: ReLUNet,
    x_range: tuple[float, float],
    theme: Theme,
    decimals: int = 1,
    font_size: float = 30,
    buff: float = 0.3,
    avoid: Iterable[Mobject] = (),
) -> SlopeLabels:
    """Return the slope of every segment as a signed number beside the segment.

    Each label sits on the side of its segment away from the neighbouring segments (below a
    valley, above a peak) and is then moved along and away from the segment until it clears
    the curve, the kink dots and guides, the axes and their numbers, the mobjects in
    ``avoid`` and the labels already placed, inside the axes. A label that finds no clear
    spot takes the least crowded one and gets a background rectangle. Whole slopes show no
    decimals (``+1``, not ``+1.0``), zero shows as ``0``; all in the theme's slope colour.
    """
    lo, hi = float(x_range[0]), float(x_range[1])
    xs, ys = net.polyline(lo, hi)
    slopes = net.slopes(lo, hi)
    vertices = np.asarray(axes.c2p(np.column_stack([xs, ys])))[:, :2]
    obstacles = _Obstacles.around(axes, vertices, avoid)
    bounds = _plot_box(axes)
    axis_y = float(axes.c2p(0, 0)[1]) if axes.y_range[0] <= 0 <= axes.y_range[1] else None
    labels = SlopeLabels(net=net, x_range=(lo, hi))
    for index, slope in enumerate(slopes):
        label = signed_number(float(slope), theme, decimals, font_size, theme.slope)
        start, end = vertices[index], vertices[index + 1]
        bend = _bend(slopes, index)
        best: tuple[float, np.ndarray] | None = None
        for centre in _label_spots(start, end, bend, label.width, label.height, buff):
            box = _box(centre, label.width, label.height)
            if not _inside(box, bounds):
                continue
            crowding = obstacles.crowding(box) + _across_axis(box, start, end, axis_y)
            if best is None or crowding < best[0]:
                best = (crowding, centre)
            if crowding == 0.0:
                break
        if best is None:  # no spot inside the plot at all: keep the plain midpoint placement
            best = (1.0, (start + end) / 2 + np.array([0.0, buff + label.height / 2]))
        label.move_to(np.array([*best[1], 0.0]))
        if best[0] > 0.0:
            label.add_to_back(
                BackgroundRectangle(label, color=theme.background, fill_opacity=0.85, buff=0.06)
            )
            labels.covered.append(index)
        obstacles.boxes.append(_box(best[1], label.width, label.height))
        labels.add(label)
    return labels


def signed_number(
    value: float,
    theme: Theme,
    decimals: int = 1,
    font_size: float = 30,
    color: str | None = None,
) -> DecimalNumber:
    """Return ``value`` as ``+1``, ``−0.5`` or ``0``, decimals only if needed, in ``color``.

    Used for slopes and changes of slope, so that ``+1`` and ``+1.5`` read alike. Without
    ``color`` the number is a weight, coloured by its sign; zero has no sign and takes the
    muted colour. ``get_value()`` is ``value`` itself, unrounded.

    Examples
    --------
    ::

        signed_number(-2.0, DARK)  # shows "−2" in DARK.negative
    """
    shown = round(value, decimals) + 0.0
    places = 0 if shown == round(shown) else decimals
    if color is None:
        color = theme.muted if shown == 0.0 else theme.weight_color(shown)
    return DecimalNumber(
        value,
        num_decimal_places=places,
        include_sign=shown != 0.0,
        font_size=font_size,
        color=color,
    )


def _across_axis(
    box: np.ndarray, start: np.ndarray, end: np.ndarray, axis_y: float | None
) -> float:
    """A large penalty for a label on the other side of the x-axis from its whole segment.

    Below the axis it would read as one of the axis's own numbers.
    """
    if axis_y is None:
        return 0.0
    clearance = _Obstacles.CLEARANCE
    # A segment lying on the axis counts as above it.
    if min(start[1], end[1]) >= axis_y - 1e-9:
        return 10.0 if box[1] < axis_y + clearance else 0.0
    if max(start[1], end[1]) <= axis_y:
        return 10.0 if box[3] > axis_y - clearance else 0.0
    return 0.0


def _bend(slopes: np.ndarray, index: int) -> float:
    """How the curve bends around segment ``index``: > 0 a valley, < 0 a peak."""
    before = slopes[index] - slopes[index - 1] if index > 0 else 0.0
    after = slopes[index + 1] - slopes[index] if index + 1 < len(slopes) else 0.0
    return float(before + after)


def _label_spots(
    start: np.ndarray, end: np.ndarray, bend: float, width: float, height: float, buff: float
) -> Iterator[np.ndarray]:
    """Candidate label centres for the segment ``start``-``end``, the preferred ones first.

    Along the segment (middle first), on the side away from the bend (below a valley), at
    growing distance; then the same on the other side.
    """
    direction = end - start
    length = float(np.hypot(*direction))
    if length == 0.0:
        yield start + np.array([0.0, buff + height / 2])
        return
    normal = np.array([-direction[1], direction[0]]) / length
    if normal[1] < 0 or (normal[1] == 0 and normal[0] < 0):
        normal = -normal  # the "above" side
    sides = (-normal, normal) if bend > 0 else (normal, -normal)
    for side in sides:
        reach = abs(side[0]) * width / 2 + abs(side[1]) * height / 2
        for distance in (buff, buff + 0.15, buff + 0.35, buff + 0.6):
            for along in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                yield start + along * direction + side * (distance + reach)


def _box(centre: np.ndarray, width: float, height: float) -> np.ndarray:
    """``[left, bottom, right, top]`` of a ``width`` x ``height`` box around ``centre``."""
    half = np.array([width / 2, height / 2])
    return np.concatenate([centre[:2] - half, centre[:2] + half])


def _plot_box(axes: Axes) -> np.ndarray:
    """The axes' plotting rectangle, cut to the visible frame."""
    x_min, x_max = axes.x_range[:2]
    y_min, y_max = axes.y_range[:2]
    corner_low, corner_high = axes.c2p(x_min, y_min), axes.c2p(x_max, y_max)
    margin = 0.1
    return np.array(
        [
            max(corner_low[0], -config.frame_width / 2 + margin),
            max(corner_low[1], -config.frame_height / 2 + margin),
            min(corner_high[0], config.frame_width / 2 - margin),
            min(corner_high[1], config.frame_height / 2 - margin),
        ]
    )


def _inside(box: np.ndarray, bounds: np.ndarray) -> bool:
    return bool(
        box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]
    )


_NUMBER_ROOM = np.array([-0.25, -0.12, 0.25, 0.12])


class _Obstacles:
    """Segments and boxes (screen coordinates) that a slope label must keep clear of."""

    # Gap kept between a label and a line or another box, in scene units.
    CLEARANCE = 0.08

    def __init__(self, segments: list[tuple[np.ndarray, np.ndarray]], boxes: list[np.ndarray]):
        self.segments = segments
        self.boxes = boxes

    @classmethod
    def around(cls, axes: Axes, vertices: np.ndarray, avoid: Iterable[Mobject]) -> _Obstacles:
        """The curve through ``vertices``, its kink dots and guides, the axes and ``avoid``."""
        segments = list(pairwise(vertices))
        boxes = [_box(vertex, 0.16, 0.16) for vertex in vertices[1:-1]]
        axis_zero = axes.c2p(0, 0)[:2]
        segments += [(vertex, np.array([vertex[0], axis_zero[1]])) for vertex in vertices[1:-1]]
        x_min, x_max = axes.x_range[:2]
        y_min, y_max = axes.y_range[:2]
        if y_min <= 0 <= y_max:
            segments.append((axes.c2p(x_min, 0)[:2], axes.c2p(x_max, 0)[:2]))
        if x_min <= 0 <= x_max:
            segments.append((axes.c2p(0, y_min)[:2], axes.c2p(0, y_max)[:2]))
        numbers = [
            number
            for axis in (axes.x_axis, axes.y_axis)
            for number in getattr(axis, "numbers", VGroup())
        ]
        # Axis numbers get extra room: a slope label right beside one reads as a pair.
        boxes += [_mobject_box(number) + _NUMBER_ROOM for number in numbers]
        boxes += [_mobject_box(mob) for mob in avoid]
        return cls(segments, boxes)

    def crowding(self, box: np.ndarray) -> float:
        """0 when ``box`` is clear of everything; otherwise how much it overlaps (a score)."""
        grown = box + np.array([-1, -1, 1, 1]) * self.CLEARANCE
        score = 0.0
        for start, end in self.segments:
            score += _segment_length_in(start, end, grown)
        for other in self.boxes:
            width = min(grown[2], other[2]) - max(grown[0], other[0])
            height = min(grown[3], other[3]) - max(grown[1], other[1])
            if width > 0 and height > 0:
                score += width * height + 0.1
        return score


def _mobject_box(mob: Mobject) -> np.ndarray:
    low, high = mob.get_corner(np.array([-1, -1, 0])), mob.get_corner(np.array([1, 1, 0]))
    return np.array([*low[:2], *high[:2]])


def _segment_length_in(start: np.ndarray, end: np.ndarray, box: np.ndarray) -> float:
    """Length of the part of segment ``start``-``end`` inside ``box`` (Liang-Barsky clipping)."""
    delta = end - start
    enter, leave = 0.0, 1.0
    for axis in (0, 1):
        low, high = box[axis], box[axis + 2]
        if delta[axis] == 0.0:
            if not low <= start[axis] <= high:
                return 0.0
            continue
        first, second = sorted(
            ((low - start[axis]) / delta[axis], (high - start[axis]) / delta[axis])
        )
        enter, leave = max(enter, first), min(leave, second)
        if enter >= leave:
            return 0.0
    # A point-like touch still counts, so a label never sits exactly on a line.
    return float((leave - enter) * np.hypot(*delta)) + 1e-3
