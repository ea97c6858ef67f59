"""Every scene: each curve on screen at each beat's end is its net's polyline, as computed.

A NetCurve's vertices are read back through its axes (``vertices_on_axes``) and compared with
``net.polyline`` on the curve's range: what is drawn is what relu_anim.numeric computed.
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from conftest import net_curves

from relu_anim.catalog import scene_names


def _builds() -> list[object]:
    """Every scene's default build, and the other builds its own test module makes (its
    ``BUILDS``): the same shared objects, on the same xdist worker (--dist loadgroup)."""
    found = []
    for name in scene_names():
        try:
            module = importlib.import_module(f"test_scene_{name}")
        except ModuleNotFoundError:
            module = None
        builds = {"default": None, **getattr(module, "BUILDS", {})}
        found += [
            pytest.param(name, params, marks=pytest.mark.xdist_group(name), id=f"{name}-{label}")
            for label, params in builds.items()
        ]
    return found


# The scenes that are about a curve: each shows one at some beat; these at their last frame.
DRAW_CURVES = {
    "activations",
    "bends",
    "depth",
    "error_law",
    "neuron",
    "shift",
    "square",
    "symmetric",
    "training",
}
LAST_FRAME_CURVE = {"bends", "neuron"}


def assert_polyline(xs: np.ndarray, ys: np.ndarray, net: object, x_range: tuple) -> None:
    """``(xs, ys)`` is ``net``'s polyline on ``x_range``: x to 1e-9; y to 1e-9 and, for the
    small values of a log axis (error_law), to 1e-12 plus 1e-9 of the value."""
    expected_xs, expected_ys = net.polyline(*x_range)
    np.testing.assert_allclose(xs, expected_xs, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ys, expected_ys, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ys, expected_ys, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("scene", "params"), _builds())
def test_every_curve_drawn_equals_computed(build_scene, scene, params) -> None:
    from relu_anim.drawing import vertices_on_axes

    built = build_scene(scene, params)
    assert built.recorded, "no beat was recorded"
    seen = 0
    for beat, recorded in built.recorded.items():
        for net, x_range, (xs, ys) in recorded["curves"]:
            try:
                assert_polyline(xs, ys, net, x_range)
            except AssertionError as error:
                raise AssertionError(f"beat {beat}: {error}") from None
            seen += 1
    # The last frame too, whatever was added after the last beat ended.
    last = net_curves(built)
    if scene in LAST_FRAME_CURVE:
        assert last, "no curve in the last frame"
    for curve in last:
        assert_polyline(*vertices_on_axes(curve), curve.net, curve.x_range)
        seen += 1
    if scene in DRAW_CURVES:
        assert seen > 0, "no curve was drawn"


@pytest.mark.parametrize(("scene", "params"), _builds())
def test_every_two_input_face_drawn_is_a_region(build_scene, scene, params) -> None:
    """A two-input net's faces (3-D view or top view) at each beat's end are its exact
    regions: the top view's corners map back to the region's vertices, the 3-D view's are the
    region's vertices lifted by the net's own sum and projected."""
    from relu_anim.drawing.surface import SurfaceView

    built = build_scene(scene, params)
    for beat, recorded in built.recorded.items():
        for view, drawn in recorded.get("surfaces", []):
            regions = view.net.regions(view.domain, view.domain)
            assert len(drawn) == len(regions), f"beat {beat}"
            for region, corners in zip(regions, drawn, strict=True):
                x1, x2 = region.vertices.T
                if isinstance(view, SurfaceView):
                    lifted = np.column_stack([x1, x2, view.net(x1, x2)])
                    expected = view.projection.project(lifted, view.azimuth)
                    np.testing.assert_allclose(corners, expected, rtol=0, atol=1e-9)
                else:
                    back = view.from_screen(corners)
                    np.testing.assert_allclose(back, region.vertices, rtol=0, atol=1e-9)
