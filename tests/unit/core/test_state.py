"""Reading state: opening writes nothing, a lock held by another program loses no mark and damages nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core import state as state_module
from reader.core.errors import StateError
from reader.core.state import StateStore

_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""


class Lock:
    """Another process holding BEGIN EXCLUSIVE on a database, as a second program or a sqlite3 shell would."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.proc.stdout.readline().strip() == b"locked"

    def release(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)


@pytest.fixture
def state_file(tmp_path, monkeypatch):
    monkeypatch.setattr(state_module, "BUSY_TIMEOUT_S", 0.2)  # the product waits 2 s; the tests need not
    monkeypatch.setattr(state_module, "_PENDING", {})
    path = tmp_path / "data" / "state.sqlite"
    state = StateStore(path, "lib")
    state.set_read(["a.md"], True)
    state.close()
    return path


def _rows(path: Path) -> dict[str, tuple]:
    db = sqlite3.connect(path)
    try:
        return {p: (r, s, pos) for p, r, s, pos in db.execute("SELECT path, read, starred, position FROM marks")}
    finally:
        db.close()


def test_opening_writes_nothing_when_nothing_changes(state_file):
    before = (state_file.read_bytes(), state_file.stat().st_mtime_ns)
    state = StateStore(state_file, "lib")
    assert state.get("a.md") == (True, False, 0.0)
    state.close()
    assert (state_file.read_bytes(), state_file.stat().st_mtime_ns) == before


def test_opening_while_another_program_holds_the_lock(state_file):
    """Before: the version stamp waited 10 s for the lock, then the file was moved aside as damaged."""
    lock = Lock(state_file)
    try:
        started = time.monotonic()
        state = StateStore(state_file, "lib")
        assert time.monotonic() - started < 1.0
        assert state.recovered is None and state.get("a.md") == (True, False, 0.0)
        state.close()
    finally:
        lock.release()
    assert not list(state_file.parent.glob("*.corrupt-*"))
    assert _rows(state_file) == {"a.md": (1, 0, 0.0)}


def test_marks_made_while_locked_are_kept_and_written_once_it_is_free(state_file):
    lock = Lock(state_file)
    try:
        first = StateStore(state_file, "lib")
        with pytest.raises(StateError) as caught:
            first.set_read(["b.md"], True)
        assert "another program is using it" in str(caught.value) and "kept" in str(caught.value)
        assert caught.value.kept == 1 and str(state_file) in str(caught.value)
        assert first.get("b.md") == (True, False, 0.0)  # shown as marked meanwhile
        first.close()
        second = StateStore(state_file, "lib")  # the GUI opens a Library per job: another store
        with pytest.raises(StateError) as caught:
            second.set_starred(["c.md"], True)
        assert caught.value.kept == 2
    finally:
        lock.release()
    second.set_position("d.md", 0.5)  # the next write that goes through takes the kept ones along
    second.close()
    assert _rows(state_file) == {"a.md": (1, 0, 0.0), "b.md": (1, 0, 0.0), "c.md": (0, 1, 0.0), "d.md": (0, 0, 0.5)}
    assert not (state_file.parent / "state.sqlite.kept.json").exists()


def test_marks_still_kept_at_exit_are_written_by_the_next_start(state_file, monkeypatch):
    lock = Lock(state_file)
    try:
        state = StateStore(state_file, "lib")
        with pytest.raises(StateError):
            state.set_starred(["b.md"], True)
        state._db.execute("PRAGMA busy_timeout = 5000")  # as long as the product's own wait, or longer
        started = time.monotonic()
        state.close()  # still locked: kept in a file beside the database, without waiting for the lock
        assert time.monotonic() - started < 1.0
        assert (state_file.parent / "state.sqlite.kept.json").exists()
    finally:
        lock.release()
    monkeypatch.setattr(state_module, "_PENDING", {})  # a new process
    again = StateStore(state_file, "lib")
    assert again.get("b.md") == (False, True, 0.0)
    again.close()  # writes them
    assert _rows(state_file)["b.md"] == (0, 1, 0.0)
    assert not (state_file.parent / "state.sqlite.kept.json").exists()


def test_a_newer_mark_asked_during_a_failed_write_wins(state_file):
    lock = Lock(state_file)
    try:
        state = StateStore(state_file, "lib")
        for read in (True, False, True, False):
            with pytest.raises(StateError):
                state.set_read(["b.md"], read)
    finally:
        lock.release()
    state.close()
    assert _rows(state_file)["b.md"] == (0, 0, 0.0)


def test_a_damaged_file_is_still_moved_aside(state_file):
    for suffix in ("-wal", "-shm"):
        Path(str(state_file) + suffix).unlink(missing_ok=True)
    state_file.write_bytes(os.urandom(8192))
    state = StateStore(state_file, "lib")
    try:
        assert state.recovered and "moved to" in state.recovered
    finally:
        state.close()
