"""Every caption of every scene is said in words (issue 21, item 2).

The scenes are built as the caption tests build them (default parameters and the others the
CLI accepts, see :mod:`test_scene_cues`); each beat's spoken text is what its caption reads
aloud, and what reaches the voice is only letters, spaces, ``. , ; : ? ! ' -`` and the
phoneme blocks the normaliser knows.
"""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest
from test_scene_cues import CASES

from relu_anim.narration.say import PHONEMES, SPOKEN_CHARACTERS, spoken
from relu_anim.narration.speech import Speech
from relu_anim.settings import SceneParams

KNOWN_BLOCKS = {
    f"[[ {phonemes}{pause} ]]"
    for phonemes in (*PHONEMES.values(), "ˈeɪ")
    for pause in ("", ".", ",", ";", ":", "?", "!")
}


@pytest.mark.parametrize(("scene_name", "params"), CASES)
def test_every_beat_says_its_caption_in_words(
    build_scene, scene_name: str, params: SceneParams | None
) -> None:
    scene = build_scene(scene_name, params)
    assert scene.beats
    for beat in scene.beats:
        said = spoken(beat.caption)
        blocks = re.findall(r"\[\[[^\[\]]*\]\]", said)
        assert set(blocks) <= KNOWN_BLOCKS, (beat.name, blocks)
        bare = re.sub(r"\[\[[^\[\]]*\]\]", " ", said)
        heard = set(bare)
        assert heard <= SPOKEN_CHARACTERS, (beat.name, sorted(heard - SPOKEN_CHARACTERS))
        assert not re.search(r"\d", bare), beat.name
        assert len(bare.split()) >= len(beat.caption.split()) // 2, (beat.name, said)
        # as many sentences said as written: the cues follow the speech sentence by sentence
        assert len(re.findall(r"[.?!](?:\s|$)", said)) == len(
            re.findall(r"[.?!](?:\s|$)", beat.caption)
        ), beat.name


class Listener:
    """A voice that hears what it is asked to say and says it in a tenth of a second."""

    key = "listener"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.heard: list[tuple[int, str, str]] = []

    def speak(self, index: int, beat: str, text: str) -> Speech:
        self.heard.append((index, beat, text))
        wav = self.folder / f"{index}.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22_050)
            out.writeframes(bytes(2 * 2205))
        return Speech(wav, 0.1)


def test_a_narrated_scene_says_each_caption_read_aloud_by_default(tmp_path: Path) -> None:
    from manim import tempconfig

    from relu_anim.catalog import scene_named
    from relu_anim.render.scene import load_scene_class

    listener = Listener(tmp_path)
    settings = {
        "frame_rate": 15,
        "pixel_width": 160,
        "pixel_height": 90,
        "write_to_movie": False,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "media_dir": str(tmp_path / "media"),
    }
    with tempconfig(settings):
        scene = load_scene_class(scene_named("shift"))(voice=listener, skip_animations=True)
        scene.render()
    assert [(i, name) for i, name, _ in listener.heard] == [
        (beat.index + 1, beat.name) for beat in scene.beats
    ]
    for (_, _, text), beat in zip(listener.heard, scene.beats, strict=True):
        assert text == spoken(beat.caption)
        assert beat.said == text


def test_the_allowed_characters_are_words_and_pauses_only() -> None:
    assert set("abcXYZ .,;:?!'-") <= SPOKEN_CHARACTERS
    assert not set("0123456789²≈−|[]()=+/*·") & SPOKEN_CHARACTERS
