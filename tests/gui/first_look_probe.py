"""Run by test_surface in a subprocess with a given offscreen screen: the real window's first run on
the finews corpus, reported as one JSON line (window and column sizes, the scroll bar, the categories)."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from reader.gui.main_window import MainWindow
from reader.gui.tasks import SyncTaskRunner
from tests.gui.helpers import CORPUS_FINEWS


def _wait(app: QApplication, done, seconds: float = 10) -> None:
    """Run the event loop until done() holds (or time is up), then a little longer for the layout."""
    deadline = time.monotonic() + seconds  # not app.exec(): quitting it would close the window's library
    settled = None
    while time.monotonic() < deadline and (settled is None or time.monotonic() < settled):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if settled is None and done():
            settled = time.monotonic() + 0.2


def main(data_dir: str) -> None:
    app = QApplication([])
    window = MainWindow(data_dir, runner=SyncTaskRunner())
    window.show()
    window.start(str(CORPUS_FINEWS))
    _wait(app, lambda: bool(window.list_model.category_labels))
    view, model = window.list, window.list_model
    bold = QFont(view.font())
    bold.setBold(True)
    categories = sorted({model.index(r, 2).data() for r in range(model.rowCount())})
    found = {
        "screen": list(window.screen().availableGeometry().getRect()),
        "window": [window.width(), window.height()],
        "viewport": view.viewport().width(),
        "columns": [view.columnWidth(c) for c in range(3)],
        "scroll_max": view.horizontalScrollBar().maximum(),
        "categories": categories,
        "widest_category": max(QFontMetrics(bold).horizontalAdvance(c) for c in categories),
    }
    window.search_edit.setText("经济")  # what the user typed; the layout is what is measured here
    _wait(app, model.searching)
    found["search_rows"] = model.rowCount() if model.searching() else -1
    found["search_columns"] = [view.columnWidth(c) for c in range(4)]
    found["search_scroll_max"] = view.horizontalScrollBar().maximum()
    print(json.dumps(found, ensure_ascii=False))
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
