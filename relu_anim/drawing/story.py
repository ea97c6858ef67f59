"""The storyboard base class every scene shares: beats, pacing, live numbers and the poster.

A scene file reads top to bottom as its storyboard::

    self.beat("shift", "ReLU(x − h) slides as h changes.", notes="Ask where the kink goes.")
    self.play(Create(curve))
    self.hold(2)

and :class:`StoryScene` does the rest: each beat is a Manim section whose caption becomes as
many subtitle cues as a viewer needs to read it (:mod:`relu_anim.captions.cues`: two lines of
42 characters, 17 characters a second, a second at least), and a beat too short for its cues is
held still at its end until they are read; live numbers are kept last in the scene's list
(Manim redraws everything from the first mobject with an updater onwards, so the static picture
is drawn once), and the values the readouts show at the end of every beat are recorded for the
tests and the pack.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from manim import (
    Animation,
    Camera,
    DecimalNumber,
    ManimColor,
    MathTex,
    Mobject,
    Scene,
    Tex,
    Text,
)
from manim.animation.animation import prepare_animation

from relu_anim.captions.cues import timed_cues
from relu_anim.drawing.layout import Layout
from relu_anim.narration.say import spoken
from relu_anim.narration.sound import heard_from
from relu_anim.narration.speech import Speech, Voice
from relu_anim.narration.timing import beat_seconds, cue_starts
from relu_anim.settings import SceneParams
from relu_anim.storyboard import Beat
from relu_anim.theme import Theme, theme_named

if TYPE_CHECKING:
    from manim.mobject.mobject import _AnimationBuilder  # what ``mobject.animate`` builds

    Playable = Animation | Mobject | _AnimationBuilder  # what Scene.play takes

# Text-like mobjects default to white; a theme sets their default colour for the whole scene.
_THEMED_TEXT = (MathTex, Tex, Text, DecimalNumber)

BeatHook = Callable[["StoryScene", Beat], None]


def _finished_early(playable: Playable, share: float) -> Animation:
    """``playable`` run in the first ``share`` of its time, then held at its end state."""
    if isinstance(playable, Mobject):  # Scene.play refuses a bare mobject too
        raise TypeError(f"play() takes animations, not the mobject {playable!r}")
    animation = prepare_animation(playable)
    rate_func = animation.rate_func
    animation.rate_func = lambda t: rate_func(min(1.0, t / share))
    return animation


class StoryScene(Scene):
    """A scene told as a sequence of named beats, each with one caption.

    Class attributes a scene sets (read from the file with ``ast`` by the catalog, so keep
    them literal): ``DEFAULTS`` (its parameters), ``ORDER`` (its place in the list),
    ``MATHS`` (its maths in one line of plain text) and ``POSTER`` (the beat whose last frame
    best shows the idea; the last beat if unset).

    Examples
    --------
    ::

        class Hello(StoryScene):
            \"\"\"A dot appears.\"\"\"

            DEFAULTS = SceneParams(theme="dark")
            POSTER = "hello"

            def construct(self):
                self.beat("hello", "A dot appears.", notes="Point at the dot.")
                self.play(Create(Dot(color=self.theme.approximation)))
                self.hold(1)
    """

    DEFAULTS: ClassVar[SceneParams] = SceneParams(theme="dark")
    ORDER: ClassVar[float] = float("inf")
    MATHS: ClassVar[str] = ""
    POSTER: ClassVar[str] = ""

    def __init__(
        self, params: SceneParams | None = None, voice: Voice | None = None, **kwargs: Any
    ) -> None:
        self.params = self.DEFAULTS.overridden_by(params)
        #: Speaks each beat when set; the beat then lasts at least its speech and a pause.
        self.voice = voice
        #: Beat index -> its speech, heard from the beat's start (narrated beats only).
        self.spoken: dict[int, Speech] = {}
        theme = self.params.theme or "dark"
        if not isinstance(theme, str):  # a list of themes is split into variants before this
            raise ValueError(f"a scene is drawn in one theme, got {theme!r}")
        self.theme: Theme = theme_named(theme)
        self.beats: list[Beat] = []
        #: Beat name -> {readout name: value shown} at the end of that beat.
        self.shown: dict[str, dict[str, float]] = {}
        #: Called with (scene, beat) as each beat ends (the layout tests look at every beat).
        self.beat_hooks: list[BeatHook] = []
        self._live: list[Mobject] = []
        self._readouts: dict[str, DecimalNumber] = {}
        self._open_beat: tuple[str, str, str | None, float, str] | None = None
        super().__init__(**kwargs)

    def setup(self) -> None:
        if isinstance(self.camera, Camera):  # Cairo's; relu-anim does not render with OpenGL
            self.camera.background_color = ManimColor.parse(self.theme.background)
        self.layout = Layout.from_config()
        for text_class in _THEMED_TEXT:
            text_class.set_default(color=self.theme.text)

    # -- the storyboard's verbs ----------------------------------------------------------------

    def beat(
        self, name: str, caption: str, notes: str | None = None, say: str | None = None
    ) -> None:
        """Start the beat ``name``; ``caption`` is its subtitle, ``notes`` its speaker notes,
        ``say`` what a voice says (default: the caption read aloud, see
        :func:`relu_anim.narration.say.spoken`).

        The beat lasts at least as long as its caption's cues take to read and, narrated, as
        its speech and a short pause: when its plays end sooner, the last frame is held (text
        and animations keep their pace).
        """
        self._close_beat()
        self.next_section(name)
        said = spoken(caption) if say is None else say
        self._open_beat = (name, caption, notes, self.time, said)

    def hold(self, seconds: float) -> None:
        """Pause on a still frame: nothing moves, so nothing is redrawn."""
        self.wait(seconds, frozen_frame=True)

    def keep_live(self, *mobjects: Mobject) -> Mobject:
        """Keep ``mobjects`` (which have updaters) above everything else; return the first."""
        for mobject in mobjects:
            if mobject not in self._live:
                self._live.append(mobject)
        return mobjects[0]

    def track(self, name: str, number: DecimalNumber) -> DecimalNumber:
        """Register a number on screen under ``name``: its value is recorded at every beat end."""
        self._readouts[name] = number
        if number.updaters:
            self.keep_live(number)
        return number

    def play(self, *animations: Playable, hold: float = 0.0, **kwargs: Any) -> None:
        """Play, with the live mobjects last in the scene's list before and after.

        With ``hold``, the animations finish in ``run_time`` and the picture then stays still
        for ``hold`` seconds within the same play: one video segment instead of a play and a
        wait, each of which would start and drain its own encoder.
        """
        if hold > 0:
            run_time = kwargs.get("run_time", 1.0)
            animations = tuple(_finished_early(a, run_time / (run_time + hold)) for a in animations)
            kwargs["run_time"] = run_time + hold
        self._live_to_front()
        super().play(*animations, **kwargs)
        self._live_to_front()

    # -- what the tests and the lecture pack read ----------------------------------------------

    def shown_now(self) -> dict[str, float]:
        """What every registered readout on screen shows now."""
        on_screen = {id(mob) for top in self.mobjects for mob in top.get_family()}
        return {
            name: float(number.get_value())
            for name, number in self._readouts.items()
            if id(number) in on_screen
        }

    def poster_beat(self) -> Beat:
        """The beat whose last frame is the poster: ``POSTER``, or the last beat."""
        for beat in self.beats:
            if beat.name == self.POSTER:
                return beat
        return self.beats[-1]

    # -- bookkeeping ---------------------------------------------------------------------------

    def tear_down(self) -> None:
        self._close_beat()
        for text_class in _THEMED_TEXT:
            text_class.set_default()
        super().tear_down()

    def _live_to_front(self) -> None:
        on_screen = [mob for mob in self._live if mob in self.mobjects]
        if on_screen and self.mobjects[-len(on_screen) :] != on_screen:
            self.bring_to_front(*on_screen)

    def _close_beat(self) -> None:
        if self._open_beat is None:
            return
        name, caption, notes, start, say = self._open_beat
        speech = None
        if self.time > start:  # a beat that never played (a split piece ends there) stays empty
            if self.voice is not None:
                speech = heard_from(self.voice.speak(len(self.beats) + 1, name, say))
            self._hold_for_reading(beat_seconds(caption, speech) - (self.time - start))
        self._open_beat = None
        if speech is None:
            cues = timed_cues(caption, start, self.time)
        else:  # each cue as its sentence is spoken
            cues = timed_cues(caption, start, self.time, lambda t: cue_starts(t, speech, start))
            self.spoken[len(self.beats)] = speech
        said = say if speech is not None else None
        beat = Beat(len(self.beats), name, caption, notes, start, self.time, cues, said)
        self.beats.append(beat)
        self.shown[name] = self.shown_now()
        for hook in self.beat_hooks:
            hook(self, beat)
        for cue in cues:  # none for an empty caption (beat.cues would give one empty cue)
            self.add_subcaption(
                cue.text, duration=cue.end - cue.start, offset=cue.start - self.time
            )

    def _hold_for_reading(self, short: float) -> None:
        """Hold the last frame at least ``short`` seconds, in whole frames."""
        step = 1 / self.camera.frame_rate
        # A held frame lasts int(seconds / step) frames: ask for whole frames and half a frame
        # more, so the video's clock really passes ``short``.
        frames = math.ceil(short / step - 1e-9)
        if frames > 0:
            self.hold((frames + 0.5) * step)
