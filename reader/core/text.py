"""Plain text of post HTML, for the search index and excerpts: fast enough for 100k posts."""

from __future__ import annotations

import html as html_lib
import re

import lxml.etree
import lxml.html

# Elements whose content is a line (or more) of its own in the text.
_BLOCK_TAGS = ("p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
               "pre", "table", "tr", "td", "th", "caption", "ul", "ol", "dl", "figure", "figcaption", "section",
               "article", "header", "footer", "nav", "aside", "main", "address", "center", "details",
               "summary", "form", "fieldset", "legend", "tbody", "thead", "tfoot", "title")
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math",
                   "textarea", "select")
# A newline in the source before each block tag gives the text its line breaks. Editing the source is
# 2-3x cheaper than setting .text/.tail on every block element of the parsed tree.
_BLOCK_START = re.compile(r"<(/?(?:%s)\b)" % "|".join(_BLOCK_TAGS), re.I)
_TAGS = re.compile(r"<[^<>]*>")  # "[^>]*" rescans to the end from every "<" of "<<<<"
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
# huge_tree: without it lxml silently drops a text node over 10 MB (a whole post shown in full).
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)


def _newline_before(m: re.Match) -> str:
    return "\n<" + m.group(1)  # a function: re's template expansion is twice as slow


def _collapse(text: str) -> str:
    for ch in _ZERO_WIDTH:
        if ch in text:  # str.translate would be 5x slower on CJK text
            text = text.replace(ch, "")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """Text of an HTML fragment: blocks on their own lines, whitespace collapsed, scripts and styles dropped."""
    if not html or not html.strip():
        return ""
    html = html.replace("\x00", "")
    try:
        root = lxml.etree.fromstring(_BLOCK_START.sub(_newline_before, html), _PARSER)
    except (lxml.etree.LxmlError, ValueError):
        root = None
    if root is None:  # nothing lxml could parse (or an encoding declaration it refuses in a str)
        return _collapse(html_lib.unescape(_TAGS.sub("\n", html)))
    for el in list(root.iter(_INVISIBLE_TAGS)):
        tail = el.tail
        el.clear()  # drops the content (and the tail, which is put back: it is visible text)
        el.tail = tail
    return _collapse(lxml.etree.tostring(root, method="text", encoding="unicode", with_tail=False))
