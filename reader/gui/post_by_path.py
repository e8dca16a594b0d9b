"""Opening one post by its path (command line, a second launch, FileOpen): shown once indexed, else on its own."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core import Library
from .core_text import error_text


class PostByPath(QObject):
    """Shows the open library's post at a path, selected in an unfiltered list; a file the index does
    not have yet is shown as soon as the refresh running now has read it, and one that is no post
    (a README, a page) is read on a worker and shown on its own (`shownAlone`)."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it
    shownAlone = Signal(object)  # a Post of the library that is none of its posts

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._pending: str | None = None  # a post asked for by path, not yet in the index

    def show(self, path) -> None:
        window = self.window
        if window.library is None:
            return
        rel = window.library.path_of(path)
        if rel is None:
            self.message.emit(self.tr("{0} is not in this library").format(path), 8000)
            return
        window.search_edit.clear()
        window.quick_filter.clear()
        if window.browse.selected_node_ids() != ["all:"]:
            window.browse.select_nodes(["all:"])
        self._pending = rel
        self.retry()

    def forget(self) -> None:
        """The library closes: nothing is waiting any more."""
        self._pending = None

    def retry(self, final: bool = False) -> None:
        """The list was shown or a refresh ended (`final`): the post waiting may be in the index now."""
        rel = self._pending
        if rel is not None:
            self.window.reading.open_path(rel, then=lambda found: self._found(rel, found, final))

    def _found(self, rel: str, found: bool, final: bool) -> None:
        if self._pending != rel:
            return
        if found:
            self._pending = None
        elif final:  # indexed and still not a post: show the file on its own
            self._pending = None
            self._show_file(rel)
        else:
            self.window.refresh()  # a file new since the last refresh: the refresh finds it (or says it is no post)

    def _show_file(self, rel: str) -> None:
        """A file of the library that is none of its posts, read on a worker."""
        window = self.window
        window.reading.leave()
        window.reading.reset()

        def show(post) -> None:
            self.shownAlone.emit(post)
            self.message.emit(self.tr("{0} is not one of this library's posts; shown on its own").format(rel), 10000)

        window.session.ask(
            "post",
            Library.read_file,
            rel,
            on_done=show,
            on_error=lambda error: window.view.show_message(self.tr("This file cannot be shown"), error_text(error)),
        )
