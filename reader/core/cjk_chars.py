"""CJK characters as the Markdown rules here see them, and lines of them joined without a space; no markdown-it
imported (the index's text of a plain news body is found without it: render.render_for_text).

"CJK character" is the definition of the CJK-friendly emphasis amendment (cjk_emphasis). A line end inside a
paragraph, which CommonMark joins as a space, joins two Chinese or Japanese characters without one (CSS Text 3's
segment break rule; Korean, which spaces its words, keeps it): cjk_line_joins, a markdown-it core rule. The
characters that join so are JOINING, a regular expression's class (highlights.py matches quotes across such
joins with it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

# "CJK character" (specification 2.1): East Asian Width W, F or H and not a default emoji
# presentation character, or Hangul script; inclusive code point ranges as of Unicode 17.
_CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5),
    (0x18CFF, 0x18D1E),
    (0x18D80, 0x18DF2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x3FFFD),
)
# Starts and exclusive ends in one sorted list: a code point is CJK when bisect lands it at an odd index.
_BOUNDS = tuple(b for start, end in _CJK_RANGES for b in (start, end + 1))


def is_cjk(ch: str) -> bool:
    """Whether one character is a "CJK character" of the specification."""
    cp = ord(ch)
    return cp >= 0x1100 and bisect_right(_BOUNDS, cp) % 2 == 1


# Hangul (Jamo, compatibility Jamo, extended A and B, syllables, halfwidth forms): CJK characters, but Korean
# puts spaces between its words.
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFFA0, 0xFFDC))


def _without(ranges: tuple[tuple[int, int], ...], holes: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The inclusive code point ranges of `ranges` less those of `holes`."""
    kept = list(ranges)
    for low, high in holes:
        kept = [
            piece
            for start, end in kept
            for piece in ((start, min(end, low - 1)), (max(start, high + 1), end))
            if piece[0] <= piece[1]
        ]
    return kept


# The characters that join without a space, as a regular expression's class: CJK characters that are not Hangul.
_JOINING_RANGES = _without(_CJK_RANGES, _HANGUL_RANGES)
JOINING = "[" + "".join(f"{chr(start)}-{chr(end)}" for start, end in _JOINING_RANGES) + "]"
_JOINING_PAIR = re.compile(JOINING * 2)
_LOWEST = chr(_JOINING_RANGES[0][0])  # below it no regular expression runs: a pair of Latin letters 0.2 µs, not 0.4


def joins_without_space(before: str, after: str) -> bool:
    """Whether two lines, the first ending in `before` and the next starting with `after` (one character
    each, or "" for none), are joined without a space: both characters CJK and neither Hangul (JOINING)."""
    return min(before, after) >= _LOWEST and _JOINING_PAIR.fullmatch(before + after) is not None


def cjk_line_joins(state: StateCore) -> None:
    """markdown-it core rule: a soft line break between two CJK characters is no space (`第一行\n第二行` reads
    第一行第二行: Qt, like most browsers, showed 第一行 第二行). Not when soft breaks are line breaks (`breaks`)."""
    if state.md.options.get("breaks"):
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children or "\n" not in block.content:
            continue
        children = block.children
        for at, token in enumerate(children):
            if token.type == "softbreak" and joins_without_space(_edge(children, at, -1), _edge(children, at, 1)):
                token.type, token.tag, token.content = "text", "", ""


def _edge(children: list[Token], at: int, step: int) -> str:
    """The character of text next to children[at] on one side (step -1 or 1), through the tags that
    open or close around text (emphasis, links); "" when something else comes first (an image, HTML)."""
    at += step
    while 0 <= at < len(children):
        token = children[at]
        if token.type in ("text", "code_inline"):
            if token.content:
                return token.content[-1] if step < 0 else token.content[0]
        elif token.nesting == 0:
            return ""
        at += step
    return ""
