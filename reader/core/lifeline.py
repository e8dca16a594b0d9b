"""Child processes that die with their parent: the indexing workers and the GUI's refresh process.

Killed with SIGKILL, a parent cannot stop its children, and spawned workers waiting for work
were seen running on for ever. On Linux the kernel sends the child SIGKILL when its parent goes
(prctl PR_SET_PDEATHSIG). Note that "parent" means the *thread* that started the child: a child
started from a thread that ends before the process does is killed then, so start children from
a thread that outlives them (the refresh runs its workers from the thread that waits for them).
Elsewhere a daemon thread checks every half second whether the parent is still the same process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_POLL_S = 0.5


def die_with_parent(parent: int) -> None:
    """Call first thing in a child process, with the pid of the parent that started it: the child
    ends (SIGKILL, or os._exit) when that parent ends, also if it already has."""
    if sys.platform.startswith("linux") and _set_pdeathsig():
        if os.getppid() != parent:  # the parent died before the call: the signal will never come
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="jianbao-lifeline", daemon=True).start()


def _set_pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:  # an orphan is adopted by init or a subreaper: the ppid changes
        time.sleep(_POLL_S)
    os._exit(1)
