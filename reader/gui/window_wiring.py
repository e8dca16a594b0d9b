"""The main window's wiring: the controllers over its panes, the signals between them, its actions and menus."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from .. import settings as S
from .actions import build_actions, build_menus
from .article_actions import ArticleActions
from .browsing import Browsing
from .error_dialog import open_folder
from .highlights import Highlights
from .i18n import add_language_menu
from .libraries import OpenLibraries
from .post_by_path import PostByPath
from .read_as import add_read_as_menu
from .reading import Reading
from .reading_data import ReadingData
from .refresher import Refresher
from .saved_searches import SavedSearches
from .search import SearchController
from .tree_menu import TreeMenu


class WindowWiring:
    """A base of MainWindow (main_window.py), which builds the widgets first; every name it sets is the
    window's own, so the window reads as one object."""

    def _wire(self) -> None:
        """The controllers over the panes, and what connects them."""
        self._make_controllers()
        for controller in (
            self.reading,
            self.browse,
            self.article_actions,
            self.by_path,
            self.reading_data,
            self.saved_searches,
            self.highlights,
        ):
            controller.message.connect(self._status)
        self.reading.opened.connect(self._article_opened)
        self.reading.marksChanged.connect(self.browse.schedule_counts)
        self.reading.nodesRequested.connect(self.browse.select_nodes)
        self.browse.listed.connect(self._list_shown)
        self.browse.treeShown.connect(self._show_summary)
        self.search_edit.textChanged.connect(lambda text: self.search.set_query(text, self.browse.current_filter()))
        self.search_edit.toResults.connect(self._go_to_results)
        self.search_edit.left.connect(lambda: self.list.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.search.results.connect(self._hits_shown)  # after Browsing has put them in the list
        self.search.failed.connect(lambda *_: setattr(self, "_results_wanted", False))
        self._quick_timer = QTimer(self, singleShot=True, interval=150, timeout=lambda: self.browse.reload_list())
        self.quick_filter.textChanged.connect(lambda _t: self._quick_timer.start())
        self.tag_filter.textChanged.connect(self.tree_model.set_tag_filter)
        self._wire_refresher()
        self.libraries = OpenLibraries(self)  # the libraries open in the window, and which one is shown

    def _make_controllers(self) -> None:
        self.search = SearchController(self.settings.preferences.get(S.SEARCH_DELAY_MS), self)
        self.reading = Reading(
            self.list,
            self.view,
            read_delay_ms=self.settings.preferences.get(S.READ_DELAY_MS),
            current_filter=lambda: self.browse.current_filter(),
            parent=self,
        )
        self.browse = Browsing(
            self.tree,
            self.list,
            self.search,
            self.search_info,
            self.reading,
            self.settings.window,
            self.quick_filter.text,
            self,
        )
        self.article_actions = ArticleActions(self.reading, self.view, self.list, self)
        self.reading_data = ReadingData(self.runner, self.paths, self)
        self.reading_data.imported.connect(lambda: (self.browse.reload_list(), self.browse.schedule_counts()))
        self.saved_searches = SavedSearches(self.browse, self.search_edit, self)
        self.highlights = Highlights(self.browse, self.reading, self.view, self.search_edit, self)
        self.tree_menu = TreeMenu(self.tree, self.saved_searches, self.highlights)
        self.by_path = PostByPath(self)  # a post asked for by its path (command line, FileOpen)
        self.by_path.shownAlone.connect(self._show_alone)

    def _wire_refresher(self) -> None:
        self.refresher = Refresher(self.runner, self.data_dir, self)
        self.refresher.watch = self.settings.preferences.get(S.WATCH_FOLDER)
        self.refresher.progressed.connect(self.progress.update_progress)
        self.refresher.postsWritten.connect(self.browse.list_new_posts)
        self.refresher.metadataReady.connect(self.browse.reload)
        self.refresher.finished.connect(lambda _report: self.browse.text_indexed())
        self.refresher.finished.connect(self._refresh_done)
        self.refresher.failed.connect(self._refresh_failed)

    def _build_actions(self) -> None:
        """Every action of the window, by id, with its shortcut, and the menus that show them."""
        handlers: dict = {}
        for controller in (
            self.reading,
            self.article_actions,
            self.reading_data,
            self.saved_searches,
            self.highlights,
            self.libraries,
        ):
            handlers |= controller.handlers()
        self.actions_by_id = build_actions(self, handlers | self._handlers())  # the window's own win
        self.article_actions.set_actions(self.actions_by_id)
        self.addActions(list(self.actions_by_id.values()))
        build_menus(
            self.menuBar(),
            self.actions_by_id,
            {"open_library": self.libraries.add_recent_menu, "reset_zoom": self._add_language_menu},
        )

    def _handlers(self) -> dict:
        return {
            "open_library": self.choose_library,
            "reload": self.refresh,
            "quit": self.close,
            "focus_search": self.focus_search,
            "clear_search": self.clear_search,
            "zoom_in": self.view.zoom_in,
            "zoom_out": self.view.zoom_out,
            "reset_zoom": self.view.reset_zoom,
            "cycle_focus": self.cycle_focus,
            "preferences": self.show_preferences,
            "find_next": self.view.find_next,
            "find_previous": self.view.find_previous,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
            "open_log_folder": lambda: open_folder(self.paths.log),
        }

    def _add_language_menu(self, menu) -> None:
        menu.addSeparator()
        add_read_as_menu(menu, self.settings, (self.view, self.list_model, self.tree_model))
        add_language_menu(menu, self.settings, self.statusBar().showMessage)
