"""Failures visible without a terminal: a rotating log file, faulthandler into it, and a dialog for
any uncaught exception (in a slot, on the main thread or on another thread)."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal

LOG_NAME = "jianbao.log"
MAX_BYTES = 1024 * 1024  # a session that logs more than this keeps its last 4 MiB
BACKUPS = 3
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


class _LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log; faulthandler (a C-level crash: a segfault, an abort) writes into its stream,
    and follows it to the new file at each rollover."""

    def doRollover(self) -> None:
        faulthandler.enable(sys.__stderr__ or sys.stderr, all_threads=True)  # never into a closed file
        super().doRollover()
        if self.stream is not None:
            faulthandler.enable(self.stream, all_threads=True)


def start_logging(folder: Path) -> Path:
    """Log INFO and up to `folder`/jianbao.log (rotating) and to stderr, with faulthandler into the
    same file. Returns the log file; raises OSError if the folder cannot be made or written."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", errors="backslashreplace")
    handler.setFormatter(logging.Formatter(FORMAT))
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("jianbao: %(levelname)s: %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler, console], force=True)
    handler.stream.flush()
    faulthandler.enable(handler.stream, all_threads=True)
    return path


class FailureReporter(QObject):
    """Installed as sys.excepthook and threading.excepthook: each uncaught exception is logged with
    its traceback and `failed(summary, details)` is emitted, queued to the UI thread from any other."""

    failed = Signal(str, str)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = lambda args: self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("uncaught exception:\n%s", details.rstrip())
        self.failed.emit(f"{kind.__name__}: {value}", details)


def report_failures_in_dialogs(app, log_folder: Path) -> FailureReporter:
    """Route every uncaught exception to the log and to one ErrorDialog."""
    reporter = FailureReporter(app)
    dialog: list = []

    def show(summary: str, details: str) -> None:
        if not dialog:
            from reader.gui.error_dialog import ErrorDialog  # on the first failure: not on the start's way

            dialog.append(ErrorDialog(log_folder))  # no parent: it outlives any window
        dialog[0].add_failure(summary, details)

    reporter.failed.connect(show)
    reporter.install()
    return reporter
