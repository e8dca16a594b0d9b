"""The open library, GUI side: every query and mark goes through here, off the UI thread, under one staleness rule.

The rule: an answer is delivered only while the session is open and no newer question of the
same kind ("list", "post", "search", ...) was asked since. Writes (read marks, stars, reading
positions) are never superseded: they run one at a time in the order asked, and the ones still
waiting when the session closes are written then, on the calling thread (each is a row or two).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ..core import Library
from .tasks import PerThread, TaskRunner

log = logging.getLogger(__name__)

# The warm-up waits this long after the first list was delivered: its paint comes first.
WARM_UP_AFTER_LIST_MS = 100

Job = Callable[..., Any]  # job(library, *args), run on a worker with a Library of that thread's own


class Session(QObject):
    """One open library: `library` is the UI thread's own handle for the few reads that must answer
    within a paint (a page of list rows, where a clicked link leads); everything else is asked."""

    def __init__(self, library: Library, runner: TaskRunner, data_dir, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.root = library.root
        self._runner = runner
        self._data_dir = data_dir
        self._generations: dict[str, int] = {}
        self._open = True
        self._writes: deque[tuple[Job, tuple, Callable | None, Callable | None]] = deque()
        self._in_flight: tuple[Job, tuple, Callable | None, Callable | None] | None = None  # the write on a worker
        # The workers' own handles; All libraries opens them all (libraries_all.py)
        self._workers = PerThread(lambda: Library(self.root, data_dir=self._data_dir), Library.close)
        self._warm_ups: list[tuple[Job, Callable[[Any], None]]] = []  # to run once the first list is shown

    def warm_up(self, job: Job, on_done: Callable[[Any], None] | None = None) -> None:
        """Run job(library) on a worker shortly after the first list was delivered, once: the first post
        opened would otherwise pay for importing and starting the reading path. Not earlier, so that it
        does not compete with opening the library for the interpreter (its lock is shared by all threads)."""
        self._warm_ups.append((job, on_done or _ignore))

    def threads(self) -> int:
        """The workers' threads: each has its own handle and its own Qt caches (fonts) to warm up."""
        return self._runner.threads()

    @property
    def is_open(self) -> bool:
        return self._open

    def ask(
        self,
        kind: str | None,
        job: Job,
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run job(library, *args) on a worker; its answer (or error) comes back unless it went stale.

        kind None: superseded by nothing, dropped only when the session closes.
        """
        current = self._ticket(kind)
        if kind == "list" and self._warm_ups:
            on_done = self._then_warm_up(on_done)
        self._runner.submit(
            self._workers.run,
            job,
            *args,
            on_done=lambda result: current() and on_done(result),
            on_error=lambda error: current() and (on_error or _log_error)(error),
        )

    def _then_warm_up(self, on_done: Callable[[Any], None]) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            on_done(result)
            jobs, self._warm_ups = self._warm_ups, []
            if jobs:
                QTimer.singleShot(WARM_UP_AFTER_LIST_MS, self, lambda: self._warm(jobs))

        return done

    def _warm(self, jobs: list[tuple[Job, Callable[[Any], None]]]) -> None:
        for job, on_done in jobs if self._open else ():
            self.ask(None, job, on_done=on_done)

    def drop(self, kind: str) -> None:
        """Answers to questions of `kind` asked so far are stale (e.g. the user typed on)."""
        self._ticket(kind)

    def _ticket(self, kind: str | None) -> Callable[[], bool]:
        if kind is None:
            return lambda: self._open
        generation = self._generations[kind] = self._generations.get(kind, 0) + 1
        return lambda: self._open and self._generations[kind] == generation

    def write(
        self,
        job: Job,
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run job(library, *args) on a worker after the writes asked before it (a toggle twice must end
        where the user left it)."""
        if not self._open:
            return
        self._writes.append((job, args, on_done, on_error))
        self._next_write()

    def _next_write(self) -> None:
        if self._in_flight is not None or not self._writes or not self._open:
            return
        job, args, on_done, on_error = self._in_flight = self._writes.popleft()

        def finished(result: Any, error: BaseException | None) -> None:
            self._in_flight = None
            if self._open:
                if error is not None:
                    (on_error or _log_error)(error)
                elif on_done is not None:
                    on_done(result)
            self._next_write()

        self._runner.submit(
            self._workers.run,
            job,
            *args,
            on_done=lambda result: finished(result, None),
            on_error=lambda error: finished(None, error),
        )

    def write_now(self, job: Job, *args: Any) -> None:
        """For closing: the writes still waiting, then this one, here on the calling thread (each a row or two)."""
        self._writes.append((job, args, None, None))
        self._flush()

    def _flush(self) -> None:
        # The write handed to a worker may still wait in its queue, and closing the window drops that
        # queue: it is written again here, first (marks and positions can be written twice).
        if self._in_flight is not None:
            self._writes.appendleft(self._in_flight)
            self._in_flight = None
        while self._writes:
            job, args, _, _ = self._writes.popleft()
            try:
                self.run_here(job, *args)
            except Exception as error:  # noqa: BLE001 - one failed mark must not lose the others
                _log_error(error)

    def run_here(self, job: Job, *args: Any) -> Any:
        """job(library, *args) on this thread, with the UI thread's handle."""
        return job(self.library, *args)

    def close(self) -> None:
        """Stop delivering answers; write what is still waiting, here and now; close the library."""
        if not self._open:
            return
        self._open = False
        self._flush()
        self._workers.close()
        self.library.close()


def _ignore(_result: Any) -> None:
    pass


def _log_error(error: BaseException) -> None:
    log.error("background query failed", exc_info=error)
