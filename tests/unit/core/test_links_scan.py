"""Tests for reader.core.links_scan: the two linear scanners find the Markdown links and HTML anchors the
regular expressions in the module's docstring found, in order, without their rescans."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.links_scan import MAX_LINK_TEXT, html_anchors, markdown_links

# The patterns the scanners replace (quadratic on floods): the reference for what they find.
MD_LINK = re.compile(r"\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\s*\)")
# The anchor's first href is its href, and a quoted value that closes is its value: the atomic
# groups keep the regex from backtracking into a second href or a bare reading of a closed quote
# ('<a href=">"</a>' is not an anchor with the href '"').
A_LINK = re.compile(
    r"<[aA]\s(?>[^>]*?[hH][rR][eE][fF]\s*=\s*)(?>(\"[^\"]*\"|'[^']*'|[^\s>]+))[^>]*>"
    r"([^<]*(?:<(?!/[aA]\b)[^<]*)*)</[aA]\s*>"
)


def reference_markdown(body: str) -> list:
    return [
        (m.start(), m[2], m[1], False)
        for m in MD_LINK.finditer(body)
        if not (m.start() > 0 and body[m.start() - 1] == "!")
    ]


def reference_anchors(body: str) -> list:
    out = []
    for m in A_LINK.finditer(body):
        value = m[1]
        href = value[1:-1] if value[:1] in "\"'" and len(value) >= 2 and value[-1] == value[0] else value
        out.append((m.start(), href, m[2], True))
    return out


def test_markdown_links_with_titles_angles_and_chinese_text():
    body = (
        '见[第一篇](/a.md) and [two](<b.md>) [三]( /c.md "标题" ) [four](d.md (t)) [five](g h.md)\n'
        '![image](x.png) [broken](e.md "title\nacross lines") [ok](f.md)'
    )
    found = markdown_links(body, 100)
    assert [(href, text) for _, href, text, _ in found] == [
        ("/a.md", "第一篇"),
        ("b.md", "two"),
        ("/c.md", "三"),
        ("d.md", "four"),
        ("f.md", "ok"),
    ]
    assert [at for at, _, _, _ in found] == [body.index(f"[{text}]") for _, _, text, _ in found]


def test_images_are_not_links_and_the_limit_holds():
    body = "![a](1.png) " + " ".join(f"[{i}](/{i})" for i in range(10))
    found = markdown_links(body, 3)
    assert [href for _, href, _, _ in found] == ["/0", "/1", "/2"]


def test_link_text_longer_than_the_cap_is_not_a_link():
    assert markdown_links("[" + "字" * MAX_LINK_TEXT + "](/ok)", 10) == [(0, "/ok", "字" * MAX_LINK_TEXT, False)]
    assert markdown_links("[" + "字" * (MAX_LINK_TEXT + 1) + "](/no)", 10) == []


def test_html_anchors_in_every_quoting():
    body = (
        "<p><a href=\"/one\">第一</a> <A class=x HREF='/two'>Two <b>bold</b></A> "
        '<a href=/three title=t>three</a > <a name=x>no href</a> <a href="/four">unclosed'
    )
    assert [(href, text) for _, href, text, _ in html_anchors(body, 100)] == [
        ("/one", "第一"),
        ("/two", "Two <b>bold</b>"),
        ("/three", "three"),
    ]


def test_an_href_after_the_tags_end_is_not_the_anchors():
    assert html_anchors('<a name="x">text</a> href="/not" </a>', 10) == []


def test_a_closed_quote_is_the_value_and_the_first_href_the_href():
    """Not what a backtracking regex would make of them: the href '"' and the text '"', or the second href."""
    assert html_anchors('<a href=">"</a>', 10) == []
    assert html_anchors('<a href=x href="></a b>">t</a>', 10) == []
    assert html_anchors('<a href="unclosed>t</a>', 10) == [(0, '"unclosed', "t", True)]


@pytest.mark.parametrize("unit", ["[a](", "[a](b ", '[a](b "', "<a href=", '<a href="x">', "[" + "x" * 299])
def test_floods_take_linear_time(unit):
    body = unit * (120_000 // len(unit))
    began = time.process_time()
    markdown_links(body, 10_000)
    html_anchors(body, 10_000)
    assert time.process_time() - began < 3  # the regular expressions took 18 s on 8,000 "[a]("


PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        " ",
        "\n",
        '"',
        "'",
        "a",
        "字",
        "/x.md",
        "](",
        "<a ",
        "<A\t",
        "href=",
        "HREF = ",
        "</a>",
        "</A >",
        "</ab>",
        "title",
        "<b>",
        "x" * 100,
        "字" * 99,
    ]
)  # long runs: link texts at and over MAX_LINK_TEXT


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_scanners_find_what_the_patterns_found(body):
    assert markdown_links(body, 10_000) == reference_markdown(body)
    assert html_anchors(body, 10_000) == reference_anchors(body)
