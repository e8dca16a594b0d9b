"""The one transaction helper (transactions.py) that the index and the reading state both use."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.transactions import transaction


class Refused(Exception):
    pass


@pytest.fixture
def db(tmp_path):
    db = sqlite3.connect(tmp_path / "t.sqlite", isolation_level=None)
    db.execute("CREATE TABLE t (x INTEGER)")
    yield db
    db.close()


def _rows(db) -> list[int]:
    return [x for (x,) in db.execute("SELECT x FROM t ORDER BY x")]


def test_commits_the_body(db):
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        assert db.in_transaction
    assert not db.in_transaction and _rows(db) == [1]


def test_an_exception_rolls_the_body_back_and_goes_on(db):
    with pytest.raises(KeyError), transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        raise KeyError("x")
    assert not db.in_transaction and _rows(db) == []


def test_a_nested_call_joins_the_outer_transaction(db):
    with pytest.raises(KeyError), transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        with transaction(db):
            db.execute("INSERT INTO t VALUES (2)")
        assert db.in_transaction  # the inner one did not commit
        raise KeyError("x")
    assert _rows(db) == []


def test_a_refused_begin_is_the_callers_error(db, tmp_path):
    other = sqlite3.connect(tmp_path / "t.sqlite", isolation_level=None, timeout=0)
    db.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(Refused, match="locked"), transaction(other, lambda e: Refused(str(e))):
            pytest.fail("the body must not run without the lock")
        assert not other.in_transaction
    finally:
        db.execute("ROLLBACK")
        other.close()


def test_a_failed_commit_rolls_back(db, tmp_path):
    """A COMMIT that fails (a deferred foreign key still broken) leaves no transaction open that the
    next call would silently join."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE c (p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(Refused), transaction(db, lambda e: Refused(str(e))):
        db.execute("INSERT INTO c VALUES (7)")
    assert not db.in_transaction
    assert db.execute("SELECT count(*) FROM c").fetchone() == (0,)
