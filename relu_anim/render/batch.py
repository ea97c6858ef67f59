"""Render several scenes: skip what is up to date, run the rest, report each one.

Each scene (and each variant of it: theme × aspect × quality) is an independent job
(:mod:`relu_anim.render.jobs`). A job becomes tasks (:mod:`relu_anim.render.works`: one task,
or with ``split`` above 1 a run of pieces joined here); the tasks run in this process, in a
local pool of spawned processes that write their files straight into the output folder, or on
a Dask cluster whose workers send the files back (:mod:`relu_anim.render.runners`). One submit
loop drives them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from dataclasses import replace

from relu_anim.render.jobs import (
    Job,
    Outcome,
    Outputs,
    PreflightError,
    Status,
    preflight,
    variant_jobs,
)
from relu_anim.render.manifest import Manifest
from relu_anim.render.runners import DaskRunner, PoolRunner, Runner, SerialRunner, Task
from relu_anim.render.works import Context, SplitWork, WholeWork, Work
from relu_anim.settings import RenderSettings

__all__ = [
    "Job",
    "Outcome",
    "Outputs",
    "PreflightError",
    "Status",
    "preflight",
    "render_jobs",
    "variant_jobs",
]


def render_jobs(
    jobs: Iterable[Job],
    options: RenderSettings,
    force: bool = False,
    isolate: bool = False,
    report: Callable[[Outcome], None] = lambda outcome: None,
    announce: Callable[[str], None] = lambda scene: None,
    executor: Executor | None = None,
) -> list[Outcome]:
    """Render every job that is not up to date; return one outcome per job, in job order.

    ``report`` is called as each job (and each split piece) finishes; ``announce`` as each
    render starts. Failures are reported and the other jobs still run. ``isolate`` renders in
    fresh processes even one at a time, so that edited code is imported anew (``watch`` needs
    that). ``executor`` (a Dask cluster's) runs the jobs instead of the local pool; its
    workers return the files' bytes (:mod:`relu_anim.render.remote`), and each task's start
    is announced from its worker.

    Examples
    --------
    ::

        from relu_anim.catalog import scene_named
        jobs = variant_jobs([(scene_named("shift"), SceneParams())], RenderSettings())
        [outcome.status for outcome in render_jobs(jobs, RenderSettings())]  # ['rendered']
    """
    jobs = list(jobs)
    manifest = Manifest(options.output_dir.resolve())
    outcomes: dict[str, Outcome] = {}
    pending = []
    for job in jobs:
        if not force and manifest.is_up_to_date(job.info, job.key(options), job.name):
            outcomes[job.name] = Outcome(job.name, "up to date", 0.0)
            report(outcomes[job.name])
        else:
            pending.append(job)
    if pending:
        split = options.split > 1
        works: list[Work] = [SplitWork(job) if split else WholeWork(job) for job in pending]
        runner = _runner(options, len(pending), isolate, executor, announce)
        quiet = replace(options, progress_bar=False) if runner.quiet else options
        context = Context(quiet, manifest, runner.remote, report)

        def finished(work: Work) -> None:
            assert work.outcome is not None
            outcomes[work.job.name] = work.outcome
            report(work.outcome)

        _submit_loop(works, runner, context, finished)
    return [outcomes[job.name] for job in jobs]


def _runner(
    options: RenderSettings,
    jobs: int,
    isolate: bool,
    executor: Executor | None,
    announce: Callable[[str], None],
) -> Runner:
    """Where the tasks run: Dask if given, a pool for several at once (always for pieces)."""
    if executor is not None:
        return DaskRunner(executor, announce)
    tasks = jobs * options.split
    workers = max(1, min(options.jobs, tasks))
    if options.split > 1 or workers > 1 or isolate:
        return PoolRunner(workers, announce, quiet=options.split > 1 or workers > 1)
    return SerialRunner(announce)


def _submit_loop(
    works: list[Work], runner: Runner, context: Context, finished: Callable[[Work], None]
) -> None:
    """Run every work's tasks on ``runner``; call ``finished`` as each has its outcome.

    A task that raises (its worker died, Dask gave up on it) fails its work; the work's other
    tasks are cancelled and the other works go on. Ctrl-C stops every task at once.
    """
    running: dict[Future, tuple[Work, Task]] = {}
    try:
        waiting = [(work, task) for work in works for task in work.start(context)]
        while waiting or running:
            while waiting and len(running) < runner.capacity:
                work, task = waiting.pop(0)
                if work.outcome is None:
                    future = runner.submit(task)
                    running[future] = (work, task)
            for future in runner.wait(running):
                work, task = running.pop(future)
                if work.outcome is not None or future.cancelled():
                    continue  # its job already failed
                try:
                    follow = work.take(task, future.result(), context)
                except Exception as error:  # a task failed, or its work could not finish
                    work.fail(error)
                    for other, (owner, _) in list(running.items()):
                        if owner is work and other.cancel():
                            del running[other]
                    follow = []
                waiting += [(work, next_task) for next_task in follow]
                if work.outcome is not None:
                    finished(work)
    except BaseException:
        runner.stop(running)
        raise
    runner.close()
