"""The storyboard base class: beats, captions, parameters and theme for one video."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from manim import DecimalNumber, MathTex, Scene, Tex, Text

from relu_anim.params import SceneParams
from relu_anim.theme import Theme, theme_named


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat of a storyboard: a named section of the video with its caption."""

    name: str
    caption: str
    start: float
    end: float


# Text-like mobjects default to white; a theme sets their default colour for the whole scene.
_THEMED_TEXT = (MathTex, Tex, Text, DecimalNumber)


class StoryScene(Scene):
    """A scene told as a sequence of named beats, each with one caption.

    A beat is a Manim section (so it becomes its own clip) and its caption spans the whole
    beat in the ``.srt`` written beside the video. Parameters come from the CLI or the config
    file through ``params``; anything left unset falls back to the class's ``DEFAULTS``.

    Examples
    --------
    ::

        class Hello(StoryScene):
            DEFAULTS = SceneParams(units=3, interval=(0.0, 1.0), target="square", theme="dark")

            def construct(self):
                self.beat("hello", "A dot appears.")
                self.play(Create(Dot(color=self.theme.approximation)))
    """

    DEFAULTS: ClassVar[SceneParams] = SceneParams(theme="dark")

    def __init__(self, params: SceneParams | None = None, **kwargs: Any) -> None:
        self.params = self.DEFAULTS.overridden_by(params)
        self.theme: Theme = theme_named(self.params.theme or "dark")
        self.beats: list[Beat] = []
        self._open_beat: tuple[str, str, float] | None = None
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = self.theme.background
        for text_class in _THEMED_TEXT:
            text_class.set_default(color=self.theme.text)

    def beat(self, name: str, caption: str) -> None:
        """Start the beat ``name``; ``caption`` is shown for all of it in the subtitles."""
        self._close_beat()
        self.next_section(name)
        self._open_beat = (name, caption, self.time)

    def tear_down(self) -> None:
        self._close_beat()
        for text_class in _THEMED_TEXT:
            text_class.set_default()
        super().tear_down()

    def _close_beat(self) -> None:
        if self._open_beat is None:
            return
        name, caption, start = self._open_beat
        self._open_beat = None
        self.beats.append(Beat(name, caption, start, self.time))
        elapsed = self.time - start
        if elapsed > 0:
            self.add_subcaption(caption, duration=elapsed, offset=-elapsed)
