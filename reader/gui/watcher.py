"""Watch a library's folders (not its files, and not too many) and say, after a quiet spell, that it changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

MAX_WATCHED_DIRS = 400  # inotify watches are a per-user budget shared with other programs


def watch_dirs(root: Path, folders: Sequence[str], cap: int = MAX_WATCHED_DIRS) -> list[str]:
    """The folders to watch, from those the scan walked: the top levels first, at most `cap`.

    The scan has already walked the library; walking it again here held the GIL for as long.
    """
    ordered = sorted(folders, key=lambda rel: (rel.count("/") + bool(rel), rel))
    return [str(root / rel) if rel else str(root) for rel in ordered[:cap]]


class LibraryWatcher(QObject):
    """Emits `changed` once the folders have been quiet for `delay_ms` after a change."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, delay_ms: int = 1500):
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.changed)

    def watch(self, folders: list[str]) -> None:
        self.clear()
        if folders:
            self._watcher.addPaths(folders)

    def clear(self) -> None:
        self._timer.stop()
        watched = self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def folders(self) -> list[str]:
        return self._watcher.directories()

    def _poke(self, _path: str) -> None:
        self._timer.start()  # restart: a burst of changes makes one refresh
