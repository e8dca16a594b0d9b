"""The tree's context menu: a saved search's Rename… and Delete, a highlight's Open, Note… and Remove."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTreeView

from .highlights import Highlights
from .saved_searches import SavedSearches


class TreeMenu(QObject):
    """Right-click on a tree node: the commands for that node (saved searches and highlights have some)."""

    def __init__(self, tree: QTreeView, saved: SavedSearches, highlights: Highlights):
        super().__init__(tree)
        self.tree, self.saved, self.highlights = tree, saved, highlights
        self.menu: QMenu | None = None  # the menu shown last, for tests
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show)

    def _show(self, pos: QPoint) -> None:
        node = self.tree.model().node(self.tree.indexAt(pos))
        menu = QMenu(self.tree, objectName="treeMenu")
        if node is not None and node.kind == "saved":
            menu.addAction(self.tr("Rename…"), lambda: self.saved.rename(node.key))
            menu.addAction(self.tr("Delete"), lambda: self.saved.delete(node.key))
        elif node is not None and node.highlight is not None:
            highlight = node.highlight
            menu.addAction(self.tr("Open"), lambda: self.highlights.open(highlight))
            menu.addAction(self.tr("Note…"), lambda: self.highlights.edit_note_of(highlight))
            menu.addAction(self.tr("Remove Highlight"), lambda: self.highlights.remove(highlight))
        else:
            menu.deleteLater()
            return
        self.menu = menu
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
