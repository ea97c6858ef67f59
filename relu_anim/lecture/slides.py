"""Slides: manim-slides presentation configs written from our beats, and ``slides.pptx``.

manim-slides' own ``Slide`` scene class cannot run on Manim 0.22 (it sets
``config.max_files_cached = inf``, which 0.22 rejects), but its presentation config and its
presenter never import Manim. So the pack writes one config per scene,
``slides/<scene>.json``, in manim-slides' layout (file paths relative to the folder above
``slides/``), one slide per beat playing that beat's clip with the beat's notes.

``slides.pptx`` is written here with python-pptx, not by manim-slides' converter: that one
shows each clip's first frame as its poster (the previous beat's end, blank for a scene's
first beat) and writes slides without titles or alt text. Here each scene opens with a title
slide, and each beat's slide has the beat as its title, the beat's clip (playing when the
slide opens) with the beat's own last frame as its poster, alt text saying what the clip
shows, and the beat's speaker notes.

python-pptx is optional (``pip install 'relu-anim[slides]'``); without it the configs are
still written, and ``slides.pptx`` is skipped with a note naming that command.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import plain
from relu_anim.render.atomic import write_text_if_changed, write_with
from relu_anim.theme import theme_named

INSTALL_HINT = "pip install 'relu-anim[slides]'"
CONFIG_DIR = "slides"
EMU_PER_INCH = 914400
#: PowerPoint's widescreen slide, 13.33 in by 7.5 in.
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000
MARGIN = EMU_PER_INCH // 4
TITLE_HEIGHT = EMU_PER_INCH * 9 // 10
TITLE_POINTS = 28
#: The default template's "Title Slide" and "Title Only" layouts.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


class SlidesUnavailableError(RuntimeError):
    """python-pptx is not installed; the message names the command that installs it."""


def slides_available() -> bool:
    """Whether python-pptx can be imported."""
    if "pptx" in sys.modules:  # imported already (its __spec__ may then be None)
        return True
    return importlib.util.find_spec("pptx") is not None


def require_slides() -> None:
    """Raise :class:`SlidesUnavailableError` unless python-pptx is installed."""
    if not slides_available():
        raise SlidesUnavailableError(
            f"slides.pptx needs python-pptx, which is not installed; run: {INSTALL_HINT}"
        )


def presentation_config(entry: SceneEntry) -> dict[str, Any]:
    """manim-slides' presentation config for one scene: a slide per beat, notes included.

    Examples
    --------
    >>> from relu_anim.lecture.beats import Beat, SceneBeats
    >>> from relu_anim.lecture.media import VideoFacts
    >>> beats = SceneBeats("s", "S", "", (Beat(0, "a", "Cap.", None, 0.0, 1.0),), "a", 1.0)
    >>> entry = SceneEntry("s", 1, "S", beats=beats, clips=("s.beats/01-a.mp4",),
    ...                    facts=VideoFacts(854, 480, 15.0, 1.0, "h264", "yuv420p"))
    >>> presentation_config(entry)["slides"][0]["notes"]
    'Cap.'
    """
    assert entry.beats is not None
    assert entry.facts is not None
    slides = [
        {
            "file": clip,
            "rev_file": clip,  # reversed playback is not offered: the same clip
            # PowerPoint's XML takes no control characters (python-pptx writes them as _xHHHH_).
            "notes": plain(beat.speaker_notes),
            "loop": False,
            "auto_next": False,
        }
        for beat, clip in zip(entry.beats.beats, entry.clips, strict=True)
    ]
    return {
        "slides": slides,
        "resolution": [entry.facts.width, entry.facts.height],
        "background_color": theme_named(entry.theme).background,
    }


def write_configs(pack_dir: Path, entries: list[SceneEntry]) -> list[Path]:
    """Write ``slides/<scene>.json`` for every scene with clips; return their paths."""
    written = []
    for entry in entries:
        if entry.available and entry.clips:
            text = json.dumps(presentation_config(entry), indent=2, ensure_ascii=False)
            target = pack_dir / CONFIG_DIR / f"{entry.name}.json"
            write_text_if_changed(target, text + "\n")
            written.append(target)
    return written


def scene_heading(entry: SceneEntry) -> str:
    """A scene's heading on its title slide: its number and title.

    Examples
    --------
    >>> scene_heading(SceneEntry("error_law", 6, "The error falls as 1/N²"))
    '6. The error falls as 1/N²'
    """
    return f"{entry.number}. {entry.title or entry.name}"


def beat_heading(index: int, title: str) -> str:
    """A beat's slide title: its number in the scene and its name as a title.

    Examples
    --------
    >>> beat_heading(1, "One ReLU")
    '2. One ReLU'
    """
    return f"{index + 1}. {title}"


def video_alt_text(entry: SceneEntry, index: int) -> str:
    """Alt text of a beat's video: where it stands, and what it shows (its caption).

    Examples
    --------
    >>> from relu_anim.lecture.beats import Beat, SceneBeats
    >>> beats = SceneBeats("s", "S", "", (Beat(0, "a", "A ramp.", None, 0.0, 1.0),), "a", 1.0)
    >>> video_alt_text(SceneEntry("s", 1, "Shift", beats=beats), 0)
    'Video, beat 1 of 1 of “Shift”: A ramp.'
    """
    assert entry.beats is not None
    beat = entry.beats.beats[index]
    count = len(entry.beats.beats)
    return f"Video, beat {index + 1} of {count} of “{entry.title}”: {beat.caption}"


def write_pptx(pack_dir: Path, entries: list[SceneEntry], target: Path) -> Path:
    """Write ``slides.pptx``: per scene a title slide, then a slide per beat playing its clip.

    Each beat's slide shows its clip with the beat's last frame (``entry.frames``) as the
    poster, so the slide sorter, a printout and a PDF export show what the beat ends on.

    Raises
    ------
    SlidesUnavailableError
        When python-pptx is not installed.
    """
    require_slides()
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    for entry in entries:
        if entry.available and entry.clips and entry.frames:
            _scene_slides(deck, pack_dir, entry)
    return write_with(target, lambda partial: deck.save(str(partial)))


def _scene_slides(deck: Any, pack_dir: Path, entry: SceneEntry) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    assert entry.beats is not None
    assert entry.facts is not None
    theme = theme_named(entry.theme)
    background = RGBColor.from_string(theme.background.lstrip("#").upper())
    ink = RGBColor.from_string(theme.text.lstrip("#").upper())

    def themed(slide: Any) -> None:
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = background
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = ink

    opening = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    opening.shapes.title.text = scene_heading(entry)
    count = len(entry.beats.beats)
    about = f"{entry.name.replace('_', ' ').capitalize()}: {count} beats"
    opening.placeholders[1].text = "\n".join(filter(None, [about, plain(entry.maths)]))
    _place(
        opening.shapes.title, MARGIN, SLIDE_HEIGHT // 4, SLIDE_WIDTH - 2 * MARGIN, 2 * TITLE_HEIGHT
    )
    _place(
        opening.placeholders[1],
        MARGIN,
        SLIDE_HEIGHT // 4 + 2 * TITLE_HEIGHT,
        SLIDE_WIDTH - 2 * MARGIN,
        2 * TITLE_HEIGHT,
    )
    themed(opening)

    # The video fills the slide below the title, keeping its aspect ratio, centred.
    room_w, room_h = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - TITLE_HEIGHT - 2 * MARGIN
    scale = min(room_w / entry.facts.width, room_h / entry.facts.height)
    width, height = round(entry.facts.width * scale), round(entry.facts.height * scale)
    left, top = (SLIDE_WIDTH - width) // 2, TITLE_HEIGHT + MARGIN + (room_h - height) // 2
    for beat, clip, frame in zip(entry.beats.beats, entry.clips, entry.frames, strict=True):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        title = slide.shapes.title
        title.text = beat_heading(beat.index, beat.title)
        _place(title, MARGIN, MARGIN // 2, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(TITLE_POINTS)
        movie = slide.shapes.add_movie(
            str(pack_dir / clip),
            left,
            top,
            width,
            height,
            poster_frame_image=str(pack_dir / frame),
            mime_type="video/mp4",
        )
        movie.name = f"Beat {beat.index + 1} video"
        movie._element.nvPicPr.cNvPr.set("descr", video_alt_text(entry, beat.index))
        _play_on_entry(slide, movie)
        slide.notes_slide.notes_text_frame.text = beat.speaker_notes
        themed(slide)


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _play_on_entry(slide: Any, movie: Any) -> None:
    """Start the movie when its slide opens (python-pptx's timing waits for a click)."""
    (target,) = slide._element.xpath(f'.//p:timing//p:video//p:spTgt[@spid="{movie.shape_id}"]')
    media = target.getparent().getparent()  # p:cMediaNode, holding the play condition
    media.xpath(".//p:cond", namespaces=_NS)[0].set("delay", "0")
