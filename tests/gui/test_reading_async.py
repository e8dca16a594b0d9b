"""Reading with the real task helper: posts are read on workers, the header shows while a slow body is on its way,
stale answers are dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from reader.core import Anchor
from reader.core.library import Library
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import N_POSTS

K = Qt.Key


@pytest.fixture
def window(make_window, library_dir, qtbot):
    window = make_window(library_dir, runner=TaskRunner())
    qtbot.waitUntil(
        lambda: window.list_model.rowCount() == N_POSTS + 1 and not window.refresher.running(), timeout=20000
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list.setFocus()
    return window


def test_the_header_shows_while_a_slow_body_is_read_then_the_body(qtbot, window, monkeypatch):
    release = threading.Event()
    real_get_post = Library.get_post

    def slow_get_post(library, post_id, full=False, **kwargs):
        release.wait(10)  # the worker reads the file only when the test says so
        return real_get_post(library, post_id, full, **kwargs)

    monkeypatch.setattr(Library, "get_post", slow_get_post)
    summary = window.list_model.summary(2)
    rect = window.list.visualRect(window.list_model.index(2, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.windowTitle().startswith(summary.title)  # at once
    # from the list's row, before any file is read: within a frame or so (HEADER_AFTER_MS)
    qtbot.waitUntil(lambda: summary.title in window.view.toPlainText(), timeout=1000)
    assert "第0段" not in window.view.toPlainText() and window.reading.post is None
    release.set()
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    assert window.reading.post.id == summary.id and "段" in window.view.toPlainText()


def test_a_body_read_in_time_is_shown_without_its_header_first(qtbot, window, monkeypatch):
    """The header from the list row is laid out and painted only for a body that is slow to come."""
    shown: list[str] = []
    real_show = window.view.show_post
    monkeypatch.setattr(
        window.view,
        "show_post",
        lambda post, **kw: (shown.append("body" if post.html else "header"), real_show(post, **kw)),
    )
    window.reading._header_timer.setInterval(10_000)  # for this test, "in time" is anything under 10 s
    rect = window.list.visualRect(window.list_model.index(3, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    assert shown == ["body"] and "段" in window.view.toPlainText()
    assert window.reading.post.id == window.list_model.post_id(3)


def test_a_post_opened_by_a_click_shows_its_highlights(qtbot, window):
    """Its highlights are asked once its body is in the view, which draws them (it keeps only the shown post's)."""
    post_id = window.list_model.post_id(4)
    library = Library(window.library.root, data_dir=window.data_dir)
    try:
        body = library.get_post(post_id).text
        library.add_highlight(post_id, Anchor(body[:6], "", "", 0), "a note")
    finally:
        library.close()
    rect = window.list.visualRect(window.list_model.index(4, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(window.view.highlight_spans()), timeout=5000)
    assert [h.note for h in window.view.highlights()] == ["a note"]


def test_fast_j_presses_end_on_the_last_one(qtbot, window):
    for _ in range(6):
        qtbot.keyClick(window.list, K.Key_J)
    target = window.list_model.post_id(5)
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.id == target, timeout=5000)
    qtbot.wait(300)  # any answer still on its way for an earlier row must not replace it
    assert window.reading.post.id == target == window.view.current_post().id
    assert window.list.currentIndex().row() == 5


def test_a_far_post_is_painted_before_the_list_scrolls_to_it(qtbot, window):
    """Back to a post far up the list: the article the reader asked for is painted first, the list's jump after."""
    window.resize(900, 420)
    bar = window.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    first = window.list_model.post_id(0)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.id == first, timeout=5000)
    qtbot.keyClick(window.list, K.Key_End)  # the list's own move: it scrolls to the last row and opens it
    last = window.list_model.post_id(window.list_model.rowCount() - 1)
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.id == last, timeout=5000)
    assert bar.value() == bar.maximum() > 0
    events: list[str] = []

    class Watch(QObject):
        def eventFilter(self, _watched, event) -> bool:
            post = window.view.current_post()
            if event.type() == QEvent.Type.Paint and post is not None and post.id == first and post.html:
                events.append("body painted")
            return False

    watch = Watch()
    window.view.viewport().installEventFilter(watch)
    bar.valueChanged.connect(lambda _value: events.append("list scrolled"))
    qtbot.keyClick(window.list, K.Key_Left, Qt.KeyboardModifier.AltModifier)  # Back
    qtbot.waitUntil(lambda: "body painted" in events and bar.value() == 0, timeout=5000)
    window.view.viewport().removeEventFilter(watch)
    assert window.reading.post.id == first and window.list.currentIndex().row() == 0
    assert events.index("body painted") < events.index("list scrolled"), events
    assert window.list.viewport().rect().contains(window.list.visualRect(window.list_model.index(0, 0)).center())
