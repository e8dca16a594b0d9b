"""Scrolling the article view: paging with a line of context, and the reading position as a fraction."""

from __future__ import annotations

import math

from PySide6.QtGui import QFontMetricsF


class ArticleScrolling:
    """ArticleView's scrolling part (a mixin of that QTextBrowser); `_pending_fraction` is set by its __init__."""

    _pending_fraction: float | None

    def _sync_scroll_range(self) -> None:
        # Qt lays long documents out lazily and updates the scroll bar later from the event loop;
        # document().size() forces the layout so the range is right now. Set both ways: a document parsed on a
        # worker (article_html.page_document) left its range too long, and Qt shortened it after the position
        # was set (the article restored at start came back half a line to a line further down). Rounded as Qt's
        # own range is (QTextEdit: the document's size toSize()), or it moved the position by a pixel.
        height = math.floor(self.document().size().height() + 0.5)
        needed = max(0, height - self.viewport().height())
        bar = self.verticalScrollBar()
        if bar.maximum() != needed:
            bar.setRange(0, needed)

    def page_down(self) -> bool:
        """Scroll one page (keeping a line of context); False when already at the bottom."""
        self._sync_scroll_range()
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum():
            return False
        bar.setValue(bar.value() + self._page_step())
        return True

    def page_up(self) -> bool:
        bar = self.verticalScrollBar()
        if bar.value() <= bar.minimum():
            return False
        bar.setValue(bar.value() - self._page_step())
        return True

    def _page_step(self) -> int:
        line = QFontMetricsF(self.document().defaultFont()).lineSpacing() * 1.6
        return max(1, int(self.viewport().height() - 1.5 * line))

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, f: float) -> None:
        """Scroll to a reading position (0 top, 1 bottom); kept until the view has a size if it has none."""
        f = max(0.0, min(1.0, float(f)))
        if self.viewport().height() <= 1 and f > 0:
            self._pending_fraction = f
            return
        self._pending_fraction = None
        if f > 0:
            self._sync_scroll_range()
        bar = self.verticalScrollBar()
        bar.setValue(round(f * bar.maximum()))
