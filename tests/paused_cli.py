"""The relu-anim command line with its render paused at one stage, for the Ctrl-C tests.

Run as ``python tests/paused_cli.py render ...`` with ``RELU_ANIM_TEST_PAUSE=<stage>:<file>``.
At the stage the process creates ``<file>``, then waits (at most a minute, or until
``<file>.go`` appears), so that a test sends its signal exactly there instead of after a
guessed sleep. The stages, hooked into Manim 0.22 and the standard library:

``tex``
    a TeX run has started: the main thread waits for the ``latex`` child, which sleeps first;
``encode``
    mid-encode: an animation's partial movie is open and frames are queued to its encoder;
``join``
    joining the partial movies into the scene's movie, after its first packet is written;
``commit``
    the movie, captions and sections are complete, just before they are renamed into place;
``renaming``
    inside those renames, just after the video's;
``finalizer``
    inside a finalizer that the garbage collector runs between two Python instructions of
    the render (tqdm's ``__del__``): where a fresh-clone run lost its Ctrl-C and exited 0,
    because Python drops exceptions raised in finalizers;
``respawn``
    ``--split``: every piece is in and the command is about to join them, while the pool
    starts the workers that replace the finished ones (``max_tasks_per_child``); a worker
    started then also waits, before the pool's initializer has set its signal handlers, and
    says so through ``<file>.worker``: where a Ctrl-C 0–0.3 s after the pieces ended hung the
    command or printed a worker's traceback.

Render workers (``--jobs``) are spawned from this file, so they pause the same way.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

PAUSE = os.environ.get("RELU_ANIM_TEST_PAUSE", "")
STAGE, _, READY = PAUSE.partition(":")
STAGES = ("tex", "encode", "join", "commit", "renaming", "finalizer", "respawn")
ENCODE_AFTER_FRAMES = 30
RESPAWN_SECONDS = 5.0
_paused: set[str] = set()


def pause(stage: str) -> None:
    """At ``stage``, the first time: say so through the ready file, then wait."""
    if stage != STAGE or stage in _paused:
        return
    _paused.add(stage)
    Path(READY).touch()
    go = Path(f"{READY}.go")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not go.exists():
        time.sleep(0.05)


def install() -> None:
    """Hook the stage named in RELU_ANIM_TEST_PAUSE."""
    if STAGE not in STAGES or not READY:
        raise SystemExit(f"RELU_ANIM_TEST_PAUSE must be <stage>:<file>, stage one of {STAGES}")
    _HOOKS[STAGE]()


def _hook_tex() -> None:
    from manim.utils import tex_file_writing

    make_command = tex_file_writing.make_tex_compilation_command

    def sleeping_tex(*args: Any, **kwargs: Any) -> list[str]:
        command = make_command(*args, **kwargs)
        if "tex" in _paused:
            return command
        _paused.add("tex")
        # The child says it is running, then sleeps before it execs the real latex.
        script = 'touch "$0"; sleep 60; exec "$@"'
        return ["sh", "-c", script, READY, *command]

    tex_file_writing.make_tex_compilation_command = sleeping_tex


def _hook_encode() -> None:
    from manim.scene.scene_file_writer import SceneFileWriter

    write_frame = SceneFileWriter.write_frame
    frames = 0

    def counting_write_frame(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal frames
        write_frame(self, *args, **kwargs)
        frames += 1
        if frames >= ENCODE_AFTER_FRAMES and self._current_encode_job is not None:
            pause("encode")

    SceneFileWriter.write_frame = counting_write_frame


def _hook_join() -> None:
    from manim.scene import scene_file_writer

    scene_file_writer.av = _AvPausingOnJoin(scene_file_writer.av)


def _hook_commit() -> None:
    from manim.scene.scene_file_writer import SceneFileWriter

    finish = SceneFileWriter.finish

    def finish_then_pause(self: Any) -> None:
        finish(self)
        pause("commit")

    SceneFileWriter.finish = finish_then_pause


def _hook_finalizer() -> None:
    from tqdm import tqdm

    delete = tqdm.__del__

    def pausing_delete(self: Any) -> None:
        pause("finalizer")
        delete(self)

    tqdm.__del__ = pausing_delete


def _hook_respawn() -> None:
    # A spawned worker runs this file before multiprocessing knows its parent, and with
    # the parent's sys.argv.
    if "--multiprocessing-fork" in sys.orig_argv:
        _wait_in_new_worker()
        return
    from relu_anim.render import works

    join_split = works.join_split

    def pause_then_join(*args: Any, **kwargs: Any) -> Any:
        pause("respawn")
        return join_split(*args, **kwargs)

    works.join_split = pause_then_join


def _hook_renaming() -> None:
    replace = os.replace

    def replace_then_pause(source: Any, target: Any, **kwargs: Any) -> None:
        replace(source, target, **kwargs)
        target = Path(os.fsdecode(target))
        if ".work" not in target.parts and not target.name.startswith("."):
            pause("renaming")

    os.replace = replace_then_pause


_HOOKS = {
    "tex": _hook_tex,
    "encode": _hook_encode,
    "join": _hook_join,
    "commit": _hook_commit,
    "finalizer": _hook_finalizer,
    "respawn": _hook_respawn,
    "renaming": _hook_renaming,
}


def _wait_in_new_worker() -> None:
    """In a pool worker still starting (its signal handlers not yet set): say so and wait.

    Only a worker that sees the command at its join within a few seconds of its start waits
    (the one replacing the last piece's worker is started just before); the others go on.
    """
    deadline = time.monotonic() + RESPAWN_SECONDS
    while not Path(READY).exists():
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)
    Path(f"{READY}.worker").touch()
    go = Path(f"{READY}.go")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not go.exists():
        time.sleep(0.05)


class _AvPausingOnJoin:
    """PyAV as Manim's scene file writer sees it: the joined movie pauses after one packet."""

    def __init__(self, av: Any) -> None:
        self._av = av

    def __getattr__(self, name: str) -> Any:
        return getattr(self._av, name)

    def open(self, *args: Any, **kwargs: Any) -> Any:
        container = self._av.open(*args, **kwargs)
        return _PausingOutput(container) if kwargs.get("mode") == "w" else container


class _PausingOutput:
    def __init__(self, container: Any) -> None:
        self._container = container

    def __getattr__(self, name: str) -> Any:
        return getattr(self._container, name)

    def mux(self, packet: Any) -> Any:
        result = self._container.mux(packet)
        pause("join")
        return result


# At import, so that spawned render workers (which run this file's top level) pause too; not
# when pytest imports this file looking for doctests.
if PAUSE:
    install()

if __name__ == "__main__":
    from relu_anim.cli import main

    if not PAUSE:
        raise SystemExit("set RELU_ANIM_TEST_PAUSE=<stage>:<file>")

    main(prog_name="relu-anim")  # no args: run as the program is (sys.argv)
