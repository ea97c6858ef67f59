"""The presenter view: ``presenter.html``, a second window a lecturer keeps beside the page.

It shows where the lecture stands, what the next press plays, the beats' notes (the page
itself has none), their key frames and an overview of every beat; ``presenter.js`` keeps it in
step with the page through ``postMessage`` and a ``BroadcastChannel``. It is the lecturer's,
not the students': the SCORM package leaves it out.
"""

from __future__ import annotations

import html

from relu_anim import __version__
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.page import TITLE, embedded_json, template
from relu_anim.lecture.text import fill

__all__ = ["PRESENTER", "PRESENTER_ASSETS", "render_presenter"]

#: The presenter view (it holds the speaker notes) and its script: the lecturer's, not the
#: students' (a page rendered without "presenter" in its extras has no button for it).
PRESENTER = "presenter.html"
PRESENTER_ASSETS = ("presenter.js",)


def render_presenter(entries: list[SceneEntry]) -> str:
    """The HTML of the presenter view: a second window kept in step with the page.

    It holds the beats' notes (the page itself does not), their key frames and an overview
    of every beat; ``presenter.js`` talks to the page through ``postMessage`` and a
    ``BroadcastChannel``.
    """
    e = html.escape
    shown = [entry for entry in entries if entry.available and entry.beats]
    scenes = []
    overview = []
    for entry in shown:
        assert entry.beats is not None
        beats = entry.beats.beats
        scenes.append(
            {
                "name": entry.name,
                "number": entry.number,
                "title": entry.title,
                "beats": [
                    {
                        "title": beat.title,
                        "caption": beat.caption,
                        "notes": beat.notes or "",
                        "frame": entry.frames[beat.index] if entry.frames else "",
                        "start": beat.start,
                        "end": beat.end,
                    }
                    for beat in beats
                ],
            }
        )
        items = "\n".join(
            f'<li><button type="button" data-scene="{e(entry.name)}" data-beat="{beat.index}">'
            + (
                f'<img src="{e(entry.frames[beat.index])}" alt="" loading="lazy" '
                f'width="{entry.facts.width if entry.facts else 640}" '
                f'height="{entry.facts.height if entry.facts else 360}">'
                if entry.frames
                else ""
            )
            + f"<span>{beat.index + 1}. {e(beat.title)}</span></button></li>"
            for beat in beats
        )
        overview.append(
            f"<h2>{entry.number}. {e(entry.title)}</h2>\n"
            f'<ol class="overview-beats">\n{items}\n</ol>'
        )
    filled = {
        "generator": e(f"relu-anim {__version__}"),
        "title": e(TITLE),
        "overview": "\n".join(overview),
        "data": embedded_json({"scenes": scenes}),
    }
    return fill(template(PRESENTER), filled)
