"""A click on the list's Title or Category header orders Chinese by pinyin, categories by the names shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

POSTS = {  # title, category key; emnews and sitenews are named by the _data file
    "2022-01-01-a.md": ("中国经济", "emnews"),
    "2022-01-02-b.md": ("北京新闻", "sitenews"),
    "2022-01-03-c.md": ("阿里巴巴", "zhongguo"),
    "2022-01-04-d.md": ("Apple 发布会", "emnews"),
}


def library(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_data").mkdir()
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (root / "_data" / "categories.yml").write_text(
        "emnews: 东财滚动新闻\nsitenews: 站长消息\nzhongguo: 中国\n", encoding="utf-8"
    )
    for name, (title, category) in POSTS.items():
        (root / "_posts" / name).write_text(
            f"---\ntitle: {title}\ncategories: {category}\n---\n正文\n", encoding="utf-8"
        )
    return root


def click_header(window, column: int) -> None:
    header = window.list.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def column_texts(window, column: int) -> list[str]:
    model = window.list_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_header_clicks_sort_titles_by_pinyin_and_categories_by_their_names(qtbot, make_window, tmp_path):
    window = make_window(library(tmp_path / "lib"))
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 4)
    titles = ["阿里巴巴", "Apple 发布会", "北京新闻", "中国经济"]  # a1, apple, bei3, zhong1: not code point order
    for _ in range(2):  # the first click may only take the sort to this column
        click_header(window, 0)
        if window.list.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            break
    qtbot.waitUntil(lambda: column_texts(window, 0) == titles)
    click_header(window, 2)
    if window.list.horizontalHeader().sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
        click_header(window, 2)
    # dong1 cai2 (emnews, twice: newest first), zhan4 zhang3 (sitenews), zhong1 guo2 (zhongguo)
    qtbot.waitUntil(lambda: column_texts(window, 2) == ["东财滚动新闻", "东财滚动新闻", "站长消息", "中国"])
    assert column_texts(window, 0)[:2] == ["Apple 发布会", "中国经济"]


def test_search_hits_sorted_by_title_follow_pinyin_too(qtbot, make_window, tmp_path):
    root = tmp_path / "hits"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    for n, title in enumerate(("中", "阿", "北", "东")):
        body = "needle here\n" if title != "东" else "no match\n"
        (root / "_posts" / f"2022-01-0{n + 1}-p.md").write_text(f"---\ntitle: {title}\n---\n{body}", encoding="utf-8")
    window = make_window(root)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 4)
    qtbot.mouseClick(window.search_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search_edit, "needle")
    qtbot.waitUntil(lambda: window.list_model.searching() and window.list_model.rowCount() == 3, timeout=5000)
    for _ in range(2):  # the first click may only take the sort to this column
        click_header(window, 0)
        if window.list.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            break
    assert window.list_model.searching()
    qtbot.waitUntil(lambda: column_texts(window, 0) == ["阿", "北", "中"])  # a1, bei3, zhong1: not code point order
