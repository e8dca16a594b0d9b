"""Run by test_surface in a subprocess with a given offscreen screen: the real window's first run on
the finews corpus, reported as one JSON line (window and column sizes, the scroll bar, the categories)."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from reader.gui.main_window import MainWindow
from reader.gui.tasks import SyncTaskRunner
from tests.gui.helpers import CORPUS_FINEWS


def main(data_dir: str) -> None:
    app = QApplication([])
    window = MainWindow(data_dir, runner=SyncTaskRunner())
    window.show()
    window.start(str(CORPUS_FINEWS))
    QTimer.singleShot(300, app.quit)  # let the layout settle as it would on screen
    app.exec()
    view, model = window.list, window.list_model
    bold = QFont(view.font())
    bold.setBold(True)
    categories = sorted({model.index(r, 2).data() for r in range(model.rowCount())})
    print(json.dumps({
        "screen": list(window.screen().availableGeometry().getRect()),
        "window": [window.width(), window.height()],
        "viewport": view.viewport().width(),
        "columns": [view.columnWidth(c) for c in range(3)],
        "scroll_max": view.horizontalScrollBar().maximum(),
        "categories": categories,
        "widest_category": max(QFontMetrics(bold).horizontalAdvance(c) for c in categories),
    }, ensure_ascii=False))
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
