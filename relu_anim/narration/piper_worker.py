"""A separate program that speaks text with Piper: JSON lines in, WAV files and word times out.

relu-anim never imports Piper (GPL-3.0): :class:`relu_anim.narration.voices.PiperVoice` starts
this file as its own process (``python piper_worker.py MODEL CONFIG``), writes one request per
line on its stdin and reads one answer per line from its stdout. It imports nothing of
relu-anim.

- First answer: ``{"ready": true, "alignments": bool, "rate": 22050}`` once the voice is loaded,
  or ``{"error": "..."}`` and exit 1 when the model cannot be loaded (not a voice, no config).
- Request ``{"text": "...", "wav": "/path/out.wav"}``; answer ``{"samples": n, "rate": r,
  "words": [[start, end], ...], "timing": "alignments" | "estimated"}`` with one span (in
  samples) per whitespace-separated word of the text (a ``[[ phonemes ]]`` block is one word),
  or ``{"error": "..."}``.

Deterministic: both noise scales 0 and one onnxruntime thread, so the same text gives the same
bytes. Word times come from Piper's phoneme alignments (the model patched in memory to expose
its phoneme durations; needs the ``onnx`` package, ``piper-tts[alignment]``); without them each
sentence's samples are shared equally among its phonemes ("estimated").
"""

from __future__ import annotations

import json
import re
import sys
import wave

_WORD = re.compile(r"\[\[.*?\]\]\S*|\S+")
_PAUSES = set(",.;:!?")
_BOUNDARIES = {"^", "$", "_"}


def _load(model: str, config: str):
    import onnxruntime  # type: ignore[import-untyped]
    from piper import PiperVoice
    from piper.config import PiperConfig

    with open(config, encoding="utf-8") as file:
        settings = PiperConfig.from_dict(json.load(file))
    data: str | bytes = model
    alignments = False
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output

        graph = onnx.load(model)
        add_alignment_output(graph)
        data = graph.SerializeToString()
        alignments = True
    except ImportError:
        pass
    except ValueError:  # already patched, or no duration tensor: use it as it is
        alignments = True
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    return PiperVoice(session=session, config=settings), alignments


def _sounds(phonemes: list[list[str]]) -> int:
    """How many sounding phonemes (not spaces, pauses or sentence marks) a text has."""
    return sum(1 for sentence in phonemes for p in sentence if _sounding(p))


def _sounding(phoneme: str) -> bool:
    return phoneme != " " and phoneme not in _PAUSES and phoneme not in _BOUNDARIES


def _timeline(chunks: list) -> list[list[tuple[float, float]]]:
    """Each sentence's sounding phonemes' (start, end) in samples: Piper's alignments, or the
    sentence's samples shared equally among its phonemes."""
    sentences: list[list[tuple[float, float]]] = []
    offset = 0
    for chunk in chunks:
        length = len(chunk.audio_int16_array)
        pieces: list[tuple[str, float]]
        if chunk.phoneme_alignments:
            pieces = [(a.phoneme, float(a.num_samples)) for a in chunk.phoneme_alignments]
        else:
            share = length / (len(chunk.phonemes) + 2)
            pieces = [("^", share), *((p, share) for p in chunk.phonemes), ("$", share)]
        position = float(offset)
        sentences.append([])
        for phoneme, samples in pieces:
            if _sounding(phoneme):
                sentences[-1].append((position, position + samples))
            elif phoneme in ".!?" and sentences[-1]:  # Piper can join sentences after [[ ]]
                sentences.append([])
            position += samples
        offset += length
    return [heard for heard in sentences if heard]


def _words(voice, text: str, sentences: list[list[tuple[float, float]]]) -> list[list[int]]:
    """One [start, end) in samples per word of ``text``.

    The words are cut into sentences as Piper cut the speech (after ``. ! ?``; when the counts
    differ, the whole text is one). Each word is phonemised alone to count its sounds; the
    words of a sentence then take its sounding phonemes in order, in proportion to those counts
    (exact when they add up, as they do unless espeak joins words, as "on the").
    """
    words = _WORD.findall(text)
    groups: list[list[str]] = [[]]
    for word in words:
        groups[-1].append(word)
        if re.search(r"[.!?]['\")]*$", word.removesuffix(" ]]")):
            groups.append([])
    groups = [group for group in groups if group]
    if len(groups) != len(sentences):
        groups = [words]
        sentences = [[sound for sentence in sentences for sound in sentence]]
    out: list[list[int]] = []
    for group, heard in zip(groups, sentences, strict=True):
        if not heard:
            out += [[0, 0] for _ in group]
            continue
        sounds = [max(1, _sounds(voice.phonemize(word))) for word in group]
        total, done = sum(sounds), 0
        for count in sounds:
            first = min(len(heard) - 1, done * len(heard) // total)
            last = max(first, min(len(heard), (done + count) * len(heard) // total) - 1)
            out.append([round(heard[first][0]), round(heard[last][1])])
            done += count
    return out


def main() -> int:
    model, config = sys.argv[1], sys.argv[2]
    try:
        voice, alignments = _load(model, config)
    except Exception as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}".splitlines()[0]}), flush=True)
        return 1
    from piper import SynthesisConfig

    rate = voice.config.sample_rate
    print(json.dumps({"ready": True, "alignments": alignments, "rate": rate}), flush=True)
    settings = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            chunks = list(
                voice.synthesize(request["text"], settings, include_alignments=alignments)
            )
            with wave.open(request["wav"], "wb") as out:
                out.setframerate(rate)
                out.setsampwidth(2)
                out.setnchannels(1)
                for chunk in chunks:
                    out.writeframes(chunk.audio_int16_bytes)
            timed = all(chunk.phoneme_alignments for chunk in chunks) and bool(chunks)
            answer = {
                "samples": sum(len(chunk.audio_int16_array) for chunk in chunks),
                "rate": rate,
                "words": _words(voice, request["text"], _timeline(chunks)),
                "timing": "alignments" if timed else "estimated",
            }
        except Exception as error:
            answer = {"error": f"{type(error).__name__}: {error}".splitlines()[0]}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
