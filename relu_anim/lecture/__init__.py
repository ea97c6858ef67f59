"""The lecture pack: an offline page, captions, chapters, slides and a handout per scene.

``relu-anim lecture`` renders what is missing (through :mod:`relu_anim.render.batch`) and then calls
:func:`build_pack`. One module per job:

- :mod:`~relu_anim.lecture.beats`: a render's beats, read from ``<scene>.sections.json``;
- :mod:`~relu_anim.lecture.captions`: WebVTT captions and chapters, SRT;
- :mod:`~relu_anim.lecture.media`: faststart remux, stream facts, frames (PyAV, no re-encode);
- :mod:`~relu_anim.lecture.companion`: the sliders' data, from the numeric core;
- :mod:`~relu_anim.lecture.page`: ``index.html`` and its script and stylesheet;
- :mod:`~relu_anim.lecture.slides`: manim-slides presentation configs and ``slides.pptx``;
- :mod:`~relu_anim.lecture.handout`: ``handout.pdf``;
- :mod:`~relu_anim.lecture.pack`: all of it, skipping what is up to date;
- every file is written under a temporary name, then renamed (:mod:`relu_anim.render.atomic`).
"""

from __future__ import annotations

from relu_anim.lecture.pack import PackResult, SceneSource, build_pack
from relu_anim.lecture.slides import INSTALL_HINT, SlidesUnavailableError, slides_available

__all__ = [
    "INSTALL_HINT",
    "PackResult",
    "SceneSource",
    "SlidesUnavailableError",
    "build_pack",
    "slides_available",
]
