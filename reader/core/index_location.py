"""Where a library's index lives: the cache folder, or the data folder while the cache cannot be used."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote

from ..paths import AppPaths
from .errors import StoreError
from .fulltext import remove
from .store import Store

ELSEWHERE = "index-elsewhere"  # the folder in the data folder that holds an index the cache cannot


def open_index(paths: AppPaths, root: Path, key: str, where: Path) -> tuple[Store, Path, str | None]:
    """(a Store on the index at `where`, where it is, why it is not in the cache folder or None).

    When `where` is the cache folder's file and that folder cannot be used (read-only, full, not
    a folder), the index goes to the data folder, as a copy of the old one if it can be read, and
    the sentence says so; once the cache folder works again, a copy left there is removed.
    """
    normal = paths.index_file(root)
    elsewhere = paths.data / ELSEWHERE / normal.name
    try:
        store = Store(where, paths.state_file, key)
    except StoreError as error:
        cause = error.__cause__
        if where != normal or (isinstance(cause, sqlite3.Error) and _busy(cause)):
            raise  # another process holds the index for longer than the wait: not its folder's fault
        why = _why_unusable(normal.parent) or cause or error
        if not elsewhere.exists():
            _copy_index(normal, elsewhere)
        note = (
            f"the index folder {normal.parent} cannot be used ({why}); until it can, the index is kept in "
            f"{elsewhere.parent}"
        )
        return Store(elsewhere, paths.state_file, key), elsewhere, note
    if where == normal:
        _remove_index(elsewhere)  # a stale copy from a time the cache folder could not be used
    return store, where, None


def _copy_index(source: Path, target: Path) -> None:
    """Copy an index that may sit on a read-only disk (immutable: no -shm needed); none if it cannot be read."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{quote(str(source))}?immutable=1", uri=True)
        try:
            src.execute("PRAGMA quick_check(1)")
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error):
        _remove_index(target)  # start from nothing: the next refresh builds it


def _busy(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def _why_unusable(folder: Path) -> str | None:
    """ "read-only file system", "the disk is full" or "no permission to write", when one of them is why."""
    if not hasattr(os, "statvfs"):  # Windows: the error says what it can
        return None
    for probe in (folder, *folder.parents):
        try:
            info = os.statvfs(probe)
        except OSError:
            continue
        if info.f_flag & os.ST_RDONLY:
            return "read-only file system"
        if info.f_bavail == 0:
            return "the disk is full"
        return None if os.access(probe, os.W_OK) else "no permission to write"
    return None


def _remove_index(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)
    for folder in path.parent.glob(path.name + ".text-*"):  # its full text (store_text.py)
        remove(folder, best_effort=True)
