"""The handouts: ``handout.pdf`` for students, ``handout-lecturer.pdf`` with the notes.

The student handout has three beats to an A4 page: each beat's last frame, its caption, and
ruled room to write beside it. It leaves out the speaker notes, which hold the questions a
lecturer asks the room ("Ask the room where the kink will be ..."). The lecturer's handout
has a page per beat: the frame, the caption, the times and the notes.

Both print: a dark-theme frame is redrawn in the light theme's colours
(:mod:`~relu_anim.lecture.printframes`), so a page is not a sheet of toner. Drawn with Cairo's
PDF surface (pycairo comes with Manim), so the text is real, selectable text, and each frame
is embedded as a JPEG (the pack's own file when the pack is already light).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cairo
import numpy as np
from PIL import Image

from relu_anim import __version__
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.printframes import recolour
from relu_anim.lecture.text import plain
from relu_anim.render.atomic import write_with

STUDENT_FILE, LECTURER_FILE = "handout.pdf", "handout-lecturer.pdf"
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 48.0
FONT = "DejaVu Sans"
TEXT = (0.10, 0.11, 0.15)
MUTED = (0.38, 0.42, 0.48)
RULE = (0.78, 0.80, 0.84)
BEATS_PER_PAGE = 3  # on the student handout
FRAME_WIDTH = 300.0  # the student handout's frames; the rest of the width is for writing
GAP = 16.0


@dataclass(frozen=True)
class Page:
    """One page: a scene and the beats on it (one beat on the lecturer's handout)."""

    entry: SceneEntry
    beats: tuple[int, ...]
    number: int
    first_of_scene: bool


def pages_of(entries: Sequence[SceneEntry], per_page: int) -> list[Page]:
    """The pages of a handout with ``per_page`` beats a page; each scene starts a page.

    Examples
    --------
    >>> from relu_anim.lecture.beats import Beat, SceneBeats
    >>> from relu_anim.lecture.media import VideoFacts
    >>> beats = tuple(Beat(i, f"b{i}", "", None, i, i + 1.0) for i in range(4))
    >>> entry = SceneEntry("s", 1, "S", beats=SceneBeats("s", "S", "", beats, "b0", 1.0),
    ...                    facts=VideoFacts(854, 480, 15.0, 4.0, "h264", "yuv420p"),
    ...                    frames=("a.jpg",) * 4)
    >>> [page.beats for page in pages_of([entry], 3)]
    [(0, 1, 2), (3,)]
    """
    pages: list[Page] = []
    for entry in entries:
        if not (entry.available and entry.beats is not None and entry.frames):
            continue
        count = len(entry.beats.beats)
        for start in range(0, count, per_page):
            indices = tuple(range(start, min(start + per_page, count)))
            pages.append(Page(entry, indices, len(pages) + 1, start == 0))
    return pages


def print_frame(pack_dir: Path, entry: SceneEntry, index: int) -> bytes:
    """The JPEG a handout shows for beat ``index``: the pack's frame, in the light theme."""
    path = pack_dir / entry.frames[index]
    if entry.theme == "light":
        return path.read_bytes()
    with Image.open(path) as picture:
        rgb = np.asarray(picture.convert("RGB"))
    buffer = io.BytesIO()
    Image.fromarray(recolour(rgb, entry.theme, "light")).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def wrap(context: cairo.Context, text: str, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` in the context's current font."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and context.text_extents(candidate).x_advance > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def _font(context: cairo.Context, size: float, bold: bool = False) -> None:
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(size)


def _lines(
    context: cairo.Context, text: str, width: float, size: float, bold: bool = False
) -> list[str]:
    _font(context, size, bold)
    # Cairo refuses a NUL and a surrogate, and draws other control characters as boxes.
    return wrap(context, plain(text), width)


def _text(
    context: cairo.Context,
    text: str,
    y: float,
    size: float,
    colour: tuple[float, float, float] = TEXT,
    bold: bool = False,
    leading: float = 1.35,
    x: float = MARGIN,
    width: float = PAGE_WIDTH - 2 * MARGIN,
) -> float:
    """Draw wrapped ``text`` from baseline ``y``; return the y below the last line."""
    lines = _lines(context, text, width, size, bold)
    context.set_source_rgb(*colour)
    for line in lines:
        context.move_to(x, y)
        context.show_text(line)
        y += size * leading
    return y


def _image(
    context: cairo.Context, jpeg: bytes, left: float, top: float, width: float, height: float
) -> tuple[float, float]:
    """Draw the JPEG fitted into the box (keeping its shape) from its top left; return its size."""
    with Image.open(io.BytesIO(jpeg)) as picture:
        rgb = np.asarray(picture.convert("RGB"))
    rows, columns, _ = rgb.shape
    bgra = np.empty((rows, columns, 4), dtype=np.uint8)
    bgra[..., :3] = rgb[..., ::-1]  # Cairo's RGB24 is B, G, R, unused on little-endian
    bgra[..., 3] = 255
    surface = cairo.ImageSurface.create_for_data(
        bgra.data, cairo.FORMAT_RGB24, columns, rows, columns * 4
    )
    # With the JPEG attached, the PDF embeds the file itself instead of raw pixels.
    surface.set_mime_data(cairo.MIME_TYPE_JPEG, jpeg)
    scale = min(width / columns, height / rows)
    context.save()
    context.translate(left, top)
    context.scale(scale, scale)
    context.set_source_surface(surface, 0, 0)
    context.paint()
    context.restore()
    context.set_source_rgb(*RULE)
    context.set_line_width(0.75)
    context.rectangle(left, top, columns * scale, rows * scale)
    context.stroke()
    return columns * scale, rows * scale


def _rules(context: cairo.Context, left: float, right: float, top: float, bottom: float) -> None:
    """Ruled lines for the reader's own notes, 22 pt apart."""
    context.set_source_rgb(*RULE)
    context.set_line_width(0.5)
    y = top + 22
    while y <= bottom:
        context.move_to(left, y)
        context.line_to(right, y)
        context.stroke()
        y += 22


def _heading(context: cairo.Context, page: Page) -> float:
    """The scene's heading (and maths, on its first page); return the y below it."""
    entry = page.entry
    y = MARGIN + 8
    if page.first_of_scene:
        y = _text(context, f"{entry.number}. {entry.title}", y + 6, 15, bold=True)
        if entry.maths:
            y = _text(context, entry.maths, y, 10, MUTED)
        return y + 4
    return _text(context, f"{entry.number}. {entry.title} (continued)", y, 10, MUTED)


def _footer(context: cairo.Context, page: Page, which: str) -> None:
    _text(
        context,
        f"relu-anim {__version__} lecture pack · {which} · page {page.number}",
        PAGE_HEIGHT - MARGIN + 14,
        8,
        MUTED,
    )


def _page(context: cairo.Context, page: Page, pack_dir: Path, lecturer: bool) -> None:
    """Draw one page of either handout."""
    if lecturer:
        _lecturer_page(context, page, pack_dir)
    else:
        _student_page(context, page, pack_dir)


def _student_page(context: cairo.Context, page: Page, pack_dir: Path) -> None:
    entry = page.entry
    assert entry.beats is not None
    top = _heading(context, page) + 6
    block = (PAGE_HEIGHT - MARGIN - 10 - top) / BEATS_PER_PAGE
    writing = MARGIN + FRAME_WIDTH + GAP
    for slot, index in enumerate(page.beats):
        beat = entry.beats.beats[index]
        y = top + slot * block
        title_y = _text(context, f"{index + 1}. {beat.title}", y + 12, 11, bold=True)
        caption = _lines(context, beat.caption, FRAME_WIDTH, 9)
        room = y + block - GAP - title_y - len(caption) * 9 * 1.3 - 8
        _, height = _image(
            context, print_frame(pack_dir, entry, index), MARGIN, title_y - 4, FRAME_WIDTH, room
        )
        _text(context, beat.caption, title_y - 4 + height + 13, 9, leading=1.3, width=FRAME_WIDTH)
        _text(context, "Your notes", y + 12, 8, MUTED, x=writing, width=PAGE_WIDTH - writing)
        _rules(context, writing, PAGE_WIDTH - MARGIN, y + 14, y + block - GAP)
    _footer(context, page, "student handout")


def _lecturer_page(context: cairo.Context, page: Page, pack_dir: Path) -> None:
    entry = page.entry
    assert entry.beats is not None
    (index,) = page.beats
    beat = entry.beats.beats[index]
    count = len(entry.beats.beats)
    y = _text(context, f"Scene {entry.number}: {entry.title}", MARGIN + 8, 11, MUTED)
    y = _text(context, f"{beat.index + 1}. {beat.title}", y + 8, 20, bold=True)
    times = f"beat {beat.index + 1} of {count}, {_clock(beat.start)} to {_clock(beat.end)}"
    y = _text(context, times, y - 2, 10, MUTED)
    width = PAGE_WIDTH - 2 * MARGIN
    _, height = _image(context, print_frame(pack_dir, entry, index), MARGIN, y + 4, width, 300)
    y = _text(context, beat.caption, y + 4 + height + 26, 13)
    if beat.notes:
        y = _text(context, f"Notes: {beat.notes}", y + 6, 12, bold=True)
    if index == 0 and entry.maths:
        y = _text(context, entry.maths, y + 6, 12, MUTED)
    _rules(context, MARGIN, PAGE_WIDTH - MARGIN, y + 8, PAGE_HEIGHT - MARGIN - 24)
    _footer(context, page, "lecturer's handout, with the notes")


def _clock(seconds: float) -> str:
    whole = int(seconds + 1e-6)
    return f"{whole // 60}:{whole % 60:02d}"


def write_handout(
    pack_dir: Path, entries: list[SceneEntry], target: Path, lecturer: bool = False
) -> int:
    """Write a handout to ``target`` atomically; return its number of pages.

    ``lecturer=False`` is the student handout (three beats a page, no notes); ``True`` the
    lecturer's (a page per beat, with the notes).
    """
    pages = pages_of(entries, 1 if lecturer else BEATS_PER_PAGE)
    title = "Why a network of ReLUs can draw any curve"

    def draw(partial: Path) -> None:
        surface = cairo.PDFSurface(str(partial), PAGE_WIDTH, PAGE_HEIGHT)
        which = "lecturer's handout" if lecturer else "handout"
        surface.set_metadata(cairo.PDF_METADATA_TITLE, f"{title}: {which}")
        surface.set_metadata(cairo.PDF_METADATA_CREATOR, f"relu-anim {__version__}")
        context = cairo.Context(surface)
        for page in pages:
            _page(context, page, pack_dir, lecturer)
            context.show_page()
        surface.finish()

    write_with(target, draw)
    return len(pages)
