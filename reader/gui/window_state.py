"""The main window's layout as the user left it: geometry, the panes' widths, the list's columns and sort."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter

from .. import settings as S
from .list_model import COLUMNS, LIBRARY, SNIPPET
from .list_view import ArticleListView

FIRST_SIZE = 0.9  # of the screen's available area, until the user sizes the window
SORT_COLUMNS = [key for key, _ in (*COLUMNS, SNIPPET, LIBRARY)]  # by column number


def restore_layout(
    window: QMainWindow, splitter: QSplitter, articles: ArticleListView, saved: S.Store, sort_key: str, descending: bool
) -> None:
    screen = window.screen().availableGeometry()  # first run: most of the screen, not a postage stamp
    window.resize(int(screen.width() * FIRST_SIZE), int(screen.height() * FIRST_SIZE))
    window.move(screen.center() - window.rect().center())
    width = window.width()  # tree, list (title, date, category) and article, until the user moves them
    splitter.setSizes([int(width * 0.15), int(width * 0.38), int(width * 0.47)])
    window.restoreGeometry(saved.get(S.GEOMETRY))
    splitter.restoreState(saved.get(S.SPLITTER))
    articles.restore_header(saved.get(S.LIST_HEADER))
    column = SORT_COLUMNS.index(sort_key) if sort_key in SORT_COLUMNS else 1
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    articles.horizontalHeader().setSortIndicator(column, order)
    articles.setSortingEnabled(True)


def save_layout(window: QMainWindow, splitter: QSplitter, articles: ArticleListView, saved: S.Store) -> None:
    saved.set(S.GEOMETRY, window.saveGeometry())
    saved.set(S.SPLITTER, splitter.saveState())
    saved.set(S.LIST_HEADER, articles.header_state())
