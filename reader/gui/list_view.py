"""The article list widget: a QTableView that looks and moves like a list of rows.

Not a QTreeView: on every model reset a tree view lays out each row through the model
(index(), rowCount() and columnCount() in Python per row), 250-300 ms for 100k rows on the
UI thread. A table view with fixed row heights lays out nothing: a reset costs the same
for a hundred rows or a hundred thousand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Move = QAbstractItemView.CursorAction


class ArticleListView(QTableView):
    """Whole rows are selected; the keys move between rows, never between columns."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="articles", alternatingRowColors=True, showGrid=False,
                         wordWrap=False, tabKeyNavigation=False, cornerButtonEnabled=False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        columns = self.horizontalHeader()
        columns.setStretchLastSection(True)
        columns.setSectionsMovable(False)
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def size_columns(self) -> None:
        """Title 280 px; the date wide enough in bold, as unread rows are bold. Call once a model is set."""
        bold = QFont(self.font())
        bold.setBold(True)
        self.horizontalHeader().resizeSection(0, 280)
        self.horizontalHeader().resizeSection(1, QFontMetrics(bold).horizontalAdvance("2022-01-21 15:01") + 20)

    def moveCursor(self, action, modifiers):
        if action in (Move.MoveLeft, Move.MoveRight):
            return self.currentIndex()
        if action in (Move.MoveHome, Move.MoveEnd):  # a table would go to the row's first or last cell
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)
