"""The SQLite index: opening, migrating, rebuilding, writing, lists, filters, facets, state."""

from __future__ import annotations

import sqlite3

import pytest

from tantivy import Query

from reader.core import schema
from reader.core.fulltext import SCHEMA
from reader.core.errors import StoreError
from reader.core.store import Store
from reader.core.types import Facet, PostFilter, PostMeta, Problem

DAY = 86400.0


def meta(path, title="标题", day=None, sort_key=None, **kw):
    return PostMeta(path=path, title=title, date=day, sort_key=sort_key, **kw)


def sample_posts():
    return [
        meta("_posts/a.md", "Alpha 新能源", "2021-12-08", 1638921600.0, categories=("caijing",),
             tags=("中国经济网新闻",), permalink="/2021/a/"),
        meta("_posts/b.md", "beta 汽车", "2022-01-21T15:01:08+08:00", 1642748468.0,
             categories=("keji",), tags=("中国经济网新闻", "ev")),
        meta("_posts/c.md", "Gamma", "2022-03-02", 1646179200.0, categories=("caijing",), draft=True),
        meta("notes/d.md", "delta 无日期", None, None, error="line 3: bad YAML"),
    ]


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "cache" / "index.db", tmp_path / "data" / "state.db", "lib1")
    s.write_metadata([(m, 100, 200) for m in sample_posts()])
    yield s
    s.close()


def ids(store, *paths):
    return [store.id_for_path(p) for p in paths]


def found(store, query):
    """The posts a search finds."""
    return {i for i, _ in store.search(query, limit=100)}


def tantivy_docs(store, field, token):
    """Documents in the Tantivy index holding `token`, whether a post still holds them or not."""
    return store._text().searcher().search(Query.term_query(SCHEMA, field, token), limit=100).count


def dead_rows(store):
    return store._db.execute("SELECT count(*) FROM dead_docs").fetchone()[0]


# --- opening, migrating, rebuilding ----------------------------------------------------------

def test_new_store_is_at_current_version_with_wal(tmp_path):
    s = Store(tmp_path / "x" / "i.db")
    assert s.rebuilt_reason is None
    assert s._db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert s._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_older_schema_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "i.db"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, target=1)
    db.execute("INSERT INTO posts (id, path, stem, title, title_fold, meta)"
               " VALUES (1, 'p.md', 'p', 'T', 't', ?)", ('{"path": "p.md", "title": "T", '
                                                         '"date": null, "sort_key": null, "categories": ["k"]}',))
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
    db.execute("INSERT INTO posts (id, path, stem, title, title_fold, cats, meta, text_done) VALUES"
               " (7, 'p.md', 'p', 'T', 't', 'k', ?, 1)",
               ('{"path": "p.md", "title": "T", "date": null, "sort_key": null, "categories": ["k"],'
                ' "tags": [], "authors": ["A"], "source_url": null}',))
    db.execute("INSERT INTO fts (rowid, title, body) VALUES (7, 'T', '新能 能源 源')")
    db.execute("INSERT INTO info VALUES ('tokenizer', '1')")
    db.close()
    s = Store(path)
    assert s.rebuilt_reason is None and "texts" not in s._db.execute("SELECT group_concat(name) FROM"
                                                                     " sqlite_master").fetchone()[0]
    assert s.text_progress() == (0, 1) and s.pending_text() == [(7, "p.md")]
    assert s.get_meta(7) == PostMeta(path="p.md", title="T", date=None, sort_key=None,
                                     categories=("k",), authors=("A",))
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


def test_newer_version_is_rebuilt(tmp_path):
    path = tmp_path / "i.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.VERSION + 5}")
    db.close()
    s = Store(path)
    assert "newer version" in s.rebuilt_reason
    assert s._db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
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

def test_metadata_round_trip_and_lookups(store):
    a = store.id_for_path("_posts/a.md")
    got = store.get_meta(a)
    assert got == sample_posts()[0]
    assert store.get_meta(9999) is None
    assert store.ids_for_stem("a") == [a]
    assert store.id_for_permalink("/2021/a") == a
    assert store.id_for_permalink("2021/a/") == a
    assert store.id_for_permalink("/nope") is None
    assert store.file_states()["_posts/a.md"] == (a, 100, 200)


def test_new_posts_get_ids_in_date_order(store):
    assert ids(store, "notes/d.md", "_posts/a.md", "_posts/b.md", "_posts/c.md") == [1, 2, 3, 4]


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


def test_write_text_for_a_vanished_id_is_ignored(store):
    store.write_text([(999, "t", "文本")])
    assert store._text().searcher().num_docs == 0 and dead_rows(store) == 0


def test_dead_rows_are_never_mistaken_for_a_new_post(store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    store.write_text([(a, "t", "旧文本")])
    store.delete_paths(["_posts/a.md"])
    store.write_metadata([(meta("_posts/new.md"), 1, 1)])
    new = store.id_for_path("_posts/new.md")
    store.write_text([(b, "t", "别的"), (new, "t", "新文本")])
    assert found(store, "旧文") == set() and found(store, "新文") == {new}
    assert tantivy_docs(store, "body", "旧文") == 0  # the dead document went with that write


def test_a_write_interrupted_between_the_two_stores_leaves_nothing_searchable(store):
    a = store.id_for_path("_posts/a.md")
    store.write_text([(a, "t", "第一版")])
    db = store._db

    class FailsAfterTantivy:  # the connection, except that the transaction after Tantivy's commit fails
        in_transaction = property(lambda _: db.in_transaction)
        execute = staticmethod(db.execute)

        @staticmethod
        def executemany(sql, rows):
            if sql.startswith("UPDATE posts SET doc = ?"):
                raise sqlite3.OperationalError("disk I/O error")
            return db.executemany(sql, rows)

    store._db = FailsAfterTantivy()
    with pytest.raises(StoreError):
        store.write_text([(a, "t", "第二版")])
    store._db = db
    assert tantivy_docs(store, "body", "第二") == 1  # Tantivy holds it, SQLite does not know it: not found
    assert found(store, "第二版") == found(store, "第一版") == set() and a in dict(store.pending_text())
    store.write_text([(a, "t", "第二版")])
    assert found(store, "第二版") == {a} and found(store, "第一版") == set()
    assert tantivy_docs(store, "body", "第二") == 1 and tantivy_docs(store, "body", "第一") == 0
    assert dead_rows(store) == 0


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


# --- lists ---------------------------------------------------------------------------------

def test_sorts(store):
    a, b, c, d = ids(store, "_posts/a.md", "_posts/b.md", "_posts/c.md", "notes/d.md")
    assert store.list_ids() == [c, b, a, d]  # unknown dates last
    assert store.list_ids(descending=False) == [a, b, c, d]
    assert store.list_ids(sort="title", descending=False) == [a, b, d, c]  # case-insensitive
    assert store.list_ids(sort="title") == [c, d, b, a]
    assert store.list_ids(sort="path", descending=False) == [a, b, c, d]
    assert store.list_ids(sort="category", descending=False) == [c, a, b, d]  # newest first inside
    with pytest.raises(ValueError):
        store.list_ids(sort="colour")


def test_every_filter_field(store):
    a, b, c, d = ids(store, "_posts/a.md", "_posts/b.md", "_posts/c.md", "notes/d.md")

    def got(**kw):
        f = PostFilter(**kw)
        result = set(store.list_ids(f))
        assert store.count(f) == len(result)
        return result

    assert got(categories=("caijing",)) == {a, c}
    assert got(categories=("caijing", "keji")) == {a, b, c}
    assert got(tags=("中国经济网新闻",)) == {a, b}
    assert got(categories=("caijing",), tags=("中国经济网新闻",)) == {a}
    assert got(months=("2022",)) == {b, c}
    assert got(months=("2022-01", "2021-12")) == {a, b}
    assert got(drafts=True) == {c}
    assert got(drafts=False) == {a, b, d}
    assert got(problems=True) == {d}
    assert got(title="ALPHA") == {a}
    assert got(title="无日") == {d}
    assert got(read=False) == {a, b, c, d}
    assert got(read=True) == set()
    assert got(starred=True) == set()
    assert store.count() == 4


def test_reading_state_filters_and_summaries(tmp_path, store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    db = sqlite3.connect(tmp_path / "data" / "state.db")
    db.executemany("INSERT INTO marks (library, path, read, starred) VALUES (?, ?, ?, ?)",
                   [("lib1", "_posts/a.md", 1, 0), ("lib1", "_posts/b.md", 0, 1),
                    ("other", "_posts/c.md", 1, 1)])
    db.commit()
    db.close()
    assert set(store.list_ids(PostFilter(read=False))) == set(ids(store, "_posts/b.md", "_posts/c.md", "notes/d.md"))
    assert store.list_ids(PostFilter(read=True)) == [a]
    assert store.list_ids(PostFilter(starred=True)) == [b]
    rows = store.summaries([b, a, 12345])
    assert [(r.id, r.read, r.starred) for r in rows] == [(b, False, True), (a, True, False)]


def test_search_applies_every_list_filter_as_the_list_does(tmp_path, store):
    # In Tantivy (labels, months, drafts, problems) or as SQLite's docs (reading state, title).
    store.write_text([(i, t, "共同的正文") for i, t in store._db.execute("SELECT id, title FROM posts").fetchall()])
    db = sqlite3.connect(tmp_path / "data" / "state.db")
    db.executemany("INSERT INTO marks (library, path, read, starred) VALUES (?, ?, ?, ?)",
                   [("lib1", "_posts/a.md", 1, 0), ("lib1", "_posts/b.md", 0, 1), ("other", "_posts/c.md", 1, 1)])
    db.commit()
    db.close()
    filters = [{"categories": ("caijing",)}, {"tags": ("中国经济网新闻", "ev")}, {"months": ("2022", "2021-12")},
               {"drafts": True}, {"drafts": False}, {"problems": True}, {"title": "ALPHA"}, {"read": False},
               {"read": True}, {"starred": True}, {"starred": False, "drafts": False, "categories": ("caijing",)}]
    for fields in filters:
        f = PostFilter(**fields)
        assert {i for i, _ in store.search("共同", f, limit=100)} == set(store.list_ids(f)), fields


def test_state_filters_without_state(tmp_path):
    s = Store(tmp_path / "i.db")
    s.write_metadata([(meta("p.md"), 1, 1)])
    assert s.list_ids(PostFilter(read=False)) == [1]
    assert s.list_ids(PostFilter(starred=True)) == []
    assert s.summaries([1])[0].read is False
    s.close()


def test_summaries_carry_list_fields(store):
    b = store.id_for_path("_posts/b.md")
    (row,) = store.summaries([b])
    assert row.title == "beta 汽车" and row.date == "2022-01-21T15:01:08+08:00"
    assert row.categories == ("keji",) and row.tags == ("中国经济网新闻", "ev")
    assert row.draft is False and row.error is None


def test_facets_with_labels_and_dates(store):
    store.set_labels("category", {"caijing": "财经", "unused": "x"})
    assert store.facets("category") == [Facet("category", "caijing", "财经", 2),
                                         Facet("category", "keji", "keji", 1)]
    assert store.facets("tag") == [Facet("tag", "中国经济网新闻", "中国经济网新闻", 2), Facet("tag", "ev", "ev", 1)]
    assert store.facets("year") == [Facet("year", "2022", "2022", 2), Facet("year", "2021", "2021", 1)]
    assert [f.key for f in store.facets("month")] == ["2022-03", "2022-01", "2021-12"]
    store.set_labels("category", {"keji": "科技"})  # replaces all labels of that kind
    assert [f.label for f in store.facets("category")] == ["caijing", "科技"]
    with pytest.raises(ValueError):
        store.facets("colour")


def test_problems(store):
    assert store.problems() == [Problem("notes/d.md", "line 3: bad YAML")]


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
