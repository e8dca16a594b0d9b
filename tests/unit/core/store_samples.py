"""Four sample posts in a Store, and what the Store tests (test_store, test_store_queries, test_store_text) ask."""

from __future__ import annotations

from tantivy import Query

from reader.core.fulltext import SCHEMA
from reader.core.store import Store
from reader.core.types import PostMeta


def meta(path, title="标题", day=None, sort_key=None, **kw):
    return PostMeta(path=path, title=title, date=day, sort_key=sort_key, **kw)


def sample_posts():
    return [
        meta(
            "_posts/a.md",
            "Alpha 新能源",
            "2021-12-08",
            1638921600.0,
            categories=("caijing",),
            tags=("中国经济网新闻",),
            permalink="/2021/a/",
        ),
        meta(
            "_posts/b.md",
            "beta 汽车",
            "2022-01-21T15:01:08+08:00",
            1642748468.0,
            categories=("keji",),
            tags=("中国经济网新闻", "ev"),
        ),
        meta("_posts/c.md", "Gamma", "2022-03-02", 1646179200.0, categories=("caijing",), draft=True),
        meta("notes/d.md", "delta 无日期", None, None, error="line 3: bad YAML"),
    ]


def sample_store(tmp_path):
    """The `store` fixture of the Store tests: the sample posts in a Store with its reading state, closed after."""
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
