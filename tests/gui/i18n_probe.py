"""Run by test_i18n_window in a subprocess under a given LANG: the real `jianbao` start (reader.app.main),
its window's menus, title, tree and list header reported as one JSON line once the library is listed."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from reader.app.main import main
from reader.gui.main_window import MainWindow


def _report(app: QApplication, deadline: float) -> None:
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    listed = bool(windows) and windows[0].list_model.rowCount() > 0
    if not listed and time.monotonic() < deadline:
        QTimer.singleShot(100, lambda: _report(app, deadline))
        return
    if not windows:
        app.quit()  # no window: the test fails on the missing report, with this process's stderr
        return
    window = windows[0]
    menus = {}
    for action in window.menuBar().actions():
        menus[action.text()] = [a.text() for a in action.menu().actions() if not a.isSeparator()]
    tree = window.tree.model()
    language_menu = window.findChild(QMenu, "languageMenu")
    print(
        json.dumps(
            {
                "title": window.windowTitle(),
                "display_name": app.applicationDisplayName(),
                "menus": menus,
                "language_menu": [(a.text(), a.isChecked()) for a in language_menu.actions()],
                "tree": [tree.index(r, 0).data() for r in range(tree.rowCount())],
                "header": [window.list_model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)],
                "dates": [window.list_model.index(r, 1).data() for r in range(window.list_model.rowCount())],
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    window.close()


if __name__ == "__main__":
    data_dir, library = sys.argv[1:3]
    application = QApplication([sys.argv[0]])
    QTimer.singleShot(0, lambda: _report(application, time.monotonic() + 60))  # what is there after 60 s
    sys.exit(main(["--data-dir", data_dir, "--new-instance", "--", library]))
