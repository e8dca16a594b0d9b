"""The one transaction helper for every SQLite file the reader writes: the index and the reading state."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Wrap = Callable[[sqlite3.Error], Exception]


@contextmanager
def transaction(db: sqlite3.Connection, wrap: Wrap | None = None) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception (a failed COMMIT too); nested calls
    join the outer one. `wrap` turns an error of BEGIN or COMMIT into the caller's own exception.

    The connection must be in autocommit mode (isolation_level=None), so that no statement of
    the body starts or ends a transaction behind this one's back.
    """
    if db.in_transaction:
        yield
        return
    _execute(db, "BEGIN IMMEDIATE", wrap)
    try:
        yield
        _execute(db, "COMMIT", wrap)
    except BaseException:
        # SQLite rolls back by itself on some errors (SQLITE_FULL, IOERR); a second ROLLBACK
        # would raise "no transaction is active" and hide the real error.
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _execute(db: sqlite3.Connection, sql: str, wrap: Wrap | None) -> None:
    try:
        db.execute(sql)
    except sqlite3.Error as error:
        if wrap is None:
            raise
        raise wrap(error) from error
