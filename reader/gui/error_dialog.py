"""The dialog for an uncaught exception: what went wrong, the details to copy, the way to the log folder."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

import reader


def open_folder(folder: Path) -> bool:
    """Show `folder` in the system's file manager (made first if it is missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class ErrorDialog(QDialog):
    """One dialog for all the failures of a session: a later failure adds its details to the open one."""

    def __init__(self, log_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Jianbao Reader ran into a problem"))
        self.log_folder = Path(log_folder)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details of the problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.log_button = QPushButton(self.tr("Open log folder"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button.clicked.connect(lambda: open_folder(self.log_folder))
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.details, buttons):
            layout.addWidget(widget)
        self.resize(640, 360)

    def add_failure(self, summary: str, details: str) -> None:
        """Say what failed (one line) and add its traceback to the details; shown if it was not."""
        self.summary.setText(
            self.tr(
                "Something went wrong: {summary}\n\nThe reader may go on working. "
                "The details are also in the log file in {folder}."
            ).format(summary=summary, folder=self.log_folder)
        )
        self.details.appendPlainText(details.rstrip() + "\n")
        if not self.isVisible():
            self.open()

    def copy_details(self) -> None:
        header = f"{reader.APP_NAME} {reader.__version__}, Python {platform.python_version()}, {platform.platform()}"
        QGuiApplication.clipboard().setText(header + "\n\n" + self.details.toPlainText())
