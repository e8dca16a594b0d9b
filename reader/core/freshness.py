"""Has the library changed since its last full scan? One stat per folder against the mtimes the scan recorded.

Adding, removing or renaming a file changes the mtime of its folder, and so does saving it with an
editor that writes a new file and renames it over the old one (most do, and sync tools too). An
edit written in place changes no folder: the next full scan sees it (`jianbao-cli index`, `--refresh`,
the window's refresh). The CLI answers from the index when nothing changed, and scans first when
something did (docs/architecture.md, "Freshness").
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A folder whose mtime is this close to the scan's start, or later, may have changed while the scan
# ran, within one tick of its file system's clock (FAT keeps 2 s): it is recorded as UNSURE, which no
# mtime matches, so the next check asks for a scan. Racy git's rule, for folders.
_RACY_NS = 3_000_000_000
UNSURE = -1


@dataclass(frozen=True)
class Stamps:
    """What a full scan saw: when it started (ns since the epoch) and each folder's mtime then."""

    scanned_ns: int
    folders: dict[str, int]  # library-relative folder ("" is the library) -> st_mtime_ns or UNSURE


def take(root: Path, folders: Iterable[str], scanned_ns: int) -> Stamps:
    """The stamps of the folders a scan that started at `scanned_ns` walked (stat'ed now, after it)."""
    return Stamps(scanned_ns, {rel: _mtime(root, rel, scanned_ns - _RACY_NS) for rel in folders})


@dataclass(frozen=True)
class Freshness:
    """What a change check found: when the last full scan started (None: the index records none,
    it is new or older than this rule) and the folders changed since."""

    scanned_ns: int | None
    changed: tuple[str, ...] = ()

    @property
    def fresh(self) -> bool:
        """True when the index can answer without a scan."""
        return self.scanned_ns is not None and not self.changed


def check(root: Path, stamps: Stamps | None) -> Freshness:
    """Compare each recorded folder's mtime with its mtime now: one stat each, no listing."""
    if stamps is None:
        return Freshness(None)
    return Freshness(stamps.scanned_ns, tuple(rel for rel, mtime in stamps.folders.items()
                                              if mtime == UNSURE or _mtime(root, rel) != mtime))


def _mtime(root: Path, rel: str, racy_from: int | None = None) -> int:
    try:
        mtime = os.stat(os.path.join(root, rel) if rel else root).st_mtime_ns
    except OSError:
        return UNSURE
    return UNSURE if racy_from is not None and mtime >= racy_from else mtime
