"""Simplified and Traditional are one in the window: a query typed in either form finds the post and
marks the words in the article as the post writes them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


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
        "---\ntitle: 经济发布会\ndate: 2022-01-01\n---\n缓冲区 后来，经济发布会在里面开。\n", encoding="utf-8")
    (posts / "2022-01-02-other.md").write_text(
        "---\ntitle: 天气\ndate: 2022-01-02\n---\n今天天气很好。\n", encoding="utf-8")
    return tmp_path / "zh"


@pytest.mark.parametrize("query, marked", [
    ("經濟發佈", ["经济发布", "经济发布"]),  # title and body, as written (Simplified)
    ("緩衝區 裡", ["缓冲区", "里"]),
])
def test_a_traditional_query_finds_and_marks_the_simplified_post(qtbot, make_window, library, query, marked):
    window = make_window(library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Slash)  # the search field's key
    assert QApplication.focusWidget() is window.search_edit
    _type_chinese(query)
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.list.visualRect(window.list_model.index(0, 0)).center())
    qtbot.waitUntil(lambda: window.view.hit_count() == len(marked), timeout=5000)
    assert window.reading.post.meta.title == "经济发布会"
    assert [sel.cursor.selectedText() for sel in window.view.extraSelections()] == marked
