"""Variants: comma lists of themes, aspects and qualities render their product, one job each."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from click.testing import CliRunner

from relu_anim.catalog import scene_named
from relu_anim.cli import main
from relu_anim.config import load_config
from relu_anim.render.batch import render_jobs, variant_jobs
from relu_anim.settings import ConfigError, RenderSettings, SceneParams


def names(theme: object, aspect: object, quality: object) -> list[str]:
    settings = RenderSettings(quality=quality, aspect=aspect)
    return [
        job.name
        for job in variant_jobs([(scene_named("shift"), SceneParams(theme=theme))], settings)
    ]


def test_one_variant_keeps_todays_names() -> None:
    assert names(None, "16:9", "m") == ["shift"]
    assert names("light", "4:3", "h") == ["shift"]
    assert names(["light", "light"], "4:3", "h,h") == ["shift"]  # repeats are one variant


def test_the_product_is_named_scene_theme_aspect_quality() -> None:
    got = names("dark,light", ("16:9", "4:3", "9:16"), "h,k")
    assert len(got) == 12
    assert len(set(got)) == 12
    assert "shift.light.9x16.h" in got
    assert "shift.dark.4x3.k" in got
    # no theme asked for: the scene's own (dark) names the files
    assert names(None, "16:9,9:16", "l") == ["shift.dark.16x9.l", "shift.dark.9x16.l"]


def test_each_job_carries_one_variant() -> None:
    settings = RenderSettings(quality="h,k", aspect="9:16")
    jobs = variant_jobs([(scene_named("neuron"), SceneParams(theme=("dark", "light")))], settings)
    variants = {(job.params.theme, job.settings(settings).quality) for job in jobs}
    assert variants == {("dark", "h"), ("dark", "k"), ("light", "h"), ("light", "k")}
    assert all(job.settings(settings).frame["pixel_height"] > 1000 for job in jobs)


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ({"quality": "h,z"}, "quality = 'z'; use one of: l, m, h, k"),
        ({"quality": []}, "quality is an empty list"),
        ({"aspect": ["16:9", "21:9"]}, "aspect = '21:9'"),
        ({"aspect": "16:9,"}, "aspect = ''"),
    ],
)
def test_bad_lists_are_one_line(given: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        RenderSettings(**given)


def test_config_file_takes_lists(tmp_path: Path) -> None:
    path = tmp_path / "relu-anim.toml"
    path.write_text(
        '[render]\nquality = ["h", "k"]\naspect = ["16:9", "9:16"]\n'
        '[params]\ntheme = ["dark", "light"]\n'
    )
    config = load_config(path)
    assert (config.render.quality, config.render.aspect) == (("h", "k"), ("16:9", "9:16"))
    assert config.params_for("shift").theme == ("dark", "light")
    path.write_text('[params]\ntheme = ["dark", "neon"]\n')
    with pytest.raises(ConfigError, match=r"\[params\]: theme = 'neon'"):
        load_config(path)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["render", "shift", "--theme", "dark,neon"], "'--theme': theme = 'neon'"),
        (["render", "shift", "-q", "h,,k"], "'--quality': quality = ''"),
        (["render", "shift", "--aspect", "16:9,21:9"], "'--aspect': aspect = '21:9'"),
        (["lecture", "shift", "--theme", "dark,light"], "one video per scene"),
    ],
)
def test_bad_variant_flags(
    args: list[str], fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert fragment in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_config_command_shows_the_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["config", "shift", "-q", "h,k", "--theme", "dark,light"])
    assert result.exit_code == 0, result.output
    assert 'quality = ["h", "k"]' in result.output
    assert 'theme = ["dark", "light"]' in result.output


@pytest.mark.render
def test_variants_render_with_their_own_names_and_records(tmp_path: Path) -> None:
    settings = RenderSettings(
        quality="l",
        aspect="16:9,9:16",
        output_dir=tmp_path,
        jobs=1,
        progress_bar=False,
        manim_config=(("frame_rate", 5),),
    )
    jobs = variant_jobs([(scene_named("shift"), SceneParams(theme="light"))], settings)
    outcomes = render_jobs(jobs, settings)
    assert [o.status for o in outcomes] == ["rendered", "rendered"]
    for stem, (width, height) in {
        "shift.light.16x9.l": (854, 480),
        "shift.light.9x16.l": (480, 854),
    }.items():
        with av.open(str(tmp_path / f"{stem}.mp4")) as video:
            stream = video.streams.video[0]
            assert (stream.width, stream.height) == (width, height)
        for suffix in (".srt", ".sections.json", ".beats"):
            assert (tmp_path / f"{stem}{suffix}").exists()
        record = json.loads((tmp_path / ".relu-anim" / f"{stem}.json").read_text())
        assert record["outputs"][0] == f"{stem}.mp4"
    assert not (tmp_path / "shift.mp4").exists()
    again = render_jobs(
        variant_jobs([(scene_named("shift"), SceneParams(theme="light"))], settings), settings
    )
    assert [o.status for o in again] == ["up to date", "up to date"]
