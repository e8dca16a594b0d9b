"""Free heap pages given back to the system (glibc's malloc_trim) once a phase has let go of much memory."""

from __future__ import annotations

import sys
from contextlib import suppress


def trim() -> None:
    """Return the C heap's free pages to the system where the C library can (glibc); elsewhere nothing.

    SQLite's page cache and a phase's objects are freed into the heap, and glibc keeps most of it
    mapped: the refresh's 64 MB page cache shrunk by `PRAGMA shrink_memory` left 43 of its 54 MB in
    the process's RSS until malloc_trim (measured on the 100k index, RssAnon 65 -> 54 -> 11 MB).
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with suppress(OSError, AttributeError):  # a C library without it (musl)
        ctypes.CDLL(None).malloc_trim(0)
