"""The article list widget: a QTableView that looks and moves like a list of rows.

Not a QTreeView: on every model reset a tree view lays out each row through the model
(index(), rowCount() and columnCount() in Python per row), 250-300 ms for 100k rows on the
UI thread. A table view with fixed row heights lays out nothing: a reset costs the same
for a hundred rows or a hundred thousand.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QRegion
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .dates import format_date
from .list_model import LIBRARY_COLUMN, SNIPPET_COLUMN
from .snippet_delegate import SnippetDelegate

Move = QAbstractItemView.CursorAction
_PADDING = 16  # a cell's margins, and room to breathe
_MIN_TITLE = 160
_MEASURED_ROWS = 200  # rows whose categories size the column: the first page, already fetched to paint
_MIN_SNIPPET = 150  # while searching, the snippet keeps at least this (or a third of a narrow list)


class ArticleListView(QTableView):
    """Whole rows are selected; the keys move between rows, never between columns."""

    def __init__(self, parent=None):
        super().__init__(
            parent,
            objectName="articles",
            alternatingRowColors=True,
            showGrid=False,
            wordWrap=False,
            tabKeyNavigation=False,
            cornerButtonEnabled=False,
        )
        self.setAccessibleName(self.tr("Articles"))
        self.setAccessibleDescription(self.tr("The articles to read; Enter or a click opens one, J and K move"))
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
        columns.sectionResized.connect(self._section_resized)
        columns.viewport().installEventFilter(self)
        self._fitted = True  # the widths are ours to fit until the user sizes a column
        self._dragging = False  # a mouse button is down on the header: resizes now are the user's
        self._before_search: list[int] | None = None  # the user's widths, given back when the search ends
        self._snippets = SnippetDelegate(self)
        self._current_post: int | None = None  # the current row's post across a model reset

    def setModel(self, model) -> None:
        super().setModel(model)
        self.setItemDelegateForColumn(SNIPPET_COLUMN, self._snippets)
        self.horizontalHeader().moveSection(LIBRARY_COLUMN, SNIPPET_COLUMN)  # the snippet stays last
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._model_reset)
        self._model_reset()

    def _before_reset(self) -> None:
        current = self.currentIndex()
        self._current_post = self.model().post_id(current.row()) if current.isValid() else None

    def _keep_current(self) -> None:
        """A reset forgets the current row, and Qt gives one back only on focus-in: a list that kept the
        focus through a reload (the start-up refresh's) had none, and Enter or J did nothing. The row of
        the post that was current (else the first, if the list has the focus) is current again, not
        selected: nothing opens."""
        model = self.model()
        if self.currentIndex().isValid() or not model.rowCount():
            return
        row = model.row_of(self._current_post) if self._current_post is not None else -1
        if row < 0 and self.hasFocus():
            row = 0
        if row >= 0:
            self.selectionModel().setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _model_reset(self) -> None:
        self._keep_current()
        searching = self.model().searching()
        header = self.horizontalHeader()
        if searching and self.isColumnHidden(SNIPPET_COLUMN) and not self._fitted:
            self._before_search = [header.sectionSize(c) for c in range(SNIPPET_COLUMN)]
        self.setColumnHidden(SNIPPET_COLUMN, not searching)
        self.setColumnHidden(LIBRARY_COLUMN, self.model().library_name is None)
        if not searching and self._before_search is not None:
            for column, size in enumerate(self._before_search):
                header.resizeSection(column, size)
            self._before_search = None
        self.fit_columns()  # the new rows' categories may be wider
        self._room_for_snippet()

    def restore_header(self, state) -> bool:
        """Column widths as the user left them; until then (or if they do not fit) they are fitted."""
        restored = bool(state) and self.horizontalHeader().restoreState(state)
        self._fitted = not restored
        self.setColumnHidden(SNIPPET_COLUMN, not self.model().searching())
        self.setColumnHidden(LIBRARY_COLUMN, self.model().library_name is None)
        self.fit_columns()
        self._room_for_snippet()
        return restored

    def header_state(self) -> QByteArray:
        """The widths to remember: the user's; none while they are ours, so the next run fits them anew."""
        return QByteArray() if self._fitted else self.horizontalHeader().saveState()

    def fit_columns(self) -> None:
        """Until the user drags a column: the date in bold, the categories of the first rows whole
        (up to a third of the width), the title the rest; while searching the snippet shares it."""
        if not self._fitted or self.model() is None:
            return
        header = self.horizontalHeader()
        width = self.viewport().width()
        bold = QFontMetrics(self._bold_font())
        date = bold.horizontalAdvance(format_date("2022-12-28T15:01")) + _PADDING  # the widest month and day
        category = min(width // 3, max(self._header_width(2), self._widest(2, bold) + _PADDING))
        library = (
            0
            if self.isColumnHidden(LIBRARY_COLUMN)
            else min(width // 5, max(self._header_width(LIBRARY_COLUMN), self._widest(LIBRARY_COLUMN, bold) + _PADDING))
        )
        if library:  # a narrow list: the library, then the categories, give way before the title would scroll
            library, category = self._give_way(_MIN_TITLE + date + category + library - width, library, category)
        rest = max(_MIN_TITLE, width - date - category - library)
        # While searching the snippet shares the rest, the title keeping half of it up to _MIN_TITLE.
        title = max(rest * 2 // 5, min(rest // 2, _MIN_TITLE)) if not self.isColumnHidden(SNIPPET_COLUMN) else rest
        for column, size in ((0, title), (1, date), (2, category), (LIBRARY_COLUMN, library)):
            header.resizeSection(column, size)

    def _give_way(self, over: int, *sizes: int) -> list[int]:
        """`sizes` made smaller, each in turn down to the header's minimum, by `over` in all (if they can)."""
        floor, given = self.horizontalHeader().minimumSectionSize(), []
        for size in sizes:
            give = max(0, min(over, size - floor))
            given.append(size - give)
            over -= give
        return given

    def _room_for_snippet(self, dragged: int = -1) -> None:
        """While searching the snippet, the stretched last column, takes the rest of the width and keeps
        at least _MIN_SNIPPET of it: the column being dragged stops there; else the library, the category, the
        title, then the date give up what the user's widths took beyond it (no horizontal scroll bar). The title
        gave way first, and in All libraries' narrow list it was left a few pixels ("…")."""
        if self.model() is None or self.isColumnHidden(SNIPPET_COLUMN):
            return
        header = self.horizontalHeader()
        width = self.viewport().width()
        keep = max(header.minimumSectionSize(), min(_MIN_SNIPPET, width // 3))
        over = sum(header.sectionSize(c) for c in range(header.count()) if c != SNIPPET_COLUMN) + keep - width
        for column in (dragged,) if dragged >= 0 else (LIBRARY_COLUMN, 2, 0, 1):
            if over <= 0:
                break
            give = min(over, header.sectionSize(column) - header.minimumSectionSize())
            if give > 0:
                header.resizeSection(column, header.sectionSize(column) - give)
                over -= give

    def _bold_font(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)  # unread rows are bold
        return bold

    def _header_width(self, column: int) -> int:
        text = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return self.horizontalHeader().fontMetrics().horizontalAdvance(text) + 2 * _PADDING

    def _widest(self, column: int, metrics: QFontMetrics) -> int:
        """The widest text of the first rows in `column`, each distinct one measured once (a category is the same
        on many rows)."""
        return max(map(metrics.horizontalAdvance, self.model().texts(column, _MEASURED_ROWS)), default=0)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._dragging = True
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._dragging = False
        return False

    def _section_resized(self, column: int, *_sizes) -> None:
        # Qt resizes sections itself too (the stretched last one, hiding a column): only a
        # resize while the mouse is down on the header is the user's.
        if self._dragging and column != SNIPPET_COLUMN:
            self._fitted = False  # keep the user's widths from now on
            self._before_search = None  # widths chosen while searching are the ones to keep
            self._room_for_snippet(column)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        self._room_for_snippet()

    def focusInEvent(self, event) -> None:
        """What QAbstractItemView's does (a first row made current on a focus that is not a click's, as Qt does
        until a current row is set), without its repaint of every row shown. A focus change alters the current
        row's focus frame and the view's frame; the selection's colour follows the window, not the focus. That
        repaint (4-6 ms of the UI thread at 100k) came between a click that took the focus from the article and
        the body of the post it opened: 30-34 ms against 15-21 for a click in a list that had the focus."""
        if not self.currentIndex().isValid() and event.reason() != Qt.FocusReason.MouseFocusReason:
            auto_scroll = self.hasAutoScroll()
            self.setAutoScroll(False)
            first = self.moveCursor(Move.MoveNext, Qt.KeyboardModifier.NoModifier)
            if first.isValid():
                self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.setAutoScroll(auto_scroll)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)  # nothing here is edited in place
        self._focus_changed()

    def focusOutEvent(self, event) -> None:
        self._focus_changed()

    def _focus_changed(self) -> None:
        """Repaint what shows the focus: the view's frame and the current row."""
        self.update(QRegion(self.rect()).subtracted(QRegion(self.viewport().geometry())))
        current = self.currentIndex()
        if current.isValid():
            cell = self.visualRect(current)
            self.viewport().update(QRect(0, cell.top(), self.viewport().width(), cell.height()))

    def moveCursor(self, action, modifiers):
        if action in (Move.MoveLeft, Move.MoveRight):
            return self.currentIndex()
        if action in (Move.MoveHome, Move.MoveEnd):  # a table would go to the row's first or last cell
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)
