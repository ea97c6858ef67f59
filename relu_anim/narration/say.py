"""Captions read aloud: the maths the scenes write for the eye turned into words for a voice.

A caption such as ``"x² on [0, 2]: the max error is 1/N² ≈ 0.0001."`` is written to be read;
a speech synthesiser given it says "x two" or skips the symbols. :func:`spoken` rewrites it
as a lecturer would say it: "x squared on the interval from zero to two: the max error is one
over N squared, about zero point zero zero zero one." Numbers are read to the digits shown
(``0.000100`` is "zero point zero zero zero one zero zero"), so what is heard is what is
written. What reaches the voice is letters, spaces, ``. , ; : ? ! ' -`` and Piper's inline
phonemes (``[[ ... ]]``) for words a voice would spell out or misread (ReLU is "ray-loo");
:func:`readable` gives the same text with the written words back, for a person to read aloud.

No Manim import, no voice: plain string rewriting, tested caption by caption.

Examples
--------
>>> spoken("The curve y = x² on [0, 2].")
'The curve y equals x squared on the interval from zero to two.'
>>> spoken("h = −b'/w₁")
'h equals minus b prime over w one'
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Words a voice misreads, said through Piper's inline phonemes (espeak-ng's IPA, as the
#: voice's own phonemizer writes it). ReLU is "ray-loo": espeak reads it "ree-loo".
PHONEMES: dict[str, str] = {
    "ReLUs": "ɹˈeɪluːz",
    "ReLU": "ɹˈeɪluː",
    "s-th": "ˈɛsθ",
    "n-th": "ˈɛnθ",
    "m-th": "ˈɛmθ",
    "k-th": "kˈeɪθ",
    "i-th": "ˈaɪθ",
}
#: A variable named a: the letter, which espeak reads as the article before another word.
_LETTER_A = "ˈeɪ"

#: Characters allowed in spoken text outside ``[[ phoneme ]]`` blocks.
SPOKEN_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:?!'-")

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_POWERS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINALS = {4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth"}

_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉ᵢ", "0123456789i")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"
_SUB = "₀₁₂₃₄₅₆₇₈₉ᵢ"

#: Words and names read differently from how they are written (whole words only).
_NAMES: tuple[tuple[str, str], ...] = (
    (r"ReLUNet\.from_sklearn", "ReLU net's from scikit learn"),
    (r"ReLUNet", "ReLU net"),
    (r"scikit-learn|sklearn", "scikit learn"),
    (r"MLPRegressor", "M L P regressor"),
    (r"RMS", "R M S"),
    (r"tanh", "tanch"),
    (r"sin", "sine"),
    (r"cos", "cosine"),
    (r"exp", "e to the"),
    (r"e\.g\.", "for example"),
    (r"i\.e\.", "that is"),
    (r"1-D", "one-D"),
    (r"2-D", "two-D"),
)

#: Symbols and the words said for them (after the structures below are read).
_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("≈", " about "),
    ("≤", " at most "),
    ("≥", " at least "),
    ("<", " less than "),
    (">", " greater than "),
    ("=", " equals "),
    ("±", " plus or minus "),
    ("+", " plus "),
    ("×", " times "),
    ("*", " times "),
    ("·", " times "),
    ("∘", " of "),
    ("/", " over "),
    ("Σ", " the sum of "),
    ("∇", " the gradient of "),
    ("↦", " maps to "),
    ("→", " to "),
    ("←", " becomes "),
    ("%", " percent"),
    ("°", " degrees"),
    ("√", " the square root of "),
    ("π", " pi "),
    ("α", " alpha "),
    ("β", " beta "),
    ("η", " eta "),
    ("σ", " sigma "),
    ("Δ", " delta "),
    ("δ", " delta "),
    ("λ", " lambda "),
    ("θ", " theta "),
    ("ε", " epsilon "),
    ("½", " one half "),
    ("…", " and so on "),
    ("—", ", "),
    ("–", " to "),
    ("&", " and "),
)


def number_words(digits: str) -> str:
    """A number as written, in words: whole numbers as numbers, decimals digit by digit.

    Examples
    --------
    >>> number_words("4000"), number_words("128"), number_words("0.000100")
    ('four thousand', 'one hundred twenty-eight', 'zero point zero zero zero one zero zero')
    """
    whole, _, fraction = digits.partition(".")
    said = _whole_words(int(whole)) if len(whole) <= 15 else _digit_words(whole)
    return f"{said} point {_digit_words(fraction)}" if fraction else said


def _digit_words(digits: str) -> str:
    return " ".join(_ONES[int(d)] for d in digits)


def _whole_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_whole_words(rest)}" if rest else "")
    for size, name in _POWERS:
        if n >= size:
            high, rest = divmod(n, size)
            return f"{_whole_words(high)} {name}" + (f" {_whole_words(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover -- every n >= 1000 has a power above


def _power_words(exponent: str) -> str:
    """``to the power ...`` for an exponent as written (``2``, ``-16``, ``s − 1``)."""
    exponent = exponent.strip()
    if exponent == "2":
        return " squared "
    if exponent == "3":
        return " cubed "
    if exponent.isdigit() and int(exponent) in _ORDINALS:
        return f" to the {_ORDINALS[int(exponent)]} "
    return f" to the power {exponent} "


def _superscript(match: re.Match[str]) -> str:
    return _power_words(match.group(0).translate(_SUPERSCRIPTS))


def _interval(match: re.Match[str]) -> str:
    before, lo, hi, squared = match.group(1), match.group(2), match.group(3), match.group(4)
    if squared:
        return f"{before}the square from {lo} to {hi} in both inputs"
    if before.strip().lower() in ("on", "of", "over", "in", "across", "from", "within"):
        return f"{before}the interval from {lo} to {hi}"
    return f"{before}on the interval from {lo} to {hi}"


def _call(match: re.Match[str]) -> str:
    name, inside, power = match.group(1), match.group(2), match.group(3)
    if name:
        if name in ("max", "min"):
            inside = " and ".join(part.strip() for part in inside.split(","))
            return f" the {'maximum' if name == 'max' else 'minimum'} of {inside}{power or ''}"
        if name == "abs":
            return f" the absolute value of {inside}{power or ''}"
        return f"{name} of {inside}{power or ''}"
    if power:
        square = {"²": "the square", "³": "the cube"}.get(power)
        if square:
            return f" {square} of {inside},"
        return f" {inside}, {_superscript(re.match('.+', power))}"  # type: ignore[arg-type]
    return f", {inside},"


_NUMBER = r"[−-]?(?:\d+(?:\.\d+)?|π)"
_REWRITES: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"’", "'"),
    (r"[“”\"]", ""),
    # exponents written in code: x ** 2, x**2, 2^m, 2^(s−1), T^{∘s}
    (r"\^\{∘(\w)\}", r" composed \1 times "),
    (r"\s*\*\*\s*", "^"),
    (r"(\d)\s*…\s*(\d)", r"\1 to \2"),  # N = 2 … 20
    (r"\^\(([^()]*)\)", lambda m: _power_words(m.group(1))),
    (r"\^([\w−-]+)", lambda m: _power_words(m.group(1))),
    # intervals: [0, 2], [−1, 1]² (the square of two inputs)
    (
        rf"(\b\w+\s+|^|\s)\[\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\](²)?",
        _interval,
    ),
    (r"\|([^|]+)\|", r" the absolute value of \1 "),
    (r"\bw·x\b", "w dot x"),
    (r"(\d)\s*\(", r"\1 times ("),
)


def spoken(caption: str) -> str:
    """``caption`` as a voice should say it: the maths in words, numbers read as written.

    Examples
    --------
    >>> spoken("Then it applies ReLU: the output is y = max(0, z).")
    'Then it applies [[ ɹˈeɪluː: ]] the output is y equals the maximum of zero and z.'
    >>> spoken("the max error is 1/N² = 0.0001")
    'the max error is one over N squared equals zero point zero zero zero one'
    """
    text = caption
    for pattern, words in _NAMES:
        text = re.sub(rf"(?<![\w.]){pattern}(?![\w])", words, text)
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern, replacement, text)
    # calls and brackets, innermost first: max(0, z), sin(3x), (x² − h)², prose (asides)
    call = re.compile(rf"([A-Za-z][\w{_SUB}]*)?\(([^()]*)\)([²³]|[{_SUP}]+)?")
    while call.search(text):
        text = call.sub(_call, text)
    # a variable named a is read as the letter, not the article
    text = re.sub(rf"\ba(?=[{_SUB}{_SUP}·/]|\s*=\s)", f" [[ {_LETTER_A} ]] ", text)
    text = re.sub(rf"[{_SUP}]+", _superscript, text)
    text = re.sub(rf"[{_SUB}]+", lambda m: f" {m[0].translate(_SUBSCRIPTS)} ", text)
    text = re.sub(r"\b([A-Za-z])_([A-Za-z0-9]+)\b", r"\1 \2", text)
    text = re.sub(r"\b([A-Za-z])(\d+)\b", r"\1 \2", text)  # x1, w0, h2
    text = re.sub(r"\b([a-z])'(?![a-z])", r"\1 prime", text)
    text = re.sub(r"\b1\s*/\s*2\b(?!\s*[\^²³])", " one half ", text)
    text = re.sub(r"−", " minus ", text)
    text = re.sub(r"(?<![A-Za-z0-9])-(?=[\d.A-Za-z])|\s-\s", " minus ", text)
    for symbol, words in _SYMBOLS:
        text = text.replace(symbol, words)
    text = re.sub(r"\d+(?:\.\d+)?", lambda m: f" {number_words(m.group(0))} ", text)
    for word, phonemes in PHONEMES.items():
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", f" [[ {phonemes} ]] ", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,;:?!])", r"\1", text)
    # Piper drops a pause written after a phoneme block (and reads ":" as "colon"): inside it,
    # the pause is kept
    text = re.sub(r" \]\]([.,;:?!])", r"\1 ]]", text)
    text = re.sub(r"([,;:])(?:\s*,)+", r"\1", text)  # ", ," and ": ," left by brackets
    text = re.sub(r",\s*([.;:?!])", r"\1", text)
    text = re.sub(r"(^|[.;:?!])\s*,\s*", r"\1 ", text)
    return re.sub(r"^[\s,]+|[\s,]+$", "", text)


def readable(said: str) -> str:
    """Spoken text with the words said in phonemes written back, for a person to read aloud.

    Examples
    --------
    >>> readable(spoken("Then it applies ReLU."))
    'Then it applies ReLU.'
    """
    for word, phonemes in (*PHONEMES.items(), ("a", _LETTER_A)):
        said = re.sub(rf"\[\[ {phonemes}([.,;:?!]?) \]\]", rf"{word}\1", said)
    return said


def unspoken(said: str) -> set[str]:
    """The characters of ``said`` outside phoneme blocks that a voice would not read.

    Examples
    --------
    >>> sorted(unspoken("x² equals [[ ɹˈeɪluː ]]"))
    ['²']
    """
    bare = re.sub(r"\[\[[^\[\]]*\]\]", " ", said)
    return set(bare) - SPOKEN_CHARACTERS
