"""The tasks a Dask worker runs: a whole job, a split piece, a plan; files sent back as bytes.

Every task is set up the same way (:func:`_on_worker`): one render at a time per worker
process (Manim's config is one global), a temporary output folder, the user's TeX cache
(:func:`relu_anim.render.texcache.machine_cache`), the scene as found on this machine, and a
Dask event telling the client it started. Nothing is written outside the temporary folder, so
workers need the same relu-anim installed but no shared file system; the client writes what
comes back (:func:`relu_anim.render.place.write_outputs`).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from relu_anim.catalog import SceneInfo
from relu_anim.render import texcache
from relu_anim.render.jobs import Job, Outcome
from relu_anim.render.pieces import Piece, PieceResult
from relu_anim.render.place import files_of
from relu_anim.render.tasks import piece_label, render_job
from relu_anim.settings import RenderSettings

#: The Dask event topic on which workers say a task started (see relu_anim.render.cluster).
PROGRESS_TOPIC = "relu-anim-progress"

# A Dask worker may run several tasks at once in threads; Manim's config is one global per
# process, so renders in one worker process take turns.
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class _Here:
    """A task's place on its worker: the job as found here, its settings, the worker."""

    job: Job
    options: RenderSettings  # the job's settings, with the temporary output folder
    worker: str


@contextmanager
def _on_worker(job: Job, options: RenderSettings, label: str) -> Iterator[_Here]:
    worker = _worker_address()
    with _RENDER_LOCK, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        _log_start(label, worker)
        here = replace(job, info=_local_scene(job.info))
        settings = replace(options, progress_bar=False, output_dir=Path(folder))
        yield _Here(here, settings, worker)


def render_remote(job: Job, options: RenderSettings) -> tuple[Outcome, dict[str, bytes]]:
    """Render ``job`` and return its outcome and its files' bytes.

    ``files`` maps each output's path relative to the output folder (``shift.mp4``,
    ``shift.beats/01-intro.mp4``) to its bytes; the outcome names them relative too.
    """
    with _on_worker(job, options, job.name) as here:
        outcome = render_job(here.job, here.options, texcache.machine_cache(), record=False)
        files = files_of(outcome.files) if outcome.files is not None else {}
        names = outcome.files.moved_to(Path()) if outcome.files is not None else None
    return replace(outcome, files=names, worker=here.worker), files


def render_piece_remote(job: Job, piece: Piece, options: RenderSettings) -> PieceResult:
    """Render one piece; return it with its partial movies' bytes."""
    from relu_anim.render.scene import render_scene_piece

    with _on_worker(job, options, piece_label(job, piece)) as here:
        settings = here.job.settings(here.options)
        result = render_scene_piece(
            here.job.info, job.params, settings, job.name, piece, texcache.machine_cache()
        )
        result.movies = [Path(path).read_bytes() for path in result.movies]
    result.worker = here.worker
    return result


def plan_remote(job: Job, options: RenderSettings) -> list[float]:
    """Measure each beat's length (see :func:`relu_anim.render.scene.plan_scene`)."""
    from relu_anim.render.scene import plan_scene

    with _on_worker(job, options, piece_label(job, None)) as here:
        settings = here.job.settings(here.options)
        return plan_scene(here.job.info, job.params, settings, job.name, texcache.machine_cache())


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return ""


def _log_start(label: str, worker: str) -> None:
    """Tell the client this task started (a Dask event it subscribes to; see cluster.py)."""
    if worker:
        from distributed import get_worker

        get_worker().log_event(PROGRESS_TOPIC, {"job": label, "worker": worker})


def _local_scene(info: SceneInfo) -> SceneInfo:
    """The scene as found on this machine: the same path, or the installed built-in of its name."""
    if info.path.exists():
        return info
    from relu_anim.catalog import scene_named

    return scene_named(info.name)
