"""Helpers for the lecture-pack tests: stand-in renders, a headless Chromium, the page's steps.

A stand-in render writes what ``relu-anim render`` writes for a scene (video, beats JSON,
one clip per beat) without Manim: solid-colour frames, one colour per beat, so a test can
tell from a decoded frame which beat it belongs to. Real renders are tested separately
(marked ``render``). The browser tests open a pack of three scenes (:func:`stand_in_pack`)
from disk or served (:func:`page_urls`), and wait for a step to end with :func:`settle`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

CHROMIUM = Path("/usr/bin/chromium")
HOWS = ("file", "http.server", "ranges")
#: Every video on the page knows its size and length (and has its stepper).
READY = "() => Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1)"
#: A video at rest: no beat playing, no seek under way, no step waiting for the video.
SETTLED = """(id) => {
    const v = document.getElementById(id);
    return v.paused && !v.seeking && v.stepper.stopAt === null && !v.stepper.pending;
}"""
# Each video counts its stepper's changes (a beat started or ended, a jump, a pause), from the
# moment the page's script gives it its stepper; a step is over when there has been a change
# since the last one and the video is at rest. A step a presenter's window sends arrives as a
# message, later: until it has, nothing has changed.
_COUNT_CHANGES = """Object.defineProperty(HTMLVideoElement.prototype, "stepper", {
    configurable: true,
    get() { return this.countedStepper; },
    set(stepper) {
        this.countedStepper = stepper;
        this.changes = 0;
        this.seenChanges = 0;
        stepper.onChange(() => { this.changes += 1; });
    },
});"""
_STEPPED = """(id) => {
    const v = document.getElementById(id);
    const settled = v.paused && !v.seeking && v.stepper.stopAt === null && !v.stepper.pending;
    if (!settled || v.changes === v.seenChanges) return false;
    v.seenChanges = v.changes;
    return true;
}"""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
COLOURS = [(220, 40, 40), (40, 200, 60), (40, 80, 220), (230, 200, 40), (200, 60, 200)]
SIZE = (160, 96)

#: (name, caption, seconds) of the stand-in beats.
BEATS: tuple[tuple[str, str, float], ...] = (
    ("target", "Our target: the curve y = x² on [0, 2].", 1.2),
    ("one_relu", "A single unit is a ramp <not a curve> & misses.", 1.0),
    ("sweep", "N grows from 1 to 100.", 1.6),
)


def _encode(path: Path, colours: Sequence[tuple[int, int, int]], fps: int) -> None:
    """Encode solid-colour frames (one per entry of ``colours``) as H.264 yuv420p."""
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=Fraction(fps))
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"g": "15"}
        for colour in colours:
            pixels = np.empty((SIZE[1], SIZE[0], 3), dtype=np.uint8)
            pixels[:] = colour
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def fake_render(
    render_dir: Path,
    name: str,
    beats: Sequence[tuple[str, str, float]] = BEATS,
    fps: int = 15,
    poster: int | None = 1,
    clips: bool = True,
    lead_in: bool = False,
    colours: Sequence[tuple[int, int, int]] = COLOURS,
) -> dict:
    """Write ``<name>.mp4``, ``<name>.sections.json`` and ``<name>.beats/`` as a render does.

    Beat ``i`` is filled with ``colours[i]``; ``poster`` is the poster beat's index. With
    ``lead_in`` each beat's first frame still shows the beat before it (black for the first),
    as in a real render, where a beat's first frame is the picture the last one left.
    """
    render_dir.mkdir(parents=True, exist_ok=True)
    record_beats, filled, start_frame = [], [], 0
    clips_dir = render_dir / f"{name}.beats"
    if clips:
        clips_dir.mkdir(exist_ok=True)
    for index, (beat, caption, seconds) in enumerate(beats):
        frames = round(seconds * fps)
        colour = colours[index % len(colours)]
        before = colours[(index - 1) % len(colours)] if index else (0, 0, 0)
        beat_colours = [before] * lead_in + [colour] * (frames - lead_in)
        filled += beat_colours
        record_beats.append(
            {
                "index": index,
                "name": beat,
                "caption": caption,
                "notes": f"Say more about {beat}." if index == 1 else None,
                "start": start_frame / fps,
                "end": (start_frame + frames) / fps,
            }
        )
        if clips:
            _encode(clips_dir / f"{index + 1:02d}-{beat}.mp4", beat_colours, fps)
        start_frame += frames
    _encode(render_dir / f"{name}.mp4", filled, fps)
    poster_beat = record_beats[poster if poster is not None else -1]
    record = {
        "scene": name,
        "title": f"The {name} scene",
        "maths": f"{name}: y = ReLU(x − h)",
        "poster": {"beat": poster_beat["name"], "time": poster_beat["end"]},
        "beats": record_beats,
    }
    (render_dir / f"{name}.sections.json").write_text(json.dumps(record), encoding="utf-8")
    return record


@functools.cache
def chromium_missing() -> str:
    """Why the browser tests cannot run here, or ``""``."""
    if not CHROMIUM.exists():
        return "chromium is not installed (./tasks test installs it: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return ""


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright (its own browser download not needed)."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Python's own file server (``python -m http.server``): it ignores byte ranges."""

    def log_message(self, *args: object) -> None:
        pass


class _Ranges(_Quiet):
    """The same server answering ``Range: bytes=a-b`` with 206, as nginx or Apache do."""

    def send_head(self) -> object:
        wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not wanted or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, last = wanted.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:
            start, end = max(0, size - int(last or 0)), size - 1
        if start > end:
            self.send_error(416)
            return None
        with open(path, "rb") as file:
            file.seek(start)
            body = file.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    """``python -m http.server``'s threading server, but no request outlives it.

    Its request threads are daemons: one still sending a video to a browser that has stopped
    reading it (a reload, a video swapped for its Blob) lives on after the server is shut,
    and when the browser at last closes that connection it prints a traceback. At the end
    of a test session that print races the interpreter's exit, which aborts Python with
    "Fatal Python error: _enter_buffered_busy" (seen once in a lecture test run). Here
    closing the server cuts every open connection and joins every request thread, and a
    connection the browser drops is not reported: browsers do that to videos all the time.
    """

    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: object) -> None:
        self.connections: set[socket.socket] = set()
        self.closing = False
        self.lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: socket.socket, client_address: object) -> None:
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket) -> None:
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: socket.socket, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError) or (self.closing and isinstance(error, OSError)):
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        with self.lock:
            self.closing = True
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        super().server_close()  # joins the request threads


@contextlib.contextmanager
def served(folder: Path, ranges: bool = False) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yield the base URL.

    Without ``ranges`` this is ``python -m http.server``, which answers every request with
    the whole file; with it, byte-range requests get their part (206). On leaving, every
    request still being answered is cut off and its thread joined.
    """
    handler = functools.partial(_Ranges if ranges else _Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def frame_colour(path: Path) -> tuple[int, int, int]:
    """The mean colour of an image file."""
    from PIL import Image

    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=float)
    return tuple(round(v) for v in pixels.reshape(-1, 3).mean(axis=0))


def near(colour: Sequence[int], expected: Sequence[int], tolerance: int = 14) -> bool:
    """Whether two RGB colours agree within ``tolerance`` per channel (H.264 rounds)."""
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def stand_in_pack(
    root: Path,
    beats: Sequence[tuple[str, str, float]] = BEATS,
    fps: int = 15,
    want_slides: bool | None = False,
) -> Path:
    """The pack the browser tests open, built in ``root/pack`` from stand-in renders: Shift and
    Square rendered (``beats`` at ``fps``), Bends failed to render (marked missing)."""
    from relu_anim.lecture import SceneSource, build_pack
    from relu_anim.settings import SceneParams

    render_dir = root / "render"
    for name in ("shift", "square"):
        fake_render(render_dir, name, beats=beats, fps=fps)
    sources = [
        SceneSource("shift", "The shift scene", render_dir, SceneParams(interval=(-3.0, 3.0))),
        SceneSource("bends", "The bends scene", render_dir, error="RuntimeError: boom"),
        SceneSource("square", "The square scene", render_dir, SceneParams(units=100)),
    ]
    build_pack(sources, root / "pack", want_slides=want_slides)
    return root / "pack"


@contextlib.contextmanager
def page_urls(pack: Path) -> Iterator[dict[str, str]]:
    """The pack's page by each of :data:`HOWS`: from disk, over ``python -m http.server`` and
    over a server that answers byte ranges."""
    with served(pack) as plain, served(pack, ranges=True) as ranges:
        yield {
            "file": (pack / "index.html").as_uri(),
            "http.server": plain + "index.html",
            "ranges": ranges + "index.html",
        }


def open_page(page: object, url: str, timeout: float = 15000) -> None:
    """Go to ``url`` and wait until every video is :data:`READY`; its steps are counted for
    :func:`settle` from the start, in this document and any this page loads later."""
    page.add_init_script(_COUNT_CHANGES)
    page.goto(url)
    page.wait_for_function(READY, timeout=timeout)


def settle(page: object, scene: str, timeout: float = 15000) -> None:
    """Wait until the step just asked of ``scene``'s video is over: its stepper has changed
    since the last :func:`settle` and the video is at rest. The page must have been opened
    with :func:`open_page`."""
    page.wait_for_function(_STEPPED, arg=f"video-{scene}", timeout=timeout)
