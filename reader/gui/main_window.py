"""The main window: tree, article list and article view over one Library, kept fresh in the background."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

import reader

from .. import settings as S
from ..core import Library, ReaderError, RefreshReport
from ..paths import AppPaths, shipped
from .actions import first_keys, shortcuts_html
from .article_html import LibrarySummary, summary_page
from .article_view import ArticleView
from .core_text import error_text, translated
from .i18n import app_name
from .icon import app_icon
from .list_model import ArticleListModel
from .list_view import ArticleListView
from .preferences import PreferencesDialog, apply_saved
from .search_field import SearchField
from .session import Session
from .status import Banner, IndexProgress, message_box
from .tasks import DoneFn, TaskRunner, upgrade_first
from .tree_model import LibraryTreeModel
from .window_state import restore_layout, save_layout
from .window_wiring import WindowWiring

SAMPLE_LIBRARY = shipped("resources", "sample-library")
# Which pane has the keyboard: the styles' own cue is a faint dotted cell at best.
PANE_FOCUS = (
    "QTreeView, QTableView, QTextBrowser { border: 2px solid palette(midlight); }"
    " QTreeView:focus, QTableView:focus, QTextBrowser:focus { border: 2px solid palette(highlight); }"
)
SUMMARY_CATEGORIES = 8  # the most used categories on the summary page
WRITE_STATE_AFTER_MS = 2000  # window-state.ini is written this long after a change (an article opened), not at once


class MainWindow(WindowWiring, QMainWindow):
    """One window showing one library at a time."""

    def __init__(self, data_dir=None, *, runner: TaskRunner | None = None, sample_dir: Path | None = None):
        super().__init__()
        self.data_dir = data_dir
        self.paths = AppPaths.for_user(data_dir)
        self.settings = S.Settings(self.paths.config)
        self.settings.window.write_later(WRITE_STATE_AFTER_MS, self)  # it changes with every article opened
        self.runner = runner or TaskRunner(self)
        if self.runner.parent() is None:
            self.runner.setParent(self)  # it dies with the window, after its workers finish
        self.sample_dir = Path(sample_dir) if sample_dir else SAMPLE_LIBRARY
        self.session: Session | None = None  # the open library; every query and mark goes through it
        self.is_sample = False
        self.lone_path: Path | None = None  # a file shown on its own, outside any library
        self._lone_post = None
        self._opening = 0  # counts open_library calls: an upgrade finishing late shows nothing
        self._article_title = ""
        self._summary = None  # the TreeData the summary page shows
        self._results_wanted = False  # Enter in the search field: the first hit opens when the hits arrive
        self._build_widgets()
        self._wire()
        self._build_actions()
        self._restore_window_state()
        self._update_title()

    @property
    def library(self) -> Library | None:
        """The open library's UI-thread handle (list rows, link resolution); queries go through `session`."""
        return self.session.library if self.session is not None else None

    # --- layout -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.setWindowIcon(app_icon())
        self.search_edit = SearchField()
        toolbar = QToolBar(self.tr("Search"), objectName="searchToolbar", movable=False)
        toolbar.addWidget(self.search_edit)
        self.addToolBar(toolbar)

        self.tag_filter = QLineEdit(
            placeholderText=self.tr("Filter tags"),
            clearButtonEnabled=True,
            objectName="tagFilter",
            accessibleName=self.tr("Filter tags"),
            accessibleDescription=self.tr("Shows only the tags whose names hold this text"),
        )
        self.tree_model = LibraryTreeModel(self)
        self.tree = QTreeView(
            objectName="tree",
            headerHidden=True,
            uniformRowHeights=True,
            accessibleName=self.tr("Library"),
            accessibleDescription=self.tr(
                "Views, categories, tags and archive; the selection picks the articles listed"
            ),
        )
        self.tree.setModel(self.tree_model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.quick_filter = QLineEdit(
            placeholderText=self.tr("Filter by title"),
            clearButtonEnabled=True,
            objectName="titleFilter",
            accessibleName=self.tr("Filter by title"),
            accessibleDescription=self.tr("Lists only the articles whose titles hold this text"),
        )
        self.search_info = QLabel(objectName="searchInfo", wordWrap=True, accessibleName=self.tr("Search results"))
        self.search_info.hide()
        self.list_model = ArticleListModel(parent=self)
        self.list = ArticleListView()
        self.list.setModel(self.list_model)
        self._lay_out()

    def _lay_out(self) -> None:
        """The article view beside the tree and the list, the banner above them, and the tab order."""
        self.view = ArticleView()
        self.view.setObjectName("article")
        self.view.setAccessibleName(self.tr("Article"))
        self.banner = Banner()
        self._banner_action = self.choose_library
        self.banner.actionClicked.connect(lambda: self._banner_action())
        self.progress = IndexProgress()
        self.statusBar().addPermanentWidget(self.progress)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="panes")
        self.splitter.addWidget(_column(self.tag_filter, self.tree))
        self.splitter.addWidget(_column(self.quick_filter, self.search_info, self.list))
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setStyleSheet(PANE_FOCUS)
        central = _column(self.banner, self.splitter)
        self.setCentralWidget(central)
        chain = (
            self.search_edit,
            *self.banner.focus_chain(),
            self.tag_filter,
            self.tree,
            self.quick_filter,
            self.list,
            self.view,
        )
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)  # the first j reads, it does not type a query

    # --- opening a library --------------------------------------------------------------
    def start(self, library_path: str | None = None) -> None:
        """What a launch opens: the given folder, else the last library as it was left, else the sample."""
        last = self.settings.window.get(S.LAST_LIBRARY)
        if not library_path and self.libraries.restore_all():
            return
        if library_path or last:
            self.open_library(library_path or last, restore=not library_path, then=lambda ok: ok or self.open_sample())
        else:
            self.open_sample(restore=True)  # the sample was what the user read last

    def open_sample(self, restore: bool = False) -> None:
        if self.sample_dir.is_dir():
            self.open_library(self.sample_dir, sample=True, restore=restore, then=self._sample_banner)
        else:
            self._sample_banner(False)

    def _sample_banner(self, shown: bool) -> None:
        self._banner_action = self.choose_library
        self.banner.show_message(
            self.tr("You are looking at the sample library that comes with Jianbao Reader.")
            if shown
            else self.tr("No library is open."),
            self.tr("Open your library folder…"),
        )

    def choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open Library Folder"), str(self.library.root) if self.library else ""
        )
        if folder:
            self.open_library(folder)

    def open_library(self, path, *, sample: bool = False, restore: bool = False, then: DoneFn | None = None) -> bool:
        """Show a library from its index at once, refresh it in the background; False if it failed. An index to
        upgrade (seconds) is upgraded on a worker first: True at once, then(ok) gets the outcome; a later open wins."""
        self._opening += 1
        opening, then = self._opening, then or (lambda ok: ok)

        def finish(outcome) -> None:
            if opening == self._opening:
                self.statusBar().clearMessage()
                then(outcome())

        if upgrade_first(
            self.runner,
            path,
            self.data_dir,
            lambda: self.statusBar().showMessage(self.tr("Upgrading the index of {0}…").format(Path(path).name)),
            on_done=lambda note: finish(lambda: self._show_library(path, sample, restore, note)),
            on_error=lambda error: finish(lambda: self._cannot_open(path, error)),
        ):
            return True
        then(shown := self._show_library(path, sample, restore, None))
        return shown

    def _cannot_open(self, path, error: BaseException) -> bool:
        self.warn(self.tr("Cannot open this library"), f"{path}\n\n{error_text(error)}")
        return False

    def _show_library(self, path, sample: bool, restore: bool, rebuilt: str | None) -> bool:
        try:
            library = Library(path, data_dir=self.data_dir)
        except (ReaderError, OSError) as error:
            return self._cannot_open(path, error)
        # The library shown before, or the one read last time (given again on the command line),
        # comes back as it was left.
        left = [self.library.root if self.library else None, self.settings.window.get(S.LAST_LIBRARY)]
        self.show_session(
            Session(library, self.runner, self.data_dir, self), sample, restore or str(library.root) in map(str, left)
        )
        if rebuilt := rebuilt or library.rebuilt_reason:  # a worker that upgraded the index may have rebuilt it
            self.statusBar().showMessage(self.tr("The index was rebuilt: {0}").format(rebuilt), 10000)
        return True

    def show_session(self, session: Session, sample: bool, restore: bool) -> None:
        """Show a library (or All libraries, libraries.py) through its session; refresh a library."""
        self._retire_library()
        self._leave_lone()
        self.session, self.is_sample, self._summary = session, sample, None
        library = session.library
        self.list_model.set_fetch(library.summaries)
        self.view.set_library(library)
        for controller in (self.search, self.reading, self.browse):
            controller.set_session(self.session)
        if library.root is not None:  # its site's title, read on a worker (YAML, TOML) once the list is in
            session.warm_up(lambda _own: library.name, on_done=lambda name: self._named(session, name))
        restore = self.libraries.now_showing(session, sample) or restore
        if not sample and library.root is not None:
            self.settings.remember_library(str(library.root))
            self.banner.hide()
        # The refresh (a walk of the whole library in its own process) starts once the list from the index
        # is in: started at once, it took one of the two cores from the list's query.
        self.browse.reload(restore=restore, then=lambda: self._refresh_if(session))

    def _retire_library(self) -> None:
        if self.session is None:
            return
        self.reading.leave()
        for controller in (self.search, self.reading, self.browse):
            controller.set_session(None)
        self.refresher.set_library(None)
        self.session.close()  # waiting marks and positions are written now
        self.session = None
        self.by_path.forget()
        self.search_edit.clear()

    # --- a file shown on its own ------------------------------------------------------------
    def show_lone_post(self, post, path) -> None:
        """Show one file that belongs to no library, on its own: nothing is indexed."""
        self._retire_library()
        self.list_model.set_ids([])
        for pane in (0, 1):
            self.splitter.widget(pane).hide()
        self.search_edit.setEnabled(False)  # there is no index to search
        self.lone_path = Path(path)
        self.view.set_library(None)
        self._show_alone(post)
        self._banner_action = lambda: self.open_library(self.lone_path.parent)
        self.banner.show_message(
            self.tr("Showing {0} on its own; its folder is not indexed.").format(self.lone_path.name),
            self.tr("Open Folder as Library"),
        )

    def _show_alone(self, post) -> None:
        self._lone_post = post
        self.view.show_post(post)
        self._update_title()

    def _leave_lone(self) -> None:
        if self.lone_path is not None or self._lone_post is not None:
            self.lone_path = self._lone_post = None
            for pane in (0, 1):
                self.splitter.widget(pane).show()
            self.search_edit.setEnabled(True)

    # --- refreshing ---------------------------------------------------------------------
    def _named(self, session: Session, name: str) -> None:
        if session is self.session:
            self.libraries.named(session.library, name)
            self._update_title()
            if self._summary is not None:
                self._show_summary(self._summary)  # the summary page names the library too

    def _refresh_if(self, session: Session) -> None:
        """The first refresh of a session's library, if that session is still the one shown."""
        if session is self.session:
            self.refresher.set_library(session.library if session.library.root is not None else None)
            self.refresh(again=False)  # All libraries: not one whose refresh runs now once more after it

    def refresh(self, again: bool = True) -> None:
        """An incremental refresh on a worker thread; the list updates when it is done (All libraries: each one's)."""
        if self.library is None or self.library.root is not None:
            self.refresher.refresh()
        else:
            self.libraries.refresh_all(again)

    def _refresh_done(self, report: RefreshReport) -> None:
        self.progress.finish()
        if report.rebuilt:
            rebuilt = translated(report.rebuilt)
            self.statusBar().showMessage(self.tr("The index was rebuilt: {0}").format(rebuilt), 10000)
        elif report.added or report.changed or report.removed:
            self.statusBar().showMessage(
                self.tr("{0:,} new, {1:,} changed, {2:,} removed").format(report.added, report.changed, report.removed),
                5000,
            )
        if report.added or report.changed or report.removed or report.rebuilt or not self.list_model.ids():
            self.browse.reload()
        self.by_path.retry(final=True)

    def _refresh_failed(self, message: str) -> None:
        self.progress.finish()
        if message:  # empty: cancelled on purpose
            self.statusBar().showMessage(message)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.ActivationChange and self.isActiveWindow():
            self.refresher.rescan_if_stale()
        super().changeEvent(event)

    # --- search -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_search(self) -> None:
        for edit in (self.tag_filter, self.quick_filter):
            if edit.hasFocus() and edit.text():
                edit.clear()
                return
        self.search_edit.clear()
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _go_to_results(self) -> None:
        """Enter or Down in the search field: to the list, the first hit open once the hits are in."""
        self._results_wanted = self.search.flush()
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self._results_wanted:
            self._open_first_hit()

    def _hits_shown(self, *_args) -> None:
        if self._results_wanted:
            self._results_wanted = False
            self._open_first_hit()

    def _open_first_hit(self) -> None:
        if self.list_model.searching() and self.list_model.rowCount():
            self.reading.open_post(self.list_model.post_id(0))  # it makes the row current and selected

    def _show_summary(self, data) -> None:
        """The empty article pane shows the library in figures and the first keys to know."""
        self._summary = data
        months = [f.key for f in data.months]
        self.view.set_idle_page(
            summary_page(
                LibrarySummary(
                    self.libraries.name_of(self.library) if self.library else "",
                    data.view_counts.get("all", 0),
                    data.view_counts.get("unread", 0),
                    data.view_counts.get("starred", 0),
                    min(months, default=None),
                    max(months, default=None),
                    tuple((f.label, f.count) for f in data.categories[:SUMMARY_CATEGORIES]),
                    first_keys(),
                )
            ),
            shown=not self.reading.opening(),
        )

    def _list_shown(self) -> None:
        self.by_path.retry()
        self._update_title()

    # --- panes and the status bar ------------------------------------------------------
    def cycle_focus(self) -> None:
        panes = [self.tree, self.list, self.view]
        focused = self.focusWidget()
        current = next(
            (
                i
                for i, pane in enumerate(panes)
                if focused is pane or (focused is not None and pane.isAncestorOf(focused))
            ),
            -1,
        )
        panes[(current + 1) % len(panes)].setFocus(Qt.FocusReason.TabFocusReason)

    def _status(self, text: str, msecs: int = 0) -> None:
        if text:
            self.statusBar().showMessage(text, msecs)
        else:
            self.statusBar().clearMessage()

    def _article_opened(self, path: str, title: str) -> None:
        if path:
            self.settings.window.set(S.LAST_ARTICLE, path)
        self._article_title = title or (Path(path).stem if path else "")
        self.view.setAccessibleDescription(self._article_title)  # what a screen reader says the pane holds
        self._update_title()

    # --- messages and state -------------------------------------------------------------
    def warn(self, title: str, text: str) -> QMessageBox:
        return message_box(self, QMessageBox.Icon.Warning, title, text)

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(
            self.settings, self.view, self.reading.set_read_delay, self.statusBar().showMessage, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_shortcuts(self) -> None:
        message_box(self, QMessageBox.Icon.NoIcon, self.tr("Keyboard Shortcuts"), shortcuts_html(), "shortcutsSheet")

    def show_about(self) -> None:
        name, what = self.tr("Jianbao Reader (剪报阅读器)"), self.tr("An offline reader for folders of article posts.")
        message_box(
            self,
            QMessageBox.Icon.Information,
            self.tr("About {0}").format(app_name()),
            f"<h3>{name} {reader.__version__}</h3><p>{what}</p>",
        )

    def _update_title(self) -> None:
        post = self._lone_post
        if self._article_title:
            name = self._article_title
        elif post is not None:
            name = post.meta.title or Path(post.meta.path).stem
        elif self.library is not None:
            name = self.libraries.name_of(self.library)
        else:
            name = ""
        self.setWindowTitle(f"{name} — {app_name()}" if name else app_name())

    def _restore_window_state(self) -> None:
        sort = self.browse.sort_key, self.browse.descending
        restore_layout(self, self.splitter, self.list, self.settings.window, *sort)
        size = self.settings.preferences.get(S.FONT_SIZE)
        if size > 0:
            self.view.set_font_size(size)
        self.view.fontSizeChanged.connect(lambda pt: self.settings.preferences.set(S.FONT_SIZE, pt))
        apply_saved(self.settings.preferences, self.view)

    def save_state(self) -> None:
        save_layout(self, self.splitter, self.list, self.settings.window)
        self.reading.leave(now=True)
        self.libraries.save()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quick even during a refresh: the workers are cancelled, not waited for (the refresh's
        process is ended by the cancel); their answers are dropped with the session."""
        self.save_state()
        self.refresher.set_library(None)
        self.libraries.shutdown()
        self.runner.shutdown()
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    layout.setStretch(len(widgets) - 1, 1)  # the last widget (a list or the panes) takes the height
    return box
