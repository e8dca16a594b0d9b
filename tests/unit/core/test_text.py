"""Plain text of post HTML for search and excerpts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.render import RenderContext, render_body
from reader.core.text import html_to_text
from reader.core.types import Site
from tests.corpus import CORPUS


def test_blocks_are_separated_by_newlines():
    html = "<h1>标题</h1><p>第一段</p><p>第二段</p><ul><li>一</li><li>二</li></ul>尾<br>行<div>块</div>"
    assert html_to_text(html) == "标题\n第一段\n第二段\n一\n二\n尾\n行\n块"


def test_inline_elements_do_not_break_words():
    assert html_to_text("<p>上合<strong>组织</strong>五国<a href='x'>外交官</a></p>") == "上合组织五国外交官"


def test_whitespace_is_collapsed():
    assert html_to_text("<p>  a \t  b\n\n\n c  </p>\n\n<p>\u3000d&nbsp;&nbsp;e</p>") == "a b\nc\nd e"


def test_scripts_styles_and_comments_are_dropped_but_text_after_them_stays():
    html = "<p>a<script>var x = '<p>no</p>';</script>b</p><style>p { color: red }</style><!-- gone -->c"
    assert html_to_text(html) == "ab\nc"


def test_entities_are_decoded():
    assert html_to_text("<p>&lt;tag&gt; &amp; &quot;q&quot; &#20013;&#x6587; &copy;</p>") == '<tag> & "q" 中文 ©'


def test_zero_width_characters_are_removed():
    assert html_to_text("<p>上\u200b合\ufeff组织</p>") == "上合组织"


def test_uppercase_tags_are_blocks_too():
    assert html_to_text("<P>a</P><DIV>b</DIV>") == "a\nb"


def test_tables_give_a_line_per_cell():
    assert html_to_text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>") == "1\n2\n3"


@pytest.mark.parametrize(
    "html, text",
    [
        ("", ""),
        ("   ", ""),
        ("plain", "plain"),
        ("<", "<"),
        ("&lt;p&gt;", "<p>"),
        ("<?xml version='1.0' encoding='utf-8'?><p>x</p>", "x"),
        ("a\x00b", "ab"),
    ],
)
def test_odd_inputs(html, text):
    assert html_to_text(html) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_is_collapsed(html):
    text = html_to_text(html)
    assert "\n\n" not in text and text == text.strip()


@pytest.mark.corpus
def test_finews_seed_text():
    path = CORPUS / "finews" / "_posts" / "2022-01-21-NW202201212256817237.md"
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    site = Site("jekyll", CORPUS / "finews", CORPUS / "finews", url="https://finews.withounder.com")
    text = html_to_text(render_body(body, "markdown", RenderContext(site, "_posts/" + path.name)))
    assert text.startswith("从1月17日起，由商务部主办的“2022全国网上年货节”上合组织国家特色商品电商直播")
    assert "上合组织" in text and "<p>" not in text
    assert "（文章来源：中国经济网）" in text.split("\n")
    assert text.endswith("返回中国经济网新闻｜返回首页")
