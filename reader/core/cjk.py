"""CJK-aware tokenisation: Chinese, Japanese and Korean runs become overlapping bigrams for the full-text index.

A word tokenizer (Tantivy's `simple`, like SQLite's `unicode61` before it) treats a run of Han
characters as one long "word", so it cannot find a substring of it; Tantivy's own `ngram`
tokenizer gives every gram position 0, so it cannot match phrases. We rewrite the text before
it reaches the index: every run of CJK characters becomes its overlapping bigrams plus the
run's last character alone (`新能源汽车` -> `新能 能源 源汽 汽车 车`); every other character is
written as the word tokenizer and its filters would make it (fulltext.ANALYZER), so that the
index's writer only splits at spaces. Each run is one str.translate (each character c -> "c c",
less the first "c "): building the bigrams one by one in Python took 0.23 ms of CPU a 4 KB post,
this 0.07 (index_forms).

Every occurrence of a CJK character then starts exactly one token, so:
  - a 1-character query could be the prefix query `X*` (a bigram starting with X, or a
    run's last character); inside a longer term (`ET7新`) it is;
  - a query run of 2+ characters is the phrase of its bigrams, and since positions are kept,
    the phrase matches exactly that substring. The trailing unigram sits between
    two runs, so a phrase can never straddle a punctuation mark or a Latin word.
A second field holds each post's CJK characters (documents only, no positions; Tantivy's
1-gram tokenizer splits them: its regex tokenizer took 0.5 ms a post), which answers a lone 1-character query from
one small posting list instead of every bigram it starts. Both sides pass through normalise():
NFKC, so full-width Latin letters and digits (ＡＢＣ１２３) match ASCII, then the fold of Traditional
characters to Simplified (zh_fold), so 经济 finds 經濟. Neither changes the length of Chinese text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from operator import add

from . import zh_fold

# Bump when the indexed form of text changes: a stored index made by another version is
# emptied and re-filled (store_text.clear_text: a new Tantivy generation).
# 2: Traditional and Simplified folded to one form (zh_fold).
# 3: a run's first character alone before its bigrams (index_forms: one str.translate).
# 4: without it again (a translate a run): 3.5% of the index, for no query that needed it.
# 5: Markdown lines of Chinese joined without a line end between them (cjk_chars.cjk_line_joins);
#    a vault's block ids on lines of their own left out (obsidian._BLOCK_ID).
TOKENIZER_VERSION = 5

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
# Characters NFKC leaves as they are and that never join a neighbour: ASCII, CJK unified ideographs,
# CJK brackets and marks. Anything else is normalised with the character before it (nfkc).
_STABLE = "\t\n\r -~\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f"
_UNSTABLE = re.compile(f".?[^{_STABLE}]+", re.DOTALL)


# The two patterns below serve indexing, not searching: compiled on first use, as a class with the
# supplementary planes takes 1-2 ms of CPU to compile (a search by `jianbao-cli` takes some 70).
@functools.cache
def _split_runs() -> re.Pattern[str]:
    return re.compile(f"([{_CJK_CLASS}]+)")  # split() puts the runs at the odd places


@functools.cache
def _one_char() -> re.Pattern[str]:
    return re.compile(f"[{_CJK_CLASS}]")


# What unicode61 keeps as token characters: letters and numbers (no underscore).
_WORD = re.compile(r"[^\W_]+")


def is_cjk(ch: str) -> bool:
    """True if `ch` (one character) is part of a CJK run."""
    return _one_char().fullmatch(ch) is not None


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


def index_forms(text: str) -> tuple[str, str]:
    """Title or body as the index takes it: normalise()d, each CJK run spaced off from what is
    around it and written as its bigrams and its last character, the rest as the words the index's
    analyzer (fulltext.ANALYZER) makes of it, spaced (its tokens, for the writer's whitespace
    tokenizer); and its CJK characters (normalise()d, in order, repeats kept) for the `chars` field."""
    # NFKC where the word table does not do it (normalise() below does the rest): in none of 3,000 posts
    if _index_unstable_char().search(text):  # of a generated library (a search: 0.014 ms, the sub 0.042)
        text = _index_unstable().sub(_nfkc_match, text)
    if _BEYOND_THE_TABLES.search(text):  # past the basic plane (emoji, CJK extension B): rare, run by run
        parts = _split_runs().split(normalise(text))
        runs = parts[1::2]
        parts[1::2] = [" ".join((*map(add, run, run[1:]), run[-1])) for run in runs]
        from .fulltext import ANALYZER

        return " ".join(ANALYZER.analyze(" ".join(parts))), "".join(runs)
    # A run abc becomes "a ab bc c" (each character folded to f as "f f"): "ab bc c" for the index, every
    # third character for `chars`; the text around the runs becomes the words ANALYZER makes of it.
    parts = _split_runs().split(text)
    (words, expand, _), runs = _tables(), parts[1::2]
    expanded = [run.translate(expand) for run in runs]
    parts[::2] = [part.translate(words) for part in parts[::2]]
    parts[1::2] = [run[2:] for run in expanded]
    if any("   " in run for run in expanded):  # a code point not assigned yet: in the run, but in no word
        return " ".join(parts), zh_fold.fold("".join(runs))
    return " ".join(parts), "".join([run[::3] for run in expanded])


_EXPANSION_END = 0xFB00  # past the last CJK character below the supplementary planes (U+FAFF)
_BEYOND_THE_TABLES = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _plane() -> str:
    """The basic plane's characters but the surrogates, made on first use (6-9 ms of CPU): at import it
    was a tenth of a `jianbao-cli list` or `search -l`, which never index."""
    return "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)


@functools.cache
def _tables() -> tuple[list[int | str], list[int | str], str]:
    """index_forms' two str.translate tables and the pattern of what they leave to NFKC (_index_unstable), as
    kept in the cache folder (forms_cache): made, they cost a process that indexes 0.14-0.18 s of CPU."""
    from . import forms_cache

    return forms_cache.kept(_made_tables, _tables_valid)


def _tables_valid(tables: object) -> bool:
    return (
        isinstance(tables, tuple)
        and len(tables) == 3
        and isinstance(tables[0], list)
        and isinstance(tables[1], list)
        and isinstance(tables[2], str)
        and (len(tables[0]), len(tables[1])) == (0x10000, _EXPANSION_END)
    )


def _made_tables() -> tuple[list[int | str], list[int | str], str]:
    """The two tables made from fulltext.char_forms of the basic plane (what a word makes of each character;
    20 ms of CPU), which is not kept: 5 MB of each worker's memory; and _index_unstable's pattern."""
    from .fulltext import char_forms

    forms = char_forms(_plane())
    return _word_table(forms), _expansion(forms), _unstable_pattern()


def _word_table(forms: dict[str, str]) -> list[int | str]:
    """index_forms' str.translate table for the text around the runs, over the basic plane: a
    character becomes what ANALYZER makes of it in a word, or a space if it ends a word."""
    table: list[int | str] = list(range(0x10000))
    left = _left_to_the_table()
    for ch in _plane():
        form = forms.get(ch) or " " if ch not in left else "".join(forms.get(each) or " " for each in left[ch])
        if form != ch:
            table[ord(ch)] = form
    return table


@functools.cache
def _left_to_the_table() -> dict[str, str]:
    """The characters of the basic plane outside _STABLE and the runs that index_forms leaves to the
    word table instead of normalising them (0.18 ms a post of nfkc() was mostly full-width ，：（）
    and quotes, a call of unicodedata.normalize each) -> their NFKC form. They are those NFKC never
    joins to the character before: not combining, not the second of a canonical pair, nor is the
    first character of their NFKC form; a combining mark after one is normalised with it (nfkc)."""
    seconds = {d.split()[1] for d in map(unicodedata.decomposition, _plane()) if d.count(" ") == 1 and d[0] != "<"}
    left = {}
    for ch in _plane():
        if ch < "\x80" or unicodedata.combining(ch) or ch in seconds or is_cjk(ch):
            continue
        form = unicodedata.normalize("NFKC", ch)
        if form and not unicodedata.combining(form[0]) and form[0] not in seconds and not _one_char().search(form):
            left[ch] = form
    return left


@functools.cache
def _index_unstable_char() -> re.Pattern[str]:
    return re.compile(_index_unstable().pattern[2:], re.DOTALL)  # without the character before


@functools.cache
def _index_unstable() -> re.Pattern[str]:
    """_UNSTABLE for index_forms: the characters left to the word table are stable there too."""
    return re.compile(_tables()[2], re.DOTALL)


def _unstable_pattern() -> str:
    """_index_unstable's pattern (made from _left_to_the_table: 36-45 ms of CPU, kept with the tables)."""
    codes = sorted(map(ord, _left_to_the_table()))
    starts = [c for i, c in enumerate(codes) if not i or codes[i - 1] != c - 1]
    ends = [c for i, c in enumerate(codes) if i == len(codes) - 1 or codes[i + 1] != c + 1]
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in zip(starts, ends, strict=True))
    return f".?[^{_STABLE}{ranges}]+"


def _expansion(forms: dict[str, str]) -> list[int | str]:
    """index_forms' str.translate table for the runs (a list: one lookup a character, as in zh_fold): a CJK
    character -> its folded form twice, space between (spaces where ANALYZER's `simple` tokenizer
    splits: code points not assigned yet); any other below _EXPANSION_END itself.
    Made on first use, in the processes that index (10 ms of CPU, 6 MB)."""
    table: list[int | str] = list(range(_EXPANSION_END))
    found = "".join(_one_char().findall("".join(map(chr, range(_EXPANSION_END)))))
    for ch, folded in zip(found, zh_fold.fold(found), strict=True):
        table[ord(ch)] = folded + " " + folded if ch in forms else "   "
    return table


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
