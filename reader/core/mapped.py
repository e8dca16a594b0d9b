"""The index files Tantivy maps into this process: their pages taken out of its RSS while merges read them (Linux).

Tantivy reads its segment files through read-only shared mappings (memmap2's `Mmap::map`:
PROT_READ, MAP_SHARED), and a merge reads every page of the segments it merges: at 1M posts the two
largest merges left 650-670 MB of those files resident in the refresh's RSS (RssFile) for a minute
each, more than the anonymous memory of the whole process tree (docs/performance.md, "The text
phase's memory, round 5"). Asking the kernel to reclaim them (madvise MADV_PAGEOUT) takes them out
of the process's page tables and, where no other process maps them, out of the page cache: a later
read faults them in again from the disk (most are a merge's sources, deleted when it ends).

MADV_PAGEOUT and not MADV_DONTNEED: the mappings are found by reading /proc/self/smaps, and a
Tantivy thread may unmap one (a merge's segment let go of) before the madvise, and the range be
mapped again for something else (the allocator's memory). MADV_DONTNEED on anonymous memory throws
its contents away; MADV_PAGEOUT never changes what memory holds (anonymous pages are swapped out,
or stay where there is no swap), so a stale range costs time at worst, never data.
"""

from __future__ import annotations

import mmap
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_MADV_RANDOM = 1  # read no pages around a fault (asm-generic/mman-common.h)
_MADV_PAGEOUT = 21  # Linux >= 5.4; older kernels answer EINVAL
_PERIOD = 0.25  # seconds between two releases while merges run
_LEAST = 1 << 20  # a mapping with fewer bytes resident is left alone (release)
_SMAPS = "/proc/self/smaps"
_PAGEMAP = "/proc/self/pagemap"  # 8 bytes a page of the address space; bit 63: the page is mapped
_PAGE = mmap.PAGESIZE
_KEPT = 64  # pages below a mapping's last mapped one left alone: where a merge reads now, and ahead
_MAPPED = bytes(1 if byte & 0x80 else 0 for byte in range(256))  # a pagemap entry's last byte -> 1 if mapped


def _madvise():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    with suppress(OSError, AttributeError):
        call = ctypes.CDLL(None, use_errno=True).madvise
        call.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
        call.restype = ctypes.c_int
        return call
    return None


_CALL = _madvise()


def mappings(folder: Path) -> list[tuple[int, int, int]]:
    """(start, end, resident bytes) of this process's read-only shared mappings of files inside
    `folder`, as /proc/self/smaps lists them now (none where there is no such file)."""
    inside = os.path.realpath(folder) + os.sep  # Tantivy maps its files by their canonical path
    found = []
    ours = None
    with suppress(OSError), open(_SMAPS, encoding="utf-8", errors="surrogateescape") as smaps:
        for line in smaps:
            if line.startswith("Rss:"):
                if ours is not None:
                    found.append((*ours, int(line.split()[1]) * 1024))
                continue
            fields = line.split(maxsplit=5)
            if "-" not in fields[0] or fields[0].endswith(":"):
                continue  # another of the mapping's figures
            ours = None
            if len(fields) == 6 and fields[1] == "r--s" and fields[5].startswith(inside):
                start, _, end = fields[0].partition("-")
                ours = int(start, 16), int(end, 16)
    return found


def release(folder: Path, least: int | None = None) -> int:
    """Ask the kernel to reclaim the resident pages of this process's mappings of files inside
    `folder` that hold `least` bytes or more (_LEAST), up to _KEPT pages below the last one mapped;
    the bytes of the ranges it took (0 where it cannot: another system, an old kernel).

    The least is for the pages every search or reload reads again, each file's footer and the
    like (a few pages of each): reclaimed, they would be read again from the disk each time. The
    pages kept are where a merge reads (it reads each file from start to end): reclaimed, each one
    it had mapped ahead (the kernel maps up to 16 around a fault) was read again from the disk,
    2,300 times at 100k, about 90 us each.
    """
    global _CALL
    if _CALL is None:
        return 0
    taken = 0
    least = _LEAST if least is None else max(least, 1)
    with suppress(OSError), open(_PAGEMAP, "rb", buffering=0) as pagemap:
        for start, end, resident in mappings(folder):
            behind = _behind(pagemap, start, end) if resident >= least else start
            if behind == start:
                continue
            _CALL(start, behind - start, _MADV_RANDOM)  # a page reclaimed that is read again comes alone
            if _CALL(start, behind - start, _MADV_PAGEOUT) == 0:
                taken += behind - start
            elif _errno() == 22:  # EINVAL: this kernel has no MADV_PAGEOUT (ENOMEM: the range went away)
                _CALL = None
                break
    return taken


def _behind(pagemap, start: int, end: int) -> int:
    """The address _KEPT pages below the last page of [start, end) mapped in this process (start if
    none is that far in)."""
    pagemap.seek(start // _PAGE * 8)
    last = pagemap.read((end - start) // _PAGE * 8)[7::8].translate(_MAPPED).rfind(1)
    return start + max(0, last - _KEPT) * _PAGE


def _errno() -> int:
    import ctypes

    return ctypes.get_errno()


@contextmanager
def released_meanwhile(folder: Path, period: float | None = None) -> Iterator[None]:
    """release(folder) every `period` seconds (_PERIOD) in a thread while the block runs (Tantivy's
    merges, waited for). Not once more at its end: the index's reload after a commit lets go of the
    merged segments, their pages with them, and a release costs 1 ms or more (its smaps read), 500
    times in the 1M text phase."""
    if _CALL is None:
        yield
        return
    done = threading.Event()

    def run() -> None:
        while not done.wait(_PERIOD if period is None else period):
            release(folder)

    thread = threading.Thread(target=run, name="index-pages", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
