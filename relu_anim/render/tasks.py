"""The tasks a batch runs in this process or a local pool: a whole job, a split piece, a plan.

Each writes into the output folder itself (a whole job also its up-to-date record, with the
renames). A task returns its errors as a failed outcome where it can, so that one broken
scene never stops the others; the Dask versions are :mod:`relu_anim.render.remote`'s.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from relu_anim.render.jobs import Job, Outcome, Outputs, failed
from relu_anim.render.manifest import Manifest
from relu_anim.render.pieces import Piece, PieceResult
from relu_anim.render.runners import tell_started
from relu_anim.settings import RenderSettings


def render_job(
    job: Job, options: RenderSettings, tex_cache: Path | None = None, record: bool = True
) -> Outcome:
    """Render one job; runs in a worker process, so it returns errors instead of raising.

    With ``record`` its manifest record is written by the process that puts its files in
    place, with the renames: a worker that outlives its command leaves files and a record that
    agree, and a signal held by the renames never leaves new files under an old record.
    """
    from relu_anim.render import scene

    def remember(outputs: Outputs) -> None:
        manifest = Manifest(options.output_dir.resolve())
        manifest.record(job.info, job.key(options), list(outputs.paths()), job.name)

    started = time.perf_counter()
    try:
        outputs = scene.render_scene(
            job.info,
            job.params,
            job.settings(options),
            stem=job.stem,
            tex_cache=tex_cache,
            on_commit=remember if record else None,
        )
    except Exception as error:
        detail = traceback.format_exc() if options.verbose else ""
        return failed(job.name, error, time.perf_counter() - started, detail)
    return Outcome(job.name, "rendered", time.perf_counter() - started, outputs)


def piece_label(job: Job, piece: Piece | None) -> str:
    """How the progress lines name a piece of ``job`` (``None``: its planning run).

    Examples
    --------
    >>> from relu_anim.catalog import scene_named
    >>> from relu_anim.settings import SceneParams
    >>> piece_label(Job(scene_named("shift"), SceneParams()), None)
    'shift [plan: beat lengths]'
    """
    return f"{job.name} [{piece.label if piece is not None else 'plan: beat lengths'}]"


def render_piece(job: Job, piece: Piece, options: RenderSettings) -> PieceResult:
    """Render one piece in a pool process; its partial movies stay in the output's scratch."""
    from relu_anim.render.scene import render_scene_piece

    tell_started(piece_label(job, piece))
    return render_scene_piece(job.info, job.params, job.settings(options), job.name, piece)


def plan(job: Job, options: RenderSettings) -> list[float]:
    """Measure each beat's length in a pool process (see
    :func:`relu_anim.render.scene.plan_scene`)."""
    from relu_anim.render.scene import plan_scene

    tell_started(piece_label(job, None))
    return plan_scene(job.info, job.params, job.settings(options), job.name)
