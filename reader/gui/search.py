"""The search field's behaviour: wait for a pause, run on the task helper, drop stale results."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.errors import QueryError
from ..core.search import Text, parse
from ..core.types import PostFilter, SearchHit
from .tasks import TaskRunner

SEARCH_LIMIT = 500


def query_terms(query: str) -> list[str]:
    """The plain words and phrases of a query, to highlight: no operators, field filters or exclusions."""
    try:
        groups = parse(query)  # the core's own parser, so highlighting reads queries as search does
    except QueryError:
        return []
    terms: list[str] = []
    for group in groups:
        for term in group:
            if isinstance(term.item, Text) and not term.negated:
                word = term.item.raw.rstrip("*") if term.item.prefix else term.item.raw
                if word and word not in terms:
                    terms.append(word)
    return terms


class SearchController(QObject):
    """Debounces queries and runs them; only the newest query's answer is delivered."""

    results = Signal(str, list)  # query, list[SearchHit]
    failed = Signal(str, str)  # query, a readable message
    cleared = Signal()

    def __init__(self, runner: TaskRunner, delay_ms: int = 250, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._query = ""
        self._search: Callable[[str, PostFilter | None], list[SearchHit]] | None = None
        self._filter: PostFilter | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)

    @property
    def query(self) -> str:
        return self._query

    def set_search(self, search: Callable[..., list[SearchHit]] | None) -> None:
        """search(query, filter) is called on a worker thread."""
        self._search = search

    def set_query(self, text: str, filter: PostFilter | None = None) -> None:
        """Called as the user types: a pause of `delay_ms` runs it; empty text ends the search."""
        self._query = text.strip()
        self._filter = filter
        self._generation += 1  # anything still running is stale from now on
        if not self._query:
            self._timer.stop()
            self.cleared.emit()
            return
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        if not self._query or self._search is None:
            return
        generation, query, search = self._generation, self._query, self._search
        self._runner.submit(
            search, query, self._filter,
            on_done=lambda hits: self._deliver(generation, query, hits),
            on_error=lambda error: self._fail(generation, query, error))

    def _deliver(self, generation: int, query: str, hits: list[SearchHit]) -> None:
        if generation == self._generation:
            self.results.emit(query, list(hits))

    def _fail(self, generation: int, query: str, error: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(error, QueryError):
            self.failed.emit(query, str(error))
        else:
            self.failed.emit(query, f"Search failed: {error}")
