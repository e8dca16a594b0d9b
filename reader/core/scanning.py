"""Linear-time scanning of post text: memoised "next match from here" searches for hand-written parsers.

A regular expression that scans ahead from every candidate start (`\\[...\\]\\(...\\)`, a lazy `.*?`
up to a closer) rescans the same text for each start, so a flood of openers without closers costs
O(n²): one 120 KB line of `[a](` took 18 s. A parser that asks `NextMatch` instead pays for each
stretch of text once, since a search from `pos` that found its match at `start` also answers every
later question asked from a position between `pos` and `start`.
"""

from __future__ import annotations

import re


class NextMatch:
    """The first match of `pattern` in `text` starting at or after a position, searched once per stretch."""

    def __init__(self, pattern: re.Pattern, text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._from = len(text) + 1  # no search made yet
        self._found: re.Match | None = None

    def at_or_after(self, pos: int) -> re.Match | None:
        """The leftmost match starting at `pos` or later (None if there is none)."""
        if self._from <= pos and (self._found is None or pos <= self._found.start()):
            return self._found
        self._from = pos
        self._found = self._pattern.search(self._text, pos)
        return self._found

    def start(self, pos: int) -> int:
        """Where the next match starts, or -1."""
        found = self.at_or_after(pos)
        return -1 if found is None else found.start()
