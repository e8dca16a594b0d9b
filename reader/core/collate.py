"""Title sort keys: Chinese by pinyin (pypinyin's readings), letters without case or accents, numbers by value.

SQLite compares the keys as plain strings (`posts.title_key`, indexed), so the list sorts 100k titles
in the index and no Python sort runs when the user clicks the column. A key is a run of tokens,
each followed by a space: a Chinese character is its pinyin with the tone number (中 "zhong1 "), a
word its letters case-folded without accents ("Émile" "emile "), a number its length and digits
("007" and "7" are "017 ", "10" is "0210 "), so 阿 < 北 < 中, 妈 ma1 < 马 ma3 < 骂 ma4, a < an,
2 < 10, and "Beijing" sits beside 北京 (bei3 jing1). Punctuation and spaces do not count.

pypinyin's own `lazy_pinyin` took 0.083 ms a title (5,000 real Chinese titles, TONE3); the lookups
here take a tenth of that, with the same readings where a phrase decides them (重庆 chong2 qing4,
银行 yin2 hang2): its phrase list is matched first, then each character's most common reading.
Those readings are shipped as a table made from pypinyin (pinyin_keys.txt): loading it takes 25 ms,
importing pypinyin and deriving them 0.3 s in every process that made keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

# Bump when keys change meaning: Store recomputes every stored key once.
KEY_VERSION = 2  # 2: category names have keys too (schema step 6)

# One character class or a run of digits per match, so a match never backtracks (linear on any input).
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_MAX_DIGITS = 99
# The readings, made from pypinyin's tables (make_table) and shipped: `python -m reader.core.collate`
# writes it again; tests/unit/core/test_collate.py checks it against the installed pypinyin.
TABLE_PATH = Path(__file__).with_name("pinyin_keys.txt")
_NO_READING = "5 "  # a character pypinyin has no reading for: itself, "neutral tone" (as to_tone3 gives)


class _Readings:
    """The readings of pinyin_keys.txt, loaded on the first Chinese title (20 ms; pypinyin's own
    import and tables took 0.3 s in each process that made keys: the indexer's workers and the writer)."""

    def __init__(self, text: str) -> None:
        self._char_tokens: dict[str, str] = {}  # a character -> the token of its first reading, "zhong1 "
        # Only the phrases that read a character otherwise (重庆 chóng, not zhòng) matter here: a
        # tenth of them. Looking those up where one can start made a key 4 times cheaper.
        self._phrases: dict[str, list[str]] = {}
        # Two characters -> the lengths of the phrases they start, longest first: one length for 92% of
        # them, so a title's 3 starts a key look up 3 phrases, not the 8 of every length up to the longest.
        self._sizes: dict[str, tuple[int, ...]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            first, _, rest = line.partition("\t")
            if first.startswith("+"):
                phrase = first[1:]
                self._phrases[phrase] = [token + " " for token in rest.split(" ")]
                sizes = {len(phrase), *self._sizes.get(phrase[:2], ())}
                self._sizes[phrase[:2]] = tuple(sorted(sizes, reverse=True))
            else:
                self._char_tokens.update(dict.fromkeys(rest, first + " "))

    def run(self, han: str) -> list[str]:
        """The tokens of a run of Chinese characters: phrases first, longest first, then characters. A
        length past the run's end slices what is left, the longest phrase that could start there."""
        out: list[str] = []
        starts, phrases, chars = self._sizes, self._phrases, self._char_tokens
        i, n = 0, len(han)
        while i < n:
            found = None
            sizes = starts.get(han[i : i + 2])
            if sizes:
                for size in sizes:
                    found = phrases.get(han[i : i + size])
                    if found:
                        break
            if found:
                out += found
                i += len(found)
            else:
                out.append(chars.get(han[i]) or han[i] + _NO_READING)
                i += 1
        return out


_readings: _Readings | None = None


def _han_tokens(han: str) -> list[str]:
    global _readings
    if _readings is None:
        _readings = _Readings(TABLE_PATH.read_text(encoding="utf-8"))
    return _readings.run(han)


def make_table() -> str:
    """pinyin_keys.txt from the installed pypinyin: each character's first reading ("zhōng,zhòng")
    as a token with its tone number, the characters of a token on one line; then the phrases
    that read a character otherwise, each with its tokens."""
    import pypinyin
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    first = {chr(cp): readings.split(",", 1)[0] for cp, readings in pinyin_dict.items()}
    tokens: dict[str, str] = {}

    def token(marked: str) -> str:
        if marked not in tokens:
            tokens[marked] = to_tone3(marked, neutral_tone_with_five=True)
        return tokens[marked]

    by_token: dict[str, list[str]] = {}
    for char in sorted(first):
        by_token.setdefault(token(first[char]), []).append(char)
    lines = [
        f"# Title sort keys (reader/core/collate.py), made from pypinyin {pypinyin.__version__}: a token",
        "# and the characters whose first reading it is; then +phrase and its tokens.",
    ]
    lines += [f"{t}\t{''.join(chars)}" for t, chars in sorted(by_token.items())]
    for phrase, readings in sorted(phrases_dict.items()):
        marked = [r[0] for r in readings]
        if len(marked) == len(phrase) and any(m != first.get(c) for c, m in zip(phrase, marked, strict=True)):
            lines.append(f"+{phrase}\t{' '.join(token(m) for m in marked)}")
    return "\n".join(lines) + "\n"


def _word(letters: str) -> str:
    if not letters.isascii():
        letters = "".join(c for c in unicodedata.normalize("NFKD", letters) if not unicodedata.combining(c))
    return letters + " "


@functools.cache
def _tokens() -> re.Pattern[str]:
    """Numbers, Han runs, words: compiled on the first key (2 ms of CPU, which a list or search does not need)."""
    return re.compile(rf"([0-9]+)|([{_HAN}]+)|([^\W\d_{_HAN}]+)")


def title_key(title: str) -> str:
    """The string that sorts `title` as a Chinese reader expects (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", title).casefold()
    parts: list[str] = []
    for digits, han, letters in _tokens().findall(text):
        if digits:
            digits = digits.lstrip("0") or "0"
            parts.append(f"{min(len(digits), _MAX_DIGITS):02d}{digits} ")
        elif han:
            parts.extend(_han_tokens(han))
        else:
            parts.append(_word(letters))
    return "".join(parts)


if __name__ == "__main__":
    TABLE_PATH.write_text(make_table(), encoding="utf-8")
