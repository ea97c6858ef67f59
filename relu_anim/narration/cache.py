"""Speech kept per (voice key, text): synthesised once, found again by every later render.

Beside the output folder's TeX cache (:attr:`relu_anim.render.layout.OutputLayout.speech_cache`),
each entry is ``<digest>.wav`` and ``<digest>.json`` (its length and word times), the digest
taken over the voice's key (name, version, settings) and the text. Both are written whole under
a temporary name and renamed (:mod:`relu_anim.render.atomic`), the JSON last: an entry whose
JSON is there is complete.

Examples
--------
>>> import tempfile
>>> cache = SpeechCache(Path(tempfile.mkdtemp()), "voice-1")
>>> cache.get("Hello.") is None
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from relu_anim.narration.speech import Speech, Word
from relu_anim.render import atomic


class SpeechCache:
    """The speech of one voice (``key``) kept in ``folder``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key

    def _stem(self, text: str) -> Path:
        digest = hashlib.sha256(f"{self.key}\n{text}".encode()).hexdigest()[:24]
        return self.folder / digest

    def get(self, text: str) -> Speech | None:
        """The kept speech of ``text``, or ``None`` (never kept, or damaged)."""
        stem = self._stem(text)
        try:
            record = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            words = tuple(Word(str(w), float(a), float(b)) for w, a, b in record["words"])
            wav = stem.with_suffix(".wav")
            if record["text"] != text or wav.stat().st_size != record["bytes"]:
                return None
            return Speech(wav, float(record["seconds"]), words)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(
        self, text: str, write_wav: Callable[[Path], object], words_of: Callable[[], Speech]
    ) -> Speech:
        """Keep the speech of ``text``: ``write_wav(path)`` writes its WAV, ``words_of()`` then
        gives its length and words (read after the WAV is written)."""
        stem = self._stem(text)
        self.folder.mkdir(parents=True, exist_ok=True)
        wav = stem.with_suffix(".wav")
        result: list[Speech] = []

        def write(path: Path) -> None:
            write_wav(path)
            result.append(words_of())

        atomic.write_with(wav, write)
        speech = Speech(wav, result[0].seconds, result[0].words)
        record = {
            "text": text,
            "voice": self.key,
            "bytes": wav.stat().st_size,
            "seconds": speech.seconds,
            "words": [[w.text, w.start, w.end] for w in speech.words],
        }
        atomic.write_text(stem.with_suffix(".json"), json.dumps(record, ensure_ascii=False))
        return speech
