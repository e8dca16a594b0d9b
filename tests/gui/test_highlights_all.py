"""Highlights under All libraries, with the mouse and keyboard: a drag selection and h on a post of the second
library, drawn in the view, listed under All libraries' Highlights node, reopened by a click there, and kept by
that library only; and an article's highlights and notes on paper (Export as PDF)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor

from reader import settings as S
from reader.core.highlights import Anchor
from reader.core.library import Library
from reader.gui import article_images
from reader.gui.article_highlights import MARKER
from reader.gui.libraries_all import decode
from reader.gui.list_model import LIBRARY_COLUMN
from reader.gui.tasks import TaskRunner
from tests.gui.helpers import click_menu, in_file_dialog, in_popup, right_click, write_library
from tests.gui.test_highlights import (
    LONG_POST,
    PANDA,
    PANDA_POST,
    _drag_select,
    _highlight_nodes,
    _open,
    _point,
    _type_note,
)
from tests.gui.test_libraries import HUGO, JEKYLL, _click, _name, _reading, _start_all

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
QUOTE = "cgroups are the parts"
POST = "content/posts/containers-in-depth.md"
TITLE = "Containers in depth"
SHARED_POST = "_posts/2021-02-15-post-01.md"  # in both of two libraries written by write_library


def _open_row(qtbot, window, title: str) -> None:
    """A click on the list row titled `title`; waits until its body is shown."""
    window.activateWindow()  # after Add Library's dialog
    qtbot.waitUntil(window.isActiveWindow)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == title)
    _click(qtbot, window.list, model.index(row, 0))
    qtbot.waitUntil(
        lambda: (
            window.reading.post is not None
            and window.reading.post.meta.title == title
            and bool(window.reading.post.html)
        ),
        timeout=5000,
    )


def _own(root, data_dir) -> list:
    library = Library(root, data_dir=data_dir)
    try:
        return library.highlights()
    finally:
        library.close()


def test_a_highlight_made_under_all_libraries_is_kept_by_the_posts_library(qtbot, make_window):
    window = _start_all(make_window, qtbot)
    model, view = window.list_model, window.view
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == TITLE)
    assert model.index(row, LIBRARY_COLUMN).data() == _name(window, HUGO)  # the second library's post
    _open_row(qtbot, window, TITLE)
    _drag_select(qtbot, view, QUOTE)
    qtbot.keyClick(view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(view.highlight_spans()) == 1, timeout=5000)
    start, end = next(iter(view.highlight_spans().values()))
    assert view.document().toPlainText()[start:end] == QUOTE
    qtbot.waitUntil(lambda: [i.data() for i in _highlight_nodes(window)] == [QUOTE], timeout=5000)
    node = _highlight_nodes(window)[0]
    assert window.tree_model.library_of(node) == ""  # under All libraries, its library named in its tooltip
    assert f"{TITLE} · {_name(window, HUGO)}" in node.data(Qt.ItemDataRole.ToolTipRole)

    # Kept by the hugo library, under its own relative path; the jekyll library has none.
    saved = _own(HUGO, window.data_dir)
    assert [(h.anchor.exact, h.path) for h in saved] == [(QUOTE, POST)] and _own(JEKYLL, window.data_dir) == []

    # Another article, then a click on the highlight: its article again, scrolled to it, drawn.
    other = next(model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data() != TITLE)
    _open_row(qtbot, window, other)
    assert view.highlight_spans() == {}
    node = _highlight_nodes(window)[0]
    window.tree.scrollTo(node)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(node).center())
    qtbot.waitUntil(lambda: _reading(window) == TITLE and len(view.highlight_spans()) == 1, timeout=5000)
    assert window.libraries.shown is None  # still under All libraries

    # Shift+H in the highlight: a note, kept in the hugo library; the view's mark does not reach jekyll.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start + 3))
    _type_note(qtbot, "命名空间")
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: [h.note for h in _own(HUGO, window.data_dir)] == ["命名空间"], timeout=5000)
    assert _own(JEKYLL, window.data_dir) == []


def test_the_pdf_of_an_article_shows_its_highlight_and_note_in_light_colours(
    qtbot, make_window, tmp_path, data_dir, monkeypatch
):
    """Under the dark theme, a highlight with a note made with h and Shift+H, then Article ▸ Export as PDF…: the
    PDF holds the note after its quote, and its page, rendered, has the light theme's marker on white."""
    library = write_library(tmp_path / "lib", broken=False)
    settings = S.Settings(data_dir / "config")  # where the window's data folder keeps its preferences
    settings.preferences.set(S.THEME, "dark")
    settings.sync()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # where the save dialog starts
    window = make_window(library, runner=TaskRunner())
    view = window.view
    _open(qtbot, window, PANDA_POST)
    assert view.palette().color(QPalette.ColorRole.Base).lightness() < 60  # the screen is dark
    _drag_select(qtbot, view, PANDA)
    _type_note(qtbot, "竹子笔记 bamboo note")
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: [h.note for h in view.highlights()] == ["竹子笔记 bamboo note"], timeout=5000)

    target = home / f"{Path(PANDA_POST).stem}.pdf"
    in_file_dialog(qtbot)
    click_menu(qtbot, window, "&Article", "Export as P&DF…")
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=20000)
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert PANDA in text and "1 竹子笔记 bamboo note" in text  # the note, numbered, after its quote's paragraph
    assert text.index(PANDA) < text.index("竹子笔记")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target), str(tmp_path / "page")], check=True
    )
    page = QImage(str(next(tmp_path.glob("page*.png"))))
    colours = {page.pixelColor(x, y).name() for x in range(0, page.width(), 2) for y in range(0, page.height(), 2)}
    light_marker = article_images.blend(QColor("#ffffff"), MARKER, 0.45)
    assert page.pixelColor(2, 2).name() == "#ffffff" and _near(light_marker, colours)


def _near(colour: QColor, colours: set[str]) -> bool:
    """True when one of `colours` is within a few steps of `colour` (the rasteriser's rounding)."""
    return any(
        max(
            abs(QColor(c).red() - colour.red()),
            abs(QColor(c).green() - colour.green()),
            abs(QColor(c).blue() - colour.blue()),
        )
        <= 3
        for c in colours
    )


def test_one_path_in_two_libraries_keeps_each_ones_highlights(qtbot, make_window, tmp_path, data_dir):
    """Two libraries with a post at one relative path: under All libraries each shows only its own highlights;
    a click on the other library's far-down highlight opens its long article scrolled to it."""
    from tests.gui.test_libraries import _add_from_menu, _click_node

    first, second = write_library(tmp_path / "a", n_posts=3, broken=False), write_library(tmp_path / "b", broken=False)
    lib = Library(second, data_dir=data_dir)
    lib.refresh()
    same = lib.add_highlight(lib.post_id(SHARED_POST), Anchor("第1篇文章的第0段", "", "", 0), "b's own")
    far = lib.add_highlight(lib.post_id(LONG_POST), Anchor("长文第140段：很长的一段文字。", "", "", 0), "far down")
    lib.close()
    window = make_window(first, runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3, timeout=10000)
    _add_from_menu(qtbot, window, second)
    _click_node(qtbot, window, "", "libraries:")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 27, timeout=10000)
    view = window.view
    for slot, drawn in ((1, 1), (0, 0), (1, 1), (0, 0)):  # to and fro: no answer strays
        _open_shared(qtbot, window, slot)
        qtbot.wait(300)  # the highlights' answer (a worker's) comes meanwhile
        assert len(view.highlight_spans()) == drawn and [h.note for h in view.highlights()] == ["b's own"] * drawn

    # The Highlights node lists b's two, newest first; a click on the far one opens it scrolled there.
    qtbot.waitUntil(lambda: [i.data() for i in _highlight_nodes(window)][1:] == ["第1篇文章的第0段"], timeout=5000)
    node = _highlight_nodes(window)[0]
    window.tree.scrollTo(node)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(node).center())
    far_id = f"1/{far.id}"
    qtbot.waitUntil(lambda: far_id in view.highlight_spans() and view.verticalScrollBar().value() > 0, timeout=5000)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.highlight_spans()[far_id][0])
    qtbot.waitUntil(lambda: 0 <= view.cursorRect(cursor).top() < view.viewport().height(), timeout=5000)
    assert window.reading.post.meta.path == LONG_POST

    # The tree's context menu ▸ Remove Highlight on b's shared-path one, while a's post at that path is open:
    # b loses it, the far one stays, a's post is untouched.
    _open_shared(qtbot, window, 0)
    node = next(i for i in _highlight_nodes(window) if i.data() == "第1篇文章的第0段")
    in_popup(qtbot, "Remove Highlight")
    right_click(qtbot, window.tree.viewport(), window.tree.visualRect(node).center())
    qtbot.waitUntil(lambda: len(_highlight_nodes(window)) == 1, timeout=5000)
    assert [h.id for h in _own(second, data_dir)] == [far.id] and same.id != far.id and _own(first, data_dir) == []


def _open_shared(qtbot, window, slot: int) -> None:
    """A click on the row of SHARED_POST of the library in `slot` (both are named alike: their ids tell them apart)."""
    window.activateWindow()  # after the folder dialog
    qtbot.waitUntil(window.isActiveWindow)
    model = window.list_model
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data() == "第1篇 报道 keji"]
    row = next(r for r in rows if decode(model.post_id(r))[0] == slot)
    assert len(rows) == 2
    wanted = model.post_id(row)
    _click(qtbot, window.list, model.index(row, 0))
    qtbot.waitUntil(
        lambda: window.reading.post_id == wanted and window.reading.post is not None and bool(window.reading.post.html),
        timeout=5000,
    )
