"""Tests for reader.app.event_log: JSON lines on stderr only when JIANBAO_TEST_LOG is set; the stall meter
counts the event loop's longest block; a window reports what a user-level test needs (typed search text,
titles, the layout of its panes, closing), driven here by real key events on a real window."""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from reader.app import event_log


def _events(text: str) -> list[dict]:
    prefix = "jianbao-test: "
    return [json.loads(line[len(prefix) :]) for line in text.splitlines() if line.startswith(prefix)]


def test_nothing_is_logged_unless_asked(monkeypatch, capfd):
    monkeypatch.delenv(event_log.ENV, raising=False)
    event_log.log("title", title="x")
    assert not event_log.enabled() and capfd.readouterr().err == ""


def test_an_event_is_one_json_line_on_stderr(monkeypatch, capfd):
    monkeypatch.setenv(event_log.ENV, "1")
    event_log.log("requested", paths=["/库/文章.md"], windows=1)
    out, err = capfd.readouterr()
    assert out == "" and err == 'jianbao-test: {"event": "requested", "paths": ["/库/文章.md"], "windows": 1}\n'


def test_events_from_several_threads_stay_one_a_line(monkeypatch, capfd):
    """The UI thread and a worker log at once: each event is a whole line (an e2e run once read two
    events on one line, "Extra data", when print() wrote a text and its newline apart)."""
    monkeypatch.setenv(event_log.ENV, "1")

    def many(name: str) -> None:
        for n in range(300):
            event_log.log(name, n=n, text="文" * 50)

    threads = [threading.Thread(target=many, args=(f"t{k}",)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = _events(capfd.readouterr().err)
    assert len(events) == 1200 and {e["event"] for e in events} == {"t0", "t1", "t2", "t3"}


@contextmanager
def _logging(monkeypatch):
    """JIANBAO_TEST_LOG set for the test's own actions only: the events Qt delivers between a test's
    phases (pytest-qt processes them outside any capture) are not printed."""
    monkeypatch.setenv(event_log.ENV, "1")
    try:
        yield
    finally:
        monkeypatch.delenv(event_log.ENV)


def test_the_stall_meter_measures_a_blocked_event_loop(capfd, qtbot, monkeypatch):
    meter = event_log.StallMeter()
    try:
        with _logging(monkeypatch):
            qtbot.wait(50)
            QTimer.singleShot(0, lambda: time.sleep(0.2))  # the UI thread blocked for 200 ms
            qtbot.wait(100)
        figures = meter.figures()
    finally:
        meter.deleteLater()  # its timer stops with it
    assert figures["longest_stall_ms"] >= 190 and figures["stalls_over_100ms"] >= 1
    stalls = [e for e in _events(capfd.readouterr().err) if e["event"] == "stall"]
    assert any(e["ms"] >= 190 for e in stalls) and all({"time", "ms", "cpu_ms"} <= e.keys() for e in stalls)


@pytest.fixture
def logged_window(make_window, library_dir, qtbot, qapp):
    """A window with library_dir open whose events are reported (printed while _logging is on)."""
    window = make_window(library_dir)
    qtbot.waitUntil(lambda: window.library is not None and window.refresher is not None, timeout=5000)
    event_log.report_window(qapp, window, None)
    return window


def test_a_window_reports_typed_search_text_and_its_layout(logged_window, qtbot, capfd, monkeypatch):
    search = logged_window.findChild(QLineEdit, "search")
    with _logging(monkeypatch):
        qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(search, "ab")
        logged_window.resize(logged_window.width() + 40, logged_window.height())
        qtbot.wait(event_log.LAYOUT_SETTLE_MS * 4)
    events = _events(capfd.readouterr().err)
    assert [e["text"] for e in events if e["event"] == "search-text"][-2:] == ["a", "ab"]
    layouts = [e for e in events if e["event"] == "layout"]
    assert layouts and layouts[-1]["window"] == int(logged_window.winId())
    assert {"search", "tree", "articles"} <= layouts[-1]["panes"].keys()
    library = logged_window.library
    paths = {s.path for s in library.summaries(library.list_ids())}
    shown = layouts[-1]["list"]
    assert layouts[-1]["rows"] == len(paths) and shown  # every post listed, the visible ones reported
    assert all(row["path"] in paths and row["title"] and len(row["at"]) == 2 for row in shown)


def test_a_window_reports_its_title_and_its_closing(logged_window, qtbot, capfd, monkeypatch):
    with _logging(monkeypatch):
        logged_window.setWindowTitle("剪报 — test")
        logged_window.close()
    events = _events(capfd.readouterr().err)
    assert {"event": "title", "title": "剪报 — test", "windows": 1} in events
    assert any(e["event"] == "closing" for e in events)
