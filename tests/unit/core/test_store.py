"""The SQLite index (store.py): opening, migrating, rebuilding, writing metadata, deferred indexes, the state file.

Its reading part is tested in test_store_queries.py, its full text in test_store_text.py."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from reader.core import schema
from reader.core.errors import StoreError
from reader.core.store import READ_CACHE_KIB, WRITE_CACHE_KIB, Store, needs_upgrade
from reader.core.types import PostMeta, Problem
from tests.unit.core.store_samples import found, ids, meta, sample_posts, sample_store


@pytest.fixture
def store(tmp_path):
    yield from sample_store(tmp_path)


# --- opening, migrating, rebuilding ----------------------------------------------------------


def test_new_store_is_at_current_version_with_wal(tmp_path):
    s = Store(tmp_path / "x" / "i.db")
    assert s.rebuilt_reason is None
    assert s._db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert s._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_a_reader_keeps_a_small_page_cache_and_a_refresh_a_large_one(tmp_path):
    s = Store(tmp_path / "x" / "i.db")
    assert s._db.execute("PRAGMA cache_size").fetchone()[0] == -READ_CACHE_KIB
    s.cache_for_writing()
    assert s._db.execute("PRAGMA cache_size").fetchone()[0] == -WRITE_CACHE_KIB
    s.close()


def test_older_schema_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "i.db"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, target=1)
    db.execute(
        "INSERT INTO posts (id, path, stem, title, title_fold, cats, meta) VALUES (1, 'p.md', 'p', 'T', 't', 'k', ?)",
        ('{"path": "p.md", "title": "T", "date": null, "sort_key": null, "categories": ["k"]}',),
    )
    db.close()
    s = Store(path)
    assert s.rebuilt_reason is None
    assert s._db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert s.id_for_path("p.md") == 1
    assert s._db.execute("SELECT category FROM posts WHERE id = 1").fetchone()[0] == "k"
    s.close()


def test_version_2_sheds_the_stored_text_and_indexes_it_again(tmp_path):
    path = tmp_path / "i.db"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, target=2)
    db.execute(
        "INSERT INTO posts (id, path, stem, title, title_fold, cats, meta, text_done) VALUES"
        " (7, 'p.md', 'p', 'T', 't', 'k', ?, 1)",
        (
            '{"path": "p.md", "title": "T", "date": null, "sort_key": null, "categories": ["k"],'
            ' "tags": [], "authors": ["A"], "source_url": null}',
        ),
    )
    db.execute("INSERT INTO fts (rowid, title, body) VALUES (7, 'T', '新能 能源 源')")
    db.execute("INSERT INTO info VALUES ('tokenizer', '1')")
    db.close()
    s = Store(path)
    assert (
        s.rebuilt_reason is None
        and "texts" not in s._db.execute("SELECT group_concat(name) FROM sqlite_master").fetchone()[0]
    )
    assert s.text_progress() == (0, 1) and s.pending_text() == [(7, "p.md")]
    assert s.get_meta(7) == PostMeta(
        path="p.md", title="T", date=None, sort_key=None, categories=("k",), authors=("A",)
    )
    s.write_text([(7, "T", "新能源")])
    assert found(s, "新能源") == found(s, "源") == {7}
    s.close()


def test_junk_file_is_rebuilt_with_a_reason(tmp_path):
    path = tmp_path / "i.db"
    path.write_bytes(b"this is not a database at all" * 100)
    s = Store(path)
    assert s.rebuilt_reason == "the index was corrupt and has been rebuilt"
    assert s.count() == 0
    s.close()


def test_an_index_of_a_newer_version_is_left_untouched_and_this_one_keeps_its_own_beside_it(tmp_path):
    """Code at 6890574 (schema 7) rebuilt a schema-8 index empty on open: the next run of the newer
    program found no posts and read all 100k again, with no reason given."""
    path = tmp_path / "i.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE posts (path TEXT)")
    db.execute("INSERT INTO posts VALUES ('a.md')")
    db.execute(f"PRAGMA user_version = {schema.VERSION + 5}")
    db.commit()
    db.close()
    before = path.read_bytes()
    s = Store(path)
    assert s.rebuilt_reason == (
        f"the index was made by a newer version of the program (schema {schema.VERSION + 5}, this one knows "
        f"{schema.VERSION}): it is left for that version, and this one keeps its own (i.db.schema{schema.VERSION})"
    )
    assert s.path == tmp_path / f"i.db.schema{schema.VERSION}"
    assert s._db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    s.write_metadata([(meta("b.md"), 1, 1)])
    s.close()
    assert path.read_bytes() == before  # the newer program finds its index as it left it
    assert not needs_upgrade(path)  # its own is at this version: opened at once, not on a worker first
    s = Store(path)
    assert (s.rebuilt_reason, s.path.name, list(s.file_states())) == (None, f"i.db.schema{schema.VERSION}", ["b.md"])
    s.close()


def test_missing_table_is_rebuilt(tmp_path):
    path = tmp_path / "i.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE labels")
    db.close()
    s = Store(path)
    assert s.rebuilt_reason == "the index was incomplete and has been rebuilt"
    assert not schema.missing_tables(s._db)
    s.close()


def test_corruption_seen_while_reading_rebuilds_on_next_open(tmp_path):
    path = tmp_path / "i.db"
    s = Store(path)
    s._marker().touch()  # what _guard does on SQLITE_CORRUPT
    s.close()
    s = Store(path)
    assert s.rebuilt_reason == "the index was damaged and has been rebuilt"
    assert not s._marker().exists()
    s.close()


def test_sqlite_errors_are_wrapped(store):
    store._db.execute("DROP TABLE labels")
    with pytest.raises(StoreError):
        store.set_labels("tag", {"a": "b"})


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.delete_paths(["_posts/a.md"])
        raise RuntimeError("boom")
    assert store.id_for_path("_posts/a.md") is not None


def test_state_file_and_table_are_created(tmp_path, store):
    assert (tmp_path / "data" / "state.db").exists()
    db = sqlite3.connect(tmp_path / "data" / "state.db")
    assert db.execute("SELECT count(*) FROM marks").fetchone()[0] == 0
    db.close()


# --- writing -----------------------------------------------------------------------------------


def test_new_posts_get_ids_in_date_order(store):
    assert ids(store, "notes/d.md", "_posts/a.md", "_posts/b.md", "_posts/c.md") == [1, 2, 3, 4]


def test_tokenizer_version_change_empties_the_text_index(tmp_path):
    path = tmp_path / "i.db"
    s = Store(path)
    s.write_metadata([(meta("p.md"), 1, 1)])
    s.write_text([(1, "t", "新能源")])
    s._db.execute("UPDATE info SET value = 'old' WHERE key = 'tokenizer'")
    s.close()
    s = Store(path)
    assert s.text_progress() == (0, 1)
    assert found(s, "新能") == set() and s._text().searcher().num_docs == 0
    s.close()


def test_day_falls_back_to_sort_key(tmp_path):
    s = Store(tmp_path / "i.db")
    s.write_metadata([(meta("p.md", day="September 8, 2014", sort_key=1410134400.0), 1, 1)])
    assert [f.key for f in s.facets("month")] == ["2014-09"]
    s.close()


def test_bulk_write_uses_one_table_read(tmp_path):
    s = Store(tmp_path / "i.db")
    rows = [(meta(f"p{i}.md", f"标题{i}", "2020-01-01", 1577836800.0 + i), 1, 1) for i in range(1200)]
    s.write_metadata(rows)
    s.write_metadata(rows[:600])  # updates through the whole-table path
    assert s.count() == 1200
    assert s.list_ids()[:2] == [1200, 1199]
    s.close()


def _rows_and_labels(store):
    db = store._db
    return db.execute("SELECT * FROM posts ORDER BY id").fetchall(), db.execute(
        "SELECT * FROM post_labels ORDER BY post_id, kind, key"
    ).fetchall()


def test_a_file_changed_but_not_its_row_gets_its_mtime_and_size_and_stays_as_a_full_write_leaves_it(tmp_path):
    posts = sample_posts()
    edited = [posts[0], replace(posts[1], tags=("ev",)), posts[2]]  # b's tags changed, a and c only their files
    stores = [Store(tmp_path / f"{n}.db") for n in (1, 2)]
    for s in stores:
        s.write_metadata([(m, 100, 200) for m in posts])
        s.write_text([(i, "t", "新能源") for i in (1, 2, 3, 4)])
    stores[0].write_metadata([(m, 101, 201 + n) for n, m in enumerate(edited)])
    # The other store's rows differ first (their titles), so that it writes the edited posts in full.
    stores[1].write_metadata([(replace(m, title="x"), 1, 1) for m in edited])
    stores[1].write_metadata([(m, 101, 201 + n) for n, m in enumerate(edited)])
    assert stores[0].file_states()["_posts/c.md"] == (4, 101, 203)
    assert _rows_and_labels(stores[0]) == _rows_and_labels(stores[1])
    assert ("tag", "中国经济网新闻", 3) not in _rows_and_labels(stores[0])[1]  # b's tag, gone
    assert stores[0].text_progress() == (1, 4)  # the text of the three is to be indexed again all the same
    for s in stores:
        s.close()


def test_labels_changed_says_whether_posts_labels_were_written_since_it_was_last_asked(store):
    posts = sample_posts()
    assert store.take_labels_changed() and not store.take_labels_changed()  # the sample posts; then asked
    store.write_metadata([(posts[0], 7, 7), (replace(posts[1], title="新标题"), 7, 7)])  # labels as before
    assert not store.take_labels_changed()
    store.write_metadata([(replace(posts[1], tags=("ev",)), 8, 8)])
    assert store.take_labels_changed()
    store.write_metadata([(meta("_posts/new.md"), 1, 1)])  # a new post, even without labels
    assert store.take_labels_changed()
    store.delete_paths(["_posts/none.md"])
    assert not store.take_labels_changed()
    store.delete_paths(["_posts/c.md"])
    assert store.take_labels_changed()


def index_names(store):
    return {r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def test_deferred_indexes_come_back_even_after_a_crash(tmp_path):
    path = tmp_path / "i.db"
    s = Store(path)
    before = index_names(s)
    s.defer_indexes()
    assert index_names(s) == set()
    s.write_metadata([(m, 1, 1) for m in sample_posts()])
    s.close()  # a crash here: the next refresh restores them
    s = Store(path)
    s.restore_indexes()
    assert index_names(s) == before and s.list_ids(sort="title", descending=False)[0] == s.id_for_path("_posts/a.md")
    s.restore_indexes()  # nothing deferred: nothing to do
    assert index_names(s) == before
    s.close()


def test_a_refresh_writes_with_the_large_page_cache_and_gives_it_back_for_the_text(tmp_path):
    from reader.core.library import Library

    (tmp_path / "lib" / "_posts").mkdir(parents=True)
    (tmp_path / "lib" / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "lib" / "_posts" / "2024-01-02-a.md").write_text("---\ntitle: A\n---\nbody\n", encoding="utf-8")
    library = Library(tmp_path / "lib", data_dir=tmp_path / "data")

    def cache() -> int:
        return library._store()._db.execute("PRAGMA cache_size").fetchone()[0]

    assert cache() == -READ_CACHE_KIB
    seen: dict[str, set[int]] = {}
    library.refresh(progress=lambda phase, done, total: seen.setdefault(phase, set()).add(cache()))
    assert library.count() == 1
    assert seen["metadata"] == {-WRITE_CACHE_KIB}
    assert seen["text"] == {-READ_CACHE_KIB}  # the metadata phase's cache is not kept through the text phase
    assert cache() == -READ_CACHE_KIB
    library.close()


def test_the_same_skipped_entries_are_not_written_again(store):
    skipped = [Problem("_posts/a.md", "unreadable"), Problem("_posts/b.md", "too big")]
    store.set_skipped(skipped)
    written = store._db.total_changes
    store.set_skipped(list(reversed(skipped)))  # the same entries: no write transaction (a re-open's usual case)
    assert store._db.total_changes == written
    store.set_skipped(skipped[:1])
    assert store._db.total_changes > written
    assert [(p.path, p.message) for p in store.problems() if p.path.endswith(("a.md", "b.md"))] == [
        ("_posts/a.md", "unreadable")
    ]
    store.set_skipped([])
    assert not [p for p in store.problems() if p.path.endswith(("a.md", "b.md"))]
