"""Text that reaches the pack from outside, made plain; templates filled in one pass.

A scene's title, maths, captions, notes and beat names come from ``<scene>.sections.json``
(written by a render, or sent back by a cluster worker), from a scene's docstring, or from a
render's error. :func:`plain` makes such text writable to every file of the pack (UTF-8, XML
for the slides, Cairo for the handout); each writer then escapes it for its own context.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# What XML 1.0 allows, less the C1 controls (a terminal reads U+009B as an escape).
_NOT_TEXT = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def plain(text: str) -> str:
    """``text`` with ``\\n`` line breaks, trimmed, without control characters or surrogates.

    A lone surrogate (JSON can hold one) becomes U+FFFD; every line break Python knows
    (``\\r\\n``, U+2028, U+2029, form feed, ...) becomes ``\\n``; tabs become spaces.

    Examples
    --------
    >>> plain(" a\\r\\nb\\u2028c\\x00\\x1b[1m\\ud800 ")
    'a\\nb\\nc[1m\\ufffd'
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = "\n".join(text.splitlines()).replace("\t", " ")
    return _NOT_TEXT.sub("", text).strip()


def one_line(text: str) -> str:
    """``text`` on one line: each run of white space or control characters becomes a space.

    A control character counts as a gap, not as nothing, so a beat's name keeps the file-name
    stem the render gave its clip (the render turns every such run into one ``_``).

    Examples
    --------
    >>> one_line("a\\n\\n  b\\x00c\\ud800 ")
    'a b c\\ufffd'
    """
    return " ".join(_NOT_TEXT.sub(" ", _SURROGATE.sub("\ufffd", text)).split())


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{{key}}`` replaced by ``values[key]``, in one pass.

    Only the template is searched: a ``{{key}}`` inside an inserted value stays as it is.

    Raises
    ------
    KeyError
        When the template names a key that ``values`` lacks, or a value is never used.

    Examples
    --------
    >>> fill("<p>{{a}} {{b}}</p>", {"a": "{{b}}", "b": "x"})
    '<p>{{b}} x</p>'
    """
    used = set()

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"the template names {{{{{key}}}}}, which has no value")
        used.add(key)
        return values[key]

    filled = _PLACEHOLDER.sub(value, template)
    unused = set(values) - used
    if unused:
        raise KeyError(f"the template has no place for {sorted(unused)}")
    return filled
