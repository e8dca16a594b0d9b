"""Library.refresh in a process of its own, its progress relayed to the calling thread (no Qt here).

Run in a thread of the GUI's process, a cold index of 100k posts held the GIL for up to 300 ms at
a time (the single writer, and unpickling what the indexing workers send back), so the window
froze that long, and the process kept over a gigabyte after it. The child imports only the core.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from ..core import Cancelled, ReaderError, die_with_parent

if TYPE_CHECKING:
    from ..core import RefreshReport

log = logging.getLogger(__name__)
POLL_S = 0.05  # how often the waiting thread looks at `cancelled`
_DONE_GRACE_S = 5.0  # after "done" the child closes the index and exits; it is killed if it lingers
_spare = None  # prestart's process, until a refresh takes it
_spare_lock = threading.Lock()


def refresh_in_process(
    root, data_dir, progress: Callable[[str, int, int], None], cancelled: Callable[[], bool]
) -> RefreshReport:
    """Refresh the index of `root` in a spawned process; raises Cancelled or ReaderError as refresh would.

    Cancelling kills the process at once (its workers die with it, lifeline.py): the index is
    written in transactions, and a killed refresh leaves it consistent (tests/reliability/test_faults.py).
    The child dies with the thread that calls this, or prestart's (PR_SET_PDEATHSIG); this one waits for it anyway.
    """
    child, receiver, jobs = _take_spare() or _spawn()
    finished = False
    try:
        with suppress(OSError):  # the child is gone: its pipe's end says so below
            jobs.send((root, data_dir))
        while True:
            if cancelled():
                raise Cancelled()
            if not receiver.poll(POLL_S):
                continue
            try:
                kind, *payload = receiver.recv()
            except EOFError:
                child.join()
                raise ReaderError(f"the indexing process stopped (exit code {child.exitcode})") from None
            if kind == "progress":
                progress(*payload)
                continue
            finished = True
            if kind == "done":
                return payload[0]
            raise ReaderError(payload[0])
    finally:
        if finished:
            child.join(_DONE_GRACE_S)
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
        jobs.close()


def prestart() -> None:
    """Start the next refresh's process now, first thing in the app: it imports the core while the
    window is built, and a new library's first rows come 0.3-0.5 s sooner. Called from the thread
    that lives as long as the app (lifeline.py: a child dies with the thread that started it)."""
    global _spare
    with _spare_lock:
        if _spare is None:
            _spare = _spawn()
            atexit.register(_drop_spare)  # before multiprocessing's exit handler, which would wait for it


def _drop_spare() -> None:
    spare = _take_spare()
    if spare is not None:
        spare[0].kill()
        spare[0].join()


def _take_spare():
    global _spare
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None and not spare[0].is_alive():
        spare[1].close()
        spare[2].close()
        return None
    return spare


def _spawn():
    """A refresh process waiting for its library: (process, its progress pipe, its job pipe)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    job_receiver, jobs = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job_receiver, sender, os.getpid()), name="jianbao-refresh")
    child.start()
    sender.close()
    job_receiver.close()
    return child, receiver, jobs


def _child(jobs, sender, parent: int) -> None:
    die_with_parent(parent)
    from ..core import Library  # while a spare waits for its library

    try:
        root, data_dir = jobs.recv()
    except EOFError:
        return  # a spare the app did not need
    try:
        library = Library(root, data_dir=data_dir)
        try:
            sender.send(("done", library.refresh(lambda *args: sender.send(("progress", *args)))))
        finally:
            library.close()
    except Exception as error:  # every failure goes back to the window (and is logged)
        if not isinstance(error, ReaderError):
            log.exception("refresh failed")
        sender.send(("failed", str(error)))
