"""Keep the open library's index fresh: refresh in the background, on request, on folder changes, on return."""

from __future__ import annotations

import time

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
    """One refresh at a time; a request while one runs queues exactly one more."""

    progressed = Signal(str, int, int)  # phase, done, total
    postsWritten = Signal()  # the metadata phase wrote some posts: the list can show them already
    metadataReady = Signal()  # the list can be shown while the full text is still being indexed
    finished = Signal(object)  # RefreshReport
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, data_dir, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._data_dir = data_dir
        self._library: Library | None = None
        self._task: Task | None = None
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
        self.watcher.clear()
        self._library = library

    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def cancel(self) -> None:
        if self.running():
            self._task.cancel()
        self._again = False

    def refresh(self) -> None:
        library = self._library
        if library is None:
            return
        if self.running():
            self._again = True
            return
        self._last = time.monotonic()
        self._again = False
        self._phase = ""
        self._parsed = 0
        self.progressed.emit("scan", 0, 0)
        self._task = self._runner.submit(
            _refresh_job,
            library.root,
            self._data_dir,
            wants_task=True,
            on_progress=lambda phase, done, total: self._progress(library, phase, done, total),
            on_done=lambda result: self._done(library, result),
            on_error=lambda error: self._failed(library, error),
        )

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
