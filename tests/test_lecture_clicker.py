"""A lecturer with a clicker, in Debian's chromium: the whole lecture by Page Down alone.

The pack is built from stand-in renders whose beats are 7, 11 and 13 frames at 15 fps, so
beat starts are times a browser cannot hold exactly (it keeps whole microseconds). Every
stepping test runs from ``file://``, over ``python -m http.server`` (which ignores byte
ranges: a video there can only seek to 0) and over a server that answers ranges.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lecture_support import HOWS, READY, open_page, settle, stand_in_pack

pytestmark = pytest.mark.xdist_group("lecture_clicker")

FPS = 15
ODD_BEATS = (
    ("target", "The target curve.", 7 / FPS),
    ("one_relu", "One unit: a ramp.", 11 / FPS),
    ("two_relus", "Two units bend once.", 13 / FPS),
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stand_in_pack(tmp_path_factory.mktemp("clicker"), beats=ODD_BEATS, fps=FPS)


class Lecture:
    """One open page: its Playwright page, the requests it made and its script errors."""

    def __init__(self, chromium: object, url: str) -> None:
        self.context = chromium.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda r: self.requests.append((r.resource_type, r.url)))
        open_page(self.page, url)

    def time(self, scene: str) -> float:
        return self.page.evaluate(f"document.getElementById('video-{scene}').currentTime")

    def settle(self, scene: str) -> None:
        settle(self.page, scene)

    def marked(self, scene: str) -> list[str]:
        buttons = self.page.locator(f"#scene-{scene} nav.beats button[aria-current=true]")
        return [buttons.nth(i).get_attribute("data-beat") for i in range(buttons.count())]

    def focused(self) -> str:
        return self.page.evaluate("document.activeElement.id || document.activeElement.tagName")

    def close(self) -> None:
        self.context.close()
        assert self.errors == []


@pytest.fixture
def lecture(chromium: object, urls: dict[str, str], request: pytest.FixtureRequest) -> Iterator:
    opened: list[Lecture] = []

    def open_page(how: str, suffix: str = "") -> Lecture:
        page = Lecture(chromium, urls[how] + suffix)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


def beats(pack: Path, scene: str) -> list[dict]:
    return json.loads((pack / f"{scene}.sections.json").read_text())["beats"]


@pytest.mark.parametrize("how", HOWS)
def test_every_beat_button_lands_on_its_beat_and_marks_it(lecture, pack: Path, how: str) -> None:
    page = lecture(how)
    for scene in ("shift", "square"):
        for index, beat in enumerate(beats(pack, scene)):
            page.page.locator(f"#scene-{scene} nav.beats button").nth(index).click()
            page.settle(scene)
            t = page.time(scene)
            # On the beat's own first frame, and the list marks that beat, not the one before.
            assert beat["start"] <= t < beat["start"] + 0.5 / FPS
            assert page.marked(scene) == [str(index)]
            assert page.focused() == f"video-{scene}"
    seeking = page.page.locator("#scene-square .player").get_attribute("data-seeking")
    fetched = [url for kind, url in page.requests if kind == "fetch"]
    if how == "http.server":
        # The server cannot seek, so each video was loaded whole, once, into memory.
        assert seeking == "whole"
        assert sorted(url.rsplit("/", 1)[1] for url in fetched) == ["shift.mp4", "square.mp4"]
    else:
        assert seeking is None
        assert fetched == []


@pytest.mark.parametrize("how", HOWS)
def test_space_after_clicking_a_beat_plays_that_beat(lecture, pack: Path, how: str) -> None:
    page = lecture(how)
    square = beats(pack, "square")
    page.page.locator("#scene-square nav.beats button").nth(1).click()
    page.settle("square")
    started = time.monotonic()
    page.page.keyboard.press("Space")
    page.settle("square")
    assert time.monotonic() - started >= 0.8 * (square[1]["end"] - square[1]["start"])
    assert page.time("square") == pytest.approx(square[1]["end"], abs=0.01)
    assert page.marked("square") == ["1"]
    status = page.page.locator("#scene-square .status").inner_text()
    assert status == "Paused at the end of beat 2 of 3: One ReLU."


@pytest.mark.parametrize("how", HOWS)
def test_clicking_a_video_plays_beat_one_and_the_clicker_goes_on_to_beat_two(
    lecture, pack: Path, how: str
) -> None:
    page = lecture(how)
    shift = beats(pack, "shift")
    page.page.locator("#video-shift").click()
    page.settle("shift")
    assert page.time("shift") == pytest.approx(shift[0]["end"], abs=0.01)
    page.page.keyboard.press("PageDown")
    page.settle("shift")
    assert page.time("shift") == pytest.approx(shift[1]["end"], abs=0.01)
    assert page.marked("shift") == ["1"]


def test_page_down_before_anything_has_focus_steps_instead_of_scrolling(lecture, pack) -> None:
    page = lecture("file")
    assert page.focused() == "BODY"
    page.page.keyboard.press("PageDown")
    page.settle("shift")
    assert page.time("shift") == pytest.approx(beats(pack, "shift")[0]["end"], abs=0.01)
    assert page.focused() == "video-shift"
    box = page.page.locator("#video-shift").bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 800


@pytest.mark.parametrize("how", HOWS)
def test_the_whole_lecture_by_page_down_and_back_by_page_up(lecture, pack: Path, how: str) -> None:
    page = lecture(how)
    plan = [(scene, beat) for scene in ("shift", "square") for beat in beats(pack, scene)]
    for scene, beat in plan:
        page.page.keyboard.press("PageDown")
        page.settle(scene)
        assert page.time(scene) == pytest.approx(beat["end"], abs=0.01)
        assert page.focused() == f"video-{scene}"
        assert page.marked(scene) == [str(beat["index"])]
        done = beat["index"] + 1
        assert page.page.evaluate("location.hash") == f"#/{scene}/{done}"
    # The other scene stands where the clicker left it: at its end, paused.
    assert page.time("shift") == pytest.approx(plan[2][1]["end"], abs=0.01)
    page.page.keyboard.press("PageDown")  # past the last beat of the lecture: nothing plays
    page.settle("square")
    assert page.time("square") == pytest.approx(plan[-1][1]["end"], abs=0.01)

    # Back: each Page Up undoes one step, across the scene boundary too.
    shift, square = beats(pack, "shift"), beats(pack, "square")
    expected = [
        ("square", square[1]["end"]),
        ("square", square[0]["end"]),
        ("square", 0.0),
        ("shift", shift[2]["end"]),
        ("shift", shift[1]["end"]),
        ("shift", shift[0]["end"]),
        ("shift", 0.0),
    ]
    for scene, t in expected:
        page.page.keyboard.press("PageUp")
        page.settle(scene)
        assert page.focused() == f"video-{scene}"
        assert page.time(scene) == pytest.approx(t, abs=0.01), (scene, t)


@pytest.mark.parametrize("how", HOWS)
def test_a_url_names_the_beat_and_a_reload_resumes_there(lecture, pack: Path, how: str) -> None:
    square = beats(pack, "square")
    page = lecture(how, "#/square/2")
    page.settle("square")
    assert page.time("square") == pytest.approx(square[1]["end"], abs=0.01)
    assert page.marked("square") == ["1"]
    assert page.focused() == "video-square"
    page.page.keyboard.press("PageDown")
    page.settle("square")
    assert page.page.evaluate("location.hash") == "#/square/3"
    page.page.reload()
    page.page.wait_for_function(READY)  # its steps counted anew (see open_page)
    page.settle("square")
    assert page.time("square") == pytest.approx(square[2]["end"], abs=0.01)
    assert page.marked("square") == ["2"]


@pytest.mark.parametrize("how", HOWS)
def test_a_beat_s_address_followed_in_the_open_page_goes_there(
    lecture, pack: Path, how: str
) -> None:
    shift, square = beats(pack, "shift"), beats(pack, "square")
    page = lecture(how, "#/shift/1")
    page.settle("shift")
    assert page.time("shift") == pytest.approx(shift[0]["end"], abs=0.01)
    # The address bar or a link changes only the hash: the same document, no reload.
    page.page.evaluate("location.hash = '#/square/2'")
    page.page.wait_for_function(
        "() => document.getElementById('video-square').stepper.pending"
        " || document.getElementById('video-square').currentTime > 0"
    )
    page.settle("square")
    assert page.time("square") == pytest.approx(square[1]["end"], abs=0.01)
    assert page.marked("square") == ["1"]
    assert page.focused() == "video-square"
    page.page.keyboard.press("PageDown")
    page.settle("square")
    assert page.time("square") == pytest.approx(square[2]["end"], abs=0.01)
    assert page.page.evaluate("location.hash") == "#/square/3"


def test_a_server_that_cannot_seek_or_be_fetched_is_named_on_the_page(lecture, pack) -> None:
    page = lecture("http.server")
    # The video plays from the server, but loading it whole fails.
    page.page.route(
        "**/*.mp4",
        lambda route: (
            route.abort() if route.request.resource_type == "fetch" else route.continue_()
        ),
    )
    page.page.locator("#scene-square nav.beats button").nth(2).click()
    status = page.page.locator("#scene-square .status")
    page.page.wait_for_function(
        "() => document.querySelector('#scene-square .player').dataset.seeking === 'none'"
    )
    assert status.inner_text().startswith("Stepping by beat cannot work here: this web server")
    assert "Open index.html from the folder itself" in status.inner_text()
    assert page.time("square") == 0.0


@pytest.mark.parametrize("how", HOWS)
def test_a_transcript_time_stands_the_video_at_its_beat(lecture, pack: Path, how: str) -> None:
    page = lecture(how)
    square = beats(pack, "square")
    transcript = page.page.locator("#transcript-square")
    transcript.locator("summary").click()
    times = transcript.locator("button.transcript-time")
    assert times.count() == len(square)
    for index, beat in reversed(list(enumerate(square))):
        times.nth(index).click()
        page.settle("square")
        t = page.time("square")
        assert beat["start"] <= t < beat["start"] + 0.5 / FPS
        assert page.marked("square") == [str(index)]
        assert page.focused() == "video-square"
    # The clicker then plays the beat the transcript named, and only that one.
    page.page.keyboard.press("PageDown")
    page.settle("square")
    assert page.time("square") == pytest.approx(square[0]["end"], abs=0.01)
    assert page.marked("square") == ["0"]
