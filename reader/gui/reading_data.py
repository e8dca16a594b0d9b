"""File ▸ Export Reading Data… and Import Reading Data…: the marks of every library as one JSON file, on a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core import ReadingState
from ..paths import AppPaths
from .core_text import error_text
from .tasks import TaskRunner


def _export(state_file: Path, target: Path) -> int:
    """On a worker: write every library's marks to `target`; the number of posts written."""
    state = ReadingState(state_file)
    try:
        return state.write_export(target)
    finally:
        state.close()


def _import(state_file: Path, source: Path) -> tuple[int, int]:
    """On a worker: merge `source` (the newer change of each mark wins); (marks changed, posts in the file)."""
    state = ReadingState(state_file)
    try:
        return state.import_file(source)
    finally:
        state.close()


class ReadingData(QObject):
    """The two File menu commands; `imported` is emitted once marks may have changed, to show them."""

    message = Signal(str, int)  # a sentence for the status bar, and how long to show it
    imported = Signal()

    def __init__(self, runner: TaskRunner, paths: AppPaths, window: QWidget):
        super().__init__(window)
        self.runner = runner
        self.state_file = paths.state_file
        self.window = window

    def handlers(self) -> dict:
        return {"export_reading_data": self.export, "import_reading_data": self.import_}

    def _ask(self, title: str, save: bool) -> str:
        name = str(Path.home() / "jianbao-reading-data.json")
        dialog = QFileDialog(self.window, title, name if save else str(Path.home()), self.tr("Reading data (*.json)"))
        dialog.setObjectName("readingDataDialog")
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("json")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if not dialog.exec() or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]

    def export(self) -> None:
        target = self._ask(self.tr("Export Reading Data"), save=True)
        if not target:
            return
        self.message.emit(self.tr("Exporting the reading data to {0}…").format(target), 0)
        self.runner.submit(
            _export,
            self.state_file,
            Path(target),
            on_done=lambda posts: self.message.emit(
                self.tr("Exported the marks of %Ln post(s) to {0}", "", posts).format(target), 5000
            ),
            on_error=lambda error: self.message.emit(
                self.tr("Could not export the reading data: {0}").format(error_text(error)), 0
            ),
        )

    def import_(self) -> None:
        source = self._ask(self.tr("Import Reading Data"), save=False)
        if not source:
            return
        self.message.emit(self.tr("Importing the reading data from {0}…").format(source), 0)
        self.runner.submit(
            _import,
            self.state_file,
            Path(source),
            on_done=self._imported,
            on_error=lambda error: self.message.emit(self.tr("Nothing was imported: {0}").format(error_text(error)), 0),
        )

    def _imported(self, result: tuple[int, int]) -> None:
        changed, posts = result
        self.message.emit(
            self.tr("Imported %Ln newer mark(s)", "", changed) + " " + self.tr("(%Ln post(s) in the file)", "", posts),
            8000,
        )
        self.imported.emit()
