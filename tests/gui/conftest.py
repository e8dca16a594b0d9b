"""GUI test fixtures: a small library written to tmp_path, and windows with a temporary data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.gui.tasks import SyncTaskRunner
from tests.gui.helpers import write_library


def _refresh_here(root, data_dir, progress, cancelled):
    """refresh_process.refresh_in_process's twin in the test's own process: the same Library.refresh,
    progress and Cancelled, without a spawned interpreter."""
    from reader.core import Library

    library = Library(root, data_dir=data_dir)
    try:
        return library.refresh(progress, cancelled)
    finally:
        library.close()


@pytest.fixture(autouse=True)
def _refresh_in_this_process(request, monkeypatch):
    """The window's refresh runs in the test's process: a spawned refresh process is a fresh
    interpreter importing the core, about 0.55 s of CPU a window, two thirds of these tests' CPU
    (tests/gui/test_main_window.py: 14.4 s of CPU with it, 4.6 s without). The process itself is
    tested by tests/reliability (test_no_orphans, test_refresh_prestart, test_hostile_view) and
    tests/e2e; a test here that needs it is marked `refresh_process`."""
    if request.node.get_closest_marker("refresh_process") is None:
        from reader.gui import refresher

        monkeypatch.setattr(refresher, "refresh_in_process", _refresh_here)


@pytest.fixture
def library_dir(tmp_path) -> Path:
    return write_library(tmp_path / "剪报 library")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "jianbao-data"


@pytest.fixture
def make_window(qtbot, data_dir, tmp_path):
    """make_window(library=None, runner=None, sample_dir=...) -> a shown MainWindow; closed afterwards."""
    windows = []

    def make(library: Path | None = None, *, runner=None, sample_dir: Path | None = None, start=True, data=None):
        from reader.gui.main_window import MainWindow

        window = MainWindow(
            data or data_dir, runner=runner or SyncTaskRunner(), sample_dir=sample_dir or tmp_path / "no-sample"
        )
        qtbot.addWidget(window)
        window.show()
        if start:
            window.start(str(library) if library else None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.isVisible() or window.library is not None:
            window.close()


@pytest.fixture(autouse=True, scope="session")
def _english_interface(qapp):
    """The interface in English as the app installs it: its .qm gives "1 result" and "2 results"."""
    from reader.gui import i18n

    i18n.install(qapp, "en")
