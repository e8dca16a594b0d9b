"""`python -m bench.gui_probe LIBRARY DATA_DIR REPEAT`: drive the main window over a warm index and
print the list, article, stall and memory figures as one JSON line (run by bench/gui.py, offscreen)."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QTextBrowser

from reader.app.event_log import StallMeter
from reader.app.main import limit_malloc_arenas
from reader.gui.list_model import SummaryRole
from reader.gui.main_window import MainWindow

from .generate import BIG_POST, BIG_POST_500K

TIMEOUT_MS = 600_000
SEARCHES = ("经济", "新能源", "上合组织", '"新能源汽车出口"', "market", "ener*", "的")
SCROLL_STEPS = 200
BODY_SHARE = 0.5  # a post's body is shown when the view holds half as many characters as its file
AFTER_OPEN_S = 0.3  # the stall meter keeps watching this long after the body is shown


def _timed(request: Callable[[], object], signal, until: Callable[[], bool] = lambda: True) -> float:
    """Milliseconds from calling request() until `signal` is emitted (at a moment when until() holds),
    the event loop running meanwhile."""
    loop = QEventLoop()
    done: list[float] = []

    def finish(*_args) -> None:
        if not done and until():
            done.append(time.perf_counter())
            loop.quit()

    signal.connect(finish)
    timeout = QTimer(loop, singleShot=True, interval=TIMEOUT_MS)
    timeout.timeout.connect(loop.quit)
    timeout.start()
    start = time.perf_counter()
    request()
    if not done:
        loop.exec()
    signal.disconnect(finish)
    if not done:
        raise TimeoutError(f"no {signal} within {TIMEOUT_MS} ms")
    return 1000 * (done[0] - start)


def _until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def _biggest(window: MainWindow, section: str) -> str:
    """The id of the tree node with the most posts in a section (for the archive: a month)."""
    model = window.tree_model
    parent = model.section_index(section)
    nodes = [model.node(model.index(row, 0, parent)) for row in range(model.rowCount(parent))]
    if section == "archive":
        nodes = [month for year in nodes for month in year.children]
    return max(nodes, key=lambda node: node.count).id


def list_figures(window: MainWindow, repeat: int) -> dict[str, float]:
    """Filter by the biggest category, tag and month, and sort all posts by title and by date."""
    reset = window.list_model.modelReset
    nodes = {
        kind: _biggest(window, section)
        for kind, section in (("category", "category"), ("tag", "tag"), ("month", "archive"))
    }
    samples: dict[str, list[float]] = {}

    def sample(name: str, request: Callable[[], object]) -> None:
        samples.setdefault(name, []).append(_timed(request, reset))
        window.list.viewport().repaint()  # its layout and paint are not charged to the next request

    for _ in range(repeat):
        for kind, node in nodes.items():
            sample(f"list: filter by {kind} (ms)", lambda node=node: window.browse.select_nodes([node]))
    _timed(lambda: window.browse.select_nodes(["all:"]), reset)
    header = window.list.horizontalHeader()
    for _ in range(repeat):
        for name, column, order in (
            ("title", 0, Qt.SortOrder.AscendingOrder),
            ("date", 1, Qt.SortOrder.DescendingOrder),
        ):
            sample(
                f"list: sort all by {name} (ms)",
                lambda column=column, order=order: header.setSortIndicator(column, order),
            )
    return {name: statistics.median(values) for name, values in samples.items()}


class _BodyPainted(QObject):
    """Emits `painted` at the end of the first paint pass of `viewport` in which shown() holds: the pass is the
    window's UpdateRequest (every dirty widget painted, then flushed), run here inside the filter so that its end
    is known. Not an event posted from the paint: that one waited behind the events already queued, a later
    paint pass of the list's jump to the row included (5 ms at 100k, counted in some opens and not others)."""

    painted = Signal()

    def __init__(self, viewport, shown: Callable[[], bool]):
        super().__init__(viewport)
        self._shown = shown
        self._armed = False
        self._in_pass = False
        self._window = viewport.window()
        viewport.installEventFilter(self)
        self._window.installEventFilter(self)

    def remove(self) -> None:
        self.parent().removeEventFilter(self)
        self._window.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._window:
            if event.type() != QEvent.Type.UpdateRequest or self._armed:
                return False
            self._in_pass = True
            try:
                watched.event(event)  # the whole pass, painting and flushing, then whether it showed the body
            finally:
                self._in_pass = False
            if self._armed:
                self.painted.emit()
            return True
        if event.type() == QEvent.Type.Paint and not self._armed and self._shown():
            self._armed = True
            if not self._in_pass:  # painted outside a window's pass: its end is when the events queued are handled
                QCoreApplication.postEvent(self, QEvent(QEvent.Type.User), Qt.EventPriority.HighEventPriority.value)
        return False

    def customEvent(self, event) -> None:
        self.painted.emit()


def _open(window: MainWindow, lib: Path, path: str, request: Callable[[], object]) -> float:
    """Milliseconds from request() until the article view holds the body of the post at `path` and its
    first paint with it is over (the body may come after the header, from a worker): what the reader waits
    for, whatever else the window paints before or after it."""
    view = window.findChild(QTextBrowser, "article")
    body = BODY_SHARE * len((lib / path).read_text(encoding="utf-8"))

    def shown() -> bool:
        post = view.current_post()
        return post is not None and post.meta.path == path and view.document().characterCount() > body

    watcher = _BodyPainted(view.viewport(), shown)
    try:
        return _timed(request, watcher.painted)
    finally:
        watcher.remove()
        watcher.deleteLater()


def article_figures(window: MainWindow, lib: Path, repeat: int) -> dict[str, float]:
    """Open a ~5 KB post and the ~300 KB one: read and render (on a worker), show it, until its first paint is over."""
    library = window.library
    small = min((p for p in (lib / "_posts").iterdir() if 4500 < p.stat().st_size < 5500), key=lambda p: p.name)
    posts = {"5 KB": small.relative_to(lib).as_posix(), "300 KB": BIG_POST}
    samples: dict[str, list[float]] = {size: [] for size in posts}
    for _ in range(repeat):
        for size, path in posts.items():
            post_id = library.post_id(path)
            samples[size].append(_open(window, lib, path, lambda post_id=post_id: window.reading.open_post(post_id)))
            QApplication.processEvents()
    figures = {
        f"open article {size}: render + first paint (ms)": statistics.median(values) for size, values in samples.items()
    }
    for size, values in samples.items():  # each open's own time: a median that moves says which open moved
        figures |= {f"open article {size}: open {n} of {len(values)} (ms)": value for n, value in enumerate(values, 1)}
    return figures


def stall_figures(window: MainWindow, lib: Path) -> dict[str, float]:
    """Open the 500 KB post as the keyboard does (its row made current and selected) with a fresh stall
    meter running, and keep the meter running a little after its body is shown."""
    model = window.list.model()
    _until(lambda: model.rowCount() and model.index(0, 0).data(SummaryRole).path == BIG_POST_500K)  # newest
    window.list.viewport().repaint()
    meter = StallMeter()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    shown = _open(
        window, lib, BIG_POST_500K, lambda: window.list.selectionModel().setCurrentIndex(model.index(0, 0), flags)
    )
    end = time.perf_counter() + AFTER_OPEN_S
    _until(lambda: time.perf_counter() > end)
    return {
        "open article 500 KB: until its body is shown (ms)": shown,
        "open article 500 KB: longest event-loop stall (ms)": meter.longest,
    }


def memory_figures(window: MainWindow) -> dict[str, float]:
    """Scroll through the whole list, run several searches, then read this process's RSS."""
    bar = window.list.verticalScrollBar()
    for step in range(SCROLL_STEPS + 1):
        bar.setValue(bar.maximum() * step // SCROLL_STEPS)
        window.list.viewport().repaint()
    for query in SEARCHES:
        _timed(lambda query=query: (window.search_edit.setText(query), window.search.run_now()), window.search.results)
    _timed(window.search_edit.clear, window.list_model.modelReset)
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {
        f"GUI memory after browsing: {field} (MB)": int(status[field].split()[0]) * 1024 / 1e6  # kB
        for field in ("VmHWM", "VmRSS")
    }


def main(lib: str, data_dir: str, repeat: str) -> None:
    limit_malloc_arenas()  # as the app does
    app = QApplication([sys.argv[0]])
    window = MainWindow(data_dir)
    window.show()
    window.open_library(lib)
    _until(lambda: window.list_model.rowCount() and not window.refresher.running())
    figures = list_figures(window, int(repeat))
    warm_up = getattr(window.reading, "view_warm_up", None)  # done by now: the list figures take seconds
    _until(lambda: warm_up is None or warm_up.done)  # an open is timed on a settled window, as a reader clicks
    figures |= article_figures(window, Path(lib), int(repeat))
    figures |= stall_figures(window, Path(lib))
    figures |= memory_figures(window)
    window.close()
    app.processEvents()
    print(json.dumps(figures))


if __name__ == "__main__":
    main(*sys.argv[1:4])
