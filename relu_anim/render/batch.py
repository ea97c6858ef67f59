"""Render several scenes: skip what is up to date, run the rest in parallel, report each one.

Each scene (and each variant of it: theme × aspect × quality) is an independent job (its own
process, its own Manim work folder). By default jobs run in a local pool of spawned processes that
write their files straight into the output folder. Any other ``concurrent.futures.Executor``
(a Dask cluster's, see :mod:`relu_anim.render.cluster`) runs :func:`render_remote` instead: each job
renders in a temporary folder on its worker and returns its files' bytes, which this process
writes into the output folder atomically, so workers need no shared file system.

With ``split`` above 1 each job becomes that many pieces, each a run of whole beats rendered as
its own task (:mod:`relu_anim.render.split`); once a job's pieces are all in, this process joins
them by stream copy and puts the files in place as an unsplit render would.
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    as_completed,
    wait,
)
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from relu_anim.catalog import SceneInfo
from relu_anim.render import interrupt, lifeline, texcache
from relu_anim.render.diskspace import DiskFull
from relu_anim.render.manifest import Manifest, RenderKey
from relu_anim.render.split import (
    Piece,
    PieceResult,
    beat_costs,
    join_pieces,
    pieces_for,
    record_costs,
)
from relu_anim.settings import RenderSettings, SceneParams, as_list, variant_stem

Status = Literal["rendered", "up to date", "failed"]


class PreflightError(RuntimeError):
    """The machine cannot render at all (no TeX, output folder not writable)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One scene to render with its effective parameter overrides.

    ``quality`` and ``aspect`` pick this job's variant (``None``: the batch's settings);
    ``stem`` names its files (``None``: the scene's name, ``shift.mp4``).
    """

    info: SceneInfo
    params: SceneParams
    quality: str | None = None
    aspect: str | None = None
    stem: str | None = None

    @property
    def name(self) -> str:
        """The name of this job's files and of its line in the report."""
        return self.stem or self.info.name

    def settings(self, options: RenderSettings) -> RenderSettings:
        """The batch's settings with this job's variant."""
        return options.overridden_by(quality=self.quality, aspect=self.aspect)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one job (``scene`` is the job's name, see :attr:`Job.name`)."""

    scene: str
    status: Status
    seconds: float
    outputs: tuple[Path, ...] = ()
    error: str = ""
    worker: str = ""  # the Dask worker that rendered it; empty for the local pool
    disk_full: bool = False  # failed for want of space (``error`` names the folder)


def variant_jobs(
    scenes: Iterable[tuple[SceneInfo, SceneParams]], options: RenderSettings
) -> list[Job]:
    """One job per scene and variant: the product of the themes, aspects and qualities asked.

    With one variant the files keep the scene's name (``shift.mp4``); with more, each is named
    ``<scene>.<theme>.<aspect>.<quality>`` (``shift.light.9x16.h.mp4``).
    """
    jobs = []
    for info, params in scenes:
        themes = as_list(params.theme)
        single = len(themes) * len(as_list(options.aspect)) * len(as_list(options.quality)) == 1
        for theme in themes:
            for variant in options.variants():
                stem = None
                if not single:
                    shown = theme or _default_theme(info)
                    stem = variant_stem(info.name, shown, variant.aspect, variant.quality)
                jobs.append(
                    Job(info, replace(params, theme=theme), variant.quality, variant.aspect, stem)
                )
    return jobs


def _default_theme(info: SceneInfo) -> str:
    """The scene's own theme (read from its file, no Manim import), ``dark`` when not plain."""
    from relu_anim.lecture.companion import scene_defaults

    try:
        theme = scene_defaults(info.path).theme
    except (ValueError, TypeError, SyntaxError, OSError):
        theme = None
    return theme if isinstance(theme, str) else "dark"


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
    executor: Executor | None = None,
) -> list[Outcome]:
    """Render every job that is not up to date; return one outcome per job, in job order.

    ``report`` is called as each job finishes; ``announce`` as each render starts. Failures
    are reported and the other jobs still run. ``isolate`` renders in fresh processes even one
    at a time, so that edited code is imported anew (``watch`` needs that). ``executor`` (a
    Dask cluster's) runs the jobs instead of the local pool; its workers return the files'
    bytes (:func:`render_remote`), and the job's start is announced from the worker.
    """
    jobs = list(jobs)
    manifest = Manifest(options.output_dir.resolve())
    outcomes: dict[str, Outcome] = {}
    pending = []
    for job in jobs:
        if not force and manifest.is_up_to_date(job.info, _key(job, options), job.name):
            outcomes[job.name] = Outcome(job.name, "up to date", 0.0)
            report(outcomes[job.name])
        else:
            pending.append(job)

    if options.split > 1 and pending:
        _render_split(pending, options, manifest, outcomes, report, announce, executor)
        return [outcomes[job.name] for job in jobs]
    if executor is not None:
        _run_on(executor, pending, options, manifest, outcomes, report)
        return [outcomes[job.name] for job in jobs]
    workers = max(1, min(options.jobs, len(pending)))
    if workers == 1 and not isolate:
        for job in pending:
            announce(job.name)
            outcomes[job.name] = _render_job(job, options)
            report(outcomes[job.name])
    else:
        # Progress bars from several processes would interleave into noise.
        quiet = replace(options, progress_bar=False) if workers > 1 else options
        context = lifeline.DeafSpawnContext()
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            max_tasks_per_child=1,
            initializer=interrupt.enable_in_worker,
        ) as pool:
            try:
                futures = {}
                for job in pending:
                    announce(job.name)
                    futures[pool.submit(_render_job, job, quiet)] = job
                for future in as_completed(futures):
                    job = futures[future]
                    outcomes[job.name] = future.result()
                    report(outcomes[job.name])
            except BaseException:
                # Ctrl-C (or SIGTERM) reached this process: leaving the pool would wait for
                # the renders to finish and put their files in place.
                _stop_workers(pool)
                raise
    return [outcomes[job.name] for job in jobs]


def _run_on(
    executor: Executor,
    pending: list[Job],
    options: RenderSettings,
    manifest: Manifest,
    outcomes: dict[str, Outcome],
    report: Callable[[Outcome], None],
) -> None:
    """Run ``pending`` on ``executor``; write each job's returned files into the output folder."""
    quiet = replace(options, progress_bar=False)
    futures: dict[Future, Job] = {
        executor.submit(render_remote, job, quiet): job for job in pending
    }
    try:
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome, files = future.result()
            except Exception as error:  # the task itself failed (e.g. its workers kept dying)
                message = f"{type(error).__name__}: {error}".splitlines()[0]
                outcome, files = Outcome(job.name, "failed", 0.0, error=message), {}
            if outcome.status == "rendered":
                # The record changes with the files: a signal held here waits for both.
                with interrupt.committing():
                    written = write_outputs(options.output_dir.resolve(), files)
                    manifest.record(job.info, _key(job, options), list(written), job.name)
                outcome = replace(outcome, outputs=written)
            outcomes[job.name] = outcome
            report(outcomes[job.name])
    except BaseException:
        for future in futures:
            future.cancel()
        raise


# A Dask worker may run several tasks at once in threads; Manim's config is one global per
# process, so renders in one worker process take turns.
_RENDER_LOCK = threading.Lock()


def render_remote(job: Job, options: RenderSettings) -> tuple[Outcome, dict[str, bytes]]:
    """Render ``job`` in a temporary folder and return its outcome and its files' bytes.

    Runs on a worker (Dask); ``files`` maps each output's path relative to the output folder
    (``shift.mp4``, ``shift.beats/01-intro.mp4``) to its bytes, in the order of the outcome's
    outputs (the video first). Nothing is written outside the temporary folder.
    """
    worker = _worker_address()
    with _RENDER_LOCK, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        _log_start(job.name, worker)
        here = replace(job, info=_local_scene(job.info))
        outcome = _render_job(
            here, replace(options, output_dir=Path(folder)), texcache.machine_cache(), record=False
        )
        files: dict[str, bytes] = {}
        for path in outcome.outputs:
            if path.is_dir():
                for item in sorted(path.iterdir()):
                    files[f"{path.name}/{item.name}"] = item.read_bytes()
            else:
                files[path.name] = path.read_bytes()
    return replace(outcome, outputs=(), worker=worker), files


def write_outputs(output_dir: Path, files: dict[str, bytes]) -> tuple[Path, ...]:
    """Write files returned by :func:`render_remote` into ``output_dir``, each atomically.

    A file goes under a temporary name and is renamed into place; a folder (the beats) is
    filled under a temporary name and swapped in. Returns the top-level paths, in order.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    tops: dict[str, dict[str, bytes]] = {}
    for relative, data in files.items():
        top, _, inner = relative.partition("/")
        tops.setdefault(top, {})[inner] = data
    written = []
    for top, content in tops.items():
        if Path(top).name != top or top in ("", ".", ".."):
            raise ValueError(f"refusing to write {top!r} outside {output_dir}")
        target = output_dir / top
        partial = output_dir / f".{top}.partial-{os.getpid()}"
        try:
            if "" in content:  # a single file
                partial.write_bytes(content[""])
                os.replace(partial, target)
            else:
                _swap_in_folder(partial, target, content)
        finally:
            if partial.is_dir():
                shutil.rmtree(partial, ignore_errors=True)
            else:
                partial.unlink(missing_ok=True)
        written.append(target)
    return tuple(written)


def _swap_in_folder(partial: Path, target: Path, content: dict[str, bytes]) -> None:
    """Fill ``partial`` with ``content`` and swap it in for ``target`` with two renames."""
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    for inner, data in content.items():
        if Path(inner).name != inner or inner in (".", ".."):
            raise ValueError(f"refusing to write {inner!r} outside {target}")
        (partial / inner).write_bytes(data)
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(partial, target)
    shutil.rmtree(old, ignore_errors=True)


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return ""


def _log_start(name: str, worker: str) -> None:
    """Tell the client this job started (a Dask event it subscribes to; see cluster.py)."""
    if worker:
        from distributed import get_worker

        get_worker().log_event(PROGRESS_TOPIC, {"job": name, "worker": worker})


PROGRESS_TOPIC = "relu-anim-progress"


def _local_scene(info: SceneInfo) -> SceneInfo:
    """The scene as found on this machine: the same path, or the installed built-in of its name."""
    if info.path.exists():
        return info
    from relu_anim.catalog import scene_named

    return scene_named(info.name)


#: Seconds a stopped render process gets to end on SIGTERM before it is killed.
STOP_GRACE_SECONDS = 3.0


def _stop_workers(pool: ProcessPoolExecutor, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop every render process now, within about ``2 * grace`` seconds.

    SIGTERM first (each stops at once, see relu_anim.render.interrupt), SIGKILL for any still there
    after ``grace``. ``ProcessPoolExecutor`` has no public way to do this before Python 3.14
    (``terminate_workers``), hence its private attributes. It replaces each worker after its
    task (``max_tasks_per_child``), so it is first kept from starting new ones: a replacement
    started after the list below was taken was never stopped, and the pool's shutdown waited
    for it forever. The pool is then shut down here rather than at exit, so that its queues'
    semaphores are released (or the resource tracker warns).
    """
    pool._adjust_process_count = lambda: None  # type: ignore[method-assign]
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=grace)
    # Its manager thread sees the workers gone and ends; waiting for it is then bounded too.
    pool.shutdown(wait=False, cancel_futures=True)
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=grace)


def _key(job: Job, options: RenderSettings) -> RenderKey:
    settings = job.settings(options)
    return RenderKey(job.info.name, job.params, settings.quality, settings.format, settings.aspect)


def _render_job(
    job: Job, options: RenderSettings, tex_cache: Path | None = None, record: bool = True
) -> Outcome:
    """Render one job; runs in a worker process, so it returns errors instead of raising.

    With ``record`` its manifest record is written by the process that puts its files in
    place, with the renames: a worker that outlives its command leaves files and a record that
    agree, and a signal held by the renames never leaves new files under an old record.
    """
    from relu_anim.render.scene import RenderResult, render_scene

    def remember(result: RenderResult) -> None:
        files = (result.video, result.captions, result.sections, result.clips)
        manifest = Manifest(options.output_dir.resolve())
        manifest.record(job.info, _key(job, options), [p for p in files if p], job.name)

    started = time.perf_counter()
    try:
        result = render_scene(
            job.info,
            job.params,
            job.settings(options),
            stem=job.stem,
            tex_cache=tex_cache,
            on_commit=remember if record else None,
        )
    except DiskFull as error:
        return Outcome(
            job.name, "failed", time.perf_counter() - started, error=str(error), disk_full=True
        )
    except Exception as error:
        detail = traceback.format_exc() if options.verbose else ""
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        return Outcome(
            job.name,
            "failed",
            time.perf_counter() - started,
            error=message + ("\n" + detail if detail else ""),
        )
    files = (result.video, result.captions, result.sections, result.clips)
    outputs = tuple(p for p in files if p is not None)
    return Outcome(job.name, "rendered", time.perf_counter() - started, outputs)


# -- --split: pieces of a scene as separate tasks, joined here ------------------------------------


@dataclass
class _SplitJob:
    """One job being rendered in pieces: its pieces, the results in, when it began."""

    job: Job
    started: float = field(default_factory=time.perf_counter)
    pieces: list[Piece] = field(default_factory=list)
    results: list[PieceResult] = field(default_factory=list)
    failed: bool = False


def _render_split(
    pending: list[Job],
    options: RenderSettings,
    manifest: Manifest,
    outcomes: dict[str, Outcome],
    report: Callable[[Outcome], None],
    announce: Callable[[str], None],
    executor: Executor | None,
) -> None:
    """Render every pending job in ``options.split`` pieces on ``executor`` (``None``: a pool).

    A job whose pieces have never been balanced here (no costs from an earlier render in the
    output folder) is first planned: a run that draws nothing measures its beats. Each piece
    announces its start and reports its end (``<job> [piece 1/2, beats 1-3]: ...``); a job is
    reported once joined and in place. A failed piece fails its job; the others go on.
    """
    quiet = replace(options, progress_bar=False)
    output_dir = options.output_dir.resolve()
    remote = executor is not None
    pool: ProcessPoolExecutor | None = None
    started: Any = None  # the pool's pieces say on this queue when they start
    if executor is None:
        context = lifeline.DeafSpawnContext()
        started = context.Queue()
        pool = ProcessPoolExecutor(
            max(1, min(options.jobs, len(pending) * options.split)),
            mp_context=context,
            max_tasks_per_child=1,
            initializer=_start_split_worker,
            initargs=(started,),
        )
        executor = pool
    plan_task = plan_remote if remote else _plan_task
    piece_task = render_piece_remote if remote else _piece_task
    futures: dict[Future, tuple[_SplitJob, Piece | None]] = {}

    def submit_pieces(state: _SplitJob, drawn: list[float], dry: list[float] | None) -> None:
        state.pieces = pieces_for(drawn, options.split, dry)
        for piece in state.pieces:
            futures[executor.submit(piece_task, state.job, piece, quiet)] = (state, piece)

    def fail(state: _SplitJob, error: BaseException) -> None:
        state.failed = True
        for future, (other, _) in list(futures.items()):
            if other is state and future.cancel():
                del futures[future]
        full = isinstance(error, DiskFull)
        message = str(error) if full else f"{type(error).__name__}: {error}".splitlines()[0]
        seconds = time.perf_counter() - state.started
        outcomes[state.job.name] = Outcome(
            state.job.name, "failed", seconds, error=message, disk_full=full
        )
        report(outcomes[state.job.name])

    try:
        for job in pending:
            state = _SplitJob(job)
            costs = beat_costs(output_dir, job.name)
            if costs is None:
                futures[executor.submit(plan_task, job, quiet)] = (state, None)
            else:
                submit_pieces(state, *costs)
        while futures:
            done, _ = wait(list(futures), timeout=0.2, return_when=FIRST_COMPLETED)
            _say_started(started, announce)
            for future in done:
                state, piece = futures.pop(future)
                if state.failed or future.cancelled():
                    continue
                try:
                    value = future.result()
                except Exception as error:  # a piece failed, or its workers kept dying
                    fail(state, error)
                    continue
                if piece is None:
                    submit_pieces(state, value, None)
                    continue
                state.results.append(value)
                report(
                    Outcome(
                        f"{state.job.name} [{piece.label}]",
                        "rendered",
                        value.seconds,
                        worker=value.worker,
                    )
                )
                if len(state.results) == len(state.pieces):
                    try:
                        outcome = _join_split(state, options, output_dir, manifest)
                    except Exception as error:
                        fail(state, error)
                        continue
                    outcomes[state.job.name] = outcome
                    report(outcomes[state.job.name])
        _say_started(started, announce)
    except BaseException:
        if pool is not None:
            _stop_workers(pool)  # Ctrl-C: stop the renders now (see _stop_workers)
        else:
            for future in futures:
                future.cancel()
        raise
    if pool is not None:
        pool.shutdown(wait=True)


def _join_split(
    state: _SplitJob, options: RenderSettings, output_dir: Path, manifest: Manifest
) -> Outcome:
    """Join a job's pieces in its scratch folder, then rename the files into place and record
    them (together: a signal held by the renames waits for the record too)."""
    from relu_anim.render.scene import put_joined_in_place

    job = state.job
    suffix = job.settings(options).format
    scratch = output_dir / ".work" / f"{job.name}.split"
    staging = scratch / f"joined-{os.getpid()}"
    received = scratch / f"received-{os.getpid()}"
    for folder in (staging, received):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for result in state.results:  # from Dask workers: the movies' bytes
            if result.movies and isinstance(result.movies[0], bytes):
                received.mkdir(parents=True, exist_ok=True)
                paths = []
                for play, data in zip(result.drawn, result.movies, strict=True):
                    path = received / f"{play.play:05d}.{suffix}"
                    path.write_bytes(data)
                    paths.append(path)
                result.movies = paths
        join_pieces(state.results, staging, job.name, suffix)
        last = max(state.results, key=lambda result: result.piece.index)
        with interrupt.committing():
            outputs = put_joined_in_place(staging, output_dir, job.name, suffix, last)
            manifest.record(job.info, _key(job, options), list(outputs), job.name)
        record_costs(output_dir, job.name, state.results)
    finally:
        for folder in (staging, received):
            shutil.rmtree(folder, ignore_errors=True)
    return Outcome(job.name, "rendered", time.perf_counter() - state.started, outputs)


_started_queue: Any = None


def _start_split_worker(started: Any) -> None:
    """Pool initializer for pieces: stop at once on a signal, and say when a piece starts."""
    global _started_queue
    interrupt.enable_in_worker()
    _started_queue = started


def _say_started(started: Any, announce: Callable[[str], None]) -> None:
    """Announce every piece the pool's workers said has started."""
    if started is None:
        return
    while True:
        try:
            announce(started.get_nowait())
        except (queue.Empty, OSError, ValueError):
            return


def _tell_started(name: str) -> None:
    if _started_queue is not None:
        _started_queue.put(name)


def _piece_task(job: Job, piece: Piece, options: RenderSettings) -> PieceResult:
    """Render one piece in a pool process; its partial movies stay in the output's scratch."""
    from relu_anim.render.scene import render_scene_piece

    _tell_started(f"{job.name} [{piece.label}]")
    return render_scene_piece(job.info, job.params, job.settings(options), job.name, piece)


def _plan_task(job: Job, options: RenderSettings) -> list[float]:
    """Measure each beat's length in a pool process (see :func:`relu_anim.render.plan_scene`)."""
    from relu_anim.render.scene import plan_scene

    _tell_started(f"{job.name} [plan: beat lengths]")
    return plan_scene(job.info, job.params, job.settings(options), job.name)


def render_piece_remote(job: Job, piece: Piece, options: RenderSettings) -> PieceResult:
    """Render one piece on a Dask worker; return it with its partial movies' bytes."""
    from relu_anim.render.scene import render_scene_piece

    worker = _worker_address()
    with _RENDER_LOCK, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        _log_start(f"{job.name} [{piece.label}]", worker)
        here = replace(job, info=_local_scene(job.info))
        settings = replace(job.settings(options), output_dir=Path(folder))
        result = render_scene_piece(
            here.info, job.params, settings, job.name, piece, tex_cache=texcache.machine_cache()
        )
        result.movies = [Path(path).read_bytes() for path in result.movies]
    result.worker = worker
    return result


def plan_remote(job: Job, options: RenderSettings) -> list[float]:
    """Measure each beat's length on a Dask worker (see :func:`relu_anim.render.plan_scene`)."""
    from relu_anim.render.scene import plan_scene

    worker = _worker_address()
    with _RENDER_LOCK, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        _log_start(f"{job.name} [plan: beat lengths]", worker)
        here = replace(job, info=_local_scene(job.info))
        settings = replace(job.settings(options), output_dir=Path(folder))
        return plan_scene(here.info, job.params, settings, job.name, texcache.machine_cache())
