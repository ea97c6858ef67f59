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

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from relu_anim.render import audio
from relu_anim.render.layout import OutputLayout
from relu_anim.render.pieces import DrawnPlay, Piece, PieceResult
from relu_anim.storyboard import read_text


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
            _dry_play(self, scene, *args, **kwargs)

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


def _dry_play(renderer: Any, scene: Any, *args: Any, **kwargs: Any) -> None:
    """CairoRenderer.play for an unskipped play, without drawing or encoding."""
    renderer.skip_animations = False
    scene.compile_animation_data(*args, **kwargs)
    renderer.file_writer.add_partial_movie_file(None)  # None: no movie for this play
    renderer.animations_hashes.append(None)
    scene.begin_animations()
    renderer._dry = True
    try:
        renderer.static_image = None
        if scene.is_current_animation_frozen_frame():
            renderer.freeze_current_frame(scene.duration)
        else:
            scene.play_internal()
    finally:
        renderer._dry = False
    renderer.num_plays += 1


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
    joined = OutputLayout(staging, stem, suffix)  # named as in the output folder
    track, bounds = _sound(last)
    _joined([movies[play] for play in sorted(movies)], track, joined.video)
    if suffix == "mp4":
        joined.clips.mkdir()
        sounds: list[np.ndarray | None] = [None] * len(sections)
        if track is not None:
            sounds = list(audio.beat_tracks(track, bounds))
        if len(sounds) != len(sections):
            raise RuntimeError(f"{len(sections)} beat clips for {len(sounds)} beats")
        for number, (section, sound) in enumerate(
            zip(sorted(sections), sounds, strict=True), start=1
        ):
            name, plays = sections[section]
            _joined([movies[play] for play in sorted(plays)], sound, joined.clip(number, name))
    return joined.video


def _sound(last: PieceResult) -> tuple[np.ndarray | None, list[tuple[float, float]]]:
    """A narrated scene's track and its beats' bounds, from the last piece (else None)."""
    if last.sound is None or last.sections is None:
        return None, []
    beats = read_text(last.sections).beats
    return np.frombuffer(last.sound, dtype=np.float32), [(b.start, b.end) for b in beats]


def _joined(inputs: Sequence[Path], sound: np.ndarray | None, output: Path) -> None:
    """Concatenate ``inputs`` into ``output``, with ``sound`` muxed in when narrated."""
    if sound is None:
        concatenate(inputs, output)
        return
    silent = output.with_name(f"silent-{output.name}")
    concatenate(inputs, silent)
    audio.with_sound(silent, sound, output)
    silent.unlink()


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
    with av.open(manifest, "r", options={"safe": "0", "an": "1"}, format="concat") as source:
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
