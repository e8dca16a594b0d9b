"""Highlights in the article view: found again in the text as shown on every rendering, drawn, revealed, chosen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QToolTip

from reader.core import Anchor, Highlight, Post, anchor_all, make_anchor

from . import article_images as images
from .article_html import detached_notice

MARKER = QColor(140, 215, 80)  # a highlighter green, blended with the theme's base so it suits light and dark


def marker_format(base: QColor, with_note: bool) -> QTextCharFormat:
    """How a highlight is drawn on `base`: a green background, a dotted underline when it has a note."""
    fmt = QTextCharFormat()
    fmt.setBackground(images.blend(base, MARKER, 0.45))
    if with_note:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(images.blend(base, QColor(40, 120, 20), 0.9))
    return fmt


class HighlightsInArticle:
    """ArticleView's highlight part (a mixin of that QTextBrowser); ArticleView.__init__ calls _init_highlights.

    The anchors are found in document().toPlainText(), whose offsets are the document's cursor positions,
    so a found quote is drawn by selecting exactly that range."""

    _post: Post | None

    def _init_highlights(self) -> None:
        self._highlight_path = ""  # the post the highlights below belong to
        self._highlights: list[Highlight] = []
        self._spans: dict[str, tuple[int, int]] = {}  # where each found highlight is now
        self._detached: frozenset[str] = frozenset()  # the ids the page's notice counts
        self._reveal: str | None = None  # a highlight to scroll to once it is found
        self.context_point: QPoint | None = None  # where the open context menu was asked for (viewport)

    def set_highlights(self, path: str, highlights: Sequence[Highlight]) -> None:
        """The highlights of the post shown, at `path` (drawn when its body is shown: now, or once it comes).

        Drawing adds to the page, so a page with none drawn yet is only painted; one with some is rendered
        again (a removed highlight must lose its colour)."""
        if self._post is None or self._post.meta.path != path:
            return  # an answer for a post left meanwhile (or edited from the tree while another is open)
        drawn = self._showing(self._highlight_path) and bool(self._spans or self._detached)
        self._highlight_path, self._highlights = path, list(highlights)
        if self._showing(path) and (drawn or self._paint_highlights()):
            self._render(keep_position=True)

    def highlights(self) -> list[Highlight]:
        return list(self._highlights) if self._showing(self._highlight_path) else []

    def highlight_spans(self) -> dict[str, tuple[int, int]]:
        """Id -> (start, end) document positions of the highlights found in the page shown."""
        return dict(self._spans)

    def _showing(self, path: str) -> bool:
        """True when the body of the post at `path` is shown (not only its header from the list)."""
        return bool(path) and self._post is not None and self._post.meta.path == path and bool(self._post.html)

    def highlight_notice(self) -> int:
        """How many highlights of the post shown are detached (the page's header says so)."""
        return len(self._detached) if self._showing(self._highlight_path) else 0

    def _paint_highlights(self) -> bool:
        """Find every highlight in the page just rendered and draw the found ones; True when the page must be
        rendered again because the number of detached ones changed (the header tells it)."""
        self._spans = {}
        if not self._highlights or not self._showing(self._highlight_path):  # the usual case: no text is read
            again = bool(self._detached) and self._showing(self._highlight_path)
            self._detached = frozenset()
            return again
        doc = self.document()
        base = self.palette().color(QPalette.ColorRole.Base)
        detached = set()
        for highlight, span in anchor_all(self._text_without_notice(), self._highlights):
            if span is None:
                detached.add(highlight.id)
                continue
            self._spans[highlight.id] = span
            cursor = QTextCursor(doc)
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marker_format(base, bool(highlight.note)))
        changed = {h.id: h.id in detached for h in self._highlights if h.detached != (h.id in detached)}
        if self._post is not None and self._post.truncated:
            detached, changed = set(), {}  # only the start of a huge post is shown: the others may be further on
        if changed:
            self._highlights = [replace(h, detached=changed.get(h.id, h.detached)) for h in self._highlights]
            self.highlightsAnchored.emit(self._highlight_path, changed)
        again = frozenset(detached) != self._detached
        self._detached = frozenset(detached)
        if self._reveal in self._spans:
            QTimer.singleShot(0, self._scroll_to_reveal)  # after the caller sets the reading position
        return again

    def _text_without_notice(self) -> str:
        """The page's text with the header's detached notice blanked, so that no quote is found in it."""
        text = self.document().toPlainText()
        if self._detached:
            notice = detached_notice(len(self._detached))
            at = text.find(notice)
            if at >= 0:
                text = text[:at] + " " * len(notice) + text[at + len(notice) :]
        return text

    def reveal_highlight(self, highlight_id: str) -> None:
        """Scroll to this highlight, now if it is drawn, else once its post is shown."""
        self._reveal = highlight_id
        if highlight_id in self._spans:
            self._scroll_to_reveal()

    def _scroll_to_reveal(self) -> None:
        span = self._spans.get(self._reveal or "")
        if span is None:
            return
        self._reveal = None
        self._sync_scroll_range()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def selection_anchor(self) -> Anchor:
        """The anchor of the text selected in the view; ValueError when nothing (or only space) is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._post is None:
            raise ValueError("nothing is selected")
        return make_anchor(self.document().toPlainText(), cursor.selectionStart(), cursor.selectionEnd())

    def highlight_at(self, point: QPoint | None = None) -> Highlight | None:
        """The highlight under `point` (viewport coordinates; by default where the open context menu was asked
        for), else the one the selection or cursor is in."""
        point = point or self.context_point
        if point is not None:
            start = end = self.cursorForPosition(point).position()
        else:
            cursor = self.textCursor()
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        for highlight in self._highlights:
            span = self._spans.get(highlight.id)
            if span is not None and span[0] <= end and start < span[1] + (start == end):
                return highlight
        return None

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            highlight = self.highlight_at(event.pos())
            if highlight is not None and highlight.note:
                QToolTip.showText(event.globalPos(), highlight.note, self.viewport())
                return True
        return super().viewportEvent(event)
