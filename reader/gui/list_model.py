"""The article list: a table model over an ordered id list, rows fetched in pages as they are shown."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont

from ..core import ORIGINAL, PostSummary, SearchHit, Snippet, to_script
from .core_text import translated
from .dates import format_date

PAGE_SIZE = 200
MAX_PAGES = 64  # 12,800 cached rows: a few screens in every direction many times over
MAP_PIECE = 10_000  # rows mapped (row_of) in one turn of the event loop: under 1 ms
MAP_GAP_MS = 10  # between those turns, and after a change of the list: its paint comes first
SNIPPET_PAGE = 20  # hits whose snippets are asked for together (each is read from its file)
COLUMNS = (
    ("title", QT_TRANSLATE_NOOP("ArticleListModel", "Title")),
    ("date", QT_TRANSLATE_NOOP("ArticleListModel", "Date")),
    ("category", QT_TRANSLATE_NOOP("ArticleListModel", "Category")),
)
SNIPPET = ("snippet", QT_TRANSLATE_NOOP("ArticleListModel", "Snippet"))
LIBRARY = ("library", QT_TRANSLATE_NOOP("ArticleListModel", "Library"))  # All libraries: whose post it is
IdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3  # the Snippet (text and hit spans) of a hit's row
# The roles data() answers; the delegate's paint asks about 7 a cell, and the others were each a row's summary
# looked up and the role compared all the way down.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        IdRole,
        SummaryRole,
        SnippetRole,
    }
)
SNIPPET_COLUMN = len(COLUMNS)
LIBRARY_COLUMN = SNIPPET_COLUMN + 1  # shown between the category and the snippet (list_view.py)


def date_text(date: str | None) -> str:
    """'2022-01-21T15:01:08+08:00' -> '2022-01-21 15:01' (2022年1月21日 15:01 in Chinese); see dates.py."""
    return format_date(date)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


class ArticleListModel(QAbstractTableModel):
    """Holds only the ids in list order; summaries come from `fetch(ids)` a page at a time.

    In search mode it holds the hits instead (a bounded list) and fills the Snippet column
    (always there, so the header's saved state fits; the view hides it outside a search);
    hits that come without a snippet are asked for through `snippets_wanted(generation, ids)`
    when they are first shown, and arrive in set_snippets().
    Sorting asks the owner through `sort_requested` so the index sorts, never a proxy.
    """

    def __init__(
        self, fetch: Callable[[Sequence[int]], list[PostSummary]] | None = None, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._fetch = fetch or (lambda ids: [])
        self._ids: list[int] = []
        self._hits: list[SearchHit] | None = None
        self._rank_order: dict[int, int] = {}
        self._pages: OrderedDict[int, list[PostSummary | None]] = OrderedDict()
        self._rows_by_id: dict[int, int] | None = None  # row_of: post id -> row, for the first `_mapped` rows
        self._mapped = 0
        self.category_labels: dict[str, str] = {}
        self._script = ORIGINAL  # View ▸ Read As, for titles and categories
        self.library_name: Callable[[int], str] | None = None  # All libraries: a post id's library, by name
        self.sort_requested: Callable[[str, bool], None] | None = None
        self.snippets_wanted: Callable[[int, list[int]], None] | None = None
        self._generation = 0  # of the hits: snippets for older hits are dropped
        self._asked: set[int] = set()
        self._wanted: list[int] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_script(self, script: str) -> None:
        """View ▸ Read As: titles and categories in `script` (reader.core's SCRIPTS); the rows stay."""
        self._script = script
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # --- filling ------------------------------------------------------------------------
    def set_fetch(self, fetch: Callable[[Sequence[int]], list[PostSummary]]) -> None:
        self._fetch = fetch

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._hits = None
        self._forget()
        self.endResetModel()

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._ids = [hit.post.id for hit in self._hits]
        self._rank_order = {pid: n for n, pid in enumerate(self._ids)}
        self._forget()
        self._generation += 1
        self._asked = {hit.post.id for hit in self._hits if hit.snippet is not None}
        self._wanted = []
        self.endResetModel()

    def set_snippets(self, generation: int, snippets: dict[int, Snippet]) -> None:
        """Snippets asked for through `snippets_wanted`; ignored if the hits changed since."""
        if generation != self._generation or self._hits is None:
            return
        rows = [row for pid in snippets if (row := self.row_of(pid)) >= 0]
        for row in rows:
            self._hits[row] = dataclasses.replace(self._hits[row], snippet=snippets[self._ids[row]])
        if rows:
            self.dataChanged.emit(self.index(min(rows), SNIPPET_COLUMN), self.index(max(rows), SNIPPET_COLUMN))

    def _want_snippet(self, row: int) -> None:
        """Ask for the snippets of the block of hits around `row`, once, after this paint."""
        start = row - row % SNIPPET_PAGE
        block = [pid for pid in self._ids[start : start + SNIPPET_PAGE] if pid not in self._asked]
        if not block or self.snippets_wanted is None:
            return
        self._asked.update(block)
        if not self._wanted:
            QTimer.singleShot(0, self._ask_snippets)
        self._wanted += block

    def _ask_snippets(self) -> None:
        wanted, self._wanted = self._wanted, []
        if wanted and self.snippets_wanted is not None:
            self.snippets_wanted(self._generation, wanted)

    def searching(self) -> bool:
        return self._hits is not None

    def ids(self) -> list[int]:
        return list(self._ids)

    def _forget(self) -> None:
        self._pages.clear()
        self._forget_rows()

    def _forget_rows(self) -> None:
        """The list's order changed: its map of rows is made again, a piece at a time once the list has painted."""
        self._rows_by_id, self._mapped = {}, 0
        ids = self._ids
        QTimer.singleShot(MAP_GAP_MS, self, lambda: self._map_rows(ids))

    def invalidate(self) -> None:
        """Drop cached rows (their read/starred state changed in bulk) and repaint."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    # --- rows ---------------------------------------------------------------------------
    def row_of(self, post_id: int) -> int:
        """The row showing `post_id`, or -1: from a map of every row, made a piece at a time after each change of the
        list (_map_rows), or at once if asked for before it is whole."""
        if self._rows_by_id is None or self._mapped < len(self._ids):
            self._rows_by_id, self._mapped = {pid: row for row, pid in enumerate(self._ids)}, len(self._ids)
        return self._rows_by_id.get(post_id, -1)

    def _map_rows(self, ids: list[int]) -> None:
        """MAP_PIECE more rows into the map (ids: the list it is made for). Made at once, the map of 100k rows took
        5 ms of the UI thread, paid by the first article opened after each change of the list."""
        if ids is not self._ids or self._rows_by_id is None or self._mapped >= len(ids):
            return  # the list changed meanwhile (its own mapping is on its way), or row_of made the map
        start, self._mapped = self._mapped, min(len(ids), self._mapped + MAP_PIECE)
        self._rows_by_id.update(zip(ids[start : self._mapped], range(start, self._mapped), strict=True))
        if self._mapped < len(ids):
            QTimer.singleShot(MAP_GAP_MS, self, lambda: self._map_rows(ids))

    def post_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def summary(self, row: int) -> PostSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        if self._hits is not None:
            return self._hits[row].post
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE_SIZE]

    def _load_page(self, page_no: int) -> list[PostSummary | None]:
        ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
        found = {s.id: s for s in self._fetch(ids)}
        page = [found.get(pid) for pid in ids]  # an id gone from the index shows as an empty row
        self._pages[page_no] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def cached_summary(self, row: int) -> PostSummary | None:
        """The row's summary if it was fetched already (None otherwise): nothing is read from the index."""
        if not 0 <= row < len(self._ids):
            return None
        if self._hits is not None:
            return self._hits[row].post
        page = self._pages.get(row // PAGE_SIZE)
        return page[row % PAGE_SIZE] if page is not None else None

    def cached_titles(self) -> list[str]:
        """The titles of the rows fetched so far (the rows painted and their pages), most recent page last."""
        rows = (
            [hit.post for hit in self._hits] if self._hits is not None else [s for p in self._pages.values() for s in p]
        )
        return [summary.title for summary in rows if summary is not None]

    def update_summary(self, post_id: int, **changes) -> None:
        """Change one row in place (read, starred) without asking the library again."""
        row = self.row_of(post_id)
        if row < 0:
            return
        if self._hits is not None:
            hit = self._hits[row]
            self._hits[row] = dataclasses.replace(hit, post=dataclasses.replace(hit.post, **changes))
        else:
            page = self._pages.get(row // PAGE_SIZE)
            if page is not None and page[row % PAGE_SIZE] is not None:
                page[row % PAGE_SIZE] = dataclasses.replace(page[row % PAGE_SIZE], **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- the model interface ------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS) + 2

    @staticmethod
    def _column(column: int) -> tuple[str, str]:
        return (*COLUMNS, SNIPPET, LIBRARY)[column]

    def _column_key(self, column: int) -> str:
        return self._column(column)[0]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.columnCount():
            return translate("ArticleListModel", self._column(section)[1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        row, key = index.row(), self._column_key(index.column())
        if role == IdRole:
            return self._ids[row]
        summary = self.summary(row)
        if summary is None:
            return (
                translate("ArticleListModel", "(no longer in the index)")
                if role == Qt.ItemDataRole.DisplayRole and key == "title"
                else None
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, key, row)
        if role == Qt.ItemDataRole.FontRole:
            if key == SNIPPET[0]:
                return None  # its bold is for the searched words; the other cells show the row is unread
            if not summary.read:
                return self._bold
            return self._italic if summary.draft else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return summary.title or summary.path if key == "title" else self._display(summary, key, row)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._state_words(summary) if key == "title" else None
        if role == SummaryRole:
            return summary
        if role == SnippetRole and key == SNIPPET[0] and self._hits is not None:
            return self._snippet(row)
        return None

    def texts(self, column: int, rows: int) -> set[str]:
        """The texts the first `rows` rows show in `column`, each once (list_view sizes a column by them): not a
        QModelIndex and a data() call a row (200 rows: 15 ms of the UI thread's first list under cProfile)."""
        key = self._column_key(column)
        summaries = ((row, self.summary(row)) for row in range(min(rows, len(self._ids))))
        return {self._display(summary, key, row) if summary is not None else "" for row, summary in summaries}

    def _snippet(self, row: int) -> Snippet | None:
        if self._ids[row] not in self._asked:
            self._want_snippet(row)
        return self._hits[row].snippet

    def _display(self, summary: PostSummary, key: str, row: int) -> str:
        if key == "title":
            marks = (
                ("★ " if summary.starred else "") + ("⚠ " if summary.error else "") + ("✎ " if summary.draft else "")
            )
            return marks + to_script(summary.title or summary.path, self._script)
        if key == "date":
            return date_text(summary.date)
        if key == "category":
            return to_script(", ".join(self.category_labels.get(c, c) for c in summary.categories), self._script)
        if key == LIBRARY[0]:
            return self.library_name(summary.id) if self.library_name is not None else ""
        if self._hits is None:
            return ""
        snippet = self._snippet(row)
        return snippet.text if snippet is not None else ""

    @staticmethod
    def _state_words(summary: PostSummary) -> str:
        """What the marks and fonts of a row say, in words, for a screen reader."""
        words = [translate("ArticleListModel", "read") if summary.read else translate("ArticleListModel", "unread")]
        if summary.starred:
            words.append(translate("ArticleListModel", "starred"))
        if summary.draft:
            words.append(translate("ArticleListModel", "draft"))
        if summary.error:
            words.append(translate("ArticleListModel", "problem: %1").replace("%1", translated(summary.error)))
        return ", ".join(words)

    def _tooltip(self, summary: PostSummary, row: int) -> str:
        lines = [summary.title or summary.path]
        if summary.draft:
            lines.append(translate("ArticleListModel", "Draft"))
        if summary.error:
            lines.append(translate("ArticleListModel", "Problem: %1").replace("%1", translated(summary.error)))
        if self._hits is not None:
            hit = self._hits[row]
            if hit.title_only:
                lines.append(translate("ArticleListModel", "Found in the title: the full text is not indexed yet"))
            if hit.snippet is not None:
                lines.append(hit.snippet.text)
        return "\n".join(lines)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = self._column_key(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if self._hits is not None:
            self._sort_hits(key, descending)
        elif self.sort_requested is not None and key != "snippet" and (key != LIBRARY[0] or self.library_name):
            self.sort_requested(key, descending)

    def _sort_hits(self, key: str, descending: bool) -> None:
        """Hits are few (a page of results): sort them in Python; snippet means rank order."""
        if key == "snippet":
            ordered = sorted(self._hits, key=lambda h: self._rank_order[h.post.id])
        else:

            def sort_key(hit: SearchHit):
                post = hit.post
                if key == "date":
                    return post.date or ""
                if key == "category":
                    return ", ".join(self.category_labels.get(c, c) for c in post.categories).casefold()
                if key == LIBRARY[0] and self.library_name is not None:
                    return self.library_name(post.id).casefold()
                return hit.title_key  # the index's key, as the list sorts (阿 < 北 < 中 by pinyin)

            ordered = sorted(self._hits, key=sort_key, reverse=descending)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] for i in old]
        self._hits = ordered
        self._ids = [h.post.id for h in ordered]
        self._forget_rows()
        self.changePersistentIndexList(
            old, [self.index(self.row_of(pid), i.column()) for pid, i in zip(old_ids, old, strict=True)]
        )
        self.layoutChanged.emit()
