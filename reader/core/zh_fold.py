"""Simplified and Traditional Chinese as one for search: a per-character fold made from OpenCC's data.

Every Han character that OpenCC's t2s, tw2s or hk2s configurations turn into another, applied
to it alone, is put in one class with what it becomes (經/经, 發/发, 佈/布, 後/后, 裡/裏/里,
乾/幹/干, 著/着, 衞/衛/卫): a class is one line of `zh_fold.txt`, its folded form first. The
index and the queries both go through fold(), so 经济 finds 經濟 and 發佈 finds 发布.

Why per character and not OpenCC's phrase conversion: a fold must give a substring the same
form alone as inside its text (the index holds bigrams, and 1-character queries read the
`chars` table), and it must not change lengths, so that a hit's offsets in the folded text are
offsets in the text as written. Phrase conversion does neither (干 alone stays 干, 乾淨 → 干净,
乾隆 stays 乾隆). The price is that a class is one word for search: 干 finds 乾 and 幹, 里
finds 裡 and 裏, 台 finds 臺 and 颱 — what Simplified writing does anyway.

The table is shipped, not made at start-up (0.3 s over 90k characters): the indexed form must
not change with the installed OpenCC. tests/unit/core/test_zh_fold.py compares it with what the
installed OpenCC gives; `python -m reader.core.zh_fold` writes it again (then bump
cjk.TOKENIZER_VERSION, so that indexes folded with the old table are rebuilt).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

TABLE_PATH = Path(__file__).with_name("zh_fold.txt")
CONFIGS = ("t2s", "tw2s", "hk2s")
# CJK unified ideographs, extension A, extensions B to H. Compatibility ideographs are left to
# NFKC, which the text passes through first (cjk.normalise).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0x20000, 0x2F800), (0x2FA20, 0x323B0))
_HEADER = (
    "# Han characters that are one for search (reader/core/zh_fold.py): a class a line, its folded\n"
    "# form first. Made from OpenCC {version}'s {configs}, each applied to one character.\n"
)


def _load(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(character -> its folded form, for those that change; folded form -> its whole class)."""
    lines = text.split("\n")  # not splitlines() and a test a line: 0.1 ms, not 0.5 (the header is first)
    while lines and lines[0].startswith("#"):
        del lines[0]
    lines = [line for line in lines if line]
    return {ch: line[0] for line in lines for ch in line[1:]}, {line[0]: line for line in lines}


# Below U+A000 (ext A and the unified block) str.translate reads a list, one lookup a character:
# 0.11 ms for 5 KB of Traditional, against 0.35 ms with a dict (1.4 MB, mostly the ints). The
# extensions beyond, rare in text, go through a dict when the text has any.
_DENSE_END = 0xA000
_ANY_BEYOND = re.compile("[\U00020000-\U000323af]")


class _Tables(NamedTuple):
    folded: dict[str, str]  # character -> its folded form, for those that change
    members: dict[str, str]  # folded form -> its whole class
    dense: list[int]  # str.translate's table below _DENSE_END
    beyond: dict[int, str]  # and beyond it


@functools.cache
def _tables() -> _Tables:
    """Read on the first text that is not ASCII (3 ms of CPU, which listing from the index does not need)."""
    folded, members = _load(TABLE_PATH.read_text(encoding="utf-8"))
    dense = list(range(_DENSE_END))  # every character itself, then the folded ones: 2 ms, not 12
    beyond: dict[int, str] = {}
    for ch, to in folded.items():  # one pass for both tables
        code = ord(ch)
        if code < _DENSE_END:
            dense[code] = ord(to)
        else:
            beyond[code] = to
    return _Tables(folded, members, dense, beyond)


def fold(text: str) -> str:
    """`text` with every character in its folded form; same length, character for character."""
    if text.isascii():
        return text
    tables = _tables()
    text = text.translate(tables.dense)
    return text.translate(tables.beyond) if _ANY_BEYOND.search(text) else text


def beyond_the_dense_table(text: str) -> bool:
    """Whether `text` holds a character of CJK extension B or later (which fold() reads from a dict)."""
    return _ANY_BEYOND.search(text) is not None


def forms(ch: str) -> str:
    """Every character that folds as `ch` does, `ch`'s folded form first (`ch` alone if none)."""
    tables = _tables()
    return tables.members.get(tables.folded.get(ch, ch), ch)


def any_form(text: str) -> str:
    """A regular expression (Python's and Qt's syntax) for `text` written in any of its forms:
    经济 -> [经經][济濟]. It matches the text as written, so its spans are the original's."""
    out = []
    for ch in text:
        alternatives = forms(ch)
        out.append(f"[{alternatives}]" if len(alternatives) > 1 else re.escape(ch))
    return "".join(out)


# --- making the table -----------------------------------------------------------------------


def build_table() -> str:
    """The table as OpenCC (the installed `opencc` package) gives it: zh_fold.txt's text."""
    import opencc

    chars = [chr(i) for lo, hi in _HAN_RANGES for i in range(lo, hi)]
    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    simplified: dict[str, str] = {}
    for config in CONFIGS:
        # One call for all: a newline is in no OpenCC phrase, so each character is converted alone.
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        assert len(converted) == len(chars), f"OpenCC {config} did not keep one line per character"
        for ch, to in zip(chars, converted, strict=True):
            if config == "t2s":
                simplified[ch] = to
            if to != ch and len(to) == 1 and _is_han(to):
                a, b = root(ch), root(to)
                if a != b:
                    parent[a] = b
    classes: dict[str, set[str]] = {}
    for ch in list(parent):
        top = root(ch)
        classes.setdefault(top, {top}).add(ch)
    lines = []
    for members in classes.values():
        # The folded form: the character t2s gives most members (卫 for 衛 and 衞), the lowest on a tie.
        votes = Counter(simplified.get(ch, ch) for ch in members if simplified.get(ch, ch) in members)
        first = min(members, key=lambda ch: (-votes[ch], ord(ch)))
        lines.append(first + "".join(sorted(members - {first})))
    header = _HEADER.format(version=opencc.__version__, configs=", ".join(CONFIGS))
    return header + "".join(line + "\n" for line in sorted(lines))


def _is_han(ch: str) -> bool:
    return any(lo <= ord(ch) < hi for lo, hi in _HAN_RANGES)


if __name__ == "__main__":
    TABLE_PATH.write_text(build_table(), encoding="utf-8")
    print(f"wrote {TABLE_PATH}")
