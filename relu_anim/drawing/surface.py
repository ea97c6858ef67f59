"""A net of two inputs drawn exactly: its flat pieces in a turning 3-D view and from above.

:class:`Projection` is the orthographic view (NumPy only): a point ``(x1, x2, z)`` turned by an
azimuth about the vertical, tilted by a fixed elevation and scaled into a panel. It is affine,
so a flat face stays flat and its corners are all that is drawn: :class:`SurfaceView` draws
every region of :meth:`PlaneNet.regions` as one polygon through the region's lifted vertices,
never a sampled mesh, far faces first. :class:`TopView` draws the same regions from above, in
two alternating shades, with the creases on top.

Why not Manim's ``ThreeDScene``: its camera re-sorts and re-projects every mobject each frame,
captions and readouts would need ``add_fixed_in_frame_mobjects``, and the storyboard base and
its layout checks are 2-D. Here the 3-D view is a group of 2-D polygons in a panel like any
other picture; turning it re-projects only its own corners.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Line,
    ManimColor,
    MathTex,
    Mobject,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
)

from relu_anim.drawing.layout import Panel
from relu_anim.numeric.plane import PlaneNet, Region
from relu_anim.theme import Theme

Range = tuple[float, float]

ELEVATION = math.radians(28.0)  # how far above the horizon the viewer looks down
# The drawn height of the tallest surface, as a share of the domain's side: flat enough to
# read as a surface, tall enough that its folds show.
HEIGHT_SHARE = 0.55
FACE_OPACITY = 1.0  # opaque: a hidden edge or the floor seen through a face reads as a fold
CREASE_WIDTH = 3.0
# Shades of the top view's regions, alternating across every crease.
TOP_OPACITIES = (0.28, 0.62)
LABEL_FONT = 34
# Where the light comes from, in the viewer's frame (left, towards the viewer, above).
LIGHT = np.array([-0.45, -0.55, 0.70]) / np.linalg.norm([-0.45, -0.55, 0.70])


@dataclass(frozen=True, slots=True)
class Projection:
    """Orthographic view of the box ``domain² × z_range`` into ``panel``.

    Examples
    --------
    >>> view = Projection.fit(Panel(-2, 2, -2, 2), (-1.0, 1.0), (0.0, 1.0))
    >>> view.project(np.array([[0.0, 0.0, 0.5]]), azimuth=0.3).round(12)
    array([[0., 0., 0.]])
    """

    centre: tuple[float, float]
    scale: float  # screen units per unit of x1 and x2
    z_scale: float  # screen units per unit of height
    middle: tuple[float, float, float]  # the box's centre in data units
    floor: float  # the box's lowest height, where the domain's outline is drawn
    elevation: float = ELEVATION

    @classmethod
    def fit(cls, panel: Panel, domain: Range, z_range: Range) -> Projection:
        """The largest view of ``domain² × z_range`` that stays in ``panel`` at every azimuth."""
        lo, hi = domain
        z_lo, z_hi = z_range
        side = hi - lo
        radius = side / math.sqrt(2.0)  # the square's half-diagonal: its reach when turning
        z_span = max(z_hi - z_lo, 1e-12 * max(1.0, abs(z_hi)))
        sin, cos = math.sin(ELEVATION), math.cos(ELEVATION)
        # The drawn height of z_span, in domain units: HEIGHT_SHARE of the side, or up to the
        # whole side where the panel is taller than the turning square needs (portrait).
        spare = (panel.height * 2.0 * radius / panel.width - 2.0 * radius * sin) / cos
        height = min(max(HEIGHT_SHARE * side, spare), side)
        scale = min(
            panel.width / (2.0 * radius),
            panel.height / (2.0 * radius * sin + height * cos),
        )
        return cls(
            centre=(float(panel.center[0]), float(panel.center[1])),
            scale=scale,
            z_scale=scale * height / z_span,
            middle=((lo + hi) / 2.0, (lo + hi) / 2.0, (z_lo + z_hi) / 2.0),
            floor=z_lo,
        )

    def _turned(self, points: np.ndarray, azimuth: float) -> tuple[np.ndarray, ...]:
        x = (points[:, 0] - self.middle[0]) * self.scale
        y = (points[:, 1] - self.middle[1]) * self.scale
        z = (points[:, 2] - self.middle[2]) * self.z_scale
        across = math.cos(azimuth) * x - math.sin(azimuth) * y
        away = math.sin(azimuth) * x + math.cos(azimuth) * y
        return across, away, z

    def project(self, points: np.ndarray, azimuth: float) -> np.ndarray:
        """Screen points, shape ``(k, 3)``, of data points ``(x1, x2, z)``, shape ``(k, 3)``."""
        across, away, z = self._turned(np.asarray(points, dtype=float), azimuth)
        up = away * math.sin(self.elevation) + z * math.cos(self.elevation)
        return np.column_stack(
            [across + self.centre[0], up + self.centre[1], np.zeros(len(across))]
        )

    def nearness(self, points: np.ndarray, azimuth: float) -> np.ndarray:
        """How close each point is to the viewer (larger is nearer), for painting order."""
        _, away, z = self._turned(np.asarray(points, dtype=float), azimuth)
        return z * math.sin(self.elevation) - away * math.cos(self.elevation)


def _face(points: np.ndarray, fill: str) -> VMobject:
    # No outline: every edge inside the square is a crease, drawn over the face in the unit's
    # colour, and a stroke per face would cost a second Cairo pass each frame of a turn.
    face = VMobject(fill_color=fill, fill_opacity=FACE_OPACITY, stroke_width=0)
    face.set_points_as_corners([*points, points[0]])
    return face


def _on_crease(points: np.ndarray, net: PlaneNet, domain: Range) -> np.ndarray:
    """Which ``points`` (shape ``(k, 2)``) lie on which unit's crease, shape ``(k, units)``:
    an edge is on a crease when both its ends are on the same one."""
    creasing = np.any(net.w != 0.0, axis=1)
    if not creasing.any():
        return np.zeros((len(points), 1), dtype=bool)
    w, b = net.w[creasing], net.b[creasing]
    distances = (points @ w.T + b) / np.hypot(w[:, 0], w[:, 1])
    size = max(abs(domain[0]), abs(domain[1])) + (domain[1] - domain[0])
    return np.abs(distances) <= 1e-9 * size


def _on_edge(points: np.ndarray, domain: Range) -> np.ndarray:
    """Which ``points`` lie on which edge of the square (x1 = lo, hi; x2 = lo, hi)."""
    size = max(abs(domain[0]), abs(domain[1])) + (domain[1] - domain[0])
    near = [np.abs(points[:, axis] - end) <= 1e-9 * size for axis in (0, 1) for end in domain]
    return np.column_stack(near)


def corners(face: VMobject) -> np.ndarray:
    """The corners a polygon drawn by this module passes through, shape ``(k, 3)``."""
    return np.asarray(face.points[::4])


def z_range_of(nets: Sequence[PlaneNet], domain: Range) -> Range:
    """The lowest and highest value of ``nets`` on ``domain²``: at a region's vertex, exactly."""
    heights = [region.lifted()[:, 2] for net in nets for region in net.regions(domain, domain)]
    values = np.concatenate(heights)
    return float(values.min()), float(values.max())


class SurfaceView(VGroup):
    """The surface of ``net`` on ``domain²``: one shaded polygon per region, turning.

    ``faces[k]`` is region ``regions[k]`` lifted to the net's height and projected at the
    current ``azimuth``; the group's order is the painting order (far faces first). A face is
    shaded by how squarely it faces a light above the viewer's left shoulder.
    """

    def __init__(
        self,
        net: PlaneNet,
        domain: Range,
        projection: Projection,
        theme: Theme,
        azimuth: float,
    ) -> None:
        super().__init__()
        self.net, self.domain, self.projection, self.azimuth = net, domain, projection, azimuth
        self.regions: list[Region] = net.regions(domain, domain)
        self.lifted = [region.lifted() for region in self.regions]
        self._sizes = [len(points) for points in self.lifted]
        self._stacked = np.concatenate(self.lifted)
        self._centres = np.array([points.mean(axis=0) for points in self.lifted])
        self._planes = np.array([region.plane for region in self.regions])
        # Segment k of face f runs from its vertex k to vertex k + 1 (the last back to the first).
        first = np.cumsum([0, *self._sizes[:-1]])
        self._segment_starts = np.concatenate(
            [start + np.arange(size) for start, size in zip(first, self._sizes, strict=True)]
        )
        self._segment_ends = np.concatenate(
            [
                start + (np.arange(size) + 1) % size
                for start, size in zip(first, self._sizes, strict=True)
            ]
        )
        self._dark = ManimColor(theme.background).to_rgb()
        self._bright = ManimColor(theme.approximation).to_rgb()
        self.theme = theme
        self.base = VMobject(stroke_color=theme.muted, stroke_width=2)
        self._floor = np.column_stack(
            [
                [domain[0], domain[1], domain[1], domain[0], domain[0]],
                [domain[0], domain[0], domain[1], domain[1], domain[0]],
                np.full(5, projection.floor),
            ]
        )
        self.faces = [_face(points, theme.approximation) for points in self.lifted]
        # The faces' edges that lie on a crease, drawn in the unit's colour with their face.
        on_crease = _on_crease(self._stacked[:, :2], net, domain)
        # A crease along the square's edge is no crease inside it (PlaneNet.creases agrees).
        on_edge = _on_edge(self._stacked[:, :2], domain)
        crease_segments = np.flatnonzero(
            np.any(on_crease[self._segment_starts] & on_crease[self._segment_ends], axis=1)
            & ~np.any(on_edge[self._segment_starts] & on_edge[self._segment_ends], axis=1)
        )
        # One stroke per face for all its crease edges (a mobject per edge made the turns
        # draw four times as many mobjects as faces); segments are kept in face order.
        faces_of = np.searchsorted(first, crease_segments, side="right") - 1
        creased = np.unique(faces_of)
        self._crease_segments = crease_segments
        self._crease_groups = (
            np.split(crease_segments, np.searchsorted(faces_of, creased[1:]))
            if len(creased)
            else []
        )
        # Thinner where there are many, or they would hide the faces they bound.
        width = CREASE_WIDTH if len(self.regions) <= 12 else CREASE_WIDTH / 2
        self.crease_lines = [VMobject(stroke_color=theme.unit, stroke_width=width) for _ in creased]
        self._line_of = {
            int(face): line for face, line in zip(creased, self.crease_lines, strict=True)
        }
        self.set_azimuth(azimuth)

    def set_azimuth(self, azimuth: float) -> SurfaceView:
        """Re-project every face at ``azimuth``, shade it and repaint far to near.

        Vectorised over all faces: each face's points are the Bézier corners Manim's
        ``set_points_as_corners`` would make (a straight segment's handles at its thirds),
        written directly, and so are the fill colours.
        """
        self.azimuth = azimuth
        projection = self.projection
        screen = projection.project(self._stacked, azimuth)
        starts, ends = screen[self._segment_starts], screen[self._segment_ends]
        thirds = np.array([0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0])[None, :, None]
        beziers = starts[:, None, :] + thirds * (ends - starts)[:, None, :]
        points = beziers.reshape(-1, 3)
        rgbas = self._shades(azimuth)
        offset = 0
        for face, size, rgba in zip(self.faces, self._sizes, rgbas, strict=True):
            face.points = points[offset : offset + 4 * size].copy()
            offset += 4 * size
            face.fill_rgbas = rgba[None, :].copy()
        for line, own in zip(self.crease_lines, self._crease_groups, strict=True):
            line.points = beziers[own].reshape(-1, 3)
        self.base.set_points_as_corners(projection.project(self._floor, azimuth))
        order = np.argsort(projection.nearness(self._centres, azimuth), kind="stable")
        self.submobjects = [self.base]
        for k in order:
            self.submobjects.append(self.faces[k])
            if int(k) in self._line_of:
                self.submobjects.append(self._line_of[int(k)])
        return self

    def crease_ends(self) -> list[np.ndarray]:
        """Each crease edge's ends in data units ``(x1, x2, z)``, shape (2, 3): the segments
        of ``crease_lines`` one after another, in order."""
        return [
            self._stacked[[self._segment_starts[k], self._segment_ends[k]]]
            for k in self._crease_segments
        ]

    def turn(self, angle: float, run_time: float) -> UpdateFromAlphaFunc:
        """An animation turning the view by ``angle`` radians about the vertical, evenly."""
        start = self.azimuth

        def update(view: Mobject, alpha: float) -> None:
            assert isinstance(view, SurfaceView)
            view.set_azimuth(start + alpha * angle)

        return UpdateFromAlphaFunc(self, update, run_time=run_time, rate_func=lambda t: t)

    def _shades(self, azimuth: float) -> np.ndarray:
        """Each face's fill, shape ``(faces, 4)``: the approximation colour, darker towards
        the background the less squarely the face meets a light over the viewer's shoulder."""
        scale, z_scale = self.projection.scale, self.projection.z_scale
        p, q = self._planes[:, 0], self._planes[:, 1]
        # Normals in the drawn (scaled) space, then turned like the points.
        nx, ny = -p * z_scale / scale, -q * z_scale / scale
        cos, sin = math.cos(azimuth), math.sin(azimuth)
        normals = np.column_stack([cos * nx - sin * ny, sin * nx + cos * ny, np.ones_like(nx)])
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        facing = np.clip(normals @ LIGHT, 0.0, None)
        mix = (0.45 + 0.55 * facing)[:, None]
        rgb = (1.0 - mix) * self._dark + mix * self._bright
        return np.column_stack([rgb, np.full(len(rgb), FACE_OPACITY)])


class TopView(VGroup):
    """``net``'s regions on ``domain²`` seen from above, fitted into ``panel``.

    Regions alternate between two shades across every crease (the parity of the units on
    inside), so neighbours always differ; ``faces[k]`` is ``regions[k]``, ``creases[j]`` the
    ``j``-th crease of :meth:`PlaneNet.creases`. ``to_screen``/``from_screen`` map points.
    """

    def __init__(
        self,
        net: PlaneNet,
        domain: Range,
        panel: Panel,
        theme: Theme,
        labels: bool = True,
    ) -> None:
        super().__init__()
        lo, hi = domain
        room = 0.45 if labels else 0.0
        square = min(panel.width - room, panel.height - room)
        self.per_unit = square / (hi - lo)
        self.origin = np.array(
            [
                panel.center[0] + room / 2 - (lo + hi) / 2 * self.per_unit,
                panel.center[1] + room / 2 - (lo + hi) / 2 * self.per_unit,
            ]
        )
        self.net, self.domain = net, domain
        self.regions = net.regions(domain, domain)
        self.faces = VGroup(
            *(
                VMobject(
                    fill_color=theme.approximation,
                    fill_opacity=TOP_OPACITIES[int(np.count_nonzero(region.active)) % 2],
                    stroke_width=0,
                ).set_points_as_corners(
                    [*self.to_screen(region.vertices), self.to_screen(region.vertices[:1])[0]]
                )
                for region in self.regions
            )
        )
        self.crease_ends = net.creases(domain, domain)
        self.creases = VGroup(
            *(
                Line(*self.to_screen(ends), color=theme.unit, stroke_width=3.5)
                for _, ends in self.crease_ends
            )
        )
        corner_points = self.to_screen(np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]]))
        self.outline = VMobject(stroke_color=theme.muted, stroke_width=2).set_points_as_corners(
            [*corner_points, corner_points[0]]
        )
        self.add(self.faces, self.creases, self.outline)
        if labels:
            self.labels = _axis_labels(corner_points, domain, theme)
            self.add(self.labels)

    def to_screen(self, points: np.ndarray) -> np.ndarray:
        """Screen points ``(k, 3)`` of domain points ``(k, 2)``."""
        points = np.asarray(points, dtype=float)
        screen = self.origin + points * self.per_unit
        return np.column_stack([screen, np.zeros(len(points))])

    def from_screen(self, points: np.ndarray) -> np.ndarray:
        """Domain points ``(k, 2)`` of screen points ``(k, 3)``: the inverse of ``to_screen``."""
        return (np.asarray(points)[:, :2] - self.origin) / self.per_unit


def _axis_labels(corners: np.ndarray, domain: Range, theme: Theme) -> VGroup:
    """``x₁`` under the bottom edge, ``x₂`` left of the left edge, the domain's ends at the
    lower-left and lower-right corners."""
    lo, hi = (f"{value:g}" for value in domain)
    lower_left, lower_right, _, upper_left = corners
    x1 = MathTex("x_1", font_size=LABEL_FONT, color=theme.muted)
    x1.next_to((lower_left + lower_right) / 2, DOWN, buff=0.1)
    x2 = MathTex("x_2", font_size=LABEL_FONT, color=theme.muted)
    x2.next_to((lower_left + upper_left) / 2, LEFT, buff=0.1)
    low = MathTex(lo, font_size=LABEL_FONT, color=theme.muted)
    low.next_to(lower_left, DOWN, buff=0.1)
    high = MathTex(hi, font_size=LABEL_FONT, color=theme.muted)
    high.next_to(lower_right, DOWN, buff=0.1).align_to(lower_right, RIGHT)
    return VGroup(x1, x2, low, high)


__all__ = [
    "ELEVATION",
    "Projection",
    "SurfaceView",
    "TopView",
    "corners",
    "z_range_of",
]
