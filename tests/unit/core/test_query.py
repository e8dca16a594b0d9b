"""The query language: terms, OR groups, negation, labels and dates."""

from __future__ import annotations

import pytest

from reader.core.errors import QueryError
from reader.core.query import DateRange, Label, Term, Text, parse, query_words, wanted_texts


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


@pytest.mark.parametrize(
    "typed, field",
    [
        ("category", "category"),
        ("Category", "category"),
        ("categories", "category"),
        ("cat", "category"),
        ("分类", "category"),
        ("分類", "category"),
        ("类别", "category"),
        ("類別", "category"),
        ("tag", "tag"),
        ("TAGS", "tag"),
        ("标签", "tag"),
        ("標籤", "tag"),
        ("標簽", "tag"),
    ],
)
def test_label_fields_go_by_their_english_and_chinese_names(typed, field):
    for colon in (":", "："):  # the full-width colon a Chinese input method types
        assert parse(f"{typed}{colon}经济") == [[Term(Label(field, "经济"))]]
        assert parse(f'-{typed}{colon}"a b"') == [[Term(Label(field, "a b"), negated=True)]]


def test_title_and_date_go_by_their_chinese_names_too():
    assert parse("标题:经济") == parse("標題：经济") == parse("title:经济")
    assert parse("标题:经济")[0][0].item.column == "title"
    assert parse("日期:2022-01") == parse("date:2022-01") == [[Term(DateRange("2022-01", "2022-01"))]]


@pytest.mark.parametrize("query", ["https://example.com/a", "10:30", "foo:bar", "新闻:经济", "ab1:x", "标签页:x"])
def test_any_other_word_before_a_colon_stays_a_word(query):
    groups = parse(query)
    assert [type(t.item) for g in groups for t in g] == [Text] * len(groups)
    assert groups[0][0].item.raw == query.split()[0]


def test_a_field_without_a_value_is_named_as_typed():
    with pytest.raises(QueryError, match="“标签:” needs a value, as in 标签:word"):
        parse("标签： 经济")
    with pytest.raises(QueryError, match="“Tags:” needs a value"):
        parse("Tags:")


def test_traditional_quotation_marks_quote_a_phrase():
    assert parse("標籤:「open source」 『新 能源』") == parse('tag:"open source" "新 能源"')
    assert parse("標籤:「open source」")[0][0].item == Label("tag", "open source")
