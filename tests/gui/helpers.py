"""Helpers for the GUI tests: a small Jekyll library written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

from tests.corpus import CORPUS

CORPUS_FINEWS = CORPUS / "finews"
CATEGORIES = ("jingji", "keji", "wenhua")
TAGS = ("新闻", "评论", "科技", "文化")
N_POSTS = 24  # one a month through 2021 and 2022


def post_text(i: int) -> tuple[str, str]:
    """(file name, text) of test post i: month i of 2021-2022, a category and tags by turns."""
    year, month = 2021 + i // 12, i % 12 + 1
    category = CATEGORIES[i % 3]
    tags = [TAGS[i % 4]] + (["新闻"] if i % 2 == 0 and TAGS[i % 4] != "新闻" else [])
    title = f"第{i}篇 报道 {category}"
    paragraphs = [f"<p>这是第{i}篇文章的第{n}段。经济 新闻 报道。</p>" for n in range(3)]
    if i == 5:
        paragraphs.append("<p>动物园里的熊猫 panda 在吃竹子。</p>")
    if i == N_POSTS - 1:  # the newest post is long, for paging tests
        paragraphs = [f"<p>长文第{n}段：" + "很长的一段文字。" * 20 + "</p>" for n in range(150)]
    front = (
        f'---\ntitle: "{title}"\ndate: {year}-{month:02d}-15 10:00:00 +0800\n'
        f"categories: {category}\ntags: [{', '.join(tags)}]\n"
        f"source_url: https://example.com/{i}.html\n---\n"
    )
    return f"{year}-{month:02d}-15-post-{i:02d}.md", front + "\n".join(paragraphs) + "\n"


def write_library(root: Path, n_posts: int = N_POSTS, broken: bool = True) -> Path:
    """A Jekyll site with n_posts posts and (when `broken`) one post whose front matter is bad."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text('title: "测试剪报"\ntimezone: Asia/Shanghai\n', encoding="utf-8")
    for i in range(n_posts):
        name, text = post_text(i)
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    if broken:
        (root / "_posts" / "2020-06-01-broken.md").write_text(
            "---\ntitle: [unclosed\ndate: 2020-06-01\n---\n<p>坏的</p>\n", encoding="utf-8"
        )
    return root


def click_menu(qtbot, window, title: str, entry: str):
    """Menu bar `title` ▸ `entry`, clicked with the mouse; returns the action clicked."""
    from PySide6.QtCore import Qt

    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text() == title)
    # To the menu bar first: QMenu ignores a release where the cursor was when it opened.
    qtbot.mouseMove(bar, bar.actionGeometry(top).center())
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    action = next(a for a in menu.actions() if a.text() == entry)
    point = menu.actionGeometry(action).center()
    qtbot.mouseMove(menu, point)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)
    return action


def in_popup(qtbot, text: str) -> None:
    """When a context menu is up, click its entry `text` with the mouse."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    def click() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, click)
            return
        action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
        point = menu.actionGeometry(action).center()
        qtbot.mouseMove(menu, point)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)

    QTimer.singleShot(0, click)


def click_when_enabled(qtbot, button) -> None:
    """Click `button` once it is enabled, as a user waits for it: a file dialog enables Open only
    when its model has looked the typed path up, which it does on a thread of its own."""
    from PySide6.QtCore import Qt, QTimer

    if not button.isEnabled():
        QTimer.singleShot(20, lambda: click_when_enabled(qtbot, button))
        return
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def right_click(qtbot, widget, pos) -> None:
    """A right click: the press selects, as the platform's own right click does, then the context-menu event."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    # The pointer goes there first: QMenu ignores a release where the pointer was when it opened
    # (QMenuPrivate::hasMouseMoved), which could be where an earlier test left it, over an entry.
    qtbot.mouseMove(widget, pos)
    qtbot.mouseClick(widget, Qt.MouseButton.RightButton, pos=pos)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))


def in_file_dialog(qtbot, name: str | None = None, button=None) -> None:
    """When a file dialog is up: type `name` (if any) in its file name field, then click `button` (a
    QDialogButtonBox.StandardButton; Save if None), as a user does; with no name, the one it proposes.
    A name in the folder it shows, as a user types one: a whole path typed fast raced the dialog, which
    put the selected file's bare name back in the field once it had read the folder, then resolved
    that name in its own folder (1 run in 8 imported nothing)."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

    def act(dialog: QFileDialog) -> None:
        if name is not None:
            field = dialog.findChild(QLineEdit, "fileNameEdit")
            field.selectAll()
            qtbot.keyClicks(field, name)
        which = QDialogButtonBox.StandardButton.Save if button is None else button
        click_when_enabled(qtbot, dialog.findChild(QDialogButtonBox, "buttonBox").button(which))

    when_modal(QFileDialog, act)


def when_modal(kind, act) -> None:
    """When a modal dialog of `kind` is up, act(dialog); it is rejected after 20 s so a failed step ends the test."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, poll)
            return
        QTimer.singleShot(20000, dialog.reject)
        act(dialog)

    QTimer.singleShot(0, poll)
