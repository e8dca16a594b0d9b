"""A window started on a saved session puts the reader back where they were, reading and drawing the article once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core import Library
from reader.gui import reading, reading_jobs
from reader.gui.article_view import ArticleView
from reader.gui.tasks import SyncTaskRunner, TaskRunner
from tests.gui.test_start_order import HeldRunner

CATEGORY = "category:wenhua"  # the newest post (helpers.post_text(23), the long one) is in it


@pytest.fixture
def named_library(library_dir):
    """The test library with a readable name for a category: the article's header shows it once the tree is in."""
    config = library_dir / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "category_names:\n  wenhua: 文化版\n", encoding="utf-8")
    return library_dir


class Watched:
    """The posts read by the article's job, and every drawing of a page in the view: a post's, whether it took the
    page the worker parsed or parsed it itself on the UI thread, or one without a post."""

    def __init__(self, monkeypatch):
        self.loads: list[int] = []
        self.renders: list[tuple[str, str]] = []  # (path, "header" | "adopted" | "parsed here")
        load, render, adopt = reading_jobs.load_post, ArticleView._render, ArticleView._adopt

        def counted_load(library, post_id, *args):
            self.loads.append(post_id)
            return load(library, post_id, *args)

        def counted_render(view, *args, **kwargs):
            adopted = len(self._adopted)
            render(view, *args, **kwargs)
            post = view.current_post()
            if post is not None:
                how = "header" if not post.html else "adopted" if len(self._adopted) > adopted else "parsed here"
                self.renders.append((post.meta.path, how))
            elif view.toPlainText():
                self.renders.append(("", "a page without a post"))  # the library's summary, or a message

        self._adopted: list[object] = []
        for module in (reading, reading_jobs):  # an article opened by id, and the restored one (found by its path)
            monkeypatch.setattr(module, "load_post", counted_load)
        monkeypatch.setattr(ArticleView, "_render", counted_render)
        monkeypatch.setattr(ArticleView, "_adopt", lambda view, doc: (self._adopted.append(doc), adopt(view, doc)))


def _leave_a_session(qtbot, make_window, library) -> tuple[str, float]:
    """A category chosen in the tree, its first article clicked and paged down, the window closed: by real input."""
    window = make_window(library, runner=TaskRunner())
    qtbot.waitUntil(lambda: window.tree_model.index_for_id(CATEGORY).isValid(), timeout=30000)
    window.tree.scrollTo(window.tree_model.index_for_id(CATEGORY))  # its section opens
    node = window.tree.visualRect(window.tree_model.index_for_id(CATEGORY))
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=node.center())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 8, timeout=30000)
    assert window.browse.selected_node_ids() == [CATEGORY]
    row = window.list.visualRect(window.list_model.index(0, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    qtbot.waitUntil(lambda: window.reading.post is not None and bool(window.reading.post.html), timeout=30000)
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    fraction = window.view.scroll_fraction()
    assert 0 < fraction < 1
    path = window.reading.post.meta.path
    window.close()
    return path, fraction


def test_the_restored_article_is_read_once_drawn_once_where_it_was_left(qtbot, make_window, named_library, monkeypatch):
    path, fraction = _leave_a_session(qtbot, make_window, named_library)
    watched = Watched(monkeypatch)
    window = make_window(runner=TaskRunner())  # no path: the last library, as it was left
    trees: list[object] = []
    window.browse.treeShown.connect(trees.append)
    refreshed: list[object] = []
    window.refresher.finished.connect(refreshed.append)
    warmed: list[bool] = []
    window.reading.view_warm_up.finished.connect(lambda: warmed.append(True))
    qtbot.waitUntil(lambda: bool(trees and refreshed and warmed) and window.reading.post is not None, timeout=60000)
    qtbot.wait(300)  # nothing more comes
    assert str(window.library.root) == str(named_library)
    assert window.browse.selected_node_ids() == [CATEGORY]
    assert window.list_model.post_id(window.list.currentIndex().row()) == window.reading.post_id
    assert window.reading.post.meta.path == path
    assert window.view.scroll_fraction() == pytest.approx(fraction, abs=0.001)
    assert "文化版" in window.view.toPlainText()  # the category's name, not its key
    assert len(watched.loads) == 1
    assert watched.renders == [(path, "adopted")]  # once, the page the worker parsed


@pytest.mark.parametrize("tree_comes", ["before the article is read", "after it is shown"])
def test_the_tree_s_names_never_draw_the_restored_article_again(
    qtbot, make_window, named_library, monkeypatch, tree_comes
):
    """The names come with the first list; the tree and the summary (a query of its own, asked after the restored
    article) may come before or after the article: it is drawn once, and the summary not while it is read."""
    path = _read_the_newest(qtbot, make_window, named_library)
    watched = Watched(monkeypatch)
    runner = HeldRunner()
    window = make_window(runner=runner)
    runner.run("_list_and_labels")
    assert window.list_model.index(0, 2).data() == "文化版"  # the newest post's category: its name, before the tree
    assert runner.names()[:2] == ["find_and_load", "load_tree_data"]  # the article first: it waits for no tree
    qtbot.wait(5 * reading.HEADER_AFTER_MS)  # a slow body: a post opened by a click shows its list row's header now
    if tree_comes == "before the article is read":
        runner.run("load_tree_data")
    runner.run("find_and_load")
    if tree_comes == "after it is shown":
        runner.run("load_tree_data")
    assert window.reading.post.meta.path == path and "文化版" in window.view.toPlainText()
    assert watched.loads == [window.reading.post_id]
    assert watched.renders == [(path, "adopted")]
    assert window.list_model.post_id(window.list.currentIndex().row()) == window.reading.post_id


def _read_the_newest(qtbot, make_window, library) -> str:
    """A window whose newest post was clicked, closed: the session to restore."""
    first = make_window(library, runner=SyncTaskRunner())
    row = first.list.visualRect(first.list_model.index(0, 0))
    qtbot.mouseClick(first.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    qtbot.waitUntil(lambda: first.reading.post is not None, timeout=10000)
    path = first.reading.post.meta.path
    first.close()
    return path


def test_a_click_while_the_article_is_restored_wins(qtbot, make_window, named_library):
    _read_the_newest(qtbot, make_window, named_library)
    runner = HeldRunner()
    window = make_window(runner=runner)
    runner.run("_list_and_labels")
    row = window.list.visualRect(window.list_model.index(2, 0))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    runner.run("find_and_load")  # the restored article comes after the click: dropped
    runner.run("load_post")
    assert window.reading.post.id == window.list_model.post_id(2)
    assert window.list.currentIndex().row() == 2


def test_a_restored_article_gone_from_the_library_leaves_the_summary(qtbot, make_window, named_library, data_dir):
    path = _read_the_newest(qtbot, make_window, named_library)
    (named_library / path).unlink()
    library = Library(named_library, data_dir=data_dir)
    library.refresh()  # the index no longer has it
    library.close()
    runner = HeldRunner()
    window = make_window(runner=runner)
    runner.run("_list_and_labels")
    runner.run("load_tree_data")
    assert window.view.toPlainText() == ""  # the summary waits for the article
    runner.run("find_and_load")
    assert window.reading.post is None and "Top categories" in window.view.toPlainText()
