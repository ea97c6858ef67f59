"""``--split N``: a scene rendered in N runs of whole beats and joined equals the unsplit render.

The real renders decode the joined video and the unsplit one and compare every frame for exact
equality, and compare the captions, ``sections.json`` and every beat clip. They run at -q l
with a lower frame rate and a smaller frame (as tests/test_cluster.py does) to stay quick:
which frames a piece draws does not depend on the size or the rate. Bad ``--split`` input is
one line and exit 2; a scene marked ``SPLITTABLE = False`` is refused.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner

from relu_anim.catalog import read_scene_file, scene_named
from relu_anim.cli import main
from relu_anim.config import load_config
from relu_anim.render.batch import Outcome, render_jobs, variant_jobs
from relu_anim.render.pieces import (
    Piece,
    PieceResult,
    balanced_cuts,
    beat_costs,
    pieces_for,
    record_costs,
)
from relu_anim.settings import ConfigError, RenderSettings, SceneParams

# Its module-scoped fixtures are built once: every test of this module runs on one
# xdist worker (pyproject: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("split")

CLI = (sys.executable, "-m", "relu_anim.cli")


def small(output_dir: Path, **extra: object) -> RenderSettings:
    """-q l at a quarter of its pixels and 5 frames a second."""
    pixels = (("pixel_width", 214), ("pixel_height", 120), ("frame_rate", 5))
    given = {"jobs": 2, "progress_bar": False, "manim_config": pixels, **extra}
    return RenderSettings(quality="l", output_dir=output_dir, **given)


def decoded(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def assert_same_frames(expected: Path, actual: Path) -> int:
    """Every decoded frame of ``actual`` equals that of ``expected``; return the count."""
    first, second = decoded(expected), decoded(actual)
    assert len(second) == len(first), f"{actual.name}: {len(second)} frames != {len(first)}"
    different = [
        i for i, (a, b) in enumerate(zip(first, second, strict=True)) if not (a == b).all()
    ]
    assert different == [], f"{actual.name}: frames {different[:10]} differ"
    return len(first)


def assert_split_equals_unsplit(reference: Path, split: Path, stem: str) -> None:
    """Video, captions, sections and beat clips of the split render equal the unsplit ones."""
    frames = assert_same_frames(reference / f"{stem}.mp4", split / f"{stem}.mp4")
    assert frames > 50
    for suffix in (".srt", ".sections.json"):
        assert (split / f"{stem}{suffix}").read_text() == (
            reference / f"{stem}{suffix}"
        ).read_text()
    clips = sorted(p.name for p in (reference / f"{stem}.beats").iterdir())
    assert sorted(p.name for p in (split / f"{stem}.beats").iterdir()) == clips
    beats = json.loads((reference / f"{stem}.sections.json").read_text())["beats"]
    assert len(clips) == len(beats)
    clip_frames = sum(
        assert_same_frames(reference / f"{stem}.beats" / c, split / f"{stem}.beats" / c)
        for c in clips
    )
    assert clip_frames == frames
    leftovers = [p.name for p in split.iterdir() if "partial" in p.name or ".old-" in p.name]
    assert leftovers == []


@pytest.fixture(scope="module")
def unsplit(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``reference(scene)``: the folder of the scene's unsplit render (rendered here, once)."""
    done: dict[str, Path] = {}

    def reference(name: str) -> Path:
        if name not in done:
            out = tmp_path_factory.mktemp(f"unsplit-{name}")
            settings = small(out, jobs=1)
            jobs = variant_jobs([(scene_named(name), SceneParams())], settings)
            assert [o.status for o in render_jobs(jobs, settings)] == ["rendered"]
            done[name] = out
        return done[name]

    return reference


@pytest.mark.render
def test_square_split_in_two_then_three_is_frame_identical(
    unsplit: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "split"
    jobs = variant_jobs([(scene_named("square"), SceneParams())], small(out))
    lines: list[str] = []
    started: list[str] = []

    def report(outcome: Outcome) -> None:
        lines.append(outcome.scene)

    # As after an unsplit render in this folder: its formulas and its beats' lengths are there.
    reference = unsplit("square")
    shutil.copytree(reference / ".work" / "square" / "Tex", out / ".work" / "square" / "Tex")
    shutil.copy(reference / "square.sections.json", out)
    outcomes = render_jobs(jobs, small(out, split=2), report=report, announce=started.append)
    assert [o.status for o in outcomes] == ["rendered"], outcomes
    assert_split_equals_unsplit(unsplit("square"), out, "square")
    pieces = [line for line in lines if "[piece" in line]
    assert len(pieces) == 2, lines
    assert lines[-1] == "square", lines
    assert sorted(started) == sorted(pieces), started  # balanced on the beats' lengths
    beats = json.loads((out / "square.sections.json").read_text())["beats"]
    record = json.loads((out / ".relu-anim" / "square.split.json").read_text())
    assert len(record["drawn"]) == len(beats)
    assert all(s > 0 for s in record["drawn"])

    # Then in three, balanced on what the first split measured (no planning run).
    (out / "square.mp4").write_bytes(b"not this")
    lines.clear()
    started.clear()
    outcomes = render_jobs(
        jobs, small(out, split=3), force=True, report=report, announce=started.append
    )
    assert [o.status for o in outcomes] == ["rendered"], outcomes
    assert_split_equals_unsplit(unsplit("square"), out, "square")
    assert len(started) == 3, started
    assert all("[piece" in line for line in started), started
    assert {line.split("[")[1].split(",")[0] for line in started} == {
        "piece 1/3",
        "piece 2/3",
        "piece 3/3",
    }
    # The manifest knows it: the unsplit settings find it up to date.
    again = render_jobs(jobs, small(out))
    assert [o.status for o in again] == ["up to date"]


@pytest.mark.render
def test_shift_split_on_a_dask_local_cluster(
    unsplit: Callable[[str], Path], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from relu_anim.render.cluster import dask_executor

    out = tmp_path / "split"
    settings = small(out, split=2)
    jobs = variant_jobs([(scene_named("shift"), SceneParams())], settings)
    said: list[str] = []
    ended: list[Outcome] = []
    with dask_executor("local", workers=2, say=said.append) as executor:
        outcomes = render_jobs(jobs, settings, executor=executor, report=ended.append)
    assert [o.status for o in outcomes] == ["rendered"], outcomes
    assert_split_equals_unsplit(unsplit("shift"), out, "shift")
    pieces = [o for o in ended if "[piece" in o.scene]
    assert len(pieces) == 2
    assert all(o.worker.startswith("tcp://127.0.0.1:") for o in pieces), pieces
    assert sorted(line.split(": rendering on ")[0] for line in said) == sorted(
        ["shift [plan: beat lengths]", *(o.scene for o in pieces)]
    ), said


@pytest.mark.render
def test_ctrl_c_during_a_split_render_leaves_the_old_video(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "shift.mp4").write_bytes(b"the old video")
    process = subprocess.Popen(
        [*CLI, "render", "shift", "-q", "l", "-o", str(out), "--split", "2", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # A test run started in the background ignores SIGINT, and children inherit that (the
        # CLI then rightly keeps ignoring it and finishes); a terminal's Ctrl-C reaches a
        # process with the default handler.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    for line in process.stdout:  # the first piece has started
        if b"[piece" in line:
            break
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.decode().strip().endswith("(one stopped mid-render left the old file or none)"), (
        stderr
    )
    assert (out / "shift.mp4").read_bytes() == b"the old video"
    assert sorted(p.name for p in out.iterdir()) == [".work", "shift.mp4"]


# -- balancing ---------------------------------------------------------------------------------


def slowest(drawn: list[float], dry: list[float], starts: list[int]) -> float:
    bounds = [*starts, len(drawn)]
    return max(sum(dry[:i]) + sum(drawn[i:j]) for i, j in itertools.pairwise(bounds))


@pytest.mark.parametrize("seed", range(20))
def test_cuts_are_the_best_possible(seed: int) -> None:
    rng = random.Random(seed)
    beats = rng.randint(1, 9)
    drawn = [rng.uniform(0.1, 10) for _ in range(beats)]
    dry = [rng.uniform(0, 1) * d for d in drawn]
    count = rng.randint(1, 6)
    cuts = balanced_cuts(drawn, count, dry)
    assert len(cuts) == min(count, beats) - 1
    assert cuts == sorted(set(cuts))
    assert all(0 < c < beats for c in cuts)
    brute = min(
        slowest(drawn, dry, [0, *chosen])
        for chosen in itertools.combinations(range(1, beats), min(count, beats) - 1)
    )
    assert slowest(drawn, dry, [0, *cuts]) == pytest.approx(brute)


def test_pieces_cover_every_beat_once() -> None:
    pieces = pieces_for([3, 1, 4, 1, 5, 9, 2, 6], 3)
    assert [p.index for p in pieces] == [0, 1, 2]
    assert {p.count for p in pieces} == {3}
    assert pieces[0].first == 0
    assert pieces[-1].stop is None
    assert all(a.stop == b.first for a, b in itertools.pairwise(pieces))
    # no estimate at all: one piece, the whole scene
    assert [(p.first, p.stop) for p in pieces_for([], 4)] == [(0, None)]


def test_costs_come_from_the_last_split_else_the_beats(tmp_path: Path) -> None:
    assert beat_costs(tmp_path, "square") is None
    beats = [{"start": 0.0, "end": 5.0}, {"start": 5.0, "end": 6.5}]
    (tmp_path / "square.sections.json").write_text(json.dumps({"beats": beats}))
    assert beat_costs(tmp_path, "square") == ([5.0, 1.5], None)
    (tmp_path / ".relu-anim").mkdir()
    record = tmp_path / ".relu-anim" / "square.split.json"
    record.write_text(json.dumps({"drawn": [2.0, 7.0], "dry": [0.5, 1.0], "setup": 3.0}))
    assert beat_costs(tmp_path, "square") == ([2.0, 7.0], [0.5, 1.0])
    record.write_text('{"drawn": [2.0, "x"], "dry": [0, 0]}')  # damaged: the beats again
    assert beat_costs(tmp_path, "square") == ([5.0, 1.5], None)


# -- input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--split", "0"], "split must be a whole number from 1 to 64, got 0"),
        (["--split", "65"], "from 1 to 64, got 65"),
        (["--split", "2.5"], "'--split'"),
        (["--split", "two"], "'--split'"),
        (["--split", "2", "--format", "png"], "not png"),
        (["--split", "3", "--format", "gif"], "not gif"),
    ],
)
def test_bad_split_is_one_line(
    args: list[str], fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "square", *args])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert fragment in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_split_in_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "relu-anim.toml"
    path.write_text("[render]\nsplit = 4\n")
    assert load_config(path).render.split == 4
    path.write_text('[render]\nsplit = 4\nformat = "gif"\n')
    with pytest.raises(ConfigError, match=r"relu-anim.toml \[render\]: split 4 needs"):
        load_config(path)
    path.write_text("[render]\nsplit = true\n")
    with pytest.raises(ConfigError, match="split must be a whole number"):
        load_config(path)
    assert RenderSettings().split == 1  # --split 1 and no --split are today's render
    with pytest.raises(ConfigError):
        RenderSettings(split=2, format="png")
    assert RenderSettings(split=2, format="webm").split == 2


UNSPLITTABLE = '''
    from manim import Dot, FadeIn

    from relu_anim.drawing import StoryScene


    class MirrorScene(StoryScene):
        """Draws each frame from the one drawn before."""

        SPLITTABLE = False

        def construct(self):
            self.beat("dot", "A dot.")
            self.play(FadeIn(Dot()))
'''


def test_an_unsplittable_scene_refuses_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    scenes = tmp_path / "mine"
    scenes.mkdir()
    (scenes / "mirror.py").write_text(textwrap.dedent(UNSPLITTABLE))
    assert read_scene_file(scenes / "mirror.py").splittable is False
    assert scene_named("square").splittable is True
    result = CliRunner().invoke(main, ["render", "mirror", "--scenes", "mine", "--split", "2"])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert "scene mirror cannot be split" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    # --split 1 is no split: the scene is accepted (config shows the settings, renders nothing)
    shown = CliRunner().invoke(main, ["config", "mirror", "--scenes", "mine", "--split", "1"])
    assert shown.exit_code == 0, shown.output
    assert "split = 1" in shown.output, shown.output


@pytest.mark.parametrize(
    "damaged",
    [
        '{"drawn": [Infinity, 1.0], "dry": [0, 0]}',
        '{"drawn": [NaN, 1.0], "dry": [0, 0]}',
        '{"drawn": [-1.0, 1.0], "dry": [0, 0]}',
        '{"drawn": [1e300, 1.0], "dry": [0, 0]}',
        '{"drawn": [1.0, 1.0], "dry": [0, Infinity]}',
        '{"drawn": [1.0, 1.0], "dry": [0]}',
        '{"drawn": [], "dry": []}',
        "[]",
        "[" * 100_000,
        json.dumps({"drawn": [1.0] * 100_000, "dry": [0.0] * 100_000}),
    ],
    ids=["inf", "nan", "negative", "huge", "dry inf", "lengths", "empty", "list", "deep", "long"],
)
def test_a_damaged_cost_record_is_no_estimate(tmp_path: Path, damaged: str) -> None:
    # Infinity made every cut land on beat 0: two pieces drew the same plays, every --split
    # failed with a misleading message. The beats' lengths are used instead, and a split
    # balanced on them covers every beat once, at once.
    beats = [{"start": 0.0, "end": 5.0}, {"start": 5.0, "end": 6.5}]
    (tmp_path / "square.sections.json").write_text(json.dumps({"beats": beats}))
    (tmp_path / ".relu-anim").mkdir()
    (tmp_path / ".relu-anim" / "square.split.json").write_text(damaged)
    costs = beat_costs(tmp_path, "square")
    assert costs == ([5.0, 1.5], None)
    pieces = pieces_for(costs[0], 2)
    assert [(p.first, p.stop) for p in pieces] == [(0, 1), (1, None)]


@pytest.mark.parametrize(
    "sections",
    ['{"beats": [{"start": 0, "end": Infinity}]}', '{"beats": [3]}', '{"beats": {}}', "[1]"],
)
def test_damaged_sections_are_no_estimate(tmp_path: Path, sections: str) -> None:
    (tmp_path / "square.sections.json").write_text(sections)
    assert beat_costs(tmp_path, "square") is None


def test_costs_are_recorded_over_a_file_where_the_records_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / ".relu-anim").write_text("not a folder")
    result = PieceResult(Piece(0, 1, 0), drawn_costs={0: 2.0, 1: 3.0}, seconds=6.0)
    record_costs(tmp_path, "square", [result])
    assert beat_costs(tmp_path, "square") == ([2.0, 3.0], [0.0, 0.0])
