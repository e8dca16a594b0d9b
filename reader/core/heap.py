"""The C heap (glibc malloc) of a process that indexes: two arenas, free pages given back."""

from __future__ import annotations

import sys
from contextlib import suppress

_M_ARENA_MAX = -8  # mallopt's parameter (malloc.h)


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    with suppress(OSError):
        return ctypes.CDLL(None)
    return None


def trim() -> None:
    """Return the C heap's free pages to the system where the C library can (glibc); elsewhere nothing.

    SQLite's page cache and a phase's objects are freed into the heap, and glibc keeps most of it
    mapped: the refresh's 64 MB page cache shrunk by `PRAGMA shrink_memory` left 43 of its 54 MB in
    the process's RSS until malloc_trim (measured on the 100k index, RssAnon 65 -> 54 -> 11 MB).
    """
    libc = _libc()
    with suppress(AttributeError):  # a C library without it (musl)
        if libc is not None:
            libc.malloc_trim(0)


def for_indexing() -> None:
    """Before the text phase: at most two malloc arenas, then trim(). For the whole process, from then on
    (glibc only).

    The text phase's memory is Tantivy's (the writer's arena in 1 MB pages, its merges, in threads
    made anew for each batch) and the prepared text (3 MB a chunk of results): with an arena per
    thread, glibc kept what each freed. The text phase of 100k posts after the metadata phase in the
    same process (lib100k, quiet machine, one run each): peak 509 MB without this, 473 MB with it,
    in the same time (60.2 and 59.2 s). A 256 KB mmap threshold as well (blocks mapped apart, given
    back when freed) took it to 349-359 MB but cost 4.5 s of the main process's CPU (63.8-64.0 s):
    it was set until then and made the phase miss 60 s; a 4 MB threshold saved nothing (495 MB).
    """
    libc = _libc()
    with suppress(AttributeError):
        if libc is not None:
            libc.mallopt(_M_ARENA_MAX, 2)
    trim()
