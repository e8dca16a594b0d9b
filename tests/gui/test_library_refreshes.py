"""One refresh of a library at a time across the window: the background refresh of a library not shown
(libraries.py) and the window's own (refresher.py). A library clicked while its background refresh runs had
a second refresh at once, which on a big library waited 10 s for the first one's index writer and failed
("Cannot write the full-text index"); under All libraries a library still being refreshed was queued again."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from reader.app.open_paths import open_paths
from reader.core import Cancelled
from reader.gui import libraries, refresher
from tests.gui.helpers import click_menu
from tests.gui.test_libraries import HUGO, JEKYLL, _click_node, _start

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


class Refreshes:
    """refresh_in_process, counted by root: how many run at once, and each one's end. The background refresh
    of `held` waits (as a long one would) until released, or stops when cancelled, as between two chunks."""

    def __init__(self, monkeypatch, held):
        self.held, self.real = str(held), refresher.refresh_in_process  # conftest's: in this process
        self.lock, self.now, self.most = threading.Lock(), Counter(), Counter()
        self.ends: list[tuple[str, str, str]] = []  # (root, "window" or "background", "done" or "cancelled")
        self.holding, self.release = threading.Event(), threading.Event()
        monkeypatch.setattr(refresher, "refresh_in_process", self._counted("window"))
        monkeypatch.setattr(libraries, "refresh_in_process", self._counted("background"))
        monkeypatch.setattr(libraries, "FRESH_S", 0.0)  # a library refreshed a minute ago: refreshed again

    def _counted(self, who: str):
        def refresh(root, data_dir, progress, cancelled):
            root, end = str(root), "failed"
            with self.lock:
                self.now[root] += 1
                self.most[root] = max(self.most[root], self.now[root])
            try:
                if who == "background" and root == self.held:
                    self.holding.set()
                    while not self.release.wait(0.02):
                        if cancelled():
                            end = "cancelled"
                            raise Cancelled()
                report = self.real(root, data_dir, progress, cancelled)
                end = "done"
                return report
            finally:
                with self.lock:
                    self.now[root] -= 1
                    self.ends.append((root, who, end))

        return refresh

    def of(self, root) -> list[tuple[str, str]]:
        with self.lock:
            return [(who, end) for r, who, end in self.ends if r == str(root)]


def _errors_shown(window) -> list[str]:
    """From now on: each refresh the window says failed, and each message of the status bar saying so."""
    shown: list[str] = []
    window.statusBar().messageChanged.connect(
        lambda text: ("Could not" in text or "Cannot" in text) and shown.append(text)
    )
    window.refresher.failed.connect(shown.append)
    return shown


def _tree_errors(window) -> list[str]:
    """A library node whose index could not be refreshed or read says why in its tooltip, below its folder."""
    model, tops = window.tree_model, (window.tree_model.index(row, 0) for row in range(window.tree_model.rowCount()))
    return [tip for top in tops if (tip := model.data(top, Qt.ItemDataRole.ToolTipRole)) and "\n" in tip]


def _jekyll_held_behind_hugo(qtbot, make_window, monkeypatch) -> tuple:
    """jekyll refreshed by the window, then hugo shown: jekyll's background refresh runs, held."""
    refreshes = Refreshes(monkeypatch, JEKYLL)
    window = _start(make_window, qtbot, JEKYLL)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 5 and refreshes.of(JEKYLL) == [("window", "done")])
    open_paths(window, [str(HUGO)])  # as a second launch would
    qtbot.waitUntil(refreshes.holding.is_set, timeout=10000)
    qtbot.waitUntil(lambda: window.libraries.shown == str(HUGO) and refreshes.of(HUGO) == [("window", "done")])
    return window, refreshes


def test_a_library_clicked_while_its_background_refresh_runs_is_refreshed_once_at_a_time(
    qtbot, make_window, monkeypatch
):
    window, refreshes = _jekyll_held_behind_hugo(qtbot, make_window, monkeypatch)
    try:
        shown = _errors_shown(window)
        _click_node(qtbot, window, JEKYLL, f"libraryroot:{JEKYLL}")
        qtbot.waitUntil(lambda: refreshes.of(JEKYLL).count(("window", "done")) == 2 and not window.refresher.running())
        assert refreshes.most[str(JEKYLL)] == 1  # (it was 2: the window's beside the held one)
        qtbot.waitUntil(lambda: len(refreshes.of(HUGO)) == 2, timeout=10000)  # hugo's turn in the background
    finally:
        refreshes.release.set()
    # the background one gave way; the window's ran after it, never beside it
    assert refreshes.of(JEKYLL) == [("window", "done"), ("background", "cancelled"), ("window", "done")]
    assert refreshes.of(HUGO) == [("window", "done"), ("background", "done")]
    assert refreshes.most == {str(JEKYLL): 1, str(HUGO): 1}
    assert window.libraries.shown == str(JEKYLL) and window.list_model.rowCount() == 5
    assert shown == [] and _tree_errors(window) == []
    assert not window.progress.isVisible()


def test_a_library_being_refreshed_is_not_queued_again(qtbot, make_window, monkeypatch):
    window, refreshes = _jekyll_held_behind_hugo(qtbot, make_window, monkeypatch)
    try:
        shown = _errors_shown(window)
        _click_node(qtbot, window, "", "libraries:")  # All libraries: every library refreshed in the background
        qtbot.waitUntil(lambda: window.libraries.shown is None and window.list_model.rowCount() == 9, timeout=10000)
    finally:
        refreshes.release.set()
    qtbot.waitUntil(lambda: len(refreshes.of(HUGO)) == 2 and not window.libraries.busy_label.isVisible())
    assert refreshes.of(JEKYLL) == [("window", "done"), ("background", "done")]  # (it was refreshed again after)
    assert refreshes.of(HUGO) == [("window", "done"), ("background", "done")]

    # File ▸ Reload while jekyll's refresh runs: once more after it (its walk may have passed a change), not beside
    refreshes.release.clear()
    click_menu(qtbot, window, "&File", "&Reload")
    qtbot.waitUntil(lambda: refreshes.now[str(JEKYLL)] == 1, timeout=10000)
    click_menu(qtbot, window, "&File", "&Reload")
    refreshes.release.set()
    qtbot.waitUntil(lambda: len(refreshes.of(HUGO)) == 3 and not window.libraries.busy_label.isVisible())
    assert refreshes.of(JEKYLL) == [("window", "done")] + [("background", "done")] * 3
    assert refreshes.of(HUGO) == [("window", "done")] + [("background", "done")] * 2  # queued: once
    assert refreshes.most == {str(JEKYLL): 1, str(HUGO): 1}
    assert shown == [] and _tree_errors(window) == []
