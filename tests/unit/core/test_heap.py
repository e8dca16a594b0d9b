"""core/heap.py: freed C heap given back (trim), two malloc arenas while indexing (for_indexing)."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import heap

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="mallopt and malloc_trim are glibc's",
)

# In a process of its own (mallopt holds for the whole process): 200 blocks of 300 KB written, every
# other one freed, so that the freed ones cannot merge into the heap's top; RssAnon in MB after the
# writes, after the frees and after heap.trim(). A 4 MB block freed first raises glibc's own mmap
# threshold above 300 KB, as a process that has freed big blocks has.
_PROBE = """
import ctypes, sys
from reader.core import heap
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
def anon():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) // 1024
first = libc.malloc(4 << 20); libc.memset(first, 1, 4 << 20); libc.free(first)
blocks = []
for _ in range(200):
    block = libc.malloc(300 * 1024); libc.memset(block, 1, 300 * 1024); blocks.append(block)
written = anon()
for block in blocks[::2]:
    libc.free(block)
freed = anon()
heap.trim()
print(written, freed, anon())
"""


@glibc
def test_trim_gives_the_freed_pages_inside_the_heap_back():
    written, freed, trimmed = _run(_PROBE, "plain")
    assert freed > written - 10  # glibc keeps the 30 MB freed between blocks still in use
    assert trimmed < written - 20


# In a process of its own: 8 threads allocate at once; the number of arenas from malloc_info's XML.
_ARENAS = """
import ctypes, os, re, sys, tempfile, threading
from reader.core import heap
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.fdopen.restype = ctypes.c_void_p
libc.fdopen.argtypes = [ctypes.c_int, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fflush.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "indexing":
    heap.for_indexing()
start = threading.Barrier(8)
def allocate():
    start.wait()
    for _ in range(100):
        libc.malloc(1000)
threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with tempfile.TemporaryFile() as out:
    stream = libc.fdopen(os.dup(out.fileno()), b"w")
    libc.malloc_info(0, stream)
    libc.fflush(stream)
    out.seek(0)
    print(len(re.findall(rb"<heap nr=", out.read())))
"""


def _run(code: str, mode: str) -> list[int]:
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True, check=True, cwd=root)
    return [int(word) for word in out.stdout.split()]


@glibc
def test_while_indexing_threads_share_two_arenas():
    assert _run(_ARENAS, "plain")[0] > 2  # an arena per thread that met a locked one
    assert _run(_ARENAS, "indexing")[0] <= 2


def test_elsewhere_both_do_nothing(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap._libc() is None
    heap.for_indexing()
    heap.trim()
