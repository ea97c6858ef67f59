"""How a job becomes tasks and their results its outcome: whole, or split into pieces.

The submit loop (:mod:`relu_anim.render.batch`) starts each job's :class:`Work`, submits the
tasks it asks for, hands every result back to it and reports the outcome it ends in, wherever
the tasks ran (:mod:`relu_anim.render.runners`). :class:`WholeWork` is one task. ``--split``
is only another kind of work, :class:`SplitWork`: a measuring run when no costs are known,
then one task per piece (:mod:`relu_anim.render.pieces`), then the pieces joined here by
stream copy and put in place as an unsplit render would put its files.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from relu_anim.render import interrupt, remote, tasks
from relu_anim.render.jobs import Job, Outcome, Outputs, failed
from relu_anim.render.manifest import Manifest
from relu_anim.render.pieces import Piece, PieceResult, beat_costs, pieces_for, record_costs
from relu_anim.render.place import put_joined_in_place, write_outputs
from relu_anim.render.runners import Task
from relu_anim.settings import RenderSettings


@dataclass
class Context:
    """What every work shares: the batch's settings, the output folder's records, the report."""

    options: RenderSettings  # quiet or not, as the runner wants
    manifest: Manifest
    remote: bool  # tasks run on Dask workers: their files come back as bytes
    report: Callable[[Outcome], None]


class Work:
    """One job on its way to an outcome; see the module docstring."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.started = time.perf_counter()
        self.outcome: Outcome | None = None

    def start(self, context: Context) -> list[Task]:
        """The first tasks."""
        raise NotImplementedError

    def take(self, task: Task, value: Any, context: Context) -> list[Task]:
        """Take a task's result; return the tasks that follow (:attr:`outcome` set when done)."""
        raise NotImplementedError

    def fail(self, error: BaseException) -> Outcome:
        """A task failed (or the job could not be finished): the job's failed outcome."""
        self.outcome = failed(self.job.name, error)
        return self.outcome


class WholeWork(Work):
    """The job rendered by one task."""

    def start(self, context: Context) -> list[Task]:
        fn = remote.render_remote if context.remote else tasks.render_job
        return [Task(self.job.name, fn, (self.job, context.options))]

    def take(self, task: Task, value: Any, context: Context) -> list[Task]:
        if not context.remote:
            self.outcome = value
            return []
        outcome, files = value
        if outcome.status == "rendered" and outcome.files is not None:
            output_dir = context.options.output_dir.resolve()
            # The record changes with the files: a signal held here waits for both.
            with interrupt.committing():
                write_outputs(output_dir, files)
                outputs = outcome.files.moved_to(output_dir)
                context.manifest.record(
                    self.job.info,
                    self.job.key(context.options),
                    list(outputs.paths()),
                    self.job.name,
                )
            outcome = replace(outcome, files=outputs)
        self.outcome = outcome
        return []


@dataclass
class _Pieces:
    pieces: list[Piece] = field(default_factory=list)
    results: list[PieceResult] = field(default_factory=list)


class SplitWork(Work):
    """The job in ``options.split`` pieces, each a run of whole beats (see module docstring).

    A job whose pieces have never been balanced here (no costs from an earlier render in the
    output folder) is first planned: a run that draws nothing measures its beats. Each piece
    reports its end (``<job> [piece 1/2, beats 1-3]: ...``); the job is reported once joined
    and in place. A failed piece fails its job; the others go on.
    """

    def __init__(self, job: Job) -> None:
        super().__init__(job)
        self.state = _Pieces()

    def start(self, context: Context) -> list[Task]:
        costs = beat_costs(context.options.output_dir.resolve(), self.job.name)
        if costs is None:
            fn = remote.plan_remote if context.remote else tasks.plan
            label = tasks.piece_label(self.job, None)
            return [Task(label, fn, (self.job, context.options), told_by_worker=True)]
        return self._pieces(context, *costs)

    def _pieces(self, context: Context, drawn: list[float], dry: list[float] | None) -> list[Task]:
        self.state.pieces = pieces_for(drawn, context.options.split, dry)
        fn = remote.render_piece_remote if context.remote else tasks.render_piece
        return [
            Task(
                tasks.piece_label(self.job, piece),
                fn,
                (self.job, piece, context.options),
                told_by_worker=True,
                piece=piece,
            )
            for piece in self.state.pieces
        ]

    def take(self, task: Task, value: Any, context: Context) -> list[Task]:
        if task.piece is None:  # the plan: each beat's length
            return self._pieces(context, value, None)
        self.state.results.append(value)
        context.report(Outcome(task.label, "rendered", value.seconds, worker=value.worker))
        if len(self.state.results) == len(self.state.pieces):
            outputs = join_split(self.job, self.state.results, context)
            seconds = time.perf_counter() - self.started
            self.outcome = Outcome(self.job.name, "rendered", seconds, outputs)
        return []

    def fail(self, error: BaseException) -> Outcome:
        self.outcome = failed(self.job.name, error, time.perf_counter() - self.started)
        return self.outcome


def join_split(job: Job, results: list[PieceResult], context: Context) -> Outputs:
    """Join a job's pieces in its scratch folder, then rename the files into place and record
    them (together: a signal held by the renames waits for the record too)."""
    from relu_anim.render.split import join_pieces

    options = context.options
    paths = job.layout(options)
    staging, received = paths.joined, paths.received
    for folder in (staging, received):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for result in results:  # from Dask workers: the movies' bytes
            if result.movies and isinstance(result.movies[0], bytes):
                received.mkdir(parents=True, exist_ok=True)
                movies = []
                for play, data in zip(result.drawn, result.movies, strict=True):
                    movie = received / f"{play.play:05d}.{paths.suffix}"
                    movie.write_bytes(data)
                    movies.append(movie)
                result.movies = movies
        join_pieces(results, staging, job.name, paths.suffix)
        last = max(results, key=lambda result: result.piece.index)
        with interrupt.committing():
            outputs = put_joined_in_place(staging, paths, last)
            context.manifest.record(job.info, job.key(options), list(outputs.paths()), job.name)
        record_costs(paths.out, job.name, results)
    finally:
        for folder in (staging, received):
            shutil.rmtree(folder, ignore_errors=True)
    return outputs
