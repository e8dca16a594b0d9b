"""The tree and list models: Qt's model checks with real data, filters, paging and search mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.library import Library
from reader.core.types import PostFilter, PostSummary, SearchHit, Snippet
from reader.gui.list_model import COLUMNS, MAX_PAGES, PAGE_SIZE, ArticleListModel, IdRole, SnippetRole, date_text
from reader.gui.tree_model import LibraryTreeModel, Node, filter_for, load_tree_data
from tests.gui.helpers import CORPUS_FINEWS, N_POSTS


def _open(library_dir, data_dir) -> Library:
    library = Library(library_dir, data_dir=data_dir)
    library.refresh()
    return library


def _children(model, parent):
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def test_tree_model_passes_the_model_tester(qtmodeltester, library_dir, data_dir):
    library = _open(library_dir, data_dir)
    model = LibraryTreeModel()
    model.set_data(load_tree_data(library))
    qtmodeltester.check(model)
    model.set_tag_filter("评")
    qtmodeltester.check(model)
    library.close()


def test_tree_shows_sections_counts_and_archive(library_dir, data_dir):
    library = _open(library_dir, data_dir)
    model = LibraryTreeModel()
    model.set_data(load_tree_data(library))
    sections = [i.data() for i in _children(model, model.index(0, 0).parent())]
    assert sections == ["Library", "Saved Searches", "Highlights", "Categories", "Tags", "Archive"]
    views = {model.node(i).kind: model.node(i).count for i in _children(model, model.section_index("library"))}
    assert views["all"] == N_POSTS + 1 and views["problems"] == 1 and views["starred"] == 0
    tags = [model.node(i) for i in _children(model, model.section_index("tag"))]
    assert [t.count for t in tags] == sorted((t.count for t in tags), reverse=True)  # by count
    assert tags[0].key == "新闻" and tags[0].count == 12
    years = _children(model, model.section_index("archive"))
    assert [y.data() for y in years] == ["2022", "2021", "2020"]  # newest first
    months = _children(model, years[0])
    assert [model.node(m).key for m in months][:2] == ["2022-12", "2022-11"]
    assert years[0].siblingAtColumn(1).data() == "12" and model.index(0, 1, years[0]).data() == "1"
    library.close()


def test_tag_filter_rebuilds_only_the_tags_section(library_dir, data_dir):
    library = _open(library_dir, data_dir)
    model = LibraryTreeModel()
    model.set_data(load_tree_data(library))
    model.set_tag_filter("科")
    assert [model.node(i).key for i in _children(model, model.section_index("tag"))] == ["科技"]
    assert model.rowCount(model.section_index("category")) == 3
    model.set_tag_filter("")
    assert model.rowCount(model.section_index("tag")) == 4
    library.close()


def test_filter_is_or_within_a_section_and_across_sections():
    nodes = [
        Node("category", "a", "A"),
        Node("category", "b", "B"),
        Node("tag", "t", "T"),
        Node("year", "2021", "2021"),
        Node("month", "2022-01", "2022-01"),
        Node("unread", "", "Unread"),
    ]
    assert filter_for(n.id for n in nodes) == PostFilter(
        categories=("a", "b"), tags=("t",), months=("2021", "2022-01"), read=False
    )
    assert filter_for(["all:"]) == PostFilter()
    assert filter_for(["problems:"]) == PostFilter(problems=True)


def test_list_model_passes_the_model_tester_with_real_rows(qtmodeltester, library_dir, data_dir):
    library = _open(library_dir, data_dir)
    model = ArticleListModel(library.summaries)
    model.set_ids(library.list_ids())
    qtmodeltester.check(model)
    assert model.rowCount() == N_POSTS + 1
    assert model.index(0, 0).data() == f"第{N_POSTS - 1}篇 报道 wenhua"  # newest first
    assert model.index(0, 1).data() == "2022-12-15 10:00"
    hits = library.search("熊猫", snippets=1)
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert (
        model.columnCount() == 5
        and model.headerData(4, Qt.Orientation.Horizontal) == "Library"
        and model.headerData(3, Qt.Orientation.Horizontal) == "Snippet"
    )
    assert "熊猫" in model.index(0, 3).data() and "<b>" not in model.index(0, 3).data()
    library.close()


@pytest.mark.corpus
def test_list_model_on_the_finews_corpus_uses_category_labels(qtmodeltester, data_dir):
    library = _open(CORPUS_FINEWS, data_dir)
    model = ArticleListModel(library.summaries)
    model.category_labels = {f.key: f.label for f in library.facets("category")}
    model.set_ids(library.list_ids())
    qtmodeltester.check(model)
    shown = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert "中国经济网新闻" in shown  # the readable label, not the pinyin key
    library.close()


def _summary(post_id: int, **kw) -> PostSummary:
    fields = {
        "path": f"p{post_id}.md",
        "title": f"标题 {post_id}",
        "date": "2022-01-21T15:01:08+08:00",
        "categories": ("c",),
        "tags": (),
        "draft": False,
        "error": None,
    }
    fields.update(kw)
    return PostSummary(id=post_id, **fields)


def test_list_model_fetches_pages_on_demand_and_keeps_a_bounded_cache():
    calls = []

    def fetch(ids):
        calls.append(len(ids))
        return [_summary(i) for i in ids if i != 7]  # id 7 vanished from the index

    model = ArticleListModel(fetch)
    model.set_ids(range(100_000))
    assert calls == []  # nothing fetched until a row is shown
    assert model.index(99_999, 0).data() == "标题 99999"
    assert model.index(99_998, 1).data() == "2022-01-21 15:01"
    assert calls == [PAGE_SIZE]  # one page for both rows
    assert model.index(7, 0).data() == "(no longer in the index)"
    for page in range(MAX_PAGES + 10):
        model.index(page * PAGE_SIZE, 0).data()
    assert len(model._pages) == MAX_PAGES
    assert model.row_of(54_321) == 54_321 and model.data(model.index(3, 0), IdRole) == 3


def test_the_texts_a_column_shows_are_each_given_once_as_data_shows_them():
    rows = {n: _summary(n, categories=("a",) if n % 2 else ("b", "c")) for n in range(300)}
    rows[5] = _summary(5, categories=())
    model = ArticleListModel(lambda ids: [rows[i] for i in ids if i != 7])  # id 7 vanished from the index
    model.set_ids(range(300))
    model.category_labels = {"a": "甲类"}
    assert model.texts(2, 200) == {model.index(row, 2).data() or "" for row in range(200)} == {"甲类", "b, c", ""}
    assert model.texts(2, 1) == {"b, c"} and model.texts(1, 1000) == {"2022-01-21 15:01", ""}  # 300 rows, one gone


def test_list_model_marks_unread_starred_draft_and_problem_rows():
    rows = {
        1: _summary(1),
        2: _summary(2, read=True, starred=True),
        3: _summary(3, read=True, draft=True),
        4: _summary(4, read=True, error="line 2: bad YAML"),
    }
    model = ArticleListModel(lambda ids: [rows[i] for i in ids])
    model.set_ids([1, 2, 3, 4])
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, 0).data().startswith("★ ")
    assert model.index(2, 0).data().startswith("✎ ") and model.index(2, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(3, 0).data().startswith("⚠ ")
    assert "line 2: bad YAML" in model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole)
    model.update_summary(1, read=True, starred=True)
    assert model.index(0, 0).data() == "★ 标题 1" and model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_sorting_asks_the_owner_and_hits_sort_in_python():
    asked = []
    model = ArticleListModel(lambda ids: [_summary(i) for i in ids])
    model.sort_requested = lambda key, desc: asked.append((key, desc))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert asked == [("title", False)]
    hits = [
        SearchHit(_summary(i, title=t), Snippet("s"), r, title_key=t + " ")
        for i, t, r in ((1, "b", 1.0), (2, "a", 2.0))
    ]
    model.set_hits(hits)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.post_id(r) for r in range(2)] == [2, 1] and asked == [("title", False)]
    model.sort(3, Qt.SortOrder.AscendingOrder)  # the snippet column: back to rank order
    assert [model.post_id(r) for r in range(2)] == [1, 2]


def test_date_text():
    assert date_text("2022-01-21") == "2022-01-21"
    assert date_text("2022-01-21T15:01:08+08:00") == "2022-01-21 15:01"
    assert date_text(None) == ""


def test_hits_shown_without_a_snippet_ask_for_their_block_once(qtbot):
    asked = []
    model = ArticleListModel()
    model.snippets_wanted = lambda generation, ids: asked.append((generation, ids))
    hits = [SearchHit(_summary(i), Snippet("first hit & more", ((6, 9),)) if i < 3 else None, 1.0) for i in range(45)]
    model.set_hits(hits)
    column = len(COLUMNS)
    assert model.index(0, column).data() == "first hit & more"
    assert model.index(0, column).data(SnippetRole).spans == ((6, 9),)
    model.index(25, column).data()
    model.index(26, column).data()
    qtbot.waitUntil(lambda: len(asked) > 0)
    generation, ids = asked[0]
    assert ids == list(range(20, 40)) and len(asked) == 1
    model.set_snippets(generation - 1, {25: Snippet("stale")})  # for older hits: dropped
    assert model.index(25, column).data() == ""
    model.set_snippets(generation, {25: Snippet("新闻", ((0, 1),))})
    assert model.index(25, column).data() == "新闻"
