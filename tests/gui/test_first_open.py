"""The first article opened costs what the next ones do: the view's warm-up after the list, and the list row
found without a map of every row."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from reader.core import Library
from reader.gui import article_warmup
from reader.gui.article_warmup import ArticleWarmUp, characters
from reader.gui.list_model import MAP_PIECE, ArticleListModel
from reader.gui.tasks import TaskRunner

_watch: dict = {"on": False, "opened": []}


def _audit(event: str, args: tuple) -> None:
    # An audit hook cannot be removed: it records only while a warm-up piece runs on the UI thread.
    if _watch["on"] and threading.current_thread() is threading.main_thread() and event in ("open", "os.scandir"):
        _watch["opened"].append((event, str(args[0])))


sys.addaudithook(_audit)


class _ListPaints(QObject):
    """Counts the list's paints made while it had rows."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.with_rows = window, 0
        window.list.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.window.list_model.rowCount():
            self.with_rows += 1
        return False


def test_the_view_warm_up_runs_after_the_list_painted_reads_nothing_and_shows_nothing(
    qtbot, make_window, library_dir, data_dir, monkeypatch
):
    library = Library(library_dir, data_dir=data_dir)
    library.refresh()  # a warm start: the first list has rows
    library.close()
    pieces: list[tuple[int, int]] = []  # (list paints with rows before it, rows fetched from the index during it)
    fetched: list[int] = []
    draw = ArticleWarmUp._draw

    def watched_draw(self, piece: str) -> None:
        fetches = len(fetched)
        _watch["on"] = True
        try:
            draw(self, piece)
        finally:
            _watch["on"] = False
        pieces.append((paints.with_rows, len(fetched) - fetches))

    monkeypatch.setattr(ArticleWarmUp, "_draw", watched_draw)
    window = make_window(library_dir, runner=TaskRunner(), start=False)
    paints = _ListPaints(window)
    fetch = window.list_model._fetch
    window.list_model._fetch = lambda ids: (fetched.append(len(ids)), fetch(ids))[1]
    done = []
    window.reading.view_warm_up.finished.connect(lambda: done.append(True))
    shown_before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    window.start(str(library_dir))
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    expected = 3 + -(-len(characters(window.list_model.cached_titles())) // article_warmup.PIECE)
    assert len(pieces) == expected  # the fonts' pieces, then every character once
    assert all(painted >= 1 for painted, _ in pieces)  # after the list painted its rows, never before
    assert all(rows == 0 for _, rows in pieces)  # no list row read from the index meanwhile
    assert _watch["opened"] == []  # nor any file
    assert window.view.current_post() is None and "测试剪报" in window.view.toPlainText()  # the summary, as it was
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == shown_before


def test_the_warm_up_characters_are_the_titles_first_then_the_common_ones_once_each():
    text = characters(["新能源 汽车", "汽车出口"])
    assert text.startswith("新能源汽车出口")  # no spaces, nothing twice
    assert len(text) == len(set(text)) and "的" in text and "A" in text and "，" in text


def test_the_rows_are_mapped_a_piece_at_a_time_after_the_list_changed(qtbot):
    model = ArticleListModel()
    ids = list(range(3 * MAP_PIECE + 5, 0, -1))
    model.set_ids(ids)
    assert model._mapped == 0  # not while the list is set: its paint comes first
    qtbot.waitUntil(lambda: model._mapped == len(ids), timeout=10000)
    assert model.row_of(1) == len(ids) - 1 and model.row_of(len(ids)) == 0 and model.row_of(0) == -1
    model.set_ids([7, 8])
    assert model.row_of(8) == 1 and model.row_of(1) == -1  # asked before its map is made: made at once
    model.set_ids(ids[: MAP_PIECE + 1])
    qtbot.waitUntil(lambda: model._mapped == MAP_PIECE + 1, timeout=10000)
    assert model.row_of(ids[MAP_PIECE]) == MAP_PIECE and model.row_of(7) == -1
