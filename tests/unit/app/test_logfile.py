"""Tests for reader.app.logfile: a rotating log file with faulthandler's trace of a hard crash in it, and every
uncaught exception (in a slot, on another thread) logged and shown in one error dialog."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

import reader
from reader.app import logfile
from reader.app.logfile import report_failures_in_dialogs, start_logging
from reader.gui.error_dialog import ErrorDialog

REPO = Path(__file__).resolve().parents[3]


def _crash_after_logging(folder: Path, lines: int, max_bytes: int) -> str:
    code = textwrap.dedent(f"""
        import faulthandler, logging
        from pathlib import Path
        from reader.app import logfile
        logfile.MAX_BYTES = {max_bytes}
        logfile.start_logging(Path({str(folder)!r}))
        for n in range({lines}):
            logging.getLogger("test").info("line %d %s", n, "x" * 60)
        faulthandler._sigsegv()
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0  # it did crash
    return (folder / logfile.LOG_NAME).read_text(encoding="utf-8")


def test_a_hard_crash_leaves_its_trace_in_the_log_file(tmp_path):
    text = _crash_after_logging(tmp_path / "log", 3, logfile.MAX_BYTES)
    assert "INFO test: line 2" in text
    assert "Fatal Python error: Segmentation fault" in text and "most recent call first" in text


def test_the_log_rotates_and_the_crash_trace_follows_it(tmp_path):
    folder = tmp_path / "log"
    text = _crash_after_logging(folder, 400, 4000)
    backups = sorted(p.name for p in folder.iterdir())
    assert backups == ["jianbao.log", "jianbao.log.1", "jianbao.log.2", "jianbao.log.3"]
    assert all(p.stat().st_size <= 4000 for p in folder.iterdir())
    assert "Fatal Python error: Segmentation fault" in text  # in the current file, not a rotated one


@pytest.fixture
def reporter(qapp, tmp_path, monkeypatch):
    """Uncaught exceptions routed to the log file and the dialog, as the app does; hooks restored after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    log_file = start_logging(tmp_path / "log")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    report_failures_in_dialogs(qapp, log_file.parent)
    yield log_file, opened
    for dialog in [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]:
        dialog.close()
        dialog.deleteLater()
    __import__("faulthandler").disable()
    for handler in logging.getLogger().handlers:
        handler.close()


def _dialog() -> ErrorDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
    return shown[0] if shown else None


def test_an_uncaught_exception_in_a_slot_opens_the_dialog_and_is_logged(qtbot, reporter):
    log_file, opened = reporter

    def boom():
        raise ZeroDivisionError("division by zero in a slot")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: _dialog() is not None, timeout=3000)
    dialog = _dialog()
    assert "ZeroDivisionError: division by zero in a slot" in dialog.summary.text()
    assert str(log_file.parent) in dialog.summary.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"{reader.APP_NAME} {reader.__version__}") and "in boom" in copied
    assert dialog.isVisible()  # copying does not close it
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert opened == [str(log_file.parent)]
    logged = log_file.read_text(encoding="utf-8")
    assert "CRITICAL reader.app.logfile: uncaught exception" in logged and "division by zero in a slot" in logged


def test_an_exception_on_another_thread_reaches_the_same_dialog(qtbot, reporter):
    def boom(n):
        raise RuntimeError(f"failure {n} on a worker thread")

    for n in (1, 2):
        worker = threading.Thread(target=boom, args=(n,))
        worker.start()
        worker.join()
    qtbot.waitUntil(lambda: _dialog() is not None and "failure 2" in _dialog().details.toPlainText(), timeout=3000)
    assert "failure 1 on a worker thread" in _dialog().details.toPlainText()
    assert len([w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]) == 1
