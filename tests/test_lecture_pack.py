"""The lecture pack built from stand-in renders: files, faithfulness, reuse and faults.

Stand-in renders (see ``lecture_support``) colour each beat differently, so a decoded frame
tells which beat it came from. Real renders are checked in ``test_lecture_render.py``.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from lecture_support import BEATS, COLOURS, fake_render, frame_colour, near
from pptx import Presentation

from relu_anim.lecture import build_pack, slides
from relu_anim.lecture.media import is_faststart, top_level_boxes, video_facts
from relu_anim.lecture.pack import PackResult, SceneSource
from relu_anim.numeric import interpolant, max_error, shifted
from relu_anim.numeric.targets import parse_target
from relu_anim.settings import SceneParams

# Its module-scoped fixtures are built once: every test of this module runs on one
# xdist worker (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("lecture_pack")

SCENES = ("neuron", "shift", "square")
PARAMS = {
    "shift": SceneParams(interval=(-3.0, 3.0), theme="dark"),
    "square": SceneParams(units=100, target="square", theme="dark"),
}


def sources(render_dir: Path, failed: dict[str, str] | None = None) -> list[SceneSource]:
    failed = failed or {}
    return [
        SceneSource(
            name,
            f"The {name} scene",
            render_dir,
            PARAMS.get(name, SceneParams(theme="dark")),
            error=failed.get(name, ""),
        )
        for name in SCENES
    ]


def make(tmp_path: Path, **kwargs: object) -> tuple[Path, PackResult]:
    render_dir = tmp_path / "render"
    for name in SCENES:
        fake_render(render_dir, name)
    return render_dir, build_pack(sources(render_dir), tmp_path / "pack", **kwargs)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, PackResult]:
    root = tmp_path_factory.mktemp("pack")
    render_dir, result = make(root)
    return render_dir, root / "pack", result


def test_every_scene_has_its_files(pack: tuple[Path, Path, PackResult]) -> None:
    _, folder, result = pack
    assert [entry.name for entry in result.entries] == list(SCENES)
    for name in SCENES:
        for suffix in (".mp4", ".png", ".vtt", ".chapters.vtt", ".srt", ".sections.json"):
            assert (folder / f"{name}{suffix}").stat().st_size > 0, name + suffix
        clips = sorted(p.name for p in (folder / f"{name}.beats").iterdir())
        expected = [f"{i + 1:02d}-{beat}" for i, (beat, _, _) in enumerate(BEATS)]
        assert clips == sorted([*(s + ".jpg" for s in expected), *(s + ".mp4" for s in expected)])
    names = ("index.html", "lecture.css", "lecture.js", "pack.json", "handout.pdf")
    for name in (*names, "handout-lecturer.pdf"):
        assert (folder / name).stat().st_size > 0
    assert sorted(p.name for p in (folder / "data").iterdir()) == ["shift.json", "square.json"]
    assert not [p for p in folder.rglob(".*") if "partial" in p.name]


def test_videos_are_the_same_packets_moved_to_faststart(
    pack: tuple[Path, Path, PackResult],
) -> None:
    render_dir, folder, _ = pack
    source, packed = render_dir / "square.mp4", folder / "square.mp4"
    assert not is_faststart(source)  # what Manim writes: the index after the data
    assert top_level_boxes(packed).index("moov") < top_level_boxes(packed).index("mdat")

    def packets(path: Path) -> list[bytes]:
        with av.open(str(path)) as container:
            return [bytes(p) for p in container.demux(video=0) if p.size]

    assert packets(packed) == packets(source)  # a remux, not a re-encode
    facts = video_facts(packed)
    assert (facts.codec, facts.pix_fmt) == ("h264", "yuv420p")


def test_the_poster_is_the_poster_beats_last_frame(pack: tuple[Path, Path, PackResult]) -> None:
    render_dir, folder, _ = pack
    record = json.loads((render_dir / "shift.sections.json").read_text())
    poster_index = [b["name"] for b in record["beats"]].index(record["poster"]["beat"])
    assert poster_index != 0  # the stand-in's poster beat is not the first: a real choice
    assert near(frame_colour(folder / "shift.png"), COLOURS[poster_index])
    for index, (beat, _, _) in enumerate(BEATS):
        frame = folder / "shift.beats" / f"{index + 1:02d}-{beat}.jpg"
        assert near(frame_colour(frame), COLOURS[index]), beat


def test_beat_clips_are_the_renders_clips(pack: tuple[Path, Path, PackResult]) -> None:
    render_dir, folder, _ = pack
    for clip in (render_dir / "square.beats").glob("*.mp4"):
        assert (folder / "square.beats" / clip.name).read_bytes() == clip.read_bytes()


def test_pack_json_lists_scenes_beats_and_files(pack: tuple[Path, Path, PackResult]) -> None:
    render_dir, folder, _ = pack
    record = json.loads((folder / "pack.json").read_text())
    assert record["page"] == "index.html"
    assert record["handout"] == "handout.pdf"
    assert record["lecturer_handout"] == "handout-lecturer.pdf"
    assert record["presentation_configs"] == [f"slides/{name}.json" for name in SCENES]
    square = record["scenes"][2]
    beats = json.loads((render_dir / "square.sections.json").read_text())["beats"]
    assert [(b["start"], b["end"]) for b in square["beats"]] == [
        (b["start"], b["end"]) for b in beats
    ]
    for beat in square["beats"]:
        assert (folder / beat["clip"]).exists()
        assert (folder / beat["frame"]).exists()
    for path in square["files"].values():
        assert (folder / path).exists(), path
    assert square["video"]["duration"] == pytest.approx(beats[-1]["end"], abs=0.07)


def test_companion_data_is_the_numeric_cores(pack: tuple[Path, Path, PackResult]) -> None:
    _, folder, _ = pack
    square = json.loads((folder / "data" / "square.json").read_text())
    assert [step["n"] for step in square["steps"]] == list(range(1, 101))
    ten = square["steps"][9]
    net = interpolant(parse_target("square"), 0.0, 2.0, 10)
    xs, ys = net.polyline(0.0, 2.0)
    assert ten["x"] == xs.tolist()
    assert ten["y"] == ys.tolist()
    assert len(ten["x"]) == 11
    assert ten["max_error"] == max_error(parse_target("square"), net, 0.0, 2.0)
    assert ten["readouts"] == [["N", "10"], ["max|f − g|", "0.010000"], ["1/N²", "0.010000"]]
    shift = json.loads((folder / "data" / "shift.json").read_text())
    step = next(s for s in shift["steps"] if s["h"] == 1.5)
    assert step["x"] == shifted(1.5).polyline(-3.0, 3.0)[0].tolist()
    assert step["dots"] == [[1.5, 0.0]]
    # The page embeds exactly the same data.
    page = (folder / "index.html").read_text()
    embedded = re.search(r'<script type="application/json" id="lecture-data">(.*?)</script>', page)
    data = json.loads(embedded.group(1))
    assert data["scenes"][2]["companion"] == square


def test_slides_pptx_has_a_title_slide_per_scene_then_a_slide_per_beat(
    pack: tuple[Path, Path, PackResult],
) -> None:
    _, folder, _ = pack
    deck = Presentation(str(folder / "slides.pptx"))
    slides_ = list(deck.slides)
    assert len(slides_) == len(SCENES) * (1 + len(BEATS))
    for number, name in enumerate(SCENES, start=1):
        opening, *beats = slides_[(number - 1) * (1 + len(BEATS)) : number * (1 + len(BEATS))]
        assert opening.shapes.title.text == f"{number}. The {name} scene"
        assert not [shape for shape in opening.shapes if shape.shape_type == 16]
        for index, slide in enumerate(beats):
            beat, caption, _ = BEATS[index]
            clip = folder / f"{name}.beats" / f"{index + 1:02d}-{beat}.mp4"
            frame = folder / f"{name}.beats" / f"{index + 1:02d}-{beat}.jpg"
            assert slide.shapes.title.text == ("1. Target", "2. One ReLU", "3. Sweep")[index]
            movies = [shape for shape in slide.shapes if shape.shape_type == 16]  # MEDIA
            assert len(movies) == 1
            assert len(slide.shapes) == 2  # the title and the movie
            # The embedded media is that beat's clip, byte for byte.
            media_parts = [
                rel.target_part for rel in slide.part.rels.values() if "media" in rel.reltype
            ]
            assert any(part.blob == clip.read_bytes() for part in media_parts)
            # The poster is the beat's own last frame: the pack's key frame, in its colour.
            (embed,) = movies[0]._element.xpath(".//a:blip/@r:embed")
            poster = slide.part.related_part(embed).blob
            assert poster == frame.read_bytes()
            assert near(frame_colour(io.BytesIO(poster)), COLOURS[index])
            alt = movies[0]._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
            assert alt == [f"Video, beat {index + 1} of 3 of “The {name} scene”: {caption}"]
            notes = slide.notes_slide.notes_text_frame.text
            assert notes == ("Say more about one_relu." if index == 1 else caption)
            # The clip plays when the slide opens, not on a click.
            assert slide._element.xpath(".//p:timing//p:cMediaNode//p:cond/@delay") == ["0"]


def test_presentation_configs_open_as_manim_slides_presenter_reads_them(
    pack: tuple[Path, Path, PackResult],
) -> None:
    from manim_slides.config import PresentationConfig

    _, folder, _ = pack
    # `manim-slides present --folder <pack>/slides square` reads <pack>/slides/square.json
    # with PresentationConfig.from_file, whose paths are relative to the pack folder.
    config = PresentationConfig.from_file(folder / "slides" / "square.json")
    assert [slide.file.name for slide in config.slides] == [
        f"{i + 1:02d}-{beat}.mp4" for i, (beat, _, _) in enumerate(BEATS)
    ]
    assert all(slide.file.exists() for slide in config.slides)
    assert config.resolution == (160, 96)


def test_lecturer_handout_has_one_page_per_beat(pack: tuple[Path, Path, PackResult]) -> None:
    _, folder, _ = pack
    pdf = (folder / "handout-lecturer.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == len(SCENES) * len(BEATS)
    # The key frames are embedded as JPEG files.
    assert pdf.count(b"/DCTDecode") == len(SCENES) * len(BEATS)


def test_student_handout_has_three_beats_a_page(pack: tuple[Path, Path, PackResult]) -> None:
    _, folder, _ = pack
    pdf = (folder / "handout.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(SCENES)  # 3 beats: one page
    assert pdf.count(b"/DCTDecode") == len(SCENES) * len(BEATS)


def test_a_second_build_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    render_dir, first = make(tmp_path)
    folder = first.pack_dir
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    again = build_pack(sources(render_dir), folder)
    assert again.written == []
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before
    # A new render of one scene redoes that scene and the pack-wide files, not the others.
    fake_render(render_dir, "shift", poster=2)
    third = build_pack(sources(render_dir), folder)
    assert "shift" in third.written
    assert "square" not in third.written
    assert {"slides.pptx", "handout.pdf", "handout-lecturer.pdf", "pack.json"} <= set(third.written)
    assert near(frame_colour(folder / "shift.png"), COLOURS[2])


def test_a_failed_scene_is_marked_missing_and_the_others_are_packed(tmp_path: Path) -> None:
    render_dir, _ = make(tmp_path)
    folder = tmp_path / "pack"
    assert (folder / "square.mp4").exists()
    result = build_pack(sources(render_dir, {"square": "RuntimeError: TeX failed"}), folder)
    assert [entry.name for entry in result.missing] == ["square"]
    assert not (folder / "square.mp4").exists()
    assert not (folder / "square.beats").exists()
    assert (folder / "shift.mp4").exists()
    record = json.loads((folder / "pack.json").read_text())
    assert record["scenes"][2] == {
        "name": "square",
        "number": 3,
        "title": "The square scene",
        "maths": "",
        "available": False,
        "error": "RuntimeError: TeX failed",
    }
    page = (folder / "index.html").read_text()
    assert 'id="scene-square" data-scene="square" data-missing="true"' in page
    assert "RuntimeError: TeX failed" in page
    assert len(list(Presentation(str(folder / "slides.pptx")).slides)) == 2 * (1 + len(BEATS))


def test_a_broken_render_costs_only_its_scene(tmp_path: Path) -> None:
    render_dir = tmp_path / "render"
    for name in SCENES:
        fake_render(render_dir, name)
    (render_dir / "neuron.mp4").write_bytes(b"not a video")
    (render_dir / "shift.sections.json").write_text("{", encoding="utf-8")
    result = build_pack(sources(render_dir), tmp_path / "pack")
    assert [entry.name for entry in result.missing] == ["neuron", "shift"]
    assert "cannot be read" in result.missing[1].error
    assert result.entries[2].available


def test_ctrl_c_while_writing_leaves_the_old_file_and_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render_dir, first = make(tmp_path)
    folder = first.pack_dir
    old_handout = (folder / "handout.pdf").read_bytes()
    old_poster = (folder / "square.png").read_bytes()
    fake_render(render_dir, "square", poster=0)

    from relu_anim.lecture import handout

    def interrupted(context: object, *args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(handout, "_page", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_pack(sources(render_dir), folder)
    assert (folder / "handout.pdf").read_bytes() == old_handout
    assert (folder / "square.png").read_bytes() != old_poster  # that file was finished
    assert not [p.name for p in folder.rglob("*") if "partial" in p.name]
    # The next build finishes the job.
    monkeypatch.undo()
    assert "handout.pdf" in build_pack(sources(render_dir), folder).written


def test_without_python_pptx_the_pack_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slides, "slides_available", lambda: False)
    render_dir, result = make(tmp_path)
    assert not (tmp_path / "pack" / "slides.pptx").exists()
    assert result.notes == [
        "slides.pptx skipped: python-pptx is not installed (pip install 'relu-anim[slides]')"
    ]
    # The presenter configs are ours, and are written all the same.
    assert (tmp_path / "pack" / "slides" / "square.json").exists()
    with pytest.raises(slides.SlidesUnavailableError, match=r"pip install 'relu-anim\[slides\]'"):
        build_pack(sources(render_dir), tmp_path / "other", want_slides=True)
    assert not (tmp_path / "other").exists()


def test_building_the_pack_needs_no_browser(tmp_path: Path) -> None:
    render_dir = tmp_path / "render"
    fake_render(render_dir, "square")
    code = (
        "import sys; from pathlib import Path;"
        "from relu_anim.lecture import build_pack, SceneSource;"
        f"build_pack([SceneSource('square', 'S', Path({str(render_dir)!r}))], Path('pack'));"
        "sys.exit(any(m.startswith('playwright') for m in sys.modules))"
    )
    # No PATH at all: no chromium, ffmpeg or any other program can be found.
    env = {key: value for key, value in os.environ.items() if key != "PATH"}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=False)
    assert done.returncode == 0
    assert (tmp_path / "pack" / "index.html").exists()


def test_the_lecture_package_does_not_import_manim() -> None:
    code = "import sys, relu_anim.lecture.pack; sys.exit('manim' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_square_companion_keeps_its_size_for_a_thousand_units() -> None:
    from relu_anim.lecture.companion import square_data

    data = square_data(SceneParams(units=1000, target="square"))
    counts = [step["n"] for step in data["steps"]]
    assert counts[0] == 1
    assert counts[-1] == 1000
    assert len(counts) <= 200
    assert counts == sorted(set(counts))
    assert all(len(step["x"]) == step["n"] + 1 for step in data["steps"])
    assert np.all(np.diff(data["target"]["x"]) > 0)


def test_scene_defaults_are_read_from_the_file_or_refused(tmp_path: Path) -> None:
    from relu_anim.lecture.companion import scene_defaults

    plain = tmp_path / "plain.py"
    plain.write_text("class S(StoryScene):\n    DEFAULTS = SceneParams(units=7, interval=(0, 1))\n")
    assert scene_defaults(plain) == SceneParams(units=7, interval=(0.0, 1.0))
    named = tmp_path / "named.py"
    named.write_text("class S(StoryScene):\n    DEFAULTS = SceneParams(units=UNITS)\n")
    with pytest.raises(ValueError, match="malformed node"):
        scene_defaults(named)


ODD_PACK_JSON = {
    "scenes not a list": '{"format": 1, "scenes": 3, "stamps": {}}',
    "scene not an object": '{"format": 1, "scenes": [1, "shift", null], "stamps": {}}',
    "name a list": '{"format": 1, "scenes": [{"name": ["shift"]}], "stamps": {}}',
    "stamps a list": '{"format": 1, "scenes": [], "stamps": ["slides"]}',
    "stamp not a string": '{"format": 1, "scenes": [], "stamps": {"slides": {"a": 1}}}',
    "deeply nested": '{"format": 1, "scenes": ' + "[" * 100_000,
    "a list": "[]",
}


@pytest.mark.parametrize("text", ODD_PACK_JSON.values(), ids=ODD_PACK_JSON.keys())
def test_an_odd_pack_json_is_rebuilt(tmp_path: Path, text: str) -> None:
    render_dir, _ = make(tmp_path, want_slides=False)
    folder = tmp_path / "pack"
    (folder / "pack.json").write_text(text)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "square.json").write_text("[1, 2]")  # companion data: not an object
    result = build_pack(sources(render_dir), folder, want_slides=False)
    assert result.missing == []
    assert "pack.json" in result.written
    record = json.loads((folder / "pack.json").read_text())
    assert [scene["name"] for scene in record["scenes"]] == list(SCENES)
    assert isinstance(json.loads((folder / "data" / "square.json").read_text()), dict)


def test_a_deeply_nested_sections_json_costs_only_its_scene(tmp_path: Path) -> None:
    render_dir = tmp_path / "render"
    for name in SCENES:
        fake_render(render_dir, name)
    (render_dir / "shift.sections.json").write_text("[" * 100_000, encoding="utf-8")
    result = build_pack(sources(render_dir), tmp_path / "pack", want_slides=False)
    assert [entry.name for entry in result.missing] == ["shift"]
    assert "render the scene again" in result.missing[0].error
