"""Telling the user what is going on: a banner above the panes, progress in the status bar, message boxes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

PHASES = {
    "scan": QT_TRANSLATE_NOOP("IndexProgress", "Scanning"),
    "metadata": QT_TRANSLATE_NOOP("IndexProgress", "Indexing"),
    "text": QT_TRANSLATE_NOOP("IndexProgress", "Indexing text"),
}


def progress_text(phase: str, done: int, total: int) -> str:
    """'Indexing 1,234 / 56,789'; a scan has no total worth showing."""
    name = QCoreApplication.translate("IndexProgress", PHASES[phase]) if phase in PHASES else phase.capitalize()
    if phase == "scan" or total <= 0:
        return f"{name}…"
    return f"{name} {done:,} / {total:,}"


class _ButtonKeys(QObject):
    """Space (and Enter) press a focused button, though Space is also a window shortcut (page down).

    A button does not claim its keys in ShortcutOverride, so without this the window's action
    would take Space from a button reached with Tab.
    """

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and not event.modifiers()
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()
            if event.key() != Qt.Key.Key_Space:
                watched.animateClick()  # a button only clicks on Space by itself
            return True
        return False


class Banner(QFrame):
    """One line of news with an optional action button and a close button."""

    actionClicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # one slim line
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        self.setAccessibleName(self.tr("Notice"))
        self.label = QLabel(wordWrap=True, objectName="bannerText")
        self.button = QPushButton(objectName="bannerAction")
        self.button.clicked.connect(self.actionClicked)
        self.close_button = QToolButton(
            objectName="bannerClose",
            autoRaise=True,
            text="×",
            toolTip=self.tr("Hide this message"),
            accessibleName=self.tr("Hide this message"),
        )
        self.close_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # tool buttons take no Tab focus by default
        self.close_button.clicked.connect(self.hide)
        self._keys = _ButtonKeys(self)
        for button in (self.button, self.close_button):
            button.installEventFilter(self._keys)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self.hide()

    def focus_chain(self) -> tuple[QWidget, ...]:
        """The banner's controls in Tab order."""
        return self.button, self.close_button

    def show_message(self, text: str, action: str = "") -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.show()


class IndexProgress(QWidget):
    """'Indexing 1,234 / 56,789' and a bar, shown in the status bar while a refresh runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.hide()

    def update_progress(self, phase: str, done: int, total: int) -> None:
        self.label.setText(progress_text(phase, done, total))
        if phase == "scan" or total <= 0:
            self.bar.setRange(0, 0)  # busy indicator
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self.show()

    def finish(self) -> None:
        self.hide()


def message_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, name: str = "") -> QMessageBox:
    """A window-modal message that does not block the event loop (and so never blocks a test)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if name:
        box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
