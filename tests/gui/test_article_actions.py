"""Article ▸ Print, Export and Copy, from the keys, the menus and the list's and the view's context menus."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from reader.gui.tasks import TaskRunner
from tests.gui.helpers import in_file_dialog, write_library
from tests.gui.helpers import in_popup as _in_popup
from tests.gui.helpers import right_click as _context_menu
from tests.gui.helpers import when_modal as _when_modal

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
K = Qt.Key
SITE_POST = "2022-01-21-zhibo.md"


@pytest.fixture
def site_dir(tmp_path) -> Path:
    """A Jekyll site with a URL; one post has a permalink, a link, bold text and a library image."""
    root = write_library(tmp_path / "site", n_posts=3, broken=False)
    (root / "_config.yml").write_text(
        'title: "剪报"\nurl: "https://news.example.org"\nbaseurl: "/clips"\n', encoding="utf-8"
    )
    (root / "assets").mkdir()
    shutil.copy(Path(__file__).parents[1] / "fixtures/jekyll/assets/images/zhibo.png", root / "assets/zhibo.png")
    (root / "_posts" / SITE_POST).write_text(
        "---\ntitle: 外交官走进直播间 [特稿]\ndate: 2023-01-21 15:01:08 +0800\ncategories: jingji\n"
        "permalink: /2023/zhibo.html\n---\n"
        '<p>春节前夕，见<a href="https://example.com/yuanwen">原文</a>，<strong>重点</strong>在此。</p>\n'
        '<p><img src="/assets/zhibo.png" alt="直播现场"></p>\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture
def window(make_window, site_dir, qtbot):
    window = make_window(site_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _open_first(qtbot, window)
    return window


def _open_first(qtbot, window) -> None:
    """A real click on the newest row (the post with a permalink), and wait until its body is shown."""
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 4, timeout=5000)
    rect = window.list.visualRect(window.list_model.index(0, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reading.post is not None and "直播间" in window.reading.post.meta.title)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """The user's home, where the save dialog starts, with the post's name filled in."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_copy_link_is_the_permalink_on_the_site(qtbot, window):
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.list, K.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == "https://news.example.org/clips/2023/zhibo.html"


def test_the_lists_context_menu_copies_as_markdown_the_row_clicked(qtbot, window):
    QGuiApplication.clipboard().setText("x")
    row = window.list_model.row_of(window.library.post_id("_posts/2021-03-15-post-02.md"))
    pos = window.list.visualRect(window.list_model.index(row, 0)).center()
    _in_popup(qtbot, "Copy as Markdown")
    _context_menu(qtbot, window.list.viewport(), pos)
    link = (window.library.root / "_posts/2021-03-15-post-02.md").as_uri()  # no permalink: the file
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == f"[第2篇 报道 wenhua]({link})")
    _in_popup(qtbot, "Copy Link")
    _context_menu(qtbot, window.list.viewport(), pos)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == link)


def test_the_views_context_menu_copies_the_selection_as_markdown(qtbot, window):
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, K.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert view.textCursor().hasSelection()
    _in_popup(qtbot, "Copy Selection as Markdown")
    _context_menu(qtbot, view.viewport(), QPoint(40, 40))
    qtbot.waitUntil(lambda: "**重点**" in QGuiApplication.clipboard().text())
    copied = QGuiApplication.clipboard().text()
    assert "[原文](https://example.com/yuanwen)" in copied  # the link as the post wrote it, not "jblink:0"
    assert "![直播现场](/assets/zhibo.png)" in copied
    assert "jblink" not in copied and "jbimg" not in copied


def test_export_as_html_from_the_context_menu_writes_one_file(qtbot, window, home):
    target = home / "2022-01-21-zhibo.html"

    in_file_dialog(qtbot)
    _in_popup(qtbot, "Export as HTML…")
    _context_menu(qtbot, window.view.viewport(), QPoint(40, 40))
    qtbot.waitUntil(target.exists, timeout=5000)
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page and "外交官走进直播间" in page and "data:image/png;base64," in page
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage())


def test_export_as_pdf_runs_on_a_worker(qtbot, make_window, site_dir, home):
    window = make_window(site_dir, runner=TaskRunner())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _open_first(qtbot, window)
    target = home / "2022-01-21-zhibo.pdf"
    said: list[str] = []
    window.article_actions.message.connect(lambda text, _ms: said.append(text))

    in_file_dialog(qtbot)
    _in_popup(qtbot, "Export as PDF…")
    _context_menu(qtbot, window.list.viewport(), window.list.visualRect(window.list_model.index(0, 0)).center())
    qtbot.waitUntil(lambda: any(m.startswith(("Exported", "Could not")) for m in said), timeout=20000)
    assert said[-1] == f"Exported to {target}", said
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "外交官走进直播间 [特稿]" in text and "2023-01-21" in text and re.search(r"^1\s*/\s*1$", text, re.MULTILINE)


def test_ctrl_p_shows_the_print_preview_of_the_article(qtbot, window):
    seen = {}

    def look(dialog: QPrintPreviewDialog) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: preview.pageCount() >= 1)
        seen.update(pages=preview.pageCount(), title=dialog.windowTitle())
        dialog.reject()

    _when_modal(QPrintPreviewDialog, look)
    qtbot.keyClick(window.list, K.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "pages" in seen, timeout=10000)
    assert seen["pages"] == 1 and "外交官走进直播间" in seen["title"]
    assert window.article_actions.preview is None  # closed, and let go


def test_the_article_commands_wait_for_an_article(make_window, library_dir):
    window = make_window(library_dir)
    actions = window.actions_by_id
    assert not any(actions[a].isEnabled() for a in ("print", "export_pdf", "copy_link", "copy_selection_markdown"))
