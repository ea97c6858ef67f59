"""The presenter view and presenting mode, in Debian's chromium driven by Playwright.

A lecturer opens the presenter view from the page: a second window that shows where the
lecture stands, what the next press plays, the notes, a timer and an overview, and drives
the page. It is tested from ``file://``, over ``python -m http.server`` and over a server
that answers byte ranges, as the page itself is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lecture_support import HOWS, open_page, settle, stand_in_pack

pytestmark = pytest.mark.xdist_group("lecture_presenter")

CONNECTED = "() => window.presenterView && window.presenterView.state() !== null"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stand_in_pack(tmp_path_factory.mktemp("presenter"))


def beats(pack: Path, scene: str) -> list[dict]:
    return json.loads((pack / f"{scene}.sections.json").read_text())["beats"]


def text(page: object, selector: str) -> str:
    return page.locator(selector).inner_text()


@pytest.mark.parametrize("how", HOWS)
def test_the_presenter_view_follows_the_page_and_steps_it(
    chromium: object, pack: Path, urls: dict[str, str], how: str
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    open_page(page, urls[how])
    with context.expect_page() as opened:
        page.locator("#presenter-open").click()
    presenter = opened.value
    presenter.wait_for_function(CONNECTED)

    # The page is presenting: no browser control bar over the frame.
    assert page.evaluate("document.body.classList.contains('presenting')")
    controls = "Array.from(document.querySelectorAll('video')).some(v => v.controls)"
    assert page.evaluate(controls) is False
    assert text(presenter, ".now-where") == "Scene 1, beat 1 of 3: Target (at its start)"
    assert text(presenter, ".next-where") == "Scene 1, beat 1 of 3: Target"
    # At a scene's very start no beat's last frame is on screen, so none is shown as on screen.
    assert presenter.locator(".now-frame").is_hidden()
    shift = beats(pack, "shift")
    # A beat without notes says so; its caption stands apart, never under "Notes for it".
    assert text(presenter, ".next-caption") == shift[0]["caption"]
    assert text(presenter, ".next-notes") == "No notes for this beat."

    presenter.keyboard.press("PageDown")  # the clicker pointed at the presenter's window
    settle(page, "shift")
    assert page.evaluate("document.getElementById('video-shift').currentTime") == pytest.approx(
        shift[0]["end"], abs=0.01
    )
    presenter.wait_for_function(
        "() => document.querySelector('.now-where').textContent.includes('its end')"
    )
    assert text(presenter, ".now-where") == "Scene 1, beat 1 of 3: Target (paused at its end)"
    assert text(presenter, ".now-caption") == shift[0]["caption"]
    assert text(presenter, ".now-notes") == "No notes for this beat."
    assert text(presenter, ".next-where") == "Scene 1, beat 2 of 3: One ReLU"
    assert text(presenter, ".next-notes") == shift[1]["notes"]
    assert text(presenter, ".next-caption") == shift[1]["caption"]
    assert presenter.locator(".now-frame").get_attribute("src") == "shift.beats/01-target.jpg"
    assert presenter.locator(".next-frame").get_attribute("src") == "shift.beats/02-one_relu.jpg"
    assert re.fullmatch(r"\d+:\d\d", text(presenter, ".timer"))

    presenter.locator(".presenter-forward").click()
    settle(page, "shift")
    presenter.keyboard.press("ArrowRight")
    settle(page, "shift")
    presenter.wait_for_function(
        "() => document.querySelector('.next-where').textContent.startsWith('Next scene')"
    )
    # One deck across scenes: after Shift's last beat comes Square's first (scene 3: 2 is missing).
    assert text(presenter, ".next-where") == "Next scene. Scene 3, beat 1 of 3: Target"

    # The overview jumps the page to any beat of any scene; the page's address names it.
    presenter.keyboard.press("o")
    assert presenter.locator("#overview").is_visible()
    presenter.locator('#overview button[data-scene="square"][data-beat="2"]').click()
    settle(page, "square")
    square = beats(pack, "square")
    t = page.evaluate("document.getElementById('video-square').currentTime")
    assert square[2]["start"] <= t < square[2]["start"] + 0.01
    assert page.evaluate("location.hash") == "#/square/2"
    presenter.wait_for_function("() => location.hash === '#/square/2'")
    assert presenter.locator("#overview").is_hidden()
    marked = presenter.locator("#overview button[aria-current=true]")
    assert marked.get_attribute("data-beat") == "2"
    # Standing at beat 3's start, the screen shows beat 2's last frame; beat 3's is next.
    presenter.wait_for_function(
        "() => document.querySelector('.now-where').textContent.includes('Sweep (at its start)')"
    )
    assert presenter.locator(".now-frame").get_attribute("src") == "square.beats/02-one_relu.jpg"
    assert presenter.locator(".next-frame").get_attribute("src") == "square.beats/03-sweep.jpg"

    # A reloaded presenter window finds the page again.
    presenter.reload()
    presenter.wait_for_function(CONNECTED)
    assert text(presenter, ".now-where") == "Scene 3, beat 3 of 3: Sweep (at its start)"
    context.close()
    assert errors == []


@pytest.mark.parametrize("how", HOWS)
def test_presenting_keeps_the_page_s_controls_below_the_frame(
    chromium: object, pack: Path, urls: dict[str, str], how: str
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_page(page, urls[how] + "?present")
    assert page.locator("#present-toggle").get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.getElementById('video-square').controls") is False
    video = page.locator("#video-square")
    tools = page.locator("#scene-square .video-tools")
    assert tools.bounding_box()["y"] >= video.bounding_box()["y"] + video.bounding_box()["height"]

    video.focus()
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    assert page.evaluate("document.fullscreenElement.tagName") == "FIGURE"
    frame, bar = video.bounding_box(), page.locator("#scene-square .step-next").bounding_box()
    # In full screen the buttons sit under the picture, inside the screen, over none of it.
    assert bar["y"] >= frame["y"] + frame["height"] - 1
    assert bar["y"] + bar["height"] <= 800
    # The clicker steps in full screen, which stays on, its buttons still under the picture.
    page.keyboard.press("PageDown")
    settle(page, "square")
    t = page.evaluate("document.getElementById('video-square').currentTime")
    assert t == pytest.approx(beats(pack, "square")[0]["end"], abs=0.01)
    assert page.evaluate("document.fullscreenElement.tagName") == "FIGURE"
    bar = page.locator("#scene-square .step-next").bounding_box()
    assert bar["y"] >= video.bounding_box()["y"] + video.bounding_box()["height"] - 1
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")

    page.locator("#present-toggle").click()
    assert page.evaluate("document.getElementById('video-square').controls") is True
    assert "present" not in page.evaluate("location.search")
    context.close()


def test_the_presenter_view_is_the_lecturer_s_not_in_the_students_package(pack: Path) -> None:
    import zipfile

    assert 'id="presenter-open"' in (pack / "index.html").read_text(encoding="utf-8")
    assert (pack / "presenter.html").is_file()
    assert (pack / "presenter.js").is_file()
    with zipfile.ZipFile(pack / "lecture-scorm.zip") as archive:
        names = archive.namelist()
        students = archive.read("index.html").decode("utf-8")
    # The students' page neither offers the presenter view nor carries its files or notes.
    assert not [name for name in names if name.startswith("presenter")]
    assert 'id="presenter-open"' not in students
    assert "presenter.html" not in students


def test_presenting_puts_the_captions_under_the_picture(
    chromium: object, pack: Path, urls: dict[str, str]
) -> None:
    square = beats(pack, "square")
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_page(page, urls["file"] + "?present")
    mode = "document.getElementById('video-square').textTracks[0].mode"
    line = page.locator("#scene-square .caption-line")
    shows = "(text) => document.querySelector('#scene-square .caption-line').textContent === text"
    assert line.is_hidden()
    page.locator("#scene-square .captions-toggle").click()
    # Not drawn over the frame (where they hide the axis labels) but on a line below it.
    assert page.evaluate(mode) == "hidden"
    assert line.is_visible()
    video = page.locator("#video-square").bounding_box()
    assert line.bounding_box()["y"] >= video["y"] + video["height"]
    for index in (2, 0):
        page.locator("#scene-square nav.beats button").nth(index).click()
        settle(page, "square")
        page.wait_for_function(shows, arg=square[index]["caption"], timeout=5000)
    # Out of presenting, the browser draws them again, on the picture; off is off.
    page.locator("#present-toggle").click()
    assert page.evaluate(mode) == "showing"
    assert line.is_hidden()
    page.locator("#scene-square .captions-toggle").click()
    assert page.evaluate(mode) == "hidden"
    assert page.locator("#scene-square .captions-toggle").get_attribute("aria-pressed") == "false"
    context.close()
