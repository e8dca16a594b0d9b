"""Library.refresh in a process of its own, its progress relayed to the calling thread (no Qt here).

Run in a thread of the GUI's process, a cold index of 100k posts held the GIL for up to 300 ms at
a time (the single writer, and unpickling what the indexing workers send back), so the window
froze that long, and the process kept over a gigabyte after it. The child imports only the core.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable

from ..core.errors import Cancelled, ReaderError
from ..core.library import Library
from ..core.lifeline import die_with_parent
from ..core.types import RefreshReport

log = logging.getLogger(__name__)
POLL_S = 0.05  # how often the waiting thread looks at `cancelled`
_DONE_GRACE_S = 5.0  # after "done" the child closes the index and exits; it is killed if it lingers


def refresh_in_process(root, data_dir, progress: Callable[[str, int, int], None],
                       cancelled: Callable[[], bool]) -> RefreshReport:
    """Refresh the index of `root` in a spawned process; raises Cancelled or ReaderError as refresh would.

    Cancelling kills the process at once (its workers die with it, lifeline.py): the index is
    written in transactions, and a killed refresh leaves it consistent (tests/reliability/test_faults.py).
    The child dies with the thread that calls this (PR_SET_PDEATHSIG), which waits for it anyway.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(root, data_dir, sender, os.getpid()), name="jianbao-refresh")
    child.start()
    sender.close()
    finished = False
    try:
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


def _child(root, data_dir, sender, parent: int) -> None:
    die_with_parent(parent)
    try:
        library = Library(root, data_dir=data_dir)
        try:
            sender.send(("done", library.refresh(lambda *args: sender.send(("progress", *args)))))
        finally:
            library.close()
    except Exception as error:  # noqa: BLE001 - every failure goes back to the window
        if not isinstance(error, ReaderError):
            log.exception("refresh failed")
        sender.send(("failed", str(error)))
