"""Window events as JSON lines on stderr (JIANBAO_TEST_LOG=1), for end-to-end tests and the GUI benchmark."""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

ENV = "JIANBAO_TEST_LOG"
TICK_MS = 10  # the stall meter's interval: a longer gap between ticks is time the loop could not run
STALL_MS = 100  # a gap longer than this is counted as a stall


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def log(event: str, **fields) -> None:
    if enabled():
        print("jianbao-test: " + json.dumps({"event": event, **fields}, ensure_ascii=False),
              file=sys.stderr, flush=True)


class StallMeter(QObject):
    """A 10 ms timer; the longest gap between its ticks is the longest the event loop was blocked."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.longest = 0.0
        self.stalls = 0
        self._last = time.perf_counter()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap, self._last = 1000 * (now - self._last), now
        self.longest = max(self.longest, gap)
        self.stalls += gap > STALL_MS

    def figures(self) -> dict[str, float]:
        return {"longest_stall_ms": round(self.longest, 1), "stalls_over_100ms": self.stalls}


class _FirstListPaint(QObject):
    """Reports the first paint of the article list that shows rows, once that paint is done."""

    def __init__(self, window, meter: StallMeter):
        super().__init__(window)
        self._window, self._meter = window, meter
        window.list.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._window.list_model.rowCount():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)  # runs once this paint event has been handled
        return False

    def _report(self) -> None:
        log("list-painted", time=time.time(), rows=self._window.list_model.rowCount(), **self._meter.figures())


def report_window(app, window, server) -> None:
    """What a test or benchmark needs to see from outside: titles, window counts, the socket, the
    first painted list, finished refreshes, and how long the event loop was ever blocked since now."""
    from reader.gui.main_window import MainWindow

    def windows() -> int:
        return sum(1 for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())

    meter = StallMeter(window)
    _FirstListPaint(window, meter)
    window.windowTitleChanged.connect(lambda title: log("title", title=title, windows=windows()))
    window.refresher.finished.connect(lambda report: log("refreshed", time=time.time(), **meter.figures()))
    if server is not None:
        log("listening", socket=server.full_name())
        server.requested.connect(lambda request: log("requested", cwd=request.cwd, paths=list(request.paths),
                                                     windows=windows()))
