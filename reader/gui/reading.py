"""Reading articles: the open post, moving between posts, history, read/starred marks and positions.

Every read and write of a post goes through the Session, off the UI thread: opening shows the body
when the worker has rendered it, and the header from the list's row if the body is not there within a
frame or so (HEADER_AFTER_MS).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from ..core import Library, Post, PostFilter, original_url
from .article_html import PageDocument, PreparedBody
from .article_view import ArticleView
from .article_warmup import ArticleWarmUp, freeze_heap, warm_workers
from .core_text import error_text, translated
from .link_text import describe_link
from .list_model import ArticleListModel
from .list_view import ArticleListView
from .reading_jobs import find_and_load, header_post, load_post, unread_ids
from .session import Session

BULK_IN_BACKGROUND = 2000  # marking more posts than this read says so in the status bar
HISTORY_LIMIT = 200
# A post's body usually comes from its worker within a few ms (5 KB: 3 ms); the header from the list's row
# is laid out and painted only if it has not come by then, not painted on the way of every open (2-3 ms
# of the UI thread, and a paint pass the body waited for).
HEADER_AFTER_MS = 20


class Reading(QObject):
    """Owns what the article pane shows; the window owns the panes, the session and the status bar."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it (0: until replaced)
    opened = Signal(str, str)  # the open post's path and title ("", "" when none)
    bodyShown = Signal(str)  # the open post's body is in the view (its path): what needs the post, not its header
    marksChanged = Signal()  # read or starred changed: the tree's counts are out of date
    nodesRequested = Signal(list)  # a category or tag link: show these tree nodes

    def __init__(
        self,
        list_view: ArticleListView,
        view: ArticleView,
        *,
        read_delay_ms: int,
        current_filter: Callable[[], PostFilter],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.list = list_view
        self.model: ArticleListModel = list_view.model()
        self.view = view
        self._current_filter = current_filter
        self.session: Session | None = None
        self.post: Post | None = None
        self.post_id: int | None = None
        self._terms: list[str] = []
        self._labels: dict[str, str] = {}
        self._back: list[int] = []
        self._forward: list[int] = []
        self._opens = 0  # articles asked for by id or path in this session: a restore comes after none of them
        self._restoring = -1  # the count of opens when the restored article was asked for, until it is in
        self._syncing = False
        self._position = 0.0  # where the open post was when it was read: leaving it there writes nothing
        self._read_timer = QTimer(self, singleShot=True, interval=read_delay_ms)
        self._read_timer.timeout.connect(self._mark_current_read)
        self._header: Post | None = None  # the open post's header from the list row, until its body is shown
        self._header_timer = QTimer(self, singleShot=True, interval=HEADER_AFTER_MS)
        self._header_timer.timeout.connect(self._show_header)
        self.view_warm_up = ArticleWarmUp(view, self)  # the view's fonts and glyphs, once the list is in
        selection = list_view.selectionModel()
        selection.currentRowChanged.connect(self._follow_list)
        selection.selectionChanged.connect(self._follow_list)  # a click makes the row current, then selects it
        list_view.activated.connect(self._row_activated)  # Enter, double-click: also a row that only has focus
        view.postRequested.connect(lambda post_id: self.open_post(post_id))
        view.categoryRequested.connect(lambda key: self.nodesRequested.emit([f"category:{key}"]))
        view.tagRequested.connect(lambda key: self.nodesRequested.emit([f"tag:{key}"]))
        view.externalRequested.connect(QDesktopServices.openUrl)
        view.fullPostRequested.connect(self.show_whole)
        view.linkHovered.connect(self._link_hovered)
        view.linkRefused.connect(lambda sentence: self.message.emit(sentence, 5000))

    def handlers(self) -> dict:
        return {
            "next_article": lambda: self.step(1),
            "previous_article": lambda: self.step(-1),
            "next_unread": self.next_unread,
            "page_down": self.page_down,
            "page_up": self.page_up,
            "back": self.back,
            "forward": self.forward,
            "toggle_star": self.toggle_star,
            "toggle_read": self.toggle_read,
            "open_source": self.open_source,
            "mark_selection_read": self.mark_selection_read,
            "mark_all_read": self.mark_all_read,
        }

    def set_session(self, session: Session | None) -> None:
        """The library to read from (None: nothing open). Leaves the open post first."""
        self.leave()
        self.reset()
        self.session, self._opens, self._restoring = session, 0, -1
        if session is not None:
            setup = self.view.page_setup(self._labels)
            warm_workers(session, setup, then=lambda: self._warm_view(session), owner=self)

    def _warm_view(self, session: Session) -> None:
        if session is self.session:
            freeze_heap()
            self.view_warm_up.start(self.model.cached_titles())  # the characters of the list's titles first

    def set_terms(self, terms: list[str]) -> None:
        """The search's words, highlighted in every post opened from now on (and in this one)."""
        self._terms = list(terms)
        if self.post is not None or self.view.hit_count():
            self.view.highlight_terms(self._terms)

    def set_labels(self, labels: dict[str, str]) -> None:
        self._labels = labels
        self.view.set_labels(labels)

    # --- opening ------------------------------------------------------------------------
    def open_post(self, post_id: int, *, from_history: bool = False) -> None:
        self._opens += 1
        if self.session is None or post_id == self.post_id:
            return
        previous = self.post_id
        self.leave()
        if previous is not None and not from_history:
            self._back = (self._back + [previous])[-HISTORY_LIMIT:]
            self._forward.clear()
        self.post_id, self.post = post_id, None
        self._select_row(post_id, scroll=False)  # the list follows once the article is painted (_list_follows)
        # The list row's header only if the list has it (a row painted): a row never shown (a link, history, the end
        # of a long list) was read from the index here, on the UI thread, before the worker was asked for the post.
        summary = self.model.cached_summary(self.model.row_of(post_id))
        self._header = header_post(summary) if summary is not None else None
        if summary is not None:
            self.opened.emit(summary.path, summary.title)
        self.session.ask(
            "post",
            load_post,
            post_id,
            False,
            self.view.page_setup(self._labels),
            on_done=lambda loaded: self._show(post_id, *loaded),
            on_error=lambda error: self._not_shown(post_id, error),
        )
        if self._header is not None and self.post is None and self.post_id == post_id:
            self._header_timer.start()

    def _show_header(self) -> None:
        """The body is still on its way: the title, date and labels from the list row meanwhile."""
        if self._header is not None and self.post is None and self._header.id == self.post_id:
            self.view.show_post(self._header, labels=self._labels)

    def _show(
        self,
        post_id: int,
        post: Post,
        position: float,
        body: PreparedBody,
        ready: PageDocument | None,
        offset: int | None = None,
    ) -> None:
        if post_id != self.post_id:
            return
        self._header_timer.stop()
        self.post, self._position = post, position
        self.view.show_post(post, labels=self._labels, body=body, ready=ready)
        if offset is not None:
            self.view.verticalScrollBar().setValue(offset)
        elif position:
            self.view.set_scroll_fraction(position)
        if self._terms:
            self.view.highlight_terms(self._terms)
        if post.meta.error:
            self.message.emit(self.tr("Problem in {0}: {1}").format(post.meta.path, translated(post.meta.error)), 8000)
        self.opened.emit(post.meta.path, post.meta.title)
        self._read_timer.start()
        self._list_follows()
        self.bodyShown.emit(post.meta.path)  # after the body's paint: no job of its own on a worker meanwhile

    def _not_shown(self, post_id: int | None, error: BaseException) -> None:
        if post_id != self.post_id:
            return
        self._header_timer.stop()
        self.view.show_message(self.tr("This article cannot be shown"), error_text(error))
        self.message.emit(error_text(error), 8000)
        self._list_follows()

    def _list_follows(self) -> None:
        """The article the reader asked for is painted first, then the list scrolls to its row: a jump to a far
        row repaints the whole list (6 ms of the UI thread at 10k posts), which would delay the body's paint."""
        self.view.viewport().repaint()
        if self.post_id is not None:
            row = self.model.row_of(self.post_id)
            if row >= 0:
                self.list.scrollTo(self.model.index(row, 0))

    def show_whole(self, post_id: int) -> None:
        """Render all of a huge post the view showed only the start of, keeping the place."""
        if self.session is None or post_id != self.post_id:
            return
        offset = self.view.verticalScrollBar().value()  # the start of the page is the same text
        self.message.emit(self.tr("Reading the whole article…"), 0)
        self.session.ask(
            "post",
            load_post,
            post_id,
            True,
            self.view.page_setup(self._labels),
            on_done=lambda loaded: (self.message.emit("", 0), self._show(post_id, *loaded, offset)),
            on_error=lambda error: self.message.emit(str(error), 8000),
        )

    def set_read_delay(self, msecs: int) -> None:
        """Edit ▸ Preferences: the next article opened counts as read after this long."""
        self._read_timer.setInterval(msecs)

    def leave(self, now: bool = False) -> None:
        """Save where the reader was in the open post (on switching posts, libraries, or closing).

        `now` (on closing the window): written on this thread, a single row, after the marks still waiting.
        """
        self._read_timer.stop()
        if self.post is None or self.session is None or self.view.scroll_fraction() == self._position:
            return  # unmoved: a write a post (a worker's job) for nothing, and a newer time on an old place
        args = (Library.set_position, self.post.id, self.view.scroll_fraction())
        if now:
            self.session.write_now(*args)
        else:
            self.session.write(
                *args,
                on_error=lambda e: self.message.emit(
                    self.tr("Could not save the reading position: {0}").format(e), 5000
                ),
            )

    def reset(self) -> None:
        self.post = self.post_id = None
        self._back.clear()
        self._forward.clear()
        self.view.clear_post()
        self.opened.emit("", "")

    def restore(self, path: str) -> None:
        """Reopen the article left open last time, by its path (ids do not survive a rebuilt index), unless another
        one was asked for first (a post named on the command line) or is by its answer.

        Found and read in one job, asked before the tree's: at start the refresh holds the pool's other thread, and
        the post's read, asked once its id was in, waited for the tree's query. No list-row header first: the body
        is drawn once (the category and tag names came with the list: Browsing)."""
        if not path or self._opens or self.session is None:
            return
        self._opens += 1
        asked = self._restoring = self._opens
        self.session.ask(
            "post",
            find_and_load,
            path,
            self.view.page_setup(self._labels),
            on_done=lambda found: self._opens == asked and self._restored(found),
            on_error=lambda error: self._opens == asked and self._restored(None, error),
        )

    def _restored(self, found: tuple | None, error: BaseException | None = None) -> None:
        self._restoring = -1
        if error is not None:
            self._not_shown(None, error)
        elif found is not None:
            self.post_id = found[0]
            self._select_row(self.post_id, scroll=False)  # the list scrolls to it once the article is painted
            self._show(*found)
        else:
            self.view.clear_post()  # gone from the library: the summary, which waited for it

    def opening(self) -> bool:
        """A post is open or on its way (the article restored at start, asked by its path, too)."""
        return self.post_id is not None or self._restoring == self._opens

    def open_path(self, path: str, then: Callable[[bool], None] | None = None) -> None:
        """Open the post at this library-relative path; then(found) says whether the index has it."""
        self._opens += 1

        def found(post_id: int | None) -> None:
            if post_id is not None:
                self.open_post(post_id)
                self.select_current_row()
            if then is not None:
                then(post_id is not None)

        if self.session is not None:
            self.session.ask("find", Library.post_id, path, on_done=found)

    def _follow_list(self, *_args) -> None:
        """Open the list's current row once it is also selected.

        Focus alone makes a row current without selecting it (QAbstractItemView.focusInEvent):
        that must not open an article, or mark it read. A mouse press makes the row current
        first and selects it after, so both signals lead here.
        """
        current = self.list.currentIndex()
        if self._syncing or not current.isValid() or not self.list.selectionModel().isRowSelected(current.row()):
            return
        post_id = self.model.post_id(current.row())
        if post_id is not None:
            self.open_post(post_id)

    def _row_activated(self, index) -> None:
        post_id = self.model.post_id(index.row()) if index.isValid() else None
        if post_id is not None:
            self.open_post(post_id)
            self._select_row(post_id)

    def _select_row(self, post_id: int, scroll: bool = True) -> None:
        """Make the list's current row follow the open post, without reopening it; `scroll`: show that row now."""
        row = self.model.row_of(post_id)
        selection = self.list.selectionModel()
        self._syncing = True
        auto_scroll = self.list.hasAutoScroll()
        self.list.setAutoScroll(scroll and auto_scroll)  # a new current row is scrolled to by Qt itself
        try:
            if row >= 0:
                index = self.model.index(row, 0)
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                selection.setCurrentIndex(index, flags)
                if scroll:
                    self.list.scrollTo(index)
            else:
                selection.clear()
        finally:
            self.list.setAutoScroll(auto_scroll)
            self._syncing = False

    def select_current_row(self) -> None:
        if self.post_id is not None:
            self._select_row(self.post_id)

    def _link_hovered(self, href: str) -> None:
        if not href:
            if self.session is not None:
                self.session.drop("hover")  # where the last link leads may still be on its way
            self.message.emit("", 0)
        elif self.session is not None and self.post_id is not None:
            self.session.ask(
                "hover", describe_link, self.post_id, href, on_done=lambda words: self.message.emit(words, 0)
            )
        else:
            self.message.emit(describe_link(None, None, href), 0)

    # --- moving -------------------------------------------------------------------------
    def _current_row(self) -> int:
        return self.model.row_of(self.post_id) if self.post_id is not None else -1

    def step(self, delta: int) -> bool:
        rows = self.model.rowCount()
        if not rows:
            return False
        row = self._current_row()
        target = (0 if delta > 0 else rows - 1) if row < 0 else row + delta
        if not 0 <= target < rows:
            self.message.emit(self.tr("No more articles") if delta > 0 else self.tr("This is the first article"), 3000)
            return False
        self.open_post(self.model.post_id(target))
        return True

    def page_down(self) -> None:
        if self.post is None or not self.view.page_down():
            self.step(1)

    def page_up(self) -> None:
        if self.post is None or not self.view.page_up():
            self.step(-1)

    def next_unread(self) -> None:
        if self.session is None or not self.model.rowCount():
            return
        if self.model.searching():
            model = self.model
            self._open_next_of({model.post_id(r) for r in range(model.rowCount()) if not model.summary(r).read})
        else:
            self.session.ask("unread", unread_ids, self._current_filter(), on_done=self._open_next_of)

    def _open_next_of(self, unread: set[int]) -> None:
        ids = self.model.ids()
        unread.discard(self.post_id)
        start = self._current_row()
        for offset in range(1, len(ids) + 1):
            row = (start + offset) % len(ids)
            if ids[row] in unread:
                if row <= start:
                    self.message.emit(self.tr("Wrapped around to the top"), 3000)
                self.open_post(ids[row])
                return
        self.message.emit(self.tr("No unread articles"), 5000)

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

    # --- marks --------------------------------------------------------------------------
    def _mark_current_read(self) -> None:
        row = self._current_row()
        summary = self.model.summary(row) if row >= 0 else None
        if self.post is not None and (summary is None or not summary.read):
            self._set_read([self.post.id], True)

    def _set_read(self, ids: list[int], read: bool) -> None:
        """The list shows the mark at once; the state store gets it on a worker."""
        if self.session is None:
            return
        for post_id in ids:
            self.model.update_summary(post_id, read=read)
        self.session.write(
            Library.set_read,
            ids,
            read,
            on_done=lambda _r: self.marksChanged.emit(),
            on_error=lambda e: self.message.emit(self.tr("Could not mark read: {0}").format(e), 8000),
        )

    def toggle_read(self) -> None:
        row = self._current_row()
        summary = self.model.summary(row) if row >= 0 else None
        if summary is None:
            return
        self._read_timer.stop()  # an explicit choice wins over the timer
        self._set_read([summary.id], not summary.read)

    def toggle_star(self) -> None:
        row = self._current_row()
        summary = self.model.summary(row) if row >= 0 else None
        if summary is None or self.session is None:
            return
        self.model.update_summary(summary.id, starred=not summary.starred)
        self.session.write(
            Library.set_starred,
            summary.id,
            not summary.starred,
            on_done=lambda _r: self.marksChanged.emit(),
            on_error=lambda e: self.message.emit(self.tr("Could not star: {0}").format(e), 8000),
        )

    def open_source(self) -> None:
        url = (
            original_url(self.session.library.site_of(self.post.id), self.post.meta)
            if self.post and self.session
            else None
        )
        if url:
            QDesktopServices.openUrl(QUrl(url))
        else:
            self.message.emit(self.tr("This article has no source link"), 3000)

    def mark_selection_read(self) -> None:
        rows = {i.row() for i in self.list.selectionModel().selectedRows(0)}
        ids = [self.model.post_id(r) for r in sorted(rows)]
        if ids:
            self._set_read(ids, True)

    def mark_all_read(self) -> None:
        ids = self.model.ids()
        if self.session is None or not ids:
            return
        if len(ids) <= BULK_IN_BACKGROUND:
            self._set_read(ids, True)
            return
        self.message.emit(self.tr("Marking %Ln article(s) read…", "", len(ids)), 0)
        self.session.write(
            Library.set_read,
            ids,
            True,
            on_done=lambda _r: self._bulk_done(len(ids)),
            on_error=lambda e: self.message.emit(self.tr("Could not mark read: {0}").format(e), 0),
        )

    def _bulk_done(self, count: int) -> None:
        self.model.invalidate()
        self.marksChanged.emit()
        self.message.emit(self.tr("Marked %Ln article(s) read", "", count), 3000)
