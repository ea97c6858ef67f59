"""The voice a render speaks its beats with, from the ``voice`` setting (no Manim).

``None`` is a silent render. ``"tone"`` is the deterministic stand-in voice
(:class:`relu_anim.narration.testvoice.ToneVoice`: a beep per word) for trying the timing and
the sound without a speech model; every other name is read by
:func:`relu_anim.narration.voices.voice_named` (``joe``, a Piper ``.onnx``, ``recorded:DIR``).
Voices keep what they speak in the output folder's speech
cache (:attr:`relu_anim.render.layout.OutputLayout.speech_cache`), beside its formulas.

Examples
--------
>>> from pathlib import Path
>>> narrator(None, Path("media")) is None, narrator_key(None, Path("media"))
(True, '')
>>> narrator_key("tone", Path("media"))
'tone-1'
"""

from __future__ import annotations

from pathlib import Path

from relu_anim.narration.speech import Voice
from relu_anim.narration.testvoice import ToneVoice
from relu_anim.narration.voices import voice_named
from relu_anim.render.layout import OutputLayout


def narrator(spec: str | None, out: Path) -> Voice | None:
    """The voice ``spec`` names, speaking into the speech cache of output folder ``out``."""
    if spec is None:
        return None
    cache = OutputLayout(out).speech_cache
    if spec == "tone":
        return ToneVoice(cache / "tone")
    return voice_named(spec, cache)


def narrator_key(spec: str | None, out: Path) -> str:
    """What the voice ``spec`` is, for the fingerprint of a render into ``out`` ('' silent)."""
    voice = narrator(spec, out)
    return "" if voice is None else voice.key
