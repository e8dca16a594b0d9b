"""Opening a library whose index must be upgraded: the upgrade runs on a worker, the UI thread keeps going."""

from __future__ import annotations

import sqlite3
import threading
import time
from itertools import pairwise

from PySide6.QtCore import QTimer

from reader.core import collate
from reader.core.library import Library
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import write_library

N = 500


def test_an_index_with_old_title_keys_is_upgraded_off_the_ui_thread(
    make_window, tmp_path, data_dir, monkeypatch, qtbot
):
    root = write_library(tmp_path / "old", n_posts=N, broken=False)
    library = Library(root, data_dir=data_dir)
    library.refresh()
    library.close()
    with sqlite3.connect(library.index_file) as db:  # as an index made before the current sort keys
        db.execute("UPDATE info SET value = '0' WHERE key = 'collation'")
    assert Library.needs_upgrade(root, data_dir=data_dir)

    real_key, threads = collate.title_key, []

    def slow_key(title):  # 2 ms a title: the refill takes a second or more
        threads.append(threading.current_thread())
        time.sleep(0.002)
        return real_key(title)

    monkeypatch.setattr(collate, "title_key", slow_key)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    window = make_window(root, runner=TaskRunner())  # window.start(root), as a launch does
    qtbot.waitUntil(lambda: window.library is not None and window.list_model.rowCount() == N, timeout=30000)
    timer.stop()

    assert len(threads) >= N  # every title was keyed again ...
    assert threading.main_thread() not in threads  # ... and never on the UI thread
    gaps = [b - a for a, b in pairwise(ticks)]
    assert len(ticks) > 50 and max(gaps) < 0.4  # a blocking refill would stop the timer for 1 s
    assert not Library.needs_upgrade(root, data_dir=data_dir)
