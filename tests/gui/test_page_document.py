"""A post's page parsed by Qt on a worker (article_html.page_document) and adopted by the view."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QApplication

from reader.core.types import Post
from reader.gui.article_html import page_document, prepare_body
from reader.gui.article_view import ArticleView
from reader.gui.tasks import TaskRunner
from tests.gui.article_helpers import make_post
from tests.gui.article_helpers import view as view  # the fixture, shared (`as`: a re-export, so not unused)
from tests.gui.helpers import N_POSTS

HOSTILE = (
    '<p>正文 <img src="file:///etc/passwd"> <img src="/etc/hostname" alt="h"> '
    '<img src="https://tracker.example/p.png"> <a href="file:///etc/passwd">f</a></p>' + "<p>段落</p>" * 80
)


def _post(html: str, title: str = "标题") -> Post:
    return make_post(html, title=title, date=None)


def _built_on_a_worker(qtbot, post: Post, view: ArticleView):
    """page_document run on a real pool thread, as reading_jobs.load_post runs it."""
    runner, got, threads = TaskRunner(), [], []

    def job():
        threads.append(threading.current_thread())
        return page_document(post, prepare_body(post.html), setup)

    setup = view.page_setup({})
    runner.submit(job, on_done=got.append, on_error=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert threads[0] is not threading.main_thread()
    return got[0]


def _image_names(document: QTextDocument) -> list[str]:
    names, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            it += 1
        block = block.next()
    return names


def test_a_page_parsed_on_a_worker_is_the_views_after_showing(qtbot, view):
    post = _post(HOSTILE)
    ready = _built_on_a_worker(qtbot, post, view)
    assert ready.document.thread() is QApplication.instance().thread()  # handed to the UI thread
    assert ready.document.parent() is None
    view.show_post(post, body=prepare_body(post.html), ready=ready)
    assert view.document() is ready.document
    assert ready.document.parent() is view  # so images are asked of view.loadResource
    assert "段落" in view.toPlainText() and "标题" in view.toPlainText()


def test_an_adopted_page_is_laid_out_at_the_views_width_as_one_parsed_here(qtbot, view):
    post = _post("<p>" + "很长的一段文字，" * 400 + "</p>" + "<p>段落</p>" * 40)
    body = prepare_body(post.html)
    view.show_post(post, body=body)  # parsed here, by setHtml
    here = view.document().size()
    ready = _built_on_a_worker(qtbot, post, view)
    view.show_post(post, body=body, ready=ready)
    assert view.document() is ready.document
    assert ready.document.pageSize().width() == view.viewport().width()
    assert ready.document.size() == here and here.height() > view.viewport().height()


def test_the_worker_document_names_images_only_by_their_opaque_names(qtbot, view):
    # Parsing on the worker loads nothing, and the page it parses can name no file: every image is jbimg:N.
    ready = _built_on_a_worker(qtbot, _post(HOSTILE), view)
    assert _image_names(ready.document) == ["jbimg:0", "jbimg:1", "jbimg:2"]


def test_a_page_that_no_longer_matches_is_rendered_again(qtbot, view):
    post = _post(HOSTILE)
    ready = _built_on_a_worker(qtbot, post, view)
    view.set_script("traditional")  # View ▸ Read As changed while the worker parsed the page
    view.show_post(post, body=prepare_body(post.html), ready=ready)
    assert view.document() is not ready.document
    assert "標題" in view.toPlainText()  # rendered here, in Traditional
    ready.document.deleteLater()


def test_adopted_documents_do_not_pile_up(qtbot, view):
    for i in range(6):
        post = _post(HOSTILE, title=f"第{i}篇")
        view.show_post(post, body=prepare_body(post.html), ready=_built_on_a_worker(qtbot, post, view))
        qtbot.wait(10)  # deleteLater runs
    assert len(view.findChildren(QTextDocument, options=Qt.FindChildOption.FindDirectChildrenOnly)) == 1
    assert "第5篇" in view.toPlainText()


@pytest.fixture
def window(make_window, library_dir, qtbot):
    window = make_window(library_dir, runner=TaskRunner())
    qtbot.waitUntil(
        lambda: window.list_model.rowCount() == N_POSTS + 1 and not window.refresher.running(), timeout=20000
    )
    return window


def test_a_click_shows_the_page_the_worker_parsed(qtbot, window):
    before = window.view.document()
    rect = window.list.visualRect(window.list_model.index(1, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=10000)
    assert window.view.document() is not before and window.view.document().parent() is window.view
    assert window.reading.post.meta.title in window.view.toPlainText() and "段" in window.view.toPlainText()


def test_the_window_starts_without_the_reading_path():
    # What reads a post (markdown-it, nh3, lxml) is imported by the warm-up on a worker, not by the window's start.
    import subprocess
    import sys

    code = (
        "import sys, reader.gui.main_window; "
        "print(sorted(m for m in ('lxml', 'nh3', 'markdown_it', 'reader.core.render') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    assert out.strip() == "[]"


def test_the_warm_up_takes_a_post_in_memory_to_a_qt_page(qapp, monkeypatch):
    from reader.gui import article_html

    made = []
    monkeypatch.setattr(
        article_html, "page_document", lambda post, body, setup: made.append(page_document(post, body, setup))
    )
    article_html.warm_up()
    assert "预热 warm-up" in made[0].document.toPlainText() and "正文" in made[0].document.toPlainText()
