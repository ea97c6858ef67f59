"""Where a render's files live in its output folder: every name in one place.

The user's files sit directly in the output folder, named by the job's stem (``shift``, or
``shift.light.9x16.h`` for one variant of several). What renders keep for later renders is
state (see :mod:`relu_anim.render.state`): records under ``.relu-anim/``, Manim's scratch, the
locks and the shared TeX cache under ``.work/``. Temporary names used while writing are
:mod:`relu_anim.render.atomic`'s.

- ``<stem>.mp4`` (or webm, gif, png): the video;
- ``<stem>.srt``: captions;
- ``<stem>.sections.json``: the storyboard record (:mod:`relu_anim.storyboard`);
- ``<stem>.beats/NN-<beat>.mp4``: one clip per beat (mp4 renders); the lecture pack puts
  each beat's last frame beside it as ``NN-<beat>.jpg``;
- ``.relu-anim/<stem>.json``: the up-to-date record (:mod:`relu_anim.render.manifest`);
- ``.relu-anim/<stem>.split.json``: per-beat costs of the last split render;
- ``.work/<stem>/``: Manim's scratch for one render, ``.work/<stem>.lock`` its lock;
- ``.work/<stem>.split/<n>/``: a split piece's scratch (``plan/``: the measuring run);
- ``.work/Tex/``: formulas typeset into this folder, shared by every render;
- ``.work/Speech/``: speech spoken for this folder's narrated renders, shared by all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from relu_anim.storyboard import beat_slug, clip_name

WORK = ".work"
RECORDS = ".relu-anim"


@dataclass(frozen=True, slots=True)
class OutputLayout:
    """The paths of one job's files in the output folder ``out`` (absolute), named by ``stem``.

    Examples
    --------
    >>> paths = OutputLayout(Path("/media"), "shift", "mp4")
    >>> paths.video.name, paths.sections.name, paths.record.relative_to(paths.out).as_posix()
    ('shift.mp4', 'shift.sections.json', '.relu-anim/shift.json')
    >>> paths.clip(1, "two relus").relative_to(paths.out).as_posix()
    'shift.beats/01-two_relus.mp4'
    >>> paths.piece_work(0).relative_to(paths.out).as_posix()
    '.work/shift.split/1'
    """

    out: Path
    stem: str = ""
    suffix: str = "mp4"  # the video's format: mp4, webm, gif or png

    # -- what the user gets ------------------------------------------------------------------

    @property
    def video(self) -> Path:
        return self.out / f"{self.stem}.{self.suffix}"

    @property
    def captions(self) -> Path:
        return self.out / f"{self.stem}.srt"

    @property
    def sections(self) -> Path:
        return self.out / f"{self.stem}.sections.json"

    @property
    def clips(self) -> Path:
        return self.out / f"{self.stem}.beats"

    def clip(self, number: int, beat: str) -> Path:
        """Beat ``number``'s clip (counted from 1), named after the beat."""
        return self.clips / clip_name(number, beat)

    def frame(self, number: int, beat: str) -> Path:
        """Beat ``number``'s last frame (a JPEG beside its clip, in the lecture pack)."""
        return self.clips / (beat_slug(number, beat) + ".jpg")

    # -- state: records ----------------------------------------------------------------------

    @property
    def records(self) -> Path:
        return self.out / RECORDS

    @property
    def record(self) -> Path:
        return self.records / f"{self.stem}.json"

    @property
    def split_costs(self) -> Path:
        return self.records / f"{self.stem}.split.json"

    # -- state: scratch ----------------------------------------------------------------------

    @property
    def work_root(self) -> Path:
        return self.out / WORK

    @property
    def tex_cache(self) -> Path:
        """Formulas typeset for this output folder, shared by all its renders."""
        return self.work_root / "Tex"

    @property
    def speech_cache(self) -> Path:
        """Speech spoken for this output folder, shared by all its narrated renders."""
        return self.work_root / "Speech"

    @property
    def work(self) -> Path:
        """Manim's folder for an unsplit render of this stem."""
        return self.work_root / self.stem

    @property
    def split_work(self) -> Path:
        return self.work_root / f"{self.stem}.split"

    def piece_work(self, index: int) -> Path:
        """Piece ``index``'s folder (counted from 0; the folder from 1)."""
        return self.split_work / str(index + 1)

    @property
    def plan_work(self) -> Path:
        return self.split_work / "plan"

    @property
    def joined(self) -> Path:
        """Where this process joins a split render's pieces before putting them in place."""
        return self.split_work / f"joined-{os.getpid()}"

    @property
    def received(self) -> Path:
        """Where this process keeps pieces' movies that came back from Dask workers."""
        return self.split_work / f"received-{os.getpid()}"


def lock_for(work: Path) -> Path:
    """The lock a render working in ``work`` holds: a second render there waits for it.

    The lock is the folder's name with ``.lock`` added, not its suffix replaced: the variants
    ``shift.dark.16x9.l`` and ``shift.dark.16x9.h`` differ only after their last dot, and
    share no lock.

    Examples
    --------
    >>> lock_for(Path("/media/.work/shift")).as_posix()
    '/media/.work/shift.lock'
    >>> lock_for(Path("/media/.work/shift.dark.16x9.h")).name
    'shift.dark.16x9.h.lock'
    """
    return work.with_name(work.name + ".lock")


def output_folder_of(work: Path) -> Path:
    """The output folder a work folder (``<out>/.work/...``) belongs to.

    Examples
    --------
    >>> output_folder_of(Path("/media/.work/shift.split/2")).as_posix()
    '/media'
    """
    return next((parent.parent for parent in work.parents if parent.name == WORK), work)
