"""Browsing: the tree's selection, the list it asks for (or the search's hits), the sort and the counts.

Everything comes through the Session, off the UI thread; the window only lays the panes out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTreeView

from .. import settings as S
from ..core import Library, PostFilter, SearchResults, query_words
from .core_text import error_text
from .list_view import ArticleListView
from .reading import Reading
from .search import SEARCH_LIMIT, SearchController
from .session import Session
from .tree_model import filter_for, load_labels, load_saved, load_tree_data, load_view_counts


def _list_and_labels(library: Library, *args) -> tuple[list[int], dict[str, str]]:
    """A library's first list, and the category and tag names its rows and the article's header show."""
    return library.list_ids(*args), load_labels(library)


class Browsing(QObject):
    """Keeps the tree and the list in step with the open library and with each other."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it
    listed = Signal()  # the list asked for by reload() is in
    treeShown = Signal(object)  # the TreeData the tree shows now (counts, facets)
    savedChosen = Signal(object)  # the SavedSearch clicked in the tree, to restore its query and nodes

    def __init__(
        self,
        tree: QTreeView,
        list_view: ArticleListView,
        search: SearchController,
        search_info: QLabel,
        reading: Reading,
        window_settings: S.Store,
        title_filter: Callable[[], str],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.tree, self.tree_model = tree, tree.model()
        self.list, self.list_model = list_view, list_view.model()
        self.search, self.search_info, self.reading = search, search_info, reading
        self._settings = window_settings
        self._title_filter = title_filter
        self.elsewhere: Callable[[], bool] | None = None  # a click in another library's nodes shows it (libraries.py)
        self.session: Session | None = None
        self.sort_key: str = window_settings.get(S.SORT_KEY)
        self.descending: bool = window_settings.get(S.SORT_DESCENDING)
        self._after_list: list[Callable[[], None]] = []  # what waits for the next list
        self._partial = False  # the hits shown were found while the full text was still being indexed
        self._labels: dict[str, str] | None = None  # the category and tag names shown (key -> name, names only)
        self._counts_timer = QTimer(self, singleShot=True, interval=400)
        self._counts_timer.timeout.connect(self._refresh_counts)
        self.list_model.sort_requested = self._sort_requested
        self.list_model.snippets_wanted = self._want_snippets
        tree.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        search.results.connect(self._show_hits)
        search.failed.connect(self._search_failed)
        search.cleared.connect(self._search_cleared)

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self._after_list.clear()
        self._labels = None  # the next list brings them

    # --- the tree and the list ----------------------------------------------------------
    def reload(self, restore: bool = False, then: Callable[[], None] | None = None) -> None:
        """Tree and list from the index, keeping the selection and the open article; `then` runs once the
        list is in.

        The list is asked for first, for the selection by node id, and the tree's facets and counts
        (0.12 s of SQLite at 100k posts) only once it is in: asked together, they shared the two cores
        with the list's paint and the list came later.
        """
        if self.session is None:
            return
        keep = (self._settings.get(S.LAST_SELECTION) if restore else self.selected_node_ids()) or ["all:"]
        asked = self.selected_node_ids()
        session = self.session

        def listed() -> None:
            self._list_shown(restore)
            if session is self.session:
                session.ask(
                    "tree",
                    load_tree_data,
                    on_done=lambda data: self._show_tree(data, keep, asked),
                    on_error=self._index_unreadable,
                )
            if then is not None:
                then()

        self.reload_list(then=listed, node_ids=keep)

    def _index_unreadable(self, error: BaseException) -> None:
        self.message.emit(self.tr("Could not read the index: {0}").format(error_text(error)), 10000)

    def _show_tree(self, data, keep: list[str], asked: list[str]) -> None:
        now = self.selected_node_ids()
        if now and now != asked:
            keep = now  # the user clicked in the tree while this answer was on its way: that click wins
        renamed = self._set_labels({f.key: f.label for f in (*data.categories, *data.tags)})
        self.tree.selectionModel().blockSignals(True)
        self.tree_model.set_data(data)
        self.tree.expand(self.tree_model.section_index("library"))
        self.tree.expand(self.tree_model.section_index("saved"))
        self.select_nodes(keep, notify=False)
        self.tree.selectionModel().blockSignals(False)
        if set(self.selected_node_ids()) != set(keep):
            self._tree_selection_changed()  # a kept node is gone: list what is selected now
        elif renamed:
            self.list.fit_columns()  # the category column shows other names now
            self.list.viewport().update()
        self.treeShown.emit(data)

    def _set_labels(self, labels: dict[str, str]) -> bool:
        """The category and tag names the list and the article show; False if they are the ones shown already."""
        labels = {key: name for key, name in labels.items() if name != key}
        if labels == self._labels:
            return False
        self._labels = self.list_model.category_labels = labels
        self.reading.set_labels(labels)
        return True

    def _list_shown(self, restore: bool) -> None:
        if restore:
            self.reading.restore(self._settings.get(S.LAST_ARTICLE))
        self.listed.emit()

    def select_nodes(self, node_ids: list[str], notify: bool = True) -> None:
        """Select these tree nodes; with `notify`, list them once (not once per step of the change)."""
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for node_id in node_ids:
            index = self.tree_model.index_for_id(node_id)
            if index.isValid():
                selection.select(index, flags)
                self.tree.expand(index.parent())
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)
        self.tree.viewport().update()  # the view missed the signals too
        if notify:
            self._tree_selection_changed()

    def selected_node_ids(self) -> list[str]:
        return [self.tree_model.node(i).id for i in self.tree.selectionModel().selectedRows(0)]

    def current_filter(self, node_ids: list[str] | None = None) -> PostFilter:
        """The filter for the tree's selection (or for `node_ids`) and the title filter."""
        base = filter_for(self.selected_node_ids() if node_ids is None else node_ids)
        title = self._title_filter().strip()
        return PostFilter(**{**base.__dict__, "title": title}) if title else base

    def _tree_selection_changed(self, *_args) -> None:
        if self.elsewhere is not None and self.elsewhere():
            return
        saved = [
            self.tree_model.saved.get(i[len("saved:") :]) for i in self.selected_node_ids() if i.startswith("saved:")
        ]
        if saved and saved[0] is not None:
            self.savedChosen.emit(saved[0])  # it selects the search's own nodes, which lists them
            return
        self._settings.set(S.LAST_SELECTION, self.selected_node_ids())
        if self.search.query:
            self.search.set_query(self.search.query, self.current_filter())
        else:
            self.reload_list()

    def reload_list(self, then: Callable[[], None] | None = None, node_ids: list[str] | None = None) -> None:
        """The list for the tree's selection (or `node_ids`) and the sort; `then` runs once its rows are in."""
        if then is not None:
            self._after_list.append(then)
        if self.session is None:
            return
        if self.search.query:
            self.search.set_query(self.search.query, self.current_filter(node_ids))
            self._run_after_list()
            return
        by_library = self.sort_key == "library" and self.list_model.library_name is None  # one library: by date
        args = (self.current_filter(node_ids), "date" if by_library else self.sort_key, self.descending)
        if self._labels is None:  # the first list: its rows and the article restored with it show the names at once
            self.session.ask("list", _list_and_labels, *args, on_done=self._show_first_list, on_error=self._list_failed)
        else:
            self.session.ask("list", Library.list_ids, *args, on_done=self._show_list, on_error=self._list_failed)

    def _list_failed(self, error: BaseException) -> None:
        self._index_unreadable(error)
        self._run_after_list()  # what waits for the list (the tree, the first refresh, which may repair it) goes on

    def list_new_posts(self) -> None:
        """While a refresh writes new posts: the list again (the tree waits for the end of the phase)."""
        if not self.search.query:
            self.reload_list()

    def _show_first_list(self, answer: tuple[list[int], dict[str, str]]) -> None:
        self._set_labels(answer[1])
        self._show_list(answer[0], paint_now=True)

    def _show_list(self, ids: list[int], paint_now: bool = False) -> None:
        """The list's rows; `paint_now`: painted here, before what waits for the list asks its workers (a library's
        first list: the article restored with it, read on a worker meanwhile, took the interpreter from the list's
        paint, 80 ms later at 100k posts). A list asked before the user typed a search is not shown over its hits."""
        if self.search.query:
            self._run_after_list()
            return
        bar = self.list.verticalScrollBar()
        place = bar.value()  # a list filling up while the reader scrolls it stays where it was
        self.list_model.set_ids(ids)
        bar.setValue(place)
        self.reading.select_current_row()
        if paint_now:
            self.list.viewport().repaint()
        self._run_after_list()

    def _run_after_list(self) -> None:
        waiting, self._after_list = self._after_list, []
        for then in waiting:
            then()

    def _sort_requested(self, key: str, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        self._settings.set(S.SORT_KEY, key)
        self._settings.set(S.SORT_DESCENDING, descending)
        self.reload_list()

    def schedule_counts(self) -> None:
        self._counts_timer.start()  # read and star toggles come in bursts: count once after them

    def _refresh_counts(self) -> None:
        if self.session is not None:
            self.session.ask("counts", load_view_counts, on_done=self.tree_model.set_view_counts)
            self.refresh_saved()

    def refresh_saved(self) -> None:
        """The saved searches and their counts again, on a worker."""
        if self.session is not None:
            self.session.ask("saved", load_saved, on_done=self.tree_model.set_saved)

    # --- search results in the list -----------------------------------------------------
    def _want_snippets(self, generation: int, ids: list[int]) -> None:
        """The list shows hits further down: their snippets are read from the files on a worker."""
        query = self.search.query
        if self.session is not None and query:  # the list model drops the snippets of older hits itself
            self.session.ask(
                None,
                Library.snippets,
                query,
                ids,
                on_done=lambda found: self.list_model.set_snippets(generation, found),
            )

    def _show_hits(self, query: str, hits: SearchResults) -> None:
        self.list_model.set_hits(hits)
        self._partial = not hits.complete
        self.reading.set_terms(query_words(query))
        if not hits:
            text = self.tr("No results for “{0}”").format(query)
        elif len(hits) >= SEARCH_LIMIT:
            text = self.tr("{0:,}+ results for “{1}”").format(len(hits), query)
        else:
            text = self.tr("%Ln result(s) for “{0}”", "", len(hits)).format(query)
        if not hits.complete:
            text += self.tr(
                ". The full text of {0:,} of {1:,} posts is indexed so far; the others are searched by title"
            ).format(hits.indexed, hits.total)
        self.search_info.setText(text)
        self.search_info.show()
        self.reading.select_current_row()

    def text_indexed(self) -> None:
        """A refresh ended: a search that covered only part of the text runs again over all of it."""
        if self.search.query and self._partial:
            self.search.run_now()

    def _search_failed(self, query: str, message: str) -> None:
        self.search_info.setText(message)
        self.search_info.show()
        self.message.emit(message, 5000)

    def _search_cleared(self) -> None:
        self.search_info.hide()
        self.reading.set_terms([])  # and the article loses its highlights
        self.reload_list()
