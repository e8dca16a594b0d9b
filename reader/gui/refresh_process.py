"""Library.refresh in a process of its own, its progress relayed to the calling thread (no Qt here).

Run in a thread of the GUI's process, a cold index of 100k posts held the GIL for up to 300 ms at
a time (the single writer, and unpickling what the indexing workers send back), so the window
froze that long, and the process kept over a gigabyte after it. The child imports only the core.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable

from ..core.errors import Cancelled, ReaderError
from ..core.library import Library
from ..core.types import RefreshReport

log = logging.getLogger(__name__)
POLL_S = 0.1  # how often the waiting thread looks at `cancelled`


def refresh_in_process(root, data_dir, progress: Callable[[str, int, int], None],
                       cancelled: Callable[[], bool]) -> RefreshReport:
    """Refresh the index of `root` in a spawned process; raises Cancelled or ReaderError as refresh would."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    stop = context.Event()
    child = context.Process(target=_child, args=(root, data_dir, sender, stop), name="jianbao-refresh")
    child.start()
    sender.close()
    try:
        while True:
            if cancelled():
                stop.set()
            if not receiver.poll(POLL_S):
                continue
            try:
                kind, *payload = receiver.recv()
            except EOFError:
                child.join()
                raise ReaderError(f"the indexing process stopped (exit code {child.exitcode})") from None
            if kind == "progress":
                progress(*payload)
            elif kind == "done":
                return payload[0]
            elif kind == "cancelled":
                raise Cancelled()
            else:
                raise ReaderError(payload[0])
    finally:
        stop.set()
        child.join()
        receiver.close()


def _child(root, data_dir, sender, stop) -> None:
    try:
        library = Library(root, data_dir=data_dir)
        try:
            sender.send(("done", library.refresh(lambda *args: sender.send(("progress", *args)), stop.is_set)))
        finally:
            library.close()
    except Cancelled:
        sender.send(("cancelled",))
    except Exception as error:  # noqa: BLE001 - every failure goes back to the window
        if not isinstance(error, ReaderError):
            log.exception("refresh failed")
        sender.send(("failed", str(error)))
