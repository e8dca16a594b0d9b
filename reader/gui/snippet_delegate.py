"""Paints a search hit's snippet cell: its plain text, with the searched words in bold.

A delegate rather than rich text in the model: the core's snippet is plain text with spans,
so nothing is ever escaped or parsed as HTML (a post's `AT&T` or `<script>` shows as written).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextLayout, QTextLine
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core import Snippet
from .list_model import SnippetRole


def bold_ranges(snippet: Snippet) -> list[QTextLayout.FormatRange]:
    """One bold format range per hit span."""
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    ranges = []
    for start, end in snippet.spans:
        found = QTextLayout.FormatRange()
        found.start, found.length, found.format = start, end - start, bold
        ranges.append(found)
    return ranges


class SnippetDelegate(QStyledItemDelegate):
    """The cell's background, selection and focus as the style draws them; the text laid out here."""

    def paint(self, painter, option, index) -> None:
        snippet = index.data(SnippetRole)
        if not isinstance(snippet, Snippet) or not snippet.spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        layout = QTextLayout(snippet.text, opt.font)
        layout.setFormats(bold_ranges(snippet))
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1e6)  # one line, clipped at the cell's edge
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        top = rect.top() + (rect.height() - line.height()) / 2
        shift = self._shift(line, snippet, rect.width() - 2 * margin, opt.fontMetrics)
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(group, role))
        if shift:  # the words before the first hit did not leave it room: they give way to "…"
            painter.drawText(QPointF(rect.left() + margin, top + opt.fontMetrics.ascent()), "…")
            painter.setClipRect(rect.adjusted(margin + opt.fontMetrics.horizontalAdvance("…"), 0, 0, 0))
        layout.draw(painter, QPointF(rect.left() + margin - shift, top))
        painter.restore()

    @staticmethod
    def _shift(line, snippet: Snippet, width: float, metrics) -> float:
        """How far to move the text left so the first hit shows whole in `width`, after "…" and two
        characters of what comes before it."""
        start, end = snippet.spans[0]
        if line.cursorToX(end)[0] <= width:
            return 0.0
        # Start at a character's edge, so none shows cut in half after the ellipsis.
        first = line.xToCursor(
            max(0.0, line.cursorToX(start)[0] - 2 * metrics.horizontalAdvance("中")),
            QTextLine.CursorPosition.CursorOnCharacter,
        )
        return max(0.0, line.cursorToX(first)[0] - metrics.horizontalAdvance("…"))
