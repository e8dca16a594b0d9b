"""Several libraries in one window: the open set (remembered), the one shown or All libraries, their tree nodes.

The window shows one Session at a time: a library's, or All libraries' (libraries_all.py). A click in
another library's part of the tree shows that library where it was left (selection and article, kept
per library in the settings). The others' counts are read and their indexes refreshed in the
background, one at a time, on a runner of their own: a library being indexed, or whose index cannot
be read, never holds up the rest. The status bar names the libraries being indexed.

A library is refreshed once at a time across the window: one being refreshed is not queued again, nor one
the window's Refresher is refreshing (or whose cancelled refresh is still exiting); a library shown while its
background refresh runs has that one cancelled, and the Refresher's starts at its end (its process gone, so
is its index writer: a second writer waited 10 s for it, then failed with "Cannot write the full-text index").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel

from .. import settings as S
from ..core import Cancelled, Library
from .core_text import error_text
from .libraries_all import AllSession, open_all
from .refresh_process import refresh_in_process
from .session import Session
from .tasks import SyncTaskRunner, Task, TaskRunner, on_own_library
from .tree_model import load_tree_data

ALL = "*"  # All libraries' key among the places
FRESH_S = 60.0  # a library not shown is refreshed in the background at most this often


def _refresh(task, root, data_dir):
    """On the background runner: one library's refresh, in a process of its own."""
    return refresh_in_process(root, data_dir, lambda *progress: task.progress(*progress), task.is_cancelled)


class OpenLibraries(QObject):
    """The libraries open in `window` and which one it shows (None: All libraries)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._settings = window.settings.window
        self.roots: list[str] = [r for r in self._settings.get(S.OPEN_LIBRARIES) if Path(r).is_dir()]
        self.shown: str | None = ""  # a library's root, None for All libraries, "" for nothing (yet)
        self._refreshed_at: dict[str, float] = {}
        self._names: dict[str, str] = {}
        # Never takes a thread the window's queries need (tests run everything on the calling thread).
        self._background = (
            window.runner if isinstance(window.runner, SyncTaskRunner) else TaskRunner(self, max_threads=1)
        )
        self._queue: list[str] = []
        self._running: dict[str, Task | None] = {}  # root -> its background refresh (None: until submit returns)
        self._after: dict[str, Callable[[], None]] = {}  # root -> the Refresher's start, at the end of that one
        self._busy: dict[str, str] = {}  # root -> name, of the libraries being indexed now
        self.busy_label = QLabel(window.statusBar(), objectName="indexingLibraries")
        window.statusBar().addPermanentWidget(self.busy_label)
        self.busy_label.hide()
        window.refresher.progressed.connect(lambda *_: self._set_busy(self.shown, True))
        window.refresher.finished.connect(self._shown_refreshed)
        window.refresher.failed.connect(lambda *_: self._set_busy(self.shown, False))
        window.refresher.ended.connect(lambda root: self._queue_refresh([root]))  # if no longer shown
        window.refresher.hand_over = self._hand_over
        window.browse.elsewhere = self._clicked_elsewhere
        window.browse.treeShown.connect(self._expand)

    def handlers(self) -> dict:
        return {"add_library": self.add_library, "remove_library": self.remove_library}

    # --- the set ------------------------------------------------------------------------
    def now_showing(self, session: Session, sample: bool) -> bool:
        """The window shows `session` now. A library joins the set; the tree gets its layout. True when
        the library has a place kept from before (restore it)."""
        before = self._key(self.shown)
        self._keep_place(before)
        library = session.library
        root = None if library.root is None else str(library.root)
        if root is not None and not sample and root not in self.roots:
            self.roots.append(root)
        if root is not None:  # until a worker has read the site's title (its YAML): the folder's name
            self._names.setdefault(root, library.root.name)
        self.shown = root
        self._queue = [r for r in self._queue if r != root]  # the window's Refresher refreshes it now
        self._settings.set(S.OPEN_LIBRARIES, self.roots)
        self._settings.set(S.ALL_SHOWN, root is None)
        shown_set = self.roots if not sample else [root]
        self.window.tree_model.set_libraries([(r, self._names.get(r, Path(r).name)) for r in shown_set], root)
        self.window.list_model.library_name = library.slot_name if root is None else None
        self._update_actions()
        if not sample:
            for other in self.roots:
                if other != root:
                    self._load_tree(other)
            self._queue_refresh(self.roots)
        return self._take_place(self._key(root)) and before != self._key(root)

    def add_library(self) -> None:
        """File ▸ Add Library…: a folder joins the set and is shown."""
        near = Path(self.shown).parent if self.shown else Path.home()  # beside the shown library
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add Library"), str(near))
        if folder:
            self.show_library(folder)

    def show_library(self, root: str) -> None:
        self.window.open_library(root)

    def remove_library(self) -> None:
        """File ▸ Remove Library: the shown library leaves the window (nothing on disk changes)."""
        if self.shown is None or len(self.roots) < 2:
            return
        gone = self.shown
        self.roots.remove(gone)
        places = self._places()
        places.pop(gone, None)
        self._settings.set(S.PLACES, json.dumps(places))
        self.shown = ""  # nothing of it is kept as a place
        self.window.open_library(self.roots[0])
        self.window.statusBar().showMessage(
            self.tr("{0} was removed from the window; its folder is untouched").format(self._names.get(gone, gone)),
            8000,
        )

    def show_all(self) -> None:
        """All libraries in one list: their posts, and their hits as one ranked list."""
        roots = [Path(r) for r in self.roots]
        everything = open_all(roots, self.window.data_dir, self.tr("All libraries"))
        self.window.show_session(
            AllSession(everything, self.window.runner, self.window.data_dir, self.window), False, True
        )

    def restore_all(self) -> bool:
        """At start: All libraries, if that is what was shown at the end of the last run."""
        if len(self.roots) > 1 and self._settings.get(S.ALL_SHOWN):
            self.show_all()
            return True
        return False

    def save(self) -> None:
        """The shown library's place, before the settings are written."""
        self._keep_place(self._key(self.shown))

    # --- places: each library's selection and open article ------------------------------
    @staticmethod
    def _key(root: str | None) -> str:
        return ALL if root is None else root

    def _places(self) -> dict:
        try:
            places = json.loads(self._settings.get(S.PLACES))
        except ValueError:
            return {}
        return places if isinstance(places, dict) else {}

    def _keep_place(self, key: str) -> None:
        if key != ALL and key not in self.roots:
            return
        places = self._places()
        places[key] = {"selection": self._settings.get(S.LAST_SELECTION), "article": self._settings.get(S.LAST_ARTICLE)}
        self._settings.set(S.PLACES, json.dumps(places))

    def _take_place(self, key: str) -> bool:
        place = self._places().get(key)
        if not isinstance(place, dict):
            return False
        self._settings.set(S.LAST_SELECTION, [str(n) for n in place.get("selection") or []])
        self._settings.set(S.LAST_ARTICLE, str(place.get("article") or ""))
        return True

    # --- the tree -----------------------------------------------------------------------
    def _clicked_elsewhere(self) -> bool:
        """A click in another library's part of the tree (or on All libraries): show that one. True if so."""
        model, index = self.window.tree_model, self.window.tree.currentIndex()
        target, node = model.library_of(index), model.node(index)
        if target is None or node is None or (target or None) == self.shown:
            return False
        key = self._key(target or None)
        self._keep_place(self._key(self.shown))
        if node.kind != "libraryroot":  # that node, with the article left open there
            places = self._places()
            places[key] = {**places.get(key, {}), "selection": [node.id]}
            self._settings.set(S.PLACES, json.dumps(places))
        QTimer.singleShot(0, self.show_all if key == ALL else lambda: self.show_library(target))
        return True

    def _load_tree(self, root: str) -> None:
        """Another library's counts and facets, read on a worker; a failure marks its node only."""
        model = self.window.tree_model
        self.window.runner.submit(
            on_own_library,
            root,
            self.window.data_dir,
            _named_tree,
            on_done=lambda answer: self._tree_loaded(root, *answer),
            on_error=lambda error: model.set_library_data(root, None, error_text(error)),
        )

    def name_of(self, library: Library) -> str:
        """What to call `library` now, without reading its site on the UI thread (see named)."""
        return library.name if library.root is None else self._names.get(str(library.root), library.root.name)

    def named(self, library: Library, name: str) -> None:
        """A worker read the shown library's site: its title names it from now on."""
        root = str(library.root)
        if self._names.get(root) != name:
            self._names[root] = name
            self.window.tree_model.rename_library(root, name)

    def _tree_loaded(self, root: str, name: str, data) -> None:
        self._names[root] = name
        self.window.tree_model.set_library_data(root, data, name=name)

    def _expand(self, _data) -> None:
        """Each library's top node open, showing its sections (one library has none: it looks as before)."""
        tree, model = self.window.tree, self.window.tree_model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if model.node(index).kind in ("libraryroot", "libraries"):
                tree.expand(index)

    def _update_actions(self) -> None:
        """Remove Library needs one library shown and another to show (a search saved under All libraries
        spans them all; a highlight made there is kept by its post's library: libraries_all.py)."""
        action = getattr(self.window, "actions_by_id", {}).get("remove_library")
        if action is not None:
            action.setEnabled(self.shown is not None and len(self.roots) > 1)

    # --- refreshing the libraries not shown -----------------------------------------------
    def refresh_all(self, again: bool = True) -> None:
        """File ▸ Reload under All libraries: every library, in the background; one being refreshed once more after
        that (`again`: its walk may have passed what the user reloads for), as the Refresher does. Not when All
        libraries is shown: now_showing has queued them, and one being refreshed was refreshed twice."""
        self._queue_refresh(self.roots, now=True, again=again)

    def _queue_refresh(self, roots: list[str], now: bool = False, again: bool = False) -> None:
        """Refresh these in the background, one at a time, unless done in the last minute (or `now`), shown (the
        Refresher's), queued or being refreshed (unless `again`: then once more after that)."""
        stale = time.monotonic() - (0 if now else FRESH_S)
        self._queue += [
            r
            for r in roots
            if r in self.roots
            and r != self.shown
            and r not in self._queue
            and ((again and r in self._running) or not self._refreshing(r))
            and self._refreshed_at.get(r, -1e9) < stale
        ]
        if not self._background.busy():
            self._next_refresh()

    def _next_refresh(self) -> None:
        while self._queue:
            root = self._queue.pop(0)
            # the shown one has the window's Refresher; one it refreshes is queued again at its end
            if root in self.roots and root != self.shown and not self._refreshing(root):
                name = self._names.get(root, Path(root).name)
                self._set_busy(root, True, name)
                self._running[root] = None
                task = self._background.submit(
                    _refresh,
                    root,
                    self.window.data_dir,
                    wants_task=True,
                    on_done=lambda _report, r=root: self._refreshed(r),
                    on_error=lambda error, r=root: self._refreshed(r, error),
                )
                if root in self._running:  # not ended yet (a synchronous runner has ended it)
                    self._running[root] = task
                return

    def _refreshing(self, root: str) -> bool:
        return root in self._running or self.window.refresher.refreshing(root)

    def _hand_over(self, root: str, then: Callable[[], None]) -> bool:
        """The Refresher is to refresh `root`: True if its background refresh runs; cancelled, then() at its end."""
        if root not in self._running:
            return False
        task = self._running[root]
        if task is not None:
            task.cancel()  # refresh_in_process stops at its next look (50 ms), its process killed and reaped
        self._after[root] = then
        return True

    def _refreshed(self, root: str, error: BaseException | None = None) -> None:
        self._running.pop(root, None)
        self._set_busy(root, False)
        if not isinstance(error, Cancelled):  # cancelled: for the window's own refresh, or at the end
            self._refreshed_at[root] = time.monotonic()
        if error is not None and not isinstance(error, Cancelled):
            self.window.tree_model.set_library_data(root, None, error_text(error))
        elif error is None and root != self.shown and root in self.roots:
            self._load_tree(root)
            if self.shown is None:
                self.window.browse.reload()  # All libraries lists its posts too
        then = self._after.pop(root, None)
        if then is not None:
            then()  # the Refresher's refresh of it, now the only one
        if isinstance(error, Cancelled) and root != self.shown and root in self.roots and root not in self._queue:
            self._queue.append(root)  # given up for the Refresher's, but the user left it before that began
        self._next_refresh()

    def _shown_refreshed(self, *_report) -> None:
        self._set_busy(self.shown, False)
        if self.shown:
            self._refreshed_at[self.shown] = time.monotonic()

    def _set_busy(self, root: str | None, busy: bool, name: str = "") -> None:
        if root is None:
            return
        if busy:
            self._busy[root] = name or self._names.get(root, Path(root).name)
        else:
            self._busy.pop(root, None)
        self.busy_label.setText(self.tr("Indexing: {0}").format(", ".join(self._busy.values())))
        self.busy_label.setVisible(bool(self._busy) and len(self.roots) > 1)

    def shutdown(self) -> None:
        self._queue.clear()
        self._after.clear()
        if self._background is not self.window.runner:
            self._background.shutdown()

    # --- File ▸ Recent Libraries ------------------------------------------------------------
    def add_recent_menu(self, menu) -> None:
        self.recent_menu = menu.addMenu(self.tr("Recent &Libraries"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.get(S.RECENT_LIBRARIES)
        for root in recent:
            self.recent_menu.addAction(root, lambda r=root: self.window.open_library(r))
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)


def _named_tree(library: Library):
    return library.name, load_tree_data(library)
