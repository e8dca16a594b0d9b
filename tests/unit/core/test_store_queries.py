"""Tests for reader.core.store_queries (the Store's reading part): lookups by id, path, stem and permalink;
lists sorted and filtered by every PostFilter field and the reading state; summaries, facets, problems."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.store import Store
from reader.core.types import Facet, PostFilter, Problem
from tests.unit.core.store_samples import ids, meta, sample_posts, sample_store


@pytest.fixture
def store(tmp_path):
    yield from sample_store(tmp_path)


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


def _mark(tmp_path) -> None:
    """The reading state the store joins: a read and b starred in lib1; c read and starred in another library."""
    db = sqlite3.connect(tmp_path / "data" / "state.db")
    db.executemany(
        "INSERT INTO marks (library, path, read, starred) VALUES (?, ?, ?, ?)",
        [("lib1", "_posts/a.md", 1, 0), ("lib1", "_posts/b.md", 0, 1), ("other", "_posts/c.md", 1, 1)],
    )
    db.commit()
    db.close()


def test_reading_state_filters_and_summaries(tmp_path, store):
    a, b = ids(store, "_posts/a.md", "_posts/b.md")
    _mark(tmp_path)
    assert set(store.list_ids(PostFilter(read=False))) == set(ids(store, "_posts/b.md", "_posts/c.md", "notes/d.md"))
    assert store.list_ids(PostFilter(read=True)) == [a]
    assert store.list_ids(PostFilter(starred=True)) == [b]
    rows = store.summaries([b, a, 12345])
    assert [(r.id, r.read, r.starred) for r in rows] == [(b, False, True), (a, True, False)]


def test_search_applies_every_list_filter_as_the_list_does(tmp_path, store):
    # In Tantivy (labels, months, drafts, problems) or as SQLite's docs (reading state, title).
    store.write_text([(i, t, "共同的正文") for i, t in store._db.execute("SELECT id, title FROM posts").fetchall()])
    _mark(tmp_path)
    filters = [
        {"categories": ("caijing",)},
        {"tags": ("中国经济网新闻", "ev")},
        {"months": ("2022", "2021-12")},
        {"drafts": True},
        {"drafts": False},
        {"problems": True},
        {"title": "ALPHA"},
        {"read": False},
        {"read": True},
        {"starred": True},
        {"starred": False, "drafts": False, "categories": ("caijing",)},
    ]
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


def test_a_page_of_hits_is_its_summaries_with_their_title_keys(store):
    every = store.list_ids()
    store.fill_title_keys()
    found = store.hit_rows(every)
    assert [found[i][0] for i in every] == store.summaries(every)
    assert {i: key for i, (_, key) in found.items()} == store.title_keys(every)
    assert all(found[i][1] for i in every)  # every title has a key once they are filled
    assert store.hit_rows([]) == {} and store.hit_rows([9999]) == {}


def test_facets_with_labels_and_dates(store):
    store.set_labels("category", {"caijing": "财经", "unused": "x"})
    assert store.facets("category") == [Facet("category", "caijing", "财经", 2), Facet("category", "keji", "keji", 1)]
    assert store.facets("tag") == [Facet("tag", "中国经济网新闻", "中国经济网新闻", 2), Facet("tag", "ev", "ev", 1)]
    assert store.facets("year") == [Facet("year", "2022", "2022", 2), Facet("year", "2021", "2021", 1)]
    assert [f.key for f in store.facets("month")] == ["2022-03", "2022-01", "2021-12"]
    store.set_labels("category", {"keji": "科技"})  # replaces all labels of that kind
    assert [f.label for f in store.facets("category")] == ["caijing", "科技"]
    with pytest.raises(ValueError):
        store.facets("colour")


def test_problems(store):
    assert store.problems() == [Problem("notes/d.md", "line 3: bad YAML")]
