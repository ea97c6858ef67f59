"""The lecture page in a real browser: Debian's chromium, driven by Playwright.

The pack is built from stand-in renders (short beats, one colour each), so stepping through
a beat takes about a second; the page, its script and its data are exactly what a real pack
holds. Each test opens ``index.html`` from disk; the loading test also serves it over HTTP,
and every stepping test runs from ``file://``, over ``python -m http.server`` (no byte ranges:
the page loads each video whole before it steps it) and over a server that answers ranges.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import webvtt
from lecture_support import BEATS, HOWS, READY, open_page, served, settle, stand_in_pack

from relu_anim.lecture.media import video_facts

# Its module-scoped fixtures are built once: every test of this module runs on one
# xdist worker (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("lecture_browser")

SCENES = ("shift", "bends", "square")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stand_in_pack(tmp_path_factory.mktemp("browser"), want_slides=None)


@pytest.fixture
def page(chromium: object, urls: dict[str, str], request: pytest.FixtureRequest) -> Iterator:
    """The page from disk, or served as ``request.param`` names (indirect parametrizing)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, urls[getattr(request, "param", "file")])
    yield page
    context.close()
    assert errors == []


def sections(pack: Path, scene: str) -> list[dict]:
    return json.loads((pack / f"{scene}.sections.json").read_text())["beats"]


def current_time(page: object, scene: str) -> float:
    return page.evaluate(f"document.getElementById('video-{scene}').currentTime")


@pytest.mark.parametrize("how", ["file", "http"])
def test_videos_and_captions_load_with_no_request_off_the_page(
    chromium: object, pack: Path, how: str
) -> None:
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with served(pack) as base:
        url = (pack / "index.html").as_uri() if how == "file" else base + "index.html"
        page.goto(url)
        page.wait_for_function(READY, timeout=15000)
        loaded = page.evaluate(
            """() => Array.from(document.querySelectorAll('video')).map(v => ({
                id: v.id, duration: v.duration, error: v.error && v.error.code,
                tracks: Array.from(v.textTracks).map(t => ({kind: t.kind, mode: t.mode,
                    cues: Array.from(t.cues).map(c => [c.startTime, c.endTime, c.text,
                        c.getCueAsHTML().textContent])}))}))"""
        )
    context.close()
    assert [video["id"] for video in loaded] == ["video-shift", "video-square"]
    for video in loaded:
        scene = video["id"].removeprefix("video-")
        facts = video_facts(pack / f"{scene}.mp4")
        assert video["error"] is None
        assert video["duration"] == pytest.approx(facts.duration, rel=0.02)
        (track,) = video["tracks"]
        assert track["kind"] == "captions"
        assert track["mode"] == "hidden"
        # What a viewer reads is the caption as written ("<not a curve> & misses" and all);
        # the cue's own text is WebVTT markup, the same as the pack's .vtt file holds.
        assert [[start, end, shown] for start, end, _, shown in track["cues"]] == [
            [b["start"], b["end"], b["caption"]] for b in sections(pack, scene)
        ]
        assert [cue[2] for cue in track["cues"]] == [
            cue.raw_text for cue in webvtt.read(str(pack / f"{scene}.vtt"))
        ]
    origin = pack.as_uri() + "/" if how == "file" else base
    assert requests, requests
    assert all(url.startswith(origin) for url in requests), requests
    assert any(url.endswith("square.mp4") for url in requests)


def test_the_missing_scene_is_marked_and_the_others_play(page: object) -> None:
    missing = page.locator("#scene-bends")
    assert missing.get_attribute("data-missing") == "true"
    assert "did not render" in missing.inner_text()
    assert "RuntimeError: boom" in missing.inner_text()
    assert page.locator("#scene-bends video").count() == 0
    assert "(missing)" in page.locator("nav.contents").inner_text()


def test_posters_have_alt_text_and_videos_names(page: object) -> None:
    for scene in ("shift", "square"):
        alt = page.locator(f"#scene-{scene} details.use img").get_attribute("alt")
        assert alt.startswith(f"The {scene} scene. Key frame of the beat")
        assert len(alt) > 40
        label = page.locator(f"#video-{scene}").get_attribute("aria-label")
        assert label == f"The {scene} scene (video, {len(BEATS)} beats)"
        assert page.locator(f"#video-{scene}").get_attribute("poster") == f"{scene}.png"


@pytest.mark.parametrize("page", HOWS, indirect=True)
def test_clicking_a_chapter_seeks_to_its_beat(page: object, pack: Path) -> None:
    beats = sections(pack, "square")
    page.locator("#scene-square nav.beats button").nth(2).click()
    settle(page, "square")
    assert current_time(page, "square") == pytest.approx(beats[2]["start"], abs=1e-3)
    current = page.locator("#scene-square nav.beats button[aria-current=true]")
    assert current.get_attribute("data-beat") == "2"


@pytest.mark.parametrize("page", HOWS, indirect=True)
def test_arrow_and_space_play_exactly_one_beat_and_left_goes_back(page: object, pack: Path) -> None:
    beats = sections(pack, "shift")
    video = page.locator("#video-shift")
    video.focus()
    started = time.monotonic()
    page.keyboard.press("ArrowRight")
    settle(page, "shift")
    # It played (it did not jump): the beat took its own time, and it stopped at its end.
    assert time.monotonic() - started >= 0.8 * (beats[0]["end"] - beats[0]["start"])
    assert current_time(page, "shift") == pytest.approx(beats[0]["end"], abs=0.2)
    status = page.locator("#scene-shift .status").inner_text()
    assert status == f"Paused at the end of beat 1 of {len(beats)}: Target."

    page.keyboard.press("Space")
    settle(page, "shift")
    assert current_time(page, "shift") == pytest.approx(beats[1]["end"], abs=0.2)

    page.keyboard.press("ArrowLeft")
    settle(page, "shift")
    assert current_time(page, "shift") == pytest.approx(beats[0]["end"], abs=0.2)
    page.keyboard.press("PageUp")
    settle(page, "shift")
    assert current_time(page, "shift") == pytest.approx(0.0, abs=0.01)

    # From the start, a presenter's clicker (Page Down) plays the first beat again.
    page.keyboard.press("PageDown")
    settle(page, "shift")
    assert current_time(page, "shift") == pytest.approx(beats[0]["end"], abs=0.2)


def test_f_toggles_full_screen(page: object) -> None:
    page.locator("#video-square").focus()
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    assert page.evaluate("document.fullscreenElement.id") == "video-square"
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")


def test_captions_switch_on_and_off_from_the_page(page: object) -> None:
    button = page.locator("#scene-square .captions-toggle")
    mode = "document.getElementById('video-square').textTracks[0].mode"
    button.click()
    assert page.evaluate(mode) == "showing"
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert page.evaluate(mode) == "hidden"
    assert button.get_attribute("aria-pressed") == "false"


@pytest.mark.parametrize("page", HOWS, indirect=True)
def test_the_page_is_keyboard_operable(page: object, pack: Path) -> None:
    page.locator("#theme-toggle").focus()
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "video-shift" in reached
    # Enter on a beat's button seeks there, as a click does.
    page.locator("#scene-square nav.beats button").nth(1).focus()
    page.keyboard.press("Enter")
    settle(page, "square")
    start = sections(pack, "square")[1]["start"]
    assert current_time(page, "square") == pytest.approx(start, abs=1e-3)


def points(page: object, scene: str) -> list[tuple[float, float]]:
    text = page.locator(f"#companion-{scene} polyline.approximation").get_attribute("points")
    return [tuple(float(v) for v in pair.split(",")) for pair in text.split()]


def test_square_slider_at_ten_draws_the_data_exactly(page: object, pack: Path) -> None:
    data = json.loads((pack / "data" / "square.json").read_text())
    slider = page.locator("#slider-square")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "N = 10"
    step = data["steps"][9]
    drawn = points(page, "square")
    assert len(drawn) == 11
    # The browser's shortest round-trip decimals parse back to the very same doubles.
    assert drawn == list(zip(step["x"], step["y"], strict=True))
    shown = page.locator("#companion-square dl.readouts > *").all_inner_texts()
    assert shown == [part for pair in step["readouts"] for part in pair]
    # The target is drawn from the data too.
    target = page.locator("#companion-square polyline.target").get_attribute("points").split()
    assert len(target) == len(data["target"]["x"])


def test_shift_slider_moves_the_kink(page: object, pack: Path) -> None:
    data = json.loads((pack / "data" / "shift.json").read_text())
    index = next(i for i, step in enumerate(data["steps"]) if step["h"] == 1.5)
    page.locator("#slider-shift").fill(str(index))
    drawn = points(page, "shift")
    assert drawn == list(zip(data["steps"][index]["x"], data["steps"][index]["y"], strict=True))
    dot = page.locator("#companion-shift g.dots line")
    assert (dot.get_attribute("x1"), dot.get_attribute("y1")) == ("1.5", "0")
    assert page.locator("#value-shift").inner_text() == "h = 1.5"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_screenshots_in_both_themes(
    chromium: object, pack: Path, tmp_path: Path, scheme: str
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto((pack / "index.html").as_uri())
    page.wait_for_function(READY)
    page.locator("#scene-square details.use summary").click()
    shot = tmp_path / f"lecture-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    context.close()
    assert shot.stat().st_size > 50_000
    dark = {"background": "rgb(17, 19, 24)", "text": "rgb(236, 239, 244)"}
    light = {"background": "rgb(255, 255, 255)", "text": "rgb(27, 31, 39)"}
    assert {"background": background, "text": text} == (dark if scheme == "dark" else light)


@pytest.mark.parametrize("page", HOWS, indirect=True)
def test_a_second_press_during_a_beat_moves_on_to_the_next_one(page: object, pack: Path) -> None:
    beats = sections(pack, "square")
    page.locator("#video-square").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(  # well inside the first beat, and playing it
        """() => { const v = document.getElementById('video-square');
                   return !v.paused && v.currentTime > 0.3; }"""
    )
    page.keyboard.press("ArrowRight")
    settle(page, "square")
    assert current_time(page, "square") == pytest.approx(beats[1]["end"], abs=0.2)


@pytest.mark.parametrize("page", HOWS, indirect=True)
def test_the_companion_follows_the_video_s_beats_and_says_what_it_draws(
    page: object, pack: Path
) -> None:
    data = json.loads((pack / "data" / "square.json").read_text())
    root = page.locator("#companion-square")
    assert root.get_attribute("data-showing") == "slider"
    page.locator("#scene-square nav.beats button").nth(2).click()  # stands after beat 2
    settle(page, "square")
    page.wait_for_function(
        "() => document.getElementById('companion-square').dataset.showing === 'one_relu'"
    )
    view = data["beats"]["one_relu"]
    assert points(page, "square") == list(zip(view["x"], view["y"], strict=True))
    shown = root.locator("dl.readouts > *").all_inner_texts()
    assert shown == [part for pair in view["readouts"] for part in pair]
    assert root.locator(".companion-shows").inner_text() == (
        "Drawn: what the video shows at the end of beat 2, One ReLU: one unit: ReLU(x). "
        "Move the slider for the interpolant on N equal pieces."
    )
    assert page.locator("#value-square").inner_text() == "as the video shows at beat 2"
    # One unit does not join the curve at evenly spaced points: the legend does not say so.
    legend = root.locator(".legend-approximation")
    assert legend.inner_text() == "g(x): the net the video shows at that beat"
    # The slider takes over, and says its net is the interpolant.
    page.locator("#slider-square").fill("1")
    assert root.get_attribute("data-showing") == "slider"
    assert page.locator("#value-square").inner_text() == "N = 2"
    assert root.locator(".companion-shows").inner_text() == (
        "Drawn: the interpolant on N equal pieces, N = 2."
    )
    assert legend.inner_text() == "g(x): N ReLU units, joining the curve at evenly spaced points"
    # Shift's curve is drawn in the video's colour for a single unit.
    shift = json.loads((pack / "data" / "shift.json").read_text())
    stroke = page.locator("#companion-shift polyline.approximation").get_attribute("stroke")
    assert stroke == shift["colours"]["unit"] == shift["colours"]["curve"]
