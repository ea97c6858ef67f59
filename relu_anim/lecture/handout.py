"""``handout.pdf``: one A4 page per beat with its key frame, caption and room for notes.

Drawn with Cairo's PDF surface (pycairo comes with Manim), so the text is real, selectable
text and the frames are embedded as the JPEG files the pack already holds, not re-encoded.
"""

from __future__ import annotations

from pathlib import Path

import cairo
import numpy as np
from PIL import Image

from relu_anim import __version__
from relu_anim.lecture.files import write_with
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import plain

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 48.0
FONT = "DejaVu Sans"
TEXT = (0.10, 0.11, 0.15)
MUTED = (0.38, 0.42, 0.48)
RULE = (0.82, 0.84, 0.87)


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


def _text(
    context: cairo.Context,
    text: str,
    y: float,
    size: float,
    colour: tuple[float, float, float] = TEXT,
    bold: bool = False,
    leading: float = 1.35,
) -> float:
    """Draw wrapped ``text`` from baseline ``y``; return the y below the last line."""
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(size)
    context.set_source_rgb(*colour)
    # Cairo refuses a NUL and a surrogate, and draws other control characters as boxes.
    for line in wrap(context, plain(text), PAGE_WIDTH - 2 * MARGIN):
        context.move_to(MARGIN, y)
        context.show_text(line)
        y += size * leading
    return y


def _image(context: cairo.Context, path: Path, top: float) -> float:
    """Draw the JPEG at ``path`` across the text width from ``top``; return its bottom."""
    with Image.open(path) as picture:
        rgb = np.asarray(picture.convert("RGB"))
    height, width, _ = rgb.shape
    bgra = np.empty((height, width, 4), dtype=np.uint8)
    bgra[..., :3] = rgb[..., ::-1]  # Cairo's RGB24 is B, G, R, unused on little-endian
    bgra[..., 3] = 255
    surface = cairo.ImageSurface.create_for_data(
        memoryview(bgra), cairo.FORMAT_RGB24, width, height, width * 4
    )
    # With the JPEG attached, the PDF embeds the file itself instead of raw pixels.
    surface.set_mime_data(cairo.MIME_TYPE_JPEG, path.read_bytes())
    scale = (PAGE_WIDTH - 2 * MARGIN) / width
    context.save()
    context.translate(MARGIN, top)
    context.scale(scale, scale)
    context.set_source_surface(surface, 0, 0)
    context.paint()
    context.restore()
    bottom = top + height * scale
    context.set_source_rgb(*RULE)
    context.set_line_width(0.75)
    context.rectangle(MARGIN, top, PAGE_WIDTH - 2 * MARGIN, height * scale)
    context.stroke()
    return bottom


def _page(context: cairo.Context, entry: SceneEntry, index: int, pack_dir: Path, page: int) -> None:
    assert entry.beats is not None
    beat = entry.beats.beats[index]
    count = len(entry.beats.beats)
    y = MARGIN + 8
    heading = f"Scene {entry.number}, {entry.name.capitalize()}: {entry.title}"
    y = _text(context, heading, y, 11, MUTED)
    y = _text(context, f"{beat.index + 1}. {beat.title}", y + 8, 20, bold=True)
    times = f"beat {beat.index + 1} of {count}, {_clock(beat.start)} to {_clock(beat.end)}"
    y = _text(context, times, y - 2, 10, MUTED)
    y = _image(context, pack_dir / entry.frames[index], y + 4) + 26
    y = _text(context, beat.caption, y, 13)
    if beat.notes:
        y = _text(context, f"Notes: {beat.notes}", y + 6, 11, MUTED)
    if index == 0 and entry.maths:
        y = _text(context, entry.maths, y + 6, 12, MUTED)
    # Ruled lines for the reader's own notes.
    context.set_source_rgb(*RULE)
    context.set_line_width(0.5)
    line_y = y + 30
    while line_y < PAGE_HEIGHT - MARGIN - 24:
        context.move_to(MARGIN, line_y)
        context.line_to(PAGE_WIDTH - MARGIN, line_y)
        context.stroke()
        line_y += 24
    _text(
        context,
        f"relu-anim {__version__} lecture pack · page {page}",
        PAGE_HEIGHT - MARGIN + 14,
        8,
        MUTED,
    )


def _clock(seconds: float) -> str:
    whole = int(seconds + 1e-6)
    return f"{whole // 60}:{whole % 60:02d}"


def write_handout(pack_dir: Path, entries: list[SceneEntry], target: Path) -> int:
    """Write the handout to ``target`` atomically; return its number of pages."""
    pages = [
        (entry, index)
        for entry in entries
        if entry.available and entry.beats is not None and entry.frames
        for index in range(len(entry.beats.beats))
    ]

    def draw(partial: Path) -> None:
        surface = cairo.PDFSurface(str(partial), PAGE_WIDTH, PAGE_HEIGHT)
        surface.set_metadata(cairo.PDF_METADATA_TITLE, "Why a network of ReLUs can draw any curve")
        surface.set_metadata(cairo.PDF_METADATA_CREATOR, f"relu-anim {__version__}")
        context = cairo.Context(surface)
        for number, (entry, index) in enumerate(pages, start=1):
            _page(context, entry, index, pack_dir, number)
            context.show_page()
        surface.finish()

    write_with(target, draw)
    return len(pages)
