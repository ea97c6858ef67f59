"""Slides: manim-slides presentation configs written from our beats, and ``slides.pptx``.

manim-slides' own ``Slide`` scene class cannot run on Manim 0.22 (it sets
``config.max_files_cached = inf``, which 0.22 rejects), but its presentation config and its
converters never import Manim. So the pack writes one config per scene,
``slides/<scene>.json``, in manim-slides' layout (file paths relative to the folder above
``slides/``), one slide per beat playing that beat's clip with the beat's notes. The same
configs open in manim-slides' presenter and feed its PowerPoint converter.

manim-slides is optional (``pip install 'relu-anim[slides]'``); without it the configs are
still written, and ``slides.pptx`` is skipped with a note naming that command.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

from relu_anim.lecture.files import write_text_if_changed, write_with
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import plain
from relu_anim.theme import theme_named

INSTALL_HINT = "pip install 'relu-anim[slides]'"
CONFIG_DIR = "slides"
#: Slides are 1280 "pixels" wide (13.33 in, PowerPoint's widescreen); height from the video.
SLIDE_WIDTH = 1280


class SlidesUnavailableError(RuntimeError):
    """manim-slides is not installed; the message names the command that installs it."""


def slides_available() -> bool:
    """Whether manim-slides (and with it python-pptx) can be imported."""
    if "manim_slides" in sys.modules:  # imported already (its __spec__ may then be None)
        return True
    return importlib.util.find_spec("manim_slides") is not None


def require_slides() -> None:
    """Raise :class:`SlidesUnavailableError` unless manim-slides is installed."""
    if not slides_available():
        raise SlidesUnavailableError(
            f"slides.pptx needs manim-slides, which is not installed; run: {INSTALL_HINT}"
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
    assert entry.beats is not None and entry.facts is not None
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


def write_pptx(pack_dir: Path, configs: list[Path], target: Path) -> Path:
    """Convert the presentation configs into ``target`` with manim-slides' PowerPoint converter.

    Raises
    ------
    SlidesUnavailableError
        When manim-slides is not installed.
    """
    require_slides()
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import PowerPoint

    presentations = [PresentationConfig.from_file(path) for path in configs]
    width, height = presentations[0].resolution
    converter = PowerPoint(
        presentation_configs=presentations,
        width=SLIDE_WIDTH,
        height=max(1, round(SLIDE_WIDTH * height / width)),
    )

    def convert(partial: Path) -> None:
        # The converter draws tqdm progress bars on stderr; the pack reports its own progress.
        with contextlib.redirect_stderr(io.StringIO()):
            converter.convert_to(partial)

    return write_with(target, convert)
