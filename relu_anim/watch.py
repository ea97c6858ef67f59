"""Watch the scene files, the package and the config file; re-render when one is saved."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from relu_anim.catalog import builtin_scenes_dir
from relu_anim.config import DEFAULT_CONFIG_FILE
from relu_anim.render.interrupt import EXIT_INTERRUPTED
from relu_anim.render.manifest import PACKAGE_DIR

if TYPE_CHECKING:
    from watchdog.events import FileSystemEvent

# Editors save in bursts (temp file, rename, chmod); wait for the burst to end.
SETTLE_SECONDS = 0.3
OBSERVER_STOP_SECONDS = 2.0

# The watchdog events that change a file's content or existence. Not "opened" or
# "closed_no_write": every round reads (hashes) the files it watches, and reacting to those
# reads made the watch render a round about once a second with nothing edited. Not "attrib"
# either: a chmod or touch changes no source.
EDIT_EVENTS = frozenset({"modified", "closed", "created", "deleted", "moved"})


def watch_and_render(
    render_round: Callable[[], None],
    config_file: Path | None,
    folders: Sequence[Path] = (),
    exit_after: int | None = None,
    say: Callable[[str], None] = print,
) -> None:
    """Call ``render_round`` now and after every change, until Ctrl-C (or ``exit_after`` rounds).

    ``render_round`` decides what is out of date; a round that fails on bad input (it exits
    with a message) is reported and the watch goes on. Ctrl-C or SIGTERM (a
    ``KeyboardInterrupt``, see :mod:`relu_anim.render.interrupt`) ends the watch by propagating, so
    that the command exits 130 with its one line, as every command does.
    """
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    config_path = (config_file or Path(DEFAULT_CONFIG_FILE)).resolve()

    class OnSave(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if is_edit(event, config_path):
                changed.set()

    observer = Observer()
    handler = OnSave()
    folders = list(folders) or [builtin_scenes_dir()]
    for folder in folders:
        observer.schedule(handler, str(folder), recursive=False)
    observer.schedule(handler, str(PACKAGE_DIR), recursive=True)
    observer.schedule(handler, str(config_path.parent), recursive=False)
    observer.start()
    rounds = 0
    try:
        while True:
            try:
                render_round()
            except click.ClickException as error:
                if error.exit_code == EXIT_INTERRUPTED:  # Ctrl-C during a round
                    raise KeyboardInterrupt from None
                say(f"relu-anim: error: {' '.join(error.format_message().split())}")
                say("waiting for the next change")
            rounds += 1
            if exit_after is not None and rounds >= exit_after:
                return
            say(f"watching {', '.join(map(str, folders))} and {config_path.name} (Ctrl-C to stop)")
            changed.wait()
            while changed.wait(SETTLE_SECONDS):
                changed.clear()
    finally:
        observer.stop()
        # Its threads are daemons: a stop that hangs must not keep the command waiting.
        observer.join(OBSERVER_STOP_SECONDS)


def is_edit(event: FileSystemEvent, config_path: Path) -> bool:
    """Whether ``event`` writes, creates, deletes or moves a ``.py`` file or the config file.

    A move counts by either end: editors save by writing a temporary file and renaming it
    onto the source.
    """
    if event.is_directory or event.event_type not in EDIT_EVENTS:
        return False
    ends = (event.src_path, event.dest_path) if event.event_type == "moved" else (event.src_path,)
    for end in ends:
        path = Path(os.fsdecode(end))
        if path.suffix == ".py" or path.resolve() == config_path:
            return True
    return False
