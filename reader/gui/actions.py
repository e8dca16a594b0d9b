"""Every action declared once: id, text, shortcuts, menu; menus and the shortcuts sheet come from here."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window."""

    id: str
    text: str
    menu: str  # "File", "View", "Go", "Article" or "Help"
    shortcuts: tuple[str, ...] = ()  # our own keys, besides the platform's standard ones
    tip: str = ""
    separator_before: bool = False
    standard: QKeySequence.StandardKey | None = None  # the platform's keys for this command, first


Std = QKeySequence.StandardKey


MENUS = ("File", "View", "Go", "Article", "Help")

# Single-letter keys are safe here: a QLineEdit accepts the ShortcutOverride for printable
# keys without modifiers, so they reach the line edit instead of firing while the user types.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_library", "&Open Library Folder…", "File", standard=Std.Open),
    ActionSpec("reload", "&Reload", "File", (), "Look for new and changed files now", standard=Std.Refresh),
    ActionSpec("quit", "&Quit", "File", ("Ctrl+Q",), separator_before=True, standard=Std.Quit),
    ActionSpec("focus_search", "&Search", "View", ("/",), "Put the cursor in the search field", standard=Std.Find),
    ActionSpec("clear_search", "&Clear Search", "View", (), "Clear the search and return to the list",
               standard=Std.Cancel),
    ActionSpec("cycle_focus", "Next &Pane", "View", ("F6",), "Tree, list, article in turn"),
    ActionSpec("zoom_in", "Zoom &In", "View", ("Ctrl+=",), separator_before=True, standard=Std.ZoomIn),
    ActionSpec("zoom_out", "Zoom &Out", "View", (), standard=Std.ZoomOut),
    ActionSpec("next_article", "&Next Article", "Go", ("J",)),
    ActionSpec("previous_article", "&Previous Article", "Go", ("K",)),
    ActionSpec("next_unread", "Next &Unread Article", "Go", ("N",)),
    ActionSpec("page_down", "Page &Down", "Go", ("Space",), "Page the article, then go to the next one"),
    ActionSpec("page_up", "Page U&p", "Go", ("Shift+Space",),
               "Page the article back, then go to the previous one"),
    ActionSpec("back", "&Back", "Go", (), "The article seen before", separator_before=True, standard=Std.Back),
    ActionSpec("forward", "&Forward", "Go", (), standard=Std.Forward),
    ActionSpec("find_next", "Next &Match", "Go", (), "Next search term in the article",
               separator_before=True, standard=Std.FindNext),
    ActionSpec("find_previous", "Previous M&atch", "Go", (), standard=Std.FindPrevious),
    ActionSpec("toggle_star", "&Star", "Article", ("S",)),
    ActionSpec("toggle_read", "Toggle &Read", "Article", ("M",)),
    ActionSpec("open_source", "&Open Source Link", "Article", ("O",), "Open the original in the browser"),
    ActionSpec("mark_selection_read", "Mark &Selection Read", "Article", (), separator_before=True),
    ActionSpec("mark_all_read", "Mark &All Read", "Article", ("Ctrl+Shift+M",),
               "Mark every article in the list read"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "Help", (), standard=Std.HelpContents),
    ActionSpec("open_log_folder", "Open &Log Folder", "Help", (), "Where the reader writes what went wrong"),
    ActionSpec("about", "&About Jianbao Reader", "Help"),
)

SPECS = {spec.id: spec for spec in ACTIONS}


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The platform's standard keys for the command (none on some platforms), then ours, each once."""
    # keyBindings() asks the platform theme: without an application it would crash.
    known = spec.standard is not None and QGuiApplication.instance() is not None
    keys = QKeySequence.keyBindings(spec.standard) if known else []
    keys += [QKeySequence(k) for k in spec.shortcuts]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique


FIRST_KEYS = ("next_article", "previous_article", "page_down", "next_unread", "focus_search", "toggle_star",
              "back", "shortcuts")  # what the empty article pane teaches


def first_keys() -> tuple[tuple[str, str], ...]:
    """The handful of keys worth knowing first, as (keys as the platform writes them, what they do).

    Of the platform's keys only the first: the others are often keys of media keyboards ("Back").
    """
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for action_id in FIRST_KEYS:
        spec = SPECS[action_id]
        keys = key_sequences(spec)
        shown = keys[:1] + [k for k in keys[1:] if k.toString() in spec.shortcuts]
        rows.append((", ".join(k.toString(native) for k in shown), spec.text.replace("&", "")))
    return tuple(rows)


def build_actions(parent: QObject, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per spec, triggering its handler; the window adds them to itself."""
    missing = set(SPECS) - set(handlers)
    if missing:
        raise KeyError(f"no handler for actions: {sorted(missing)}")
    actions = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(spec.tip)
        handler = handlers[spec.id]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.id] = action
    return actions


def build_menus(menubar: QMenuBar, actions: dict[str, QAction],
                extra: dict[str, Callable[[QMenu], None]] | None = None) -> dict[str, QMenu]:
    """The menu bar in declaration order; extra[menu](menu) adds items such as submenus."""
    menus = {name: menubar.addMenu(f"&{name}") for name in MENUS}
    for spec in ACTIONS:
        menu = menus[spec.menu]
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(actions[spec.id])
        if extra and spec.id in extra:
            extra[spec.id](menu)
    return menus


def shortcuts_html() -> str:
    """The Keyboard Shortcuts sheet, one table row per action with a shortcut, grouped by menu."""
    parts = ["<h3>Keyboard Shortcuts</h3>", "<table cellspacing='0' cellpadding='3'>"]
    for menu in MENUS:
        rows = [s for s in ACTIONS if s.menu == menu and key_sequences(s)]
        if not rows:
            continue
        parts.append(f"<tr><td colspan='2'><b>{html.escape(menu)}</b></td></tr>")
        for spec in rows:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in key_sequences(spec))
            parts.append(f"<tr><td>{html.escape(spec.text.replace('&', ''))}</td>"
                         f"<td><code>{html.escape(keys)}</code></td></tr>")
    parts.append("</table>")
    parts.append("<p>Single-letter keys work when the list or the article has the focus.</p>")
    return "".join(parts)
