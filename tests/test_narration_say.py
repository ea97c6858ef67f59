"""The normaliser that reads captions aloud (issue 21, item 2): the maths in words.

Expected words are typed here by hand, as a lecturer would say each caption; none is copied
from the normaliser's output.
"""

from __future__ import annotations

import pytest

from relu_anim.narration.say import number_words, readable, spoken, unspoken

RELU = "[[ ɹˈeɪluː ]]"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("x²", "x squared"),
        ("x³", "x cubed"),
        ("x⁵", "x to the fifth"),
        ("2⁻¹⁶", "two to the power minus sixteen"),
        (
            "The curve y = x² on [0, 2].",
            "The curve y equals x squared on the interval from zero to two.",
        ),
        ("x² on [−3, 3]", "x squared on the interval from minus three to three"),
        ("The target x², [0, 2].", "The target x squared, on the interval from zero to two."),
        ("every integer of [−2, 2]", "every integer of the interval from minus two to two"),
        ("on [-1, 1]²", "on the square from minus one to one in both inputs"),
        ("1/N²", "one over N squared"),
        ("errors ≈ 0.67 times", "errors about zero point six seven times"),
        ("x − h", "x minus h"),
        ("−2", "minus two"),
        ("|x|", "the absolute value of x"),
        ("|x − 0.3|", "the absolute value of x minus zero point three"),
        ("ReLU", RELU),
        ("ReLUs", "[[ ɹˈeɪluːz ]]"),
        ("0.000100", "zero point zero zero zero one zero zero"),
        ("0.0001", "zero point zero zero zero one"),
        ("4000 steps", "four thousand steps"),
        ("128", "one hundred twenty-eight"),
        ("y = max(0, z)", "y equals the maximum of zero and z"),
        # a pause after a phoneme block goes inside it, where Piper keeps it
        ("applies ReLU: the output", "applies [[ ɹˈeɪluː: ]] the output"),
        ("A ReLU. Then", "A [[ ɹˈeɪluː. ]] Then"),
        ("ReLU(x − h)", f"{RELU} of x minus h"),
        ("sin(3*x)", "sine of three times x"),
        ("sin(3 * x) + x ** 2 / 2", "sine of three times x plus x squared over two"),
        ("abs(x)", "the absolute value of x"),
        ("x₁, x₂", "x one, x two"),
        ("h = −b'/w₁", "h equals minus b prime over w one"),
        ("below 1/2.", "below one half."),
        ("½(x² − h1)²", "one half the square of x squared minus h one"),
        ("±3", "plus or minus three"),
        ("N = 2 … 20", "N equals two to twenty"),
        ("2^(s−1) teeth", "two to the power s minus one teeth"),
        ("sin(x) = x − x³/6 + …", "sine of x equals x minus x cubed over six plus and so on"),
        ("z = w·x + b", "z equals w dot x plus b"),
        ("x1·x2", "x one times x two"),
        ("aᵢ", "[[ ˈeɪ ]] i"),
        ("the s-th", "the [[ ˈɛsθ ]]"),
        ("0.113 for tanh", "zero point one one three for tanch"),
        ("sin(3x) on [−π, π]", "sine of three x on the interval from minus pi to pi"),
        ("RMS error", "R M S error"),
        (
            "(N = 20, 40, …; drawn at the bottom).",
            "N equals twenty, forty, and so on; drawn at the bottom.",
        ),
        ("one-layer net", "one-layer net"),
        ("The asker's term", "The asker's term"),
    ],
)
def test_maths_is_said_in_words(written: str, said: str) -> None:
    assert spoken(written) == said


@pytest.mark.parametrize(
    ("digits", "words"),
    [
        ("0", "zero"),
        ("7", "seven"),
        ("19", "nineteen"),
        ("20", "twenty"),
        ("21", "twenty-one"),
        ("100", "one hundred"),
        ("1000000", "one million"),
        ("2071", "two thousand seventy-one"),
        ("1.5", "one point five"),
        ("0.50", "zero point five zero"),
    ],
)
def test_numbers_are_read_to_the_digits_shown(digits: str, words: str) -> None:
    assert number_words(digits) == words


def test_a_person_reads_the_written_words_where_the_voice_reads_phonemes() -> None:
    assert readable(spoken("Then it applies ReLU to aᵢ.")) == "Then it applies ReLU to a i."
    assert readable(spoken("It applies ReLU: ReLUs.")) == "It applies ReLU: ReLUs."


def test_unspoken_finds_symbols_outside_phoneme_blocks_only() -> None:
    assert unspoken("x² and [[ ɹˈeɪluː ]] ≈ 1") == {"²", "≈", "1"}
    assert unspoken("zero point five, then: one; two? three! it's one-layer.") == set()
