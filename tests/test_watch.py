"""``watch`` renders once, rests while nothing is edited, and renders again after an edit.

The watch runs in a thread on a scratch project (scene folder, package folder, config file)
with a render round that reads every watched file, as the real up-to-date check does when it
hashes them: watchdog reports those reads (opened, closed without writing), and they must not
start another round.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from relu_anim import watch

IDLE_SECONDS = 4.0  # "several seconds": the unfixed watch ran a round about once a second
ROUND_TIMEOUT = 10.0
# A round its own reads had set off would start one settle time after the round ended.
QUIET_SECONDS = 3 * watch.SETTLE_SECONDS


class Watcher:
    """``watch_and_render`` on ``root`` in a thread, counting its rounds."""

    def __init__(self, root: Path, exit_after: int) -> None:
        self.root = root
        self.config = root / "relu-anim.toml"
        self.rounds = 0
        self._counted = threading.Condition()
        self.thread = threading.Thread(
            target=watch.watch_and_render,
            args=(self.render_round, self.config),
            kwargs={
                "folders": [root / "scenes"],
                "exit_after": exit_after,
                "say": lambda text: None,
            },
            daemon=True,  # a failing test must not leave the suite waiting for it
        )

    def render_round(self) -> None:
        for path in [*sorted(self.root.rglob("*.py")), self.config]:
            hashlib.sha256(path.read_bytes())
        with self._counted:
            self.rounds += 1
            self._counted.notify_all()

    def wait_for(self, rounds: int, timeout: float) -> int:
        """Wait until ``rounds`` rounds have run (or ``timeout``); return the count."""
        with self._counted:
            self._counted.wait_for(lambda: self.rounds >= rounds, timeout)
            return self.rounds


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scene folder, a package folder (watched recursively) and a config file."""
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "shift.py").write_text("SHIFT = 1\n")
    (tmp_path / "package" / "drawing").mkdir(parents=True)
    (tmp_path / "package" / "numeric.py").write_text("N = 1\n")
    (tmp_path / "package" / "drawing" / "axes.py").write_text("A = 1\n")
    (tmp_path / "relu-anim.toml").write_text("[render]\njobs = 1\n")
    monkeypatch.setattr(watch, "PACKAGE_DIR", tmp_path / "package")
    return tmp_path


@pytest.fixture
def start_watch(project: Path) -> Iterator[Callable[[int], Watcher]]:
    started: list[Watcher] = []

    def start(exit_after: int) -> Watcher:
        watcher = Watcher(project, exit_after)
        watcher.thread.start()
        started.append(watcher)
        assert watcher.wait_for(1, ROUND_TIMEOUT) == 1, "the first round never ran"
        return watcher

    yield start
    for watcher in started:
        watcher.thread.join(1.0)  # daemon threads: a failed test leaves them idle, not waiting


def not_edits(root: Path) -> None:
    """Touch the watched files without changing any source: read, chmod/touch, other files."""
    for path in root.rglob("*.py"):
        path.read_bytes()
        os.utime(path)
    (root / "scenes" / "notes.txt").write_text("not a scene\n")
    (root / "package" / "numeric.cpython-311.pyc").write_bytes(b"bytecode")


def test_watch_rests_until_a_file_is_edited(project: Path, start_watch) -> None:
    watcher = start_watch(exit_after=2)
    not_edits(project)
    assert watcher.wait_for(2, IDLE_SECONDS) == 1, "a round ran with nothing edited"
    assert watcher.thread.is_alive()

    (project / "scenes" / "shift.py").write_text("SHIFT = 2\n")
    assert watcher.wait_for(2, ROUND_TIMEOUT) == 2, "the edit started no round"
    watcher.thread.join(ROUND_TIMEOUT)
    assert not watcher.thread.is_alive()
    assert watcher.rounds == 2


def atomic_save(path: Path) -> None:
    """Save as editors do: write a temporary file, then rename it onto the source."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(path.read_text() + "# edited\n")
    os.replace(temporary, path)


EDITS: dict[str, Callable[[Path], None]] = {
    "write-in-package": lambda root: (root / "package" / "drawing" / "axes.py").write_text(""),
    "atomic-save": lambda root: atomic_save(root / "scenes" / "shift.py"),
    "new-scene": lambda root: (root / "scenes" / "bends.py").write_text("B = 1\n"),
    "delete": lambda root: (root / "package" / "numeric.py").unlink(),
    "move-away": lambda root: (root / "scenes" / "shift.py").rename(root / "shift.py.bak"),
    "config": lambda root: (root / "relu-anim.toml").write_text("[render]\njobs = 2\n"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_each_kind_of_edit_starts_one_round(
    project: Path, start_watch, edit: Callable[[Path], None]
) -> None:
    watcher = start_watch(exit_after=3)
    edit(project)
    assert watcher.wait_for(2, ROUND_TIMEOUT) >= 2, "the edit started no round"
    # One edit (however many events it makes) is one round after the settle time.
    assert watcher.wait_for(3, QUIET_SECONDS) == 2
    (project / "relu-anim.toml").write_text("[render]\njobs = 1  # again\n")
    assert watcher.wait_for(3, ROUND_TIMEOUT) == 3
    watcher.thread.join(ROUND_TIMEOUT)
    assert not watcher.thread.is_alive()
