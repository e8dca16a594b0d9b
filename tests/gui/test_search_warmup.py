"""The first search typed costs what the next ones do: each worker thread's handle warms its search
(Library.warm_search) once the first list is in, off the UI thread, and a search typed afterwards still finds
its posts."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core import Library
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import N_POSTS


def test_the_search_is_warmed_on_every_worker_and_a_search_typed_then_finds_its_posts(
    qtbot, make_window, library_dir, data_dir, monkeypatch
):
    library = Library(library_dir, data_dir=data_dir)
    library.refresh()  # a warm start: the text is indexed
    library.close()
    warmed: list[tuple[int, bool]] = []  # (thread, its handle's searcher open after the warm-up)
    warm_search = Library.warm_search

    def watched(self: Library) -> None:
        warm_search(self)
        warmed.append((threading.get_ident(), self._store()._fulltext._searcher is not None))

    monkeypatch.setattr(Library, "warm_search", watched)
    runner = TaskRunner()
    window = make_window(library_dir, runner=runner)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 1, timeout=10000)
    # The workers' warm-up ends (each thread warmed, or its tries used up) before the view's starts.
    qtbot.waitUntil(lambda: window.reading.view_warm_up.started, timeout=30000)
    threads = [thread for thread, _ in warmed]
    assert threads and len(set(threads)) == len(threads) <= runner.threads()  # on workers, each once
    assert threading.main_thread().ident not in threads  # never on the UI thread
    assert all(opened for _, opened in warmed)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.search_edit
    qtbot.keyClicks(window.search_edit, "panda")  # only in the body of 第5篇 (QTest cannot type CJK)
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() == 1, timeout=5000)
    assert window.list_model.summary(0).title == "第5篇 报道 wenhua"
    assert len(warmed) == len(threads)  # the search warmed nothing again
