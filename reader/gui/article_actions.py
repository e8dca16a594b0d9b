"""The open article taken elsewhere: print and preview, export as PDF/HTML/Markdown, copy its link or a selection."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QTextDocumentFragment
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ..core import Library, markdown_link, post_link
from .article_html import IMAGE_SCHEME, LINK_SCHEME
from .article_view import ArticleView
from .list_view import ArticleListView
from .reading import Reading

if TYPE_CHECKING:  # printing and PDF (QtPrintSupport) are imported when first used, not on the start's way
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from .print_pdf import Printable

# Every command here acts on the open article; the list's context menu opens the row clicked first,
# so both menus mean the post in view.
POST_ACTIONS = ("open_source", "copy_link", "copy_markdown_link", "print", "export_pdf", "export_html", "export_md")
CONTEXT_ACTIONS = (
    "open_source",
    "copy_link",
    "copy_markdown_link",
    "copy_selection_markdown",
    None,
    "highlight",
    "highlight_note",
    "remove_highlight",
    None,
    "print",
    "export_pdf",
    "export_html",
    "export_md",
)
_OPAQUE = re.compile(rf"\(<?((?:{LINK_SCHEME}|{IMAGE_SCHEME}):\d+)>?\)")


def _export_file(library: Library, post_id: int, fmt: str, target: str, labels: dict[str, str]) -> Path:
    """On a worker: read the post and write it to `target` in `fmt` (ArticleActions.export has imported print_pdf)."""
    if fmt == "pdf":
        from .print_pdf import export_pdf

        return export_pdf(library, post_id, target, labels)
    return library.export_post(post_id, fmt, target, labels)


class ArticleActions(QObject):
    """The Article menu's export, print and copy commands, and the list's and the view's context menus."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it

    def __init__(self, reading: Reading, view: ArticleView, list_view: ArticleListView, window: QWidget):
        super().__init__(window)
        self.reading = reading
        self.view = view
        self.list = list_view
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.preview: QPrintPreviewDialog | None = None  # the open preview, for tests and screenshots
        list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        list_view.customContextMenuRequested.connect(self._list_menu)

    def handlers(self) -> dict:
        return {
            "print": self.print_post,
            "export_pdf": lambda: self.export("pdf"),
            "export_html": lambda: self.export("html"),
            "export_md": lambda: self.export("md"),
            "copy_link": self.copy_link,
            "copy_markdown_link": self.copy_markdown_link,
            "copy_selection_markdown": self.copy_selection_markdown,
        }

    def set_actions(self, actions: dict[str, QAction]) -> None:
        """The window's actions: the context menus show these, enabled as the open article allows."""
        self.actions = actions
        self.view.context_actions = [self._separator() if a is None else actions[a] for a in CONTEXT_ACTIONS]
        self.reading.opened.connect(lambda path, _title: self._enable(bool(path)))
        self.view.copyAvailable.connect(actions["copy_selection_markdown"].setEnabled)
        actions["copy_selection_markdown"].setEnabled(False)
        self._enable(False)

    def _separator(self) -> QAction:
        action = QAction(self)
        action.setSeparator(True)
        return action

    def _enable(self, on: bool) -> None:
        for action_id in POST_ACTIONS:
            self.actions[action_id].setEnabled(on)

    def _list_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        post_id = self.list.model().post_id(index.row()) if index.isValid() else None
        if post_id is None:
            return
        self.reading.open_post(post_id)  # the menu is about the row clicked (a no-op if it is open)
        menu = QMenu(self.list)
        for action_id in CONTEXT_ACTIONS:
            if action_id is None:
                menu.addSeparator()
            elif action_id != "copy_selection_markdown":
                menu.addAction(self.actions[action_id])
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- copying ------------------------------------------------------------------------------
    def _link(self) -> str | None:
        post, session = self.reading.post, self.reading.session
        if post is None or session is None:
            self.message.emit(self.tr("Open an article first"), 3000)
            return None
        return post_link(session.library.site_of(post.id), post.meta)

    def copy_link(self) -> None:
        link = self._link()
        if link:
            QGuiApplication.clipboard().setText(link)
            self.message.emit(self.tr("Copied {0}").format(link), 3000)

    def copy_markdown_link(self) -> None:
        link = self._link()
        if link and self.reading.post is not None:
            text = markdown_link(self.reading.post.meta.title or self.reading.post.meta.path, link)
            QGuiApplication.clipboard().setText(text)
            self.message.emit(self.tr("Copied {0}").format(text), 3000)

    def copy_selection_markdown(self) -> None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            self.message.emit(self.tr("Select some text of the article first"), 3000)
            return
        markdown = QTextDocumentFragment(cursor).toMarkdown().strip()
        # The page's links and images carry opaque names: put back what the post wrote.
        markdown = _OPAQUE.sub(
            lambda m: "(" + (self.view.original_name(m.group(1)) or "#").replace(" ", "%20").replace(")", "%29") + ")",
            markdown,
        )
        QGuiApplication.clipboard().setText(markdown + "\n")
        self.message.emit(self.tr("Copied the selection as Markdown"), 3000)

    # --- export and print -----------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        post, session = self.reading.post, self.reading.session
        if post is None or session is None:
            return
        target = self._ask_target(fmt, post.meta.path)
        if not target:
            return
        self.message.emit(self.tr("Exporting to {0}…").format(target), 0)
        if fmt == "pdf":
            from . import print_pdf  # noqa: F401 - imported here on the UI thread, not first on a worker

        session.ask(
            None,
            _export_file,
            post.id,
            fmt,
            target,
            self.view.labels(),
            on_done=lambda path: self.message.emit(self.tr("Exported to {0}").format(path), 5000),
            on_error=lambda error: self.message.emit(self.tr("Could not export to {0}: {1}").format(target, error), 0),
        )

    def _ask_target(self, fmt: str, post_path: str) -> str:
        filters = {
            "pdf": self.tr("PDF (*.pdf)"),
            "html": self.tr("Web page (*.html *.htm)"),
            "md": self.tr("Markdown (*.md *.markdown)"),
        }
        stem = Path(post_path).stem
        dialog = QFileDialog(self.window, self.tr("Export Article"), str(Path.home() / f"{stem}.{fmt}"), filters[fmt])
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        if not dialog.exec() or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]

    def print_post(self) -> None:
        """Read the post on a worker, then show Qt's print preview (its Print button opens the print dialog)."""
        post, session = self.reading.post, self.reading.session
        if post is None or session is None:
            return
        self.message.emit(self.tr("Preparing to print…"), 0)
        from .print_pdf import load_printable

        session.ask(
            "print",
            load_printable,
            post.id,
            self.view.labels(),
            on_done=self._preview,
            on_error=lambda error: self.message.emit(self.tr("Cannot print: {0}").format(error), 0),
        )

    def _preview(self, printable: Printable) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from .print_pdf import paint

        self.message.emit("", 0)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(printable.title)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(self.tr("Print Preview: {0}").format(printable.title))
        dialog.paintRequested.connect(lambda device: paint(printable, device))
        self.preview = dialog
        try:
            dialog.exec()
        finally:
            self.preview = None
            dialog.deleteLater()
