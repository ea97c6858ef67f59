"""Render several scenes: skip what is up to date, run the rest in parallel, report each one.

Each scene is an independent job (its own process, its own Manim work folder), which is also
how a render farm would split the work: one scene per machine, outputs gathered afterwards.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from relu_anim import interrupt
from relu_anim.catalog import SceneInfo
from relu_anim.manifest import Manifest, RenderKey
from relu_anim.settings import RenderSettings, SceneParams

Status = Literal["rendered", "up to date", "failed"]


class PreflightError(RuntimeError):
    """The machine cannot render at all (no TeX, output folder not writable)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One scene to render with its effective parameter overrides."""

    info: SceneInfo
    params: SceneParams


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one job."""

    scene: str
    status: Status
    seconds: float
    outputs: tuple[Path, ...] = ()
    error: str = ""


def preflight(output_dir: Path) -> None:
    """Fail early, with the fix, when rendering cannot work on this machine."""
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise PreflightError(
            f"{' and '.join(missing)} not found (needed for the maths in every scene); install "
            "them with: sudo apt-get install texlive-latex-base texlive-latex-extra "
            "texlive-fonts-recommended dvisvgm (or run ./tasks video)"
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        probe = output_dir / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise PreflightError(
            f"output folder {output_dir} is not writable ({error.strerror}); "
            "pick another with -o DIR"
        ) from None


def render_jobs(
    jobs: Iterable[Job],
    options: RenderSettings,
    force: bool = False,
    isolate: bool = False,
    report: Callable[[Outcome], None] = lambda outcome: None,
    announce: Callable[[str], None] = lambda scene: None,
) -> list[Outcome]:
    """Render every job that is not up to date; return one outcome per job, in job order.

    ``report`` is called as each job finishes; ``announce`` as each render starts. Failures
    are reported and the other jobs still run. ``isolate`` renders in fresh processes even one
    at a time, so that edited code is imported anew (``watch`` needs that).
    """
    jobs = list(jobs)
    manifest = Manifest(options.output_dir.resolve())
    outcomes: dict[str, Outcome] = {}
    pending = []
    for job in jobs:
        if not force and manifest.is_up_to_date(job.info, _key(job, options)):
            outcomes[job.info.name] = Outcome(job.info.name, "up to date", 0.0)
            report(outcomes[job.info.name])
        else:
            pending.append(job)

    workers = max(1, min(options.jobs, len(pending)))
    if workers == 1 and not isolate:
        for job in pending:
            announce(job.info.name)
            outcomes[job.info.name] = _finish(job, options, manifest, _render_job(job, options))
            report(outcomes[job.info.name])
    else:
        # Progress bars from several processes would interleave into noise.
        quiet = replace(options, progress_bar=False) if workers > 1 else options
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            max_tasks_per_child=1,
            initializer=interrupt.enable_in_worker,
        ) as pool:
            try:
                futures = {}
                for job in pending:
                    announce(job.info.name)
                    futures[pool.submit(_render_job, job, quiet)] = job
                for future in as_completed(futures):
                    job = futures[future]
                    outcomes[job.info.name] = _finish(job, options, manifest, future.result())
                    report(outcomes[job.info.name])
            except BaseException:
                # Ctrl-C (or SIGTERM) reached this process: leaving the pool would wait for
                # the renders to finish and put their files in place.
                _stop_workers(pool)
                raise
    return [outcomes[job.info.name] for job in jobs]


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every render process now (SIGTERM: each stops at once, see relu_anim.interrupt).

    ``ProcessPoolExecutor`` has no public way to do this before Python 3.14
    (``terminate_workers``), hence ``_processes``. The pool is then shut down here rather than
    at exit, so that its queues' semaphores are released (or the resource tracker warns).
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()
    pool.shutdown(wait=True, cancel_futures=True)


def _key(job: Job, options: RenderSettings) -> RenderKey:
    return RenderKey(job.info.name, job.params, options.quality, options.format, options.aspect)


def _finish(job: Job, options: RenderSettings, manifest: Manifest, outcome: Outcome) -> Outcome:
    if outcome.status == "rendered":
        manifest.record(job.info, _key(job, options), list(outcome.outputs))
    return outcome


def _render_job(job: Job, options: RenderSettings) -> Outcome:
    """Render one job; runs in a worker process, so it returns errors instead of raising."""
    from relu_anim.render import render_scene

    started = time.perf_counter()
    try:
        result = render_scene(job.info, job.params, options)
    except Exception as error:
        detail = traceback.format_exc() if options.verbose else ""
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        return Outcome(
            job.info.name,
            "failed",
            time.perf_counter() - started,
            error=message + ("\n" + detail if detail else ""),
        )
    files = (result.video, result.captions, result.sections, result.clips)
    outputs = tuple(p for p in files if p is not None)
    return Outcome(job.info.name, "rendered", time.perf_counter() - started, outputs)
