"""The golden-frame fixture: names from the test id, ``--set_test``, and a diff PNG on failure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")

TESTS = """
import numpy as np
import pytest

def frame(value):
    picture = np.zeros((18, 32, 4), dtype=np.uint8)
    picture[..., 3] = 255
    picture[4:8, 10:20, :3] = value
    return picture

VALUE = {value}

def test_last_frame(golden_frame):
    golden_frame(frame(VALUE))

@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
def test_each_aspect(golden_frame, aspect):
    golden_frame(frame(VALUE), suffix="end")
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST.read_text())
    return pytester


def run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    # Without the plugins these tests do not need; each would add seconds to every run.
    return suite.runpytest("-p", "no:hypothesispytest", "-p", "no:xdist", *args)


def test_names_come_from_the_test_id(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_scene_demo=TESTS.format(value=200))
    run(suite, "--set_test").assert_outcomes(passed=3)
    written = sorted(str(p.relative_to(suite.path)) for p in suite.path.rglob("*.npz"))
    assert written == [
        "control_data/scene_demo/each_aspect-16_9-end.npz",
        "control_data/scene_demo/each_aspect-9_16-end.npz",
        "control_data/scene_demo/last_frame.npz",
    ]
    run(suite).assert_outcomes(passed=3)


def test_a_mismatch_writes_expected_actual_and_difference(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_scene_demo=TESTS.format(value=200))
    run(suite, "--set_test").assert_outcomes(passed=3)
    suite.makepyfile(test_scene_demo=TESTS.format(value=90))
    result = run(suite, "-k", "last_frame", f"--basetemp={suite.path / 'tmp'}")
    result.assert_outcomes(failed=1)
    message = next(line for line in result.outlines if "differ from the golden frame" in line)
    assert "control_data/scene_demo/last_frame.npz" in message
    png = Path(message.split("difference: ")[1].split(")")[0])
    assert png.name == "last_frame-diff.png"
    assert png.exists()
    picture = np.asarray(Image.open(png).convert("RGB"))
    assert picture.shape == (18, 3 * 32 + 2 * 4, 3)
    expected, actual, difference = picture[:, :32], picture[:, 36:68], picture[:, 72:]
    assert (expected[5, 12] == 200).all()
    assert (actual[5, 12] == 90).all()
    assert (difference[5, 12] == (255, 0, 0)).all()  # a mismatched pixel, in red
    assert (difference[0, 0] == 0).all()  # a matching one, dimmed
