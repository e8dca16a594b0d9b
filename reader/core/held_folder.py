"""Posts opened relative to their folder's descriptor while the indexer reads a chunk of them in a row."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


class _Held:
    """folders_held's state: its thread, and the folder open now ((root, folder), its descriptor)."""

    __slots__ = ("ident", "key", "fd")

    def __init__(self) -> None:
        self.ident, self.key, self.fd = threading.get_ident(), ("", ""), -1

    def folder(self, root: str, rel_dir: str, inside: Callable[[int, str], bool]) -> int:
        """`rel_dir`'s descriptor, opened once, `inside` it says; -1 if not (or not opened)."""
        if self.key != (root, rel_dir):
            self.close()
            self.key = (root, rel_dir)
            try:
                self.fd = os.open(os.path.join(root, rel_dir) if rel_dir else root, _FOLDER_FLAGS)
            except OSError:
                return -1
            if not inside(self.fd, root):
                self.close()
        return self.fd

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
        self.fd = -1


_held: _Held | None = None


@contextmanager
def folders_held() -> Iterator[None]:
    """Inside, this thread's scanner.read_inside_bytes opens a post relative to its folder's descriptor,
    opened and checked (its real path inside the library) once for the posts of it read in a row: 4.8-5.1
    against 7.6-8.7 us a 7 KB post (no path joined, no readlink of each file). The file is still opened
    without following a link in its last part and must be a regular file, else it goes the general way
    (scanner._open_checked), which says why. The check is the folder's, once a run: a folder moved out
    of the library meanwhile is still read from (the general way checks each file, after its open)."""
    global _held
    if _held is not None or os.open not in os.supports_dir_fd:
        yield
        return
    _held = held = _Held()
    try:
        yield
    finally:
        _held = None
        held.close()


def open_held(
    roots: Sequence[Path | str], relpath: str, flags: int, inside: Callable[[int, str], bool]
) -> tuple[int, os.stat_result] | None:
    """(the descriptor, its fstat) of `relpath` opened with `flags` in its held folder (folders_held;
    `inside(folder descriptor, root)` checks the folder), or None: the caller goes the general way."""
    held, slash = _held, relpath.rfind("/")
    name = relpath[slash + 1 :]
    if held is None or held.ident != threading.get_ident() or len(roots) != 1 or slash == 0 or name in ("", ".", ".."):
        return None
    folder = held.folder(str(roots[0]), relpath[:slash] if slash > 0 else "", inside)
    try:
        fd = os.open(name, flags, dir_fd=folder) if folder >= 0 else -1
    except OSError:
        return None  # a link in the last part (allowed if it stays inside), gone, refused: the general way
    try:
        st = os.fstat(fd) if fd >= 0 else None
    except OSError:
        st = None
    if st is None or not stat.S_ISREG(st.st_mode):
        if fd >= 0:
            os.close(fd)
        return None
    return fd, st
