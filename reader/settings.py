"""Every setting declared once (key, type, default), stored as preferences or as window state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer


@dataclass(frozen=True)
class Setting:
    """One stored value: where it lives, its type and what it is when never set."""

    key: str
    type: type
    default: Any
    doc: str = ""


# Preferences: what the user chose. Kept in preferences.ini.
FONT_SIZE = Setting("view/font_size", float, 0.0, "Article font size in points; 0 = the view's default")
WATCH_FOLDER = Setting("library/watch", bool, True, "Refresh when files in the library change")
READ_DELAY_MS = Setting("reading/read_delay_ms", int, 1500, "An article counts as read after this long open")
SEARCH_DELAY_MS = Setting("search/delay_ms", int, 250, "Pause in typing before a search runs")
LANGUAGE = Setting(
    "view/language", str, "", "Interface language: en, zh_CN or zh_TW; '' follows the system. Used from the next start"
)
READ_AS = Setting(
    "view/read_as",
    str,
    "original",
    "View ▸ Read As: original, simplified or traditional (the article, list and tree, not the files)",
)
CHINESE_FONT = Setting(
    "view/chinese_font", str, "", "Font family for Han characters; '' = the post language's own list"
)
LATIN_FONT = Setting(
    "view/latin_font", str, "", "Font family for Latin letters and digits; '' = the Chinese font's own"
)
TEXT_WIDTH_EM = Setting("view/text_width_em", int, 36, "The article column's widest width, in em (CJK characters)")
LINE_HEIGHT = Setting("view/line_height", int, 135, "Line height in percent of the font's own line spacing")
THEME = Setting("view/theme", str, "system", "system, light or dark")
PREFERENCES = (
    FONT_SIZE,
    WATCH_FOLDER,
    READ_DELAY_MS,
    SEARCH_DELAY_MS,
    LANGUAGE,
    READ_AS,
    CHINESE_FONT,
    LATIN_FONT,
    TEXT_WIDTH_EM,
    LINE_HEIGHT,
    THEME,
)

# Window state: where the user left things. Kept in window-state.ini, apart from preferences.
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
LIST_HEADER = Setting("list/header", QByteArray, QByteArray(), "Column widths of the article list")
SORT_KEY = Setting("list/sort", str, "date", "date, title or category")
SORT_DESCENDING = Setting("list/descending", bool, True)
LAST_LIBRARY = Setting("session/library", str, "")
RECENT_LIBRARIES = Setting("session/recent", list, [])
LAST_SELECTION = Setting("session/selection", list, [], "Tree node keys, e.g. category:x")
LAST_ARTICLE = Setting("session/article", str, "", "Library-relative path of the open article")
OPEN_LIBRARIES = Setting("session/libraries", list, [], "Roots of the libraries open in the window, in tree order")
ALL_SHOWN = Setting("session/all", bool, False, "All libraries was selected, not one library")
PLACES = Setting("session/places", str, "{}", "JSON: each open library's root -> its selection and open article")
WINDOW = (
    GEOMETRY,
    WINDOW_STATE,
    SPLITTER,
    LIST_HEADER,
    SORT_KEY,
    SORT_DESCENDING,
    LAST_LIBRARY,
    RECENT_LIBRARIES,
    LAST_SELECTION,
    LAST_ARTICLE,
    OPEN_LIBRARIES,
    ALL_SHOWN,
    PLACES,
)

MAX_RECENT = 10


def _coerce(value: Any, setting: Setting) -> Any:
    """Turn what an ini file gives back (strings, or one-item lists as strings) into the setting's type."""
    if value is None:
        return setting.default
    kind = setting.type
    try:
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes", "on")
            return bool(value)
        if kind is list:
            if isinstance(value, (list, tuple)):
                return [str(v) for v in value]
            return [str(value)] if value != "" else []
        if kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value)
        return kind(value)
    except (TypeError, ValueError):
        return setting.default


class Store:
    """One QSettings ini file holding a declared group of settings."""

    def __init__(self, path: Path, declared: tuple[Setting, ...]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self._declared = {s.key for s in declared}

    def get(self, setting: Setting) -> Any:
        self._check(setting)
        return _coerce(self._qsettings.value(setting.key), setting)

    def set(self, setting: Setting, value: Any) -> None:
        self._check(setting)
        # An empty list would come back as a string; store lists so they round-trip.
        self._qsettings.setValue(setting.key, list(value) if setting.type is list else value)

    def sync(self) -> None:
        self._qsettings.sync()

    def write_later(self, msecs: int, owner: QObject) -> None:
        """Write the file `msecs` after the first change it does not hold yet, not at the event loop's next turn.
        The timer is `owner`'s (a window): deleted with it on its thread, not wherever Python drops this store."""
        _WriteLater(self._qsettings, msecs, owner)

    def _check(self, setting: Setting) -> None:
        if setting.key not in self._declared:
            raise KeyError(f"{setting.key} is not declared in this store")


class _WriteLater(QObject):
    """QSettings writes its file (a lock, a temporary file, a rename) at the event loop's next turn after a change:
    on the UI thread, in the middle of whatever the change came with. The window state changes with every article
    opened, and that write took 1-20 ms of the open on a busy disk: now one write at most every `msecs` (QSettings
    asks once for the changes made until it writes: the timer starts with the first), not one an open. Reading
    the value back needs no write, and QSettings writes what is pending when it is deleted (and on sync())."""

    def __init__(self, qsettings: QSettings, msecs: int, owner: QObject):
        super().__init__(owner)
        self._timer = QTimer(self, singleShot=True, interval=msecs)
        self._timer.timeout.connect(qsettings.sync)
        qsettings.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:  # QSettings' request to write itself
            self._timer.start()
            return True
        return False


class Settings:
    """Preferences and window state, in two files under the config folder."""

    def __init__(self, config_dir: Path):
        self.preferences = Store(Path(config_dir) / "preferences.ini", PREFERENCES)
        self.window = Store(Path(config_dir) / "window-state.ini", WINDOW)

    def remember_library(self, root: str) -> None:
        """Make `root` the last library and put it first in the recent list."""
        recent = [r for r in self.window.get(RECENT_LIBRARIES) if r != root]
        self.window.set(RECENT_LIBRARIES, [root, *recent][:MAX_RECENT])
        self.window.set(LAST_LIBRARY, root)

    def sync(self) -> None:
        self.preferences.sync()
        self.window.sync()
