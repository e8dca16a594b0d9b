"""The one way anything is opened: command line, a second launch and macOS FileOpen all end here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import settings as S
from .broad_folders import broad_folder_reason
from .locate import Target, locate

log = logging.getLogger(__name__)

# What broad_folder_reason() says (it imports no Qt), so that lupdate extracts them.
BROAD_REASONS = (
    QT_TRANSLATE_NOOP("OpenPaths", "the top of a disk"),
    QT_TRANSLATE_NOOP("OpenPaths", "your home folder"),
    QT_TRANSLATE_NOOP("OpenPaths", "a folder that holds the home folders"),
    QT_TRANSLATE_NOOP("OpenPaths", "a system folder"),
)


def open_paths(window, paths: Sequence[str], cwd: str | None = None, *, activate: bool = False) -> list[Target]:
    """Show what `paths` name in `window`; returns the targets understood (errors included).

    One window shows one thing, so the first path that can be opened is shown and any others are
    named in the status bar; every path that cannot be opened is named in one message.
    """
    translate = QCoreApplication.translate
    known = [str(window.library.root)] if window.library is not None else []
    known += window.settings.window.get(S.RECENT_LIBRARIES)
    targets = [locate(p, cwd, known) for p in paths]
    errors = [t for t in targets if t.kind == "error"]
    usable = [t for t in targets if t.kind != "error"]
    if usable:
        _show(window, usable[0])
        if len(usable) > 1:
            window.statusBar().showMessage(
                translate("OpenPaths", "Opened {name}; {more} more not opened (one at a time)").format(
                    name=usable[0].path.name, more=len(usable) - 1
                ),
                10000,
            )
    if errors:
        text = "\n\n".join(
            translate("Locate", t.template).format(*t.values) if t.template else t.message for t in errors
        )
        window.warn(
            translate("OpenPaths", "Cannot open this")
            if len(errors) == 1
            else translate("OpenPaths", "Cannot open these"),
            text,
        )
    if activate:
        bring_to_front(window)
    return targets


def reopen_last(window) -> None:
    """A launch without paths: the last library, unless it is a folder too broad to index (saved by an
    older version, or the user's answer has changed) and the user now says no."""
    last = window.settings.window.get(S.LAST_LIBRARY)
    if last and not may_open(window, Path(last)):
        window.settings.window.set(S.LAST_LIBRARY, "")
    window.start(None)


def may_open(window, folder: Path) -> bool:
    """True unless `folder` is the root, the home folder or a system folder and the user, asked,
    does not want it indexed. The library already open is not asked about again."""
    reason = broad_folder_reason(folder)
    if reason is None:
        return True
    if window.library is not None and not window.is_sample and window.library.root == Path(folder).resolve():
        return True
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("OpenPaths", "Open this folder as a library?"),
        translate(
            "OpenPaths",
            "{folder} is {reason}. Opening it as a library reads every post file "
            "in it and in all its folders, which can take very long.",
        ).format(folder=folder, reason=translate("OpenPaths", reason)),
        parent=window,
    )
    box.setObjectName("broadFolderQuestion")
    yes = box.addButton(translate("OpenPaths", "Open Anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    log.info("asked whether to open %s (%s): %s", folder, reason, box.clickedButton() is yes)
    return box.clickedButton() is yes


def _show(window, target: Target) -> None:
    if target.kind in ("library", "post") and not may_open(window, target.library):
        return
    if target.kind == "library":
        window.open_library(target.library)
    elif target.kind == "post":
        if window.library is None or window.library.root != target.library or window.is_sample:
            window.open_library(target.library, then=lambda ok: ok and window.by_path.show(target.path))
        else:
            window.by_path.show(target.path)
    elif target.kind == "lone":
        from ..core import Library  # here: start-up imports none of the core for open_paths

        # Reading (and rendering) the file is done on a worker: nothing on the UI thread reads a file.
        window.runner.submit(
            Library.read_lone_file,
            target.path,
            on_done=lambda post: window.show_lone_post(post, target.path),
            on_error=lambda error: window.warn(QCoreApplication.translate("OpenPaths", "Cannot open this"), str(error)),
        )


def bring_to_front(window) -> None:
    """Raise, activate and, where the window manager refuses focus stealing, ask for attention."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)


class FileOpenFilter(QObject):
    """macOS sends QFileOpenEvent for a double-clicked file, even while the app is still starting:
    installed on the application before the first window exists, it keeps the paths until a
    handler is set (Frescobaldi does the same)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: list[str] = []
        self._handler: Callable[[list[str]], None] | None = None

    def set_handler(self, handler: Callable[[list[str]], None]) -> None:
        self._handler = handler
        pending, self._pending = self._pending, []
        if pending:
            handler(pending)

    def take_pending(self) -> list[str]:
        """Paths that arrived before a handler: the start-up opens them with the command line's."""
        pending, self._pending = self._pending, []
        return pending

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path:
                log.info("FileOpen: %s", path)
                if self._handler is None:
                    self._pending.append(path)
                else:
                    self._handler([path])
            return True
        return False
