"""Keep the open library's index fresh: refresh in the background, on request, on folder changes, on return."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..core import Cancelled, Library, RefreshReport
from .core_text import error_text
from .refresh_process import refresh_in_process
from .tasks import Task, TaskRunner
from .watcher import LibraryWatcher, watch_dirs

ACTIVATION_RESCAN_S = 30.0
LIST_EVERY_S = 0.5  # while the metadata phase writes its batches, the list is asked for this often


def _refresh_job(task: Task, root, data_dir) -> tuple[RefreshReport, list[str]]:
    """On a worker: refresh the index (in a process of its own), then list the folders to watch.
    Phase changes always get through."""
    last_phase = [""]

    def progress(phase: str, done: int, total: int) -> None:
        task.progress(phase, done, total, force=phase != last_phase[0])
        last_phase[0] = phase

    report = refresh_in_process(root, data_dir, progress, task.is_cancelled)
    return report, watch_dirs(root, report.folders)


class Refresher(QObject):
    """One refresh at a time; a request while one runs queues exactly one more.

    One refresh of a library at a time across the window too: `hand_over(root, then)` (libraries.py) is True when
    another refresh of `root` is running and then() follows its end, and `refreshing(root)` is True until the end
    of every refresh of `root` started here (a cancelled one too: its process may still be exiting)."""

    progressed = Signal(str, int, int)  # phase, done, total
    postsWritten = Signal()  # the metadata phase wrote some posts: the list can show them already
    metadataReady = Signal()  # the list can be shown while the full text is still being indexed
    finished = Signal(object)  # RefreshReport
    failed = Signal(str)
    ended = Signal(str)  # a refresh of this root ended (done, failed or cancelled): another one may start

    def __init__(self, runner: TaskRunner, data_dir, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._data_dir = data_dir
        self._library: Library | None = None
        self._task: Task | None = None
        self._waiting: Library | None = None  # until another refresh of it has ended (hand_over)
        self._ongoing: dict[object, str] = {}  # the root of each refresh started here, until its end
        self.hand_over: Callable[[str, Callable[[], None]], bool] = lambda _root, _then: False
        self._again = False
        self._phase = ""
        self._parsed = 0  # posts the metadata phase of the running refresh parses
        self._last = 0.0
        self._listed = 0.0  # when postsWritten was last sent
        self.watch = True
        self.watcher = LibraryWatcher(self)
        self.watcher.changed.connect(self.refresh)

    def set_library(self, library: Library | None) -> None:
        self.cancel()
        self._task = None  # its answers are dropped; waiting for it lost the new library's refresh
        self._waiting = None
        self.watcher.clear()
        self._library = library

    def running(self) -> bool:
        return self._waiting is not None or (self._task is not None and not self._task.finished)

    def refreshing(self, root: str) -> bool:
        return root in self._ongoing.values()

    def cancel(self) -> None:
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self._waiting = None
        self._again = False

    def refresh(self) -> None:
        library = self._library
        if library is None:
            return
        if self.running():
            self._again = True
            return
        self._last = time.monotonic()
        self._phase = ""
        self._parsed = 0
        self.progressed.emit("scan", 0, 0)
        if self.hand_over(str(library.root), lambda: self._waiting is library and self._start(library)):
            self._waiting = library  # the background refresh of it is cancelled: this one starts at its end
        else:
            self._start(library)

    def _start(self, library: Library) -> None:
        self._waiting, self._again = None, False  # a request while it waited: this one, starting now, answers it
        root = str(library.root)
        self._ongoing[token := object()] = root
        self._task = self._runner.submit(
            _refresh_job,
            library.root,
            self._data_dir,
            wants_task=True,
            on_progress=lambda phase, done, total: self._progress(library, phase, done, total),
            on_done=lambda result: self._ended(token, lambda: self._done(library, result)),
            on_error=lambda error: self._ended(token, lambda: self._failed(library, error)),
        )

    def _ended(self, token: object, then: Callable[[], None]) -> None:
        self.ended.emit(self._ongoing.pop(token))
        then()

    def rescan_if_stale(self) -> None:
        """A fallback for changes the watcher missed (network folders, watch limits): at most every 30 s."""
        if self._library is not None and time.monotonic() - self._last > ACTIVATION_RESCAN_S:
            self.refresh()

    def _progress(self, library: Library, phase: str, done: int, total: int) -> None:
        if library is not self._library:
            return  # a cancelled refresh of a library no longer shown
        if phase == "metadata":
            self._parsed = max(self._parsed, total, done)  # a new index's first posts come with no total
            now = time.monotonic()
            if done and now - self._listed >= LIST_EVERY_S:  # the batches are committed as they go
                self._listed = now
                self.postsWritten.emit()
        elif phase == "text" and self._phase != "text" and self._parsed:
            self.metadataReady.emit()  # only if posts were parsed: else the list shown is current
        self._phase = phase
        self.progressed.emit(phase, done, total)

    def _done(self, library: Library, result) -> None:
        if library is not self._library:
            return
        report, folders = result
        if self.watch:
            self.watcher.watch(folders)
        self.finished.emit(report)
        if self._again:
            self.refresh()

    def _failed(self, library: Library, error: BaseException) -> None:
        if library is not self._library:
            return
        self.failed.emit(
            ""
            if isinstance(error, Cancelled)
            else self.tr("Could not refresh the library: {0}").format(error_text(error))
        )
        if self._again:
            self.refresh()
