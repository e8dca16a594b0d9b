"""Highlights and notes in the window: `h` keeps the selection, a note in a small dialog, the Highlights node of the
tree (newest first, filtered by the search field), remove, and export as Markdown; every read and write through
the session, off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core import Highlight, Library, ReaderError, query_words
from .article_view import ArticleView
from .browsing import Browsing
from .core_text import error_text
from .libraries_all import AllLibraries
from .reading import Reading


def _write_markdown(library: Library, post_id: int | None, target: str, heading: str, detached: str) -> int:
    """On a worker: the highlights (all, or the post's: by its id, so that All libraries asks its own library)
    written to `target` as Markdown; how many."""
    path = None
    if post_id is not None:
        meta = library.post_meta(post_id)
        if meta is None:
            raise ReaderError(QCoreApplication.translate("Highlights", "This article is no longer in the library"))
        path = meta.path
    return library.export_highlights(target, path, heading=heading, detached=detached)


class NoteDialog(QDialog):
    """A highlight's note: the quote above, the note to write below."""

    def __init__(self, quote: str, note: str, parent: QWidget):
        super().__init__(parent, objectName="highlightNote")
        self.setWindowTitle(self.tr("Note"))
        shown = " ".join(quote.split())
        label = QLabel(f"“{shown[:200]}{'…' if len(shown) > 200 else ''}”", wordWrap=True, objectName="noteQuote")
        self.edit = QPlainTextEdit(
            note,
            objectName="noteText",
            accessibleName=self.tr("Note"),
            placeholderText=self.tr("Your note on this passage"),
            tabChangesFocus=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.edit, buttons):
            layout.addWidget(widget)
        self.resize(460, 260)

    def note(self) -> str:
        return self.edit.toPlainText().strip()


class Highlights(QObject):
    """The highlight commands, the Highlights node and what the article view draws."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it

    def __init__(self, browse: Browsing, reading: Reading, view: ArticleView, search_edit: QLineEdit, window: QWidget):
        super().__init__(window)
        self.browse, self.reading, self.view, self.window = browse, reading, view, window
        self.tree, self.model = browse.tree, browse.tree_model
        self._all: list[Highlight] = []  # the library's, newest first
        self._words = ""  # the search field's words: the Highlights node shows the highlights holding them
        self._asked: tuple[int | None, str] = (None, "")  # the post whose highlights were asked for last: its
        # id too, as under All libraries two posts of two libraries may have one relative path
        # Asked once the body is in the view: the view keeps highlights only for the post it shows, and the
        # body's read is not shared with a second job on its way (the header shows only if the body is slow).
        reading.bodyShown.connect(lambda path: (self.reading.post_id, path) != self._asked and self._load_soon(path))
        reading.opened.connect(lambda path, _title: (self.reading.post_id, path) != self._asked and self._forget())
        view.highlightsAnchored.connect(self._anchored)
        browse.treeShown.connect(lambda _data: self.reload_list())
        search_edit.textChanged.connect(self._filter)
        self.tree.viewport().installEventFilter(self)  # a press on a highlight must not change the tree's selection
        self.tree.activated.connect(self._tree_activated)  # Enter on one

    def handlers(self) -> dict:
        return {
            "highlight": self.highlight,
            "highlight_note": self.edit_note,
            "remove_highlight": self.remove,
            "export_highlights": lambda: self.export(None),
            "export_post_highlights": self.export_post,
        }

    @property
    def session(self):
        return self.browse.session

    # --- the article ------------------------------------------------------------------------
    def _load_soon(self, path: str) -> None:
        """Asked once the events waiting now are handled: a worker's query would hold the interpreter's lock
        while the UI thread's Python (paint overrides, event filters) waits for it."""
        self._asked = (self.reading.post_id, path)
        QTimer.singleShot(0, self, lambda: self._asked == (self.reading.post_id, path) and self._load_post(path))

    def _forget(self) -> None:
        self._asked = (None, "")  # another post (or none) is open: its highlights are asked when its body is in

    def _load_post(self, path: str) -> None:
        """Ask for the post's highlights (once per post opened: the whole of a long post is shown again)."""
        post_id = self.reading.post_id
        self._asked = (post_id, path)
        if path and post_id is not None and self.session is not None:
            self.session.ask(
                "post-highlights",
                Library.highlights,
                post_id,
                on_done=lambda found: self.reading.post_id == post_id and self.view.set_highlights(path, found),
            )

    def _anchored(self, path: str, detached: dict) -> None:
        """The view found (or lost) highlights of the post shown: their detached mark is kept, the list redrawn."""
        if self.session is not None:
            self.session.write(Library.set_highlights_detached, detached, on_done=lambda _: self.reload_list())
            if any(detached.values()):
                self.message.emit(
                    self.tr("Some highlights of this article no longer match its text: they are kept, marked detached"),
                    5000,
                )

    def _is_open(self, path: str) -> bool:
        """True when the post at `path` is open: library-relative, or absolute as All libraries' highlights say."""
        post, library = self.reading.post, getattr(self.session, "library", None)
        if post is None:
            return False
        full = library.full_path(post.id, post.meta.path) if isinstance(library, AllLibraries) else post.meta.path
        return path in (post.meta.path, full)

    def _target(self) -> Highlight | None:
        """The highlight the command is for: under the view's context menu, else at the selection or cursor."""
        return self.view.highlight_at() if self.reading.post is not None else None

    def highlight(self, note: str = "") -> None:
        """Article ▸ Highlight (h): keep the text selected in the article."""
        post, session = self.reading.post, self.session
        if post is None or session is None:
            return
        try:
            anchor = self.view.selection_anchor()
        except ValueError:
            self.message.emit(self.tr("Select some text in the article first"), 5000)
            return
        session.write(
            Library.add_highlight,
            post.id,
            anchor,
            note,
            on_done=lambda _h: self._added(post.meta.path),
            on_error=self._failed,
        )

    def _added(self, path: str) -> None:
        cursor = self.view.textCursor()  # the selection's colour would hide the highlight's
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self._changed(path, self.tr("Highlighted; it is listed under Highlights"))

    def edit_note(self) -> None:
        """Article ▸ Note… : the note of the highlight at hand, or a new highlight of the selection with a note."""
        target, session = self._target(), self.session
        if session is None or self.reading.post is None:
            return
        if target is None:
            try:
                quote = self.view.selection_anchor().exact
            except ValueError:
                self.message.emit(self.tr("Select some text, or click in a highlight, first"), 5000)
                return
            dialog = NoteDialog(quote, "", self.window)
            if dialog.exec():
                self.highlight(dialog.note())
            return
        dialog = NoteDialog(target.anchor.exact, target.note, self.window)
        if dialog.exec() and dialog.note() != target.note:
            session.write(
                Library.set_highlight_note,
                target.id,
                dialog.note(),
                on_done=lambda _: self._changed(target.path, self.tr("Note saved")),
                on_error=self._failed,
            )

    def remove(self, target: Highlight | None = None) -> None:
        target, session = target or self._target(), self.session
        if target is None or session is None:
            self.message.emit(self.tr("Click in a highlight first"), 5000)
            return
        session.write(
            Library.delete_highlight,
            target.id,
            on_done=lambda _: self._changed(target.path, self.tr("Highlight removed")),
            on_error=self._failed,
        )

    def edit_note_of(self, highlight: Highlight) -> None:
        """The tree's context menu: the note of this highlight (its article need not be open)."""
        dialog = NoteDialog(highlight.anchor.exact, highlight.note, self.window)
        if dialog.exec() and dialog.note() != highlight.note and self.session is not None:
            self.session.write(
                Library.set_highlight_note,
                highlight.id,
                dialog.note(),
                on_done=lambda _: self._changed(highlight.path, self.tr("Note saved")),
                on_error=self._failed,
            )

    def _changed(self, path: str, text: str) -> None:
        self.message.emit(text, 5000)
        if self._is_open(path) and self.reading.post is not None:  # drawn anew
            self._load_post(self.reading.post.meta.path)
        self.reload_list(expand=True)

    def _failed(self, error: BaseException) -> None:
        self.message.emit(self.tr("Could not save the highlight: {0}").format(error_text(error)), 8000)

    # --- the Highlights node ------------------------------------------------------------------
    def reload_list(self, expand: bool = False) -> None:
        if self.session is not None:
            self.session.ask("highlights", Library.highlights, on_done=lambda found: self._listed(found, expand))

    def _listed(self, found: list[Highlight], expand: bool) -> None:
        self._all = found
        library = getattr(self.session, "library", None)
        self.model.set_highlights(
            found, self._words, library.highlight_library_name if isinstance(library, AllLibraries) else None
        )
        if expand or self._words:
            self.tree.expand(self.model.section_index("highlights"))

    def _filter(self, text: str) -> None:
        """The search field: the Highlights node keeps the highlights whose quote, note or title hold its words."""
        words = " ".join(query_words(text))
        if words != self._words:
            self._words = words
            self._listed(self._all, False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A press on a highlight in the tree opens it (left button) and goes no further: QTreeView would
        otherwise clear the selection for a row that cannot be selected, and the list would lose its filter."""
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            node = self.model.node(self.tree.indexAt(event.position().toPoint()))
            if node is not None and node.highlight is not None:
                if event.button() == Qt.MouseButton.LeftButton:
                    self.open(node.highlight)
                return True
        return super().eventFilter(watched, event)

    def _tree_activated(self, index: QModelIndex) -> None:
        node = self.model.node(index)
        if node is not None and node.highlight is not None:
            self.open(node.highlight)

    def open(self, highlight: Highlight) -> None:
        """Open the highlight's article, scrolled to it."""
        if highlight.detached:
            self.message.emit(self.tr("This highlight is detached: its quote is no longer found in the article"), 5000)
        self.view.reveal_highlight(highlight.id)
        if self._is_open(highlight.path):
            return
        self.reading.open_path(
            highlight.path,
            then=lambda found: (
                found or self.message.emit(self.tr("The article of this highlight is no longer in the library"), 5000)
            ),
        )

    # --- export -------------------------------------------------------------------------------
    def export_post(self) -> None:
        post = self.reading.post
        if post is None or not self.view.highlights():
            self.message.emit(self.tr("This article has no highlights"), 5000)
            return
        self.export(post.id, Path(post.meta.path).stem)

    def export(self, post_id: int | None, name: str = "highlights") -> None:
        """File ▸ Export Highlights… (all) or Article ▸ Export This Article's Highlights…, as Markdown, on a worker."""
        if self.session is None:
            return
        dialog = QFileDialog(
            self.window, self.tr("Export Highlights"), str(Path.home() / f"{name}.md"), self.tr("Markdown (*.md)")
        )
        dialog.setObjectName("highlightsExport")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("md")
        if not dialog.exec() or not dialog.selectedFiles():
            return
        target = dialog.selectedFiles()[0]
        self.session.ask(
            None,
            _write_markdown,
            post_id,
            target,
            self.tr("Highlights"),
            self.tr("detached: this quote is no longer found in the article"),
            on_done=lambda count: self.message.emit(
                self.tr("Exported %Ln highlight(s) to {0}", "", count).format(target), 8000
            ),
            on_error=lambda error: self.message.emit(str(error), 8000),
        )
