"""App-layer test fixtures: the GUI tests' windows and library, and answering a question box by a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import _refresh_in_this_process, data_dir, library_dir, make_window  # noqa: F401  (fixtures; the first is autouse)


@pytest.fixture
def answer(qtbot):
    """answer(button_text) -> a list that records the question asked (its text); the next question box
    that opens within 5 s is answered by a real mouse click on the button with that text."""

    def arm(text: str) -> list[str]:
        asked: list[str] = []

        def click(tries: int = 500) -> None:
            boxes = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "broadFolderQuestion"
            ]
            if not boxes:
                if tries:
                    QTimer.singleShot(10, lambda: click(tries - 1))
                return
            box = boxes[0]
            asked.append(box.text())
            button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        QTimer.singleShot(0, click)
        return asked

    return arm
