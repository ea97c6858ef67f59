"""Exact arithmetic of one-hidden-layer ReLU networks on two inputs.

A net ``g(x) = c + Σ a_i·ReLU(w_i·x + b_i)`` with ``x = (x1, x2)`` is continuous and piecewise
linear: each unit with ``w_i ≠ 0`` creases the surface along the line ``w_i·x + b_i = 0``.
The creases cut a rectangle into convex polygons, and on each polygon ``g`` is one plane
``p·x1 + q·x2 + r`` (:meth:`PlaneNet.regions`). :func:`product_net` builds ``x1·x2`` from two
1-D interpolants of ``t²`` (``x1·x2 = ((x1 + x2)² − (x1 − x2)²)/4``), whose max error on
``[-a, a]²`` is exactly ``a²/N²`` (:func:`product_error`).

Evaluation cost, ``M`` points and ``N`` units:

- scattered points (:meth:`PlaneNet.__call__`): ``O(M·N)``, in chunks of bounded memory.
  Each point needs its activation pattern; point location in the crease arrangement would
  cost ``O(N²)`` regions of preprocessing, more than the few thousand points a picture needs.
- a grid (:meth:`PlaneNet.on_grid`): ``O(rows·(N log N + columns))``; along each row the net
  is a 1-D :class:`~relu_anim.numeric.shallow.ReLUNet` evaluated by interpolation.
- the surface itself: :meth:`PlaneNet.regions` gives it exactly, with no sampling at all.

This module imports NumPy and the standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

from relu_anim.numeric.shallow import (
    ReLUNet,
    interpolant,
    max_error,
)

__all__ = [
    "MAX_REGION_UNITS",
    "PlaneNet",
    "Region",
    "cubic_term_net",
    "product_error",
    "product_halves",
    "product_net",
]

# The arrangement of N creases has up to 1 + N + N(N-1)/2 regions, each split in Python:
# 256 units is ~33 000 regions, about a second of work and a few MB.
MAX_REGION_UNITS = 256
# Vertices this close to a crease (relative to the domain's size) count as on it: rounding in
# the intersections must not cut slivers along coincident creases or creases through corners.
_ON_LINE = 1e-12
# Points evaluated at once by __call__: a chunk holds CHUNK × N pre-activations.
_CHUNK_ENTRIES = 1 << 20

Range = tuple[float, float]


@dataclass(frozen=True, slots=True, eq=False)
class Region:
    """One linear region of a :class:`PlaneNet` on a rectangle.

    Attributes
    ----------
    vertices
        The convex polygon, shape ``(k, 2)``, counter-clockwise, no repeated vertex.
    plane
        ``(p, q, r)``: the net is ``p·x1 + q·x2 + r`` on the polygon.
    active
        Which units are switched on (``w_i·x + b_i > 0``) inside, shape ``(N,)``.
    """

    vertices: np.ndarray
    plane: np.ndarray
    active: np.ndarray

    @property
    def area(self) -> float:
        """The polygon's area (shoelace formula).

        Examples
        --------
        >>> PlaneNet([1.0], [[1.0, 0.0]], [0.0]).regions((-1, 1), (0, 2))[0].area
        2.0
        """
        x, y = (self.vertices - self.vertices[0]).T
        return float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) / 2.0

    @property
    def centroid(self) -> np.ndarray:
        """The polygon's centre of mass, shape ``(2,)``.

        Examples
        --------
        >>> PlaneNet([1.0], [[1.0, 0.0]], [0.0]).regions((-1, 1), (0, 2))[0].centroid
        array([0.5, 1. ])
        """
        # Measured from the first vertex: far from the origin, the cross products of a small
        # polygon would cancel and put its centroid outside it.
        origin = self.vertices[0]
        x, y = (self.vertices - origin).T
        nx, ny = np.roll(x, -1), np.roll(y, -1)
        cross = x * ny - nx * y
        six_area = 3.0 * float(np.sum(cross))
        return origin + np.array([np.dot(x + nx, cross), np.dot(y + ny, cross)]) / six_area

    def value(self, x1: npt.ArrayLike, x2: npt.ArrayLike) -> float | np.ndarray:
        """The region's plane at ``(x1, x2)`` (broadcast), inside the polygon or not; a float
        for scalars.

        Examples
        --------
        >>> region = PlaneNet([2.0], [[1.0, 1.0]], [0.0]).regions((0, 1), (0, 1))[0]
        >>> region.plane, region.value(0.5, 0.25)
        (array([2., 2., 0.]), 1.5)
        """
        p, q, r = self.plane
        values = p * np.asarray(x1, dtype=float) + q * np.asarray(x2, dtype=float) + r
        return float(values) if values.ndim == 0 else values

    def lifted(self) -> np.ndarray:
        """The polygon's vertices with the net's height, shape ``(k, 3)``: a face to draw.

        Examples
        --------
        >>> PlaneNet([1.0], [[0.0, 1.0]], [0.0], c=1.0).regions((0, 1), (0, 1))[0].lifted()
        array([[0., 0., 1.],
               [1., 0., 1.],
               [1., 1., 2.],
               [0., 1., 2.]])
        """
        heights = self.value(self.vertices[:, 0], self.vertices[:, 1])
        return np.column_stack([self.vertices, heights])


@dataclass(frozen=True, slots=True, eq=False)
class PlaneNet:
    """The net ``g(x1, x2) = c + Σ_i a_i·ReLU(w_i1·x1 + w_i2·x2 + b_i)``, read-only float64.

    Parameters
    ----------
    a, b
        Output weights and biases, shape ``(N,)`` (a scalar is one unit).
    w
        Input weights, shape ``(N, 2)`` (or ``(2,)`` for one unit). A unit with ``w_i = (0, 0)``
        is the constant ``a_i·ReLU(b_i)`` and has no crease.
    c
        The output bias.

    Examples
    --------
    >>> net = PlaneNet(a=[1.0, -1.0], w=[[1.0, 0.0], [0.0, 1.0]], b=[0.0, 0.0])
    >>> net([1.0, -2.0], [3.0, 0.5])
    array([-2. , -0.5])
    >>> len(net.regions((-1, 1), (-1, 1)))
    4
    """

    a: np.ndarray
    w: np.ndarray
    b: np.ndarray
    c: float = 0.0
    _terms: np.ndarray = field(init=False, repr=False)

    if TYPE_CHECKING:  # the weights are converted in __post_init__: any array_like will do

        def __init__(
            self, a: npt.ArrayLike, w: npt.ArrayLike, b: npt.ArrayLike, c: float = 0.0
        ) -> None: ...

    def __post_init__(self) -> None:
        a = _finite(self.a, "a").reshape(-1)
        b = _finite(self.b, "b").reshape(-1)
        w = _finite(self.w, "w")
        if w.shape == (2,):
            w = w.reshape(1, 2)
        if w.ndim != 2 or w.shape[1] != 2:
            raise ValueError(f"PlaneNet: w must have shape (N, 2), got {w.shape}")
        if not len(a) == len(w) == len(b):
            raise ValueError(
                f"PlaneNet: a, w and b must have the same number of units, got {len(a)}, "
                f"{len(w)} and {len(b)}"
            )
        if np.ndim(self.c) != 0 or not math.isfinite(float(self.c)):
            raise ValueError(f"PlaneNet: c must be a finite scalar, got {self.c!r}")
        # Each unit's contribution to a plane when it is on: a_i·(w_i1, w_i2, b_i).
        with np.errstate(over="ignore", invalid="ignore"):
            terms = a[:, None] * np.column_stack([w, b])
        if not np.all(np.isfinite(terms)):
            raise ValueError("PlaneNet: a_i·w_i and a_i·b_i must be finite float64 numbers")
        for name, value in {
            "a": a,
            "w": w,
            "b": b,
            "c": float(self.c) + 0.0,
            "_terms": terms,
        }.items():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            object.__setattr__(self, name, value)

    @property
    def n_units(self) -> int:
        """The number of hidden units ``N``.

        Examples
        --------
        >>> product_net(3).n_units
        6
        """
        return len(self.a)

    def __len__(self) -> int:
        return len(self.a)

    def __repr__(self) -> str:
        return f"PlaneNet(<{self.n_units} units>, c={self.c!r})"

    def __reduce__(self) -> tuple[type[PlaneNet], tuple[Any, ...]]:
        # Rebuild through __init__ so copies are validated and read-only like the original.
        return (type(self), (self.a, self.w, self.b, self.c))

    @classmethod
    def along(cls, net: ReLUNet, direction: npt.ArrayLike, scale: float = 1.0) -> PlaneNet:
        """The 1-D ``net`` read along ``direction``: ``scale·net(d1·x1 + d2·x2)``.

        Examples
        --------
        >>> ridge = PlaneNet.along(interpolant(np.square, -2, 2, 4), (1.0, 1.0))
        >>> ridge([0.5, 1.0], [0.5, -1.0])
        array([1., 0.])
        """
        d = _finite(direction, "direction")
        if d.shape != (2,):
            raise ValueError(f"PlaneNet.along: direction must have shape (2,), got {d.shape}")
        return cls(scale * net.a, net.w[:, None] * d, net.b, scale * net.c)

    def __add__(self, other: object) -> PlaneNet:
        """The sum of two nets: their units side by side, ``c`` added.

        Examples
        --------
        >>> one = PlaneNet([1.0], [1.0, 0.0], [0.0], c=1.0)
        >>> (one + one)(2.0, 0.0), len(one + one)
        (6.0, 2)
        """
        if not isinstance(other, PlaneNet):
            return NotImplemented
        return PlaneNet(
            np.concatenate([self.a, other.a]),
            np.concatenate([self.w, other.w]),
            np.concatenate([self.b, other.b]),
            self.c + other.c,
        )

    def __call__(self, x1: npt.ArrayLike, x2: npt.ArrayLike) -> float | np.ndarray:
        """Evaluate ``g`` at ``(x1, x2)``, broadcast together; a float for scalars.

        Examples
        --------
        >>> PlaneNet([1.0], [[1.0, 1.0]], [-1.0])(1.5, 0.5)
        1.0
        """
        first, second = np.broadcast_arrays(
            np.asarray(x1, dtype=float), np.asarray(x2, dtype=float)
        )
        flat1, flat2 = first.ravel(), second.ravel()
        values = np.empty(flat1.shape)
        chunk = max(1, _CHUNK_ENTRIES // max(1, self.n_units))
        for start in range(0, len(flat1), chunk):
            part = slice(start, start + chunk)
            z = np.outer(flat1[part], self.w[:, 0]) + np.outer(flat2[part], self.w[:, 1])
            z += self.b
            np.maximum(z, 0.0, out=z)
            values[part] = z @ self.a + self.c
        return float(values[0]) if first.ndim == 0 else values.reshape(first.shape)

    def on_grid(self, x1: npt.ArrayLike, x2: npt.ArrayLike) -> np.ndarray:
        """``g`` on the grid of 1-D arrays ``x1`` × ``x2``, shape ``(len(x2), len(x1))``.

        Along a row ``x2 = y`` the net is the 1-D net ``c + Σ a_i·ReLU(w_i1·x1 + w_i2·y + b_i)``,
        evaluated at all ``x1`` by interpolation: ``O(rows·(N log N + columns))``, not
        ``O(rows·columns·N)``. Rows run along whichever axis has more points; units whose kink
        lies outside a row are one line there. Measured, 256 units on 1000 × 1000 points: 0.4 s
        against 4.5 s point by point; with 16 units the two take the same time.

        Examples
        --------
        >>> PlaneNet([1.0], [[1.0, -1.0]], [0.0]).on_grid([0.0, 1.0, 2.0], [0.0, 1.0])
        array([[0., 1., 2.],
               [0., 0., 1.]])
        """
        xs, ys = _grid_axis(x1, "x1"), _grid_axis(x2, "x2")
        if len(xs) < len(ys):
            # Fewer, longer rows: each row's interpolation setup is the O(N log N) part.
            swapped = PlaneNet(self.a, self.w[:, ::-1], self.b, self.c)
            return swapped.on_grid(ys, xs).T
        grid = np.empty((len(ys), len(xs)))
        if grid.size == 0:
            return grid
        lo, hi = float(xs.min()), float(xs.max())
        for row, y in enumerate(ys):
            grid[row] = self._row(xs, float(y), lo, hi)
        return grid

    def _row(self, xs: np.ndarray, y: float, lo: float, hi: float) -> np.ndarray:
        """``g(xs, y)``: a 1-D net of the units kinked inside ``[lo, hi]``, plus a line."""
        w, b = self.w[:, 0], self.w[:, 1] * y + self.b
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            kinks = -b / w
        # A unit kinked outside the row (or never: w = 0, or -b/w overflows) is affine along
        # it, on or off throughout; its kink would be lost to rounding in the 1-D net.
        bends = (lo <= kinks) & (kinks <= hi)
        straight = ~bends & (w * ((lo + hi) / 2) + b > 0.0)
        slope = float(np.dot(self.a[straight], w[straight]))
        offset = self.c + float(np.dot(self.a[straight], b[straight]))
        return ReLUNet(self.a[bends], w[bends], b[bends], offset)(xs) + slope * xs

    def creases(self, x1_range: Range, x2_range: Range) -> list[tuple[int, np.ndarray]]:
        """Each crease clipped to the rectangle: ``(unit, ends)`` with ``ends`` of shape (2, 2).

        Units with ``w_i = (0, 0)`` and creases that miss the open rectangle are left out;
        a crease along an edge of the rectangle or through a corner only is left out too.

        Examples
        --------
        >>> [(unit, ends.tolist()) for unit, ends in product_net(2).creases((-1, 1), (-1, 1))]
        [(1, [[1.0, -1.0], [-1.0, 1.0]]), (3, [[-1.0, -1.0], [1.0, 1.0]])]
        """
        box = _rectangle(x1_range, x2_range, "PlaneNet.creases")
        normals, offsets, eps = _unit_lines(self.w, self.b, box)
        found = []
        for unit in range(self.n_units):
            normal = normals[unit]
            if normal is None:
                continue
            pieces = _split(box, normal, offsets[unit], eps)
            if pieces is not None:
                positive = pieces[0]
                on_line = np.abs(positive @ normals[unit] + offsets[unit]) <= eps
                ends = positive[on_line]
                found.append((unit, ends[[0, -1]] if len(ends) > 2 else ends))
        return found

    def regions(self, x1_range: Range, x2_range: Range) -> list[Region]:
        """The exact linear regions of ``g`` on ``x1_range × x2_range``.

        The faces of the arrangement of creases inside the rectangle, each a convex polygon
        with the plane of ``g`` on it. Coincident creases count once; every unit with
        ``w_i ≠ 0`` creases, even one with ``a_i = 0`` (the plane is then the same on both
        sides). Refuses more than :data:`MAX_REGION_UNITS` units with creases.

        Examples
        --------
        >>> net = PlaneNet(a=[1.0, 1.0], w=[[1.0, 0.0], [1.0, 0.0]], b=[0.0, -0.5])
        >>> [region.plane.tolist() for region in net.regions((-1, 1), (0, 1))]
        [[0.0, 0.0, 0.0], [2.0, 0.0, -0.5], [1.0, 0.0, 0.0]]
        """
        box = _rectangle(x1_range, x2_range, "PlaneNet.regions")
        creasing = int(np.count_nonzero(np.any(self.w != 0.0, axis=1)))
        if creasing > MAX_REGION_UNITS:
            raise ValueError(
                f"PlaneNet.regions: at most {MAX_REGION_UNITS} units with creases (regions grow "
                f"as N²), got {creasing}; evaluate on a grid with on_grid instead"
            )
        normals, offsets, eps = _unit_lines(self.w, self.b, box)
        # Row k: which units are on in polygon k. Units without a crease are on where b > 0.
        active = np.zeros((1, self.n_units), dtype=bool)
        active[0] = [
            normal is None and bias > 0.0 for normal, bias in zip(normals, self.b, strict=True)
        ]
        faces = _Faces(box, np.array([len(box)]), active)
        for unit in range(self.n_units):
            normal = normals[unit]
            if normal is not None:
                faces = _cut(faces, unit, normal, offsets[unit], eps)
        polygons = np.split(faces.vertices, np.cumsum(faces.sizes)[:-1])
        active = faces.active
        planes = active.astype(float) @ self._terms + np.array([0.0, 0.0, self.c])
        if not np.all(np.isfinite(planes)):
            raise ValueError("PlaneNet.regions: a plane overflows float64; scale the weights down")
        for array in (*polygons, planes, active):
            array.flags.writeable = False
        return [
            Region(vertices, plane, pattern)
            for vertices, plane, pattern in zip(polygons, planes, active, strict=True)
        ]


def product_net(n: int, a: float = 1.0, centre: float = 0.0) -> PlaneNet:
    """``2n`` units whose surface approximates ``x1·x2`` on ``[centre − a, centre + a]²``.

    ``x1·x2 = (u² − v²)/4`` with ``u = x1 + x2`` in ``[2·centre − 2a, 2·centre + 2a]`` and
    ``v = x1 − x2`` in ``[-2a, 2a]``. Each square is the interpolant of ``t²`` on ``n`` equal
    pieces of its range (the 1-D net the Square scene draws), read along ``(1, 1)`` and
    ``(1, −1)``: unit ``k`` of each half is ``ReLU(u − t_k)`` or ``ReLU(v − t_k)``. Both ranges
    are ``4a`` wide, so the max error is :func:`product_error` wherever the square is.

    Examples
    --------
    >>> net = product_net(4, a=1.0)
    >>> net(0.5, -1.0), net(0.25, 0.5)
    (-0.5, 0.125)
    >>> product_net(4, a=1.0, centre=2.0)(2.5, 1.0)
    2.5
    """
    along_sum, along_difference = product_halves(n, a, centre)
    return along_sum + along_difference


def product_halves(n: int, a: float = 1.0, centre: float = 0.0) -> tuple[PlaneNet, PlaneNet]:
    """The two halves of :func:`product_net`: ``≈ (x1 + x2)²/4`` and ``≈ −(x1 − x2)²/4``.

    Examples
    --------
    >>> plus, minus = product_halves(4)
    >>> plus(0.5, 0.5), minus(0.5, 0.5), len(plus)
    (0.25, 0.0, 4)
    """
    a = _half_width(a, "product_net")
    if np.ndim(centre) != 0 or not math.isfinite(float(centre)):
        raise ValueError(f"product_net: centre must be a finite number, got {centre!r}")
    centre = float(centre)
    u_square = interpolant(np.square, 2.0 * (centre - a), 2.0 * (centre + a), n)
    v_square = interpolant(np.square, -2.0 * a, 2.0 * a, n)
    return PlaneNet.along(u_square, (1.0, 1.0), 0.25), PlaneNet.along(v_square, (1.0, -1.0), -0.25)


def product_error(n: int, a: float = 1.0) -> float:
    """The exact max of ``|x1·x2 − product_net(n, a, centre)|`` over its square: ``a²/n²``.

    With ``E(t) = s(t) − t² ∈ [0, h²/4]`` the gap of the square's interpolant ``s`` on pieces of
    width ``h = 4a/n``, the error is ``x1·x2 − g = (E(u) − E(v))/4``, so at most ``h²/16``.
    It is attained: ``E = h²/4`` at a midpoint of a piece and ``0`` at a knot, and the square
    ``|u| + |v| ≤ 2a`` holds a midpoint ``u`` with a knot ``v`` (``v = 0`` when ``n`` is even;
    ``u = 0``, ``v = h/2`` when it is odd). Off centre, ``u`` and its knots move together by
    ``2·centre``, so nothing changes. So the error is ``(4a/n)²/16 = a²/n²`` with
    ``2n`` units, as for ``x²`` on ``[-a, a]`` with ``n`` units, falling as ``1/n²``.

    Examples
    --------
    >>> [product_error(n) for n in (1, 2, 4, 8)]
    [1.0, 0.25, 0.0625, 0.015625]
    """
    a = _half_width(a, "product_error")
    # The closed form, not square_interpolant_error(-2a, 2a, n) / 4 (its value to the last
    # bit): a caption says "= 0.04" for 1/5² only if the number is 0.04 as written.
    return a * a / (n * n)


def cubic_term_net(n: int, a: float = 1.0, centre: float = 0.0) -> tuple[PlaneNet, float]:
    """``3n`` units approximating ``x1²·x2`` on ``[centre − a, centre + a]²``, and a bound on
    the max error.

    ``x1²·x2 = ((x1 + x2)³ − (x1 − x2)³ − 2·x2³)/6``: three cubes, each a function of one
    direction, each the interpolant of ``t³`` on ``n`` equal pieces of its range. The error is
    at most ``(e_u + e_v + 2·e_2)/6`` with ``e`` the three 1-D max errors (:func:`max_error`).

    Examples
    --------
    >>> net, bound = cubic_term_net(8)
    >>> net.n_units, round(float(net(0.5, 0.5)), 3), round(bound, 4)
    (24, 0.125, 0.1231)
    """
    a = _half_width(a, "cubic_term_net")
    if np.ndim(centre) != 0 or not math.isfinite(float(centre)):
        raise ValueError(f"cubic_term_net: centre must be a finite number, got {centre!r}")
    centre = float(centre)
    parts = (
        ((1.0, 1.0), 1.0 / 6.0, 2.0 * (centre - a), 2.0 * (centre + a)),
        ((1.0, -1.0), -1.0 / 6.0, -2.0 * a, 2.0 * a),
        ((0.0, 1.0), -1.0 / 3.0, centre - a, centre + a),
    )
    net, bound = None, 0.0
    for direction, scale, lo, hi in parts:
        cube = interpolant(_cube, lo, hi, n)
        piece = PlaneNet.along(cube, direction, scale)
        net = piece if net is None else net + piece
        bound += abs(scale) * max_error(_cube, cube, lo, hi)
    assert net is not None
    return net, bound


def _cube(t: np.ndarray) -> np.ndarray:
    return np.asarray(t, dtype=float) ** 3


def _finite(value: npt.ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"PlaneNet: {name} must be finite, got {array.tolist()}")
    # Adding 0.0 copies and turns -0.0 into 0.0.
    return array + 0.0


def _half_width(a: float, who: str) -> float:
    if np.ndim(a) != 0 or not (math.isfinite(float(a)) and float(a) > 0.0):
        raise ValueError(f"{who}: a must be a finite number > 0, got {a!r}")
    return float(a)


def _grid_axis(values: npt.ArrayLike, name: str) -> np.ndarray:
    axis = np.asarray(values, dtype=float)
    if axis.ndim != 1:
        raise ValueError(f"PlaneNet.on_grid: {name} must be 1-D, got shape {axis.shape}")
    if not np.all(np.isfinite(axis)):
        raise ValueError(f"PlaneNet.on_grid: {name} must be finite")
    return axis


def _rectangle(x1_range: Range, x2_range: Range, who: str) -> np.ndarray:
    """The rectangle's corners, counter-clockwise from the lower left, shape (4, 2)."""
    bounds = []
    for name, pair in (("x1_range", x1_range), ("x2_range", x2_range)):
        lo, hi = (float(end) for end in np.asarray(pair, dtype=float).reshape(-1)[:2])
        if np.shape(pair) != (2,) or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"{who}: {name} must be (lo, hi) with finite lo < hi, got {pair!r}")
        bounds.append((lo, hi))
    (x_lo, x_hi), (y_lo, y_hi) = bounds
    return np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])


def _unit_lines(
    w: np.ndarray, b: np.ndarray, box: np.ndarray
) -> tuple[list[np.ndarray | None], np.ndarray, float]:
    """Each unit's crease as a unit normal and offset (None without one), and the tolerance."""
    size = float(np.max(np.abs(box)) + np.ptp(box))
    lengths = np.hypot(w[:, 0], w[:, 1])
    normals: list[np.ndarray | None] = []
    offsets = np.zeros(len(w))
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for unit, length in enumerate(lengths):
            offset = b[unit] / length
            # An offset that overflows puts the crease infinitely far: no crease here.
            if length == 0.0 or not math.isfinite(offset):
                normals.append(None)
            else:
                normals.append(w[unit] / length)
                offsets[unit] = offset
    return normals, offsets, _ON_LINE * size


class _Faces(NamedTuple):
    """Convex polygons stored back to back, so a crease tests all their vertices at once."""

    vertices: np.ndarray  # (V, 2), each polygon's vertices counter-clockwise, one after another
    sizes: np.ndarray  # (P,), vertices per polygon
    active: np.ndarray  # (P, N), which units are on in each polygon


def _cut(faces: _Faces, unit: int, normal: np.ndarray, offset: float, eps: float) -> _Faces:
    """Split every polygon the crease crosses; mark the unit on wherever it is positive."""
    starts = np.concatenate(([0], np.cumsum(faces.sizes)[:-1]))
    distances = faces.vertices @ normal + offset
    highest = np.maximum.reduceat(distances, starts)
    lowest = np.minimum.reduceat(distances, starts)
    crossed = (highest > eps) & (lowest < -eps)
    active = faces.active
    # A polygon on one side (or within eps of the crease) takes the side it reaches further.
    active[:, unit] = highest > -lowest
    if not crossed.any():
        return faces
    # A crease crosses O(N) faces (the zone theorem): only those are split one by one.
    vertices = [faces.vertices[np.repeat(~crossed, faces.sizes)]]
    sizes = [faces.sizes[~crossed]]
    rows = [active[~crossed]]
    for k in np.flatnonzero(crossed):
        polygon = slice(starts[k], starts[k] + faces.sizes[k])
        pieces = _split(faces.vertices[polygon], normal, offset, eps, distances[polygon])
        assert pieces is not None  # crossed means both sides hold a vertex beyond eps
        vertices.extend(pieces)
        sizes.append(np.array([len(pieces[0]), len(pieces[1])]))
        pair = np.repeat(active[k : k + 1], 2, axis=0)
        pair[:, unit] = [True, False]
        rows.append(pair)
    return _Faces(np.concatenate(vertices), np.concatenate(sizes), np.concatenate(rows))


def _split(
    polygon: np.ndarray,
    normal: np.ndarray,
    offset: float,
    eps: float,
    distances: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The convex polygon's pieces on the positive and negative side, or None if not crossed.

    Vertices within ``eps`` of the line belong to both pieces; an edge from one strict side to
    the other gets the crossing point, which then also belongs to both.
    """
    d = (polygon @ normal + offset) if distances is None else distances
    if not (d.max() > eps and d.min() < -eps):
        return None
    positive: list[np.ndarray] = []
    negative: list[np.ndarray] = []
    count = len(polygon)
    for here in range(count):
        there = (here + 1) % count
        if d[here] >= -eps:
            positive.append(polygon[here])
        if d[here] <= eps:
            negative.append(polygon[here])
        if (d[here] > eps and d[there] < -eps) or (d[here] < -eps and d[there] > eps):
            t = d[here] / (d[here] - d[there])
            crossing = polygon[here] + t * (polygon[there] - polygon[here])
            positive.append(crossing)
            negative.append(crossing)
    return np.array(positive), np.array(negative)
