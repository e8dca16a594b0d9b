"""The search field's behaviour: wait for a pause, run through the session, drop stale results."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..core import Library, PostFilter, QueryError, SearchResults
from .core_text import error_text
from .list_model import SNIPPET_PAGE
from .session import Session

SEARCH_LIMIT = 500


def _search(library: Library, query: str, filter: PostFilter | None) -> SearchResults:
    """On a worker: the hits (the first page with snippets) and how much of the text the index covers."""
    return library.search(query, filter=filter, limit=SEARCH_LIMIT, snippets=SNIPPET_PAGE)


class SearchController(QObject):
    """Debounces queries and runs them through the session; only the newest query's answer is delivered."""

    results = Signal(str, object)  # query, SearchResults
    failed = Signal(str, str)  # query, a readable message
    cleared = Signal()

    def __init__(self, delay_ms: int = 250, parent: QObject | None = None):
        super().__init__(parent)
        self._session: Session | None = None
        self._waiting = False  # the current query was asked and its answer is still to come
        self._query = ""
        self._filter: PostFilter | None = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.run_now)

    @property
    def query(self) -> str:
        return self._query

    def set_session(self, session: Session | None) -> None:
        self._session = session

    def set_query(self, text: str, filter: PostFilter | None = None) -> None:
        """Called as the user types: a pause of `delay_ms` runs it; empty text ends the search."""
        self._query = text.strip()
        self._filter = filter
        self._waiting = False
        if self._session is not None:
            self._session.drop("search")  # anything still running is stale from now on
        if not self._query:
            self._timer.stop()
            self.cleared.emit()
            return
        self._timer.start()

    def flush(self) -> bool:
        """Run a query still waiting for the pause now; True while its results are still to come."""
        if self._timer.isActive():
            self.run_now()
        return self._waiting

    def run_now(self) -> None:
        self._timer.stop()
        if not self._query or self._session is None:
            return
        query = self._query
        self._waiting = True
        self._session.ask(
            "search",
            _search,
            query,
            self._filter,
            on_done=lambda found: self._deliver(query, found),
            on_error=lambda error: self._fail(query, error),
        )

    def _deliver(self, query: str, found: SearchResults) -> None:
        self._waiting = False
        self.results.emit(query, found)

    def _fail(self, query: str, error: BaseException) -> None:
        self._waiting = False
        if isinstance(error, QueryError):
            self.failed.emit(query, error_text(error))
        else:
            self.failed.emit(query, self.tr("Search failed: {0}").format(error))
