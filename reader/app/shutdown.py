"""Ending the app at once on Quit, Ctrl+C and SIGTERM: signals wake Qt's loop at once, child
processes that outlive the window are killed, the process leaves without tearing down, and a
deadline ends whatever still hangs."""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
from contextlib import suppress
from typing import NoReturn

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

DEADLINE_S = 1.0  # from the signal to the end of the process, children included


class SignalCloser(QObject):
    """Ctrl+C and SIGTERM close `window` properly (state saved) from inside the event loop.

    Python runs a handler only when the interpreter next gets control, and Qt's loop waits in C:
    signal.set_wakeup_fd writes to a socket that a QSocketNotifier watches, so the loop wakes at once
    (a 300 ms polling timer did this before). The close is posted, not run inside the handler, which
    could interrupt a query over the index halfway.
    """

    def __init__(self, app, window):
        super().__init__(app)
        self._window = window
        self._closed = False
        self._reader, writer = socket.socketpair()
        for end in (self._reader, writer):
            end.setblocking(False)
        self._writer = writer  # kept open: the C handler writes the signal number into it
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_signal)

    def closed(self) -> None:
        """The event loop has returned: a forced end after this is still an orderly one."""
        self._closed = True

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _on_signal(self, number, _frame) -> None:
        log.info("%s: closing", signal.Signals(number).name)
        deadline = threading.Timer(DEADLINE_S - 0.1, self._force_end)
        deadline.daemon = True
        deadline.start()
        QTimer.singleShot(0, self._window.close)

    def _force_end(self) -> None:
        log.warning("not ended %.1f s after the signal: child processes stopped, the process ended", DEADLINE_S)
        end_children()
        for handler in logging.getLogger().handlers:
            handler.flush()
        os._exit(0 if self._closed else 1)


def end_children() -> None:
    """Every child process still running is killed with its own children, not waited for: the only
    one is the refresh's, whose work the closed window has cancelled (the index is a cache, written
    in transactions; a killed refresh leaves it consistent, tests/reliability/test_faults.py)."""
    for child in multiprocessing.active_children():
        for pid in _descendants(child.pid) if child.pid else []:  # its indexing workers, not left orphaned
            _signal(pid, signal.SIGKILL)
        child.kill()
        child.join(0.1)  # reaped: gone from the process table before we are


def leave(code: int) -> NoReturn:
    """Ends the process after the event loop, skipping the interpreter's and Qt's teardown of every
    object (100-400 ms on the quit path). Safe because everything that must outlive the process is
    written before this: the closed window synced the settings and wrote the reading state on this
    thread (Session.close, including the write a worker had in hand), the index is a cache written in
    transactions, and the exit handlers run here (logging flushed and closed, the event log's last step).
    """
    end_children()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # closed or gone: nothing more can be said there
            pass
    os._exit(code)


def _descendants(pid: int) -> list[int]:
    """The processes below `pid` (Linux, from /proc; elsewhere none are found and the workers'
    own check of their parent ends them)."""
    parents: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        below = parents.get(todo.pop(), [])
        found += below
        todo += below
    return found


def _signal(pid: int, number: int) -> None:
    with suppress(OSError):  # gone already
        os.kill(pid, number)
