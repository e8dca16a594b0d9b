"""Tests for reader.core.scanning: NextMatch answers "the next match at or after here" like a fresh
search would, while searching each stretch of text once."""

from __future__ import annotations

import re
import time

import pytest

from reader.core.scanning import NextMatch


class Counting:
    """A pattern that counts its searches."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.searches = 0

    def search(self, text: str, pos: int = 0):
        self.searches += 1
        return self.pattern.search(text, pos)


@pytest.mark.parametrize("text", ["a](b) [c](d)", "no match here", "", "](](](", "x](y"])
def test_answers_agree_with_a_fresh_search_from_every_position(text):
    pattern = re.compile(r"\]\(")
    finder = NextMatch(pattern, text)
    for pos in range(len(text) + 1):
        expected = pattern.search(text, pos)
        assert finder.start(pos) == (expected.start() if expected else -1)
        found = finder.at_or_after(pos)
        assert (found.span() if found else None) == (expected.span() if expected else None)


def test_positions_before_a_known_match_are_answered_without_searching():
    pattern = Counting(r"\]\(")
    text = "x" * 50 + "](" + "y" * 50
    finder = NextMatch(pattern, text)  # type: ignore[arg-type]
    assert [finder.start(p) for p in range(51)] == [50] * 51
    assert pattern.searches == 1
    assert finder.start(51) == -1 and pattern.searches == 2


def test_no_match_is_remembered_for_every_later_position():
    pattern = Counting(r"\]\(")
    finder = NextMatch(pattern, "[a" * 100)  # type: ignore[arg-type]
    assert all(finder.start(p) == -1 for p in range(200))
    assert pattern.searches == 1


def test_a_flood_of_openers_is_scanned_in_linear_time():
    text = "[a](" * 30_000  # 120 KB: asking from each opener once cost 18 s with a rescanning regex
    closer = NextMatch(re.compile(r"\)"), text)
    began = time.process_time()
    assert all(closer.start(p) == -1 for p in range(0, len(text), 4))
    assert time.process_time() - began < 2
