"""render.render_for_text and render.html_head: the index's text of a body made without markdown-it
where it can be, always the same text as the view's rendering (render_body) gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import render
from reader.core.render import RenderContext, html_head, render_body, render_for_text
from reader.core.text import html_to_text
from reader.core.types import Site
from tests.corpus import CORPUS

CTX = RenderContext(Site("jekyll", Path("/lib"), Path("/lib"), url="https://example.com"), "_posts/2020-01-01-a.md")
MARKDOWN = render._parsers(True)[0]

# Lines that look like HTML blocks, Markdown a fast path must not miss, and the plain lines and links it takes.
LINES = [
    "<p>段落 *不是强调*</p>",
    " <p>缩进的段落</p>",
    "<div>",
    "</div>",
    "<P>大写</P>",
    "\t<p>制表符</p>",
    "    <p>代码块</p>",
    "<p>a|b</p>",
    "|---|---|",
    "<pre>",
    "</pre>",
    "<!-- 注释 -->",
    "<span>行内</span>",
    "<table><tr><td>1</td></tr></table>",
    "",
    "  ",
    "*强调*",
    "**粗体**",
    "`代码`",
    "# 标题",
    "---",
    "===",
    "- 列表",
    "1. 编号",
    "> 引用",
    "```",
    "&amp; &lt;",
    "\\*转义",
    "[返回](//a.example/b.html)",
    "<http://a.example/x.html>",
    "<http://a.example/%E4%B8%AD>",
    "<http://xn--fiq228c.example/>",
    "<HTTP://A.EXAMPLE/>",
    "![图](a.png)",
    '[链接](/a "标题")',
    "[ref]: /url",
    "[ref]",
    "普通文字｜更多",
    "2022年1月",
    "文字  ",
    "a_b_c",
    "~~删除~~",
    "[^1]",
    "[^1]: 脚注",
    "<https://a.example/?q=1&r=2>",
    # lines joined: Chinese without a space (one trailing space, a tab, Korean, English around them)
    "文字 ",
    "文字\t",
    "English words",
    "한국어 문장",
    "中文[链接](/a)",
]


def _text(html: str) -> str:
    return html_to_text(html)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_the_html_head_is_what_markdown_it_makes_of_it(lines):
    body = "\n".join(lines) + "\n"
    head, tail = html_head(body)
    assert head + (MARKDOWN.render(tail) if tail else "") == MARKDOWN.render(body)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_the_text_for_the_index_is_the_text_of_the_view(lines):
    body = "\n".join(lines) + "\n"
    assert _text(render_for_text(body, "markdown", CTX)) == _text(render_body(body, "markdown", CTX))


@pytest.mark.parametrize(
    "body",
    [
        "<p>第一段</p>\n <p>第二段</p>\n\n<http://a.example/n.html>\n\n[返回新闻](//a.example/c.html)｜[返回首页](//a.example/)\n",
        "只有文字的新闻。\n\n<http://a.example/n.html>\n",
        "<div>\n<p>块</p>\n</div>\n",
    ],
)
def test_news_bodies_take_the_fast_path(body, monkeypatch):
    expected = _text(render_body(body, "markdown", CTX))
    monkeypatch.setattr(render, "render_body", None)  # neither it nor markdown-it is called
    assert _text(render_for_text(body, "markdown", CTX)) == expected


@pytest.mark.parametrize(
    "body", ["<p>a</p>\n\n*强调*\n", "<p>{{ site.url }}</p>\n", "<p>a</p>\n\n<http://a/%41>\n", "<p>a</p>\n\n- 列表\n"]
)
def test_other_bodies_are_rendered(body, monkeypatch):
    calls = []
    real = render.render_body
    monkeypatch.setattr(render, "render_body", lambda *args: calls.append(args) or real(*args))
    assert _text(render_for_text(body, "markdown", CTX)) == _text(real(body, "markdown", CTX))
    assert len(calls) == 1


def test_a_change_of_the_indexed_text_comes_with_a_new_tokenizer_version():
    # An index keeps the text it was given: when the text of a body changes (version 5: lines of Chinese
    # joined without a line end, on the fast path and through markdown-it alike), cjk.TOKENIZER_VERSION
    # is bumped, so that an older index is filled again.
    from reader.core import cjk

    body = "第一行\n第二行\n\nEnglish\n中文 [链接](/a)\n文字\n"
    texts = {_text(render_for_text(body, "markdown", CTX)), _text(render_body(body, "markdown", CTX))}
    assert (cjk.TOKENIZER_VERSION, texts) == (5, {"第一行第二行\nEnglish\n中文 链接文字"})


def test_an_html_file_is_not_rendered():
    assert render_for_text("<p>a *b*</p>\n\nc\n", "html", CTX) == "<p>a *b*</p>\n\nc\n"


def test_a_failing_line_is_linear():
    body = "<p>a</p>\n\n" + "字" * 200_000 + "*\n"  # every place of the line read one way only
    assert _text(render_for_text(body, "markdown", CTX)).endswith("字*")


@pytest.mark.slow  # 40 s on a loaded machine: every corpus post rendered twice
@pytest.mark.corpus
def test_the_corpus_text_is_the_same_both_ways():
    from reader.core.pipeline import read_post
    from reader.core.scanner import scan
    from reader.core.site import detect_site

    checked = 0
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        site = detect_site(folder)
        for rel in sorted(scan(site).posts):
            parsed = read_post(site, rel)
            context = RenderContext(site, rel)
            assert _text(render_for_text(parsed.body, parsed.body_format, context)) == _text(
                render_body(parsed.body, parsed.body_format, context)
            ), rel
            checked += 1
    assert checked > 3000
