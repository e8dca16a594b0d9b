"""Find in the article: a search's words highlighted in the view, stepped through one by one."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.core import any_form

from . import article_images as images

MAX_HITS = 10_000  # highlights beyond this add nothing a reader can use


class FindInArticle:
    """ArticleView's find part (a mixin of that QTextBrowser); ArticleView.__init__ sets the state."""

    _terms: list[str]
    _hits: list[QTextCursor]
    _current: int  # the hit last stepped to, or -1

    def highlight_terms(self, terms: list[str]) -> int:
        """Highlight every occurrence of these plain strings (case-insensitive, Simplified or Traditional:
        经济 marks 經濟 as the post writes it); return how many."""
        self._terms = [t for t in dict.fromkeys(t.strip() for t in terms) if t]
        return self._find_hits()

    def _find_hits(self) -> int:
        doc = self.document()
        found: dict[tuple[int, int], QTextCursor] = {}
        for term in self._terms:
            rx = QRegularExpression(any_form(term), QRegularExpression.PatternOption.CaseInsensitiveOption)
            cursor = doc.find(rx, 0)
            while not cursor.isNull() and len(found) < MAX_HITS:
                found.setdefault((cursor.selectionStart(), cursor.selectionEnd()), cursor)
                cursor = doc.find(rx, cursor)
        had_hits = bool(self._hits)
        self._hits = [found[k] for k in sorted(found)]
        self._current = -1
        if self._hits or had_hits:  # setExtraSelections lays out the whole document: skip it when idle
            self._paint_hits()
        return len(self._hits)

    def _paint_hits(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        hit_fmt, current_fmt = QTextCharFormat(), QTextCharFormat()
        hit_fmt.setBackground(images.blend(base, QColor(255, 212, 0), 0.55))
        current_fmt.setBackground(images.blend(base, QColor(255, 140, 30), 0.9))
        selections = []
        for i, cursor in enumerate(self._hits):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = current_fmt if i == self._current else hit_fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        """Index of the hit last stepped to, or -1."""
        return self._current

    def find_next(self) -> bool:
        return self._step(1)

    def find_previous(self) -> bool:
        return self._step(-1)

    def _step(self, delta: int) -> bool:
        if not self._hits:
            return False
        if self._current < 0:
            self._current = 0 if delta > 0 else len(self._hits) - 1
        else:
            self._current = (self._current + delta) % len(self._hits)
        self._paint_hits()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._hits[self._current].selectionStart())
        self.setTextCursor(cursor)  # no selection: the orange highlight marks the current hit
        rect = self.cursorRect(cursor)
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        return True
