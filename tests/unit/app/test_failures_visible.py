"""Failures visible without a terminal (issue 11): Help ▸ Open Log Folder, --version and the exit codes of both
commands. The log file, faulthandler into it and the error dialog are tested in test_logfile.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu

import reader
from tests.corpus import CORPUS

BIN = Path(sys.executable).parent


def _command(script: str, module: str) -> list[str]:
    """The installed console script when there is one (what users run), else `python -m`."""
    installed = BIN / script
    return [str(installed)] if installed.exists() else [sys.executable, "-m", module]


def run(script: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    module = {"jianbao": "reader", "jianbao-cli": "reader.cli"}[script]
    return subprocess.run(
        _command(script, module) + list(args),
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        **kwargs,
    )


@pytest.mark.parametrize("script", ["jianbao", "jianbao-cli"])
def test_version(script):
    proc = run(script, "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"{script} {reader.__version__}"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "script, args",
    [
        ("jianbao", ["--no-such-option"]),
        ("jianbao-cli", []),
        ("jianbao-cli", ["frobnicate", "x"]),
        ("jianbao-cli", ["list"]),
        ("jianbao-cli", ["search", str(CORPUS / "finews"), "q", "--limit", "many"]),
    ],
)
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
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    window = make_window()
    _click_menu_item(qtbot, window, "Help", "Open Log Folder")
    qtbot.waitUntil(lambda: bool(opened), timeout=2000)
    assert opened == [str(Path(data_dir).resolve() / "log")]
    assert (Path(data_dir) / "log").is_dir()
