"""The window opening a post over its per-file budget: the problem is shown, the window never hangs."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from reader.core import budget
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import N_POSTS, write_library

# Linear, but about 1.6 s of markdown-it: under the budget of the refresh process (4 s), over the
# 0.5 s this test gives the window's worker thread.
HEAVY = "---\ntitle: 方括号\ndate: 2030-01-01\n---\n" + "[" * 150_000 + "\n"


@pytest.mark.slow  # end to end: the window and its refresh process, each reading a file of 1.6 s of CPU
def test_clicking_a_post_over_its_budget_shows_the_problem(qtbot, tmp_path, monkeypatch):
    from reader.gui.main_window import MainWindow

    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.5)
    root = write_library(tmp_path / "lib")
    (root / "_posts" / "2030-01-01-heavy.md").write_text(HEAVY, encoding="utf-8")
    window = MainWindow(tmp_path / "data", runner=TaskRunner(), sample_dir=tmp_path / "no-sample")
    qtbot.addWidget(window)
    window.show()
    window.start(str(root))
    qtbot.waitUntil(
        lambda: window.list_model.rowCount() == N_POSTS + 2 and not window.refresher.running(), timeout=60000
    )
    row = next(r for r in range(window.list_model.rowCount()) if window.list_model.summary(r).title == "方括号")
    rect = window.list.visualRect(window.list_model.index(row, 0))
    began = time.monotonic()
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert time.monotonic() - began < 0.5  # the click returns at once: the post is read on a worker
    qtbot.waitUntil(
        lambda: window.reading.post is not None and "too complex" in window.view.toPlainText(), timeout=15000
    )
    shown = window.view.toPlainText()
    assert "too complex to read (over 0.5 s of CPU)" in shown and "[[[[" in shown
    assert window.reading.post.meta.title == "方括号"
