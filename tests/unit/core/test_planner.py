"""Tests for reader.core.planner: a parsed query becomes SQL over `posts` when it only filters, a Tantivy
query when it looks for words; labels match in either script or by their readable names; posts whose text
is not indexed yet are found by their titles.

The searches themselves (planner, query, fulltext and the Store together) are in test_search.py."""

from __future__ import annotations

import pytest

from reader.core import planner
from reader.core.errors import QueryError
from reader.core.query import Label, parse
from reader.core.store import Store
from reader.core.types import PostMeta

POSTS = [
    PostMeta("a.md", "央行降准 释放流动性", "2022-01-21", 1642723200.0, categories=("经济",), tags=("货币",)),
    PostMeta("b.md", "新能源汽车销量", "2022-02-03", 1643846400.0, categories=("kejixinwen",), tags=("汽车", "旧闻")),
    PostMeta("c.md", "經濟觀察：汽车出口", "2021-12-30", 1640822400.0, categories=("經濟",), tags=("汽车",)),
    PostMeta("d.md", "没有日期", None, None),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("planner") / "index.db")
    store.write_metadata([(meta, 1, 1) for meta in POSTS])
    store.set_labels("category", {"kejixinwen": "科技新闻"})
    yield store
    store.close()


def _where(store, query: str, docs=lambda _query: []) -> set[str]:
    """The paths a filter-only query's SQL selects."""
    found = planner.plan(store._named_keys, parse(query), docs)
    assert found.query is None
    sql = "SELECT p.path FROM posts p WHERE " + " AND ".join(found.where)
    return {path for (path,) in store._db.execute(sql, found.params)}


def test_a_query_that_looks_for_words_is_one_tantivy_query(store):
    found = planner.plan(store._named_keys, parse("汽车 category:经济"), lambda _query: [])
    assert found.query is not None and found.where == [] and found.params == []


def test_labels_and_their_negation_are_sql(store):
    assert _where(store, "tag:汽车") == {"b.md", "c.md"}
    assert _where(store, "tag:汽车 -tag:旧闻") == {"c.md"}
    assert _where(store, "tag:货币 OR tag:旧闻") == {"a.md", "b.md"}


def test_a_category_is_found_in_either_script_and_by_its_readable_name(store):
    assert _where(store, "category:經濟") == {"a.md", "c.md"}
    assert _where(store, "category:科技新闻") == {"b.md"}
    assert store._named_keys(Label("category", "科技新聞")) == ["kejixinwen"]


def test_dates_select_the_days_they_cover(store):
    assert _where(store, "date:2022") == {"a.md", "b.md"}
    assert _where(store, "date:2021-12..2022-01") == {"a.md", "c.md"}
    assert _where(store, "-date:2022") == {"c.md", "d.md"}  # an undated post is not in 2022


def test_leaving_out_a_date_keeps_undated_posts_with_or_without_words(tmp_path):
    # The same rule on both paths: SQL when the query only filters, Tantivy when it looks for words.
    store = Store(tmp_path / "index.db")
    try:
        ids = store.write_metadata([(meta, 1, 1) for meta in POSTS])
        store.write_text([(ids[meta.path], meta.title, "共同的正文") for meta in POSTS])
        with_words = {store.get_meta(i).path for i, _ in store.search("共同 -date:2022")}
        filter_only = {store.get_meta(i).path for i, _ in store.search("-date:2022")}
        assert with_words == filter_only == {"c.md", "d.md"}
    finally:
        store.close()


def test_words_left_out_exclude_the_docs_tantivy_names(store):
    doc_of_b = 7
    store._db.execute("UPDATE posts SET doc = ? WHERE path = 'b.md'", (doc_of_b,))
    try:
        assert _where(store, "tag:汽车 -销量", docs=lambda _query: [doc_of_b]) == {"c.md"}
    finally:
        store._db.execute("UPDATE posts SET doc = NULL WHERE path = 'b.md'")


def test_only_words_left_out_is_refused_with_a_reason(store):
    with pytest.raises(QueryError, match="Add a word to search for"):
        planner.plan(store._named_keys, parse("-汽车 -销量"), lambda _query: [])


def test_titles_stand_in_for_text_not_indexed_yet(store):
    where, params = planner.pending_titles_sql(store._named_keys, parse("汽车 出口"))
    sql = "SELECT p.path FROM posts p WHERE " + " AND ".join(where)
    assert {path for (path,) in store._db.execute(sql, params)} == {"c.md"}
    where, params = planner.pending_titles_sql(store._named_keys, parse("汽车 -出口"))
    sql = "SELECT p.path FROM posts p WHERE " + " AND ".join(where)
    assert {path for (path,) in store._db.execute(sql, params)} == {"b.md"}
