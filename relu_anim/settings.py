"""The one validated settings model: what to render and how, from flags and the config file.

Flags and the TOML file build the same two frozen dataclasses, and each validates itself
once, in ``__post_init__``: :class:`SceneParams` (what a lecturer may change in a scene) and
:class:`RenderSettings` (quality, format, aspect, output folder, jobs). A bad value raises
:class:`ConfigError` with one line naming the problem and the fix; the CLI prints that line.
No Manim import here, so every input error answers at once.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, overload

from relu_anim.theme import THEMES

MAX_UNITS = 1000
MAX_JOBS = 64
MAX_SPLIT = 64
#: Formats ``--split`` can join by stream copy (png is one frame; a gif's palette is built from
#: the whole video, so its pieces could not be joined without re-encoding).
SPLIT_FORMATS: tuple[str, ...] = ("mp4", "webm")
#: Formats that carry a narrated render's sound.
SOUND_FORMATS: tuple[str, ...] = ("mp4", "webm")
MAX_INTERVAL_END = 1e4
MIN_INTERVAL_WIDTH = 1e-3

#: Quality letter -> (Manim's quality name, pixel height of a landscape frame, frame rate).
QUALITIES: dict[str, tuple[str, int, int]] = {
    "l": ("low_quality", 480, 15),
    "m": ("medium_quality", 720, 30),
    "h": ("high_quality", 1080, 60),
    "k": ("fourk_quality", 2160, 60),
}
FORMATS: tuple[str, ...] = ("mp4", "webm", "gif", "png")
#: Aspect -> (width, height) ratio. Portrait frames keep the short side as wide as a
#: landscape frame is tall, so one font size reads the same in every aspect.
ASPECTS: dict[str, tuple[int, int]] = {"16:9": (16, 9), "4:3": (4, 3), "9:16": (9, 16)}
#: The short side of the frame in Manim units (Manim's default frame height).
FRAME_SHORT_SIDE = 8.0


class ConfigError(ValueError):
    """Bad input; the message is one line naming the problem and the fix."""


def _whole_number(value: object, name: str, lowest: int, highest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise ConfigError(
            f"{name} must be a whole number from {lowest} to {highest}, got {value!r}"
        )
    return value


def _choice(value: object, name: str, choices: Iterable[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ConfigError(f"{name} = {value!r}; use one of: {', '.join(choices)}")
    return value


def choices(value: object, name: str, allowed: Iterable[str]) -> str | tuple[str, ...]:
    """One choice, or a list of them (``"h,k"`` or ``["h", "k"]``) for rendering variants.

    A single value stays a string; two or more become a tuple without repeats.

    Examples
    --------
    >>> choices("h, k,h", "quality", QUALITIES)
    ('h', 'k')
    >>> choices(["light"], "theme", THEMES)
    'light'
    >>> choices("h,", "quality", QUALITIES)
    Traceback (most recent call last):
    ...
    relu_anim.settings.ConfigError: quality = ''; use one of: l, m, h, k
    """
    if isinstance(value, str) and "," in value:
        value = [part.strip() for part in value.split(",")]
    if isinstance(value, list | tuple):
        if not value:
            raise ConfigError(f"{name} is an empty list; give one or more of: {', '.join(allowed)}")
        picked = tuple(dict.fromkeys(_choice(item, name, allowed) for item in value))
        return picked[0] if len(picked) == 1 else picked
    return _choice(value, name, allowed)


@overload
def as_list(value: str | tuple[str, ...]) -> tuple[str, ...]: ...
@overload
def as_list(value: str | tuple[str, ...] | None) -> tuple[str | None, ...]: ...
def as_list(value: str | tuple[str, ...] | None) -> tuple[str | None, ...]:
    """A setting that may be a list of variants, always as a tuple.

    Examples
    --------
    >>> as_list("h"), as_list(("h", "k")), as_list(None)
    (('h',), ('h', 'k'), (None,))
    """
    return value if isinstance(value, tuple) else (value,)


def variant_stem(scene: str, theme: str, aspect: str, quality: str) -> str:
    """The file name stem of one variant of a scene (when more than one is rendered).

    Examples
    --------
    >>> variant_stem("shift", "light", "9:16", "h")
    'shift.light.9x16.h'
    """
    return f"{scene}.{theme}.{aspect.replace(':', 'x')}.{quality}"


_HOST = re.compile(
    r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$"
)


def checked_scheduler(value: object) -> str:
    """``local`` or a Dask scheduler address ``[tcp://|tls://]HOST[:PORT]``, checked.

    Examples
    --------
    >>> checked_scheduler("127.0.0.1:8786"), checked_scheduler("tls://sched.example.org")
    ('tcp://127.0.0.1:8786', 'tls://sched.example.org:8786')
    >>> checked_scheduler("http://x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relu_anim.settings.ConfigError: scheduler 'http://x' is not local or a Dask address ...
    """
    hint = f"scheduler {value!r} is not local or a Dask address such as tcp://10.0.0.5:8786"
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(hint)
    value = value.strip()
    if value == "local":
        return value
    scheme, _, rest = value.rpartition("://")
    scheme = scheme or "tcp"
    if scheme not in ("tcp", "tls"):
        raise ConfigError(f"{hint} (scheme {scheme}: use tcp or tls)")
    host, port = rest, "8786"
    if re.fullmatch(r".*:\d*", rest) and not rest.endswith("]"):
        host, _, port = rest.rpartition(":")
    if not host or not _HOST.match(host) or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ConfigError(f"{hint} (host or port)")
    if re.fullmatch(r"[\d.]+", host) and (
        host.count(".") != 3 or any(int(part) > 255 for part in host.split(".") if part)
    ):
        raise ConfigError(f"{hint} ({host} is not an IPv4 address)")
    return f"{scheme}://{host}:{int(port)}"


@dataclass(frozen=True, slots=True)
class SceneParams:
    """Per-scene parameters; ``None`` means "the scene's own default".

    Parameters
    ----------
    units
        The largest unit count a scene builds up or sweeps to (1..1000).
    interval
        The x-interval ``(lo, hi)`` the scene plots, finite with ``lo < hi``.
    target
        A named target (``"square"``) or an expression in ``x`` such as ``"sin(3*x)"``
        (parsed and checked on its interval by :func:`relu_anim.config.check_targets`).
    theme
        ``"dark"`` or ``"light"``.

    Examples
    --------
    >>> defaults = SceneParams(units=100, interval=(0.0, 2.0), target="square", theme="dark")
    >>> defaults.overridden_by(SceneParams(units=20)).units
    20
    >>> SceneParams(units=0)
    Traceback (most recent call last):
    ...
    relu_anim.settings.ConfigError: units must be a whole number from 1 to 1000, got 0
    """

    units: int | None = None
    interval: tuple[float, float] | None = None
    target: str | None = None
    theme: str | tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.units is not None:
            _whole_number(self.units, "units", 1, MAX_UNITS)
        if self.interval is not None:
            object.__setattr__(self, "interval", checked_interval(self.interval))
        if self.target is not None and (not isinstance(self.target, str) or not self.target):
            raise ConfigError(
                f'target must be a non-empty string, e.g. "x**2", got {self.target!r}'
            )
        if self.theme is not None:
            # a list of themes renders one variant per theme (see RenderSettings.variants)
            object.__setattr__(self, "theme", choices(self.theme, "theme", THEMES))

    def overridden_by(self, other: SceneParams | None) -> SceneParams:
        """Return these parameters with every field that ``other`` sets replaced."""
        if other is None:
            return self
        changes = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def restricted_to(self, names: frozenset[str]) -> SceneParams:
        """Return these parameters with every field not in ``names`` unset."""
        return SceneParams(
            **{f.name: getattr(self, f.name) for f in fields(self) if f.name in names}
        )


def checked_interval(value: object) -> tuple[float, float]:
    """Return ``value`` as ``(lo, hi)``: two finite real numbers with ``lo < hi``.

    Examples
    --------
    >>> checked_interval([0, 2])
    (0.0, 2.0)
    """
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise ConfigError(f"interval must be [LO, HI], two numbers, e.g. [0.0, 2.0], got {value!r}")
    lo, hi = float(value[0]), float(value[1])
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        raise ConfigError(f"interval {lo:g},{hi:g} needs finite LO < HI, e.g. 0,2")
    # Beyond these, axes ticks and kinks stop being distinct floats and a render can run away.
    if max(abs(lo), abs(hi)) > MAX_INTERVAL_END or hi - lo < MIN_INTERVAL_WIDTH:
        raise ConfigError(
            f"interval {lo:g},{hi:g} is out of range; use ends within ±{MAX_INTERVAL_END:g} "
            f"at least {MIN_INTERVAL_WIDTH:g} apart, e.g. 0,2"
        )
    return lo, hi


def parse_interval(text: str) -> tuple[float, float]:
    """Parse ``"LO,HI"`` into two finite floats with LO < HI.

    Examples
    --------
    >>> parse_interval("-1, 2.5")
    (-1.0, 2.5)
    """
    try:
        lo, hi = (float(part) for part in text.split(","))
    except ValueError:
        raise ConfigError(
            f"interval {text!r} is not two numbers; write it as LO,HI, e.g. --interval 0,2"
        ) from None
    return checked_interval((lo, hi))


def frame_size(quality: str, aspect: str) -> dict[str, float | int]:
    """Pixel and Manim-unit size of the frame for a quality letter and an aspect.

    Examples
    --------
    >>> frame_size("h", "4:3")["pixel_width"], frame_size("h", "9:16")["pixel_height"]
    (1440, 1920)
    """
    _, short_pixels, _ = QUALITIES[quality]
    wide, tall = ASPECTS[aspect]
    long_side = 2 * round(short_pixels * max(wide, tall) / min(wide, tall) / 2)  # H.264: even
    long_units = FRAME_SHORT_SIDE * max(wide, tall) / min(wide, tall)
    if wide >= tall:
        return {
            "pixel_width": long_side,
            "pixel_height": short_pixels,
            "frame_width": long_units,
            "frame_height": FRAME_SHORT_SIDE,
        }
    return {
        "pixel_width": short_pixels,
        "pixel_height": long_side,
        "frame_width": FRAME_SHORT_SIDE,
        "frame_height": long_units,
    }


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to render: quality, format, aspect, output folder, parallel jobs and Manim extras.

    ``quality`` and ``aspect`` may be lists (``"h,k"`` or ``["h", "k"]``): one variant per
    combination, see :meth:`variants`. ``scheduler`` is ``None`` (the local process pool),
    ``"local"`` (a Dask LocalCluster) or a Dask scheduler address.
    ``split`` cuts each scene into that many runs of whole beats, rendered as separate jobs
    and joined by stream copy (mp4 and webm only; see :mod:`relu_anim.render.split`).
    ``manim_config`` holds extra Manim settings (a tiny resolution in tests); its keys are
    checked against Manim's own before rendering, because ``tempconfig`` drops unknown keys.

    Examples
    --------
    >>> RenderSettings(quality="h", aspect="9:16").quality
    'h'
    >>> [(v.quality, v.aspect) for v in RenderSettings(quality="h,k", aspect="4:3").variants()]
    [('h', '4:3'), ('k', '4:3')]
    >>> RenderSettings(jobs=100)
    Traceback (most recent call last):
    ...
    relu_anim.settings.ConfigError: jobs must be a whole number from 1 to 64, got 100
    """

    quality: str = "m"
    format: str = "mp4"
    aspect: str = "16:9"
    output_dir: Path = Path("media")
    jobs: int = field(default_factory=lambda: min(os.cpu_count() or 1, MAX_JOBS))
    verbose: bool = False
    progress_bar: bool = True
    manim_config: tuple[tuple[str, object], ...] = ()
    scheduler: str | None = None
    split: int = 1
    #: The voice that narrates every beat (``None``: silent); see :mod:`relu_anim.render.narrator`.
    voice: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "quality", choices(self.quality, "quality", QUALITIES))
        _choice(self.format, "format", FORMATS)
        object.__setattr__(self, "aspect", choices(self.aspect, "aspect", ASPECTS))
        if self.scheduler is not None:
            object.__setattr__(self, "scheduler", checked_scheduler(self.scheduler))
        if not isinstance(self.output_dir, str | Path) or not str(self.output_dir).strip():
            raise ConfigError('output_dir must be a folder path, e.g. output_dir = "media"')
        object.__setattr__(self, "output_dir", Path(self.output_dir))
        if {"{", "}"} & set(str(self.output_dir.absolute())):
            raise ConfigError(
                f"output folder {self.output_dir.absolute()} has a {{ or }}, which Manim reads "
                "as a placeholder in its paths; pick a folder without braces with -o DIR"
            )
        _whole_number(self.jobs, "jobs", 1, MAX_JOBS)
        _whole_number(self.split, "split", 1, MAX_SPLIT)
        if self.split > 1 and self.format not in SPLIT_FORMATS:
            raise ConfigError(
                f"split {self.split} needs a video joined by stream copy (mp4 or webm), not "
                f"{self.format}: a png is one frame, a gif's palette spans the whole video; "
                "leave out --split or --format"
            )
        if self.voice is not None:
            if not isinstance(self.voice, str) or not self.voice.strip():
                raise ConfigError('voice must name a voice, e.g. voice = "joe"')
            if self.format not in SOUND_FORMATS:
                raise ConfigError(
                    f"voice {self.voice!r} needs a video with sound (mp4 or webm), not "
                    f"{self.format}; leave out --voice or --format"
                )

    def overridden_by(self, **given: Any) -> RenderSettings:
        """Return these settings with every keyword that is not ``None`` replaced."""
        return replace(self, **{key: value for key, value in given.items() if value is not None})

    def variants(self) -> list[RenderSettings]:
        """One settings per aspect × quality asked for (aspect first), each a single render."""
        return [
            replace(self, quality=quality, aspect=aspect)
            for aspect in as_list(self.aspect)
            for quality in as_list(self.quality)
        ]

    @property
    def frame(self) -> dict[str, float | int]:
        """Pixel and Manim-unit frame size (see :func:`frame_size`)."""
        return frame_size(self.quality, self.aspect)
