"""The query language: terms, OR groups, negation, labels and dates."""

from __future__ import annotations

from reader.core.query import DateRange, parse, query_words, wanted_texts


def test_parse_structure():
    groups = parse('a b OR c -d tag:"x y" date:2022')
    shapes = [[(type(t.item).__name__, t.negated) for t in g] for g in groups]
    assert shapes == [
        [("Text", False)],
        [("Text", False), ("Text", False)],
        [("Text", True)],
        [("Label", False)],
        [("DateRange", False)],
    ]
    assert groups[3][0].item.value == "x y"
    assert groups[4][0].item == DateRange("2022", "2022")


def test_wanted_texts_are_the_words_looked_for_not_those_left_out():
    groups = parse('新能源 OR tag:x -电池 "a b" title:c')
    assert [t.raw for t in wanted_texts(groups)] == ["新能源", "a b", "c"]


def test_query_words_leave_out_operators_filters_and_exclusions():
    assert query_words('上合 -年货 "国别 爆款" tag:新闻 OR 熊猫 date:2022 pand* 熊猫') == [
        "上合",
        "国别 爆款",
        "熊猫",
        "pand",
    ]
    assert query_words('"unclosed') == []
