"""The two-input scene: every face drawn is an exact region, captions state the core's numbers.

Heights are checked against the net's defining sum (``PlaneNet.__call__``), not the regions'
planes, and the 3-D view against a projection rebuilt here from rotation matrices; region
counts against activation patterns on a grid, errors against dense sampling.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import assert_storyboard

from relu_anim.captions.two_inputs import TwoInputsCaptions, at_most, linear_form, number
from relu_anim.drawing.layout import Panel
from relu_anim.drawing.surface import Projection, SurfaceView, TopView
from relu_anim.numeric.two_inputs import TwoInputsStory
from relu_anim.settings import SceneParams
from relu_anim.theme import MIN_TEX_FONT

pytestmark = pytest.mark.xdist_group("two_inputs")

BEATS = ["question", "crease", "regions", "squares", "product", "error", "taylor"]
OTHER = SceneParams(units=3, interval=(0.0, 2.0))
# Builds besides the default one; tests/test_drawn.py checks their faces too.
BUILDS = {"square_0_2": OTHER}


@pytest.fixture(scope="module")
def scene(build_scene):
    return build_scene("two_inputs")


@pytest.fixture(scope="module")
def other(build_scene):
    return build_scene("two_inputs", OTHER)


def views(scene, beat, kind):
    return [(view, drawn) for view, drawn in scene.recorded[beat]["surfaces"] if type(view) is kind]


def expected_projection(points: np.ndarray, view: Projection, azimuth: float) -> np.ndarray:
    """Screen points: scale about the box's middle, turn about the vertical by ``azimuth``,
    then tilt about the screen's horizontal by the elevation (rotation matrices)."""
    scaled = (points - np.array(view.middle)) * [view.scale, view.scale, view.z_scale]
    c, s = math.cos(azimuth), math.sin(azimuth)
    turn = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    e = view.elevation
    tilt = np.array(
        [[1.0, 0.0, 0.0], [0.0, math.cos(e), -math.sin(e)], [0.0, math.sin(e), math.cos(e)]]
    )
    seen = scaled @ turn.T @ tilt.T
    return np.column_stack([seen[:, 0] + view.centre[0], seen[:, 2] + view.centre[1]])


def grid_patterns(net, domain, size=701):
    """The distinct activation patterns on a slightly shifted grid inside the square."""
    lo, hi = domain
    axis = np.linspace(lo, hi, size)[1:-1] + 1.7e-5 * (hi - lo)
    x1, x2 = (part.ravel() for part in np.meshgrid(axis, axis))
    on = (np.outer(x1, net.w[:, 0]) + np.outer(x2, net.w[:, 1]) + net.b) > 0
    return {row.tobytes() for row in np.packbits(on, axis=1)}


def storyboard_captions(scene) -> dict[str, str]:
    """Check the beats, the length and every beat's layout; return the captions by beat."""
    assert_storyboard(scene, BEATS, shortest=40, longest=90)
    for beat in BEATS:
        assert scene.recorded[beat]["layout"] == []
    return {beat.name: beat.caption for beat in scene.beats}


def test_beats_captions_and_length(scene) -> None:
    captions = storyboard_captions(scene)
    # ReLU(x1 + 0.5·x2 − 0.25): its ramp rises |w| = √1.25 = 1.118… per unit across the crease.
    assert "ReLU(x1 + 0.5·x2 − 0.25)" in captions["crease"]
    assert "rising 1.12 per unit" in captions["crease"]
    assert "4 creases cut the square into 9 polygons" in captions["regions"]
    assert "8 ReLUs along x1 + x2 approximate (x1 + x2)²/4" in captions["squares"]
    # 2N = 16 units; on [-1, 1]², a = 1 and a²/N² = 1/64 = 0.015625.
    assert "16 units, 40 flat pieces" in captions["product"]
    assert "1²/8² ≈ 0.0156" in captions["product"]
    assert "1 at N = 1, 0.25 at N = 2, 0.0625 at N = 4, 0.0156 at N = 8" in captions["error"]
    assert "Twice the units, a quarter of the error" in captions["error"]
    assert "24 units come within 0.13" in captions["taylor"]


def test_every_face_is_an_exact_region_lifted_and_projected(scene) -> None:
    checked = 0
    for beat in BEATS:
        for view, drawn in views(scene, beat, SurfaceView):
            regions = view.net.regions(view.domain, view.domain)
            assert len(drawn) == len(regions) == len(view.faces)
            for region, corners in zip(regions, drawn, strict=True):
                x1, x2 = region.vertices.T
                # Heights from the net's defining sum, not from the region's plane.
                lifted = np.column_stack([x1, x2, view.net(x1, x2)])
                expected = expected_projection(lifted, view.projection, view.azimuth)
                np.testing.assert_allclose(corners[:, :2], expected, rtol=0, atol=1e-9)
                checked += 1
            # Painted far to near: the floor first, then every face once, each with its creases.
            assert view.submobjects[0] is view.base
            painted = sorted(map(id, view.submobjects[1:]))
            assert painted == sorted(map(id, [*view.faces, *view.crease_lines]))
            # Every crease edge lies on a unit's line, at the net's height, drawn where its
            # ends project; together they run along every crease inside the square.
            w, b = view.net.w, view.net.b
            drawn_length = 0.0
            # A face's crease edges are one stroke, a straight segment (four points) each.
            segments = [
                part for line in view.crease_lines for part in line.points.reshape(-1, 4, 3)
            ]
            for ends, segment in zip(view.crease_ends(), segments, strict=True):
                x1, x2 = ends[:, 0], ends[:, 1]
                on = np.abs(np.outer(x1, w[:, 0]) + np.outer(x2, w[:, 1]) + b) < 1e-9
                assert on.all(axis=0).any()
                np.testing.assert_allclose(ends[:, 2], view.net(x1, x2), atol=1e-9)
                expected = expected_projection(ends, view.projection, view.azimuth)
                drawn = segment[[0, 3], :2]
                np.testing.assert_allclose(drawn, expected, atol=1e-9)
                drawn_length += float(np.hypot(*(ends[1, :2] - ends[0, :2])))
            creases = view.net.creases(view.domain, view.domain)
            crease_length = sum(float(np.hypot(*(e[1] - e[0]))) for _, e in creases)
            # Each stretch of crease is an edge of the faces on both sides of it.
            assert drawn_length == pytest.approx(2 * crease_length, rel=1e-9)
    assert checked >= 1 + 2 + 9 + 8 + 40 + 72


def test_the_top_view_draws_the_regions_and_creases(scene) -> None:
    for beat in BEATS:
        ((view, drawn),) = views(scene, beat, TopView)
        net, domain = view.net, view.domain
        regions = net.regions(domain, domain)
        assert len(drawn) == len(regions)
        area = 0.0
        for region, corners in zip(regions, drawn, strict=True):
            np.testing.assert_allclose(view.from_screen(corners), region.vertices, atol=1e-9)
            area += region.area
        assert area == pytest.approx((domain[1] - domain[0]) ** 2, rel=1e-12)
        # Neighbours (sharing an edge) are shaded differently.
        opacity = [face.get_fill_opacity() for face in view.faces]
        for i, first in enumerate(regions):
            for j in range(i + 1, len(regions)):
                shared = _shared_vertices(first.vertices, regions[j].vertices)
                if shared >= 2:
                    assert opacity[i] != opacity[j], (beat, i, j)
        # Each crease drawn lies on its unit's line and ends on the square's boundary.
        assert len(view.creases) == len(net.creases(domain, domain))
        for (unit, _), line in zip(net.creases(domain, domain), view.creases, strict=True):
            ends = view.from_screen(np.array([line.get_start(), line.get_end()]))
            assert np.abs(ends @ net.w[unit] + net.b[unit]).max() < 1e-9
            on_edge = np.isclose(ends, domain[0], atol=1e-9) | np.isclose(
                ends, domain[1], atol=1e-9
            )
            assert on_edge.any(axis=1).all()


def _shared_vertices(first: np.ndarray, second: np.ndarray) -> int:
    return int(np.sum(np.min(np.linalg.norm(first[:, None] - second[None], axis=2), axis=1) < 1e-9))


def test_region_counts_are_the_activation_patterns(scene) -> None:
    for beat in BEATS[1:]:
        ((view, _),) = views(scene, beat, TopView)
        assert scene.shown[beat]["regions"] == len(grid_patterns(view.net, view.domain))
        assert scene.shown[beat]["units"] == view.net.n_units
    assert [scene.shown[beat]["regions"] for beat in BEATS[1:4]] == [2, 9, 8]


def test_the_product_and_its_error_as_shown(scene) -> None:
    shown = scene.shown["product"]
    assert (shown["n"], shown["units"], shown["regions"]) == (8, 16, 40)
    ((view, _),) = views(scene, "product", SurfaceView)
    # Measured on a grid of step a/(4N) (where the worst points lie), against x1·x2 itself.
    axis = np.linspace(-1.0, 1.0, 8 * 8 + 1)
    x1, x2 = np.meshgrid(axis, axis)
    measured = np.max(np.abs(x1 * x2 - view.net(x1, x2)))
    assert measured == pytest.approx(1 / 64, rel=1e-12)
    assert shown["max_error"] == pytest.approx(measured, rel=1e-12)
    # The error beat ends where the sweep ends: the same N.
    assert scene.shown["error"] == shown


def test_the_cubic_bound_shown_holds(scene) -> None:
    shown = scene.shown["taylor"]
    ((view, _),) = views(scene, "taylor", SurfaceView)
    assert (shown["n"], shown["units"]) == (8, 24)
    axis = np.linspace(-1.0, 1.0, 801)
    x1, x2 = np.meshgrid(axis, axis)
    measured = np.max(np.abs(x1**2 * x2 - view.net(x1, x2)))
    assert measured <= shown["max_error"] < 4 * measured


def test_another_square_and_unit_count(other) -> None:
    """units = 3 on [0, 2]²: N = 1, 2, 3, so no 'twice the units'; a = 1, error 1/9."""
    captions = storyboard_captions(other)
    assert "on [0, 2]²" in captions["product"]
    assert "6 units" in captions["product"]
    assert "1²/3² ≈ 0.111" in captions["product"]
    assert "1 at N = 1, 0.25 at N = 2, 0.111 at N = 3" in captions["error"]
    assert "Twice" not in captions["error"]
    # The single unit's crease still crosses the square: moved with it, not left at [-1, 1]².
    ((top, _),) = views(other, "crease", TopView)
    assert len(top.creases) == 1
    assert other.shown["crease"]["regions"] == 2
    ((view, _),) = views(other, "product", SurfaceView)
    axis = np.linspace(0.0, 2.0, 8 * 3 + 1)
    x1, x2 = np.meshgrid(axis, axis)
    assert np.max(np.abs(x1 * x2 - view.net(x1, x2))) == pytest.approx(1 / 9, rel=1e-12)
    assert other.shown["product"]["max_error"] == pytest.approx(1 / 9, rel=1e-12)
    assert other.shown["product"]["regions"] == len(grid_patterns(view.net, (0.0, 2.0)))


@pytest.mark.parametrize("z_range", [(0.0, 1.0), (-1.0, 1.0), (-1e-14, 1e-14), (5.0, 5e6)])
def test_the_view_stays_in_its_panel_at_every_azimuth(z_range) -> None:
    panel = Panel(-6.0, 0.5, -3.0, 2.5)
    view = Projection.fit(panel, (-2.0, 4.0), z_range)
    corners = np.array(
        [[x, y, z] for x in (-2.0, 4.0) for y in (-2.0, 4.0) for z in z_range], dtype=float
    )
    for azimuth in np.linspace(0, 2 * math.pi, 73):
        screen = view.project(corners, azimuth)
        assert panel.holds(
            (screen[:, 0].min(), screen[:, 0].max(), screen[:, 1].min(), screen[:, 1].max())
        )
    # The box's middle is the panel's centre; straight up in the box is straight up on screen.
    middle = view.project(np.array([view.middle]), 0.7)[0]
    np.testing.assert_allclose(middle[:2], panel.center[:2], atol=1e-12)
    above = np.array([[view.middle[0], view.middle[1], view.middle[2] + 1.0]])
    up = view.project(above, 0.7)[0] - middle
    assert abs(up[0]) < 1e-12
    assert up[1] > 0


@pytest.mark.parametrize(
    "domain", [(-1.0, 1.0), (0.0, 2.0), (-1e4, 1e4), (9999.0, 10000.0), (1e-3, 2e-3), (-7.5, -2.0)]
)
@pytest.mark.parametrize("units", [1, 2, 3, 5, 16])
def test_every_caption_states_its_numbers_for_any_square_and_n(domain, units) -> None:
    """What the captions say, re-derived here for squares and N the CLI accepts."""
    story = TwoInputsStory.build(domain, units)
    words = TwoInputsCaptions(story)
    lo, hi = domain
    a = (hi - lo) / 2
    # The single unit's crease still crosses the square, the four units still make 9 pieces.
    assert len(story.one.creases(domain, domain)) == 1
    assert len(grid_patterns(story.several, domain, 301)) == 9
    assert "4 creases cut the square into 9 polygons" in words.regions()
    slope = float(np.hypot(*story.one.w[0]))
    assert f"rising {slope:.3g} per unit" in words.crease()
    product = story.product
    assert product.n_units == 2 * units
    pieces = len(grid_patterns(product, domain, 401))
    assert f"{2 * units} units, {pieces} flat pieces" in words.product()
    # The error: a²/N² by hand (stated to 3 digits), attained on the grid of step a/(4N), up
    # to the rounding of values as large as hi².
    relation, stated = words.product().split(f"= {a:.3g}²/{units}² ")[1].rstrip(".").split()
    assert float(stated) == pytest.approx(a**2 / units**2, rel=2e-3)
    # "=" only when the printed number is the error itself (1/64 is not 0.0156).
    assert relation == ("=" if float(stated) == a**2 / units**2 else "≈")
    axis = np.linspace(lo, hi, 8 * units + 1)
    x1, x2 = np.meshgrid(axis, axis)
    measured = np.max(np.abs(x1 * x2 - product.on_grid(axis, axis)))
    rounding = 1e-14 * max(1.0, lo**2, hi**2) * 2 * units
    assert measured == pytest.approx(a**2 / units**2, rel=1e-9, abs=rounding)
    for n, error in zip(story.counts, story.errors, strict=True):
        assert error == pytest.approx(a**2 / n**2, rel=1e-12)
        shown = words.error().split(f" at N = {n}")[0].split(" ")[-1]
        assert float(shown) == pytest.approx(a**2 / n**2, rel=2e-3)
    assert ("Twice the units" in words.error()) == (units in (2, 16))
    # The cubic's bound holds on a grid and is stated rounded up.
    cubic_axis = np.linspace(lo, hi, 20 * units + 1)
    x1, x2 = np.meshgrid(cubic_axis, cubic_axis)
    cubic_error = np.max(np.abs(x1**2 * x2 - story.cubic.on_grid(cubic_axis, cubic_axis)))
    stated = float(words.taylor().split("come within ")[1].split(" of it")[0])
    assert cubic_error <= stated * (1 + 1e-9)
    assert f"{3 * units} units" in words.taylor()


def test_caption_numbers() -> None:
    assert linear_form((1.0, 0.5), -0.25) == "x1 + 0.5·x2 − 0.25"
    assert linear_form((-2.0, 0.0), 0.0) == "−2·x1"
    assert number(-0.0) == "0"
    assert number(2 / 3) == "0.667"
    assert number(-1e-20) == "-1e-20"
    for value in (0.12311655, 0.13, 9.99e-5, 1234.5, 7.0):
        shown = float(at_most(value))
        assert value <= shown <= value * 1.1 + 1e-300


def test_last_frame(scene, golden_frame) -> None:
    golden_frame(scene.renderer.get_frame())


def test_readouts_print_what_the_numbers_mean() -> None:
    """a²/N² is 1, 0.25, 0.0625 exactly and 1/64 = 0.015625 to three digits (not 0.2500);
    counts are whole; the cubic's bound keeps its two rounded-up digits after ≤."""
    from relu_anim.drawing.two_inputs import Readouts, Row

    rows = [Row("n", "N"), Row("max_error", r"\max|x_1x_2 - g|", digits=3)]
    ranges = {"n": [1.0, 8.0], "max_error": [1.0, 0.25, 0.0625, 0.015625]}
    readouts = Readouts(rows, Panel(0.0, 4.0, 0.0, 2.0), ranges).set_values(
        {"n": 1.0, "max_error": 1.0}
    )
    seen = []
    for n, error in ((1, 1.0), (2, 0.25), (4, 0.0625), (8, 0.015625)):
        readouts.change({"n": float(n), "max_error": error})
        number = readouts.numbers["max_error"]
        seen.append(
            (
                f"{readouts.numbers['n'].get_value():.{readouts.numbers['n'].num_decimal_places}f}",
                readouts.shown["max_error"][0],
                f"{number.get_value():.{number.num_decimal_places}f}",
            )
        )
        assert number.get_value() == error
    assert seen == [
        ("1", "=", "1"),
        ("2", "=", "0.25"),
        ("4", "=", "0.0625"),
        ("8", "≈", "0.0156"),
    ]
    bound = Readouts(
        [Row("max_error", "e", digits=2, bound=True)],
        Panel(0.0, 4.0, 0.0, 1.0),
        {"max_error": [0.13]},
    ).set_values({"max_error": 0.13})
    number = bound.numbers["max_error"]
    assert (bound.shown["max_error"][0], f"{number.get_value():.{number.num_decimal_places}f}") == (
        "≤",
        "0.13",
    )
    # Nothing was scaled below the smallest readable size.
    assert readouts.size >= MIN_TEX_FONT


def test_the_3d_view_is_added_last(scene) -> None:
    """Manim redraws every mobject from the first moving one on: the turning surface must be
    last, or the whole side panel (a top view of as many faces) is redrawn every frame."""
    drawn = [mob for mob in scene.mobjects if mob.family_members_with_points()]
    surfaces = [mob for mob in drawn if isinstance(mob, SurfaceView)]
    assert len(surfaces) == 1
    # (A hold leaves Manim's empty Wait mobject after it, which draws nothing.)
    assert drawn[-1] is surfaces[0]
