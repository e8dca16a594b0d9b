"""The article view: links, header, find highlighting, zoom, paging, the finews post (images: test_article_images)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import lxml.html
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette

from reader.core.library import LinkTarget
from reader.core.types import Post
from reader.gui.article_html import prepare_body
from reader.gui.article_images import PLACEHOLDER_KEY
from tests.corpus import CORPUS
from tests.gui.article_helpers import FakeLibrary, click_text, image_for, link_pos, make_post
from tests.gui.article_helpers import library as library  # the fixture, shared (`as`: a re-export, so not unused)
from tests.gui.article_helpers import view as view  # the fixture, shared

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


# --- header, notices, messages --------------------------------------------------------------


def test_header_shows_title_date_draft_and_problem(view):
    view.show_post(make_post("<p>正文</p>", title="开站大吉", draft=True, error="line 3: bad date"))
    text = view.toPlainText()
    assert text.index("Problem reading this file: line 3: bad date") < text.index("开站大吉")
    assert "Draft" in text and "2022-01-21 15:01" in text
    assert view.document().begin().next().text() != ""  # something under the notice


@pytest.mark.parametrize("body", ["", "\n  \n", "<p> </p><!-- more -->"])
def test_a_post_with_no_text_says_so(view, body):
    """hexo-beyond1993's 0679_24_Game.md is front matter alone: the pane showed a title over nothing."""
    view.show_post(make_post(body, title="0679 24 Game"))
    assert view.toPlainText().strip().split("\n")[-1] == "This post has no text."
    view.show_post(make_post(body, error="binary data"))  # the problem says why already
    assert "no text" not in view.toPlainText()
    for other in ("<p>正文</p>", '<p><img src="a.png"></p>'):  # text, or an image alone
        view.show_post(make_post(other))
        assert "no text" not in view.toPlainText()


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
    assert (
        cell.format().background().style() != Qt.BrushStyle.NoBrush
        or code.currentTable().format().background().style() != Qt.BrushStyle.NoBrush
    )
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
    post = make_post(
        body, title=title, categories=("zhongguojingjiwang",), tags=("中国经济网新闻",), path="_posts/" + path.name
    )
    view.show_post(post, labels={"zhongguojingjiwang": "中国经济网"})
    text = view.toPlainText()
    assert text.startswith(title)
    assert "从1月17日起，由商务部主办的“2022全国网上年货节”" in text
    expected = title.count("上合组织") + lxml.html.fragment_fromstring(body, create_parent="div").text_content().count(
        "上合组织"
    )
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
        '![逃逸](../../etc/x.png) <a href="javascript:alert(1)">坏链接</a>\n',
        encoding="utf-8",
    )
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


@pytest.mark.corpus
def test_a_finews_post_shows_its_source_link_once(qtbot, view, tmp_path):
    # Its body ends with the source as an autolink above the "back to" links: a "Source:" line under them
    # showed the same URL a second time, on screen and on paper.
    from reader.core.library import Library
    from reader.gui.print_pdf import load_printable

    library = Library(CORPUS / "finews", data_dir=tmp_path / "data")
    try:
        library.refresh()
        view.set_library(library)
        post_id = library.post_id("_posts/2022-01-21-NW202201212256817237.md")
        post = library.get_post(post_id)
        url = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201212256817237"
        assert post.meta.source_url == url
        view.show_post(post)
        text = view.toPlainText()
        assert text.count(url) == 1 and "Source:" not in text
        assert text.index(url) < text.index("返回中国经济网新闻")  # where the author put it
        with qtbot.waitSignal(view.externalRequested) as blocker:
            click_text(qtbot, view, "finews.zning.xyz")
        assert blocker.args[0].toString() == url
        assert load_printable(library, post_id).html.count(url) == 1
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
