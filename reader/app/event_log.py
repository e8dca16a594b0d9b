"""Window events as JSON lines on stderr (JIANBAO_TEST_LOG=1), for end-to-end tests and the GUI benchmark.

Besides what happened (list painted, refreshed, article shown, focus moved, closing), the window
reports where its rows, tree nodes and fields are on the screen, so that a test on a real X server
can click them with real input events (tests/user).
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
import time

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QWidget

ENV = "JIANBAO_TEST_LOG"
TICK_MS = 10  # the stall meter's interval: a longer gap between ticks is time the loop could not run
STALL_MS = 100  # a gap longer than this is counted as a stall
LOGGED_GAP_MS = 50  # every gap longer than this is reported as a "stall" event of its own
LAYOUT_SETTLE_MS = 40  # the layout is reported this long after a paint (if it changed)
PANES = ("search", "tree", "articles", "article")  # object names of the widgets a test drives
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2  # list_model.SummaryRole, without importing the GUI here


def enabled() -> bool:
    return bool(os.environ.get(ENV))


_WRITING = threading.Lock()  # one event a line: print() writes the text and its newline apart


def log(event: str, **fields) -> None:
    if enabled():
        line = "jianbao-test: " + json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n"
        with _WRITING:
            sys.stderr.write(line)
            sys.stderr.flush()


class StallMeter(QObject):
    """A 10 ms timer; the longest gap between its ticks is the longest the event loop was blocked.

    Each gap over LOGGED_GAP_MS is also logged with its wall-clock end and the CPU time the UI
    thread spent in it: on a loaded machine a long gap with little CPU is the scheduler's, not ours.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.longest = 0.0
        self.stalls = 0
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap, self._last = 1000 * (now - self._last), now
        busy, self._last_cpu = 1000 * (cpu - self._last_cpu), cpu
        self.longest = max(self.longest, gap)
        self.stalls += gap > STALL_MS
        if gap > LOGGED_GAP_MS:
            log("stall", time=time.time(), ms=round(gap, 1), cpu_ms=round(busy, 1))

    def figures(self) -> dict[str, float]:
        return {"longest_stall_ms": round(self.longest, 1), "stalls_over_100ms": self.stalls}


def _pane(window: QWidget, name: str) -> QWidget | None:
    return window.findChild(QWidget, name)


class _FirstListPaint(QObject):
    """Reports the first paint of the article list that shows rows, once that paint is done."""

    def __init__(self, window, meter: StallMeter):
        super().__init__(window)
        self._list, self._meter = _pane(window, "articles"), meter
        self._list.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._list.model().rowCount():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)  # runs once this paint event has been handled
        return False

    def _report(self) -> None:
        log("list-painted", time=time.time(), rows=self._list.model().rowCount(), **self._meter.figures())


def _centre(widget: QWidget, point: QPoint | None = None) -> list[int]:
    """Global (screen) coordinates of a point of `widget` (its centre by default)."""
    at = widget.mapToGlobal(point if point is not None else widget.rect().center())
    return [at.x(), at.y()]


def _list_rows(view: QTableView) -> list[dict]:
    """The rows the list shows now: where to click each (in its title cell) and what it is."""
    model, port, selection = view.model(), view.viewport(), view.selectionModel()
    rows, row = [], view.rowAt(0)
    current = view.currentIndex().row()
    while 0 <= row < model.rowCount():
        rect = view.visualRect(model.index(row, 0))
        if rect.top() >= port.height():
            break
        summary = model.index(row, 0).data(SUMMARY_ROLE)
        rows.append(
            {
                "row": row,
                "title": model.index(row, 0).data() or "",
                "category": model.index(row, 2).data() or "" if model.columnCount() > 2 else "",
                "path": getattr(summary, "path", None),
                "at": _centre(port, rect.center()),
                "selected": selection.isRowSelected(row),
                "current": row == current,
            }
        )
        row += 1
    return rows


def _tree_nodes(tree: QAbstractItemView) -> list[dict]:
    """The tree's visible nodes: id, text, count (as shown), where to click, selected, expanded."""
    model, port, selection = tree.model(), tree.viewport(), tree.selectionModel()
    nodes, index = [], tree.indexAt(QPoint(1, 1))
    while index.isValid() and tree.visualRect(index).top() < port.height():
        count = model.index(index.row(), 1, index.parent()).data()
        nodes.append(
            {
                "id": model.node(index).id,
                "text": index.data() or "",
                "count": count,
                "at": _centre(port, tree.visualRect(index).center()),
                "selected": selection.isSelected(index),
                "expanded": tree.isExpanded(index),
            }
        )
        index = tree.indexBelow(index)
    return nodes


class _Layout(QObject):
    """Logs "layout" (window id, pane centres, visible rows and tree nodes in screen coordinates)
    whenever it changes; watched through paints, moves and resizes, read a moment after them."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._panes = {name: _pane(window, name) for name in PANES}
        self._last: dict | None = None
        self._timer = QTimer(self, singleShot=True, interval=LAYOUT_SETTLE_MS)
        self._timer.timeout.connect(self._report)
        window.installEventFilter(self)
        for name in ("tree", "articles"):
            self._panes[name].viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() in (QEvent.Type.Paint, QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show)
            and not self._timer.isActive()
        ):  # not restarted: paints in a steady stream still get reported
            self._timer.start()
        return False

    def _report(self) -> None:
        if not self._window.isVisible():
            return
        panes = {
            name: _centre(widget) for name, widget in self._panes.items() if widget is not None and widget.isVisible()
        }
        articles = self._panes["articles"]
        layout = {
            "window": int(self._window.winId()),
            "panes": panes,
            "rows": articles.model().rowCount(),
            "list": _list_rows(articles),
            "tree": _tree_nodes(self._panes["tree"]),
        }
        if layout != self._last:
            self._last = layout
            log("layout", time=time.time(), **layout)


def _visible_links(view) -> list[dict]:
    """The links the article view shows now: their text and where to click them. Only the blocks
    on screen are read, so a 500 KB post costs no more than a short one."""
    doc, port = view.document(), view.viewport()
    first = view.cursorForPosition(QPoint(0, 0)).block()
    last = view.cursorForPosition(QPoint(port.width() - 1, port.height() - 1)).block()
    links, block = [], first
    while block.isValid() and block.blockNumber() <= last.blockNumber():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                centre = view.cursorRect(cursor).center()
                if port.rect().contains(centre):
                    links.append({"text": fragment.text(), "at": _centre(port, centre)})
            fragments += 1
        block = block.next()
    return links


class _Article(QObject):
    """Logs "article" each time the article view's document changes: the post's path, the
    document's length (a view that shows the header first reports again with the body) and the
    links on screen."""

    def __init__(self, window: QWidget, meter: StallMeter):
        super().__init__(window)
        self._view, self._meter = _pane(window, "article"), meter
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._report)
        self._view.textChanged.connect(self._timer.start)

    def _report(self) -> None:
        post = self._view.current_post()
        log(
            "article",
            time=time.time(),
            path=post.meta.path if post is not None else None,
            chars=self._view.document().characterCount(),
            links=_visible_links(self._view),
            **self._meter.figures(),
        )


class _Closing(QObject):
    """Logs "closing" when the window is asked to close, before its own closeEvent runs."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Close:
            log("closing", time=time.time())
        return False


def _report_focus(app) -> None:
    """Logs "focus" with the pane (of PANES) the focus went to, or the widget's own name."""

    def moved(_old, new) -> None:
        widget, pane = new, None
        while widget is not None and pane is None:
            pane = widget.objectName() if widget.objectName() in PANES else None
            widget = widget.parentWidget()
        name = new.objectName() or type(new).__name__ if new is not None else None
        log("focus", pane=pane, widget=name)

    app.focusChanged.connect(moved)


def _report_refresh(window, meter: StallMeter) -> None:
    """Logs "refreshing" once per phase of a refresh, and "refreshed" when it is done."""
    phase = [""]

    def progressed(name: str, done: int, total: int) -> None:
        if name != phase[0]:
            phase[0] = name
            log("refreshing", time=time.time(), phase=name, done=done, total=total)

    def finished(_report) -> None:
        phase[0] = ""
        log("refreshed", time=time.time(), **meter.figures())

    window.refresher.progressed.connect(progressed)
    window.refresher.finished.connect(finished)


def _report_quitting() -> None:
    """Logs "quitting" when the event loop has ended, with the threads Python will wait for before it
    exits (every thread not a daemon, besides the main one)."""
    waits = [t.name for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()]
    log("quitting", time=time.time(), threads=waits)


def report_window(app, window, server) -> None:
    """What a test or benchmark needs to see from outside: titles, window counts, the socket, the
    first painted list, refreshes, articles shown, focus, the layout, every event-loop stall, and
    the steps of quitting (close event, end of the event loop, Python's exit)."""
    from reader.gui.main_window import MainWindow

    def windows() -> int:
        return sum(1 for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())

    meter = StallMeter(window)
    _FirstListPaint(window, meter)
    _Layout(window)
    _Article(window, meter)
    window.installEventFilter(_Closing(window))
    app.aboutToQuit.connect(_report_quitting)
    atexit.register(lambda: log("exiting", time=time.time()))  # Python's own clean-up begins
    _report_focus(app)
    _report_refresh(window, meter)
    search = window.findChild(QLineEdit, "search")
    search.textChanged.connect(lambda text: log("search-text", text=text))
    window.windowTitleChanged.connect(lambda title: log("title", title=title, windows=windows()))
    if server is not None:
        log("listening", socket=server.full_name())
        server.requested.connect(
            lambda request: log("requested", cwd=request.cwd, paths=list(request.paths), windows=windows())
        )
