"""Tests for reader.app.shutdown: SIGTERM closes the window from inside Qt's event loop at once; leaving
runs the exit handlers, kills child processes with their own children and ends with the given code; a
close that hangs is ended by the deadline."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from reader.app import shutdown
from tests.reliability.helpers import alive, wait_for

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not Path("/proc").is_dir(), reason="POSIX signals and /proc"
)


@pytest.fixture
def restored_signals():
    """The test process's own signal handlers and wakeup fd, put back after the test."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    signal.set_wakeup_fd(-1)
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def test_sigterm_closes_the_window_from_the_event_loop(qtbot, qapp, restored_signals, monkeypatch):
    deadlines: list[str] = []
    monkeypatch.setattr(shutdown.SignalCloser, "_force_end", lambda self: deadlines.append("fired"))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    closer = shutdown.SignalCloser(qapp, window)
    began = time.monotonic()
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert time.monotonic() - began < shutdown.DEADLINE_S
    closer.closed()
    qtbot.wait(int(shutdown.DEADLINE_S * 1000))
    assert deadlines == ["fired"]  # armed; in the app it would end a process that still hangs
    closer.deleteLater()


def _run(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )


LEAVING = """
    import atexit, multiprocessing, subprocess, sys, time
    from reader.app.shutdown import leave

    def child():
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        print(grandchild.pid, flush=True)
        time.sleep(60)

    if __name__ == "__main__":
        multiprocessing.set_start_method("fork")
        atexit.register(lambda: print("exit handlers ran", flush=True))
        worker = multiprocessing.Process(target=child)
        worker.start()
        print(worker.pid, flush=True)
        time.sleep(1)
        leave(3)
"""


def test_leave_runs_exit_handlers_ends_children_and_keeps_the_code():
    process = _run(LEAVING)
    out, err = process.communicate(timeout=60)
    lines = out.split()
    assert process.returncode == 3, err
    assert lines[-3:] == ["exit", "handlers", "ran"]
    pids = [int(word) for word in lines if word.isdigit()]
    assert len(pids) == 2 and wait_for(lambda: not any(alive(pid) for pid in pids), 2.0)


HANGING = """
    import signal, os
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from reader.app.shutdown import SignalCloser

    class Stubborn(QWidget):
        def closeEvent(self, event):
            event.ignore()  # a close that never finishes

    app = QApplication([])
    window = Stubborn()
    window.show()
    SignalCloser(app, window)
    QTimer.singleShot(200, lambda: os.kill(os.getpid(), signal.SIGTERM))
    app.exec()
"""


def test_a_close_that_hangs_is_ended_by_the_deadline():
    process = _run(HANGING)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1  # not an orderly end: the event loop never returned
    assert "not ended 1.0 s after the signal" in err
