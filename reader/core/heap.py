"""The C heap (glibc malloc) of a process that indexes: two arenas, big blocks mapped apart, free pages given back."""

from __future__ import annotations

import sys
from contextlib import suppress

_M_MMAP_THRESHOLD = -3  # mallopt's parameters (malloc.h)
_M_ARENA_MAX = -8


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
    """Before the text phase: at most two malloc arenas, blocks of 256 KB or more mapped apart (given
    back when freed), then trim(). For the whole process, from then on (glibc only).

    The text phase's memory is Tantivy's (the writer's arena in 1 MB pages, its merges, in threads
    made anew for each batch) and the prepared text (3 MB a chunk of results): with an arena per
    thread, glibc kept what each freed. The text phase of 100k posts right after the metadata phase
    in the same process peaked at 573 MB (anon 463) without this, 366 MB (anon 257) with it, and
    took no longer (one run each, load 10-13).
    """
    libc = _libc()
    with suppress(AttributeError):
        if libc is not None:
            libc.mallopt(_M_ARENA_MAX, 2)
            libc.mallopt(_M_MMAP_THRESHOLD, 256 * 1024)
    trim()
