"""Tests for reader.core.store_text (the Store's full-text part): Tantivy kept in step with SQLite's posts
through writes, changes, deletions, dead documents and a write interrupted between the two stores."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from reader.core import fulltext
from reader.core.errors import StoreError
from reader.core.fulltext import FullText
from reader.core.store import Store
from tests.unit.core.store_samples import dead_rows, found, ids, meta, sample_store, tantivy_docs


@pytest.fixture
def store(tmp_path):
    yield from sample_store(tmp_path)


def test_text_write_update_delete_keep_the_full_text_consistent(store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    assert store.text_progress() == (0, 4)
    store.write_text([(a, "Alpha 新能源", "比亚迪发布新车 hello"), (b, "beta 汽车", "特斯拉 world")])
    assert store.text_progress() == (2, 4)
    assert {i for i, _ in store.pending_text()} == set(ids(store, "_posts/c.md", "notes/d.md"))
    assert found(store, "比亚迪") == found(store, "比") == {a}
    # writing the same text twice replaces it: the old document is deleted from Tantivy
    store.write_text([(a, "Alpha 新能源", "比亚迪发布新车 hello")])
    assert found(store, "比亚迪") == {a} and tantivy_docs(store, "body", "比亚") == 1
    assert dead_rows(store) == 0
    # changed metadata: text is pending again and out of search at once
    store.write_metadata([(meta("_posts/a.md", "Alpha 2", "2021-12-09", 1639008000.0), 101, 201)])
    assert store.id_for_path("_posts/a.md") == a
    assert a in {i for i, _ in store.pending_text()}
    assert found(store, "比亚迪") == found(store, "比") == set() and dead_rows(store) == 1
    assert store.get_meta(a).title == "Alpha 2"
    assert store.file_states()["_posts/a.md"] == (a, 101, 201)
    # delete
    store.delete_paths(["_posts/b.md", "not/there.md"])
    assert store.id_for_path("_posts/b.md") is None
    assert found(store, "world") == found(store, "特") == set()
    assert dead_rows(store) == 2 and tantivy_docs(store, "body", "world") == 1
    assert store.text_progress() == (0, 3)
    store.purge_text()  # the dead documents leave Tantivy
    assert dead_rows(store) == 0 and tantivy_docs(store, "body", "world") == tantivy_docs(store, "body", "比亚") == 0


def test_text_progress_follows_every_change_to_the_posts_whoever_makes_it(store, tmp_path):
    assert store.text_progress() == store.text_progress() == (0, 4)  # the second from what the first counted
    other = Store(store.path, tmp_path / "data" / "state.db", "lib1")  # as another process
    try:
        (a,) = ids(other, "_posts/a.md")
        other.write_text([(a, "Alpha", "正文")])
        assert store.text_progress() == (1, 4)
        other.delete_paths(["_posts/b.md"])
        assert store.text_progress() == (1, 3)
    finally:
        other.close()
    with pytest.raises(RuntimeError), store.transaction():  # counted inside a transaction taken back
        store._db.execute("DELETE FROM posts")
        assert store.text_progress() == (0, 0)
        raise RuntimeError
    assert store.text_progress() == (1, 3)
    store.delete_paths(["_posts/c.md"])  # and its own
    assert store.text_progress() == (1, 2)


def test_write_text_for_a_vanished_id_is_ignored(store):
    store.write_text([(999, "t", "文本")])
    assert store._text().searcher().num_docs == 0 and dead_rows(store) == 0


def test_write_text_for_a_vanished_id_lets_go_of_the_writer(store, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.core.fulltext._LOCK_WAIT", 0.1)
    other = Store(store.path, tmp_path / "data" / "state.db", "lib1")  # as another process
    (a,) = ids(store, "_posts/a.md")
    try:
        store.write_text([(999, "t", "文本")])
        other.write_text([(a, "t", "正文")])  # at once, or StoreError
        with store.text_in_one_commit():
            store.write_text([(999, "t", "文本")])
        other.write_text([(a, "t", "又一版")])
        assert found(store, "又一版") == {a}
    finally:
        other.close()


class _WaitsSeen:
    """fulltext's clock, telling when a writer waits for another's (it sleeps between its tries)."""

    def __init__(self) -> None:
        self.waiting = threading.Event()
        self.monotonic = time.monotonic

    def sleep(self, seconds: float) -> None:
        self.waiting.set()
        time.sleep(seconds)


@pytest.mark.parametrize("second", ["purge", "write"])
def test_a_second_writer_never_deletes_the_docs_a_first_hands_to_its_posts(store, tmp_path, monkeypatch, second):
    """Two refreshes of one library (the window's, and another's): the second's write, or its text phase's
    purge, waits for the writer the first holds through its one commit. It took the numbers the first had
    reserved in `dead_docs` for dead ones, and deleted those documents once the first had handed them to its
    posts: the posts counted as indexed and were never found (tests/gui/test_libraries.py, 1 run in 40 under load)."""
    clock = _WaitsSeen()
    monkeypatch.setattr(fulltext, "time", clock)
    other = Store(store.path, tmp_path / "data" / "state.db", "lib1")  # as another process
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    job = other.purge_text if second == "purge" else lambda: other.write_text([(b, "t", "别的")])
    try:
        with store.text_in_one_commit():
            store.write_text([(a, "t", "第一版")])  # a's doc reserved and given to the writer, not committed
            waits = threading.Thread(target=job)
            waits.start()
            assert clock.waiting.wait(10)  # the second waits for the writer
        waits.join(10)
        assert found(store, "第一版") == {a} and tantivy_docs(store, "body", "第一") == 1
        assert store.text_progress() == (2 if second == "write" else 1, 4) and dead_rows(store) == 0
    finally:
        other.close()


def test_dead_rows_are_never_mistaken_for_a_new_post(store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    store.write_text([(a, "t", "旧文本")])
    store.delete_paths(["_posts/a.md"])
    store.write_metadata([(meta("_posts/new.md"), 1, 1)])
    new = store.id_for_path("_posts/new.md")
    store.write_text([(b, "t", "别的"), (new, "t", "新文本")])
    assert found(store, "旧文") == set() and found(store, "新文") == {new}
    assert tantivy_docs(store, "body", "旧文") == 0  # the dead document went with that write


def _fails_after_tantivy(db):
    """The connection, except that the transaction after Tantivy's commit fails."""

    class FailsAfterTantivy:
        in_transaction = property(lambda _: db.in_transaction)
        execute = staticmethod(db.execute)

        @staticmethod
        def executemany(sql, rows):
            if sql.startswith("UPDATE posts SET doc = ?"):
                raise sqlite3.OperationalError("disk I/O error")
            return db.executemany(sql, rows)

    return FailsAfterTantivy()


def test_a_write_interrupted_between_the_two_stores_leaves_nothing_searchable(store):
    a = store.id_for_path("_posts/a.md")
    store.write_text([(a, "t", "第一版")])
    db = store._db

    store._db = _fails_after_tantivy(db)
    with pytest.raises(StoreError):
        store.write_text([(a, "t", "第二版")])
    store._db = db
    assert tantivy_docs(store, "body", "第二") == 1  # Tantivy holds it, SQLite does not know it: not found
    assert found(store, "第二版") == found(store, "第一版") == set() and a in dict(store.pending_text())
    store.write_text([(a, "t", "第二版")])
    assert found(store, "第二版") == {a} and found(store, "第一版") == set()
    assert tantivy_docs(store, "body", "第二") == 1 and tantivy_docs(store, "body", "第一") == 0
    assert dead_rows(store) == 0


def test_writes_in_one_commit_are_searchable_together_at_its_end(store, monkeypatch):
    a, b, c = ids(store, "_posts/a.md", "_posts/b.md", "_posts/c.md")
    store.write_text([(a, "t", "第一版")])
    commits = []
    commit = FullText.commit
    monkeypatch.setattr(FullText, "commit", lambda self, *a, **k: commits.append(1) or commit(self, *a, **k))
    with store.text_in_one_commit():
        store.write_text([(a, "t", "第二版"), (b, "t", "别的")])
        assert found(store, "第二版") == set() and found(store, "第一版") == set()  # a's old doc is dead at once
        assert {a, b} <= {i for i, _ in store.pending_text()}
        store.write_text([(b, "t", "又一版"), (c, "t", "丙")])  # b twice: its first doc must not stay live
    assert found(store, "第二版") == {a} and found(store, "又一版") == {b} and found(store, "丙") == {c}
    assert found(store, "别的") == set() and found(store, "第一版") == set()
    assert len(commits) == 1
    assert tantivy_docs(store, "body", "第一") == 0 and dead_rows(store) == 1  # b's first doc, deleted next
    store.write_text([(a, "t", "第三版")])
    assert dead_rows(store) == 0 and tantivy_docs(store, "body", "别的") == 0


def test_an_error_inside_one_commit_commits_nothing_and_leaves_the_text_pending(store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    store.write_text([(a, "t", "第一版")])
    with pytest.raises(RuntimeError), store.text_in_one_commit():
        store.write_text([(a, "t", "第二版"), (b, "t", "别的")])
        raise RuntimeError("cancelled")
    assert tantivy_docs(store, "body", "第二") == 0 and found(store, "第一版") == set()
    assert {a, b} <= {i for i, _ in store.pending_text()}
    store.write_text([(a, "t", "第二版"), (b, "t", "别的")])  # the next refresh's text phase
    assert found(store, "第二版") == {a} and found(store, "别的") == {b}
    assert tantivy_docs(store, "body", "第一") == 0 and dead_rows(store) == 0
    store.write_text([(b, "t", "又一版")])  # a writer was let go: another write takes it at once
    assert found(store, "又一版") == {b}


def test_one_commit_interrupted_between_the_two_stores_leaves_nothing_searchable(store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    db = store._db

    with pytest.raises(StoreError), store.text_in_one_commit():
        store.write_text([(a, "t", "第一版")])
        store.write_text([(b, "t", "别的")])
        store._db = _fails_after_tantivy(db)  # Tantivy commits at the block's end, then SQLite fails
    store._db = db
    assert tantivy_docs(store, "body", "第一") == tantivy_docs(store, "body", "别的") == 1
    assert found(store, "第一版") == found(store, "别的") == set()  # Tantivy holds them, SQLite does not know them
    assert {a, b} <= {i for i, _ in store.pending_text()}
    store.write_text([(a, "t", "第一版"), (b, "t", "别的")])
    assert found(store, "第一版") == {a} and found(store, "别的") == {b}
    assert tantivy_docs(store, "body", "第一") == tantivy_docs(store, "body", "别的") == 1 and dead_rows(store) == 0


def test_the_text_phases_todo_is_pending_text_with_each_slice_read_when_taken(store):
    (a,) = ids(store, "_posts/a.md")
    store.write_text([(a, "Alpha", "新能源")])
    todo = store.text_todo()
    titles = dict(store._db.execute("SELECT id, title FROM posts"))
    with_titles = [(i, path, titles[i]) for i, path in store.pending_text()]  # the title: the text phase's
    assert len(todo) == 3 and list(todo) == with_titles
    assert todo[1:] == with_titles[1:] and todo[-1] == with_titles[-1]
    # a path is read when its slice is taken, not when the todo is made
    (c,) = ids(store, "_posts/c.md")
    store._db.execute("UPDATE posts SET path = 'moved/c.md' WHERE id = ?", (c,))
    assert (c, "moved/c.md", titles[c]) in todo[0:3]
