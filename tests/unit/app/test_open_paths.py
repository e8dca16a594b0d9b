"""open_paths() in a window: a post in its library, a lone file, errors, FileOpen, coming to the front."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.app.open_paths import FileOpenFilter, open_paths
from reader.core.parse import parse_post
from reader.core.site import detect_site
from tests.corpus import CORPUS
from tests.gui.helpers import post_text

FINEWS = CORPUS / "finews"


def _title_of(path: Path) -> str:
    site = detect_site(FINEWS)
    return parse_post(site, path.relative_to(FINEWS).as_posix(), path.read_bytes()).meta.title


def _selected_paths(window) -> list[str]:
    rows = {i.row() for i in window.list.selectionModel().selectedRows(0)}
    return [window.list_model.summary(r).path for r in rows]


def test_a_post_opens_its_library_and_is_selected_in_the_list(make_window, library_dir):
    window = make_window(start=False)
    name, _ = post_text(3)
    targets = open_paths(window, [f"_posts/{name}"], cwd=str(library_dir))
    assert [t.kind for t in targets] == ["post"]
    assert window.library.root == library_dir.resolve()
    assert window.reading.post.meta.path == f"_posts/{name}"
    assert _selected_paths(window) == [f"_posts/{name}"]
    assert window.windowTitle().startswith("第3篇 报道")


def test_a_second_post_of_the_open_library_switches_without_reopening(make_window, library_dir):
    window = make_window(library_dir)
    window.browse.select_nodes(["category:keji"])  # a filter that hides the post asked for
    library = window.library
    name, _ = post_text(0)  # category jingji
    open_paths(window, [str(library_dir / "_posts" / name)])
    assert window.library is library
    assert window.browse.selected_node_ids() == ["all:"]
    assert _selected_paths(window) == [f"_posts/{name}"]


@pytest.mark.corpus
def test_a_corpus_post_with_a_leading_dash(make_window):
    window = make_window(start=False)
    post = FINEWS / "_posts" / "-202205262391921712.md"
    open_paths(window, ["-202205262391921712.md"], cwd=str(post.parent))
    assert window.library.root == FINEWS.resolve()
    assert window.windowTitle() == f"{_title_of(post)} — Jianbao Reader"


@pytest.mark.corpus
def test_a_file_of_the_site_that_is_no_post_is_shown_on_its_own(make_window):
    window = make_window(start=False)
    open_paths(window, [str(FINEWS / "README.md")])
    assert window.library.root == FINEWS.resolve()  # the library is open all the same
    assert window.reading.post is None
    assert window.view.current_post() is not None
    assert "shown on its own" in window.statusBar().currentMessage()


def test_a_lone_file_is_shown_without_indexing_its_folder(make_window, tmp_path, data_dir):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    (downloads / "big.iso").write_bytes(b"x")
    (downloads / "other.zip").write_bytes(b"x")
    lone = downloads / "会议 纪要.md"
    lone.write_text("---\ntitle: 会议纪要\n---\n今天开会。\n", encoding="utf-8")
    window = make_window(start=False)
    targets = open_paths(window, [str(lone)])
    assert [t.kind for t in targets] == ["lone"]
    assert window.library is None and window.lone_path == lone
    assert window.windowTitle() == "会议纪要 — Jianbao Reader"
    assert "今天开会" in window.view.toPlainText()
    assert not window.splitter.widget(0).isVisible() and not window.splitter.widget(1).isVisible()
    assert not list((data_dir / "cache").rglob("*.sqlite"))  # nothing was indexed
    window._banner_action()  # "Open Folder as Library"
    assert window.library.root == downloads.resolve()
    assert window.splitter.widget(1).isVisible()


def test_unopenable_paths_get_one_clear_message(make_window, library_dir, tmp_path, qtbot):
    window = make_window(library_dir)
    open_paths(window, [str(tmp_path / "nothing here.md"), str(tmp_path)])
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "nothing here.md" in boxes[0].text()
    assert window.library.root == tmp_path.resolve()  # the folder that could be opened was
    boxes[0].close()


def test_file_open_events_wait_for_the_window_then_go_through_open_paths(qtbot):
    app = QCoreApplication.instance()
    opened: list[list[str]] = []
    file_open = FileOpenFilter()
    app.installEventFilter(file_open)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent("/tmp/剪报 one.md"))  # during start-up
        assert file_open.take_pending() == ["/tmp/剪报 one.md"]
        QCoreApplication.sendEvent(app, QFileOpenEvent("/tmp/two.md"))
        file_open.set_handler(opened.append)  # the window is ready: the queue is handed over
        QCoreApplication.sendEvent(app, QFileOpenEvent("/tmp/three.md"))
    finally:
        app.removeEventFilter(file_open)
    assert opened == [["/tmp/two.md"], ["/tmp/three.md"]]


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")  # the offscreen platform
def test_activation_raises_and_asks_for_attention(make_window, library_dir, monkeypatch):
    window = make_window(library_dir)
    window.showMinimized()
    alerts = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, ms=0: alerts.append(widget)))
    name, _ = post_text(1)
    open_paths(window, [str(library_dir / "_posts" / name)], activate=True)
    assert not window.isMinimized() and window.isVisible()
    assert alerts == [window]
