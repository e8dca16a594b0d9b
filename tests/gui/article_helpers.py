"""What the article view's tests share: a fake library with the view's two calls, posts, the view, clicks on links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from reader.core import LinkTarget, Post, PostMeta
from reader.gui.article_view import ArticleView

REPO = Path(__file__).resolve().parents[2]
IMAGE = QTextDocument.ResourceType.ImageResource.value
STYLESHEET = QTextDocument.ResourceType.StyleSheetResource.value


class FakeLibrary:
    """The two calls the view makes, with the contract's behaviour, over a folder in tmp_path."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.resource_calls: list[str] = []

    def resolve_link(self, from_post, href):
        if href.startswith("#"):
            return LinkTarget("anchor", key=href[1:])
        if href == "other.md":
            return LinkTarget("post", post_id=7)
        if href.startswith("/category/"):
            return LinkTarget("category", key=unquote(href.split("/")[2].removesuffix(".html")))
        if href.startswith(("http:", "https:", "mailto:")):
            return LinkTarget("external", url=href)
        if href.startswith("evil:"):  # a core bug handing back a dangerous "external" URL
            return LinkTarget("external", url="javascript:alert(1)")
        if ":" in href.split("/")[0]:
            return LinkTarget("refused", url=href)
        return LinkTarget("missing", key=href)

    def resolve_resource(self, from_post, src):
        self.resource_calls.append(src)
        if ":" in src.split("/")[0] or src.startswith("//"):
            return None
        path = (self.root / src.lstrip("/")).resolve()
        return path if path.is_file() and path.is_relative_to(self.root) else None


def make_post(html: str, *, post_id: int = 1, title: str = "标题", path: str = "posts/a.md", **meta) -> Post:
    meta.setdefault("date", "2022-01-21T15:01:08+08:00")
    return Post(post_id, PostMeta(path=path, title=title, sort_key=None, **meta), html, "")


@pytest.fixture
def view(qtbot):
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def library(tmp_path):
    (tmp_path / "posts" / "img").mkdir(parents=True)
    return FakeLibrary(tmp_path)


def link_pos(view: ArticleView, text: str) -> QPoint:
    """The viewport point in the middle of the first occurrence of `text`, which must be a link."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    view.ensureCursorVisible()
    cursor.setPosition(cursor.selectionStart() + len(text) // 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    pos = QPoint(rect.center().x() + 1, rect.center().y())
    assert view.anchorAt(pos), f"no link under {text!r}"
    return pos


def click_text(qtbot, view: ArticleView, text: str) -> None:
    """Click the link showing `text`, as a user would."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=link_pos(view, text))


def image_for(view: ArticleView, index: int) -> QImage:
    image = view.loadResource(IMAGE, QUrl(f"jbimg:{index}"))
    assert isinstance(image, QImage) and not image.isNull()
    return image
