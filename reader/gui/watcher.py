"""Watch a library's folders (not its files, and not too many) and say, after a quiet spell, that it changed."""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

MAX_WATCHED_DIRS = 400  # inotify watches are a per-user budget shared with other programs
SKIPPED_DIRS = {"node_modules", "_site", "public", "__pycache__", "vendor"}


def watch_dirs(root: Path, cap: int = MAX_WATCHED_DIRS) -> list[str]:
    """The library's folders, breadth first (the top levels matter most), at most `cap`. Pure; any thread."""
    found: list[str] = []
    queue = deque([str(root)])
    while queue and len(found) < cap:
        folder = queue.popleft()
        found.append(folder)
        try:
            with os.scandir(folder) as entries:
                subdirs = sorted(e.path for e in entries
                                 if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
                                 and e.name not in SKIPPED_DIRS)
        except OSError:
            continue
        queue.extend(subdirs)
    return found


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
