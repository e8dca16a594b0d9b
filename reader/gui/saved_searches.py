"""Saved searches in the window: save the search and tree filter under a name, restore, rename, delete."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..core import Library, SavedSearch
from .browsing import Browsing


class SavedSearches(QObject):
    """The three commands and the click on a saved search; every write goes through the session."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it

    def __init__(self, browse: Browsing, search_edit: QLineEdit, window: QWidget):
        super().__init__(window)
        self.browse, self.search_edit, self.window = browse, search_edit, window
        self._chosen: str | None = None  # the saved search clicked last: Rename and Delete act on it
        browse.savedChosen.connect(self.restore)

    def handlers(self) -> dict:
        return {"save_search": self.save, "rename_search": self.rename, "delete_search": self.delete}

    def restore(self, saved: SavedSearch) -> None:
        """A click on a saved search: its query in the search field, its nodes selected in the tree."""
        self._chosen = saved.name
        self.search_edit.setText(saved.query)
        self.browse.select_nodes(list(saved.node_ids) or ["all:"])

    def _ask_name(self, title: str, name: str) -> str:
        dialog = QInputDialog(self.window, objectName="savedSearchName")
        dialog.setWindowTitle(title)
        dialog.setLabelText(self.tr("Name:"))
        dialog.setTextValue(name)
        return dialog.textValue().strip() if dialog.exec() else ""

    def _selected(self, name: str | None = None) -> SavedSearch | None:
        """The saved search `name` (the tree's context menu), else the one clicked last."""
        name = name or self._chosen
        return self.browse.tree_model.saved.get(name) if name else None

    def save(self) -> None:
        session = self.browse.session
        if session is None:
            return
        query = self.search_edit.text().strip()
        nodes = [i for i in self.browse.selected_node_ids() if not i.startswith("saved:")]
        name = self._ask_name(self.tr("Save Search"), query)
        if not name:
            return
        session.write(
            Library.save_search,
            name,
            query,
            nodes,
            on_done=lambda _: self._changed(self.tr("Saved the search “{0}”").format(name)),
        )

    def rename(self, name: str | None = None) -> None:
        saved, session = self._selected(name), self.browse.session
        if saved is None or session is None:
            self.message.emit(self.tr("Click a saved search in the tree first"), 5000)
            return
        name = self._ask_name(self.tr("Rename Saved Search"), saved.name)
        if not name or name == saved.name:
            return
        session.write(
            Library.rename_search,
            saved.name,
            name,
            on_done=lambda done: self._changed(
                self.tr("Renamed “{0}” to “{1}”").format(saved.name, name)
                if done
                else self.tr("A saved search named “{0}” exists already").format(name)
            ),
        )

    def delete(self, name: str | None = None) -> None:
        saved, session = self._selected(name), self.browse.session
        if saved is None or session is None:
            self.message.emit(self.tr("Click a saved search in the tree first"), 5000)
            return
        session.write(
            Library.delete_search,
            saved.name,
            on_done=lambda _: self._changed(self.tr("Deleted the saved search “{0}”").format(saved.name)),
        )

    def _changed(self, text: str) -> None:
        self.message.emit(text, 5000)
        self.browse.refresh_saved()
