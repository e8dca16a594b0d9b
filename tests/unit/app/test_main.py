"""Tests for reader.app.main, the `jianbao` command, in this process: its command line, --version, usage
errors (exit 2) and an unusable data folder (exit 1, one line naming it). Starting the real app is
tests/e2e's (test_single_instance, test_app_ends_and_logs)."""

from __future__ import annotations

import faulthandler
import gc
import logging
import sys

import pytest

import reader
from reader.app import main as main_module
from reader.app.main import main, parse_args


@pytest.fixture(autouse=True)
def _keep_logging(monkeypatch):
    """main() configures the root logger and points faulthandler at its log file: put both back after each test."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    crash_traces = faulthandler.is_enabled()
    yield
    for handler in root.handlers:
        handler.close()
    faulthandler.disable()  # never into the closed log file
    if crash_traces:
        faulthandler.enable(sys.__stderr__, all_threads=True)


def test_paths_and_options():
    args = parse_args(["--data-dir", "/tmp/d", "--new-instance", "博客", "a.md"])
    assert (args.data_dir, args.new_instance, args.paths, args.library) == ("/tmp/d", True, ["博客", "a.md"], "博客")
    args = parse_args([])
    assert (args.data_dir, args.new_instance, args.paths, args.library) == (None, False, [], None)


def test_command_line_paths_after_double_dash_are_never_options():
    args = parse_args(["--data-dir", "/tmp/d", "--", "--looks-like-an-option"])
    assert args.data_dir == "/tmp/d" and args.library == "--looks-like-an-option"
    assert parse_args([]).library is None


def test_version_is_printed_and_exits_0(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["--version"])
    assert ended.value.code == 0 and capsys.readouterr().out == f"jianbao {reader.__version__}\n"


def test_an_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["--no-such-option"])
    err = capsys.readouterr().err
    assert ended.value.code == 2 and err.startswith("usage: jianbao") and "--no-such-option" in err


def test_a_data_folder_that_cannot_be_made_is_exit_1_with_one_line(tmp_path, capsys, monkeypatch):
    started: list[object] = []
    monkeypatch.setattr(main_module, "_run", lambda *args: started.append(args) or 0)  # never reached
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert main(["--data-dir", str(blocker), "--new-instance"]) == 1
    err = capsys.readouterr().err
    assert f"jianbao: cannot use the data folder {blocker / 'data'}" in err and "Traceback" not in err
    assert started == []


def test_an_error_that_stops_the_start_is_exit_1_pointing_to_the_log(tmp_path, capsys, monkeypatch):
    def fail(*_args):
        raise RuntimeError("no display")

    monkeypatch.setattr(main_module, "_run", fail)
    assert main(["--data-dir", str(tmp_path / "data"), "--new-instance"]) == 1
    log_file = tmp_path / "data" / "log" / "jianbao.log"
    assert f"jianbao: stopped on an error; the details are in {log_file}" in capsys.readouterr().err
    assert "RuntimeError: no display" in log_file.read_text(encoding="utf-8")


def test_the_collector_paused_at_the_start_is_back_once_the_first_list_is_shown(qtbot, monkeypatch):
    from PySide6.QtCore import QObject, Signal

    class Browsing(QObject):
        listed = Signal()

    browse = Browsing()
    monkeypatch.setattr(main_module, "COLLECTOR_PAUSE_MS", 60_000)
    gc.disable()  # as main() does before its imports
    try:
        main_module.resume_collector_when(browse.listed)
        qtbot.wait(10)
        assert not gc.isenabled()
        browse.listed.emit()
        assert gc.isenabled() and gc.get_freeze_count()  # what start-up made is out of later collections
        gc.disable()
        browse.listed.emit()  # a later list leaves it alone: connected once
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_collector_is_back_after_a_while_when_no_list_comes(qtbot, monkeypatch):
    from PySide6.QtCore import QObject, Signal

    class Browsing(QObject):
        listed = Signal()

    browse = Browsing()
    monkeypatch.setattr(main_module, "COLLECTOR_PAUSE_MS", 20)
    gc.disable()
    try:
        main_module.resume_collector_when(browse.listed)
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=2000)
    finally:
        gc.unfreeze()
        gc.enable()
