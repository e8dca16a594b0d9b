"""Failures visible without a terminal (issue 11): the log file, faulthandler into it, the error dialog,
Help ▸ Open Log Folder, --version and the exit codes of both commands."""

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
from PySide6.QtWidgets import QApplication, QMenu

import reader
from reader.app import logfile
from reader.app.logfile import report_failures_in_dialogs, start_logging
from reader.gui.error_dialog import ErrorDialog
from tests.corpus import CORPUS

REPO = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def _command(script: str, module: str) -> list[str]:
    """The installed console script when there is one (what users run), else `python -m`."""
    installed = BIN / script
    return [str(installed)] if installed.exists() else [sys.executable, "-m", module]


def run(script: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    module = {"jianbao": "reader", "jianbao-cli": "reader.cli"}[script]
    return subprocess.run(_command(script, module) + list(args), capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}, **kwargs)


@pytest.mark.parametrize("script", ["jianbao", "jianbao-cli"])
def test_version(script):
    proc = run(script, "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"{script} {reader.__version__}"


@pytest.mark.corpus
@pytest.mark.parametrize("script, args", [
    ("jianbao", ["--no-such-option"]),
    ("jianbao-cli", []),
    ("jianbao-cli", ["frobnicate", "x"]),
    ("jianbao-cli", ["list"]),
    ("jianbao-cli", ["search", str(CORPUS / "finews"), "q", "--limit", "many"]),
])
def test_usage_errors_exit_2(script, args):
    proc = run(script, *args)
    assert proc.returncode == 2, proc.stderr
    assert "usage:" in proc.stderr and "Traceback" not in proc.stderr


def test_jianbao_fails_with_1_and_one_line_when_its_data_folder_cannot_be_made(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    proc = run("jianbao", "--data-dir", str(blocker), "--new-instance")
    assert proc.returncode == 1, proc.stderr
    assert "jianbao: cannot use the data folder" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.corpus
def test_jianbao_cli_success_0_failure_1(tmp_path):
    assert run("jianbao-cli", "--data-dir", str(tmp_path), "list", str(CORPUS / "finews")).returncode == 0
    failed = run("jianbao-cli", "--data-dir", str(tmp_path), "list", str(tmp_path / "no such library"))
    assert failed.returncode == 1 and failed.stderr.startswith("jianbao-cli: ")


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
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())
                                                                 or True))
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


def _click_menu_item(qtbot, window, menu_title: str, item_text: str) -> None:
    """Open a menu of the menu bar with a mouse click, then click one of its items."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu: QMenu = top.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    item = next(a for a in menu.actions() if a.text().replace("&", "") == item_text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")  # offscreen menus
def test_help_open_log_folder(qtbot, make_window, data_dir, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())
                                                                 or True))
    window = make_window()
    _click_menu_item(qtbot, window, "Help", "Open Log Folder")
    qtbot.waitUntil(lambda: bool(opened), timeout=2000)
    assert opened == [str(Path(data_dir).resolve() / "log")]
    assert (Path(data_dir) / "log").is_dir()
