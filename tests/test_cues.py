"""Captions cut into cues a viewer can read: two lines of 42, 17 characters a second, 1 s.

The norms are checked here by counting characters and seconds directly, on hand-written
captions and on random ones; tests/test_scene_cues.py checks every scene's cues as written.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_anim.captions.cues import seconds_needed, split_caption, timed_cues

SENTENCES = (
    "One sin unit is a whole power series: sin(x) = x − x³/6 + x⁵/120 − …, so x³, x⁵ and "
    "every odd power are in it.",
    "The squared loss ½(x² − h1)² stays below 1/32 on [−1, 1], then climbs fast.",
    "Our target: the curve y = x² on [0, 2].",
    "The tent map T(x) = 2·ReLU(x) − 4·ReLU(x − ½) + 2·ReLU(x − 1): three units of one layer, "
    "up to 1 at x = ½ and back down to 0.",
    "A single unit gives a straight line through the two ends of the curve: it already matches "
    "the target exactly.",
    "With 100 units the curve lies on the target: the max error is 1/N² = 0.0001.",
)


def assert_readable(cues: tuple[str, ...]) -> None:
    for cue in cues:
        lines = cue.split("\n")
        assert 1 <= len(lines) <= 2, cue
        assert all(0 < len(line) <= 42 for line in lines), cue
        assert all(line == line.strip() for line in lines), cue


@pytest.mark.parametrize("caption", SENTENCES)
def test_cues_fit_two_lines_and_keep_every_word_in_order(caption: str) -> None:
    cues = split_caption(caption)
    assert_readable(cues)
    assert " ".join(cues).split() == caption.split()


def test_a_caption_is_cut_at_its_sentences_before_its_clauses() -> None:
    first = "Left of h the unit is off and outputs 0; right of h it is on and rises."
    second = "A ReLU unit is a switch placed at x = h, nothing more."
    cues = split_caption(f"{first} {second}")
    assert [cue.replace("\n", " ") for cue in cues] == [first, second]


def test_brackets_and_formulas_stay_whole_on_one_line() -> None:
    caption = (
        "The squared loss of this little network stays below 1/32 on the interval [−1, 1], "
        "and the output is y = max(0, z) for every input z = w·x + b we try."
    )
    lines = [line for cue in split_caption(caption) for line in cue.split("\n")]
    for whole in ("[−1, 1],", "max(0, z)", "z = w·x + b", "1/32"):
        assert any(whole in line for line in lines), (whole, lines)


def test_a_comma_in_a_list_of_symbols_is_not_where_a_cue_ends() -> None:
    cues = split_caption(
        "One sin unit is a whole power series: sin(x) = x − x³/6 + x⁵/120 − …, "
        "so x³, x⁵ and every odd power are in it."
    )
    assert not any(cue.endswith("x³,") for cue in cues)


def test_a_caption_that_fits_keeps_its_own_line_breaks() -> None:
    assert split_caption("Line one.\n\nLine two.") == ("Line one.\nLine two.",)
    assert split_caption("   ") == ()
    assert seconds_needed("") == 0.0


def test_each_cue_needs_a_second_or_its_characters_at_17_per_second() -> None:
    assert 1.0 <= seconds_needed("Short.") <= 1.01
    text = "a" * 40 + " " + "b" * 40  # 81 characters, cut into two lines of one cue
    assert split_caption(text) == ("a" * 40 + "\n" + "b" * 40,)
    assert 81 / 17 <= seconds_needed(text) <= 81 / 17 + 0.01


@pytest.mark.parametrize("caption", SENTENCES)
@pytest.mark.parametrize("slack", [0.0, 3.7])
def test_cues_share_a_long_enough_beat_and_each_is_readable(caption: str, slack: float) -> None:
    start = 12.25
    end = start + seconds_needed(caption) + slack
    cues = timed_cues(caption, start, end)
    assert cues[0].start == start
    assert cues[-1].end == end
    for before, after in itertools.pairwise(cues):
        assert after.start == before.end
    for cue in cues:
        # Milliseconds, as SRT writes them (it truncates).
        shown = int(cue.end * 1000) / 1000 - int(cue.start * 1000) / 1000
        assert shown >= 1.0
        assert len(cue.text) / shown <= 17.0


WORDS = st.one_of(
    st.from_regex(r"[a-z]{1,12}[,.:;]?", fullmatch=True),
    st.sampled_from(["x²", "[0, 2]", "ReLU(x − 1)", "=", "+", "−", "h₁", "—", "and", "1/N²"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_any_caption_becomes_readable_cues_of_the_same_words(words: list[str]) -> None:
    caption = " ".join(words)
    cues = split_caption(caption)
    assert_readable(cues)
    assert " ".join(cues).split() == caption.split()
    for bracket in re.findall(r"\[[^\]]*\]|\w+\([^)]*\)", caption):
        assert any(bracket in line for cue in cues for line in cue.split("\n")), bracket
    cues_timed = timed_cues(caption, 0.0, seconds_needed(caption))
    assert all(cue.end - cue.start >= max(1.0, len(cue.text) / 17) for cue in cues_timed)
