"""Snippets: plain text around the first hit, with the spans of the hits."""

from __future__ import annotations

from reader.core.query import parse
from reader.core.snippets import highlighter, snippet
from reader.core.types import Snippet


def test_snippets_are_plain_text_with_the_spans_of_the_hits():
    pattern = highlighter([parse("新能源 tesla")[0][0].item, parse("tesla")[0][0].item])
    text = "<script>" + "前" * 200 + "新能源 and Tesla & AT&T co" + "后" * 200
    out = snippet(text, pattern)
    assert [out.text[a:b] for a, b in out.spans] == ["新能源", "Tesla"]
    assert out.text.startswith("…") and out.text.endswith("…")
    assert "AT&T" in out.text and "&amp;" not in out.text  # text, not HTML: nothing is escaped
    assert 100 <= len(out.text) <= 140
    assert snippet("短文本 <i>", None) == Snippet("短文本 <i>", ())


def test_snippet_spans_stay_right_when_whitespace_is_collapsed():
    pattern = highlighter([parse("panda")[0][0].item])
    out = snippet("a\n\n  b   panda\t\tc  PANDA end", pattern)
    assert out.text == "a b panda c PANDA end"
    assert [out.text[a:b] for a, b in out.spans] == ["panda", "PANDA"]
