"""Plain text of post HTML, for the search index and excerpts: fast enough for 100k posts."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .deep_html import collapse, tags_stripped, too_deep

# Elements whose content is a line (or more) of its own in the text.
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "address",
    "center",
    "details",
    "summary",
    "form",
    "fieldset",
    "legend",
    "tbody",
    "thead",
    "tfoot",
    "title",
)
_INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "object",
    "svg",
    "math",
    "textarea",
    "select",
)
# A newline in the source before each block tag gives the text its line breaks. Editing the source is
# 2-3x cheaper than setting .text/.tail on every block element of the parsed tree.
_BLOCK_START = re.compile(r"<(/?(?:" + "|".join(_BLOCK_TAGS) + r")\b)", re.I)
# huge_tree: without it lxml silently drops a text node over 10 MB (a whole post shown in full).
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)


def _newline_before(m: re.Match) -> str:
    return "\n<" + m.group(1)  # a function: re's template expansion is twice as slow


def html_to_text(html: str) -> str:
    """Text of an HTML fragment: blocks on their own lines, whitespace collapsed, scripts and styles dropped."""
    if not html or not html.strip():
        return ""
    html = html.replace("\x00", "")
    if too_deep(html):
        return tags_stripped(html)
    try:
        root = lxml.etree.fromstring(_BLOCK_START.sub(_newline_before, html), _PARSER)
    except (lxml.etree.LxmlError, ValueError):
        root = None
    if root is None:  # nothing lxml could parse (or an encoding declaration it refuses in a str)
        return tags_stripped(html)
    for el in list(root.iter(_INVISIBLE_TAGS)):
        tail = el.tail
        el.clear()  # drops the content (and the tail, which is put back: it is visible text)
        el.tail = tail
    return collapse(lxml.etree.tostring(root, method="text", encoding="unicode", with_tail=False))
