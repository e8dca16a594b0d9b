"""The window as a reader first meets it: snippets, focus and keys, the first look (real input events)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics, QImage, QInputMethodEvent, QKeySequence, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from reader.core.types import Snippet
from reader.gui.list_model import SNIPPET_COLUMN, SnippetRole
from tests.gui.helpers import N_POSTS, write_library


def _with_att_post(root):
    write_library(root)
    (root / "_posts" / "2023-02-01-att.md").write_text(
        "---\ntitle: 电信 新闻\ndate: 2023-02-01\ncategories: keji\n---\n"
        "<p>美国电话电报公司 AT&amp;T 宣布 <i>新的</i> 5G 计划。</p>\n",
        encoding="utf-8",
    )
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
    assert cell.data(Qt.ItemDataRole.FontRole) is None  # an unread row's bold would hide which words are hits
    assert window.list_model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.list_model.searching(), timeout=3000)
    assert window.list.isColumnHidden(SNIPPET_COLUMN)


def _paint_cell(view, snippet_spans, width: int = 400) -> QImage:
    """The snippet cell of row 0 as the list's delegate paints it, with the given spans."""
    index = view.model().index(0, SNIPPET_COLUMN)
    hit = view.model()._hits[0]
    view.model()._hits[0] = type(hit)(hit.post, Snippet(hit.snippet.text, snippet_spans), hit.rank)
    image = QImage(width, 24, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, width, 24)
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

    def ink(image) -> int:
        return sum(
            image.pixelColor(x, y).lightness() < 128 for x in range(image.width()) for y in range(image.height())
        )

    assert ink(bold) > ink(plain) > 0  # the same text, more ink where the hit is bold
    late = len(window.list_model.index(0, SNIPPET_COLUMN).data()) - 2  # a hit at the far end of the text
    narrow_plain = _paint_cell(window.list, ((0, 0),), width=90)  # an empty span: drawn the same way, no bold
    narrow_bold = _paint_cell(window.list, ((late, late + 1),), width=90)
    assert ink(narrow_bold) != ink(narrow_plain)  # the text moved so the hit shows in a narrow column


# --- focus and keys ------------------------------------------------------------------------

K = Qt.Key
ROOT = Path(__file__).resolve().parents[2]


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
    for action_id, standard in (
        ("focus_search", QKeySequence.StandardKey.Find),
        ("zoom_in", QKeySequence.StandardKey.ZoomIn),
        ("back", QKeySequence.StandardKey.Back),
        ("open_library", QKeySequence.StandardKey.Open),
    ):
        assert QKeySequence.keyBindings(standard)[0] in active.actions_by_id[action_id].shortcuts()
    assert "Ctrl+Q" in [k.toString() for k in active.actions_by_id["quit"].shortcuts()]


# --- the first look ------------------------------------------------------------------------


def test_first_run_takes_most_of_the_screen_and_has_its_icon(make_window, library_dir):
    window = make_window(library_dir)
    area = window.screen().availableGeometry()
    assert window.width() >= 0.85 * area.width() and window.height() >= 0.85 * area.height()
    assert area.contains(window.frameGeometry().center())
    assert not window.windowIcon().isNull() and window.windowIcon().availableSizes()


def _bold_width(view, text: str) -> int:
    font = QFont(view.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(text)


@pytest.mark.corpus
@pytest.mark.slow  # 4-6 s each (load 7): the real app started in a process of its own, on each screen size
@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_first_run_columns_show_categories_whole_without_a_horizontal_scroll_bar(tmp_path, width, height):
    """The real window in a process of its own, on a laptop's screen and a desktop's (offscreen screens)."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    runs = []
    for _ in range(2):  # the second run starts from what the first left in the settings
        proc = subprocess.run(
            [sys.executable, "-m", "tests.gui.first_look_probe", str(tmp_path / "data")],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    found = runs[0]
    assert runs[1]["columns"] == found["columns"]  # ending in a search does not leave its widths behind
    assert found["screen"] == [0, 0, width, height]
    assert found["window"][0] >= 0.85 * width and found["window"][1] >= 0.85 * height
    assert "中国经济网新闻" in found["categories"]  # the readable name, not the pinyin key
    assert found["columns"][2] >= found["widest_category"]  # every category whole, in bold (unread)
    assert found["scroll_max"] == 0 and sum(found["columns"]) <= found["viewport"]
    assert found["columns"][0] >= found["viewport"] // 3  # and the title keeps most of the room
    assert found["search_rows"] >= 1 and found["search_scroll_max"] == 0  # searching adds the snippet column
    assert found["search_columns"][3] >= found["viewport"] // 4  # in the room the title gives up


def test_column_widths_are_remembered(qtbot, make_window, library_dir, data_dir):
    window = make_window(library_dir)
    header = window.list.horizontalHeader()
    edge = header.sectionViewportPosition(0) + header.sectionSize(0) - 1
    y = header.height() // 2
    start = header.sectionSize(0)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    for step in range(1, 7):  # a drag, in steps as a hand makes it
        QTest.mouseMove(header.viewport(), QPoint(edge - 10 * step, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge - 60, y))
    assert header.sectionSize(0) == start - 60
    window.close()
    again = make_window(library_dir)
    assert again.list.horizontalHeader().sectionSize(0) == start - 60


def _drag_edge(qtbot, header, column: int, by: int) -> None:
    """Drag the right edge of a column header with the mouse, in steps as a hand makes it."""
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    for step in range(1, 7):
        QTest.mouseMove(header.viewport(), QPoint(edge + by * step // 6, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + by, y))


@pytest.mark.parametrize("drag_while_searching", [False, True])
def test_the_snippet_takes_the_rest_of_the_width_after_the_user_drags_columns(
    qtbot, make_window, library_dir, drag_while_searching
):
    window = make_window(library_dir)
    window.resize(1400, 700)
    window.splitter.setSizes([200, 800, 400])
    view, header = window.list, window.list.horizontalHeader()
    qtbot.waitUntil(lambda: window.list_model.rowCount() > 0 and view.viewport().width() > 700)
    if not drag_while_searching:
        _drag_edge(qtbot, header, 0, 300)  # a wide title, before any search
        assert header.sectionSize(0) > view.viewport().width() // 2
    widths = [header.sectionSize(c) for c in range(SNIPPET_COLUMN)]
    qtbot.mouseClick(window.search_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search_edit, "wenhua")
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() > 0, timeout=5000)
    if drag_while_searching:
        _drag_edge(qtbot, header, 2, 600)  # the category as wide as the mouse can make it
    qtbot.wait(200)  # the view lays out its scroll bars on a later turn of the event loop
    assert not view.horizontalScrollBar().isVisible() and view.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(SNIPPET_COLUMN) >= 150
    assert sum(header.sectionSize(c) for c in range(SNIPPET_COLUMN + 1)) <= view.viewport().width()
    if not drag_while_searching:  # the search's squeeze is undone when it ends
        window.search_edit.clear()
        qtbot.waitUntil(lambda: not window.list_model.searching())
        assert [header.sectionSize(c) for c in range(SNIPPET_COLUMN)] == widths


def test_with_no_article_open_the_pane_shows_the_library_and_the_first_keys(qtbot, active):
    window = active
    qtbot.waitUntil(lambda: "Keys worth knowing" in window.view.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: "测试剪报" in window.view.toPlainText(), timeout=3000)  # the site's title, from a worker
    text = window.view.toPlainText()
    assert window.reading.post is None
    assert "测试剪报" in text and f"{N_POSTS + 1} articles, {N_POSTS + 1} unread, 0 starred" in text
    assert "From 2020-06 to 2022-12." in text
    assert "Top categories" in text and "jingji" in text
    assert "Next Article" in text and "J" in text and "Keyboard Shortcuts" in text
    assert "\nH\nHighlight\n" in text  # select text, then H: the first thing a reader who studies wants
    qtbot.keyClick(_focused(), K.Key_J)
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=3000)
    assert "Keys worth knowing" not in window.view.toPlainText()


# --- for every user: what a screen reader is told ------------------------------------------


def _spoken(widget, what=QAccessible.Text.Name) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(what)


def test_every_pane_and_field_has_an_accessible_name_and_description(qtbot, active):
    window = active
    named = {
        window.search_edit: "Search articles",
        window.tag_filter: "Filter tags",
        window.tree: "Library",
        window.quick_filter: "Filter by title",
        window.list: "Articles",
        window.view: "Article",
    }
    for widget, name in named.items():
        assert _spoken(widget) == name, widget.objectName()
    for widget in (window.search_edit, window.tag_filter, window.tree, window.quick_filter, window.list):
        assert len(_spoken(widget, QAccessible.Text.Description)) > 20, widget.objectName()
    assert "Escape" in _spoken(window.search_edit, QAccessible.Text.Description)
    qtbot.keyClick(_focused(), K.Key_J)
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=3000)
    assert _spoken(window.view, QAccessible.Text.Description) == window.reading.post.meta.title


def _cells(view) -> dict[tuple[int, int], object]:
    """The list's cells as a screen reader walks them: children of its accessible table, by (row, column)."""
    table = QAccessible.queryAccessibleInterface(view)
    cells = {}
    for i in range(table.childCount()):
        cell = table.child(i).tableCellInterface()
        if cell is not None:
            cells[cell.rowIndex(), cell.columnIndex()] = table.child(i)
    return cells


def test_the_rows_of_the_list_say_title_date_and_state(qtbot, active):
    window = active
    window.library.set_starred(window.list_model.post_id(1), True)
    window.list_model.invalidate()
    cells = _cells(window.list)
    title, date = cells[1, 0], cells[1, 1]
    assert title.text(QAccessible.Text.Name) == f"第{N_POSTS - 2}篇 报道 keji"  # no ★ read out as "black star"
    assert title.text(QAccessible.Text.Description) == "unread, starred"
    assert date.text(QAccessible.Text.Name) == "2022-11-15 10:00"
    assert cells[0, 0].text(QAccessible.Text.Description) == "unread"


def test_the_banner_and_its_buttons_are_named_and_reached_by_tab(qtbot, make_window):
    window = make_window(None)  # no library and no sample: the banner offers to open one
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.banner.isVisible()
    assert _spoken(window.banner) == "Notice"
    assert "No library is open" in _spoken(window.banner, QAccessible.Text.Description)
    assert _spoken(window.banner.button) == "Open your library folder…"
    assert _spoken(window.banner.close_button) == "Hide this message"  # not "×"
    qtbot.keyClick(_focused(), K.Key_Slash)
    for _ in range(2):
        qtbot.keyClick(_focused(), K.Key_Tab)
    assert _focused() is window.banner.close_button
    qtbot.keyClick(_focused(), K.Key_Space)  # reachable and usable by keyboard
    assert not window.banner.isVisible()
