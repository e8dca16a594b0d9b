"""CJK-aware tokenisation: Chinese, Japanese and Korean runs become overlapping bigrams for the full-text index.

A word tokenizer (Tantivy's `simple`, like SQLite's `unicode61` before it) treats a run of Han
characters as one long "word", so it cannot find a substring of it; Tantivy's own `ngram`
tokenizer gives every gram position 0, so it cannot match phrases. We rewrite the text before
it reaches the index: every run of CJK characters becomes its overlapping bigrams plus the run's
last character alone (`新能源汽车` -> `新能 能源 源汽 汽车 车`); every other character is left for the
word tokenizer.

Every occurrence of a CJK character then starts exactly one token, so:
  - a 1-character query could be the prefix query `X*` (a bigram starting with X, or a
    run's last character); inside a longer term (`ET7新`) it is;
  - a query run of 2+ characters is the phrase of its bigrams, and since positions are kept,
    the phrase matches exactly that substring. The trailing unigram sits between
    two runs, so a phrase can never straddle a punctuation mark or a Latin word.
A second field holds each post's distinct CJK characters (no positions), which answers a
lone 1-character query from one small posting list instead of every bigram it starts. Both sides
pass through normalise(): NFKC, so full-width Latin letters and digits
(ＡＢＣ１２３) match ASCII, then the fold of Traditional characters to Simplified (zh_fold), so 经济
finds 經濟. Neither changes the length of Chinese text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from operator import add

from . import zh_fold

# Bump when the indexed form of text changes: a stored index made by another version is
# emptied and re-filled (store_text.clear_text: a new Tantivy generation).
# 2: Traditional and Simplified folded to one form (zh_fold).
TOKENIZER_VERSION = 2

# Han (with extensions and compatibility ideographs), the iteration marks 々〆〇, kana and the
# prolonged sound mark, and Hangul. CJK punctuation (、。「」 etc.) is deliberately excluded:
# it separates runs.
_CJK_CLASS = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3041-\u3096\u309d-\u309f"  # hiragana
    "\u30a1-\u30fa\u30fc-\u30ff"  # katakana and ー
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3"  # hangul jamo and syllables
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK unified + ext A + compatibility
    "\U00020000-\U0003134f"  # ext B and beyond
)
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_CJK_SPLIT = re.compile(f"([{_CJK_CLASS}]+)")  # split() puts the runs at the odd places
# Characters NFKC leaves as they are and that never join a neighbour: ASCII, CJK unified ideographs,
# CJK brackets and marks. Anything else is normalised with the character before it (nfkc).
_STABLE = "\t\n\r -~\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f"
_UNSTABLE = re.compile(f".?[^{_STABLE}]+", re.DOTALL)
_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
# What unicode61 keeps as token characters: letters and numbers (no underscore).
_WORD = re.compile(r"[^\W_]+")


def is_cjk(ch: str) -> bool:
    """True if `ch` (one character) is part of a CJK run."""
    return _CJK_CHAR.fullmatch(ch) is not None


def nfkc(text: str) -> str:
    """NFKC form, normalising only the stretches that need it: each run of characters outside
    _STABLE, with the character before it (which a combining mark may join). The same text as
    unicodedata.normalize (tests/unit/core/test_cjk.py checks it on random text), in 0.06 ms of CPU
    for a 4 KB Chinese post instead of 0.17: its full-width ，：（） make it never normalised as a whole."""
    return _UNSTABLE.sub(_nfkc_match, text)


def _nfkc_match(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalise(text: str) -> str:
    """The form both the index and the queries are in: NFKC, then zh_fold.fold."""
    return zh_fold.fold(nfkc(text))


def index_forms(text: str) -> tuple[str, set[str]]:
    """normalise()d text as the index takes it: CJK runs replaced by their bigrams and last character
    (title and body), and the set of its CJK characters (`chars`).

    One split into runs serves both: 0.26 ms of CPU a 4 KB post, against 0.35 for a substitution
    with a callback per run and a regex test of each distinct character (measured on bench posts)."""
    parts = _CJK_SPLIT.split(text)
    runs = parts[1::2]
    parts[1::2] = [" " + " ".join(map(add, run, run[1:])) + " " + run[-1] + " " if len(run) > 1 else " " + run + " "
                   for run in runs]
    return "".join(parts), set("".join(runs))


def single_char(segs: list[Segment]) -> bool:
    """True for a term that is one CJK character alone: the `chars` table answers it."""
    return len(segs) == 1 and segs[0].cjk and len(segs[0].text) == 1


@dataclass(frozen=True)
class Segment:
    """A piece of a query term: a CJK run or a Latin/other word."""

    text: str
    cjk: bool


def segments(text: str) -> list[Segment]:
    """The CJK runs and words of a query term, normalise()d, in order (separators dropped)."""
    text = normalise(text)
    out: list[Segment] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        out.extend(Segment(w, False) for w in _WORD.findall(text, pos, m.start()))
        out.append(Segment(m.group(), True))
        pos = m.end()
    out.extend(Segment(w, False) for w in _WORD.findall(text, pos))
    return out


def query_tokens(segs: list[Segment], prefix: bool = False) -> tuple[list[str], bool]:
    """The index tokens that find `segs` as adjacent text, and whether the last is a prefix.

    A CJK run followed by more of the term ends in the document right there, so it keeps
    its trailing unigram; the last run of the term may continue in the document, so it
    gives only its bigrams (or, for one character, a prefix token).
    """
    tokens: list[str] = []
    is_prefix = False
    for i, seg in enumerate(segs):
        last = i == len(segs) - 1
        if not seg.cjk:
            tokens.append(seg.text)
            is_prefix = last and prefix
        elif len(seg.text) == 1:
            tokens.append(seg.text)
            is_prefix = last
        else:
            run = seg.text
            tokens.extend(map(add, run, run[1:]))
            if not last:
                tokens.append(run[-1])
            is_prefix = False
    return tokens, is_prefix
