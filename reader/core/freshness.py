"""Has the library changed since its last full scan? One stat per folder against the times the scan recorded.

Adding, removing or renaming a file changes the mtime of its folder, and so does saving it with an
editor that writes a new file and renames it over the old one (most do, and sync tools too). A
folder's stamp is the later of its mtime and its ctime: a tool that puts the folder's mtime back
afterwards (rsync -a, tar, cp -a) moves its ctime, which no one can set. An edit written in place
into the same file changes no folder: the next full scan sees it (`jianbao-cli index`, `--refresh`,
the window's refresh). The CLI answers from the index when nothing changed, and scans first when
something did (docs/architecture.md, "Freshness").
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A folder whose stamp is this close to the scan's start, or later, may have changed while the scan
# ran, within one tick of its file system's clock (FAT keeps 2 s): it is recorded as UNSURE, which no
# stamp matches, so the next check asks for a scan. Racy git's rule, for folders.
_RACY_NS = 3_000_000_000
UNSURE = -1


@dataclass(frozen=True)
class Stamps:
    """What a full scan saw: when it started (ns since the epoch) and each folder's stamp then."""

    scanned_ns: int
    folders: dict[str, int]  # library-relative folder ("" is the library) -> its stamp (ns) or UNSURE


def take(root: Path, folders: Iterable[str], scanned_ns: int) -> Stamps:
    """The stamps of the folders a scan that started at `scanned_ns` walked (stat'ed now, after it)."""
    return Stamps(scanned_ns, {rel: _stamp(root, rel, scanned_ns - _RACY_NS) for rel in folders})


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
    """Compare each recorded folder's stamp with its stamp now: one stat each, no listing."""
    if stamps is None:
        return Freshness(None)
    return Freshness(
        stamps.scanned_ns,
        tuple(rel for rel, stamp in stamps.folders.items() if stamp == UNSURE or _stamp(root, rel) != stamp),
    )


def _stamp(root: Path, rel: str, racy_from: int | None = None) -> int:
    """The later of the folder's mtime and ctime (on Windows st_ctime is its creation: the mtime wins)."""
    try:
        st = os.stat(os.path.join(root, rel) if rel else root)
    except OSError:
        return UNSURE
    stamp = max(st.st_mtime_ns, st.st_ctime_ns)
    return UNSURE if racy_from is not None and stamp >= racy_from else stamp
