"""The lecture page: ``index.html`` with its stylesheet and script, all offline.

The HTML is written here, in storyboard order; the script (``templates/lecture.js``) only adds
behaviour: captions from the cues embedded in the page (through the TextTrack API, because
browsers refuse ``<track src>`` from ``file://``), beat stepping, chapter seeking and the
companions' sliders. Nothing is fetched, so the page works from a USB stick and from a server.
The lecturer's presenter view is :mod:`relu_anim.lecture.presenter`'s.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

from relu_anim import __version__
from relu_anim.lecture.model import SceneEntry
from relu_anim.lecture.text import fill
from relu_anim.narration.say import readable

TITLE = "Why a network of ReLUs can draw any curve"
LEAD = (
    "Short videos, each told in beats. Step through a video beat by beat in class, switch on "
    "captions, jump to a beat from its list, and try the sliders under Shift and Square. "
    "Everything here works offline, straight from this folder."
)
ASSETS = ("lecture.css", "lecture.js")


def template(name: str) -> str:
    """The text of a file in ``relu_anim/lecture/templates``."""
    return resources.files("relu_anim.lecture").joinpath("templates", name).read_text("utf-8")


def clock(seconds: float) -> str:
    """``m:ss`` for a time in the video.

    Examples
    --------
    >>> clock(0.0), clock(65.4), clock(600)
    ('0:00', '1:05', '10:00')
    """
    whole = int(seconds + 1e-6)
    return f"{whole // 60}:{whole % 60:02d}"


def render_page(entries: list[SceneEntry], extras: dict[str, str]) -> str:
    """The HTML of the lecture page."""
    e = html.escape
    contents = "\n".join(
        f'<li><a href="#scene-{e(entry.name)}">{e(entry.title)}</a>'
        + ("" if entry.available else " (missing)")
        + "</li>"
        for entry in entries
    )
    scenes = "\n".join(
        scene_html(entry, extras) if entry.available else missing_html(entry) for entry in entries
    )
    available = sum(entry.available for entry in entries)
    footer = (
        f"{available} of {len(entries)} scenes. Made by relu-anim {__version__}: "
        "every curve and number comes from its tested numeric core."
    )
    if extras:
        listed = ", ".join(f'<a href="{e(path)}">{e(path)}</a>' for path in extras.values())
        footer_html = e(footer) + f" Also in this folder: {listed}."
    else:
        footer_html = e(footer)
    filled = {
        "generator": e(f"relu-anim {__version__}"),
        "title": e(TITLE),
        "lead": e(LEAD),
        "contents": contents,
        "scenes": scenes,
        "footer": footer_html,
        "presenter": (
            '<button type="button" id="presenter-open">Presenter view</button>'
            if "presenter" in extras
            else ""
        ),
        "data": embedded_json(page_data(entries)),
    }
    # One pass over the template: a "{{data}}" in a caption must stay text, not take the data.
    return fill(template("index.html"), filled)


def embedded_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no ``</script>`` or ``<!--``
    can form, and so are U+2028 and U+2029, which older JavaScript reads as line ends.
    Outside strings JSON has none of these characters, so the escapes change no value.

    Examples
    --------
    >>> embedded_json({"a": "</script>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for raw in "<>&\u2028\u2029":
        text = text.replace(raw, f"\\u{ord(raw):04x}")
    return text


def page_data(entries: list[SceneEntry]) -> dict[str, Any]:
    """What the page's script needs: each scene's beats, frame rate and companion data."""
    scenes = []
    for entry in entries:
        record: dict[str, Any] = {"name": entry.name, "available": entry.available}
        if entry.available and entry.beats and entry.facts:
            record.update(
                fps=entry.facts.fps,
                duration=entry.facts.duration,
                beats=[
                    {
                        "name": beat.name,
                        "title": beat.title,
                        "caption": beat.caption,
                        "cues": [[cue.start, cue.end, cue.text] for cue in beat.cues],
                        "start": beat.start,
                        "end": beat.end,
                    }
                    for beat in entry.beats.beats
                ],
                companion=entry.companion,
            )
        scenes.append(record)
    return {"scenes": scenes}


def scene_html(entry: SceneEntry, extras: dict[str, str]) -> str:
    """One scene: video, beats, maths, companion and the "use it in your lecture" block."""
    assert entry.beats is not None
    assert entry.facts is not None
    e = html.escape
    name = e(entry.name)
    beats = "\n".join(
        f'<li><button type="button" data-beat="{beat.index}" data-start="{beat.start!r}">'
        f'<span class="beat-head"><span class="beat-time">{clock(beat.start)}</span>'
        f"<span>{beat.index + 1}. {e(beat.title)}</span></span>"
        f'<span class="beat-caption">{e(beat.caption)}</span></button></li>'
        for beat in entry.beats.beats
    )
    maths = f'<p class="maths">{e(entry.maths)}</p>' if entry.maths else ""
    mute = ""
    if narrated(entry):
        mute = '<button type="button" class="sound-toggle" aria-pressed="false">Mute</button>\n'
    video = (
        f'<video id="video-{name}" controls preload="metadata" playsinline tabindex="0" '
        f'width="{entry.facts.width}" height="{entry.facts.height}" '
        f'poster="{e(entry.files["poster"])}" '
        f'aria-label="{e(entry.title)} (video, {len(entry.beats.beats)} beats)" '
        f'aria-describedby="keys-help">\n'
        f'<source src="{e(entry.files["video"])}" type="video/mp4">\n'
        f"<p>Your browser cannot play this video here; open "
        f'<a href="{e(entry.files["video"])}">{e(entry.files["video"])}</a>.</p>\n'
        "</video>"
    )
    return f"""<section class="scene" id="scene-{name}" data-scene="{name}" \
aria-labelledby="title-{name}">
<h2 id="title-{name}">{entry.number}. {e(entry.title)}</h2>
<div class="player" data-scene="{name}">
<figure class="video">
{video}
<p class="caption-line" hidden></p>
<figcaption>{maths}
<div class="video-tools">
<button type="button" class="step-back" aria-label="Back one beat">◀ Back</button>
<button type="button" class="step-next" aria-label="Play the next beat">Next beat ▶</button>
<span class="where"></span>
<button type="button" class="captions-toggle" aria-pressed="false">Captions</button>
{mute}<button type="button" class="fullscreen">Full screen</button>
</div>
<p class="status" role="status" aria-live="polite"></p>
</figcaption>
</figure>
<nav class="beats" aria-label="Beats of {name}">
<h3>Beats</h3>
<ol>
{beats}
</ol>
</nav>
</div>
{transcript_html(entry)}
{companion_html(entry)}
{use_html(entry, extras)}
</section>"""


def narrated(entry: SceneEntry) -> bool:
    """Whether the scene's video speaks (its render had a voice)."""
    return entry.beats is not None and any(b.said is not None for b in entry.beats.beats)


def transcript_html(entry: SceneEntry) -> str:
    """The scene's captions, or what is said when it is narrated, in order with their times:
    to read, search and jump from.

    Each time is a button that stands the video at that beat, as the beat list does.
    """
    assert entry.beats is not None
    e = html.escape
    lines = "\n".join(
        f'<li><button type="button" class="transcript-time" data-beat="{beat.index}" '
        f'aria-label="Go to beat {beat.index + 1}, at {clock(beat.start)}">'
        f"{clock(beat.start)}</button> "
        f'<span class="transcript-text"><strong>{e(beat.title)}.</strong> '
        f"{e(beat.caption if beat.said is None else readable(beat.said))}</span></li>"
        for beat in entry.beats.beats
    )
    what = "what is said, with its times" if narrated(entry) else "the captions with their times"
    return f"""<details class="transcript" id="transcript-{e(entry.name)}">
<summary>Transcript: {what}</summary>
<ol>
{lines}
</ol>
<p class="transcript-files">The same as <a href="{e(entry.files["captions"])}">WebVTT</a> and \
<a href="{e(entry.files["srt"])}">SRT</a> captions.</p>
</details>"""


def missing_html(entry: SceneEntry) -> str:
    """A scene that is not in the pack: say so, and how to find out why."""
    e = html.escape
    name = e(entry.name)
    reason = f" ({e(entry.error)})" if entry.error else ""
    return f"""<section class="scene missing" id="scene-{name}" data-scene="{name}" \
data-missing="true" aria-labelledby="title-{name}">
<h2 id="title-{name}">{entry.number}. {e(entry.title)}</h2>
<div class="missing-note" role="note"><strong>Missing from this pack:</strong> the scene
did not render{reason}. Run <code>relu-anim render {name} -v</code> to see why, then
<code>relu-anim lecture</code> again.</div>
</section>"""


def companion_html(entry: SceneEntry) -> str:
    """The companion's static frame: plot, axes, ticks and slider; the script fills it in."""
    data = entry.companion
    if not data:
        return ""
    e = html.escape
    name = e(entry.name)
    plot, colours = data["plot"], data["colours"]
    (x0, x1), (y0, y1) = plot["x"], plot["y"]
    ox, oy = plot["origin"]
    stroke = 'vector-effect="non-scaling-stroke"'
    grid = "".join(
        f'<line x1="{x0!r}" y1="{t["value"]!r}" x2="{x1!r}" y2="{t["value"]!r}"/>'
        for t in plot["yTicks"]
    ) + "".join(
        f'<line x1="{t["value"]!r}" y1="{y0!r}" x2="{t["value"]!r}" y2="{y1!r}"/>'
        for t in plot["xTicks"]
    )
    target = ""
    if data.get("target"):
        xs, ys = data["target"]["x"], data["target"]["y"]
        points = " ".join(f"{x!r},{y!r}" for x, y in zip(xs, ys, strict=True))
        target = (
            f'<polyline class="target" points="{points}" fill="none" '
            f'stroke="{colours["target"]}" stroke-width="7" stroke-linejoin="round" {stroke}/>'
        )
    ticks = "".join(
        f'<span class="tick x" style="left: {t["at"]}%">{e(t["label"])}</span>'
        for t in plot["xTicks"]
    ) + "".join(
        f'<span class="tick y" style="bottom: {t["at"]}%">{e(t["label"])}</span>'
        for t in plot["yTicks"]
    )
    legend_items = []
    for role, text in data["legend"].items():
        colour = colours["target"] if role == "target" else colours["curve"]
        legend_items.append(
            f'<li class="legend-{e(role)}"><span class="swatch" style="background: {colour}">'
            f'</span><span class="legend-text">{e(text)}</span></li>'
        )
    # A net of two inputs is drawn from above: its regions, then its creases (the script
    # fills both), in a square plot so that angles are as in the video.
    regions, shape = "", ""
    if plot.get("square"):
        regions = (
            f'<g class="regions" fill="{colours["curve"]}"></g>'
            f'<g class="creases" stroke="{colours["unit"]}" stroke-width="2.5" {stroke}></g>\n'
        )
        shape = " square"
    steps = data["steps"]
    return f"""<div class="companion" id="companion-{name}" data-scene="{name}">
<h3>{e(data["title"])}</h3>
<div class="companion-body">
<div class="plot" style="background: {colours["background"]}; color: {colours["muted"]}">
<div class="plot-area{shape}">
<svg class="plot-svg" viewBox="{plot["viewBox"]}" preserveAspectRatio="none" role="img" \
aria-labelledby="plot-label-{name}">
<title id="plot-label-{name}">{e(data["title"])}: the curve for the value on the slider</title>
<g transform="scale(1,-1)">
<g class="grid" stroke="{colours["muted"]}" stroke-opacity="0.25" stroke-width="1" {stroke}>\
{grid}</g>
<line class="axis" x1="{x0!r}" y1="{oy!r}" x2="{x1!r}" y2="{oy!r}" \
stroke="{colours["muted"]}" stroke-width="1.5" {stroke}/>
<line class="axis" x1="{ox!r}" y1="{y0!r}" x2="{ox!r}" y2="{y1!r}" \
stroke="{colours["muted"]}" stroke-width="1.5" {stroke}/>
{target}
{regions}<polyline class="approximation" points="" fill="none" stroke="{colours["curve"]}" \
stroke-width="3.5" stroke-linejoin="round" {stroke}/>
<g class="dots" stroke="{colours["highlight"]}" stroke-width="10" stroke-linecap="round"></g>
</g>
</svg>
{ticks}
</div>
</div>
<div class="slider">
<label for="slider-{name}">{e(data["slider"])}: <output id="value-{name}"></output></label>
<input type="range" id="slider-{name}" min="0" max="{len(steps) - 1}" step="1" \
value="{data["initial"]}">
<p class="companion-shows" aria-live="polite"></p>
<dl class="readouts"></dl>
<ul class="legend">{"".join(legend_items)}</ul>
</div>
</div>
</div>"""


def use_html(entry: SceneEntry, extras: dict[str, str]) -> str:
    """File names, an embed snippet for a learning platform, and the poster with alt text."""
    e = html.escape
    files = entry.files
    items = [
        (files["video"], "the video (H.264, streams from a web server)"),
        (files["captions"], "captions (WebVTT)"),
        (files["chapters"], "chapters, one per beat (WebVTT)"),
        (files["srt"], "captions (SRT, for PowerPoint, YouTube, editors)"),
        (files["poster"], "poster image"),
        (files["sections"], "the beats with their times (JSON)"),
    ]
    if entry.clips:
        clips_dir = str(Path(entry.clips[0]).parent)
        items.append((clips_dir + "/", "each beat as its own clip, with its key frame"))
    if "companion" in files:
        items.append((files["companion"], "the slider's numbers (JSON)"))
    if "slides" in extras:
        items.append((extras["slides"], "PowerPoint: a slide per beat, notes included"))
    if "handout" in extras:
        items.append((extras["handout"], "students' handout: frames, captions, room to write"))
    if "lecturer_handout" in extras:
        items.append((extras["lecturer_handout"], "lecturer's handout, with the notes"))
    if "scorm" in extras:
        items.append((extras["scorm"], "SCORM 1.2 package: upload this one file instead"))
    listing = "\n".join(
        f'<li><a href="{e(path)}"><code>{e(path)}</code></a>: {e(what)}</li>'
        for path, what in items
    )
    snippet = (
        f'<video controls preload="metadata" poster="{files["poster"]}" '
        f'style="max-width: 100%">\n'
        f'  <source src="{files["video"]}" type="video/mp4">\n'
        f'  <track kind="captions" src="{files["captions"]}" srclang="en" label="English">\n'
        f'  <track kind="chapters" src="{files["chapters"]}" srclang="en" label="Beats">\n'
        "</video>"
    )
    return f"""<details class="use">
<summary>Use it in your lecture</summary>
<div class="use-grid">
<img src="{e(files["poster"])}" alt="{e(entry.poster_alt())}" loading="lazy" \
width="{entry.facts.width if entry.facts else 640}" \
height="{entry.facts.height if entry.facts else 360}">
<div>
<ul class="files">
{listing}
</ul>
<p>To embed it in a learning platform (Moodle, Canvas, a course page), upload these files side
by side and paste this into the editor's HTML view:</p>
<pre><code class="snippet">{e(snippet)}</code></pre>
<button type="button" class="copy">Copy the snippet</button>
</div>
</div>
</details>"""
