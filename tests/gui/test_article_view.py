"""The article view: link routing, image lock-down, highlighting, zoom, paging and the finews seed post."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextDocument

from reader.core.library import LinkTarget
from reader.core.types import Post, PostMeta
from reader.gui.article_html import prepare_body
from reader.gui.article_images import PLACEHOLDER_KEY
from reader.gui.article_view import ArticleView
from tests.corpus import CORPUS

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


# --- links ----------------------------------------------------------------------------------

def test_link_to_another_post_emits_post_requested(qtbot, view, library):
    view.set_library(library)
    view.show_post(make_post('<p>读 <a href="other.md">另一篇文章</a> 吧</p>'))
    with qtbot.waitSignal(view.postRequested) as blocker:
        click_text(qtbot, view, "另一篇文章")
    assert blocker.args == [7]


def test_labels_that_arrive_after_the_post_redraw_its_header(view, library):
    view.set_library(library)
    view.show_post(make_post("<p>正文</p>", categories=("zhongguojingjiwang",)))
    assert "zhongguojingjiwang" in view.toPlainText()  # no names yet: the key
    view.set_labels({"zhongguojingjiwang": "中国经济网"})
    text = view.toPlainText()
    assert "中国经济网" in text and "zhongguojingjiwang" not in text and "正文" in text


def test_header_links_name_category_and_tag_keys(qtbot, view, library):
    view.set_library(library)
    post = make_post("<p>正文</p>", categories=("zhongguojingjiwang",), tags=("中国经济网新闻", "a?b#c"))
    view.show_post(post, labels={"zhongguojingjiwang": "中国经济网"})
    text = view.toPlainText()
    assert "中国经济网" in text and "zhongguojingjiwang" not in text  # the label, not the key
    with qtbot.waitSignal(view.categoryRequested) as blocker:
        click_text(qtbot, view, "中国经济网")
    assert blocker.args == ["zhongguojingjiwang"]
    with qtbot.waitSignal(view.tagRequested) as blocker:
        click_text(qtbot, view, "中国经济网新闻")
    assert blocker.args == ["中国经济网新闻"]
    with qtbot.waitSignal(view.tagRequested) as blocker:
        click_text(qtbot, view, "a?b#c")
    assert blocker.args == ["a?b#c"]


def test_category_page_link_in_body(qtbot, view, library):
    view.set_library(library)
    view.show_post(make_post('<p><a href="/category/emnews.html">返回东财滚动新闻</a></p>'))
    with qtbot.waitSignal(view.categoryRequested) as blocker:
        click_text(qtbot, view, "返回东财滚动新闻")
    assert blocker.args == ["emnews"]


def test_external_link_goes_to_the_window(qtbot, view, library):
    view.set_library(library)
    view.show_post(make_post('<p><a href="https://example.org/新闻?id=1">原文链接</a></p>'))
    with qtbot.waitSignal(view.externalRequested) as blocker:
        click_text(qtbot, view, "原文链接")
    url = blocker.args[0]
    assert url.scheme() == "https" and url.host() == "example.org"


def test_source_url_is_shown_and_opens_outside(qtbot, view, library):
    view.set_library(library)
    view.show_post(make_post("<p>x</p>", source_url="http://finance.eastmoney.com/a/1.html"))
    assert "Source: http://finance.eastmoney.com/a/1.html" in view.toPlainText()
    with qtbot.waitSignal(view.externalRequested) as blocker:
        click_text(qtbot, view, "finance.eastmoney.com")
    assert blocker.args[0].toString() == "http://finance.eastmoney.com/a/1.html"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "file:///etc/passwd", "evil:x", "data:text/html,hi"])
def test_dangerous_links_are_refused(qtbot, view, library, href):
    view.set_library(library)
    view.show_post(make_post(f'<p><a href="{href}">危险链接</a></p>'))
    external = []
    view.externalRequested.connect(external.append)
    with qtbot.waitSignal(view.linkRefused) as blocker:
        click_text(qtbot, view, "危险链接")
    assert external == []
    assert "refused" in blocker.args[0].lower()


def test_relative_link_reaches_the_library_verbatim(qtbot, view):
    # Qt would resolve "../x.md" against the working directory; the core must see what the author wrote.
    seen = []

    class Recorder(FakeLibrary):
        def resolve_link(self, from_post, href):
            seen.append((from_post, href))
            return LinkTarget("missing", key=href)

    view.set_library(Recorder(Path("/nonexistent")))
    view.show_post(make_post('<p><a href="../旧文/x.md#第二节">旧文</a></p>', post_id=42))
    with qtbot.waitSignal(view.linkRefused) as blocker:
        click_text(qtbot, view, "旧文")
    assert seen == [(42, "../旧文/x.md#第二节")]
    assert "nothing in this library" in blocker.args[0]


def test_without_a_library_only_outside_links_work(qtbot, view):
    view.show_post(make_post('<p><a href="https://example.com/">外链</a> <a href="b.md">内链</a></p>'))
    with qtbot.waitSignal(view.externalRequested):
        click_text(qtbot, view, "外链")
    with qtbot.waitSignal(view.linkRefused):
        click_text(qtbot, view, "内链")


def test_anchor_link_scrolls_within_the_post(qtbot, view, library):
    view.set_library(library)
    filler = "".join(f"<p>第{i}段 " + "内容" * 40 + "</p>" for i in range(80))
    view.show_post(make_post(f'<p><a href="#end">跳到结尾</a></p>{filler}<p><a name="end"></a>结尾</p>'))
    assert view.verticalScrollBar().value() == 0
    click_text(qtbot, view, "跳到结尾")
    assert view.verticalScrollBar().value() > 0


def test_hover_reports_the_original_href(qtbot, view, library):
    view.set_library(library)
    view.show_post(make_post('<p><a href="other.md">另一篇</a></p>'))
    with qtbot.waitSignal(view.linkHovered) as blocker:
        qtbot.mouseMove(view.viewport(), link_pos(view, "另一篇"))
    assert blocker.args == ["other.md"]


# --- images and other resources ---------------------------------------------------------------

def test_local_image_inside_the_library_loads(view, library):
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(library.root / "posts" / "img" / "pic.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/pic.png" alt="图"></p>'))
    loaded = image_for(view, 0)
    assert (loaded.width(), loaded.height()) == (120, 80)
    assert loaded.text(PLACEHOLDER_KEY) == ""
    assert loaded.pixelColor(5, 5) == QColor("red")
    # And the document got it from us while laying out.
    view.document().size()
    assert library.resource_calls.count("posts/img/pic.png") >= 1


def test_wide_image_is_scaled_to_the_column(view, library):
    image = QImage(3000, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(library.root / "posts" / "img" / "wide.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/wide.png"></p>'))
    loaded = image_for(view, 0)
    column = view.viewport().width()
    assert loaded.deviceIndependentSize().width() <= column
    assert abs(loaded.width() / loaded.height() - 3.0) < 0.05


def test_images_refit_when_the_view_narrows(qtbot, view, library):
    image = QImage(1200, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(library.root / "posts" / "img" / "wide.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/wide.png"></p>'))
    view.document().size()
    wide = view.document().resource(IMAGE, QUrl("jbimg:0")).deviceIndependentSize().width()
    view.resize(400, 600)
    qtbot.waitUntil(lambda: view.document().resource(IMAGE, QUrl("jbimg:0")) is not None and view.document()
                    .resource(IMAGE, QUrl("jbimg:0")).deviceIndependentSize().width() < min(wide, 400))


def test_remote_image_is_a_placeholder_and_never_fetched(view, library):
    view.set_library(library)
    view.show_post(make_post('<p><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?x=1" '
                             'alt="K图 NIO_0" width="578" height="276"></p>'))
    placeholder = image_for(view, 0)
    assert placeholder.text(PLACEHOLDER_KEY) == "remote"
    assert placeholder.deviceIndependentSize().width() <= 578
    # What Qt holds for the image is our placeholder, not something it loaded itself.
    view.document().size()
    held = view.document().resource(IMAGE, QUrl("jbimg:0"))
    assert isinstance(held, QImage) and held.text(PLACEHOLDER_KEY) == "remote"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_showing_remote_images_never_loads_qt_network(tmp_path):
    # In a fresh process: if anything tried to fetch, QtNetwork would have to be loaded.
    script = tmp_path / "probe.py"
    script.write_text(
        "import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
        "from reader.core.types import Post, PostMeta\nfrom reader.gui.article_view import ArticleView\n"
        "v = ArticleView(); v.resize(700, 500); v.show()\n"
        "v.show_post(Post(1, PostMeta('a.md', 't', None, None), "
        "'<img src=\"https://example.com/a.png\"><img src=\"http://example.com/b.jpg\">', ''))\n"
        "v.document().size(); v.grab(); app.processEvents()\n"
        "print('NETWORK' if 'Qt6Network' in open('/proc/self/maps').read() else 'CLEAN')\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", result.stderr


@pytest.mark.parametrize(("src", "kind"), [
    ("file:///etc/passwd", "blocked"),
    ("../../../etc/passwd", "blocked"),
    ("data:image/png;base64,iVBORw0KGgo=", "blocked"),
    ("img/nothing-here.png", "missing"),
    ("wikilink:missing.png", "missing"),
])
def test_images_outside_or_missing_get_placeholders(view, library, src, kind):
    view.set_library(library)
    view.show_post(make_post(f'<p><img src="{src}" alt="x"></p>'))
    assert image_for(view, 0).text(PLACEHOLDER_KEY) == kind


def test_a_library_returning_a_path_outside_is_not_trusted(view, library, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    QImage(10, 10, QImage.Format.Format_RGB32).save(str(outside))

    class Leaky(FakeLibrary):
        def resolve_resource(self, from_post, src):
            return outside

    view.set_library(Leaky(library.root))
    view.show_post(make_post('<p><img src="a.png"></p>'))
    assert image_for(view, 0).text(PLACEHOLDER_KEY) == "missing"


def test_stylesheets_and_other_resources_load_nothing(view, tmp_path):
    css = tmp_path / "red.css"
    css.write_text("p { color: #ff0000 }")
    url = QUrl.fromLocalFile(str(css))
    # An empty string, not None: for None QTextDocument would read the file itself.
    assert view.loadResource(STYLESHEET, url) == ""
    view.show_post(make_post(f'<link rel="stylesheet" href="{url.toString()}"><style>p {{ color: red }}</style>'
                             "<p>正文段落</p>"))
    cursor = view.document().find("正文段落")
    assert cursor.charFormat().foreground().color() != QColor("#ff0000")
    assert "<style" not in prepare_body('<style>p{}</style><link rel="stylesheet" href="x">').html


def test_unknown_resource_names_are_blocked(view):
    assert view.loadResource(IMAGE, QUrl("file:///etc/passwd")).text(PLACEHOLDER_KEY) == "blocked"
    assert view.loadResource(IMAGE, QUrl("jbimg:99")).text(PLACEHOLDER_KEY) == "blocked"


# --- header, notices, messages --------------------------------------------------------------

def test_header_shows_title_date_draft_and_problem(view):
    view.show_post(make_post("<p>正文</p>", title="开站大吉", draft=True, error="line 3: bad date"))
    text = view.toPlainText()
    assert text.index("Problem reading this file: line 3: bad date") < text.index("开站大吉")
    assert "Draft" in text and "2022-01-21 15:01" in text
    assert view.document().begin().next().text() != ""  # something under the notice


def test_show_message_and_clear(view):
    view.show_post(make_post("<p>正文</p>"))
    view.show_message("File vanished", "posts/a.md was moved or deleted.")
    assert "File vanished" in view.toPlainText() and "正文" not in view.toPlainText()
    view.clear_post()
    assert view.toPlainText().strip() == ""


# --- finding, zoom, paging ----------------------------------------------------------------------

def test_highlight_counts_chinese_terms_and_find_next_cycles(view):
    view.show_post(make_post("<p>上合组织一。</p><p>又是上合组织。</p><p>还有上合组织</p>", title="无关"))
    assert view.highlight_terms(["上合组织"]) == 3
    assert len(view.extraSelections()) == 3
    starts = [view.find_next() and view.textCursor().position() for _ in range(3)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert view.find_next() and view.textCursor().position() == starts[0]  # wrapped around
    assert view.find_previous() and view.textCursor().position() == starts[2]
    assert view.highlight_terms([]) == 0 and not view.find_next()


def test_highlight_is_case_insensitive_and_merges_duplicates(view):
    view.show_post(make_post("<p>Rust and rust and RUST</p>", title="t"))
    assert view.highlight_terms(["rust", "Rust", " "]) == 3


def test_find_next_scrolls_to_a_hit_far_down(view):
    filler = "".join(f"<p>第{i}段 " + "内容" * 40 + "</p>" for i in range(120))
    view.show_post(make_post(filler + "<p>目标词语</p>"))
    assert view.highlight_terms(["目标词语"]) == 1
    assert view.find_next()
    rect = view.cursorRect()
    assert view.verticalScrollBar().value() > 0 and 0 <= rect.top() < view.viewport().height()


def test_zoom_changes_font_size_and_emits(qtbot, view):
    view.show_post(make_post("<p>正文</p>"))
    before = view.font_size()
    with qtbot.waitSignal(view.fontSizeChanged) as blocker:
        view.zoom_in()
    assert view.font_size() == blocker.args[0] == before + 1
    assert view.document().defaultFont().pointSizeF() == before + 1
    view.zoom_out()
    assert view.font_size() == before
    view.set_font_size(1000)
    assert view.font_size() == 48.0


def test_page_down_stops_at_the_bottom(view):
    view.show_post(make_post("".join(f"<p>第{i}段 " + "内容" * 60 + "</p>" for i in range(60))))
    pages = 0
    while view.page_down():
        pages += 1
        assert pages < 500
    bar = view.verticalScrollBar()
    assert pages > 2 and bar.value() == bar.maximum()
    assert view.scroll_fraction() == 1.0
    while view.page_up():
        pages -= 1
    assert bar.value() == 0 and not view.page_up()


def test_page_down_on_a_short_post_is_false(view):
    view.show_post(make_post("<p>短</p>"))
    assert not view.page_down()


def test_scroll_fraction_round_trip_right_after_show(view):
    view.show_post(make_post("".join(f"<p>第{i}段 " + "内容" * 60 + "</p>" for i in range(200))))
    view.set_scroll_fraction(0.5)
    assert abs(view.scroll_fraction() - 0.5) < 0.01


# --- typography ----------------------------------------------------------------------------

def test_column_is_centred_and_limited_in_width(view):
    view.resize(1600, 600)
    view.show_post(make_post("<p>正文</p>"))
    fmt = view.document().rootFrame().frameFormat()
    column = view.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    em = view.font_size() * view.logicalDpiY() / 72
    assert fmt.leftMargin() == fmt.rightMargin() > em
    assert column <= 40 * em


def test_line_height_and_code_blocks(view):
    view.show_post(make_post("<p>段落</p><pre><code>print(1)</code></pre>"))
    paragraph = view.document().find("段落").block().blockFormat()
    assert paragraph.lineHeight() == 135.0
    code = view.document().find("print(1)")
    # the code block sits in a one-cell table whose background is painted as one box
    cell = code.currentTable().cellAt(code)
    assert cell.format().background().style() != Qt.BrushStyle.NoBrush or \
        code.currentTable().format().background().style() != Qt.BrushStyle.NoBrush
    assert code.charFormat().fontFixedPitch() or code.charFormat().fontFamilies()


def test_palette_change_rerenders_in_dark_colours(view):
    view.show_post(make_post('<p>段落 <a href="https://example.com/">链接</a></p>'))
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#dddddd"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#6cb6ff"))
    view.setPalette(palette)
    assert view.document().find("链接").charFormat().foreground().color() == QColor("#6cb6ff")
    # Body text carries no colour of its own, so Qt paints it in the palette's (now light) Text colour.
    assert view.document().find("段落").charFormat().foreground().style() == Qt.BrushStyle.NoBrush
    image = view.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() - 5).lightness() < 60  # dark background


# --- real post -------------------------------------------------------------------------------

@pytest.mark.corpus
def test_finews_seed_post_shows_its_html(view):
    path = CORPUS / "finews" / "_posts" / "2022-01-21-NW202201212256817237.md"
    source = path.read_text(encoding="utf-8")
    body = source.split("---", 2)[2]
    title = "拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”"
    post = make_post(body, title=title, categories=("zhongguojingjiwang",), tags=("中国经济网新闻",),
                     path="_posts/" + path.name)
    view.show_post(post, labels={"zhongguojingjiwang": "中国经济网"})
    text = view.toPlainText()
    assert text.startswith(title)
    assert "从1月17日起，由商务部主办的“2022全国网上年货节”" in text
    expected = title.count("上合组织") + lxml.html.fragment_fromstring(body, create_parent="div").text_content().count(
        "上合组织")
    assert expected >= 3
    assert view.highlight_terms(["上合组织"]) == expected


# --- against the real Library ------------------------------------------------------------------

@pytest.fixture
def real_library(tmp_path):
    from reader.core.library import Library

    root = tmp_path / "库 lib"
    (root / "img").mkdir(parents=True)
    (root / "a.md").write_text(
        "---\ntitle: 文章甲\ndate: 2022-01-21 15:01:08 +0800\ncategories: [新闻]\ntags: [上合]\n---\n"
        "正文 [乙](b.md) ![图](img/pic.png) ![远程](https://example.com/x.png) [外链](https://example.org/) "
        "![逃逸](../../etc/x.png) <a href=\"javascript:alert(1)\">坏链接</a>\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: 文章乙\n---\n乙的正文\n", encoding="utf-8")
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    assert image.save(str(root / "img" / "pic.png"))
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    yield library
    library.close()


def test_real_library_links_and_images(qtbot, view, real_library):
    view.set_library(real_library)
    post = real_library.get_post(real_library.post_id("a.md"))
    view.show_post(post)
    with qtbot.waitSignal(view.postRequested) as blocker:
        click_text(qtbot, view, "乙")
    assert blocker.args == [real_library.post_id("b.md")]
    with qtbot.waitSignal(view.externalRequested) as blocker:
        click_text(qtbot, view, "外链")
    assert blocker.args[0] == QUrl("https://example.org/")
    with qtbot.waitSignal(view.categoryRequested) as blocker:
        click_text(qtbot, view, "新闻")
    assert blocker.args == ["新闻"]
    srcs = [ref.src for ref in prepare_body(post.html).images]
    images = {src: image_for(view, i) for i, src in enumerate(srcs)}
    local = images["img/pic.png"]
    assert (local.width(), local.height()) == (120, 80) and local.pixelColor(3, 3) == QColor("green")
    assert images["https://example.com/x.png"].text(PLACEHOLDER_KEY) == "remote"
    assert images["../../etc/x.png"].text(PLACEHOLDER_KEY) == "blocked"
    # The sanitiser drops the javascript: href; were one to slip through, the view still refuses it.
    assert "javascript" not in post.html
    unsanitised = Post(post.id, post.meta, '<p><a href="javascript:alert(1)">坏链接</a></p>', "")
    view.show_post(unsanitised)
    with qtbot.waitSignal(view.linkRefused) as blocker:
        click_text(qtbot, view, "坏链接")
    assert "javascript:alert(1)" in blocker.args[0]


@pytest.mark.corpus
def test_real_library_finews_post(view, tmp_path):
    from reader.core.library import Library

    library = Library(CORPUS / "finews", data_dir=tmp_path / "data")  # the index goes to tmp_path only
    try:
        library.refresh()
        view.set_library(library)
        post = library.get_post(library.post_id("_posts/2022-01-21-NW202201212256817237.md"))
        view.show_post(post)
        text = view.toPlainText()
        assert text.startswith("拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”")
        assert "（文章来源：中国经济网）" in text
        assert view.highlight_terms(["上合组织"]) == text.count("上合组织") >= 3
        for link_text in ("返回中国经济网新闻", "返回首页"):
            assert view.document().find(link_text).charFormat().isAnchor()
    finally:
        library.close()


def test_truncated_post_offers_the_whole_article(view, qtbot):
    post = make_post("<p>开头</p>")
    post = type(post)(**{**post.__dict__, "truncated": True})
    view.show_post(post)
    assert "Show the whole article" in view.toPlainText()
    with qtbot.waitSignal(view.fullPostRequested) as signal:
        view.anchorClicked.emit(QUrl("show-all:"))
    assert signal.args == [post.id]
