"""CommonMark's emphasis flanking rules with the CJK-friendly amendment, as a markdown-it-py plugin.

CommonMark refuses `**文｜**龚菁琦` and `*注：*说明`: a closing run after punctuation must be
followed by whitespace or punctuation, which Chinese, Japanese and Korean text never has. The
amendment ("markdown-cjk-friendly" by Tatsunori Uchino, github.com/tats-u/markdown-cjk-friendly,
specification.md; its Unicode 17 ranges: cjk_chars) lets a CJK character on either side
stand in for that whitespace. Text without CJK characters or variation selectors is parsed
exactly as CommonMark says.

The amendment leaves `_` as it is; CommonMark takes an `_` between two letters for part of a word
(`snake_case`), so `添加_别名_。` kept its underscores. Here an `_` run between two CJK characters is
read as a `*` run: 22 lines of Obsidian's Chinese help were shown with literal underscores.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline

from .cjk_chars import is_cjk

# Quotation marks of East Asian Width A that U+FE01 turns into CJK fullwidth forms.
_AMBIGUOUS_QUOTES = "\u2018\u2019\u201c\u201d"


def _is_general_vs(ch: str) -> bool:
    """A non-emoji general-use variation selector (U+FE00-U+FE0E): it modifies the character before it."""
    return "\ufe00" <= ch <= "\ufe0e"


def _is_ideographic_vs(ch: str) -> bool:
    return "\U000e0100" <= ch <= "\U000e01ef"


def _is_punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


class CjkFriendlyStateInline(StateInline):
    """The inline state whose delimiter scan follows the CJK-friendly amendment (section 6.2)."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        src = self.src
        marker = src[start]
        last = src[start - 1] if start > 0 else " "  # the start of the line counts as whitespace
        last_base, before_last = last, None
        if _is_general_vs(last):
            # The character the selector modifies decides, unless it is a space (then it stays a VS).
            before_last = src[start - 2] if start > 1 else " "
            if unicodedata.category(before_last) != "Zs":
                last_base = before_last
        pos = start
        while pos < self.posMax and src[pos] == marker:
            pos += 1
        nxt = src[pos] if pos < self.posMax else " "  # so does the end of the line

        last_space, next_space = isWhiteSpace(ord(last_base)), isWhiteSpace(ord(nxt))
        if last_space or next_space:  # whitespace decides alone, as in CommonMark
            return Scanned(not next_space, not last_space, pos - start)
        last_punct, next_punct = _is_punct(last_base), _is_punct(nxt)
        # For "_" both amended definitions reduce to this, as does CommonMark's: CJK never matters...
        can_open, can_close = last_punct, next_punct
        # ...but between two CJK characters, where Chinese has no space to put, "_" is read as "*" is
        # (our addition: `添加_别名_。`), which `snake_case` never meets.
        if canSplitWord or (is_cjk(nxt) and _precedes_as_cjk(last, before_last)):
            cjk_beside = is_cjk(nxt) or _precedes_as_cjk(last, before_last)
            can_open = can_open or cjk_beside or not next_punct
            can_close = can_close or cjk_beside or not last_punct
        return Scanned(can_open, can_close, pos - start)


def _precedes_as_cjk(last: str, before_last: str | None) -> bool:
    """Whether what precedes a delimiter run is a CJK sequence (2bγ) or an ideographic VS (2bδ)."""
    if before_last is None:
        return is_cjk(last) or _is_ideographic_vs(last)
    # A CJK character with a variation selector, or a "CJK ambiguous punctuation sequence".
    return is_cjk(before_last) or (last == "\ufe01" and before_last in _AMBIGUOUS_QUOTES)


class _CjkFriendlyParserInline(ParserInline):
    """markdown-it-py builds its StateInline in parse() (JavaScript's markdown-it has md.inline.State
    for plugins to replace); this parser builds the CJK-friendly state instead."""

    def parse(self, src: str, md: MarkdownIt, env, tokens):  # type: ignore[override]
        state = CjkFriendlyStateInline(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """Plugin (`md.use(cjk_friendly_emphasis)`): emphasis, strong and strikethrough runs of this
    instance only are scanned by the CJK-friendly rules; its enabled rules are kept as they are."""
    parser = _CjkFriendlyParserInline()
    parser.ruler, parser.ruler2 = md.inline.ruler, md.inline.ruler2
    md.inline = parser
