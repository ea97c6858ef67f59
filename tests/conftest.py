"""Shared fixtures: build scenes with animations skipped, and compare golden last frames.

Golden frames follow Manim's own idea (npz control data, ``--set_test`` rewrites them), but
without ``frames_comparison``: that decorator skips every Cairo test when the system cairo is
older than 1.18, and Debian 12 ships 1.16, so it would assert nothing here.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

CONTROL_DATA = Path(__file__).parent / "control_data"

# Same tolerances as Manim's frame tester: off-by-one channel values are rounding noise, and a
# handful of anti-aliased pixels may differ across library builds.
FRAME_ABSOLUTE_TOLERANCE = 1.01
FRAME_MISMATCH_RATIO_TOLERANCE = 1e-4

TEST_SETTINGS = {
    "frame_rate": 15,
    "write_to_movie": False,
    "save_last_frame": False,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "WARNING",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--set_test",
        action="store_true",
        help="Rewrite the golden frames in tests/control_data instead of comparing with them.",
    )


def _media_dir(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Manim's media folder for builds: one per xdist worker, kept between runs when it can be.

    TeX is most of a cold build (Neuron: 10 s cold, 2.5 s with its formulas typeset), and
    Manim names each typeset formula by a hash of its whole .tex file, so a kept folder can
    only ever give the formula asked for. One folder per worker, locked for the session: two
    processes never typeset into the same file (a second pytest run at the same time gets a
    fresh folder). What an interrupted run left half-written is discarded first.
    """
    from relu_anim.render.interrupt import discard_partial_tex

    # Outside the repository: pip builds the wheel from the checkout (tests/test_wheel.py)
    # while other workers typeset, and Manim deletes its TeX scratch files as it goes. Beside
    # pytest's own per-user temporary folders, which it creates private to this user.
    base = tmp_path_factory.getbasetemp()
    user_root = next((p for p in base.parents if p.name.startswith("pytest-of-")), None)
    if user_root is None:  # --basetemp given: no shared root to keep a cache in
        return tmp_path_factory.mktemp("media")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    media = user_root / f"relu-anim-media-{worker}"
    media.mkdir(exist_ok=True)
    lock = open(media / ".lock", "a")  # noqa: SIM115 -- held until the session ends
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return tmp_path_factory.mktemp("media")
    config.add_cleanup(lock.close)
    discard_partial_tex(media / "Tex")
    return media


@pytest.fixture(scope="session")
def build_scene(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., object]]:
    """Return ``build(scene_name, params=None, aspect="16:9")``: the scene after a full run,
    animations skipped.

    The scene's ``construct`` runs to the end (updaters included) but no frame is encoded;
    its final frame is in ``scene.renderer.get_frame()``. At the end of every beat a hook
    records what is on screen in ``scene.recorded[beat_name]``: every NetCurve's net, x-range
    and drawn vertices (read back through the axes) and the ``id`` of its axes, the layout problems
    (:func:`relu_anim.drawing.layout_problems`), the texts a curve crosses and the largest
    empty share of the frame (:mod:`relu_anim.drawing.frame_use`). Builds are shared by every
    test in a worker (treat them as read-only), and so is the media folder, so TeX typesets
    each formula once.
    """
    from manim import tempconfig

    from relu_anim.catalog import scene_named
    from relu_anim.render.scene import load_scene_class
    from relu_anim.settings import frame_size

    media = str(_media_dir(pytestconfig, tmp_path_factory))
    built: dict[tuple[str, object, str], object] = {}

    def build(name: str, params: object = None, aspect: str = "16:9") -> object:
        if (name, params, aspect) not in built:
            size = frame_size("l", aspect)
            # Small and fast, but large enough that every label is still drawn.
            pixels = {
                "pixel_width": size["pixel_width"] * 3 // 8,
                "pixel_height": size["pixel_height"] * 3 // 8,
            }
            settings = {**TEST_SETTINGS, **size, **pixels, "media_dir": media}
            scene_class = load_scene_class(scene_named(name))
            with tempconfig(settings):
                scene = scene_class(params=params, skip_animations=True)
                scene.recorded = {}
                scene.beat_hooks.append(record_beat)
                watch_static_mobjects(scene)
                scene.render()
            built[name, params, aspect] = scene
        return built[name, params, aspect]

    return build


def watch_static_mobjects(scene: object) -> None:
    """Record in ``scene.stale_static`` every mobject a play changes after Manim has painted it
    as static.

    Manim paints the mobjects that are neither animated nor updated into a background once per
    play; one moved by another mobject's updater (a marker following a curve) stays where it was
    on every frame of the play, and is right again at the play's end, so an end-of-beat check
    cannot see it. Each entry is ``(beat name, mobject class name)``.
    """
    scene.stale_static = []
    play_internal = scene.play_internal

    def look(mobject: object) -> list[np.ndarray]:
        parts = [mobject.points]
        parts += [
            getattr(mobject, name)
            for name in ("fill_rgbas", "stroke_rgbas")
            if hasattr(mobject, name)
        ]
        return [np.array(part, copy=True) for part in parts]

    def checked_play_internal(skip_rendering: bool = False) -> None:
        before = [(mobject, look(mobject)) for mobject in scene.static_mobjects]
        play_internal(skip_rendering)
        beat = scene._open_beat[0] if scene._open_beat else None
        for mobject, seen in before:
            now = look(mobject)
            if len(now) != len(seen) or not all(
                np.array_equal(a, b) for a, b in zip(now, seen, strict=True)
            ):
                scene.stale_static.append((beat, type(mobject).__name__))

    scene.play_internal = checked_play_internal


def record_beat(scene: object, beat: object) -> None:
    """What is on screen at the end of ``beat``, for the tests."""
    from relu_anim.drawing import NetCurve, layout_problems, vertices_on_axes
    from relu_anim.drawing.frame_use import largest_empty_share, text_crossings
    from relu_anim.drawing.surface import SurfaceView, TopView, corners
    from relu_anim.drawing.text_size import small_texts

    on_screen = [mob for top in scene.mobjects for mob in top.get_family()]
    shown = [mob for mob in on_screen if isinstance(mob, NetCurve)]
    curves = [(mob.net, mob.x_range, vertices_on_axes(mob)) for mob in shown]
    # Two-input nets: each view with the corners of its faces (in region order) as drawn now.
    surfaces = [
        (mob, [corners(face).copy() for face in mob.faces])
        for mob in on_screen
        if isinstance(mob, SurfaceView | TopView)
    ]
    scene.recorded[beat.name] = {
        "curves": curves,
        "curve_axes": [id(mob.axes) for mob in shown],
        "surfaces": surfaces,
        "layout": layout_problems(scene.mobjects, scene.layout.frame),
        "crossings": text_crossings(scene.mobjects),
        "empty": largest_empty_share(scene.mobjects, scene.layout.frame),
        "small": small_texts(scene.mobjects, scene.layout.frame),
        "shown": scene.shown_now(),
    }


def assert_storyboard(scene: object, names: list[str], shortest: float = 40, longest: float = 90):
    """Assert the scene's beats are ``names`` in order, captioned, back to back, and the whole
    video lasts between ``shortest`` and ``longest`` seconds."""
    beats = scene.beats
    assert [beat.name for beat in beats] == names
    for beat in beats:
        assert beat.caption.strip()
        assert beat.end > beat.start
    for before, after in pairwise(beats):
        assert after.start == pytest.approx(before.end)
    assert shortest <= beats[-1].end <= longest


def family(scene: object) -> list[object]:
    """Every mobject on screen at the end of ``scene``, submobjects included."""
    return [mob for top in scene.mobjects for mob in top.get_family()]


def net_curves(scene: object) -> list[object]:
    """Every NetCurve on screen at the end of ``scene``, wherever it is nested."""
    from relu_anim.drawing import NetCurve

    return [mob for mob in family(scene) if isinstance(mob, NetCurve)]


def assert_drawn_exactly(curve: object) -> None:
    """Assert the drawn vertices, read back through the axes, are the net's polyline (1e-9)."""
    from relu_anim.drawing import vertices_on_axes

    xs, ys = vertices_on_axes(curve)
    expected_xs, expected_ys = curve.net.polyline(*curve.x_range)
    np.testing.assert_allclose(xs, expected_xs, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ys, expected_ys, rtol=0, atol=1e-9)


def golden_frame_path(request: pytest.FixtureRequest, suffix: str = "") -> Path:
    """``control_data/<module>/<test>[-<params>][-<suffix>].npz``, named after the test id.

    ``tests/test_scene_shift.py::test_golden_last_frame[light]`` keeps its frame in
    ``control_data/scene_shift/golden_last_frame-light.npz``.
    """
    module = request.path.stem.removeprefix("test_")
    parts = [request.node.originalname.removeprefix("test_")]
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None:
        parts.append(callspec.id)
    if suffix:
        parts.append(suffix)
    # Parameter ids may hold ":" or "/" (an aspect such as 16:9); keep file names portable.
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))
    return CONTROL_DATA / module / f"{name}.npz"


def frame_diff_image(expected: np.ndarray, actual: np.ndarray, mismatched: np.ndarray) -> object:
    """Expected | actual | difference, side by side, as a PIL image.

    The difference panel is the expected frame dimmed, with every mismatched pixel in red.
    """
    from PIL import Image

    def rgb(frame: np.ndarray) -> np.ndarray:
        return frame[..., :3] if frame.ndim == 3 else np.repeat(frame[..., None], 3, axis=2)

    difference = rgb(expected) // 4
    bad = mismatched if mismatched.ndim == 2 else mismatched.any(axis=2)
    difference[bad] = (255, 0, 0)
    gap = np.full((expected.shape[0], 4, 3), 128, dtype=np.uint8)
    return Image.fromarray(np.hstack([rgb(expected), gap, rgb(actual), gap, difference]))


@pytest.fixture
def golden_frame(request: pytest.FixtureRequest) -> Callable[..., None]:
    """Return ``check(frame, suffix="")``: compare ``frame`` with the test's golden frame.

    The file is named after the test id (see :func:`golden_frame_path`); ``suffix`` tells
    apart several frames of one test. With ``--set_test`` the golden frame is written instead
    (and the test still passes). On a mismatch, ``<name>-diff.png`` (expected | actual |
    difference in red) is written into the test's ``tmp_path`` and named in the failure.
    """

    def check(frame: np.ndarray, suffix: str = "") -> None:
        path = golden_frame_path(request, suffix)
        shown = path.relative_to(CONTROL_DATA.parent)
        if request.config.getoption("--set_test"):
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(path, frame_data=frame)
            return
        assert path.exists(), f"no golden frame {shown}; run pytest with --set_test once"
        with np.load(path) as data:
            expected = data["frame_data"]
        assert frame.shape == expected.shape, (
            f"{shown}: frame shape {frame.shape} != {expected.shape}"
        )
        mismatched = ~np.isclose(frame, expected, atol=FRAME_ABSOLUTE_TOLERANCE)
        ratio = mismatched.mean()
        if ratio <= FRAME_MISMATCH_RATIO_TOLERANCE:
            return
        diff_png = request.getfixturevalue("tmp_path") / f"{path.stem}-diff.png"
        frame_diff_image(expected, frame, mismatched).save(diff_png)
        pytest.fail(
            f"{shown}: {ratio:.3%} of pixel values differ from the golden frame (expected | "
            f"actual | difference: {diff_png}); if the change is intended, rewrite it with "
            "pytest --set_test",
            pytrace=False,
        )

    return check


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """A headless Chromium for a module's browser tests (skipped where there is none)."""
    from lecture_support import browser

    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def urls(pack: Path) -> Iterator[dict[str, str]]:
    """The module's ``pack`` page from disk and served (see ``lecture_support.page_urls``)."""
    from lecture_support import page_urls

    with page_urls(pack) as found:
        yield found


def without_manim(folder: Path) -> dict[str, str]:
    """This process's environment, but importing Manim fails: a run that renders cannot
    succeed in it. A run with nothing to do is fast because it imports neither Manim nor a
    scene (bench/render.py and bench/lecture.py time it against a cold run)."""
    blocker = folder / "no-manim" / "manim"
    blocker.mkdir(parents=True, exist_ok=True)
    (blocker / "__init__.py").write_text('raise ImportError("this run imported Manim")\n')
    path = os.pathsep.join(p for p in (str(blocker.parent), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def relu_anim_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``relu-anim ARGS`` run in ``cwd`` as a lecturer runs it (this interpreter, a new
    process), its output captured; ``env`` replaces the environment (see :func:`without_manim`)."""
    command = [sys.executable, "-m", "relu_anim.cli", *args]
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout
    )
