"""Reading articles: the open post, moving between posts, history, read/starred marks and positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices

from .. import settings as S
from ..core.errors import ReaderError
from ..core.types import Post, PostFilter
from ..core.library import Library
from .search import query_terms
from .tasks import on_own_library

if TYPE_CHECKING:
    from .main_window import MainWindow

BULK_IN_BACKGROUND = 2000  # marking more posts than this read goes to a worker
HISTORY_LIMIT = 200


class Reading(QObject):
    """Owns what the article pane shows; the window owns the panes and the library."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window
        self.post: Post | None = None
        self.post_id: int | None = None
        self._back: list[int] = []
        self._forward: list[int] = []
        self._syncing = False
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(window.settings.preferences.get(S.READ_DELAY_MS))
        self._read_timer.timeout.connect(self._mark_current_read)
        selection = window.list.selectionModel()
        selection.currentRowChanged.connect(self._follow_list)
        selection.selectionChanged.connect(self._follow_list)  # a click makes the row current, then selects it
        window.list.activated.connect(self._row_activated)  # Enter, double-click: also a row that only has focus
        view = window.view
        view.postRequested.connect(lambda post_id: self.open_post(post_id))
        view.categoryRequested.connect(lambda key: window.select_nodes([f"category:{key}"]))
        view.tagRequested.connect(lambda key: window.select_nodes([f"tag:{key}"]))
        view.externalRequested.connect(QDesktopServices.openUrl)
        view.fullPostRequested.connect(self.show_whole)
        view.linkHovered.connect(lambda href: window.statusBar().showMessage(href) if href
                                 else window.statusBar().clearMessage())
        view.linkRefused.connect(lambda href: window.statusBar().showMessage(f"Not opened: {href}", 5000))

    def handlers(self) -> dict:
        return {
            "next_article": lambda: self.step(1), "previous_article": lambda: self.step(-1),
            "next_unread": self.next_unread, "page_down": self.page_down, "page_up": self.page_up,
            "back": self.back, "forward": self.forward, "find_next": self.w.view.find_next,
            "find_previous": self.w.view.find_previous, "toggle_star": self.toggle_star,
            "toggle_read": self.toggle_read, "open_source": self.open_source,
            "mark_selection_read": self.mark_selection_read, "mark_all_read": self.mark_all_read,
            "cycle_focus": self.cycle_focus,
        }

    # --- opening ------------------------------------------------------------------------
    def open_post(self, post_id: int, *, from_history: bool = False) -> None:
        library = self.w.library
        if library is None or post_id == self.post_id:
            return
        previous = self.post_id
        self.leave()
        if previous is not None and not from_history:
            self._back = (self._back + [previous])[-HISTORY_LIMIT:]
            self._forward.clear()
        self.post_id = post_id
        self._select_row(post_id)
        try:
            self.post = library.get_post(post_id)
        except ReaderError as error:
            self.post = None
            self.w.view.show_message("This article cannot be shown", str(error))
            self.w.statusBar().showMessage(str(error), 8000)
            self.w._update_title()
            return
        self.w.view.show_post(self.post, labels=self.w._labels)
        position = library.position(post_id)
        if position:
            self.w.view.set_scroll_fraction(position)
        if self.w.list_model.searching():
            self.w.view.highlight_terms(query_terms(self.w.search.query))
        if self.post.meta.error:
            self.w.statusBar().showMessage(f"Problem in {self.post.meta.path}: {self.post.meta.error}", 8000)
        self.w.settings.window.set(S.LAST_ARTICLE, self.post.meta.path)
        self._read_timer.start()
        self.w._update_title()

    def show_whole(self, post_id: int) -> None:
        """Render all of a huge post the view showed only the start of, keeping the place."""
        if self.w.library is None or post_id != self.post_id:
            return
        bar = self.w.view.verticalScrollBar()
        offset = bar.value()  # the start of the page is the same text, so the same pixel offset
        try:
            self.post = self.w.library.get_post(post_id, full=True)
        except ReaderError as error:
            self.w.statusBar().showMessage(str(error), 8000)
            return
        self.w.view.show_post(self.post, labels=self.w._labels)
        bar.setValue(offset)
        if self.w.list_model.searching():
            self.w.view.highlight_terms(query_terms(self.w.search.query))

    def leave(self) -> None:
        """Save where the reader was in the open post (on switching posts, libraries, or closing)."""
        self._read_timer.stop()
        if self.post is not None and self.w.library is not None:
            try:
                self.w.library.set_position(self.post.id, self.w.view.scroll_fraction())
            except ReaderError as error:
                self.w.statusBar().showMessage(f"Could not save the reading position: {error}", 5000)

    def reset(self) -> None:
        self.post = self.post_id = None
        self._back.clear()
        self._forward.clear()
        self.w.view.clear_post()

    def restore(self, path: str) -> None:
        """Reopen the article left open last time, by its path (ids do not survive a rebuilt index)."""
        post_id = self.w.library.post_id(path) if path and self.w.library else None
        if post_id is not None:
            self.open_post(post_id, from_history=True)

    def _follow_list(self, *_args) -> None:
        """Open the list's current row once it is also selected.

        Focus alone makes a row current without selecting it (QAbstractItemView.focusInEvent):
        that must not open an article, or mark it read. A mouse press makes the row current
        first and selects it after, so both signals lead here.
        """
        current = self.w.list.currentIndex()
        if self._syncing or not current.isValid() or \
                not self.w.list.selectionModel().isRowSelected(current.row()):
            return
        post_id = self.w.list_model.post_id(current.row())
        if post_id is not None:
            self.open_post(post_id)

    def _row_activated(self, index) -> None:
        post_id = self.w.list_model.post_id(index.row()) if index.isValid() else None
        if post_id is not None:
            self.open_post(post_id)
            self._select_row(post_id)

    def _select_row(self, post_id: int) -> None:
        """Make the list's current row follow the open post, without reopening it."""
        row = self.w.list_model.row_of(post_id)
        selection = self.w.list.selectionModel()
        self._syncing = True
        try:
            if row >= 0:
                index = self.w.list_model.index(row, 0)
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
                selection.setCurrentIndex(index, flags)
                self.w.list.scrollTo(index)
            else:
                selection.clear()
        finally:
            self._syncing = False

    def select_current_row(self) -> None:
        if self.post_id is not None:
            self._select_row(self.post_id)

    # --- moving -------------------------------------------------------------------------
    def _current_row(self) -> int:
        return self.w.list_model.row_of(self.post_id) if self.post_id is not None else -1

    def step(self, delta: int) -> bool:
        rows = self.w.list_model.rowCount()
        if not rows:
            return False
        row = self._current_row()
        target = (0 if delta > 0 else rows - 1) if row < 0 else row + delta
        if not 0 <= target < rows:
            self.w.statusBar().showMessage("No more articles" if delta > 0 else "This is the first article", 3000)
            return False
        self.open_post(self.w.list_model.post_id(target))
        return True

    def page_down(self) -> None:
        if self.post is None or not self.w.view.page_down():
            self.step(1)

    def page_up(self) -> None:
        if self.post is None or not self.w.view.page_up():
            self.step(-1)

    def next_unread(self) -> None:
        model, library = self.w.list_model, self.w.library
        ids = model.ids()
        if library is None or not ids:
            return
        if model.searching():
            unread = {model.post_id(r) for r in range(len(ids)) if not model.summary(r).read}
        else:
            base = self.w.current_filter()
            unread = set(library.list_ids(PostFilter(**{**base.__dict__, "read": False})))
        unread.discard(self.post_id)
        start = self._current_row()
        for offset in range(1, len(ids) + 1):
            row = (start + offset) % len(ids)
            if ids[row] in unread:
                if row <= start:
                    self.w.statusBar().showMessage("Wrapped around to the top", 3000)
                self.open_post(ids[row])
                return
        self.w.statusBar().showMessage("No unread articles", 5000)

    def back(self) -> None:
        if self._back:
            if self.post_id is not None:
                self._forward.append(self.post_id)
            self.open_post(self._back.pop(), from_history=True)

    def forward(self) -> None:
        if self._forward:
            if self.post_id is not None:
                self._back.append(self.post_id)
            self.open_post(self._forward.pop(), from_history=True)

    def cycle_focus(self) -> None:
        panes = [self.w.tree, self.w.list, self.w.view]
        focused = self.w.focusWidget()
        current = next((i for i, pane in enumerate(panes)
                        if focused is pane or (focused is not None and pane.isAncestorOf(focused))), -1)
        panes[(current + 1) % len(panes)].setFocus(Qt.FocusReason.TabFocusReason)

    # --- marks --------------------------------------------------------------------------
    def _mark_current_read(self) -> None:
        row = self._current_row()
        summary = self.w.list_model.summary(row) if row >= 0 else None
        if self.post is not None and (summary is None or not summary.read):
            self._set_read([self.post.id], True)

    def _set_read(self, ids: list[int], read: bool) -> None:
        self.w.library.set_read(ids, read)
        for post_id in ids:
            self.w.list_model.update_summary(post_id, read=read)
        self.w.schedule_counts()

    def toggle_read(self) -> None:
        row = self._current_row()
        summary = self.w.list_model.summary(row) if row >= 0 else None
        if summary is None:
            return
        self._read_timer.stop()  # an explicit choice wins over the timer
        self._set_read([summary.id], not summary.read)

    def toggle_star(self) -> None:
        row = self._current_row()
        summary = self.w.list_model.summary(row) if row >= 0 else None
        if summary is None:
            return
        self.w.library.set_starred(summary.id, not summary.starred)
        self.w.list_model.update_summary(summary.id, starred=not summary.starred)
        self.w.schedule_counts()

    def open_source(self) -> None:
        meta = self.post.meta if self.post else None
        site = self.w.library.site if self.w.library else None
        url = meta.source_url if meta else None
        if meta and not url and meta.permalink and site and site.url:
            url = site.url + site.baseurl + meta.permalink
        if url:
            QDesktopServices.openUrl(QUrl(url))
        else:
            self.w.statusBar().showMessage("This article has no source link", 3000)

    def mark_selection_read(self) -> None:
        rows = {i.row() for i in self.w.list.selectionModel().selectedRows(0)}
        ids = [self.w.list_model.post_id(r) for r in sorted(rows)]
        if ids:
            self._set_read(ids, True)

    def mark_all_read(self) -> None:
        library, ids = self.w.library, self.w.list_model.ids()
        if library is None or not ids:
            return
        if len(ids) <= BULK_IN_BACKGROUND:
            self._set_read(ids, True)
            return
        self.w.statusBar().showMessage(f"Marking {len(ids):,} articles read…")
        self.w.runner.submit(on_own_library, library.root, self.w.data_dir, Library.set_read, ids, True,
                             on_done=lambda _r: self._bulk_done(library, len(ids)),
                             on_error=lambda e: self.w.statusBar().showMessage(f"Could not mark read: {e}"))

    def _bulk_done(self, library, count: int) -> None:
        if library is self.w.library:
            self.w.list_model.invalidate()
            self.w.schedule_counts()
            self.w.statusBar().showMessage(f"Marked {count:,} articles read", 3000)
