"""Run a pure function off the UI thread; its result, exception or progress comes back as a signal."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from ..core import Library

log = logging.getLogger(__name__)

DoneFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]
ProgressFn = Callable[..., None]


def on_own_library(root, data_dir, job, *args):
    """Run job(library, *args) on a worker with a Library of its own, closed before returning.

    SQLite connections belong to the thread that made them, so a worker never borrows the
    window's Library (opening one costs a few milliseconds).
    """
    library = Library(root, data_dir=data_dir)
    try:
        return job(library, *args)
    finally:
        library.close()


class PerThread:
    """One handle (a Library, All libraries) per worker thread for one session's jobs, opened by a thread's
    first job and kept: opening a Library for every job cost 2-2.5 ms of CPU, and a post opened ran three
    jobs. A handle is used by one thread at a time (its SQLite connections are that thread's); close()
    closes the idle ones, and a job still running closes its own when it returns.
    """

    def __init__(
        self,
        open_handle: Callable[[], Any],
        close_handle: Callable[[Any], None],
        call: Callable[..., Any] = lambda handle, job, *args: job(handle, *args),
    ):
        self._open_handle = open_handle
        self._close_handle = close_handle
        self._call = call
        self._lock = threading.Lock()
        self._idle: dict[int, Any] = {}  # by thread ident: the pool's threads do not expire (TaskRunner)
        self._closed = False

    def run(self, job: Callable[..., Any], *args: Any) -> Any:
        """On a worker: job(this thread's handle, *args)."""
        ident = threading.get_ident()
        with self._lock:
            handle = self._idle.pop(ident, None)
        if handle is None:
            handle = self._open_handle()
        try:
            return self._call(handle, job, *args)
        finally:
            with self._lock:
                keep = not self._closed
                if keep:
                    self._idle[ident] = handle
            if not keep:
                self._close_handle(handle)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = list(self._idle.values()), {}
        for handle in idle:
            self._close_handle(handle)


def upgrade_first(
    runner: TaskRunner, root, data_dir, announce: Callable[[], object], *, on_done: DoneFn, on_error: ErrorFn
) -> bool:
    """False when opening `root` is quick. Else announce(), then upgrade its index on a worker (seconds at
    100k posts) with a Library of its own; on_done(its rebuilt_reason) follows on the UI thread."""
    if not Library.needs_upgrade(root, data_dir=data_dir):
        return False
    announce()
    runner.submit(on_own_library, root, data_dir, attrgetter("rebuilt_reason"), on_done=on_done, on_error=on_error)
    return True


class Task:
    """A handle on one submitted function: cancel it, or report progress from inside it."""

    def __init__(self, task_id: int, report: Callable[[int, tuple], None], interval: float):
        self.id = task_id
        self._report = report
        self._interval = interval
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.finished = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, *args: Any, force: bool = False) -> None:
        """Thread-safe; throttled so a tight loop cannot flood the UI thread with events."""
        now = time.monotonic()
        if not force and now - self._last_report < self._interval:
            return
        self._last_report = now
        self._report(self.id, args)


class _Relay(QObject):
    """Lives on the UI thread; queued connections bring worker signals to it there."""

    finished_ok = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, object)

    def __init__(self, runner: TaskRunner):
        super().__init__(runner)
        self._runner = runner
        queued = Qt.ConnectionType.QueuedConnection
        self.finished_ok.connect(self._on_done, queued)
        self.failed.connect(self._on_failed, queued)
        self.progressed.connect(self._on_progress, queued)

    @Slot(int, object)
    def _on_done(self, task_id: int, result: Any) -> None:
        self._runner._deliver(task_id, result, None)

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: Any) -> None:
        self._runner._deliver(task_id, None, error)

    @Slot(int, object)
    def _on_progress(self, task_id: int, args: Any) -> None:
        self._runner._progress(task_id, args)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, task: Task, call: Callable[[], Any]):
        super().__init__()
        self._relay = relay
        self._task = task
        self._call = call

    def run(self) -> None:  # on a worker thread: never touch widgets here
        try:
            result = self._call()
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the caller
            self._relay.failed.emit(self._task.id, error)
        else:
            self._relay.finished_ok.emit(self._task.id, result)


class TaskRunner(QObject):
    """Runs functions on a thread pool; callbacks run on the UI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pool.setExpiryTimeout(-1)  # its threads live as long as the app: PerThread keeps a handle for each
        self._relay = _Relay(self)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Task, DoneFn | None, ErrorFn | None, ProgressFn | None]] = {}

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneFn | None = None,
        on_error: ErrorFn | None = None,
        on_progress: ProgressFn | None = None,
        wants_task: bool = False,
        progress_interval: float = 0.1,
    ) -> Task:
        """Call fn(*args) (or fn(task, *args) when wants_task) on a worker thread."""
        task = Task(next(self._ids), self._progress_sink(), progress_interval)
        self._pending[task.id] = (task, on_done, on_error, on_progress)
        call_args = (task, *args) if wants_task else args
        self._start(task, lambda: fn(*call_args))
        return task

    def threads(self) -> int:
        """How many functions can run at once (a warm-up for each thread runs on each)."""
        return self._pool.maxThreadCount()

    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        """For closing: cancel every task, drop the ones not started, deliver nothing more; do not wait.

        A running function finishes on its own (QThreadPool waits for it when it is destroyed).
        """
        for task, *_ in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._pool.clear()

    def _progress_sink(self) -> Callable[[int, tuple], None]:
        """Where a task's progress goes: through the relay, to the UI thread."""
        return self._relay.progressed.emit

    def _start(self, task: Task, call: Callable[[], Any]) -> None:
        self._pool.start(_Job(self._relay, task, call))

    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        entry = self._pending.pop(task_id, None)
        if entry is None:
            return
        task, on_done, on_error, _ = entry
        task.finished = True
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
        elif on_done is not None:
            on_done(result)

    def _progress(self, task_id: int, args: tuple) -> None:
        entry = self._pending.get(task_id)
        if entry is not None and entry[3] is not None:
            entry[3](*args)


class SyncTaskRunner(TaskRunner):
    """Runs each function at once on the calling thread: deterministic, for tests."""

    def threads(self) -> int:
        return 1  # the calling thread's

    def _progress_sink(self) -> Callable[[int, tuple], None]:
        return self._progress  # delivered straight away instead of through the relay

    def _start(self, task: Task, call: Callable[[], Any]) -> None:
        try:
            result = call()
        except Exception as error:  # noqa: BLE001 - the synchronous twin hands every failure back, as the threaded runner does
            self._deliver(task.id, None, error)
        else:
            self._deliver(task.id, result, None)
