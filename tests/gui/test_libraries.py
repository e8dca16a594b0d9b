"""Several libraries in one window, driven by the mouse and the keyboard: File ▸ Add Library…, a click in
another library's nodes, All libraries (one list with a Library column, one ranked list of hits), Remove
Library, and the set with each library's place surviving a restart."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from reader import settings as S
from reader.app.open_paths import open_paths
from reader.core.library import Library
from reader.gui.list_model import LIBRARY_COLUMN, SNIPPET_COLUMN
from reader.gui.tasks import TaskRunner
from tests.corpus import FIXTURES
from tests.gui.helpers import click_menu, click_when_enabled, when_modal
from tests.gui.test_saved_searches import _type_name

# the offscreen platform says so of menus and the file dialog's completion list
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
JEKYLL, HUGO = (FIXTURES / "jekyll").resolve(), (FIXTURES / "hugo").resolve()
LEFT = Qt.MouseButton.LeftButton


def _tops(window) -> list[str]:
    model = window.tree_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _node(window, root, node_id: str) -> QModelIndex:
    """The node `node_id` under the top node of the library at `root` ("" for the All libraries node)."""
    model = window.tree_model
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        if model.node(top).id == node_id:
            return top
        if model.node(top).key != str(root):
            continue
        pending = [top]
        while pending:
            parent = pending.pop()
            for child in (model.index(r, 0, parent) for r in range(model.rowCount(parent))):
                if model.node(child).id == node_id:
                    return child
                pending.append(child)
    raise AssertionError(f"no node {node_id} under {root}")


def _click_node(qtbot, window, root, node_id: str) -> None:
    """Once the node is in the tree (its library's counts come after its refresh): a click on it."""

    def there() -> bool:
        try:
            return _node(window, root, node_id).isValid()
        except AssertionError:
            return False

    qtbot.waitUntil(there, timeout=10000)
    _click(qtbot, window.tree, _node(window, root, node_id))


def _click(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def _add_from_menu(qtbot, window, folder) -> None:
    """The dialog opens beside the shown library: the folder's name is typed and Choose clicked."""

    def choose(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "fileNameEdit"), folder.name)
        click_when_enabled(
            qtbot, dialog.findChild(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Open)
        )

    when_modal(QFileDialog, choose)
    click_menu(qtbot, window, "&File", "&Add Library…")
    qtbot.waitUntil(lambda: str(folder) in window.libraries.roots, timeout=10000)


def _start(make_window, qtbot, library=None):
    window = make_window(library, runner=TaskRunner())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _start_all(make_window, qtbot):
    """A window with jekyll and hugo added from the menu, All libraries clicked and listed."""
    window = _start(make_window, qtbot, JEKYLL)
    _add_from_menu(qtbot, window, HUGO)
    qtbot.waitUntil(lambda: len(_tops(window)) == 3, timeout=10000)
    _click_node(qtbot, window, "", "libraries:")
    qtbot.waitUntil(lambda: window.libraries.shown is None and window.list_model.rowCount() == 9, timeout=10000)
    return window


def _name(window, root) -> str:
    library = Library(root, data_dir=window.data_dir)
    library.close()
    return library.name


def _names_in_list(window) -> set[str]:
    model = window.list_model
    return {model.index(row, LIBRARY_COLUMN).data() for row in range(model.rowCount())}


def test_one_library_looks_as_before(qtbot, make_window):
    window = _start(make_window, qtbot, JEKYLL)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 5, timeout=10000)
    assert _tops(window) == ["Library", "Saved Searches", "Highlights", "Categories", "Tags", "Archive"]
    assert [window.tree.isExpanded(window.tree_model.index(row, 0)) for row in range(3)] == [True, True, False]
    assert window.list.isColumnHidden(LIBRARY_COLUMN)
    assert not window.actions_by_id["remove_library"].isEnabled()


def test_add_library_switch_all_libraries_and_restart(qtbot, make_window):
    window = _start(make_window, qtbot, JEKYLL)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 5, timeout=10000)
    # jekyll's own first indexing over (its posts are listed while it writes them): else it is still busy
    # when hugo is added, cancelled, and indexed again in the background beside hugo ("Indexing: jekyll, hugo")
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=10000)
    seen: list[str] = []  # what the status bar said while the added library was indexed: which one is busy
    label, set_text = window.libraries.busy_label, window.libraries.busy_label.setText
    label.setText = lambda text: (seen.append(text), set_text(text))
    _add_from_menu(qtbot, window, HUGO)
    qtbot.waitUntil(lambda: len(_tops(window)) == 3 and window.list_model.rowCount() == 4, timeout=10000)
    assert _tops(window)[0] == "All libraries" and window.libraries.shown == str(HUGO)
    # by its folder's name until a worker has read its site's title (after its first list), then by that
    qtbot.waitUntil(
        lambda: bool({f"Indexing: {HUGO.name}", f"Indexing: {_name(window, HUGO)}"} & set(seen)), timeout=10000
    )
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10000)  # and nothing once it is done
    qtbot.waitUntil(lambda: window.tree_model.index(1, 1).data() == "5", timeout=10000)  # jekyll's count, read aside

    category, hugo_title = _open_first_of_a_category(qtbot, window, HUGO)

    # A click in jekyll's part of the tree shows jekyll.
    _click_node(qtbot, window, JEKYLL, "drafts:")
    qtbot.waitUntil(lambda: window.libraries.shown == str(JEKYLL), timeout=5000)
    qtbot.waitUntil(lambda: window.browse.selected_node_ids() == ["drafts:"], timeout=5000)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=5000)

    # Back to hugo by its top node: where it was left.
    _click_node(qtbot, window, HUGO, f"libraryroot:{HUGO}")
    qtbot.waitUntil(lambda: window.libraries.shown == str(HUGO), timeout=5000)
    qtbot.waitUntil(lambda: _reading(window) == hugo_title, timeout=5000)
    _wait_selected(qtbot, window, [f"category:{category}"])
    assert _reading(window) == hugo_title
    assert all(window.actions_by_id[a].isEnabled() for a in ("save_search", "rename_search", "remove_library"))

    # All libraries: both libraries' posts in one list, with a Library column.
    _click_node(qtbot, window, "", "libraries:")
    qtbot.waitUntil(lambda: window.libraries.shown is None and window.list_model.rowCount() == 9, timeout=10000)
    assert not window.list.isColumnHidden(LIBRARY_COLUMN)
    assert window.actions_by_id["save_search"].isEnabled() and not window.actions_by_id["remove_library"].isEnabled()
    row = next(r for r in range(9) if window.list_model.index(r, LIBRARY_COLUMN).data() == _name(window, JEKYLL))
    _click(qtbot, window.list, window.list_model.index(row, 0))
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    all_title, mark = window.reading.post.meta.title, len(seen)  # what Reload says is seen[mark:]
    assert _names_in_list(window) == {_name(window, JEKYLL), _name(window, HUGO)}
    click_menu(qtbot, window, "&File", "&Reload")  # every library, one after the other
    qtbot.waitUntil(
        lambda: {f"Indexing: {_name(window, r)}" for r in (JEKYLL, HUGO)} <= set(seen[mark:]), timeout=10000
    )
    window.close()

    again = _start(make_window, qtbot)  # a restart: same data folder, no path
    qtbot.waitUntil(lambda: again.libraries.shown is None and again.list_model.rowCount() == 9, timeout=10000)
    assert again.libraries.roots == [str(JEKYLL), str(HUGO)] and len(_tops(again)) == 3
    qtbot.waitUntil(lambda: _reading(again) == all_title, timeout=10000)  # All libraries' own open article
    _click_node(qtbot, again, HUGO, f"libraryroot:{HUGO}")
    qtbot.waitUntil(lambda: _reading(again) == hugo_title, timeout=10000)
    _wait_selected(qtbot, again, [f"category:{category}"])
    assert _reading(again) == hugo_title


def _open_first_of_a_category(qtbot, window, root) -> tuple[str, str]:
    """In the library at `root`: a click on its first category, then on that category's first article;
    the category's key and the article's title."""
    category = next(f.key for f in Library(root, data_dir=window.data_dir).facets("category"))
    _click_node(qtbot, window, root, f"category:{category}")
    qtbot.waitUntil(lambda: window.browse.selected_node_ids() == [f"category:{category}"], timeout=5000)
    qtbot.waitUntil(lambda: 0 < window.list_model.rowCount() < 4, timeout=5000)
    _click(qtbot, window.list, window.list_model.index(0, 0))
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    return category, window.reading.post.meta.title


def _wait_selected(qtbot, window, node_ids: list[str]) -> None:
    """The tree selects a library's kept nodes once its tree is in, which is asked after its list (and the
    article restored with it: browsing.py), so the article may show first."""
    qtbot.waitUntil(lambda: window.browse.selected_node_ids() == node_ids, timeout=10000)


def _reading(window) -> str | None:
    """The title of the article open in the window, if any."""
    return window.reading.post.meta.title if window.reading.post is not None else None


def _text_indexed(root, window) -> bool:
    library = Library(root, data_dir=window.data_dir)
    done, total = library.text_progress()
    library.close()
    return done == total


def _hits_of_each(window, qtbot, query: str) -> set[tuple[str, str]]:
    """(library name, title) of every hit of each library searched alone, once its text is indexed
    (an added library's may still be on its way: then its hits were only titles, 1 run in 4)."""
    expected = set()
    for root in (JEKYLL, HUGO):
        qtbot.waitUntil(lambda root=root: _text_indexed(root, window), timeout=10000)
        library = Library(root, data_dir=window.data_dir)
        expected |= {(library.name, hit.post.title) for hit in library.search(query, limit=500)}
        library.close()
    return expected


def _shown_hits(window) -> set[tuple[str, str]]:
    model = window.list_model
    return {(model.index(r, LIBRARY_COLUMN).data(), model.summary(r).title) for r in range(model.rowCount())}


def _search_all(window, qtbot, words: str) -> set[tuple[str, str]]:
    """Types `words` in the search field under All libraries and waits until the list shows the hits
    each library gives alone, merged; returns them."""
    qtbot.mouseClick(window.search_edit, LEFT)
    qtbot.keyClicks(window.search_edit, words)
    expected = _hits_of_each(window, qtbot, words)
    qtbot.waitUntil(lambda: window.list_model.searching() and _shown_hits(window) == expected, timeout=10000)
    return expected


def test_a_search_saved_under_all_libraries_spans_them_after_a_restart(qtbot, make_window):
    window = _start_all(make_window, qtbot)
    expected = _search_all(window, qtbot, "the")
    _type_name(qtbot, "Everywhere")
    click_menu(qtbot, window, "&View", "Sa&ve Search…")
    qtbot.waitUntil(lambda: window.tree_model.index_for_id("saved:Everywhere").isValid(), timeout=5000)
    saved = window.tree_model.index_for_id("saved:Everywhere")
    assert window.tree_model.library_of(saved) == ""  # under All libraries
    qtbot.waitUntil(lambda: saved.siblingAtColumn(1).data() == f"{len(expected)} / {len(expected)}", timeout=5000)
    window.close()

    again = _start(make_window, qtbot)  # a restart
    qtbot.waitUntil(lambda: again.libraries.shown is None and again.list_model.rowCount() > 0, timeout=10000)
    qtbot.mouseClick(again.search_edit, LEFT)
    qtbot.keyClick(again.search_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(again.search_edit, Qt.Key.Key_Delete)
    _click_node(qtbot, again, "", "all:")
    qtbot.waitUntil(lambda: not again.list_model.searching() and again.list_model.rowCount() == 9, timeout=10000)
    qtbot.waitUntil(
        lambda: (
            again.tree_model.index_for_id("saved:Everywhere").siblingAtColumn(1).data()
            == f"{len(expected)} / {len(expected)}"
        ),
        timeout=10000,
    )
    _click_node(qtbot, again, "", "saved:Everywhere")  # its merged hits, from both libraries
    qtbot.waitUntil(lambda: again.list_model.searching() and _shown_hits(again) == expected, timeout=10000)
    assert again.search_edit.text() == "the" and len({name for name, _ in expected}) == 2
    for root in (JEKYLL, HUGO):  # each library's own saved searches are its own, as before
        library = Library(root, data_dir=again.data_dir)
        assert library.saved_searches() == []
        library.close()


def test_search_across_all_libraries_merges_the_hits(qtbot, make_window):
    window = _start_all(make_window, qtbot)
    expected = _search_all(window, qtbot, "the")
    assert len({name for name, _ in _shown_hits(window)}) == 2
    assert window.list_model.rowCount() == len(expected)  # none doubled
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)  # the first hit opens, from its own library
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=5000)
    assert window.reading.post.meta.title == window.list_model.summary(0).title


def test_remove_library_takes_it_out_of_the_window_only(qtbot, make_window):
    window = _start(make_window, qtbot, JEKYLL)
    _add_from_menu(qtbot, window, HUGO)
    qtbot.waitUntil(lambda: window.libraries.shown == str(HUGO) and len(_tops(window)) == 3, timeout=10000)
    click_menu(qtbot, window, "&File", "Re&move Library")
    qtbot.waitUntil(lambda: window.libraries.shown == str(JEKYLL), timeout=10000)
    qtbot.waitUntil(lambda: _tops(window)[0] == "Library" and window.list_model.rowCount() == 5, timeout=10000)
    assert window.libraries.roots == [str(JEKYLL)] and HUGO.is_dir()
    assert window.settings.window.get(S.OPEN_LIBRARIES) == [str(JEKYLL)]
    assert "removed" in window.statusBar().currentMessage()


def test_opening_a_post_file_adds_its_library(qtbot, make_window):
    window = _start(make_window, qtbot, JEKYLL)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 5, timeout=10000)
    post = next(p for p in sorted((HUGO / "content").rglob("*.md")) if p.name != "_index.md")
    open_paths(window, [str(post)])
    qtbot.waitUntil(lambda: window.libraries.roots == [str(JEKYLL), str(HUGO)], timeout=10000)
    qtbot.waitUntil(lambda: window.reading.post is not None, timeout=10000)
    assert window.reading.post.meta.path == post.relative_to(HUGO).as_posix()
    assert len(_tops(window)) == 3


def test_a_library_that_cannot_be_read_leaves_the_others(qtbot, make_window, tmp_path):
    gone = tmp_path / "gone"
    shutil.copytree(HUGO, gone)
    window = _start(make_window, qtbot, JEKYLL)
    open_paths(window, [str(gone)])  # as a second launch would
    qtbot.waitUntil(lambda: window.libraries.shown == str(gone) and window.list_model.rowCount() == 4, timeout=10000)
    _click_node(qtbot, window, JEKYLL, f"libraryroot:{JEKYLL}")
    qtbot.waitUntil(lambda: window.libraries.shown == str(JEKYLL), timeout=10000)
    shutil.rmtree(gone)  # its folder goes away while the window shows another library
    _click_node(qtbot, window, "", "libraries:")
    qtbot.waitUntil(lambda: window.libraries.shown is None and window.list_model.rowCount() == 5, timeout=10000)
    top = _node(window, str(gone), f"libraryroot:{gone}")
    qtbot.waitUntil(lambda: "no such folder" in (top.data(Qt.ItemDataRole.ToolTipRole) or ""), timeout=10000)
    assert top.siblingAtColumn(1).data() is None  # no count where it could not be read
    qtbot.mouseClick(window.search_edit, LEFT)
    qtbot.keyClicks(window.search_edit, "the")
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() > 0, timeout=10000)
    assert _names_in_list(window) == {_name(window, JEKYLL)}


def test_a_list_asked_before_a_search_does_not_cover_its_hits(qtbot, make_window, monkeypatch):
    """A list still on its way when the user types a search (a click on a header, new posts written by a
    refresh, another library's refresh under All libraries) comes after the hits: the hits stay (they did
    not, and test_a_library_that_cannot_be_read_leaves_the_others waited for hits that never came back)."""
    window = _start(make_window, qtbot, JEKYLL)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 5, timeout=10000)
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=10000)  # indexed: no refresh asks for lists
    release, returned, list_ids = threading.Event(), threading.Event(), Library.list_ids

    def late(library, *args):
        release.wait(10)
        try:
            return list_ids(library, *args)
        finally:
            returned.set()

    monkeypatch.setattr(Library, "list_ids", late)
    _click_header(qtbot, window, 0)  # sorted by title: that list waits on its worker
    qtbot.mouseClick(window.search_edit, LEFT)
    qtbot.keyClicks(window.search_edit, "the")
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() > 0, timeout=10000)
    hits = [window.list_model.summary(row).title for row in range(window.list_model.rowCount())]
    release.set()
    qtbot.waitUntil(lambda: returned.is_set() and not window.runner.busy(), timeout=10000)  # its answer delivered
    assert window.list_model.searching()
    assert [window.list_model.summary(row).title for row in range(window.list_model.rowCount())] == hits


def _library_column_of_rows(window) -> list[str]:
    model = window.list_model
    return [model.index(row, LIBRARY_COLUMN).data() for row in range(model.rowCount())]


def _click_header(qtbot, window, column: int) -> None:
    header = window.list.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))


def test_all_libraries_sorts_and_filters_like_one_library(qtbot, make_window):
    window = _start_all(make_window, qtbot)
    jekyll, hugo = _name(window, JEKYLL), _name(window, HUGO)

    # A click on the Library column's header sorts by library, a second one the other way.
    _click_header(qtbot, window, LIBRARY_COLUMN)
    qtbot.waitUntil(lambda: window.browse.sort_key == "library", timeout=5000)
    first = sorted([jekyll, hugo], key=str.casefold, reverse=window.browse.descending)
    qtbot.waitUntil(
        lambda: (
            _library_column_of_rows(window)
            == [first[0]] * (5 if first[0] == jekyll else 4) + [first[1]] * (4 if first[0] == jekyll else 5)
        ),
        timeout=5000,
    )
    _click_header(qtbot, window, LIBRARY_COLUMN)
    qtbot.waitUntil(lambda: _library_column_of_rows(window)[0] == first[1], timeout=5000)

    # All libraries has its own sections: a tag of each library, picked with Ctrl, lists both posts.
    _click_node(qtbot, window, "", "tag:经济新闻")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=5000)
    index = _node(window, "", "tag:containers")
    window.tree.scrollTo(index)
    qtbot.mouseClick(
        window.tree.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier, window.tree.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2, timeout=5000)
    assert window.libraries.shown is None and set(_library_column_of_rows(window)) == {jekyll, hugo}

    # The tag filter filters All libraries' tags; the Unread view counts and lists every library's posts.
    qtbot.keyClicks(window.tag_filter, "contain")
    tags = window.tree_model.index_for_id("tag:containers").parent()
    qtbot.waitUntil(lambda: window.tree_model.rowCount(tags) == 1, timeout=5000)
    assert window.tree_model.library_of(tags) == ""
    _click_node(qtbot, window, "", "unread:")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 9, timeout=5000)
    assert window.tree_model.index_for_id("unread:").siblingAtColumn(1).data() == "9"


def test_the_library_column_fits_a_narrow_list(qtbot, make_window):
    """As narrow as one library's list fits without a horizontal scroll bar: All libraries' fits too, the
    Library column giving way first, while listing and while searching."""
    window = _start_all(make_window, qtbot)
    header, bar = window.list.horizontalHeader(), window.list.horizontalScrollBar()
    total = sum(window.splitter.sizes())
    for width in (400, 500):
        window.splitter.setSizes([150, width, total - 150 - width])
        qtbot.waitUntil(lambda width=width: window.list.viewport().width() <= width, timeout=5000)
        qtbot.waitUntil(lambda: bar.maximum() == 0 and header.length() <= window.list.viewport().width(), timeout=5000)
        assert header.sectionSize(LIBRARY_COLUMN) >= header.minimumSectionSize() and header.sectionSize(0) >= 160
    qtbot.mouseClick(window.search_edit, LEFT)
    qtbot.keyClicks(window.search_edit, "the")
    qtbot.waitUntil(
        lambda: window.list_model.searching() and not window.list.isColumnHidden(SNIPPET_COLUMN), timeout=10000
    )
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=5000)
    # the hits' titles stay readable: the library and the category give way before the title (it was left
    # a few pixels, "…", in a list of 500)
    assert header.sectionSize(0) >= 80 and header.sectionSize(0) > header.sectionSize(LIBRARY_COLUMN)
