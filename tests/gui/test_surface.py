"""The window as a reader first meets it: snippets, focus and keys, the first look (real input events)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QInputMethodEvent, QKeySequence, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from reader.core.types import Snippet
from reader.gui.list_model import SNIPPET_COLUMN, SnippetRole
from tests.gui.helpers import N_POSTS, write_library


def _with_att_post(root):
    write_library(root)
    (root / "_posts" / "2023-02-01-att.md").write_text(
        "---\ntitle: 电信 新闻\ndate: 2023-02-01\ncategories: keji\n---\n"
        "<p>美国电话电报公司 AT&amp;T 宣布 <i>新的</i> 5G 计划。</p>\n", encoding="utf-8")
    return root


def test_search_snippets_show_text_with_the_hits_marked_not_escaped_html(qtbot, make_window, tmp_path):
    window = make_window(_with_att_post(tmp_path / "lib"))
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search_edit, "AT&T")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() == 1, timeout=3000)
    assert not window.list.isColumnHidden(SNIPPET_COLUMN)
    cell = window.list_model.index(0, SNIPPET_COLUMN)
    assert "AT&T 宣布 新的 5G" in cell.data() and "&amp;" not in cell.data() and "<i>" not in cell.data()
    snippet = cell.data(SnippetRole)
    assert [snippet.text[a:b] for a, b in snippet.spans] == ["AT&T"]
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.list_model.searching(), timeout=3000)
    assert window.list.isColumnHidden(SNIPPET_COLUMN)


def _paint_cell(view, snippet_spans) -> QImage:
    """The snippet cell of row 0 as the list's delegate paints it, with the given spans."""
    index = view.model().index(0, SNIPPET_COLUMN)
    hit = view.model()._hits[0]
    view.model()._hits[0] = type(hit)(hit.post, Snippet(hit.snippet.text, snippet_spans), hit.rank)
    image = QImage(400, 24, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 400, 24)
    painter = QPainter(image)
    view.itemDelegateForColumn(SNIPPET_COLUMN).paint(painter, option, index)
    painter.end()
    return image


def test_the_hits_of_a_snippet_are_painted_bold(qtbot, make_window, tmp_path):
    window = make_window(_with_att_post(tmp_path / "lib"))
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search_edit, "AT&T")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1 and window.list_model.searching(), timeout=3000)
    start = window.list_model.index(0, SNIPPET_COLUMN).data().index("AT&T")
    plain = _paint_cell(window.list, ())
    bold = _paint_cell(window.list, ((start, start + 4),))
    ink = lambda image: sum(image.pixelColor(x, y).lightness() < 128  # noqa: E731 - a one-line measure, clearer than a def
                            for x in range(image.width()) for y in range(image.height()))
    assert ink(bold) > ink(plain) > 0  # the same text, more ink where the hit is bold


# --- focus and keys ------------------------------------------------------------------------

K = Qt.Key


@pytest.fixture
def active(make_window, library_dir, qtbot):
    """The window on the test library, active (shortcuts only reach the active window); no focus set by hand."""
    window = make_window(library_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _focused():
    return QApplication.focusWidget()


def _type_chinese(text: str) -> None:
    """What an input method sends when the user picks the characters: a commit string, to the focus."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(_focused(), event)


def test_focus_starts_in_the_list_so_the_first_j_reads(qtbot, active):
    assert _focused() is active.list
    assert active.list.currentIndex().row() == 0
    qtbot.keyClick(_focused(), K.Key_J)
    assert active.reading.post is not None and active.search_edit.text() == ""
    assert active.reading.post_id == active.list_model.post_id(0)


def test_slash_then_enter_goes_to_the_first_result(qtbot, active):
    qtbot.keyClick(_focused(), K.Key_Slash)
    assert _focused() is active.search_edit
    _type_chinese("熊猫")
    qtbot.keyClick(_focused(), K.Key_Return)
    qtbot.waitUntil(lambda: _focused() is active.list, timeout=3000)
    qtbot.waitUntil(lambda: active.reading.post is not None, timeout=3000)
    assert active.list_model.searching() and active.list.currentIndex().row() == 0
    assert active.reading.post.meta.title == "第5篇 报道 wenhua"


def test_ctrl_f_then_down_goes_to_the_results_before_the_pause_is_over(qtbot, active):
    active.search._timer.setInterval(60_000)  # the search would not run by itself during this test
    qtbot.keyClick(_focused(), K.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert _focused() is active.search_edit
    _type_chinese("经济")
    assert not active.list_model.searching()
    qtbot.keyClick(_focused(), K.Key_Down)
    qtbot.waitUntil(lambda: active.list_model.searching() and active.reading.post is not None, timeout=3000)
    assert _focused() is active.list and active.list.currentIndex().row() == 0


def test_esc_in_the_search_field_clears_it_and_returns_to_the_list(qtbot, active):
    qtbot.keyClick(_focused(), K.Key_Slash)
    _type_chinese("熊猫")
    qtbot.waitUntil(active.list_model.searching, timeout=3000)
    qtbot.keyClick(_focused(), K.Key_Escape)
    assert active.search_edit.text() == "" and _focused() is active.list
    qtbot.waitUntil(lambda: not active.list_model.searching(), timeout=3000)
    assert active.list_model.rowCount() == N_POSTS + 1


def test_tab_walks_the_panes_in_reading_order_and_shift_tab_walks_back(qtbot, active):
    order = [active.search_edit, active.tag_filter, active.tree, active.quick_filter, active.list, active.view]
    qtbot.keyClick(_focused(), K.Key_Slash)
    seen = [_focused()]
    for _ in order[1:]:
        qtbot.keyClick(_focused(), K.Key_Tab)
        seen.append(_focused())
    assert seen == order
    for expected in reversed(order[:-1]):
        qtbot.keyClick(_focused(), K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert _focused() is expected


def test_standard_keys_are_used_and_no_key_does_two_things(active):
    keys = [key.toString() for action in active.actions_by_id.values() for key in action.shortcuts()]
    assert len(keys) == len(set(keys)), keys
    for action_id, standard in (("focus_search", QKeySequence.StandardKey.Find),
                                ("zoom_in", QKeySequence.StandardKey.ZoomIn),
                                ("back", QKeySequence.StandardKey.Back),
                                ("open_library", QKeySequence.StandardKey.Open)):
        assert QKeySequence.keyBindings(standard)[0] in active.actions_by_id[action_id].shortcuts()
    assert "Ctrl+Q" in [k.toString() for k in active.actions_by_id["quit"].shortcuts()]
