"""What survives a restart: reading state (even without the index), window layout, the last article."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from reader import settings as S
from reader.core.library import Library
from reader.core.types import PostFilter
from reader.gui.tasks import TaskRunner
from reader.paths import AppPaths
from tests.gui.helpers import N_POSTS, write_library


def test_read_and_starred_survive_a_restart_and_a_deleted_index(make_window, library_dir, data_dir):
    window = make_window(library_dir)
    ids = window.list_model.ids()
    window.reading.open_post(ids[0])
    window.reading.toggle_star()
    window.reading.open_post(ids[1])
    window.reading.toggle_read()
    starred_path = window.list_model.summary(0).path
    read_path = window.list_model.summary(1).path
    window.close()

    index = AppPaths.for_user(data_dir).index_file(library_dir)
    assert index.exists()
    index.unlink()  # the index is a cache; reading state is user data kept elsewhere

    again = make_window()  # no argument: the last library reopens
    assert again.library.root == library_dir.resolve()
    assert again.list_model.rowCount() == N_POSTS + 1
    starred = again.library.list_posts(PostFilter(starred=True))
    read = again.library.list_posts(PostFilter(read=True))
    assert [s.path for s in starred] == [starred_path]
    assert [s.path for s in read] == [read_path]
    row = again.list_model.row_of(read[0].id)
    assert again.list_model.index(row, 0).data(Qt.ItemDataRole.FontRole) is None  # shown as read
    assert again.list_model.summary(again.list_model.row_of(starred[0].id)).starred


def test_last_selection_and_article_are_restored(make_window, library_dir):
    window = make_window(library_dir)
    window.browse.select_nodes(["category:keji"])
    assert window.list_model.rowCount() == 8
    window.reading.step(1)
    window.reading.step(1)
    path = window.reading.post.meta.path
    window.close()

    again = make_window()
    assert again.browse.selected_node_ids() == ["category:keji"]
    assert again.list_model.rowCount() == 8
    assert again.reading.post.meta.path == path
    assert again.list.currentIndex().row() == 1
    assert again.windowTitle() == f"{again.reading.post.meta.title} — Jianbao Reader"


def test_window_layout_and_sort_are_restored(make_window, library_dir):
    window = make_window(library_dir)
    window.resize(760, 540)  # inside the offscreen screen, which restoreGeometry clamps to
    window.splitter.setSizes([200, 400, 500])
    sizes = window.splitter.sizes()
    header = window.list.horizontalHeader()  # the user drags the title column's edge to 333 px
    edge, y = header.sectionViewportPosition(0) + header.sectionSize(0) - 1, header.height() // 2
    target = edge + 333 - header.sectionSize(0)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    QTest.mouseMove(header.viewport(), QPoint((edge + target) // 2, y))
    QTest.mouseMove(header.viewport(), QPoint(target, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(target, y))
    assert header.sectionSize(0) == 333
    window.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.close()

    again = make_window()
    assert again.size().width() == 760 and again.size().height() == 540
    assert again.splitter.sizes() == sizes
    assert again.list.horizontalHeader().sectionSize(0) == 333
    assert again.browse.sort_key == "title" and again.browse.descending is False
    assert again.list.horizontalHeader().sortIndicatorSection() == 0
    titles = [again.list_model.summary(r).title for r in range(again.list_model.rowCount())]
    assert titles[0] <= titles[-1]


def test_reading_position_is_saved_on_leaving_and_restored(make_window, library_dir, qtbot):
    window = make_window(library_dir)
    ids = window.list_model.ids()
    window.reading.open_post(ids[0])  # the long post
    window.view.set_scroll_fraction(0.5)
    assert abs(window.view.scroll_fraction() - 0.5) < 0.05
    window.reading.open_post(ids[1])
    assert abs(window.library.position(ids[0]) - 0.5) < 0.05
    window.reading.open_post(ids[0])
    qtbot.waitUntil(lambda: abs(window.view.scroll_fraction() - 0.5) < 0.05, timeout=2000)


def test_the_reading_position_is_written_on_closing_the_window(qtbot, make_window, library_dir, data_dir):
    window = make_window(library_dir, runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 1)
    window.reading.open_post(window.list_model.ids()[0])  # the long post
    qtbot.waitUntil(lambda: window.reading.post is not None)
    window.view.set_scroll_fraction(0.5)
    post_id = window.reading.post_id
    window.close()
    library = Library(library_dir, data_dir=data_dir)
    assert abs(library.position(post_id) - 0.5) < 0.05
    library.close()


def test_the_sample_library_is_not_remembered_as_the_users_library(make_window, tmp_path):
    sample = write_library(tmp_path / "sample", n_posts=3, broken=False)
    window = make_window(sample_dir=sample)
    assert window.is_sample
    window.close()
    again = make_window(sample_dir=sample)
    assert again.is_sample and again.banner.isVisible()


def test_the_sample_library_restores_its_article_and_selection(qtbot, make_window, tmp_path):
    sample = write_library(tmp_path / "sample", n_posts=6, broken=False)
    window = make_window(sample_dir=sample)
    assert window.is_sample
    _click_tree_node(qtbot, window, "category:keji")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(1, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None)
    title = window.reading.post.meta.title
    window.close()

    again = make_window(sample_dir=sample)
    assert again.is_sample
    qtbot.waitUntil(lambda: again.reading.post is not None and again.reading.post.meta.title == title)
    assert again.browse.selected_node_ids() == ["category:keji"]
    assert again.list.currentIndex().row() == 1


def test_recent_libraries_are_most_recent_first(make_window, library_dir, tmp_path):
    other = write_library(tmp_path / "其他", n_posts=2, broken=False)
    window = make_window(library_dir)
    assert window.open_library(other)
    assert window.list_model.rowCount() == 2
    recent = window.settings.window.get(S.RECENT_LIBRARIES)
    assert recent == [str(other.resolve()), str(library_dir.resolve())]
    window.libraries._fill_recent_menu()
    assert [a.text() for a in window.libraries.recent_menu.actions()] == recent


def test_preferences_and_window_state_live_in_separate_files(tmp_path):
    settings = S.Settings(tmp_path)
    settings.preferences.set(S.FONT_SIZE, 14.5)
    settings.window.set(S.LAST_SELECTION, ["tag:新闻"])
    settings.window.set(S.RECENT_LIBRARIES, [])
    settings.window.set(S.SORT_DESCENDING, False)
    settings.sync()
    assert (tmp_path / "preferences.ini").exists() and (tmp_path / "window-state.ini").exists()
    reread = S.Settings(tmp_path)
    assert reread.preferences.get(S.FONT_SIZE) == 14.5
    assert reread.window.get(S.LAST_SELECTION) == ["tag:新闻"]
    assert reread.window.get(S.RECENT_LIBRARIES) == []
    assert reread.window.get(S.SORT_DESCENDING) is False
    assert reread.preferences.get(S.READ_DELAY_MS) == 1500  # never set: the declared default
    try:
        reread.preferences.get(S.LAST_LIBRARY)
    except KeyError:
        pass
    else:
        raise AssertionError("window state must not be read from the preferences file")


def _click_tree_node(qtbot, window, node_id: str) -> None:
    node = window.tree_model.index_for_id(node_id)
    window.tree.scrollTo(node)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(node).center())


def test_the_library_given_again_on_the_command_line_comes_back_as_left(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    _click_tree_node(qtbot, window, "category:keji")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 8)
    qtbot.mouseClick(
        window.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.list.visualRect(window.list_model.index(1, 0)).center(),
    )
    qtbot.waitUntil(lambda: window.reading.post is not None)
    title = window.reading.post.meta.title
    window.close()

    again = make_window(library_dir)  # `jianbao LIBRARY` with the library read last time
    qtbot.waitUntil(lambda: again.reading.post is not None and again.reading.post.meta.title == title)
    assert again.browse.selected_node_ids() == ["category:keji"]
    assert again.list.currentIndex().row() == 1


def test_a_tree_click_made_while_the_tree_reloads_is_kept(qtbot, make_window, library_dir, monkeypatch):
    from reader.gui import browsing

    window = make_window(library_dir)
    assert window.browse.selected_node_ids() == ["all:"]
    load = browsing.load_tree_data

    def click_while_loading(library):
        data = load(library)
        _click_tree_node(qtbot, window, "category:keji")  # the answer is still on its way
        return data

    monkeypatch.setattr(browsing, "load_tree_data", click_while_loading)
    window.browse.reload()  # as after a refresh
    assert window.browse.selected_node_ids() == ["category:keji"]
    assert window.list_model.rowCount() == 8


def test_leaving_a_post_unscrolled_writes_no_position_and_a_scrolled_one_does(
    make_window, library_dir, qtbot, monkeypatch
):
    written = []
    real = Library.set_position
    monkeypatch.setattr(
        Library,
        "set_position",
        lambda lib, post_id, position: (written.append((post_id, round(position, 2))), real(lib, post_id, position)),
    )
    window = make_window(library_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    window.list.setFocus()
    qtbot.keyClick(window.list, Qt.Key.Key_J)  # the long post, at the top
    first = window.reading.post_id
    qtbot.keyClick(window.list, Qt.Key.Key_J)  # left where it was read: nothing to write
    assert written == []
    qtbot.keyClick(window.list, Qt.Key.Key_K)  # back to the long one, and down a page
    assert window.reading.post_id == first
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert len(written) == 1 and written[0][0] == first and written[0][1] > 0
    assert window.library.position(first) > 0


def test_the_article_opened_is_written_to_the_window_state_later_and_once_for_several_opens(
    qtbot, make_window, library_dir, monkeypatch
):
    """QSettings wrote window-state.ini at the event loop's next turn after every article opened, on the UI
    thread in the middle of the open (1-20 ms on a busy disk): it is written once, WRITE_STATE_AFTER_MS later."""
    monkeypatch.setattr("reader.gui.main_window.WRITE_STATE_AFTER_MS", 300)
    window = make_window(library_dir)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == N_POSTS + 1)
    state = window.paths.config / "window-state.ini"
    window.settings.sync()  # what the start wrote
    before = state.stat().st_mtime_ns

    for row in (2, 3):  # two clicks in a row: one write, after the second
        rect = window.list.visualRect(window.list_model.index(row, 0))
        qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(
            lambda row=row: window.reading.post is not None and window.reading.post.id == window.list_model.post_id(row)
        )
    path = window.reading.post.meta.path
    assert window.settings.window.get(S.LAST_ARTICLE) == path  # the value is there at once
    QTest.qWait(100)
    assert state.stat().st_mtime_ns == before  # the file is not written yet
    qtbot.waitUntil(lambda: state.stat().st_mtime_ns != before, timeout=3000)
    assert S.Settings(window.paths.config).window.get(S.LAST_ARTICLE) == path
