"""Markdown links and HTML anchors in a post body, found by two linear scanners (see scanning.py).

They accept what these patterns did, without their rescans (18 s on a line of 8,000 "[a]("):
  [text](href "title")  \\[([^\\]\\n]{0,300})\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+["'(][^)\\n]*)?\\s*\\)
  <a href=...>text</a>  <[aA]\\s(?>[^>]*?href\\s*=\\s*)(?>("[^"]*"|'[^']*'|[^\\s>]+))[^>]*>(text without </a)</[aA]\\s*>
The atomic groups (?>...): an anchor's first href is its href, and a quoted value that closes is its
value (an unclosed quote is read as a bare value); a backtracking match would retry both.
"""

from __future__ import annotations

import re

from .scanning import NextMatch

MAX_LINK_TEXT = 300  # characters between "[" and "]"
_SPACE = re.compile(r"\s*")
_HREF_END = re.compile(r"[)\s>]")
_CLOSE = re.compile(r"\)")
_NEWLINE = re.compile(r"\n")

# The plain link's target, "](href)", read in one match where a link is plain: `href` and `tail` (and
# their memoised searches) are made only for the first link that is not (the fast path's match is
# bounded, and given up for the rest of the body once it fails, so a flood stays linear).
_PLAIN_TARGET = re.compile(r"[^)\s<>][^)\s>]{0,1023}\)")

_A_OPEN = re.compile(r"<[aA]\s")
# Searched with a pattern, not str.find or `in`: on a 7 KB Chinese body (two bytes a character)
# a pattern's first-character scan took 0.5 us where str.find("](") took 1.6.
_LINK_MIDDLE = re.compile(r"\]\(")
ANCHOR_START = re.compile(r"<[aA]")  # 0.8 us, against 3.1 for `"<a" in body or "<A" in body`
_HREF_ATTR = re.compile(r"[hH][rR][eE][fF]\s*=\s*")
_BARE_END = re.compile(r"[\s>]")
_A_CLOSE = re.compile(r"</[aA]\b")

# One found link: (position, href, text, text is HTML).
Found = tuple[int, str, str, bool]


class _Markdown:
    """The state of one scan for Markdown links: memoised searches for what ends each part."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.href_end = NextMatch(_HREF_END, body)
        self.close = NextMatch(_CLOSE, body)
        self.newline = NextMatch(_NEWLINE, body)
        self.tails: dict[int, int] = {}
        self.after_space: tuple[int, int] = (-1, -1)

    def space_end(self, pos: int) -> int:
        if self.after_space[0] != pos:  # links that share a title end share the space after it
            self.after_space = (pos, _SPACE.match(self.body, pos).end())
        return self.after_space[1]

    def tail(self, pos: int) -> int:
        """After the href: `(?:\\s+["'(][^)\\n]*)?\\s*\\)`; the end of the link, or -1."""
        if pos not in self.tails:
            self.tails[pos] = self._tail(pos)
        return self.tails[pos]

    def _tail(self, pos: int) -> int:
        body = self.body
        after = self.space_end(pos)
        if after < len(body) and body[after] == ")":
            return after + 1
        if after == pos or after >= len(body) or body[after] not in "\"'(":
            return -1
        close, newline = self.close.start(after + 1), self.newline.start(after + 1)
        if close < 0:
            return -1
        if newline < 0 or close < newline:
            return close + 1
        end = self.space_end(newline)  # the title stopped at a line end: only space, then ")"
        return end + 1 if end < len(body) and body[end] == ")" else -1

    def href(self, pos: int) -> tuple[int, int, int] | None:
        """`\\s*<?([^)\\s>]+)>?` at pos: (href start, href end, where the part ends), or None.

        Indexes, not the text: slicing a long href for every "[a](" of a flood would be quadratic.
        """
        body = self.body
        pos = _SPACE.match(body, pos).end()
        if pos < len(body) and body[pos] == "<":
            pos += 1
        end = self.href_end.start(pos)
        end = len(body) if end < 0 else end
        if end == pos:
            if not body.startswith("<", pos - 1):
                return None
            pos -= 1  # "](<)": the "<" is the href itself
        return pos, end, end + 1 if end < len(body) and body[end] == ">" else end


def markdown_links(body: str, limit: int) -> list[Found]:
    """`[text](href)` links in order (not images `![alt](src)`), at most `limit`."""
    found: list[Found] = []
    middle = _LINK_MIDDLE.search(body)
    if middle is None:
        return found
    scan: _Markdown | None = None  # made at the first link that is not plain
    floor = 0  # no link starts before the end of the last one (or of the last "](")
    at = middle.start()
    while at >= 0 and len(found) < limit:
        low = max(floor, at - MAX_LINK_TEXT - 1)  # the "[" of a text of MAX_LINK_TEXT characters
        low = max(low, body.rfind("]", low, at) + 1, body.rfind("\n", low, at) + 1)
        start = body.find("[", low, at)
        floor = at + 1
        target: tuple[int, int, int] | None = None
        end = -1
        if start >= 0 and scan is None and (plain := _PLAIN_TARGET.match(body, at + 2)):
            target, end = (at + 2, plain.end() - 1, 0), plain.end()
        elif start >= 0:
            scan = scan or _Markdown(body)
            target = scan.href(at + 2)
            end = scan.tail(target[2]) if target else -1
        if target and end >= 0:
            floor = end
            if not (start > 0 and body[start - 1] == "!"):
                found.append((start, body[target[0] : target[1]], body[start + 1 : at], False))
        middle = _LINK_MIDDLE.search(body, floor)
        at = middle.start() if middle else -1
    return found


def html_anchors(body: str, limit: int) -> list[Found]:
    """`<a href=...>text</a>` anchors in order, at most `limit`; their text still holds its tags."""
    found: list[Found] = []
    opening, attr = NextMatch(_A_OPEN, body), NextMatch(_HREF_ATTR, body)
    # Two searches for ">": one asked from each "<a", one from each href value's end, so that each
    # is asked from positions that only grow and never rescans.
    first_gt, tag_end = NextMatch(re.compile(">"), body), NextMatch(re.compile(">"), body)
    closing = NextMatch(_A_CLOSE, body)
    quotes = {q: NextMatch(re.compile(q), body) for q in "\"'"}
    bare_end = NextMatch(_BARE_END, body)
    closed_at: dict[int, int] = {}  # "</a" position -> where its "\s*" ends (shared by failed starts)
    pos = 0
    while len(found) < limit and (start := opening.start(pos)) >= 0:
        pos = start + 1
        gt, href_at = first_gt.start(start), attr.at_or_after(start)
        if gt < 0 or href_at is None or href_at.start() > gt:
            continue  # "[^>]*?href": the attribute must come before the tag's first ">"
        value_at = href_at.end()
        quoted = body[value_at] in quotes if value_at < len(body) else False
        value_end = quotes[body[value_at]].start(value_at + 1) if quoted else -1
        if value_end >= 0:
            href, after = (value_at + 1, value_end), value_end + 1
        else:  # unquoted, or an opening quote never closed: read as a bare value
            after = bare_end.start(value_at)
            after = len(body) if after < 0 else after
            if after == value_at:
                continue
            href = (value_at, after)
        text_at = tag_end.start(after) + 1
        end = closing.start(text_at) if text_at > 0 else -1
        if end < 0:
            continue
        if end not in closed_at:
            closed_at[end] = _SPACE.match(body, end + 3).end()
        close_end = closed_at[end]
        if close_end >= len(body) or body[close_end] != ">":
            continue
        found.append((start, body[href[0] : href[1]], body[text_at:end], True))
        pos = close_end + 1
    return found
