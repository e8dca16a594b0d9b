"""The search field: a line edit whose Enter and Down lead to the results and whose Esc leads back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit

_TO_RESULTS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)


class SearchField(QLineEdit):
    """Enter and Down ask for the results (`toResults`); Esc clears the query and asks to leave (`left`).

    The field claims these keys before the window's shortcuts see them (ShortcutOverride), so
    Esc here means "done searching" even though Esc is also a window shortcut.
    """

    toResults = Signal()
    left = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="search", clearButtonEnabled=True)
        self.setPlaceholderText(self.tr("Search articles (Ctrl+F or /)"))
        self.setAccessibleName(self.tr("Search articles"))
        self.setAccessibleDescription(
            self.tr("Words to find in titles and text; Enter or Down goes to the results, Escape clears the search.")
        )
        self.setToolTip(
            self.tr(
                'Words must all match; "a phrase" in quotes; -word leaves a word out; a OR b.\n'
                "category:X or 分类:X, tag:X or 标签:X (the label in any case, Simplified or Traditional),\n"
                "title:word or 标题:word, date:2022-01 or 日期:2022-01..2022-03."
            )
        )

    def event(self, event) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and not event.modifiers()
            and event.key() in (*_TO_RESULTS, Qt.Key.Key_Escape)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in _TO_RESULTS:
            self.toResults.emit()
        elif key == Qt.Key.Key_Escape:
            self.clear()
            self.left.emit()
        else:
            super().keyPressEvent(event)
