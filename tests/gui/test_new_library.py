"""A new library of thousands of posts: the list fills while the metadata phase runs, and quitting
during the refresh is quick (workers are cancelled, not waited for)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from bench.generate import generate
from reader.gui import refresher
from reader.gui.tasks import TaskRunner

# End to end: the window, its refresh process and that process's worker pool over 6,000 generated
# posts (20-30 s of the `not slow` run on a loaded machine, for two tests).
pytestmark = [pytest.mark.slow, pytest.mark.refresh_process]

POSTS = 6000  # above the bulk-load threshold: the first build defers its indexes
QUIT_LIMIT_S = 0.3


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("generated"), POSTS)


def test_the_list_fills_while_the_metadata_phase_writes_its_batches(qtbot, make_window, generated, monkeypatch):
    monkeypatch.setattr(refresher, "LIST_EVERY_S", 0.1)
    window = make_window(generated, runner=TaskRunner())
    filled = []  # (rows, phase) of every list shown
    window.list_model.modelReset.connect(lambda: filled.append((window.list_model.rowCount(), window.refresher._phase)))
    qtbot.waitUntil(lambda: window.list_model.rowCount() == POSTS, timeout=120000)
    early = [rows for rows, phase in filled if 0 < rows < POSTS and phase == "metadata"]
    assert early, filled  # rows were shown before the phase ended, not only after it


def test_closing_during_a_refresh_takes_under_300_ms(qtbot, make_window, generated, tmp_path):
    window = make_window(generated, runner=TaskRunner(), data=tmp_path / "fresh-data")
    phases = []
    window.refresher.progressed.connect(lambda phase, done, total: phases.append(phase))
    qtbot.waitUntil(lambda: "metadata" in phases, timeout=60000)  # the indexing process is at work
    qtbot.waitUntil(lambda: window.list_model.rowCount() > 0, timeout=60000)
    row = window.list.visualRect(window.list_model.index(0, 0)).center()
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=10000)  # its place is written on closing
    assert window.refresher.running()
    started = time.perf_counter()
    window.close()
    took = time.perf_counter() - started
    print(f"close() during a refresh of {POSTS:,} posts took {took * 1000:.0f} ms")
    assert took < QUIT_LIMIT_S
    assert window.session is None and not window.runner.busy()
