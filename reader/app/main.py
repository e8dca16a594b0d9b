"""The `jianbao` command: parse the command line, hand off to a running instance or start the app."""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import os
import sys
from collections.abc import Sequence

import reader

from ..paths import AppPaths

log = logging.getLogger(__name__)
# The cycle collector is off from the start until the first list is shown, at most this long (resume_collector_when).
COLLECTOR_PAUSE_MS = 5000


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """`jianbao [--data-dir DIR] [--new-instance] [PATH ...]`; after `--` nothing is read as an option."""
    parser = argparse.ArgumentParser(prog="jianbao", description=f"{reader.APP_NAME}: read a folder of posts.")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the index, reading state, settings and log under DIR (for tests and bug reports)",
    )
    parser.add_argument(
        "--new-instance", action="store_true", help="open a new window even if Jianbao is already running"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {reader.__version__}")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="a library folder, or a post file (its library opens and shows it)"
    )
    args = parser.parse_args(argv)
    args.library = args.paths[0] if args.paths else None  # the single-library form of older callers
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status: 0 success, 1 failure (the data folder is unusable, an error stopped the start),
    2 usage error (argparse)."""
    multiprocessing.freeze_support()  # a frozen app's indexing workers re-enter here
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.for_user(args.data_dir)
    gc.disable()  # until the window's first list is shown (resume_collector_when), or the end
    try:
        return _start(args, paths)
    finally:
        gc.enable()


def _start(args: argparse.Namespace, paths: AppPaths) -> int:
    log_file = _start_logging(paths)
    try:
        for folder in (paths.data, paths.config):
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"jianbao: cannot use the data folder {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    try:
        return _run(args, paths)
    except Exception:
        log.exception("the app stopped on an error")
        print(f"jianbao: stopped on an error; the details are in {log_file or 'the messages above'}", file=sys.stderr)
        return 1


def _start_logging(paths: AppPaths):
    """The log file in the log folder (None if it cannot be written: then stderr only)."""
    from .logfile import start_logging  # imports Qt: after the command line, so --version stays instant

    try:
        return start_logging(paths.log)
    except OSError as error:
        logging.basicConfig(level=logging.INFO, format="jianbao: %(levelname)s: %(name)s: %(message)s")
        log.warning("no log file in %s: %s", paths.log, error)
        return None


def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        cwd = os.getcwd()
    except OSError:  # the caller's folder was deleted: relative paths are refused, never guessed
        cwd = ""
    limit_malloc_arenas()
    from reader.gui.refresh_process import prestart

    prestart()  # the refresh's process imports the core while Qt and the window start (issue 10)
    from PySide6.QtWidgets import QApplication

    from . import event_log, ipc
    from .logfile import report_failures_in_dialogs
    from .open_paths import FileOpenFilter, open_paths, reopen_last
    from .shutdown import SignalCloser, leave

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "jianbao"])
    app.setApplicationName("jianbao")
    _install_language(app, paths)
    app.setApplicationVersion(reader.__version__)
    app.setDesktopFileName(reader.APP_ID)
    # Before any window: Finder's FileOpen for the double-click that launched us comes during start-up.
    file_open = FileOpenFilter(app)
    app.installEventFilter(file_open)
    report_failures_in_dialogs(app, paths.log)

    server = None
    if not args.new_instance:
        name = ipc.socket_name(args.data_dir)
        if name and ipc.send_to_running(name, cwd, args.paths):
            event_log.log("handed-off", paths=args.paths)
            return 0
        server = ipc.Server(name, app) if name else None
        if server is not None and not server.listen():
            server = None  # still usable, just not a single instance

    from reader.gui.main_window import MainWindow

    window = MainWindow(args.data_dir)
    resume_collector_when(window.browse.listed)
    if event_log.enabled():
        event_log.report_window(app, window, server)
    closer = SignalCloser(app, window)
    window.show()
    first = list(args.paths) + file_open.take_pending()
    targets = open_paths(window, first, cwd) if first else []
    if not any(t.kind != "error" for t in targets):
        reopen_last(window)
    if server is not None:
        server.requested.connect(lambda request: open_paths(window, request.paths, request.cwd, activate=True))
    file_open.set_handler(lambda files: open_paths(window, files, None, activate=True))
    code = app.exec()
    closer.closed()
    leave(code)  # now, before the window's teardown: its thread pool would wait for a running task


def resume_collector_when(listed) -> None:
    """Python's cycle collector, turned off by main() before its imports, back on once `listed` (the window's first
    list is shown) or after COLLECTOR_PAUSE_MS, what start-up made frozen first (gc.freeze: out of every later
    collection). Start-up makes objects by the ten thousand (modules, classes, Qt's enums) and next to no garbage: at
    100k posts its 97 collections took 19-20 ms of the UI thread's 0.42-0.45 s to the first list painted, and a full
    collection then found 16 unreachable objects among 48,812 (20 ms; frozen, they are not gone through again). A
    frozen cycle that turns to garbage later is not collected: another library opened after the first left 4 such
    objects (106 collected)."""
    from PySide6.QtCore import QTimer

    def resume() -> None:
        listed.disconnect(resume)
        _collector_on()

    listed.connect(resume)
    QTimer.singleShot(COLLECTOR_PAUSE_MS, _collector_on)  # no list comes (no library, the sample missing)


def _collector_on() -> None:
    if not gc.isenabled():
        gc.freeze()  # else the first collection went through all start-up made: 15 ms right after the list's paint
        gc.enable()


def _install_language(app, paths: AppPaths) -> None:
    """The translators, before any window or dialog: the system's language or View ▸ Language's choice."""
    from reader.gui import i18n

    from .. import settings as S

    i18n.install(app, S.Settings(paths.config).preferences.get(S.LANGUAGE))
    app.setApplicationDisplayName(i18n.app_name())


def limit_malloc_arenas() -> None:
    """Before any thread starts: glibc gives each thread an arena of its own and keeps there what
    the task helper's threads free; at 100k posts that held 60-90 MB more after scrolling the list.
    The same as MALLOC_ARENA_MAX=2 from outside."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # absent from C libraries other than glibc
    if mallopt is not None:
        mallopt(-8, 2)  # M_ARENA_MAX
