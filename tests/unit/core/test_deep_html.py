"""Posts nested deeper than any article: found in linear time, shown and indexed as their text, nothing lost."""

from __future__ import annotations

from reader.core.deep_html import MAX_DEPTH, tags_stripped, too_deep
from reader.core.sanitize import sanitize_html
from reader.core.text import html_to_text


def test_depth_counts_only_tags_that_nest():
    assert not too_deep("<p>para" * 2000)  # a <p> closes the one before it
    assert not too_deep("<li>x" * 2000 + "<br>" * 2000)
    assert not too_deep("<div>x</div>" * 2000)  # many tags, none deep
    assert not too_deep("<div>" * MAX_DEPTH + "</div>" * MAX_DEPTH)
    assert too_deep("<div>" * (MAX_DEPTH + 1))
    assert too_deep("<DIV>" * (MAX_DEPTH + 1))
    assert too_deep("<pre>a" * (MAX_DEPTH + 1))


def test_a_post_nested_5000_deep_keeps_all_its_text():
    html = "<div>" * 5000 + "深处的字 &amp; more" + "</div>" * 5000 + "<p>after</p>"
    assert html_to_text(html) == "深处的字 & more\nafter"  # libxml2 alone gave "" (it drops what is over 2,048 deep)
    shown = sanitize_html(html)
    assert shown == "<p>深处的字 &amp; more</p><p>after</p>"


def test_a_deep_post_shown_as_text_can_carry_no_markup():
    html = "<div>" * 600 + '<script>alert(1)</script><img src="file:///etc/passwd" onerror="x()">' + "</div>" * 600
    shown = sanitize_html(html)
    assert "<script" not in shown and "<img" not in shown and "onerror" not in shown.split(">", 1)[0]
    assert shown.startswith("<p>") and "alert(1)" in tags_stripped(html)
