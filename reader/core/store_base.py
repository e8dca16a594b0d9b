"""What every part of the index's Store shares: its connection, the error guard, transactions, `info`."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from .errors import StoreError
from .transactions import transaction

_CORRUPT = {11, 26}  # CORRUPT NOTADB


def error_code(error: sqlite3.Error) -> int:
    """SQLite's primary result code of `error` (0 when it has none)."""
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def guard(method):
    """Wrap sqlite3 errors in StoreError; remember corruption so the next open rebuilds."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            if error_code(error) in _CORRUPT:
                self._marker().touch()
            raise StoreError(f"The index could not be used: {error}") from error

    return wrapper


class StoreBase:
    """The connection and the helpers the Store's parts (store_text, store_queries, store) use."""

    path: Path
    _db: sqlite3.Connection | None
    _has_state: bool  # reading state attached as `state`
    _library: str  # this library's key in the reading state

    def _marker(self) -> Path:
        return self.path.with_name(self.path.name + ".damaged")

    def transaction(self) -> AbstractContextManager[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; nested calls join the outer one."""
        return transaction(self._db, lambda error: StoreError(f"Cannot write to the index: {error}"))

    def _info_text(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _info(self, key: str) -> int:
        return int(self._info_text(key) or 0)

    def _set_info(self, key: str, value: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO info VALUES (?, ?)", (key, value))


def each_in(db: sqlite3.Connection, sql: str, values: Iterable) -> Iterator[sqlite3.Cursor]:
    """Run `sql`, whose `IN ({})` takes the values, 500 values at a time (SQLite caps parameters)."""
    for chunk in chunks(list(values), 500):
        yield db.execute(sql.format(",".join("?" * len(chunk))), chunk)


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
