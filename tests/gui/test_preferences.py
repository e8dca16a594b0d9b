"""Edit ▸ Preferences with the mouse and keys: every change shows in the open article at once and is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from reader import settings as S
from reader.gui.preferences import apply_theme
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import click_menu, write_library

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)


@pytest.fixture
def window(make_window, tmp_path, qtbot):
    window = make_window(write_library(tmp_path / "lib", n_posts=24, broken=False), runner=TaskRunner())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 24, timeout=5000)
    list_view = window.list
    point = list_view.visualRect(window.list_model.index(0, 0)).center()  # the newest, long post
    qtbot.mouseClick(list_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    yield window
    apply_theme("system")  # the palette is the application's: give the next test the usual one


def _open_preferences(qtbot, window) -> QDialog:
    """Edit ▸ Preferences…, clicked with the mouse."""
    action = click_menu(qtbot, window, "&Edit", "&Preferences…")
    assert action.menuRole() == QAction.MenuRole.PreferencesRole  # macOS puts it in the application menu
    qtbot.waitUntil(lambda: window.findChild(QDialog, "preferencesDialog") is not None, timeout=3000)
    dialog = window.findChild(QDialog, "preferencesDialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _focus(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    qtbot.waitUntil(widget.hasFocus)


def _choose(qtbot, combo: QComboBox, data: str) -> None:
    """Open the combo box with the mouse and click the entry standing for `data`."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton, pos=combo.rect().center())
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    point = popup.visualRect(combo.model().index(combo.findData(data), 0)).center()
    qtbot.mouseMove(popup.viewport(), point)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # the popup ignores a release right after it opens
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: combo.currentData() == data)


def test_size_line_height_and_width_apply_at_once_and_are_saved(qtbot, window):
    view, prefs = window.view, window.settings.preferences
    dialog = _open_preferences(qtbot, window)
    size = view.font_size()
    spin = dialog.findChild(object, "fontSize")
    _focus(qtbot, spin)
    for _ in range(3):
        qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert view.font_size() == size + 3
    assert view.document().defaultFont().pointSizeF() == size + 3
    assert prefs.get(S.FONT_SIZE) == size + 3

    view.set_scroll_fraction(0.5)
    line_height = dialog.findChild(object, "lineHeight")
    _focus(qtbot, line_height)
    qtbot.keyClick(line_height, Qt.Key.Key_Up)  # 135 -> 140
    assert "line-height: 140%" in view.document().defaultStyleSheet()
    assert prefs.get(S.LINE_HEIGHT) == 140
    assert view.scroll_fraction() == pytest.approx(0.5, abs=0.03)  # the reader stays where they were

    window.resize(1600, 900)
    window.splitter.setSizes([100, 100, 1400])  # an article pane wider than 20 em
    qtbot.waitUntil(lambda: view.viewport().width() > 1000)
    width = dialog.findChild(object, "textWidth")
    margin = view.document().rootFrame().frameFormat().leftMargin()
    _focus(qtbot, width)
    qtbot.keyClick(width, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(width, "20")
    assert prefs.get(S.TEXT_WIDTH_EM) == 20
    assert view.look().width_em == 20
    assert view.document().rootFrame().frameFormat().leftMargin() > margin  # a narrower column

    delay = dialog.findChild(object, "readDelay")
    _focus(qtbot, delay)
    qtbot.keyClick(delay, Qt.Key.Key_Down)  # 1500 -> 1250
    assert prefs.get(S.READ_DELAY_MS) == 1250
    assert window.reading._read_timer.interval() == 1250


def test_chinese_font_goes_first_in_every_language_list(qtbot, window):
    dialog = _open_preferences(qtbot, window)
    box = dialog.findChild(QComboBox, "chineseFont")
    if box.count() < 2:
        pytest.skip("fewer than two fonts with Chinese glyphs on this machine")
    _focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the next font in the list
    family = box.currentFont().family()
    assert window.settings.preferences.get(S.CHINESE_FONT) == family
    css = window.view.document().defaultStyleSheet()
    for glyphs, fallback in (("sc", "Noto Sans CJK SC"), ("tc", "Noto Sans CJK TC"), ("jp", "Noto Sans CJK JP")):
        rule = next(line for line in css.splitlines() if line.startswith(f"div.han-{glyphs} "))
        assert rule.startswith(f"div.han-{glyphs} {{ font-family: '{family}', ")
        assert fallback in rule  # the language's own shapes stay behind it


def test_dark_theme_makes_the_page_dark_at_once(qtbot, window):
    dialog = _open_preferences(qtbot, window)
    theme = dialog.findChild(QComboBox, "theme")
    _choose(qtbot, theme, "dark")
    assert theme.currentData() == "dark"
    assert window.settings.preferences.get(S.THEME) == "dark"
    view = window.view
    qtbot.waitUntil(lambda: view.palette().color(QPalette.ColorRole.Base).lightness() < 60)
    pixel = view.viewport().grab().toImage().pixelColor(3, 3)
    assert pixel.lightness() < 60
    text = view.palette().color(QPalette.ColorRole.Text)
    assert text.lightness() > 180  # light text on dark

    _choose(qtbot, theme, "system")  # light again here
    qtbot.waitUntil(lambda: view.viewport().grab().toImage().pixelColor(3, 3).lightness() > 200)


def test_ctrl_0_resets_the_zoom(qtbot, window):
    view = window.view
    default = view.default_font_size
    _focus(qtbot, view.viewport())
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font_size() == default + 2
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font_size() == default
    assert window.settings.preferences.get(S.FONT_SIZE) == default
