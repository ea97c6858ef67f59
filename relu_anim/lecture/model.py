"""What the pack holds, scene by scene: the record every writer of the pack reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from relu_anim.lecture.beats import SceneBeats
from relu_anim.lecture.media import VideoFacts


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the pack: its files (paths relative to the pack) or why it is missing.

    ``files`` maps a role (``video``, ``poster``, ``captions``, ``chapters``, ``srt``,
    ``sections``, ``companion``) to a path; ``clips`` and ``frames`` hold one path per beat.
    """

    name: str
    number: int
    title: str
    maths: str = ""
    error: str = ""
    beats: SceneBeats | None = None
    facts: VideoFacts | None = None
    files: dict[str, str] = field(default_factory=dict)
    clips: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()
    companion: dict[str, Any] | None = None
    stamp: str = ""
    theme: str = "dark"

    @property
    def available(self) -> bool:
        """Whether the scene's video is in the pack."""
        return self.beats is not None and self.facts is not None and not self.error

    def poster_alt(self) -> str:
        """Alt text of the poster: the scene and what its poster beat shows."""
        if self.beats is None:
            return self.title
        beat = next(
            (b for b in self.beats.beats if b.name == self.beats.poster_beat), self.beats.beats[-1]
        )
        return f"{self.title}. Key frame of the beat “{beat.title}”: {beat.caption}"
