"""The status bar says where a hovered link leads, in words; clearing the search clears the article's highlights."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reader.core.library import Library
from reader.gui.refresher import Refresher
from tests.gui.helpers import N_POSTS


def _write_linked(root):
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: links\n", encoding="utf-8")
    (root / "_posts" / "2021-01-01-target.md").write_text(
        "---\ntitle: 目标文章\ndate: 2021-01-01\n---\nhello\n", encoding="utf-8"
    )
    (root / "_posts" / "2021-02-01-source.md").write_text(
        "---\ntitle: 出发\ndate: 2021-02-01\ncategories: keji\n---\n"
        "See [the target](2021-01-01-target.md) and [a site](https://example.com/a/page.html).\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def window(make_window, tmp_path, qtbot):
    window = make_window(_write_linked(tmp_path / "linked"))
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.meta.title == "出发")
    return window


@pytest.mark.parametrize(
    "text, words",
    [
        ("the target", "Opens: 目标文章"),
        ("a site", "Opens in browser: example.com/a/page.html"),
        ("keji", "Lists the articles in the category “keji”"),
    ],
)
def test_a_hovered_link_says_where_it_leads(qtbot, window, text, words):
    cursor = window.view.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    qtbot.mouseMove(window.view.viewport(), window.view.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == words, timeout=3000)
    assert "post-url:" not in window.statusBar().currentMessage()


def test_clearing_the_search_clears_its_highlights_in_the_article(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 1)
    qtbot.keyClicks(window.search_edit, "panda")  # QTest cannot type CJK: it aborts
    qtbot.waitUntil(lambda: window.list_model.searching(), timeout=3000)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.view.hit_count() > 0)
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, "a", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not window.list_model.searching())
    assert window.view.hit_count() == 0
    assert window.reading.post is not None  # the article stays open, only the highlights go


def test_a_search_made_while_the_text_is_indexed_says_so_and_runs_again_when_it_is_done(
    qtbot, make_window, library_dir, data_dir, monkeypatch
):
    library = Library(library_dir, data_dir=data_dir)
    library.refresh(full_text=False)  # the metadata phase only, as a refresh is after its first phase
    library.close()
    monkeypatch.setattr(Refresher, "refresh", lambda self: None)
    window = make_window(library_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(window.search_edit, "jingji OR panda")  # panda is only in a body, jingji in 8 titles
    qtbot.waitUntil(lambda: window.search_info.isVisible(), timeout=3000)
    assert window.list_model.rowCount() == 8
    assert "by title" in window.search_info.text()
    monkeypatch.undo()
    qtbot.keyClick(window.list, Qt.Key.Key_F5)  # Reload: the refresh indexes the text, the search runs again
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 9, timeout=10000)
    assert "by title" not in window.search_info.text()
    assert "第5篇 报道 wenhua" in [window.list_model.summary(r).title for r in range(9)]


def test_leaving_the_article_with_the_pointer_clears_the_links_words(qtbot, window):
    cursor = window.view.document().find("a site", 0, QTextDocument.FindFlag.FindCaseSensitively)
    cursor.setPosition(cursor.selectionStart() + 1)
    qtbot.mouseMove(window.view.viewport(), window.view.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Opens in browser"), timeout=3000)
    qtbot.mouseMove(window.list.viewport(), window.list.visualRect(window.list_model.index(1, 0)).center())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=3000)
