"""The index's streamed list (Store.list_rows) and label keys (Store.label_keys): the same posts, in
the same order, as list_ids + summaries and facets, which the window uses."""

from __future__ import annotations

import pytest

from reader.core.store import Store
from reader.core.types import ListRow, PostFilter
from tests.unit.core.test_store import meta, sample_posts


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "index.db", tmp_path / "state.db", "lib1")
    more = [
        meta(f"_posts/same-{i}.md", f"同一天 {i}", "2022-01-21", 1642748468.0, categories=("keji", "caijing"))
        for i in range(5)
    ]  # equal dates: the id breaks the tie, as in list_ids
    undated = [meta(f"notes/undated-{i}.md", f"无日期 {i}") for i in range(3)]
    s.write_metadata([(m, 100, 200) for m in sample_posts() + more + undated])
    yield s
    s.close()


def expected(store, flt):
    return [
        ListRow(r.path, r.title, r.date, r.categories, r.tags, r.draft, r.error)
        for r in store.summaries(store.list_ids(flt))
    ]


@pytest.mark.parametrize(
    "flt",
    [
        None,
        PostFilter(),
        PostFilter(drafts=False),
        PostFilter(categories=("caijing",)),
        PostFilter(categories=("keji",), tags=("ev",)),
        PostFilter(problems=True),
        PostFilter(categories=("nothing",)),
    ],
)
@pytest.mark.parametrize("size", [1, 3, 1000])
def test_list_rows_are_list_ids_summaries_in_batches(store, flt, size):
    batches = list(store.list_rows(flt, size))
    assert all(0 < len(batch) <= size for batch in batches)
    rows = [row for batch in batches for row in batch]
    assert rows == expected(store, flt)
    assert all(type(row) is ListRow for row in rows)
    if flt is None:
        assert [row.path for row in rows[-4:]] == [
            "notes/d.md",
            "notes/undated-0.md",
            "notes/undated-1.md",
            "notes/undated-2.md",
        ]  # undated last, by title (pinyin: "delta" before "wu2 ri4 qi1"), not by id (d.md's is the lowest)


@pytest.mark.parametrize("flt", [None, PostFilter(categories=("keji",)), PostFilter(problems=True)])
def test_rows_for_a_table_are_the_rows_without_path_and_tags(store, flt):
    full = [row for batch in store.list_rows(flt) for row in batch]
    table = [row for batch in store.list_rows(flt, 2, table=True) for row in batch]
    assert table == [row._replace(path="", tags=()) for row in full] and table
    assert all(type(row) is ListRow for row in table)


def test_list_rows_carry_labels_drafts_and_errors(store):
    rows = {row.path: row for batch in store.list_rows() for row in batch}
    assert rows["_posts/b.md"].tags == ("中国经济网新闻", "ev") and rows["_posts/b.md"].categories == ("keji",)
    assert rows["_posts/c.md"].draft is True and rows["_posts/a.md"].draft is False
    assert rows["notes/d.md"].error == "line 3: bad YAML" and rows["notes/d.md"].categories == ()
    assert rows["_posts/same-0.md"].categories == ("keji", "caijing")


@pytest.mark.parametrize("kind", ["category", "tag"])
def test_label_keys_are_the_facets_keys_sorted(store, kind):
    assert store.label_keys(kind) == sorted(f.key for f in store.facets(kind))
    assert store.label_keys(kind)


def test_label_keys_of_an_empty_index(tmp_path):
    s = Store(tmp_path / "index.db")
    assert s.label_keys("category") == []
    s.close()
