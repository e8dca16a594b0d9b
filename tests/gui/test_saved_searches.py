"""Saved searches with the mouse and keyboard: View ▸ Save Search…, the tree node, rename, delete, a lost index."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit

from reader.paths import AppPaths
from tests.gui.helpers import click_menu, when_modal, write_library

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)


def _type_name(qtbot, name: str) -> None:
    """When the name prompt is up: replace its text by typing `name`, then click OK."""

    def act(dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        qtbot.keyClicks(field, name)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    when_modal(QInputDialog, act)


def _click_node(qtbot, window, node_id: str) -> None:
    index = window.tree_model.index_for_id(node_id)
    assert index.isValid(), node_id
    window.tree.scrollTo(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(index).center())


def _paths(window) -> list[str]:
    return sorted(window.list_model.summary(r).path for r in range(window.list_model.rowCount()))


def _count_text(window, node_id: str) -> str:
    return window.tree_model.index_for_id(node_id).siblingAtColumn(1).data()


def test_save_restore_rename_delete_and_a_lost_index(qtbot, make_window, tmp_path, data_dir):
    library = write_library(tmp_path / "lib", broken=False)
    window = make_window(library)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 24, timeout=5000)
    _click_node(qtbot, window, "category:keji")
    qtbot.keyClicks(window.search_edit, "jingji OR keji")  # 16 titles, 8 of them in keji
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 8 and window.search_info.isVisible(), timeout=5000)
    hits = _paths(window)

    _type_name(qtbot, "Keji economy")
    click_menu(qtbot, window, "&View", "Sa&ve Search…")
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Keji economy").isValid(), timeout=5000)
    assert _count_text(window, "saved:Keji economy") == "8 / 8"  # unread / all hits

    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Delete)
    _click_node(qtbot, window, "all:")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 24, timeout=5000)

    _click_node(qtbot, window, "saved:Keji economy")
    assert window.search_edit.text() == "jingji OR keji"
    assert window.browse.selected_node_ids() == ["category:keji"]
    qtbot.waitUntil(lambda: _paths(window) == hits, timeout=5000)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    # the article opened counts as read after the read delay: the unread count follows
    qtbot.waitUntil(lambda: _count_text(window, "saved:Keji economy") == "7 / 8", timeout=5000)

    _type_name(qtbot, "Keji 2")
    click_menu(qtbot, window, "&View", "Re&name Saved Search…")
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Keji 2").isValid(), timeout=5000)
    assert not window.tree_model.index_for_id("saved:Keji economy").isValid()

    window.close()  # a restart, with the index deleted meanwhile
    AppPaths.for_user(data_dir).index_file(library.resolve()).unlink()
    window = make_window(library)
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Keji 2").isValid(), timeout=5000)
    qtbot.waitUntil(lambda: _count_text(window, "saved:Keji 2") == "7 / 8", timeout=5000)  # marks kept too
    _click_node(qtbot, window, "saved:Keji 2")
    qtbot.waitUntil(lambda: _paths(window) == hits and window.search_edit.text() == "jingji OR keji", timeout=5000)

    click_menu(qtbot, window, "&View", "De&lete Saved Search")
    qtbot.waitUntil(lambda: not window.tree_model.index_for_id("saved:Keji 2").isValid(), timeout=5000)
    assert window.tree_model.rowCount(window.tree_model.section_index("saved")) == 0
