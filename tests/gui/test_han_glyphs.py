"""Han glyph shapes follow the post's language: the page's CSS font lists and the fonts Qt really uses."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo, QTextCursor

from reader.core.types import Post, PostMeta
from reader.gui.article_html import (
    CJK_FONT_FAMILIES,
    HAN_FONT_FAMILIES,
    Colors,
    PreparedBody,
    build_page,
    han_glyphs,
    stylesheet,
)
from reader.gui.article_view import ArticleView

COLORS = Colors(*["#000000"] * 11)


def post(language: str | None) -> Post:
    return Post(1, PostMeta(path="a.md", title="骨直令", date=None, sort_key=None, language=language), "", "")


@pytest.mark.parametrize(
    "language, glyphs",
    [
        ("zh-TW", "tc"),
        ("zh-Hant", "tc"),
        ("zh_tw", "tc"),
        ("zh-Hant-TW", "tc"),
        ("yue", "tc"),
        ("zh-HK", "hk"),
        ("zh-Hant-HK", "hk"),
        ("zh-MO", "hk"),
        ("ja", "jp"),
        ("ja-JP", "jp"),
        ("ko", "kr"),
        ("ko-KR", "kr"),
        ("zh-CN", "sc"),
        ("zh", "sc"),
        ("zh-Hans", "sc"),
        ("zh-Hans-HK", "sc"),
        ("en", "sc"),
        (None, "sc"),
        ("中文", "sc"),
    ],
)
def test_each_language_gets_its_glyph_shapes(language, glyphs):
    assert han_glyphs(language) == glyphs


def test_the_page_is_wrapped_in_its_glyph_class_and_the_css_lists_fonts_with_fallbacks():
    page = build_page(post("zh-TW"), PreparedBody('<div class="body"><p>骨</p></div>', (), ()))
    assert page.startswith('<div class="han-tc">') and page.endswith("</div>")
    css = stylesheet(COLORS, ("monospace",))
    tc = next(line for line in css.splitlines() if line.startswith("div.han-tc"))
    assert tc.startswith("div.han-tc { font-family: 'Noto Sans CJK TC', ")
    assert tc.endswith(
        "'Noto Sans CJK SC', 'Noto Serif CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; }"
    )  # a missing TC font falls back to what was there
    for name, families in HAN_FONT_FAMILIES.items():
        assert f"div.han-{name} {{" in css and families[-len(CJK_FONT_FAMILIES) :] == CJK_FONT_FAMILIES


@pytest.mark.parametrize(
    "language, family",
    [
        ("zh-TW", "Noto Sans CJK TC"),
        ("ja", "Noto Sans CJK JP"),
        ("zh-CN", "Noto Sans CJK SC"),
        (None, "Noto Sans CJK SC"),
        ("zh-HK", "Noto Sans CJK HK"),
    ],
)
def test_the_view_draws_the_title_and_body_in_the_languages_font(qtbot, language, family):
    if family not in QFontDatabase.families():
        pytest.skip(f"{family} is not installed (Debian: fonts-noto-cjk)")
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_post(
        Post(1, PostMeta(path="a.md", title="骨直令", date=None, sort_key=None, language=language), "<p>正文骨</p>", "")
    )
    doc = view.document()
    for text in ("骨直令", "正文骨"):
        cursor = doc.find(text)
        assert not cursor.isNull()
        cursor.setPosition(cursor.selectionStart() + 1, QTextCursor.MoveMode.MoveAnchor)
        assert QFontInfo(cursor.charFormat().font()).family() == family
