"""Highlights made on lines of Chinese shown otherwise since: one made when a wrapped line showed a space (before
8e23cdf) on a post that reads joined now, one made on the joined lines of a note now read in a vault (a line break
between them); opened by a click on its list row, the article shows each drawn where its words are."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from reader.core.highlights import make_anchor
from reader.core.library import Library
from tests.gui.helpers import N_POSTS, write_library
from tests.gui.test_highlights import _highlight_nodes, _marker_color, _open
from tests.gui.test_libraries import _click

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
POST = "_posts/2023-01-15-callout.md"  # the newest: the first row of the list
# Two lines of a Jekyll post (as obsidian-help's Chinese callout reads), shown with a space between them until
# 8e23cdf, without one since.
BODY = "这是一个标注块。\n它支持 Markdown 语法，也支持链接。\n"
OLD_TEXT = "这是一个标注块。 它支持 Markdown 语法，也支持链接。"
OLD_QUOTE = "标注块。 它支持"
NEW_QUOTE = "标注块。它支持"


def test_a_highlight_made_on_the_spaced_text_is_drawn_on_the_joined_one(qtbot, make_window, tmp_path, data_dir):
    # 23 posts and this one: the 24 rows _open waits for
    library = write_library(tmp_path / "lib", n_posts=N_POSTS - 1, broken=False)
    (library / POST).write_text(
        f'---\ntitle: "标注块"\ndate: 2023-01-15 10:00:00 +0800\ncategories: wenhua\n---\n{BODY}', encoding="utf-8"
    )
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    start = OLD_TEXT.index(OLD_QUOTE)
    old = lib.add_highlight(lib.post_id(POST), make_anchor(OLD_TEXT, start, start + len(OLD_QUOTE)), "旧的标注")
    lib.set_highlights_detached({old.id: True})  # as the window found it since 8e23cdf
    lib.close()

    window = make_window(library)
    _open(qtbot, window, POST)
    view = window.view
    qtbot.waitUntil(lambda: old.id in view.highlight_spans(), timeout=5000)
    start, end = view.highlight_spans()[old.id]
    text = view.document().toPlainText()
    assert text[start:end] == NEW_QUOTE and "这是一个标注块。它支持 Markdown" in text
    assert "detached" not in text  # no notice in the header
    cursor = QTextCursor(view.document())
    for at in (start + 1, end - 1):  # drawn on both sides of where the lines were joined
        cursor.setPosition(at)
        assert cursor.charFormat().background().color() == _marker_color(view)
    cursor.setPosition(end + 1)
    assert cursor.charFormat().background().color() != _marker_color(view)
    # Attached again in the reading state and in the Highlights node.
    qtbot.waitUntil(lambda: [i.siblingAtColumn(1).data() for i in _highlight_nodes(window)] == [None], timeout=5000)
    again = Library(library, data_dir=data_dir)
    try:
        assert [(h.id, h.detached, h.note) for h in again.highlights()] == [(old.id, False, "旧的标注")]
    finally:
        again.close()


def test_a_highlight_made_on_the_joined_text_is_drawn_across_a_vaults_line_break(
    qtbot, make_window, tmp_path, data_dir
):
    # The same note read as a folder of notes (no .obsidian/: its lines joined) when the highlight was made, and as
    # a vault now (a line break between them, as Obsidian shows it).
    vault = tmp_path / "笔记"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    (vault / "标注.md").write_text(BODY, encoding="utf-8")
    lib = Library(vault, data_dir=data_dir)
    lib.refresh()
    joined = OLD_TEXT.replace(OLD_QUOTE, NEW_QUOTE)
    start = joined.index(NEW_QUOTE)
    made = lib.add_highlight(lib.post_id("标注.md"), make_anchor(joined, start, start + len(NEW_QUOTE)))
    lib.close()

    window = make_window(vault)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=5000)
    _click(qtbot, window.list, window.list_model.index(0, 0))
    view = window.view
    qtbot.waitUntil(lambda: made.id in view.highlight_spans(), timeout=5000)
    start, end = view.highlight_spans()[made.id]
    shown = view.document().toPlainText()[start:end]
    assert shown == "标注块。\n它支持"  # across the line break, from 标 to 持
    cursor = QTextCursor(view.document())
    cursor.setPosition(end - 1)
    assert cursor.charFormat().background().color() == _marker_color(view)
