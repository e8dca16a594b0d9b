"""Tests for reader.core.store_base: what every part of the Store shares. SQLite errors reach the caller
as StoreError, a corrupt file is marked for a rebuild, transactions nest, `IN` lists are chunked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core import schema
from reader.core.errors import StoreError
from reader.core.store_base import StoreBase, chunks, each_in, error_code, guard


class Part(StoreBase):
    """The smallest Store part: a migrated index and one guarded method each way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        schema.migrate(self._db)

    @guard
    def run(self, sql: str, *params):
        return self._db.execute(sql, params).fetchall()

    @guard
    def fail_with(self, error: sqlite3.Error) -> None:
        raise error

    @guard
    def set_and_fail(self, key: str, value: int) -> None:
        with self.transaction():
            self._set_info(key, value)
            raise sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def part(tmp_path):
    part = Part(tmp_path / "index.db")
    yield part
    part._db.close()


def test_a_guarded_sqlite_error_is_a_store_error_that_says_why(part):
    with pytest.raises(StoreError, match="The index could not be used: no such table: nowhere") as caught:
        part.run("SELECT * FROM nowhere")
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert not part._marker().exists()  # not corruption: no rebuild asked for


def test_corruption_leaves_a_marker_so_the_next_open_rebuilds(part):
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = 11  # type: ignore[attr-defined]  # SQLITE_CORRUPT, as sqlite3 sets it
    with pytest.raises(StoreError, match="malformed"):
        part.fail_with(error)
    assert part._marker() == part.path.with_name("index.db.damaged") and part._marker().exists()


def test_error_code_is_the_primary_sqlite_code():
    error = sqlite3.DatabaseError("x")
    error.sqlite_errorcode = 26 | (1 << 8)  # type: ignore[attr-defined]  # an extended NOTADB code
    assert error_code(error) == 26
    assert error_code(sqlite3.Error("no code")) == 0


def test_info_values_are_written_in_a_transaction_and_read_back(part):
    with part.transaction():
        part._set_info("next_doc", 42)
        with part.transaction():  # nested: joins the outer one
            part._set_info("dead", 3)
    assert (part._info("next_doc"), part._info("dead"), part._info("never_set")) == (42, 3, 0)


def test_a_failed_transaction_keeps_nothing(part):
    with pytest.raises(StoreError, match="disk is full"):
        part.set_and_fail("written", 7)
    assert part._info("written") == 0 and not part._db.in_transaction


def test_each_in_asks_500_values_at_a_time(part):
    with part.transaction():
        part._db.executemany("INSERT INTO info VALUES (?, ?)", [(f"k{i}", i) for i in range(1234)])
    cursors = list(each_in(part._db, "SELECT value FROM info WHERE key IN ({})", (f"k{i}" for i in range(1234))))
    assert len(cursors) == 3
    assert sorted(int(v) for c in cursors for (v,) in c) == list(range(1234))


def test_chunks_cover_every_item_once_in_order():
    assert [list(c) for c in chunks(range(7), 3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []
