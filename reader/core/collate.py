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
"""

from __future__ import annotations

import re
import unicodedata

# Bump when keys change meaning: Store recomputes every stored key once.
KEY_VERSION = 2  # 2: category names have keys too (schema step 6)

# One character class or a run of digits per match, so a match never backtracks (linear on any input).
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(rf"([0-9]+)|([{_HAN}]+)|([^\W\d_{_HAN}]+)")
_MAX_DIGITS = 99


class _Readings:
    """pypinyin's data, loaded on the first Chinese title (its import takes about 0.3 s)."""

    def __init__(self) -> None:
        from pypinyin.contrib.tone_convert import to_tone3
        from pypinyin.phrases_dict import phrases_dict
        from pypinyin.pinyin_dict import pinyin_dict

        self._to_tone3 = to_tone3
        self._tokens: dict[str, str] = {}  # a reading with tone marks -> "zhong1 "
        self._char_tokens: dict[str, str] = {}  # a character -> the token of its first reading
        # Each character's most common reading, first in pypinyin's list ("zhōng,zhòng").
        self._first = {chr(cp): readings.split(",", 1)[0] for cp, readings in pinyin_dict.items()}
        # Only the phrases that read a character otherwise (重庆 chóng, not zhòng) matter here: a
        # tenth of them. Looking those up where one can start made a key 4 times cheaper.
        self._phrases: dict[str, list[str]] = {}
        self._longest: dict[str, int] = {}  # two characters -> the longest such phrase they start
        for phrase, readings in phrases_dict.items():
            marked = [r[0] for r in readings]
            if len(marked) == len(phrase) and any(m != self._first.get(c) for c, m in zip(phrase, marked, strict=True)):
                self._phrases[phrase] = marked
                self._longest[phrase[:2]] = max(len(phrase), self._longest.get(phrase[:2], 0))

    def _token(self, marked: str) -> str:
        found = self._tokens.get(marked)
        if found is None:
            found = self._tokens[marked] = self._to_tone3(marked, neutral_tone_with_five=True) + " "
        return found

    def _char_token(self, char: str) -> str:
        found = self._char_tokens[char] = self._token(self._first.get(char, char))
        return found

    def _phrase(self, han: str, start: int, longest: int) -> list[str] | None:
        for size in range(longest, 1, -1):
            marked = self._phrases.get(han[start:start + size])
            if marked:
                return [self._token(m) for m in marked]
        return None

    def run(self, han: str) -> list[str]:
        """The tokens of a run of Chinese characters: phrases first, longest first, then characters."""
        out: list[str] = []
        longest, chars = self._longest, self._char_tokens
        i, n = 0, len(han)
        while i < n:
            size = longest.get(han[i:i + 2])
            if size and (found := self._phrase(han, i, min(size, n - i))):
                out += found
                i += len(found)
                continue
            out.append(chars.get(han[i]) or self._char_token(han[i]))
            i += 1
        return out


_readings: _Readings | None = None


def _han_tokens(han: str) -> list[str]:
    global _readings
    if _readings is None:
        _readings = _Readings()
    return _readings.run(han)


def _word(letters: str) -> str:
    if not letters.isascii():
        letters = "".join(c for c in unicodedata.normalize("NFKD", letters) if not unicodedata.combining(c))
    return letters + " "


def title_key(title: str) -> str:
    """The string that sorts `title` as a Chinese reader expects (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", title).casefold()
    parts: list[str] = []
    for digits, han, letters in _TOKEN.findall(text):
        if digits:
            digits = digits.lstrip("0") or "0"
            parts.append(f"{min(len(digits), _MAX_DIGITS):02d}{digits} ")
        elif han:
            parts.extend(_han_tokens(han))
        else:
            parts.append(_word(letters))
    return "".join(parts)
