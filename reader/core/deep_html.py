"""Tags taken out of HTML without parsing it: for posts nested too deep for a parser, and what none can read."""

from __future__ import annotations

import html as html_lib
import re

# Nesting deeper than this is no article's: libxml2 drops what lies over 2,048 deep (a post nested
# 5,000 deep had no text at all) and html5ever (nh3) takes time that grows with the square of the depth
# (an unclosed "<pre>a" 64k characters long: 370 ms). Such a post's text is its tags taken out.
MAX_DEPTH = 512
_TAG_NAME = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*)")  # "<div/>" opens a div in HTML: no "/>" to look for
# Tags that do not nest: void ones, and those whose end tag may be left out (a <p> closes the one before).
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th tbody thead tfoot option optgroup colgroup caption rb rt rp".split()
)
_TAGS = re.compile(r"<[^<>]*>")  # "[^>]*" rescans to the end from every "<" of "<<<<"
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def collapse(text: str) -> str:
    """Zero-width characters out, white space collapsed, empty lines dropped."""
    for ch in _ZERO_WIDTH:
        if ch in text:  # str.translate would be 5x slower on CJK text
            text = text.replace(ch, "")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def too_deep(html: str) -> bool:
    """Whether tags in `html` nest over MAX_DEPTH deep; linear, and at once for a post of few tags."""
    if html.count("<") <= MAX_DEPTH:
        return False
    depth = 0
    for name in _TAG_NAME.findall(html):
        if name[0] == "/":
            depth = max(depth - 1, 0)
        elif name not in _FLAT_TAGS and name.lower() not in _FLAT_TAGS:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def tags_stripped(html: str) -> str:
    """The text of `html` with every tag taken out, each a line break: for what lxml cannot parse whole."""
    return collapse(html_lib.unescape(_TAGS.sub("\n", html)))
