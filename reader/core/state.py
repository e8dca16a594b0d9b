"""Reading state (read, starred, reading position): user data, kept apart from the index, never dropped."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

# Keyed by (library key, post path) so that it survives a rebuilt or deleted index.
SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    library TEXT NOT NULL,
    path TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position REAL NOT NULL DEFAULT 0,
    updated REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (library, path)
) WITHOUT ROWID
"""
_VERSION = 1


class StateStore:
    """The state database of every library; one row per post the user has touched."""

    def __init__(self, path: Path, library_key: str):
        self.path = Path(path)
        self.library = library_key
        self.recovered: str | None = None  # a sentence when a corrupt file was moved aside
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                raise StoreError(f"cannot open the reading state {self.path}: {exc}") from exc
            backup = self._move_aside()
            self.recovered = (f"The reading state was damaged ({exc}); it was moved to {backup.name} "
                              "and a new one was started.")
            self._db = self._open()
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {self.path.parent}: {exc}") from exc

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        db.execute("PRAGMA busy_timeout = 10000")
        # Raises DatabaseError on a file that is not a database; says "not ok" on a damaged one.
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            db.close()
            raise sqlite3.DatabaseError("integrity check failed")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(SCHEMA)
        db.execute(f"PRAGMA user_version = {_VERSION}")
        return db

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                src.rename(Path(str(backup) + suffix))
        return backup

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self):
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _set(self, column: str, paths: Iterable[str], value) -> None:
        now = time.time()
        try:
            with self._transaction():
                self._db.executemany(
                    f"INSERT INTO marks (library, path, {column}, updated) VALUES (?, ?, ?, ?) "
                    f"ON CONFLICT (library, path) DO UPDATE SET {column} = excluded.{column}, "
                    "updated = excluded.updated",
                    [(self.library, p, value, now) for p in paths])
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save the reading state in {self.path}: {exc}") from exc

    def set_read(self, paths: Iterable[str], read: bool) -> None:
        self._set("read", paths, int(read))

    def set_starred(self, paths: Iterable[str], starred: bool) -> None:
        self._set("starred", paths, int(starred))

    def set_position(self, path: str, position: float) -> None:
        self._set("position", [path], float(position))

    def get(self, path: str) -> tuple[bool, bool, float]:
        """(read, starred, position) of one post."""
        row = self._db.execute("SELECT read, starred, position FROM marks WHERE library = ? AND path = ?",
                               (self.library, path)).fetchone()
        return (bool(row[0]), bool(row[1]), float(row[2])) if row else (False, False, 0.0)
