"""Hostile config files and targets are refused before any render: one line, exit 2, fast.

Each case runs the real CLI in a subprocess under an address-space limit and a timeout, so
an input that still ran away (3 GB of ticks for ``--target 3``, ``--config /dev/zero`` read
into memory, a FIFO that blocks forever) fails its test instead of taking the machine down.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from relu_anim import watch
from relu_anim.cli import effective_config

MEMORY_LIMIT = 2 << 30  # bytes of address space for the CLI under test
TIMEOUT = 60.0  # seconds before a run counts as runaway and is killed
# Validation is a parse and a few array evaluations; the rest is Python's start-up on a
# loaded 2-core machine.
FAST = 15.0


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """Run ``relu-anim ARGS`` in ``cwd`` under the limits: exit code, stdout, stderr, seconds."""
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "relu_anim.cli", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limited,
            env={**os.environ, "PYTHONWARNINGS": "default"},  # a numpy warning must show
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"relu-anim {' '.join(args)[:80]} ran for more than {TIMEOUT:.0f} s")
    return result.returncode, result.stdout, result.stderr, time.monotonic() - started


def assert_refused(args: list[str], cwd: Path, *fragments: str) -> str:
    """Assert ``relu-anim ARGS`` exits 2 at once with one error line and writes nothing."""
    before = set(cwd.rglob("*"))
    code, out, err, seconds = run_limited(args, cwd)
    assert code == 2, f"exit {code}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    assert out == ""
    assert err.count("\n") == 1, err[-2000:]
    assert err.startswith("relu-anim: error: "), err[-2000:]
    assert "Traceback" not in err
    assert "Warning" not in err
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} not in {err!r}"
    assert set(cwd.rglob("*")) == before, "a refused input wrote files"
    assert seconds < FAST, f"took {seconds:.1f} s to refuse"
    return err


# -- config files --------------------------------------------------------------------------


def _deep_array(path: Path) -> Path:
    path.write_text("[render]\nquality = " + "[" * 5000 + '"h"' + "]" * 5000 + "\n")
    return path


def _deep_table(path: Path) -> Path:
    path.write_text("[params]\ntheme = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _two_megabytes(path: Path) -> Path:
    # Valid TOML all the way (comments), so only the size can be the reason.
    path.write_text(("# " + "x" * 1021 + "\n") * 2048 + "[render]\njobs = 1\n")
    return path


def _not_utf8(path: Path) -> Path:
    path.write_bytes(b'[render]\nquality = "\xff\xfe"\n')
    return path


BAD_CONFIGS = {
    "deep-array": (_deep_array, "nested too deeply"),
    "deep-inline-table": (_deep_table, "nested too deeply"),
    "fifo": (_fifo, "not a regular file"),
    "folder": (_folder, "is a folder"),
    "2-MB": (_two_megabytes, "larger than 1024 KiB"),
    "not-utf8": (_not_utf8, "not UTF-8"),
}


@pytest.mark.parametrize(("make", "fragment"), BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
def test_bad_config_file_is_refused_at_once(make, fragment: str, tmp_path: Path) -> None:
    config = make(tmp_path / "hostile.toml")
    args = ["render", "shift", "-q", "l", "--config", str(config), "-o", "out"]
    assert_refused(args, tmp_path, "hostile.toml", fragment)


def test_dev_zero_as_config_is_refused_without_reading_it(tmp_path: Path) -> None:
    args = ["render", "shift", "--config", "/dev/zero", "-o", "out"]
    assert_refused(args, tmp_path, "/dev/zero", "not a regular file")


def test_a_fifo_named_like_the_default_config_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "relu-anim.toml")
    assert_refused(["render", "shift", "-o", "out"], tmp_path, "relu-anim.toml", "regular file")


def test_watch_survives_a_bad_config_edit(tmp_path: Path) -> None:
    config = tmp_path / "relu-anim.toml"
    config.write_text("[render]\njobs = 1\n")
    said: list[str] = []
    heard = threading.Condition()

    def say(text: str) -> None:
        with heard:
            said.append(text)
            heard.notify_all()

    flags = dict.fromkeys(
        ("units", "interval", "target", "theme", "quality", "fmt", "aspect", "output_dir", "jobs")
    )

    def render_round() -> None:
        # What the watch command does each round: read the config and flags again.
        effective_config(("shift",), False, config, **flags)
        said.append("round")

    thread = threading.Thread(
        target=watch.watch_and_render,
        args=(render_round, config),
        kwargs={"folders": [tmp_path], "exit_after": 3, "say": say},
        daemon=True,
    )
    thread.start()

    def wait_for(text: str) -> None:
        # Woken by the watch's own line. It polled for 20 s and then went on regardless: on a
        # slow machine the fixed config could be written before the watch read the broken one.
        with heard:
            reached = heard.wait_for(lambda: any(text in line for line in said), timeout=120)
        assert reached, f"the watch never said {text!r}: {said}"

    wait_for("watching")
    _deep_array(config)
    wait_for("waiting for the next change")
    config.write_text("[render]\njobs = 2\n")
    thread.join(20)
    assert not thread.is_alive(), f"the watch stopped early or hung: {said}"
    errors = [line for line in said if line.startswith("relu-anim: error:")]
    assert len(errors) == 1, said
    assert "nested too deeply" in errors[0], said
    assert said.count("round") == 2, "the watch did not render again after the fix"


# -- targets and intervals -----------------------------------------------------------------

HOSTILE_TARGETS = [
    # (target, interval or None, words the one line must contain)
    ("1e15+x", None, ["reaches 1e+15", "±1e+06"]),
    ("1e300*x", "0,700", ["reaches 7e+302"]),
    ("exp(x)", "0,700", ["reaches 1.01e+304"]),
    ("tan(x)", "0,700", ["pole or spike near x = 1.5708"]),
    ("tan(x)", "0,3", ["pole or spike near x = 1.5708"]),
    ("1/(x-0.3333)", "0,1", ["pole or spike near x = 0.3333"]),
    ("1/abs(x-0.33333)", "0,1", ["near x = 0.33333"]),
    ("1/((x-0.3333)**2+1e-20)", "0,1", ["reaches"]),
    ("log(abs(x-0.3333))", "0,1", ["not finite near x = 0.3333"]),
    ("1/(x-1)", "0,2", ["not finite at x = 1"]),
    ("x**x**x**x", None, ["not finite"]),
    ("exp(exp(exp(x)))", None, ["not finite"]),
    ("log(x)", "-1,1", ["not finite at x = -1"]),
    ("sqrt(x)", "-1,1", ["not finite at x = -1"]),
    ("9**9**9", None, ["not finite"]),
    ("1e-6*x", "0,1", ["changes by only 1e-06"]),
    ("1e5+1e-3*x", "0,1", ["changes by only 0.001", "around 100000"]),
    ("(" * 10000 + "x" + ")" * 10000, None, ["20001 characters", "keep it to 200"]),
    ("x" + "+x" * 50_000, None, ["100001 characters"]),
    ("x", "nan,1", ["finite LO < HI"]),
    ("x", "inf,1", ["finite LO < HI"]),
    ("x", "1e308,1e309", ["finite LO < HI"]),
]


@pytest.mark.parametrize(
    ("target", "interval", "fragments"),
    HOSTILE_TARGETS,
    ids=[f"{t[:24]} on {i}" for t, i, _ in HOSTILE_TARGETS],
)
def test_hostile_target_is_refused_before_rendering(
    target: str, interval: str | None, fragments: list[str], tmp_path: Path
) -> None:
    args = ["render", "square", "-q", "l", "--target", target, "-o", "out"]
    if interval is not None:
        args += ["--interval", interval]
    assert_refused(args, tmp_path, *fragments)


def test_a_megabyte_target_in_the_config_file_is_refused(tmp_path: Path) -> None:
    # Too long for one command-line argument (128 KiB), so it comes through the file.
    config = tmp_path / "relu-anim.toml"
    config.write_text('[scenes.square]\ntarget = "' + "x+" * 500_000 + 'x"\n')
    assert_refused(["render", "square", "-o", "out"], tmp_path, "1000001 characters")


@pytest.mark.parametrize("scene", ["neuron", "shift"])
def test_a_bad_target_for_a_scene_without_one_is_refused(scene: str, tmp_path: Path) -> None:
    args = ["render", scene, "--target", "sin(3*x", "-o", "out"]
    assert_refused(args, tmp_path, "target 'sin(3*x'", "syntax error")


def test_a_bad_target_in_params_is_refused_for_every_scene(tmp_path: Path) -> None:
    (tmp_path / "relu-anim.toml").write_text('[params]\ntarget = "x.__class__"\n')
    assert_refused(["render", "neuron", "-o", "out"], tmp_path, "attribute access")


# -- output folders ------------------------------------------------------------------------


@pytest.mark.render
@pytest.mark.parametrize("folder", ["notes 50% ~draft", "line\nbreak", "a#b$c&d^e\\f"])
def test_an_output_folder_tex_cannot_name_still_renders_formulas(
    folder: str, tmp_path: Path
) -> None:
    # LaTeX reads % as a comment and ~ as a space in a file name on its command line: every
    # formula failed (exit 1) in such a folder until LaTeX ran in a private one.
    code, _, err, _ = run_limited(
        ["render", "neuron", "-q", "l", "--format", "png", "-o", folder], tmp_path
    )
    assert code == 0, err[-2000:]
    assert (tmp_path / folder / "neuron.png").stat().st_size > 10_000
    typeset = list((tmp_path / folder / ".work" / "Tex").glob("*.svg"))
    assert typeset, "the formulas did not reach the output folder's shared TeX cache"
    assert all(svg.read_bytes().rstrip().endswith(b"</svg>") for svg in typeset)


@pytest.mark.parametrize("folder", ["a{f}", "{media_dir}", "x}"])
def test_an_output_folder_with_braces_is_refused(folder: str, tmp_path: Path) -> None:
    # Manim formats its folder templates with str.format: a brace failed mid-render (KeyError).
    assert_refused(["render", "neuron", "-o", folder], tmp_path, "brace", "-o DIR")
