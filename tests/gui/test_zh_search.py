"""Simplified and Traditional are one in the window: a query typed in either form finds the post and
marks the words in the article as the post writes them; a label term typed as a Chinese user types it
(a Chinese field name, the full-width colon, the label in another case or script) finds its posts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader import settings as S


def _type_chinese(text: str) -> None:
    """What an input method sends when the user picks the characters: a commit string, to the focus."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget(), event)


@pytest.fixture
def library(tmp_path):
    posts = tmp_path / "zh" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2022-01-01-jian.md").write_text(
        "---\ntitle: 经济发布会\ndate: 2022-01-01\ncategories: 财经\ntags: [头发]\n---\n"
        "缓冲区 后来，经济发布会在里面开。\n",
        encoding="utf-8",
    )
    (posts / "2022-01-02-other.md").write_text(
        "---\ntitle: 天气\ndate: 2022-01-02\n---\n今天天气很好。\n", encoding="utf-8"
    )
    return tmp_path / "zh"


def _search(qtbot, window, query: str, posts: int, hits: int):
    """`query` typed in the window's search field (reached by its key, /) once the list shows `posts`."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == posts, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.search_edit
    if query.isascii():
        qtbot.keyClicks(window.search_edit, query)
    else:
        _type_chinese(query)
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() == hits, timeout=5000)
    return window


@pytest.mark.parametrize(
    "query, marked",
    [
        ("經濟發佈", ["经济发布", "经济发布"]),  # title and body, as written (Simplified)
        ("緩衝區 裡", ["缓冲区", "里"]),
    ],
)
def test_a_traditional_query_finds_and_marks_the_simplified_post(qtbot, make_window, library, query, marked):
    window = _search(qtbot, make_window(library), query, posts=2, hits=1)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.view.hit_count() == len(marked), timeout=5000)
    assert window.reading.post.meta.title == "经济发布会"
    assert [sel.cursor.selectedText() for sel in window.view.extraSelections()] == marked


def _click_action(qtbot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    point = menu.actionGeometry(action).center()
    qtbot.mouseMove(menu, point)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)


def _read_as(qtbot, window, entry: str) -> None:
    """View ▸ Read As ▸ `entry`, with the mouse."""
    bar = window.menuBar()
    view_action = next(a for a in bar.actions() if a.text() == "&View")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(view_action).center())
    qtbot.waitUntil(view_action.menu().isVisible, timeout=3000)
    _click_action(qtbot, view_action.menu(), "Read &As")
    submenu = window.findChild(QMenu, "readAsMenu")
    qtbot.waitUntil(submenu.isVisible, timeout=3000)
    _click_action(qtbot, submenu, entry)


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")  # offscreen menus
def test_read_as_converts_the_article_list_and_tree_for_display_only(qtbot, make_window, library):
    window = make_window(library)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2, timeout=5000)
    row = next(r for r in range(2) if window.list_model.summary(r).title == "经济发布会")
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(row, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    source = (library / "_posts" / "2022-01-01-jian.md").read_bytes()
    tree = window.tree_model

    def shown():
        nodes = ("category:财经", "tag:头发")
        labels = {tree.data(tree.index_for_id(node), Qt.ItemDataRole.DisplayRole) for node in nodes}
        return window.list_model.data(window.list_model.index(row, 0)), labels, window.view.toPlainText()

    _read_as(qtbot, window, "&Traditional Chinese")
    qtbot.waitUntil(lambda: "經濟發佈會" in shown()[2], timeout=3000)
    title, labels, article = shown()
    assert title == "經濟發佈會" and labels == {"財經", "頭髮"}
    assert "緩衝區 後來，經濟發佈會在裡面開。" in article
    assert window.settings.preferences.get(S.READ_AS) == "traditional"
    assert S.Settings(window.paths.config).preferences.get(S.READ_AS) == "traditional"  # on disk, for the next start
    assert (library / "_posts" / "2022-01-01-jian.md").read_bytes() == source  # never the file

    _read_as(qtbot, window, "As &Written")
    qtbot.waitUntil(lambda: "经济发布会" in shown()[2], timeout=3000)
    assert shown()[:2] == ("经济发布会", {"财经", "头发"})


def test_the_tag_filter_finds_a_tag_in_either_form(qtbot, make_window, library):
    window = make_window(library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tags = window.tree_model.section_index("tag")
    qtbot.waitUntil(lambda: window.tree_model.rowCount(tags) == 1, timeout=5000)
    qtbot.mouseClick(window.tag_filter, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is window.tag_filter
    _type_chinese("頭髮")
    assert window.tag_filter.text() == "頭髮"
    qtbot.waitUntil(lambda: window.tree_model.rowCount(tags) == 1, timeout=3000)
    assert window.tree_model.data(window.tree_model.index(0, 0, tags)) == "头发"
    _type_chinese("x")
    qtbot.waitUntil(lambda: window.tree_model.rowCount(tags) == 0, timeout=3000)


@pytest.fixture
def labelled(tmp_path):
    posts = tmp_path / "blog" / "_posts"
    posts.mkdir(parents=True)
    for i, (category, tag) in enumerate([("LeetCode", "经济"), ("leetcode", "經濟"), ("Diary", "生活")]):
        (posts / f"2022-01-0{i + 1}-p{i}.md").write_text(
            f"---\ntitle: 题{i}\ndate: 2022-01-0{i + 1}\ncategories: {category}\ntags: [{tag}]\n---\n正文\n",
            encoding="utf-8",
        )
    return tmp_path / "blog"


@pytest.mark.parametrize("query", ["分類：leetcode", "标签:經濟", "category:LEETCODE"])
def test_a_label_typed_in_another_case_or_script_finds_its_posts(qtbot, make_window, labelled, query):
    window = _search(qtbot, make_window(labelled), query, posts=3, hits=2)
    assert {window.list_model.index(row, 0).data() for row in range(2)} == {"题0", "题1"}


def test_the_search_field_tells_the_query_language(make_window):
    tip = make_window(None).search_edit.toolTip()
    for name in ("category:", "分类:", "tag:", "标签:", "title:", "标题:", "date:", "日期:", "OR"):
        assert name in tip
