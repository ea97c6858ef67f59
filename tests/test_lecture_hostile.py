"""Hostile text in every field a lecture pack shows: it stays text, everywhere it lands.

Text reaches a pack from ``<scene>.sections.json`` (written by a render, or sent back by a
cluster worker), from a scene's docstring and ``MATHS``, and from a render's error. Here each
field holds markup, template placeholders, cue breaks and control characters; the page must
run no script (Chromium is listened to for dialogs), and the captions, slides and handout must
hold the text as text. Expected values are written out by hand, not computed by the code.
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import pytest
import webvtt
from lecture_support import fake_render
from pptx import Presentation

from relu_anim.lecture import SceneSource, build_pack, slides
from relu_anim.lecture.beats import read_beats
from relu_anim.lecture.page import embedded_json
from relu_anim.lecture.text import fill
from relu_anim.settings import SceneParams

pytestmark = pytest.mark.xdist_group("lecture_hostile")

IMG = '"><img src=x onerror=alert(1)>'
SCRIPT = "</script><script>alert(1)</script>"
ATTRIBUTE = '" autofocus onfocus="alert(1)'
SINGLE = "' autofocus onfocus='alert(1)"
CUE = "\n\n00:00:01,000 --> 00:00:02,000\nEVIL"
# No quotes or angle brackets: inside an attribute it needs none to become live attributes.
EVENTS = "x onloadstart=alert(1) autofocus onfocus=alert(2) onmouseover=alert(3) y"

#: (name, caption, notes) of the hostile beats, as the sections file holds them.
HOSTILE_BEATS = (
    ("{{data}}", EVENTS, "{{footer}}"),
    (IMG, SCRIPT, ATTRIBUTE),
    (ATTRIBUTE, CUE, SCRIPT),
    ("NOTE", "x\u2028y\u2029z {{data}} {{footer}}", "ctrl \x00\x01\x1b[31m \ufffe \ud800 end"),
    (
        "a\n\n00:00:03.000 --> 00:00:04.000\nEVIL",
        SINGLE + ' <b>bold</b> &amp; --> "{{footer}}"',
        "\n\n1\n00:00:01,000 --> 00:00:02,000\nEVIL",
    ),
)
#: The clip file names a render writes for those beats (the name's unsafe runs become "_").
CLIP_STEMS = (
    "01-data",
    "02-img_src_x_onerror_alert_1",
    "03-autofocus_onfocus_alert_1",
    "04-NOTE",
    "05-a_00_00_03_000_--_00_00_04_000_EVIL",
)
#: What the pack shows for them: line breaks made "\n", ends trimmed, control characters
#: dropped, a lone surrogate replaced; names are one line.
TITLES = (
    "{{data}}",
    IMG,
    ATTRIBUTE,
    "NOTE",
    "A 00:00:03.000   > 00:00:04.000 EVIL",
)
CAPTIONS = (
    EVENTS,
    SCRIPT,
    "00:00:01,000 --> 00:00:02,000\nEVIL",
    "x\ny\nz {{data}} {{footer}}",
    SINGLE + ' <b>bold</b> &amp; --> "{{footer}}"',
)
NOTES = (
    "{{footer}}",
    ATTRIBUTE,
    SCRIPT,
    "ctrl [31m  \ufffd end",
    "1\n00:00:01,000 --> 00:00:02,000\nEVIL",
)
SCENE_TITLE = "{{data}} " + IMG + " " + ATTRIBUTE + " {{footer}}"
SCENE_MATHS = SCRIPT + " {{scenes}} y = ReLU(x) < 2 & x > 1"
DOCSTRING = "{{data}} " + ATTRIBUTE + " " + IMG + " {{footer}}"
DOC_MATHS = SINGLE + " {{data}} " + SCRIPT
ERROR = "RuntimeError: " + IMG + " " + SCRIPT + " {{data}}"
SECONDS = 0.4  # six frames a beat at 15 fps


def hostile_render(render_dir: Path, name: str, with_title: bool) -> None:
    """A stand-in render of ``name`` whose sections file holds the hostile text."""
    benign = tuple((f"b{i}", "benign", SECONDS) for i in range(len(HOSTILE_BEATS)))
    record = fake_render(render_dir, name, beats=benign)
    clips = render_dir / f"{name}.beats"
    for index, stem in enumerate(CLIP_STEMS):
        (clips / f"{index + 1:02d}-b{index}.mp4").rename(clips / f"{stem}.mp4")
    for beat, (beat_name, caption, notes) in zip(record["beats"], HOSTILE_BEATS, strict=True):
        beat.update(name=beat_name, caption=caption, notes=notes)
    record["poster"] = {"beat": HOSTILE_BEATS[1][0], "time": record["beats"][1]["end"]}
    if with_title:
        record.update(title=SCENE_TITLE, maths=SCENE_MATHS)
    else:
        del record["title"], record["maths"]
    # ensure_ascii keeps the lone surrogate writable; it comes back from json.loads as one.
    (render_dir / f"{name}.sections.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    render_dir = root / "render"
    hostile_render(render_dir, "shift", with_title=True)
    hostile_render(render_dir, "neuron", with_title=False)
    sources = [
        SceneSource("neuron", DOCSTRING, render_dir, SceneParams(), maths=DOC_MATHS),
        SceneSource("shift", "unused", render_dir, SceneParams(interval=(-3.0, 3.0))),
        SceneSource("bends", DOCSTRING, render_dir, maths=DOC_MATHS, error=ERROR),
    ]
    build_pack(sources, root / "pack", want_slides=slides.slides_available())
    return root / "pack"


class Elements(html.parser.HTMLParser):
    """Every start tag of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parsed(pack: Path) -> Elements:
    elements = Elements()
    elements.feed((pack / "index.html").read_text(encoding="utf-8"))
    elements.close()
    return elements


def test_the_page_has_no_element_or_attribute_the_text_brought(pack: Path) -> None:
    elements = parsed(pack)
    names = [tag for tag, _ in elements.tags]
    assert names.count("script") == 2
    assert names.count("video") == 2  # neuron and shift; bends is missing
    for tag, attributes in elements.tags:
        live = [name for name in attributes if name.startswith("on") or name == "autofocus"]
        assert not live, (tag, attributes)
        if tag == "img":
            assert attributes["src"] in {"neuron.png", "shift.png"}
    labels = {a["id"]: a["aria-label"] for tag, a in elements.tags if tag == "video"}
    assert labels == {
        "video-neuron": f"{DOCSTRING} (video, 5 beats)",
        "video-shift": f"{SCENE_TITLE} (video, 5 beats)",
    }


def test_the_embedded_data_is_one_json_document_holding_the_text_as_it_was(pack: Path) -> None:
    elements = parsed(pack)
    embedded = elements.scripts[0]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in embedded
    data = json.loads(embedded)
    assert [scene["name"] for scene in data["scenes"]] == ["neuron", "shift", "bends"]
    for scene in data["scenes"][:2]:
        assert [beat["caption"] for beat in scene["beats"]] == list(CAPTIONS)
        assert [beat["title"] for beat in scene["beats"]] == list(TITLES)


@pytest.mark.parametrize("name", ["neuron", "shift"])
def test_webvtt_and_srt_hold_exactly_one_cue_per_beat(pack: Path, name: str) -> None:
    times = [(round(i * SECONDS, 3), round((i + 1) * SECONDS, 3)) for i in range(5)]

    def seconds(cue: webvtt.Caption) -> tuple[float, float]:
        def one(stamp: str) -> float:
            hours, minutes, rest = stamp.replace(",", ".").split(":")
            return round(int(hours) * 3600 + int(minutes) * 60 + float(rest), 3)

        return one(cue.start), one(cue.end)

    for suffix in (".vtt", ".chapters.vtt"):
        cues = webvtt.read(str(pack / f"{name}{suffix}"))
        assert [seconds(cue) for cue in cues] == times, suffix
        for cue in cues:
            assert "\n" not in cue.identifier
            assert "-->" not in cue.identifier
            assert "-->" not in cue.raw_text
            assert "\n\n" not in cue.raw_text
    cues = webvtt.read(str(pack / f"{name}.vtt"))
    assert cues[2].raw_text == "00:00:01,000 --&gt; 00:00:02,000\nEVIL"
    assert cues[4].raw_text == (
        "' autofocus onfocus='alert(1) &lt;b&gt;bold&lt;/b&gt; &amp;amp; --&gt; \"{{footer}}\""
    )
    assert cues[0].identifier == "{{data}}"
    srt = webvtt.from_srt(str(pack / f"{name}.srt"))
    assert [seconds(cue) for cue in srt] == times
    blocks = (pack / f"{name}.srt").read_text(encoding="utf-8").strip().split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["1", "2", "3", "4", "5"]
    assert srt[1].raw_text == SCRIPT  # SRT has no escapes: the text as written
    # The caption's timing line is text now: it cannot start a cue of its own.
    assert srt[2].raw_text == "00:00:01,000 → 00:00:02,000\nEVIL"


def test_slide_titles_alt_text_and_notes_read_back_as_the_text(pack: Path) -> None:
    if not slides.slides_available():
        pytest.skip("python-pptx is not installed")
    deck = list(Presentation(str(pack / "slides.pptx")).slides)
    assert len(deck) == 2 * (1 + len(NOTES))  # neuron and shift: a title slide, then beats
    openings, beats = deck[:: 1 + len(NOTES)], deck[1 : 1 + len(NOTES)] + deck[2 + len(NOTES) :]
    assert [slide.shapes.title.text for slide in openings] == [
        f"1. {DOCSTRING}",
        f"2. {SCENE_TITLE}",
    ]
    notes = [slide.notes_slide.notes_text_frame.text for slide in beats]
    assert notes == [*NOTES, *NOTES]
    titles = [slide.shapes.title.text for slide in beats]
    assert titles == [f"{i + 1}. {title}" for i, title in enumerate(TITLES)] * 2
    alt = [slide.shapes[1]._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for slide in beats[5:]]
    assert alt == [
        f"Video, beat {i + 1} of 5 of “{SCENE_TITLE}”: {caption}"
        for i, caption in enumerate(CAPTIONS)
    ]


def test_the_handouts_have_their_pages(pack: Path) -> None:
    pdf = (pack / "handout-lecturer.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 10  # a page per beat
    pdf = (pack / "handout.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 4  # 5 beats a scene, 3 a page


def test_pack_json_is_utf8_and_holds_the_cleaned_text(pack: Path) -> None:
    record = json.loads((pack / "pack.json").read_bytes().decode("utf-8"))
    scenes = {scene["name"]: scene for scene in record["scenes"]}
    assert scenes["neuron"]["title"] == DOCSTRING
    assert scenes["neuron"]["maths"] == DOC_MATHS
    assert scenes["shift"]["title"] == SCENE_TITLE
    assert scenes["shift"]["maths"] == SCENE_MATHS
    assert [beat["notes"] for beat in scenes["shift"]["beats"]] == list(NOTES)
    assert scenes["bends"]["error"] == ERROR


# Every event an inline handler could be waiting for, sent to every element; focus() too.
PROVOKE = """() => {
    const types = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup",
        "pointerover", "pointerenter", "focus", "focusin", "blur", "focusout", "animationstart",
        "loadstart", "error", "load", "input", "change", "keydown", "toggle"];
    for (const el of document.querySelectorAll("*")) {
        for (const type of types) el.dispatchEvent(new Event(type, {bubbles: true}));
        if (el.focus) el.focus();
    }
    return document.querySelectorAll("*").length;
}"""


def test_chromium_runs_no_script_from_the_text_and_shows_it_literally(
    chromium: object, pack: Path
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def dismiss(dialog: object) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((pack / "index.html").as_uri())
    # Loaded: the load event waits for every eager image, so an onerror has had its chance
    # to run, and the page's script has added the caption cues. (Not the videos' metadata:
    # a page the text broke may never get there, and the dialogs are what this test reports.)
    page.wait_for_function('() => document.readyState === "complete"')
    for selector in ("video", "nav.beats button", "section.scene h2", "p.maths", "footer"):
        for index in range(page.locator(selector).count()):
            element = page.locator(selector).nth(index)
            element.scroll_into_view_if_needed()
            element.hover(force=True)  # the real pointer, even if something covers it
    for _ in range(40):
        page.keyboard.press("Tab")
    # A dialog opened by a handler holds up evaluate() until it is dismissed, so none is missed.
    provoked = page.evaluate(PROVOKE)
    assert dialogs == []
    assert errors == []
    assert provoked > 100  # every element of the whole page, not of a page cut short
    shown = page.evaluate(
        """() => ({
            scripts: document.scripts.length,
            captions: Array.from(document.querySelectorAll("#scene-shift .beat-caption"),
                e => e.textContent),
            heads: Array.from(document.querySelectorAll("#scene-shift .beat-head span + span"),
                e => e.textContent),
            headings: Array.from(document.querySelectorAll("section.scene h2"),
                e => e.textContent),
            transcript: Array.from(document.querySelectorAll("#scene-shift .transcript-text"),
                e => e.textContent),
            maths: Array.from(document.querySelectorAll("p.maths"), e => e.textContent),
            missing: document.querySelector("#scene-bends .missing-note").textContent,
            cues: Array.from(document.getElementById("video-shift").textTracks[0].cues,
                c => c.getCueAsHTML().textContent),
        })"""
    )
    context.close()
    assert shown["scripts"] == 2
    assert shown["captions"] == list(CAPTIONS)
    assert shown["heads"] == [f"{i + 1}. {title}" for i, title in enumerate(TITLES)]
    # Each heading is the scene's title (its number first), as written.
    assert shown["headings"] == [f"1. {DOCSTRING}", f"2. {SCENE_TITLE}", f"3. {DOCSTRING}"]
    assert shown["transcript"] == [f"{t}. {c}" for t, c in zip(TITLES, CAPTIONS, strict=True)]
    assert shown["maths"] == [DOC_MATHS, SCENE_MATHS]
    assert ERROR in shown["missing"]
    # What a viewer reads in a caption on the video is the caption, markup and all.
    assert shown["cues"] == list(CAPTIONS)


def test_a_template_is_filled_in_one_pass_and_only_with_its_own_keys() -> None:
    template = "<p title='{{a}}'>{{b}}</p>"
    assert fill(template, {"a": "{{b}}", "b": "{{a}}"}) == "<p title='{{b}}'>{{a}}</p>"
    with pytest.raises(KeyError, match="b"):
        fill(template, {"a": "x"})
    with pytest.raises(KeyError, match="c"):
        fill(template, {"a": "x", "b": "y", "c": "z"})


@pytest.mark.parametrize("text", [SCRIPT, IMG, "a\u2028b\u2029c", "<!-- & -->", "{{data}}"])
def test_embedded_json_reads_back_the_same_and_holds_no_markup(text: str) -> None:
    embedded = embedded_json({"caption": text})
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == {"caption": text}


def test_a_beat_name_with_control_characters_keeps_its_clip_name(tmp_path: Path) -> None:
    path = tmp_path / "s.sections.json"
    beats = [{"name": "a\x01b\t\x1bc\n", "caption": "x\x00y", "start": 0, "end": 1}]
    path.write_text(json.dumps({"beats": beats}), encoding="utf-8")
    (beat,) = read_beats(path).beats
    # The render names this beat's clip 01-a_b_c.mp4: each run of other characters is one "_".
    assert (beat.name, beat.slug, beat.caption) == ("a b c", "01-a_b_c", "xy")


def test_the_presenter_view_holds_the_text_as_text(chromium: object, pack: Path) -> None:
    elements = Elements()
    elements.feed((pack / "presenter.html").read_text(encoding="utf-8"))
    elements.close()
    assert [tag for tag, _ in elements.tags].count("script") == 2
    for tag, attributes in elements.tags:
        live = [name for name in attributes if name.startswith("on") or name == "autofocus"]
        assert not live, (tag, attributes)
    data = json.loads(elements.scripts[0])
    for scene in data["scenes"]:
        assert [beat["notes"] for beat in scene["beats"]] == list(NOTES)
        assert [beat["caption"] for beat in scene["beats"]] == list(CAPTIONS)

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((pack / "presenter.html").as_uri())
    page.wait_for_function('() => document.readyState === "complete"')
    # What the lecture page would send: standing on beat 2 of Shift, beat 3 next.
    page.evaluate(
        """() => window.postMessage({app: "relu-anim-lecture", id: "t1", type: "state",
            scene: "shift", done: 2, shown: 1, playing: null}, "*")"""
    )
    page.wait_for_function("() => window.presenterView.state() !== null")
    page.keyboard.press("o")
    for _ in range(20):
        page.keyboard.press("Tab")
    shown = page.evaluate(
        """() => ({
            now: document.querySelector(".now-notes").textContent,
            next: document.querySelector(".next-notes").textContent,
            caption: document.querySelector(".now-caption").textContent,
            overview: Array.from(document.querySelectorAll("#overview span"),
                e => e.textContent).slice(5),
        })"""
    )
    context.close()
    assert dialogs == []
    assert shown == {
        "now": NOTES[1],
        "next": NOTES[2],
        "caption": CAPTIONS[1],
        "overview": [f"{i + 1}. {title}" for i, title in enumerate(TITLES)],
    }
