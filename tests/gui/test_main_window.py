"""The main window: start-up, the tree filtering the list, search, messages and background refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from reader.core.types import PostFilter
from reader.gui.list_model import SummaryRole
from reader.gui.main_window import SAMPLE_LIBRARY
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import CORPUS_FINEWS, N_POSTS, post_text


def _rows(window):
    model = window.list_model
    return [model.index(r, 0).data(SummaryRole) for r in range(model.rowCount())]


def _click_node(qtbot, window, node_id, ctrl=False):
    index = window.tree_model.index_for_id(node_id)
    assert index.isValid(), node_id
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_first_launch_opens_the_sample_library_with_a_banner(qtbot, make_window):
    assert SAMPLE_LIBRARY.is_dir()
    window = make_window(sample_dir=SAMPLE_LIBRARY)
    assert window.is_sample and window.library.root == SAMPLE_LIBRARY.resolve()
    assert window.banner.isVisible() and "sample library" in window.banner.label.text()
    assert window.banner.button.text() == "Open your library folder…"
    assert window.list_model.rowCount() > 0
    assert window.windowTitle() == "sample-library — Jianbao Reader"  # the site's title is read on a worker
    qtbot.waitUntil(lambda: window.windowTitle() == f"{window.library.name} — Jianbao Reader", timeout=3000)
    assert window.settings.window.get(__import__("reader.settings").settings.LAST_LIBRARY) == ""


def test_without_a_sample_library_the_banner_says_nothing_is_open(make_window):
    window = make_window()
    assert window.library is None and window.banner.isVisible()
    assert window.banner.label.text() == "No library is open."
    assert window.windowTitle() == "Jianbao Reader"


def test_window_title_follows_the_article(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    assert window.banner.isHidden()
    qtbot.waitUntil(lambda: window.windowTitle() == "测试剪报 — Jianbao Reader", timeout=3000)
    window.reading.step(1)
    assert window.windowTitle() == f"第{N_POSTS - 1}篇 报道 wenhua — Jianbao Reader"


def test_tree_selection_filters_the_list(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    assert len(_rows(window)) == N_POSTS + 1
    _click_node(qtbot, window, "category:keji")
    rows = _rows(window)
    assert len(rows) == 8 and all(r.categories == ("keji",) for r in rows)
    _click_node(qtbot, window, "category:jingji", ctrl=True)  # OR within a section
    assert len(_rows(window)) == 16
    assert {r.categories[0] for r in _rows(window)} == {"keji", "jingji"}
    _click_node(qtbot, window, "tag:评论", ctrl=True)  # AND across sections
    rows = _rows(window)
    expected = window.library.count(PostFilter(categories=("keji", "jingji"), tags=("评论",)))
    assert len(rows) == expected > 0
    assert all("评论" in r.tags and r.categories[0] in ("keji", "jingji") for r in rows)
    window.tree.expand(window.tree_model.index_for_id("year:2021"))
    _click_node(qtbot, window, "month:2021-03")
    rows = _rows(window)
    assert [r.title for r in rows] == ["第2篇 报道 wenhua"]


def test_problems_node_lists_broken_posts_with_their_error(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    _click_node(qtbot, window, "problems:")
    rows = _rows(window)
    assert [r.path for r in rows] == ["_posts/2020-06-01-broken.md"] and rows[0].error
    tip = window.list_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert rows[0].error in tip
    window.reading.step(1)
    assert rows[0].error in window.statusBar().currentMessage()


def test_tag_filter_narrows_the_tags_section(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    window.tag_filter.setText("科")  # QTest cannot type CJK keys
    tags = window.tree_model.section_index("tag")
    assert window.tree_model.rowCount(tags) == 1
    assert window.tree_model.index(0, 0, tags).data() == "科技"


def test_quick_filter_narrows_by_title(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    window.quick_filter.setText("第11篇")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=2000)
    assert _rows(window)[0].title == "第11篇 报道 wenhua"


def test_search_shows_hits_and_the_article_highlights_the_terms(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    window.focus_search()
    window.search_edit.setText("熊猫")
    qtbot.waitUntil(lambda: window.list_model.searching(), timeout=2000)
    assert [r.title for r in _rows(window)] == ["第5篇 报道 wenhua"]
    assert window.list_model.columnCount() == 5 and window.list.isColumnHidden(4)  # no Library column for one library
    assert "1 result for “熊猫”" in window.search_info.text()  # the plural from jianbao_en.qm
    window.list.setCurrentIndex(window.list_model.index(0, 0))
    assert window.reading.post.meta.title == "第5篇 报道 wenhua"
    assert window.view.hit_count() > 0
    window.search_edit.clear()  # leaving the search brings the whole list back
    assert not window.list_model.searching() and window.list_model.rowCount() == N_POSTS + 1


def test_a_bad_query_shows_its_message_not_a_traceback(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    qtbot.keyClicks(window.search_edit, '"unclosed')
    qtbot.waitUntil(lambda: window.search_info.isVisible(), timeout=2000)
    assert "quotation mark" in window.search_info.text()
    assert "Traceback" not in window.search_info.text()


def test_refresh_runs_on_a_worker_thread(qtbot, make_window, library_dir):
    window = make_window(library_dir, runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 1 and not window.runner.busy(), timeout=10000)
    assert window.progress.isHidden()
    assert window.tree_model.index(0, 1, window.tree_model.section_index("library")).data() == str(N_POSTS + 1)


def test_an_unopenable_library_shows_a_dialog_and_keeps_the_current_one(qtbot, make_window, library_dir, tmp_path):
    window = make_window(library_dir)
    assert not window.open_library(tmp_path / "does-not-exist")
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "does-not-exist" in boxes[0].text()
    assert window.library.root == library_dir.resolve() and window.list_model.rowCount() == N_POSTS + 1
    boxes[0].close()


def test_a_vanished_file_is_reported_in_the_view(make_window, library_dir):
    window = make_window(library_dir)
    name, _ = post_text(N_POSTS - 2)
    (library_dir / "_posts" / name).unlink()
    window.reading.open_post(window.list_model.post_id(1))
    assert window.reading.post is None
    assert "no longer there" in window.view.toPlainText()


def test_the_watcher_refreshes_after_a_new_file(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    assert str(library_dir / "_posts") in window.refresher.watcher.folders()
    (library_dir / "_posts" / "2023-01-01-new.md").write_text(
        "---\ntitle: 新的一篇\n---\n<p>新</p>\n", encoding="utf-8"
    )
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 2, timeout=8000)
    assert _rows(window)[0].title == "新的一篇"


def test_clicking_a_header_sorts_in_the_index(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    window.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [r.title for r in _rows(window)]
    assert titles == sorted(titles, key=str.casefold) or titles[0] < titles[-1]
    assert window.browse.sort_key == "title" and window.browse.descending is False


def test_mark_all_read_and_mark_selection_read(make_window, library_dir):
    window = make_window(library_dir)
    selection = window.list.selectionModel()
    for row in (2, 3):
        selection.select(
            window.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    window.actions_by_id["mark_selection_read"].trigger()
    assert window.library.count(PostFilter(read=True)) == 2
    window.actions_by_id["mark_all_read"].trigger()
    assert window.library.count(PostFilter(read=False)) == 0
    assert not any(window.list_model.index(r, 0).data(Qt.ItemDataRole.FontRole) for r in range(5))


@pytest.mark.corpus
def test_the_finews_corpus_opens_and_reads(qtbot, make_window):
    window = make_window(CORPUS_FINEWS)
    qtbot.waitUntil(lambda: window.windowTitle() == f"{window.library.name} — Jianbao Reader", timeout=3000)
    assert window.list_model.rowCount() == 6
    labels = {
        window.tree_model.node(window.tree_model.index(r, 0, window.tree_model.section_index("category"))).label
        for r in range(window.tree_model.rowCount(window.tree_model.section_index("category")))
    }
    assert "中国经济网新闻" in labels
    window.reading.step(1)
    assert window.reading.post is not None and window.windowTitle().endswith(" — Jianbao Reader")


def test_a_huge_post_is_shown_truncated_with_a_way_to_see_it_all(make_window, tmp_path):
    from reader.core.limits import SHOW_LIMIT

    root = tmp_path / "huge"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: huge\n", encoding="utf-8")
    paragraph = "很长的文章。" * 50 + "\n\n"
    body = paragraph * (SHOW_LIMIT // len(paragraph) + 50) + "最后一段在这里。\n"
    (root / "_posts" / "2024-01-01-huge.md").write_text(f"---\ntitle: 巨文\n---\n{body}", encoding="utf-8")
    window = make_window(root)
    post_id = window.library.post_id("_posts/2024-01-01-huge.md")
    window.reading.open_post(post_id)
    assert window.reading.post.truncated
    assert "最后一段在这里" not in window.view.toPlainText()
    assert "Show the whole article" in window.view.toPlainText()
    window.view.fullPostRequested.emit(post_id)
    assert not window.reading.post.truncated
    assert "最后一段在这里" in window.view.toPlainText()
