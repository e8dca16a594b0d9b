"""Every action declared once: id, text, shortcuts, menu; menus and the shortcuts sheet come from here."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window."""

    id: str
    text: str  # English; text() gives it in the interface language
    menu: str  # "File", "Edit", "View", "Go", "Article" or "Help"
    shortcuts: tuple[str, ...] = ()  # our own keys, besides the platform's standard ones
    tip: str = ""
    separator_before: bool = False
    standard: QKeySequence.StandardKey | None = None  # the platform's keys for this command, first
    role: QAction.MenuRole | None = None  # where macOS moves it (Preferences… to the application menu)

    def label(self) -> str:
        """The menu text in the interface language (with its & mnemonic)."""
        return QCoreApplication.translate(TR, self.text)

    def plain(self) -> str:
        """The text without its mnemonic, e.g. for the shortcut sheet: "&Star" -> "Star", "星标(&S)" -> "星标"."""
        return _without_mnemonic(self.label())


Std = QKeySequence.StandardKey


MENUS = ("File", "Edit", "View", "Go", "Article", "Help")
MENU_TITLES = {
    "File": QT_TRANSLATE_NOOP("Actions", "&File"),
    "Edit": QT_TRANSLATE_NOOP("Actions", "&Edit"),
    "View": QT_TRANSLATE_NOOP("Actions", "&View"),
    "Go": QT_TRANSLATE_NOOP("Actions", "&Go"),
    "Article": QT_TRANSLATE_NOOP("Actions", "&Article"),
    "Help": QT_TRANSLATE_NOOP("Actions", "&Help"),
}
TR = "Actions"  # the translation context of every text and tip below

# Single-letter keys are safe here: a QLineEdit accepts the ShortcutOverride for printable
# keys without modifiers, so they reach the line edit instead of firing while the user types.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_library", QT_TRANSLATE_NOOP("Actions", "&Open Library Folder…"), "File", standard=Std.Open),
    ActionSpec(
        "add_library",
        QT_TRANSLATE_NOOP("Actions", "&Add Library…"),
        "File",
        (),
        QT_TRANSLATE_NOOP("Actions", "Show another library folder in this window, beside the open ones"),
    ),
    ActionSpec(
        "remove_library",
        QT_TRANSLATE_NOOP("Actions", "Re&move Library"),
        "File",
        (),
        QT_TRANSLATE_NOOP("Actions", "Take the shown library out of this window; its folder and index stay"),
    ),
    ActionSpec(
        "reload",
        QT_TRANSLATE_NOOP("Actions", "&Reload"),
        "File",
        (),
        QT_TRANSLATE_NOOP("Actions", "Look for new and changed files now"),
        standard=Std.Refresh,
    ),
    ActionSpec(
        "export_reading_data",
        QT_TRANSLATE_NOOP("Actions", "&Export Reading Data…"),
        "File",
        (),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Read and starred marks, reading positions, saved searches and highlights of every library, as one file",
        ),
        separator_before=True,
    ),
    ActionSpec(
        "import_reading_data",
        QT_TRANSLATE_NOOP("Actions", "&Import Reading Data…"),
        "File",
        (),
        QT_TRANSLATE_NOOP("Actions", "Merge an exported file: the newer change of each mark wins"),
    ),
    ActionSpec(
        "export_highlights",
        QT_TRANSLATE_NOOP("Actions", "Export &Highlights…"),
        "File",
        (),
        QT_TRANSLATE_NOOP("Actions", "Every highlight and note of this library as Markdown, by article"),
    ),
    ActionSpec(
        "quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "File", ("Ctrl+Q",), separator_before=True, standard=Std.Quit
    ),
    ActionSpec(
        "preferences",
        QT_TRANSLATE_NOOP("Actions", "&Preferences…"),
        "Edit",
        (),
        QT_TRANSLATE_NOOP("Actions", "Fonts, text width, line height, theme, language"),
        standard=Std.Preferences,
        role=QAction.MenuRole.PreferencesRole,
    ),
    ActionSpec(
        "focus_search",
        QT_TRANSLATE_NOOP("Actions", "&Search"),
        "View",
        ("/",),
        QT_TRANSLATE_NOOP("Actions", "Put the cursor in the search field"),
        standard=Std.Find,
    ),
    ActionSpec(
        "clear_search",
        QT_TRANSLATE_NOOP("Actions", "&Clear Search"),
        "View",
        (),
        QT_TRANSLATE_NOOP("Actions", "Clear the search and return to the list"),
        standard=Std.Cancel,
    ),
    ActionSpec(
        "save_search",
        QT_TRANSLATE_NOOP("Actions", "Sa&ve Search…"),
        "View",
        (),
        QT_TRANSLATE_NOOP("Actions", "Keep the search and the tree's selection under a name, in the tree"),
        separator_before=True,
    ),
    ActionSpec("rename_search", QT_TRANSLATE_NOOP("Actions", "Re&name Saved Search…"), "View"),
    ActionSpec("delete_search", QT_TRANSLATE_NOOP("Actions", "De&lete Saved Search"), "View"),
    ActionSpec(
        "cycle_focus",
        QT_TRANSLATE_NOOP("Actions", "Next &Pane"),
        "View",
        ("F6",),
        QT_TRANSLATE_NOOP("Actions", "Tree, list, article in turn"),
    ),
    ActionSpec(
        "zoom_in",
        QT_TRANSLATE_NOOP("Actions", "Zoom &In"),
        "View",
        ("Ctrl+=",),
        separator_before=True,
        standard=Std.ZoomIn,
    ),
    ActionSpec("zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &Out"), "View", (), standard=Std.ZoomOut),
    ActionSpec(
        "reset_zoom",
        QT_TRANSLATE_NOOP("Actions", "&Actual Size"),
        "View",
        ("Ctrl+0",),
        QT_TRANSLATE_NOOP("Actions", "The article's text back to its usual size"),
    ),
    ActionSpec("next_article", QT_TRANSLATE_NOOP("Actions", "&Next Article"), "Go", ("J",)),
    ActionSpec("previous_article", QT_TRANSLATE_NOOP("Actions", "&Previous Article"), "Go", ("K",)),
    ActionSpec("next_unread", QT_TRANSLATE_NOOP("Actions", "Next &Unread Article"), "Go", ("N",)),
    ActionSpec(
        "page_down",
        QT_TRANSLATE_NOOP("Actions", "Page &Down"),
        "Go",
        ("Space",),
        QT_TRANSLATE_NOOP("Actions", "Page the article, then go to the next one"),
    ),
    ActionSpec(
        "page_up",
        QT_TRANSLATE_NOOP("Actions", "Page U&p"),
        "Go",
        ("Shift+Space",),
        QT_TRANSLATE_NOOP("Actions", "Page the article back, then go to the previous one"),
    ),
    ActionSpec(
        "back",
        QT_TRANSLATE_NOOP("Actions", "&Back"),
        "Go",
        (),
        QT_TRANSLATE_NOOP("Actions", "The article seen before"),
        separator_before=True,
        standard=Std.Back,
    ),
    ActionSpec("forward", QT_TRANSLATE_NOOP("Actions", "&Forward"), "Go", (), standard=Std.Forward),
    ActionSpec(
        "find_next",
        QT_TRANSLATE_NOOP("Actions", "Next &Match"),
        "Go",
        (),
        QT_TRANSLATE_NOOP("Actions", "Next search term in the article"),
        separator_before=True,
        standard=Std.FindNext,
    ),
    ActionSpec("find_previous", QT_TRANSLATE_NOOP("Actions", "Previous M&atch"), "Go", (), standard=Std.FindPrevious),
    ActionSpec("toggle_star", QT_TRANSLATE_NOOP("Actions", "&Star"), "Article", ("S",)),
    ActionSpec("toggle_read", QT_TRANSLATE_NOOP("Actions", "Toggle &Read"), "Article", ("M",)),
    ActionSpec(
        "open_source",
        QT_TRANSLATE_NOOP("Actions", "&Open Original"),
        "Article",
        ("O",),
        QT_TRANSLATE_NOOP("Actions", "Open the original in the browser"),
    ),
    ActionSpec(
        "copy_link",
        QT_TRANSLATE_NOOP("Actions", "Copy &Link"),
        "Article",
        ("Ctrl+Shift+C",),
        QT_TRANSLATE_NOOP("Actions", "The article's address on its site, or its file"),
    ),
    ActionSpec(
        "copy_markdown_link",
        QT_TRANSLATE_NOOP("Actions", "Copy as Mar&kdown"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "[title](link), to paste into notes"),
    ),
    ActionSpec(
        "copy_selection_markdown",
        QT_TRANSLATE_NOOP("Actions", "Copy Selection as Markdo&wn"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "The selected text with its links, bold and lists as Markdown"),
    ),
    ActionSpec(
        "highlight",
        QT_TRANSLATE_NOOP("Actions", "Highl&ight"),
        "Article",
        ("H",),
        QT_TRANSLATE_NOOP("Actions", "Highlight the text selected in the article"),
        separator_before=True,
    ),
    ActionSpec(
        "highlight_note",
        QT_TRANSLATE_NOOP("Actions", "Add No&te…"),
        "Article",
        ("Shift+H",),
        QT_TRANSLATE_NOOP("Actions", "A note on the highlight at the cursor, or the selection highlighted with a note"),
    ),
    ActionSpec(
        "remove_highlight",
        QT_TRANSLATE_NOOP("Actions", "Re&move Highlight"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "Remove the highlight at the cursor"),
    ),
    ActionSpec(
        "export_post_highlights",
        QT_TRANSLATE_NOOP("Actions", "Export Article's Hi&ghlights…"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "This article's highlights and notes as Markdown"),
    ),
    ActionSpec(
        "print", QT_TRANSLATE_NOOP("Actions", "&Print…"), "Article", (), separator_before=True, standard=Std.Print
    ),
    ActionSpec("export_pdf", QT_TRANSLATE_NOOP("Actions", "Export as P&DF…"), "Article"),
    ActionSpec(
        "export_html",
        QT_TRANSLATE_NOOP("Actions", "Export as &HTML…"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "One file with its images inside, no script"),
    ),
    ActionSpec(
        "export_md",
        QT_TRANSLATE_NOOP("Actions", "Export as Markdow&n…"),
        "Article",
        (),
        QT_TRANSLATE_NOOP("Actions", "The post's file as written: front matter and body"),
    ),
    ActionSpec(
        "mark_selection_read",
        QT_TRANSLATE_NOOP("Actions", "Mark &Selection Read"),
        "Article",
        (),
        separator_before=True,
    ),
    ActionSpec(
        "mark_all_read",
        QT_TRANSLATE_NOOP("Actions", "Mark &All Read"),
        "Article",
        ("Ctrl+Shift+M",),
        QT_TRANSLATE_NOOP("Actions", "Mark every article in the list read"),
    ),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"), "Help", (), standard=Std.HelpContents),
    ActionSpec(
        "open_log_folder",
        QT_TRANSLATE_NOOP("Actions", "Open &Log Folder"),
        "Help",
        (),
        QT_TRANSLATE_NOOP("Actions", "Where the reader writes what went wrong"),
    ),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About Jianbao Reader"), "Help"),
)

SPECS = {spec.id: spec for spec in ACTIONS}


def _without_mnemonic(text: str) -> str:
    """ "&Open" -> "Open"; "打开(&O)" -> "打开" (the Chinese way: the key in brackets after the word)."""
    return re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


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


def key_text(spec: ActionSpec) -> str:
    """The keys to tell a user, as the platform writes them: the platform's first standard key, then ours.

    The platform's other keys are left out: they are often keys of media keyboards whose names read as
    nonsense beside the command ("Ctrl+F, Find", "F1, Help"); the actions still answer to them all.
    """
    keys = key_sequences(spec)
    shown = keys[:1] + [k for k in keys[1:] if k.toString() in spec.shortcuts]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in shown)


FIRST_KEYS = (
    "next_article",
    "previous_article",
    "page_down",
    "next_unread",
    "focus_search",
    "toggle_star",
    "highlight",
    "back",
    "shortcuts",
)  # what the empty article pane teaches


def first_keys() -> tuple[tuple[str, str], ...]:
    """The handful of keys worth knowing first, as (keys as the platform writes them, what they do)."""
    return tuple((key_text(SPECS[action_id]), SPECS[action_id].plain()) for action_id in FIRST_KEYS)


def build_actions(parent: QObject, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per spec, triggering its handler; the window adds them to itself."""
    missing = set(SPECS) - set(handlers)
    if missing:
        raise KeyError(f"no handler for actions: {sorted(missing)}")
    actions = {}
    for spec in ACTIONS:
        action = QAction(spec.label(), parent)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.role is not None:
            action.setMenuRole(spec.role)
        if spec.tip:
            action.setStatusTip(QCoreApplication.translate(TR, spec.tip))
        handler = handlers[spec.id]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.id] = action
    return actions


def build_menus(
    menubar: QMenuBar, actions: dict[str, QAction], extra: dict[str, Callable[[QMenu], None]] | None = None
) -> dict[str, QMenu]:
    """The menu bar in declaration order; extra[menu](menu) adds items such as submenus."""
    menus = {name: menubar.addMenu(QCoreApplication.translate(TR, MENU_TITLES[name])) for name in MENUS}
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
    title = QCoreApplication.translate("Actions", "Keyboard Shortcuts")
    parts = [f"<h3>{html.escape(title)}</h3>", "<table cellspacing='0' cellpadding='3'>"]
    for menu in MENUS:
        rows = [s for s in ACTIONS if s.menu == menu and key_sequences(s)]
        if not rows:
            continue
        menu_title = _without_mnemonic(QCoreApplication.translate(TR, MENU_TITLES[menu]))
        parts.append(f"<tr><td colspan='2'><b>{html.escape(menu_title)}</b></td></tr>")
        for spec in rows:
            parts.append(
                f"<tr><td>{html.escape(spec.plain())}</td><td><code>{html.escape(key_text(spec))}</code></td></tr>"
            )
    parts.append("</table>")
    note = QCoreApplication.translate("Actions", "Single-letter keys work when the list or the article has the focus.")
    parts.append(f"<p>{html.escape(note)}</p>")
    return "".join(parts)
