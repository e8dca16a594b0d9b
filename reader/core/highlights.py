"""Highlights and notes: quotes anchored in an article's text as shown, found again after edits.

An anchor is the W3C Web Annotation TextQuoteSelector (the exact quote with up to CONTEXT characters
before and after it) plus a position hint (TextPositionSelector's start), all on the article's plain
text as the view shows it. Finding it again looks for the quote, in any Simplified/Traditional form, with
runs of white space taken as one and white space between two Chinese or Japanese characters as none (a
Markdown line end there showed as a space until 8e23cdf, as nothing since; as a line break in a vault or a
Hexo post since 2135955 and 4cc83f6); among several places the one whose context matches best wins, then
the one nearest the hint. A quote found nowhere is "detached": kept and listed, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .cjk_chars import JOINING
from .zh_fold import fold

CONTEXT = 32  # characters of prefix and suffix kept with a quote
MAX_QUOTE = 20_000  # characters: a highlight is a passage, not a whole book
_SPACE = re.compile(r"\s+")
_LONG_LOWER = "\u0130"  # İ: the one character whose lower case is longer than it (i̇), kept as it is
# White space that normalising changes: between two characters that join without it (taken out; not the ideographic
# space, white space that joins), else a run or one that is not " " (one space). `(?=\s)` first: 8 ms for 470k
# characters where the lookbehind first took 26.
_CHANGED = re.compile(rf"(?=\s)(?:(?P<join>(?<={JOINING})(?<!\s)\s+(?=(?!\s){JOINING}))|\s{{2,}}|[^\S ])")


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

    def matches(self, words: str) -> bool:
        """True when every word of `words` is in the quote, the note or the title (any case, Simplified or
        Traditional: 經濟 finds 经济)."""
        haystack = _squash(" ".join((self.anchor.exact, self.note, self.title)))
        return all(word in haystack for word in _squash(words).split())


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
    return Anchor(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start)


class _Normalised:
    """A text folded (Traditional to Simplified, lower case but İ) with the white space between two
    characters that join without it taken out (第一行第二行, 第一行 第二行 and 第一行\n第二行 read the same) and each
    other run of white space as one space, and the way back to the original's offsets: a piece per run of text
    and per run of space (`norm[k]` where piece k starts here, `orig[k]` there; a run taken out is a piece of
    none), so a 500 KB article costs a few thousand pieces."""

    def __init__(self, text: str):
        self.norm, self.orig, self.space = [0], [0], [False]
        parts = []
        length = done = 0
        for match in _CHANGED.finditer(text):  # a single " " between words stays as it is: no piece
            start, end = match.span()
            gap = "" if match.lastgroup else " "
            parts += [text[done:start], gap]
            length += start - done
            self.norm += [length, length + len(gap)]
            self.orig += [start, end]
            self.space += [True, False]
            length, done = length + len(gap), end
        parts.append(text[done:])
        self.text = _fold("".join(parts))

    def original(self, index: int) -> int:
        """Where normalised character `index` (not a space) is in the original text (after a run taken out, the
        character after it: the last piece that starts at or before `index` is the one that holds it)."""
        k = bisect_right(self.norm, index) - 1
        return self.orig[k] if self.space[k] else self.orig[k] + index - self.norm[k]

    def normalised(self, position: int) -> int:
        """About where the original offset `position` is in the normalised text."""
        k = max(0, bisect_right(self.orig, position) - 1)
        return self.norm[k] + (0 if self.space[k] else position - self.orig[k])


def _fold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # İ lowers to two characters: the rest around it still lowered, offsets kept
        lowered = _LONG_LOWER.join(part.lower() for part in text.split(_LONG_LOWER))
    return fold(lowered)


def _squash(text: str) -> str:
    return _fold(_SPACE.sub(" ", text))


def locate(text: str, anchor: Anchor, normalised: Callable[[], _Normalised] | None = None) -> tuple[int, int] | None:
    """Where the anchor's quote is in `text` now, as (start, end); None when it is nowhere (detached).

    The quote as written is looked for first (a few ms in a 500 KB article) and taken when its context is there
    whole too; only else is the text folded and its white space squashed (`normalised()` gives it: anchor_all
    makes it once for all quotes), so that a context changed since (a line joined: 8e23cdf) still tells two
    equal quotes apart, and a quote written once elsewhere is not taken for one shown across a line break."""
    if not anchor.exact.strip():
        return None
    found, whole = _best(text, anchor.exact, anchor.prefix, anchor.suffix, anchor.position)
    if whole:
        return found
    norm = normalised() if normalised is not None else _Normalised(text)
    exact, prefix, suffix = _normalised_anchor(anchor)
    spot = _best(norm.text, exact, prefix, suffix, norm.normalised(anchor.position))[0]
    return found if spot is None else (norm.original(spot[0]), norm.original(spot[1] - 1) + 1)


def _normalised_anchor(anchor: Anchor) -> tuple[str, str, str]:
    """The quote, prefix and suffix normalised as one text (a space between the prefix's last character and
    the quote's first goes as it goes in the article), the quote's white space at either end left out."""
    whole = _Normalised(anchor.prefix + anchor.exact + anchor.suffix)
    start = whole.normalised(len(anchor.prefix))
    end = whole.normalised(len(anchor.prefix) + len(anchor.exact))
    quote = whole.text[start:end]
    start += len(quote) - len(quote.lstrip())
    end = start + len(quote.strip())
    return whole.text[start:end], whole.text[:start], whole.text[end:]


def _best(text: str, exact: str, prefix: str, suffix: str, hint: int) -> tuple[tuple[int, int] | None, bool]:
    """The place of `exact` in `text` whose surroundings match prefix and suffix best, then nearest `hint`;
    and whether all its context is there."""
    best: tuple[int, int] | None = None
    best_score: tuple[int, int] = (-1, 0)
    at = text.find(exact)
    while at >= 0:
        end = at + len(exact)
        context = _common_tail(text[max(0, at - len(prefix)) : at], prefix) + _common_head(
            text[end : end + len(suffix)], suffix
        )
        score = (context, -abs(at - hint))
        if score > best_score:
            best, best_score = (at, end), score
        at = text.find(exact, at + 1)
    return best, best_score[0] == len(prefix) + len(suffix)


def _common_tail(a: str, b: str) -> int:
    """How many characters a and b share at their ends."""
    return _common_head(a[::-1], b[::-1])


def _common_head(a: str, b: str) -> int:
    """How many characters a and b share at their starts (by halving: slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def anchor_all(text: str, highlights: Iterable[Highlight]) -> list[tuple[Highlight, tuple[int, int] | None]]:
    """Each highlight with where it is in `text` (None: detached); the text is normalised once, if at all."""
    normalised: list[_Normalised] = []

    def once() -> _Normalised:
        if not normalised:
            normalised.append(_Normalised(text))
        return normalised[0]

    return [(h, locate(text, h.anchor, once)) for h in highlights]
