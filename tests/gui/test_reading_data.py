"""File ▸ Export Reading Data… and Import Reading Data…, with the mouse on the real menus and file dialogs."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reader.gui.tasks import TaskRunner
from tests.gui.helpers import click_menu, in_file_dialog, write_library

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)


@pytest.fixture
def window(make_window, tmp_path, qtbot, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # where the save dialog proposes its file
    (tmp_path / "home").mkdir()
    window = make_window(write_library(tmp_path / "lib", n_posts=3, broken=False), runner=TaskRunner())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The refresh's own report would take the status bar over the messages checked below (seen in a full
    # run on a loaded machine: its text phase ended after the export).
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3 and not window.refresher.running(), timeout=20000)
    return window


def _row_path(window, row: int) -> str:
    return window.list_model.summary(row).path


def test_export_then_import_from_the_file_menu(qtbot, window, tmp_path):
    first = _row_path(window, 0)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    qtbot.keyClick(window.list, Qt.Key.Key_S)  # star it
    qtbot.waitUntil(lambda: window.library.state.get(first)[1], timeout=5000)

    target = tmp_path / "home" / "jianbao-reading-data.json"
    in_file_dialog(qtbot)  # the name it proposes
    click_menu(qtbot, window, "&File", "&Export Reading Data…")
    qtbot.waitUntil(target.exists, timeout=5000)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["libraries"][str(window.library.root)]["posts"][first]["starred"] is True
    qtbot.waitUntil(lambda: "Exported the marks of 1 post" in window.statusBar().currentMessage(), timeout=5000)

    # Another machine read the second post later: importing its file adds that, and keeps the star.
    second = _row_path(window, 1)
    other = tmp_path / "home" / "other.json"  # in the folder the dialog opens on
    other.write_text(
        json.dumps(
            {
                "format": "jianbao-reading-data",
                "version": 1,
                "libraries": {
                    str(window.library.root): {
                        "posts": {
                            second: {"read": True, "changed": {"read": "2099-01-01T00:00:00+00:00"}},
                            first: {"starred": False, "changed": {"starred": "2000-01-01T00:00:00+00:00"}},
                        }
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    in_file_dialog(qtbot, other.name, QDialogButtonBox.StandardButton.Open)
    click_menu(qtbot, window, "&File", "&Import Reading Data…")
    qtbot.waitUntil(lambda: "Imported 1 newer mark" in window.statusBar().currentMessage(), timeout=5000)
    assert window.library.state.get(second)[0] and window.library.state.get(first)[1]  # the older unstar lost
    qtbot.waitUntil(lambda: window.list_model.summary(1).read, timeout=5000)  # the list shows it


def test_a_bad_file_imports_nothing_and_says_why(qtbot, window, tmp_path):
    bad = tmp_path / "home" / "bad.json"
    bad.write_text('{"format": "jianbao-reading-data", "version": 7, "libraries": {}}', encoding="utf-8")
    said: list[str] = []
    window.reading_data.message.connect(lambda text, _ms: said.append(text))
    in_file_dialog(qtbot, bad.name, QDialogButtonBox.StandardButton.Open)
    click_menu(qtbot, window, "&File", "&Import Reading Data…")
    qtbot.waitUntil(lambda: bool(said) and "Nothing was imported" in said[-1], timeout=5000)
    message = said[-1]
    assert str(bad) in message and "version 7" in message
    assert window.library.state.all_marks() == []  # nothing written
