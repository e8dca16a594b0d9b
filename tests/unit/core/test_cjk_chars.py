"""CJK characters and lines of them joined without a space (cjk_chars); which characters are CJK is
tested with the emphasis rule that defines them (test_cjk_emphasis)."""

import re
from pathlib import Path

import pytest

from reader.core.cjk_chars import _CJK_RANGES, _HANGUL_RANGES, JOINING, is_cjk, joins_without_space
from reader.core.render import RenderContext, render_body
from reader.core.types import Site
from tests.corpus import CORPUS


def _joined(source: str, kind: str = "jekyll") -> str:
    return render_body(source, "markdown", RenderContext(Site(kind, Path("/l"), Path("/l")), "a.md"))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("第一行\n第二行", "<p>第一行第二行</p>\n"),  # was 第一行 第二行: a space in the middle of Chinese
        ("日本語の\nテキスト", "<p>日本語のテキスト</p>\n"),
        ("句号。\n下一句", "<p>句号。下一句</p>\n"),
        ("*强调\n文字*", "<p><em>强调文字</em></p>\n"),
        ("[链接\n文字](/a)\n后文", '<p><a href="/a">链接文字</a>后文</p>\n'),
        ("`代码`\n中文", "<p><code>代码</code>中文</p>\n"),
        ("中文 \n 中文", "<p>中文中文</p>\n"),
        # a space where the lines were English, Korean or mixed; a hard break stays one
        ("English\n中文", "<p>English\n中文</p>\n"),
        ("中文，\nEnglish", "<p>中文，\nEnglish</p>\n"),
        ("한국어\n문장", "<p>한국어\n문장</p>\n"),
        ("中文  \n中文", "<p>中文<br />\n中文</p>\n"),
        ("中文\\\n中文", "<p>中文<br />\n中文</p>\n"),
        ("中文![图](a.png)\n中文", '<p>中文<img src="a.png" alt="图" />\n中文</p>\n'),
    ],
)
def test_lines_of_chinese_are_joined_without_a_space(source, expected):
    assert _joined(source) == expected


def test_where_lines_are_line_breaks_chinese_lines_stay_apart():
    assert _joined("第一行\n第二行", kind="obsidian") == "<p>第一行<br />\n第二行</p>\n"


@pytest.mark.parametrize(
    "before, after, joined",
    [
        ("文", "字", True),
        ("。", "字", True),
        ("ア", "字", True),
        ("문", "장", False),
        ("文", "a", False),
        ("", "字", False),
    ],
)
def test_which_characters_join_without_a_space(before, after, joined):
    assert joins_without_space(before, after) is joined


def test_the_joining_class_is_the_cjk_characters_less_hangul():
    # JOINING, the class the joins and the highlights' matching read (core/highlights.py), made by taking ranges
    # from ranges, against the definition in words: every code point of the BMP, those around each range's ends.
    ends = {cp + d for start, end in _CJK_RANGES for cp in (start, end) for d in (-1, 0, 1)}
    joining = re.compile(JOINING)
    for cp in sorted(set(range(0x10000)) | ends):
        ch = chr(cp)
        expected = is_cjk(ch) and not any(start <= cp <= end for start, end in _HANGUL_RANGES)
        assert (joining.fullmatch(ch) is not None) is expected, hex(cp)
        assert joins_without_space(ch, "字") is expected and joins_without_space("字", ch) is expected, hex(cp)


@pytest.mark.corpus
def test_a_jekyll_posts_wrapped_chinese_lines_read_as_one_sentence():
    folder = CORPUS / "derived-encodings" / "utf-8-sig"  # ruby-lang.org's zh_tw news, written a sentence a line
    name = "2016-04-26-ruby-2-2-5-released.md"
    text = (folder / name).read_text(encoding="utf-8-sig")
    html = render_body(text.split("---", 2)[2], "markdown", RenderContext(Site("jekyll", folder, folder), name))
    assert "<p>本次發行版包含了許多錯誤修正。請參考 <a href=" in html


def test_a_phrase_across_a_wrapped_line_of_chinese_is_found_and_its_snippet_reads_on(tmp_path):
    from reader.core.library import Library

    posts = tmp_path / "博客" / "_posts"
    posts.mkdir(parents=True)
    (posts.parent / "_config.yml").write_text("title: 博客\n", encoding="utf-8")
    (posts / "2016-04-26-release.md").write_text(
        "---\ntitle: 发布说明\n---\n本次发行版包含了许多错误\n修正。请参考更新日志。\n", encoding="utf-8"
    )
    library = Library(posts.parent, data_dir=tmp_path / "data")
    try:
        library.refresh()
        results = library.search('"错误修正"', snippets=1)
        assert [hit.post.title for hit in results] == ["发布说明"] and results.complete
        assert "许多错误修正。" in results[0].snippet.text
    finally:
        library.close()
