"""Highlights with the mouse and keyboard: select text in the article and press h, the note dialog, the view's and
the tree's context menus, the Highlights node (opening its article scrolled to it, filtered by the search field),
a detached highlight, export; and the saved searches' context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit

from reader.core.highlights import Anchor
from reader.core.library import Library
from reader.gui import article_images
from reader.gui.article_highlights import MARKER
from reader.gui.highlights import NoteDialog
from tests.gui.helpers import click_menu, in_file_dialog, write_library
from tests.gui.helpers import in_popup as _in_popup
from tests.gui.helpers import right_click as _right_click
from tests.gui.helpers import when_modal as _when_modal

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
PANDA = "熊猫 panda 在吃竹子"
PANDA_POST = "_posts/2021-06-15-post-05.md"
LONG_POST = "_posts/2022-12-15-post-23.md"


@pytest.fixture
def library(tmp_path):
    return write_library(tmp_path / "lib", broken=False)


def _open(qtbot, window, path: str) -> None:
    """A click on the list row of the post at `path`; waits until its body is shown."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 24, timeout=5000)
    row = window.list_model.row_of(window.library.post_id(path))
    rect = window.list.visualRect(window.list_model.index(row, 0))
    window.list.scrollTo(window.list_model.index(row, 0))
    rect = window.list.visualRect(window.list_model.index(row, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.meta.path == path, timeout=5000)


def _point(view, position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def _drag_select(qtbot, view, text: str) -> None:
    """Select `text` in the view with the mouse: press at its first character, move, release after its last."""
    start = view.document().toPlainText().index(text)
    begin, end = _point(view, start), _point(view, start + len(text))
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=begin)
    qtbot.mouseMove(viewport, QPoint((begin.x() + end.x()) // 2, end.y()))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert view.textCursor().selectedText() == text


def _highlight_nodes(window) -> list:
    section = window.tree_model.section_index("highlights")
    return [window.tree_model.index(row, 0, section) for row in range(window.tree_model.rowCount(section))]


def _type_chinese(widget, text: str) -> None:
    """What an input method sends when the user picks the characters (QTest cannot type CJK: it aborts)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type_note(qtbot, note: str) -> None:
    def act(dialog: NoteDialog) -> None:
        dialog.edit.selectAll()
        _type_chinese(dialog.edit, note)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    _when_modal(NoteDialog, act)


def _marker_color(view):
    return article_images.blend(view.palette().color(QPalette.ColorRole.Base), MARKER, 0.45)


def test_select_press_h_note_and_remove(qtbot, make_window, library, data_dir):
    window = make_window(library)
    _open(qtbot, window, PANDA_POST)
    view = window.view
    _drag_select(qtbot, view, PANDA)
    qtbot.keyClick(view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(view.highlight_spans()) == 1, timeout=5000)
    start, end = next(iter(view.highlight_spans().values()))
    assert view.document().toPlainText()[start:end] == PANDA
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 1)
    assert cursor.charFormat().background().color() == _marker_color(view)
    # Drawn on screen: the pixels of the quote's line carry the marker colour.
    image = view.viewport().grab().toImage()
    rect = view.cursorRect(cursor)
    row = [image.pixelColor(x, rect.top() + 2).name() for x in range(rect.left(), _point(view, end).x())]
    assert _marker_color(view).name() in row
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 1, timeout=5000)
    assert _highlight_nodes(window)[0].data() == PANDA
    saved = Library(library, data_dir=data_dir).highlights()
    assert [h.anchor.exact for h in saved] == [PANDA] and saved[0].path == PANDA_POST

    # A note: a click in the highlight, then Shift+H (Article ▸ Add Note…).
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start + 3))
    _type_note(qtbot, "first")
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: [h.note for h in view.highlights()] == ["first"], timeout=5000)
    # Edited from the view's context menu on the highlight.
    _type_note(qtbot, "熊猫爱竹")
    _in_popup(qtbot, "Add Note…")
    _right_click(qtbot, view.viewport(), _point(view, start + 2))
    qtbot.waitUntil(lambda: [h.note for h in view.highlights()] == ["熊猫爱竹"], timeout=5000)
    assert "熊猫爱竹" in _highlight_nodes(window)[0].data(Qt.ItemDataRole.ToolTipRole)
    cursor.setPosition(view.highlight_spans()[saved[0].id][0] + 1)
    assert cursor.charFormat().underlineStyle() == cursor.charFormat().UnderlineStyle.DotLine  # it has a note

    # Removed from the view's context menu: no longer drawn, listed or kept (a tombstone only).
    _in_popup(qtbot, "Remove Highlight")
    _right_click(qtbot, view.viewport(), _point(view, start + 2))
    qtbot.waitUntil(lambda: not view.highlight_spans() and not _highlight_nodes(window), timeout=5000)
    assert Library(library, data_dir=data_dir).highlights() == []


def test_a_highlights_entry_opens_its_article_scrolled_to_it(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    far = lib.add_highlight(lib.post_id(LONG_POST), Anchor("长文第140段：很长的一段文字。", "", "", 0), "far down")
    lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0))
    lib.close()
    window = make_window(library)
    _open(qtbot, window, PANDA_POST)
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 2, timeout=5000)
    section = window.tree_model.section_index("highlights")
    if not window.tree.isExpanded(section):  # as a user would: a double click opens it
        where = window.tree.visualRect(section).center()
        qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click: press first
        qtbot.mouseDClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.tree.isExpanded(section))
    entry = _highlight_nodes(window)[0]  # the newest first: the panda
    assert entry.data() == PANDA
    far_entry = _highlight_nodes(window)[1]
    assert far_entry.data().startswith("长文第140段")
    wenhua = window.tree_model.index_for_id("category:wenhua")  # both posts are in it
    window.tree.scrollTo(wenhua)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(wenhua).center())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 8, timeout=5000)
    far_entry = _highlight_nodes(window)[1]
    window.tree.scrollTo(far_entry)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(far_entry).center())
    view = window.view
    qtbot.waitUntil(
        lambda: window.reading.post is not None and window.reading.post.meta.path == LONG_POST, timeout=5000
    )
    qtbot.waitUntil(lambda: far.id in view.highlight_spans() and view.verticalScrollBar().value() > 0, timeout=5000)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.highlight_spans()[far.id][0])
    qtbot.waitUntil(lambda: 0 <= view.cursorRect(cursor).top() < view.viewport().height(), timeout=5000)
    assert window.list_model.rowCount() == 8  # the list stays as it was: a highlight is no filter
    assert window.browse.selected_node_ids() == ["category:wenhua"]


def test_search_field_filters_the_highlights_node(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0), "bamboo diet")
    lib.add_highlight(lib.post_id(LONG_POST), Anchor("长文第3段", "", "", 0))
    lib.close()
    window = make_window(library)
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 2, timeout=5000)
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "BAMBOO")  # the note, any case
    qtbot.waitUntil(lambda: [i.data() for i in _highlight_nodes(window)] == [PANDA], timeout=5000)
    assert window.tree.isExpanded(window.tree_model.section_index("highlights"))
    assert window.tree_model.section_index("highlights").siblingAtColumn(1).data() == "1"
    window.search_edit.selectAll()
    _type_chinese(window.search_edit, "長文")  # the quote, in Traditional
    qtbot.waitUntil(lambda: [i.data() for i in _highlight_nodes(window)] == ["长文第3段"], timeout=5000)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 2, timeout=5000)


def test_a_highlight_whose_quote_is_gone_is_kept_and_shown_detached(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    gone = lib.add_highlight(lib.post_id(PANDA_POST), Anchor("熊猫 panda", "", "", 0), "kept anyway")
    kept = lib.add_highlight(lib.post_id(PANDA_POST), Anchor("在吃竹子", "", "", 0))
    lib.close()
    post = library / PANDA_POST
    post.write_text(post.read_text(encoding="utf-8").replace("熊猫 panda", "老虎 tiger"), encoding="utf-8")
    window = make_window(library)
    _open(qtbot, window, PANDA_POST)
    view = window.view
    qtbot.waitUntil(
        lambda: "1 highlight of this article no longer matches its text (detached)" in view.document().toPlainText(),
        timeout=5000,
    )
    assert set(view.highlight_spans()) == {kept.id}
    qtbot.waitUntil(
        lambda: [i.siblingAtColumn(1).data() for i in _highlight_nodes(window)] == [None, "detached"], timeout=5000
    )
    again = Library(library, data_dir=data_dir)
    assert {h.id: h.detached for h in again.highlights()} == {gone.id: True, kept.id: False}
    again.close()


def test_export_highlights_from_the_file_menu(qtbot, make_window, library, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0), "bamboo diet")
    lib.close()
    window = make_window(library)
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 1, timeout=5000)

    in_file_dialog(qtbot)
    click_menu(qtbot, window, "&File", "Export &Highlights…")
    target = tmp_path / "highlights.md"
    qtbot.waitUntil(target.exists, timeout=5000)
    text = target.read_text(encoding="utf-8")
    assert "## 第5篇 报道 wenhua" in text and f"> {PANDA}\n\nbamboo diet" in text
    qtbot.waitUntil(lambda: "Exported 1 highlight" in window.statusBar().currentMessage(), timeout=5000)


def test_saved_searches_have_a_context_menu(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.save_search("Pandas", "熊猫", [])
    lib.close()
    window = make_window(library)
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Pandas").isValid(), timeout=5000)
    tree = window.tree

    def rename(dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        qtbot.keyClicks(field, "Giant pandas")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    _when_modal(QInputDialog, rename)
    _in_popup(qtbot, "Rename…")
    _right_click(qtbot, tree.viewport(), tree.visualRect(window.tree_model.index_for_id("saved:Pandas")).center())
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Giant pandas").isValid(), timeout=5000)
    _in_popup(qtbot, "Delete")
    _right_click(qtbot, tree.viewport(), tree.visualRect(window.tree_model.index_for_id("saved:Giant pandas")).center())
    qtbot.waitUntil(lambda: not window.tree_model.saved, timeout=5000)
    assert Library(library, data_dir=data_dir).saved_searches() == []


def test_the_tree_model_with_highlights_passes_the_model_tester(qtmodeltester):
    from reader.core.highlights import Highlight
    from reader.gui.tree_model import LibraryTreeModel

    model = LibraryTreeModel()
    found = [
        Highlight(
            f"h{i}",
            "a.md",
            Anchor(f"quote {i}\nline", "", "", 0),
            "note" if i else "",
            float(i),
            float(i),
            "Title",
            detached=i == 2,
        )
        for i in range(3)
    ]
    model.set_highlights(found)
    section = model.section_index("highlights")
    assert model.rowCount(section) == 3 and section.siblingAtColumn(1).data() == "3"
    assert model.index(0, 0, section).data() == "quote 0 line"
    assert (
        model.index(2, 1, section).data() == "detached"
        and model.index(2, 0, section).data(Qt.ItemDataRole.FontRole).italic()
    )
    assert not model.flags(model.index(0, 0, section)) & Qt.ItemFlag.ItemIsSelectable  # opened, never a filter
    qtmodeltester.check(model)
    model.set_highlights(found, "NOTE")
    assert model.rowCount(section) == 2
    qtmodeltester.check(model)


def test_the_tree_menu_of_a_highlight_edits_its_note_and_removes_it(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0))
    lib.close()
    window = make_window(library)
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 1, timeout=5000)
    tree = window.tree
    tree.expand(window.tree_model.section_index("highlights"))
    where = tree.visualRect(_highlight_nodes(window)[0]).center()
    _type_note(qtbot, "竹子")
    _in_popup(qtbot, "Note…")
    _right_click(qtbot, tree.viewport(), where)
    qtbot.waitUntil(
        lambda: "竹子" in (_highlight_nodes(window)[0].data(Qt.ItemDataRole.ToolTipRole) or ""), timeout=5000
    )
    assert window.browse.selected_node_ids() == ["all:"]  # the right click changed no filter
    _in_popup(qtbot, "Remove Highlight")
    _right_click(qtbot, tree.viewport(), where)
    qtbot.waitUntil(lambda: not _highlight_nodes(window), timeout=5000)
    assert Library(library, data_dir=data_dir).highlights() == []


def test_a_note_edited_from_the_tree_leaves_the_open_articles_highlights_drawn(qtbot, make_window, library, data_dir):
    lib = Library(library, data_dir=data_dir)
    lib.refresh()
    lib.add_highlight(lib.post_id(LONG_POST), Anchor("长文第3段", "", "", 0))
    shown = lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0))
    lib.close()
    window = make_window(library)
    _open(qtbot, window, PANDA_POST)
    qtbot.waitUntil(lambda: shown.id in window.view.highlight_spans(), timeout=5000)
    tree = window.tree
    tree.expand(window.tree_model.section_index("highlights"))
    other = _highlight_nodes(window)[1]
    assert other.data() == "长文第3段"
    _type_note(qtbot, "另一篇")
    _in_popup(qtbot, "Note…")
    _right_click(qtbot, tree.viewport(), tree.visualRect(other).center())
    qtbot.waitUntil(
        lambda: "另一篇" in (_highlight_nodes(window)[1].data(Qt.ItemDataRole.ToolTipRole) or ""), timeout=5000
    )
    window.view.set_look(window.view.look().__class__(width_em=30))  # rendered again, as Preferences would
    assert shown.id in window.view.highlight_spans()  # still drawn: the other post's answer was not taken


def _all_libraries_showing_the_panda_post_of_b(qtbot, make_window, tmp_path, data_dir):
    """A window with libraries a (3 posts) and b (the panda post has a highlight noted "from b"), All libraries
    shown, and b's panda post opened by a click in the list; (window, a's folder, b's folder)."""
    from reader.gui.tasks import TaskRunner
    from tests.gui.test_libraries import _add_from_menu, _click_node

    first, second = write_library(tmp_path / "a", n_posts=3, broken=False), write_library(tmp_path / "b", broken=False)
    lib = Library(second, data_dir=data_dir)
    lib.refresh()
    lib.add_highlight(lib.post_id(PANDA_POST), Anchor(PANDA, "", "", 0), "from b")
    lib.close()
    window = make_window(first, runner=TaskRunner())
    window.activateWindow()
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3, timeout=10000)
    _add_from_menu(qtbot, window, second)
    _click_node(qtbot, window, "", "libraries:")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 27, timeout=10000)
    window.quick_filter.setFocus()
    _type_chinese(window.quick_filter, "第5篇")  # only b has it
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=10000)
    rect = window.list.visualRect(window.list_model.index(0, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: window.reading.post is not None and window.reading.post.meta.path == PANDA_POST, timeout=10000
    )
    return window, first, second


def test_all_libraries_shows_and_makes_highlights_in_the_posts_own_library(
    qtbot, make_window, tmp_path, data_dir, monkeypatch
):
    window, first, second = _all_libraries_showing_the_panda_post_of_b(qtbot, make_window, tmp_path, data_dir)
    view = window.view
    # All libraries shows the post's highlights (from b) and h keeps a new one in b, none in a.
    qtbot.waitUntil(
        lambda: [h.note for h in view.highlights()] == ["from b"] and len(view.highlight_spans()) == 1, timeout=10000
    )
    window.activateWindow()  # after the folder dialog
    qtbot.waitUntil(window.isActiveWindow)
    _drag_select(qtbot, view, "第1段")
    qtbot.keyClick(view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(view.highlight_spans()) == 2, timeout=10000)
    again, other = Library(second, data_dir=data_dir), Library(first, data_dir=data_dir)
    try:
        assert [h.anchor.exact for h in again.highlights()] == ["第1段", PANDA] and other.highlights() == []
        assert again.highlights()[0].path == PANDA_POST
        names = (other.name, again.name)
    finally:
        again.close()
        other.close()
    # File ▸ Export Highlights… under All libraries: each library's (b's only here), by library then article.
    monkeypatch.setenv("HOME", str(tmp_path))  # where the save dialog starts
    target = tmp_path / "highlights.md"
    in_file_dialog(qtbot)
    click_menu(qtbot, window, "&File", "Export &Highlights…")
    qtbot.waitUntil(target.exists, timeout=10000)
    text = target.read_text(encoding="utf-8")
    assert (
        text.count("\n## ") == 1 and f"## {names[1]}\n\n[{second}]({second.as_uri()})" in text
    )  # named, and its folder
    assert text.count("\n### ") == 1 and "> 第1段" in text and f"> {PANDA}\n\nfrom b" in text
