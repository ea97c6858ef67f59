"""Every caption of every scene is said in words (issue 21, item 2).

The scenes are built as the caption tests build them (default parameters and the others the
CLI accepts, see :mod:`test_scene_cues`); each beat's spoken text is what its caption reads
aloud, and what reaches the voice is only letters, spaces, ``. , ; : ? ! ' -`` and the
phoneme blocks the normaliser knows.
"""

from __future__ import annotations

import re

import pytest
from test_scene_cues import CASES

from relu_anim.narration.say import PHONEMES, SPOKEN_CHARACTERS, spoken
from relu_anim.settings import SceneParams

KNOWN_BLOCKS = {f"[[ {phonemes} ]]" for phonemes in PHONEMES.values()} | {"[[ ˈeɪ ]]"}


@pytest.mark.parametrize(("scene_name", "params"), CASES)
def test_every_beat_says_its_caption_in_words(
    build_scene, scene_name: str, params: SceneParams | None
) -> None:
    scene = build_scene(scene_name, params)
    assert scene.beats
    for beat in scene.beats:
        assert beat.say == spoken(beat.caption), beat.name
        blocks = re.findall(r"\[\[[^\[\]]*\]\]", beat.say)
        assert set(blocks) <= KNOWN_BLOCKS, (beat.name, blocks)
        bare = re.sub(r"\[\[[^\[\]]*\]\]", " ", beat.say)
        heard = set(bare)
        assert heard <= SPOKEN_CHARACTERS, (beat.name, sorted(heard - SPOKEN_CHARACTERS))
        assert not re.search(r"\d", bare), beat.name
        # as many sentences said as written: the cues follow the speech sentence by sentence
        assert len(re.findall(r"[.?!](?:\s|$)", beat.say)) == len(
            re.findall(r"[.?!](?:\s|$)", beat.caption)
        ), beat.name


def test_the_allowed_characters_are_words_and_pauses_only() -> None:
    assert set("abcXYZ .,;:?!'-") <= SPOKEN_CHARACTERS
    assert not set("0123456789²≈−|[]()=+/*·") & SPOKEN_CHARACTERS
