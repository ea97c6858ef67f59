"""``--split N``: one scene cut into N runs of whole beats, rendered apart, joined by stream copy.

Every piece runs the whole storyboard (``construct`` from the top), so its scene reaches each
beat in exactly the state an unsplit render has there. The plays of the piece's own beats are
drawn and encoded as usual; the plays before them are *run without drawing*: every frame's
time step is taken (animations interpolated, updaters called with the frame's ``dt``, scene time
advanced by one frame at a time, exactly as a drawn frame advances it) but Cairo draws nothing
and nothing is encoded; at the first play after its beats the piece stops. Manim's own
``skip_animations`` is not used for those earlier plays: it jumps a play in one step (updaters
get the whole run time as one ``dt``, no closing ``update_mobjects(0)``) and advances the clock
by the run time instead of by whole frames, so captions and later frames could differ.

The partial movies (one per play) come back labelled with their play and section (beat) index;
:func:`join_pieces` concatenates them by stream copy in play order into the video, and per
section into the beat clips, as Manim's own ``combine_files`` does for an unsplit render. The
last piece runs to the end, so its scene holds every beat: the captions and ``sections.json``
come from it. The result is frame-identical to an unsplit render (tests/test_split.py decodes
both and compares every frame).

A scene whose frames depend on what was drawn before (reading the camera's pixels, say) cannot
be split this way; it declares ``SPLITTABLE = False`` and ``--split`` refuses it.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from relu_anim.render import state


@dataclass(frozen=True, slots=True)
class Piece:
    """Piece ``index`` of ``count``: draws beats ``first`` up to ``stop`` (``None``: the end).

    Beats are counted from 0 in storyboard order; plays before the first beat belong to beat 0.

    Examples
    --------
    >>> Piece(1, 2, 3, None).label
    'piece 2/2, beats 4-end'
    """

    index: int
    count: int
    first: int
    stop: int | None = None

    @property
    def label(self) -> str:
        """How the progress lines name this piece (beats counted from 1)."""
        last = "end" if self.stop is None else str(self.stop)
        return f"piece {self.index + 1}/{self.count}, beats {self.first + 1}-{last}"


@dataclass(frozen=True, slots=True)
class DrawnPlay:
    """One play a piece drew: its index in the scene, its section's index and name."""

    play: int
    section: int
    name: str


@dataclass
class PieceResult:
    """What a piece rendered: its partial movies in play order and, for the last, the metadata.

    ``movies`` maps each drawn play to its partial movie (a path here, or the bytes when it
    came back from a Dask worker). ``captions`` (SRT text), ``sections`` (the ``sections.json``
    text), ``plays`` (the scene's number of plays) and ``duration`` are set by the last piece
    only. ``costs`` holds the wall seconds spent per beat: drawn beats and beats run without
    drawing apart, for balancing the next split of this scene.
    """

    piece: Piece
    drawn: list[DrawnPlay] = field(default_factory=list)
    movies: list[Any] = field(default_factory=list)
    captions: str | None = None
    sections: str | None = None
    plays: int | None = None
    duration: float = 0.0
    drawn_costs: dict[int, float] = field(default_factory=dict)
    dry_costs: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0
    worker: str = ""


def piece_renderer_class() -> type:
    """The Cairo renderer of a piece (Manim imported only when something is rendered)."""
    from manim.renderer.cairo_renderer import CairoRenderer
    from manim.utils.exceptions import EndSceneEarlyException

    class PieceRenderer(CairoRenderer):
        """Draws and encodes only the plays of one piece's beats; see the module docstring."""

        def __init__(self, piece: Piece, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.piece = piece
            self.drawn: list[DrawnPlay] = []
            self.drawn_costs: dict[int, float] = {}
            self.dry_costs: dict[int, float] = {}
            self._dry = False

        def play(self, scene: Any, *args: Any, **kwargs: Any) -> None:
            beat = len(scene.beats)  # beats are recorded as they end: this play's beat
            if self.piece.stop is not None and beat >= self.piece.stop:
                raise EndSceneEarlyException()  # Manim ends the scene normally
            started = time.perf_counter()
            if beat >= self.piece.first:
                sections = self.file_writer.sections
                # The current section is the last; it holds a play now, so Manim never drops
                # it, and its index is its final place in the scene's list of sections.
                self.drawn.append(DrawnPlay(self.num_plays, len(sections) - 1, sections[-1].name))
                super().play(scene, *args, **kwargs)
                costs = self.drawn_costs
            else:
                self._dry_play(scene, *args, **kwargs)
                costs = self.dry_costs
            costs[beat] = costs.get(beat, 0.0) + time.perf_counter() - started

        def _dry_play(self, scene: Any, *args: Any, **kwargs: Any) -> None:
            """CairoRenderer.play for an unskipped play, without drawing or encoding."""
            self.skip_animations = False
            scene.compile_animation_data(*args, **kwargs)
            self.file_writer.add_partial_movie_file(None)  # None: no movie for this play
            self.animations_hashes.append(None)
            scene.begin_animations()
            self._dry = True
            try:
                self.static_image = None
                if scene.is_current_animation_frozen_frame():
                    self.freeze_current_frame(scene.duration)
                else:
                    scene.play_internal()
            finally:
                self._dry = False
            self.num_plays += 1

        def update_frame(self, *args: Any, **kwargs: Any) -> None:
            if not self._dry:
                super().update_frame(*args, **kwargs)

        def get_frame(self) -> Any:
            return None if self._dry else super().get_frame()

        def add_frame(self, frame: Any, num_frames: int = 1) -> None:
            if self._dry:
                # The clock advances exactly as for drawn frames (same float arithmetic as
                # CairoRenderer.add_frame), so beat times and captions match an unsplit render.
                self.time += num_frames * (1 / self.camera.frame_rate)
                return
            super().add_frame(frame, num_frames)

        def scene_finished(self, scene: Any) -> None:
            # No joining here: the pieces' partial movies are joined by join_pieces.
            self.file_writer.join_all_encode_jobs()

    return PieceRenderer


def render_piece(scene: Any, piece: Piece) -> tuple[Any, PieceResult]:
    """Render ``piece`` of the freshly built ``scene`` (inside Manim's ``tempconfig``).

    Returns the renderer and the result with the partial movies as paths.
    """
    import srt

    renderer_class = piece_renderer_class()
    renderer = renderer_class(piece, camera_class=type(scene.renderer.camera))
    scene.renderer = renderer
    renderer.init_scene(scene, scene.session_spec, scene.file_writer_settings)
    scene.render()
    writer = renderer.file_writer
    result = PieceResult(piece, drawn=list(renderer.drawn))
    result.movies = [Path(writer.partial_movie_files[play.play]) for play in renderer.drawn]
    result.drawn_costs = dict(renderer.drawn_costs)
    result.dry_costs = dict(renderer.dry_costs)
    if piece.stop is None:
        result.plays = renderer.num_plays
        result.duration = float(renderer.time)
        result.captions = srt.compose(writer.subcaptions) if writer.subcaptions else None
    return renderer, result


def balanced_cuts(
    drawn: Sequence[float], count: int, dry: Sequence[float] | None = None
) -> list[int]:
    """Where to cut beats into ``count`` contiguous runs so that the slowest piece is fastest.

    A piece drawing beats ``[i, j)`` costs ``sum(dry[:i]) + sum(drawn[i:j])``: it runs every
    earlier beat without drawing (``dry``, 0 when not known), then draws its own. Returns the
    first beat of every run after the first: ``min(count, beats) - 1`` increasing indices.
    Exact (dynamic programming over the cut points; a scene has tens of beats).

    Examples
    --------
    >>> balanced_cuts([1, 1, 1, 1], 2)
    [2]
    >>> balanced_cuts([5, 1, 1, 1, 1, 1], 2)
    [1]
    >>> balanced_cuts([1] * 6, 2), balanced_cuts([1] * 6, 2, dry=[0.5] * 6)  # the 2nd runs 0..i
    ([3], [4])
    >>> balanced_cuts([1, 1], 4)
    [1]
    """
    beats = len(drawn)
    count = max(1, min(count, beats))
    dry = list(dry or [0.0] * beats) + [0.0] * beats
    drawn_before = [0.0]
    dry_before = [0.0]
    for b in range(beats):
        drawn_before.append(drawn_before[-1] + drawn[b])
        dry_before.append(dry_before[-1] + dry[b])

    def cost(i: int, j: int) -> float:
        return dry_before[i] + drawn_before[j] - drawn_before[i]

    # best[k][j]: the slowest piece when beats [0, j) are cut into k pieces; cut[k][j]: where
    # the last of those pieces starts.
    infinity = float("inf")
    best = [[infinity] * (beats + 1) for _ in range(count + 1)]
    cut = [[0] * (beats + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, beats + 1):
            for i in range(k - 1, j):
                slowest = max(best[k - 1][i], cost(i, j))
                if slowest < best[k][j]:
                    best[k][j], cut[k][j] = slowest, i
    cuts = []
    j = beats
    for k in range(count, 1, -1):
        j = cut[k][j]
        cuts.append(j)
    return sorted(cuts)


def slowest_piece(drawn: Sequence[float], count: int, dry: Sequence[float] | None = None) -> float:
    """The cost of the slowest piece when ``drawn`` is cut by :func:`balanced_cuts`.

    Examples
    --------
    >>> slowest_piece([1, 1, 1, 1], 2), slowest_piece([1, 1, 1, 1], 2, dry=[1, 1, 1, 1])
    (2.0, 4.0)
    """
    dry = list(dry or [0.0] * len(drawn))
    starts = [0, *balanced_cuts(drawn, count, dry), len(drawn)]
    return max(float(sum(dry[:i]) + sum(drawn[i:j])) for i, j in pairwise(starts))


def pieces_for(
    costs: Sequence[float], count: int, dry: Sequence[float] | None = None
) -> list[Piece]:
    """``count`` pieces of contiguous beats balanced on ``costs`` (and ``dry``, one per beat).

    The first piece starts at beat 0 and the last runs to the end, so every play of the scene is
    drawn by exactly one piece, whatever ``costs`` says (a stale estimate only balances worse).

    Examples
    --------
    >>> [p.label for p in pieces_for([2, 1, 1, 2], 2)]
    ['piece 1/2, beats 1-2', 'piece 2/2, beats 3-end']
    """
    cuts = balanced_cuts(costs, count, dry) if costs else []
    starts = [0, *cuts]
    return [
        Piece(i, len(starts), first, starts[i + 1] if i + 1 < len(starts) else None)
        for i, first in enumerate(starts)
    ]


def join_pieces(results: Sequence[PieceResult], staging: Path, stem: str, suffix: str) -> Path:
    """Join the pieces' partial movies into ``staging``: the video and ``<stem>.beats/``.

    Checks that the pieces drew every play of the scene exactly once. The partial movies are
    concatenated by stream copy (packets copied, never re-encoded), all of them for the video
    and per section for the clips. Returns the video's path.
    """
    results = sorted(results, key=lambda result: result.piece.index)
    last = results[-1]
    if last.plays is None:
        raise RuntimeError("the last piece did not run to the end of the scene")
    movies: dict[int, Path] = {}
    sections: dict[int, tuple[str, list[int]]] = {}
    for result in results:
        for play, movie in zip(result.drawn, result.movies, strict=True):
            if play.play in movies:
                raise RuntimeError(f"play {play.play} was drawn by two pieces")
            movies[play.play] = Path(movie)
            sections.setdefault(play.section, (play.name, []))[1].append(play.play)
    missing = sorted(set(range(last.plays)) - set(movies))
    if missing:
        raise RuntimeError(f"no piece drew play(s) {missing[:5]} of {last.plays}")
    staging.mkdir(parents=True, exist_ok=True)
    video = staging / f"{stem}.{suffix}"
    concatenate([movies[play] for play in sorted(movies)], video)
    clips = staging / f"{stem}.beats"
    if suffix == "mp4":
        clips.mkdir()
        for number, section in enumerate(sorted(sections), start=1):
            name, plays = sections[section]
            concatenate([movies[play] for play in sorted(plays)], clips / clip_name(number, name))
    return video


def clip_name(number: int, section: str) -> str:
    """The file name of a beat's clip, as an unsplit render names it (render.py).

    Examples
    --------
    >>> clip_name(3, "two relus!")
    '03-two_relus.mp4'
    """
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", section).strip("_") or "beat"
    return f"{number:02d}-{slug}.mp4"


def concatenate(inputs: Sequence[Path], output: Path) -> None:
    """Concatenate video files by stream copy, as Manim's ``SceneFileWriter.combine_files``.

    The same concat demuxer, the same packet handling (flush packets dropped, ``dts`` left to
    libav) and the same comment, so a joined video is what Manim itself writes.
    """
    from importlib.metadata import version
    from io import BytesIO

    import av

    manifest = BytesIO(
        (
            "# This file records the segment order used by Manim.\n"
            + "".join(f"file 'file:{Path(path).as_posix()}'\n" for path in inputs)
        ).encode("utf-8")
    )
    with av.open(manifest, options={"safe": "0", "an": "1"}, format="concat") as source:
        stream = source.streams.video[0]
        with av.open(str(output), mode="w") as target:
            target.metadata["comment"] = f"Rendered with Manim Community v{version('manim')}"
            copied = target.add_stream_from_template(template=stream)
            for packet in source.demux(stream):
                if packet.dts is None:
                    continue
                packet.dts = None
                packet.stream = copied
                target.mux(packet)


# -- per-beat costs, for balancing the next split of the same scene ------------------------------


def beat_costs(output_dir: Path, stem: str) -> tuple[list[float], list[float] | None] | None:
    """Per-beat costs to balance a split of ``stem`` on, from what earlier renders left.

    The drawn and undrawn seconds per beat that the last split render measured
    (``.relu-anim/<stem>.split.json``), else each beat's length in the video
    (``<stem>.sections.json``, no undrawn costs), else ``None``. Both are state that may be
    damaged (see :mod:`relu_anim.render.state`): a cost that is not a finite number of seconds, or
    more beats than a scene has (:data:`MAX_BEATS`), is no estimate, and the next split measures
    again and replaces the record.
    """
    data = state.read_json(output_dir / ".relu-anim" / f"{stem}.split.json")
    if isinstance(data, dict):
        drawn, dry = data.get("drawn"), data.get("dry")
        if _costs(drawn) and _costs(dry) and len(dry) == len(drawn):
            return [float(c) for c in drawn], [float(c) for c in dry]
    sections = state.read_json(output_dir / f"{stem}.sections.json")
    beats = sections.get("beats") if isinstance(sections, dict) else None
    if not isinstance(beats, list) or not all(isinstance(beat, dict) for beat in beats):
        return None
    ends = [beat.get("end") for beat in beats]
    starts = [beat.get("start") for beat in beats]
    if not (_costs(ends) and _costs(starts)):
        return None
    return [
        max(0.0, float(end) - float(start)) for start, end in zip(starts, ends, strict=True)
    ], None


# A storyboard has tens of beats; balancing is quadratic in them (and linear in pieces), so a
# record claiming millions must not be trusted.
MAX_BEATS = 200
# Seconds per beat: more than a day is not a measurement.
MAX_SECONDS = 86400.0


def _costs(values: object) -> bool:
    """Whether ``values`` is a list of 1 to :data:`MAX_BEATS` plausible second counts."""
    return (
        isinstance(values, list)
        and 0 < len(values) <= MAX_BEATS
        and all(
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and 0 <= value <= MAX_SECONDS
            for value in values
        )
    )


def record_costs(output_dir: Path, stem: str, results: Sequence[PieceResult]) -> dict:
    """Write the measured per-beat costs of a split render; return them.

    ``drawn[b]``: seconds spent drawing and encoding beat ``b``; ``dry[b]``: seconds to run it
    without drawing (the most any piece spent on it); ``setup``: each piece's seconds outside
    its plays (imports, TeX, building the scene), the most of them.
    """
    beats = 1 + max(
        (beat for result in results for beat in (*result.drawn_costs, *result.dry_costs)),
        default=-1,
    )
    drawn = [0.0] * beats
    dry = [0.0] * beats
    setup = 0.0
    for result in results:
        for beat, seconds in result.drawn_costs.items():
            drawn[beat] += seconds
        for beat, seconds in result.dry_costs.items():
            dry[beat] = max(dry[beat], seconds)
        spent = sum(result.drawn_costs.values()) + sum(result.dry_costs.values())
        setup = max(setup, result.seconds - spent)
    record = {
        "drawn": [round(s, 3) for s in drawn],
        "dry": [round(s, 3) for s in dry],
        "setup": round(setup, 3),
    }
    folder = state.folder(output_dir / ".relu-anim", output_dir)
    target = folder / f"{stem}.split.json"
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, target)
    return record
