"""Keyboard use: every action's keys, paging through to the next article, history, focus, typing safety."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QMessageBox

from reader import settings as S
from reader.core.types import PostFilter
from reader.gui.actions import ACTIONS, shortcuts_html
from tests.gui.helpers import N_POSTS

K = Qt.Key
NEWEST = f"第{N_POSTS - 1}篇 报道 wenhua"


@pytest.fixture
def window(make_window, library_dir, qtbot):
    window = make_window(library_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    window.list.setFocus()
    return window


def _title(window):
    return window.reading.post.meta.title if window.reading.post else None


def test_every_action_has_text_a_menu_and_unique_keys():
    keys = [k for spec in ACTIONS for k in spec.shortcuts]
    assert len(keys) == len(set(keys))
    assert {spec.menu for spec in ACTIONS} == {"File", "Edit", "View", "Go", "Article", "Help"}
    sheet = shortcuts_html()
    for spec in ACTIONS:
        if spec.shortcuts:
            assert spec.text.replace("&", "") in sheet


def test_actions_are_in_the_menus_with_their_shortcuts(window):
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))}
    go = [a.objectName() for a in menus["Go"].actions() if a.objectName()]
    assert go[:3] == ["next_article", "previous_article", "next_unread"]
    assert window.actions_by_id["next_article"].shortcut().toString() == "J"
    assert window.actions_by_id["page_down"].shortcut().toString() == "Space"


def test_j_and_k_move_through_the_list(qtbot, window):
    qtbot.keyClick(window.list, K.Key_J)
    assert _title(window) == NEWEST
    qtbot.keyClick(window.list, K.Key_J)
    assert _title(window) == f"第{N_POSTS - 2}篇 报道 keji"
    assert window.list.currentIndex().row() == 1  # the list follows
    qtbot.keyClick(window.view, K.Key_K)  # also from the article pane
    assert _title(window) == NEWEST


def test_space_pages_the_article_then_moves_to_the_next(qtbot, window):
    qtbot.keyClick(window.list, K.Key_J)
    assert _title(window) == NEWEST  # the long one
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(window.view, K.Key_Space)
    assert _title(window) == NEWEST and bar.value() > 0
    for _ in range(200):
        if _title(window) != NEWEST:
            break
        qtbot.keyClick(window.view, K.Key_Space)
    assert _title(window) == f"第{N_POSTS - 2}篇 报道 keji"
    qtbot.keyClick(window.view, K.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert _title(window) == NEWEST  # Shift+Space at the top goes back


def test_s_stars_and_m_toggles_read(qtbot, window):
    qtbot.keyClick(window.list, K.Key_J)
    post_id = window.reading.post_id
    qtbot.keyClick(window.list, K.Key_S)
    assert window.library.list_ids(PostFilter(starred=True)) == [post_id]
    assert window.list_model.index(0, 0).data().startswith("★ ")
    qtbot.keyClick(window.list, K.Key_M)
    assert post_id in window.library.list_ids(PostFilter(read=True))
    qtbot.keyClick(window.list, K.Key_M)
    assert post_id not in window.library.list_ids(PostFilter(read=True))
    qtbot.keyClick(window.list, K.Key_S)
    assert window.library.list_ids(PostFilter(starred=True)) == []


def test_an_article_counts_as_read_after_it_has_been_open_a_while(qtbot, window):
    window.reading._read_timer.setInterval(50)
    qtbot.keyClick(window.list, K.Key_J)
    post_id = window.reading.post_id
    qtbot.waitUntil(lambda: post_id in window.library.list_ids(PostFilter(read=True)), timeout=2000)
    assert window.list_model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None  # no longer bold
    qtbot.waitUntil(
        lambda: window.tree_model.index(1, 1, window.tree_model.section_index("library")).data() == f"{N_POSTS:,}",
        timeout=2000,
    )  # the Unread count followed


def test_n_goes_to_the_next_unread_and_wraps(qtbot, window):
    ids = window.list_model.ids()
    window.library.set_read(ids[:3] + ids[4:], True)  # only row 3 is unread
    window.list_model.invalidate()
    qtbot.keyClick(window.list, K.Key_N)
    assert window.reading.post_id == ids[3]
    qtbot.keyClick(window.list, K.Key_J)
    qtbot.keyClick(window.list, K.Key_N)  # wraps around: row 3 is still the only unread one
    assert window.reading.post_id == ids[3] and "Wrapped" in window.statusBar().currentMessage()
    window.library.set_read([ids[3]], True)
    qtbot.keyClick(window.list, K.Key_J)
    qtbot.keyClick(window.list, K.Key_N)
    assert window.statusBar().currentMessage() == "No unread articles"


def test_alt_left_and_right_walk_the_history(qtbot, window):
    for _ in range(3):
        qtbot.keyClick(window.list, K.Key_J)
    seen = window.list_model.ids()[:3]
    assert window.reading.post_id == seen[2]
    qtbot.keyClick(window.list, K.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reading.post_id == seen[1]
    qtbot.keyClick(window.list, K.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reading.post_id == seen[0]
    qtbot.keyClick(window.list, K.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reading.post_id == seen[1]


def test_f6_cycles_the_panes(qtbot, window):
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    for expected in (window.list, window.view, window.tree):
        qtbot.keyClick(window.focusWidget(), K.Key_F6)
        assert window.focusWidget() is expected


def test_single_letter_keys_type_into_the_search_field(qtbot, window):
    qtbot.keyClick(window.list, K.Key_Slash)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "jks nm")
    assert window.search_edit.text() == "jks nm"
    assert window.reading.post is None  # j did not open an article
    qtbot.keyClick(window.search_edit, K.Key_Escape)
    assert window.search_edit.text() == "" and window.list.hasFocus()


def test_ctrl_f_focuses_search_and_f3_steps_between_matches(qtbot, window):
    qtbot.keyClick(window.list, K.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    window.search_edit.setText("经济")
    qtbot.waitUntil(window.list_model.searching, timeout=2000)
    window.list.setFocus()
    qtbot.keyClick(window.list, K.Key_J)
    assert window.view.hit_count() >= 3
    assert window.view.current_hit() == -1
    qtbot.keyClick(window.list, K.Key_F3)
    assert window.view.current_hit() == 0
    qtbot.keyClick(window.list, K.Key_F3)
    assert window.view.current_hit() == 1
    qtbot.keyClick(window.list, K.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit() == 0


def test_zoom_keys_change_the_font_and_it_is_remembered(qtbot, window):
    before = window.view.font_size()
    qtbot.keyClick(window.view, K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_size() > before
    assert window.settings.preferences.get(S.FONT_SIZE) == window.view.font_size()
    qtbot.keyClick(window.view, K.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_size() == before


def _pressable(text: str) -> None:
    """No platform key names of media keyboards ("Find", "Help", "Back" keys) beside the real keys."""
    for odd in (
        "Ctrl+F, Find",
        "Find, /",
        "F1, Help",
        "Alt+Left, Backspace",
        "Backspace, Back",
        "Esc, Cancel",
        "Ctrl+O, Open",
        "F5, Refresh",
    ):
        assert odd not in text


def test_the_summary_page_and_the_shortcut_sheet_name_only_keys_a_keyboard_has(qtbot, window):
    qtbot.waitUntil(lambda: "Keys worth knowing" in window.view.toPlainText(), timeout=5000)
    page = window.view.toPlainText()
    for keys in ("Ctrl+F, /", "Alt+Left", "F1", "J"):
        assert keys in page
    _pressable(page)
    qtbot.keyClick(window.list, K.Key_F1)  # Help ▸ Keyboard Shortcuts
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "shortcutsSheet") is not None, timeout=3000)
    sheet = window.findChild(QMessageBox, "shortcutsSheet")
    text = QTextDocumentFragment.fromHtml(sheet.text()).toPlainText()
    for keys in ("Ctrl+F, /", "Alt+Left", "Alt+Right", "F1", "Ctrl+O", "Esc", "Ctrl+Shift+M"):
        assert keys in text
    _pressable(text)
    sheet.close()
