"""The numbers a lecturer may change in a scene without editing its code (no Manim import)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

MAX_UNITS = 1000


@dataclass(frozen=True, slots=True)
class SceneParams:
    """Per-scene parameters; ``None`` means "the scene's own default".

    Parameters
    ----------
    units
        The largest unit count a scene builds up or sweeps to (1..1000).
    interval
        The x-interval ``(lo, hi)`` the scene plots.
    target
        A named target (``"square"``) or an expression in ``x`` such as ``"sin(3*x)"``.
    theme
        ``"dark"`` or ``"light"``.

    Examples
    --------
    >>> defaults = SceneParams(units=100, interval=(0.0, 2.0), target="square", theme="dark")
    >>> defaults.overridden_by(SceneParams(units=20)).units
    20
    """

    units: int | None = None
    interval: tuple[float, float] | None = None
    target: str | None = None
    theme: str | None = None

    def __post_init__(self) -> None:
        if self.units is not None:
            if isinstance(self.units, bool) or not isinstance(self.units, int):
                raise ValueError(f"units must be a whole number, got {self.units!r}")
            if not 1 <= self.units <= MAX_UNITS:
                raise ValueError(f"units must be between 1 and {MAX_UNITS}, got {self.units}")
        if self.interval is not None:
            lo, hi = self.interval
            if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
                raise ValueError(
                    f"interval must be two finite numbers LO,HI with LO < HI, got {lo},{hi}"
                )
            object.__setattr__(self, "interval", (float(lo), float(hi)))

    def overridden_by(self, other: SceneParams | None) -> SceneParams:
        """Return these parameters with every field that ``other`` sets replaced."""
        if other is None:
            return self
        changes = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
