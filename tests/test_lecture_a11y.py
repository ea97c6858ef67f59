"""axe-core finds no accessibility violation on the lecture page or the presenter view.

axe-core's own script (shipped inside the ``axe-playwright-python`` wheel, so nothing is
fetched) runs in Debian's chromium on both pages, in the dark and the light theme, with every
``<details>`` open, the transcript and the presenter's overview included; the page both with
the browser's video controls and presenting (its own controls only).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lecture_support import READY, stand_in_pack

pytestmark = pytest.mark.xdist_group("lecture_a11y")

STATE = """() => window.postMessage({app: "relu-anim-lecture", id: "a11y", type: "state",
    scene: "square", done: 2, shown: 1, playing: null}, "*")"""


def axe_script() -> Path:
    axe = pytest.importorskip("axe_playwright_python", reason="pip install -e '.[dev]'")
    return Path(axe.__file__).with_name("axe.min.js")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stand_in_pack(tmp_path_factory.mktemp("a11y"))


def violations(page: object, script: Path) -> list[tuple[str, list[str]]]:
    page.add_script_tag(path=str(script))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [(v["id"], [node["target"] for node in v["nodes"]]) for v in found]


@pytest.mark.parametrize("mode", ["", "?present"], ids=["browser-controls", "presenting"])
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_page_and_the_presenter_view_have_no_axe_violations(
    chromium: object, pack: Path, scheme: str, mode: str
) -> None:
    script = axe_script()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto((pack / "index.html").as_uri() + mode)
    page.wait_for_function(READY)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => (d.open = true))")
    # A stepped video: the companion shows a beat's net and says so.
    page.locator("#scene-square nav.beats button").nth(2).click()
    page.wait_for_function(
        "() => document.getElementById('companion-square').dataset.showing === 'one_relu'"
    )
    on_page = violations(page, script)

    presenter = context.new_page()
    presenter.goto((pack / "presenter.html").as_uri())
    presenter.evaluate(STATE)
    presenter.wait_for_function("() => window.presenterView.state() !== null")
    presenter.keyboard.press("o")
    on_presenter = violations(presenter, script)
    context.close()
    assert on_page == []
    assert on_presenter == []
