"""Highlights and notes: quotes anchored in an article's text as shown, found again after edits.

An anchor is the W3C Web Annotation TextQuoteSelector (the exact quote with up to CONTEXT characters
before and after it) plus a position hint (TextPositionSelector's start), all on the article's plain
text as the view shows it. Finding it again looks for the quote, in any Simplified/Traditional form and
with runs of white space taken as one; among several places the one whose context matches best wins,
then the one nearest the hint. A quote found nowhere is "detached": kept and listed, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .zh_fold import fold

CONTEXT = 32  # characters of prefix and suffix kept with a quote
MAX_QUOTE = 20_000  # characters: a highlight is a passage, not a whole book
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    """Where a highlight is: the quote, the text just before and after it, and where it started."""

    exact: str
    prefix: str
    suffix: str
    position: int


@dataclass(frozen=True)
class Highlight:
    """A highlighted quote of one post, with the reader's note (user data, kept in the reading state)."""

    id: str
    path: str  # the post's library-relative path
    anchor: Anchor
    note: str
    created: float
    changed: float  # when the note or the highlight last changed (an import keeps the newer)
    title: str = ""  # the post's title when it was made (the post may be gone since)
    detached: bool = False  # its quote was not found the last time the post was shown


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end] (its surrounding spaces left out); ValueError if nothing is selected."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise ValueError("nothing is selected")
    if end - start > MAX_QUOTE:
        raise ValueError(f"a highlight holds at most {MAX_QUOTE:,} characters")
    return Anchor(text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT], start)


class _Normalised:
    """A text folded (Traditional to Simplified, lower case where length keeps) and with each run of white
    space as one space; `starts[i]` is where character i came from in the original."""

    def __init__(self, text: str):
        chars: list[str] = []
        self.starts: list[int] = []
        for match in re.finditer(r"\s+|\S", text):
            chars.append(" " if match.group().isspace() else match.group())
            self.starts.append(match.start())
        self.starts.append(len(text))
        self.text = _fold("".join(chars))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) in the original text of normalised [start, end), which starts and ends with no space."""
        return self.starts[start], self.starts[end - 1] + 1


def _fold(text: str) -> str:
    lowered = text.lower()
    return fold(lowered if len(lowered) == len(text) else text)


def _squash(text: str) -> str:
    return _fold(_SPACE.sub(" ", text))


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where the anchor's quote is in `text` now, as (start, end); None when it is nowhere (detached)."""
    exact = _squash(anchor.exact).strip()
    if not exact:
        return None
    norm = _Normalised(text)
    prefix, suffix = _squash(anchor.prefix), _squash(anchor.suffix)
    hint = _normalised_hint(norm, anchor.position)
    best: tuple[int, int] | None = None
    best_score: tuple[int, int] = (-1, 0)
    at = norm.text.find(exact)
    while at >= 0:
        end = at + len(exact)
        context = (_common_tail(norm.text[max(0, at - len(prefix)):at], prefix)
                   + _common_head(norm.text[end:end + len(suffix)], suffix))
        score = (context, -abs(at - hint))
        if score > best_score:
            best, best_score = (at, end), score
        at = norm.text.find(exact, at + 1)
    return None if best is None else norm.span(*best)


def _normalised_hint(norm: _Normalised, position: int) -> int:
    """The normalised index of the original offset `position` (the first character at or after it)."""
    low, high = 0, len(norm.starts) - 1
    while low < high:
        mid = (low + high) // 2
        if norm.starts[mid] < position:
            low = mid + 1
        else:
            high = mid
    return low


def _common_tail(a: str, b: str) -> int:
    """How many characters a and b share at their ends (space-insensitive matching already applied)."""
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def anchor_all(text: str, highlights: Iterable[Highlight]) -> list[tuple[Highlight, tuple[int, int] | None]]:
    """Each highlight with where it is in `text` (None: detached)."""
    return [(h, locate(text, h.anchor)) for h in highlights]


def matches(highlight: Highlight, words: str) -> bool:
    """True when every word of `words` is in the quote, the note or the title (any case, Simplified or
    Traditional: 經濟 finds 经济)."""
    haystack = _squash(" ".join((highlight.anchor.exact, highlight.note, highlight.title)))
    return all(word in haystack for word in _squash(words).split())
