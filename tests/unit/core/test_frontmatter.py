"""Tests for reader.core.frontmatter: splitting YAML/TOML/JSON blocks, loading them, and errors."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import frontmatter as frontmatter_module
from reader.core.errors import FrontMatterError
from reader.core.frontmatter import _Loader, _simple_yaml, load_json, load_toml, load_yaml, read_front_matter
from tests.corpus import CORPUS


def _read(rel: str):
    return read_front_matter((CORPUS / rel).read_text(encoding="utf-8"))


# --- YAML -------------------------------------------------------------------------------


def test_yaml_keeps_scalars_as_text():
    fm = read_front_matter(
        "---\ntitle: 404\ndate: 2022-01-21 15:01:08 +0800\ntags: 2019\n"
        "bad: 2018-02-31\nflag: no\nempty:\nnothing: null\n---\nbody\n"
    )
    assert fm.format == "yaml" and fm.error is None
    assert fm.data == {
        "title": "404",
        "date": "2022-01-21 15:01:08 +0800",
        "tags": "2019",
        "bad": "2018-02-31",
        "flag": "no",
        "empty": None,
        "nothing": None,
    }
    assert fm.body == "body\n"
    assert fm.body_line == 10


def test_yaml_lists_and_nesting():
    fm = read_front_matter("---\ntags: [a, b]\nauthors:\n  - x\n  - y\nmenu:\n  main: {parent: top}\n---\n")
    assert fm.data == {"tags": ["a", "b"], "authors": ["x", "y"], "menu": {"main": {"parent": "top"}}}
    assert fm.body == ""


def test_tolerated_shapes():
    # leading blank lines, a BOM left in the text, trailing spaces, "..." as the end
    fm = read_front_matter("\n\n\ufeff---  \ntitle: x\n...\nbody")
    assert (fm.data, fm.body, fm.body_line, fm.error) == ({"title": "x"}, "body", 6, None)
    # every key indented
    fm = read_front_matter("---\n  title: 缩进\n  date: 2020-01-01\n---\nbody")
    assert fm.data == {"title": "缩进", "date": "2020-01-01"} and fm.error is None


def test_invisible_characters_around_delimiters_and_keys():
    text = "---\u00a0\ntitle:\u00a0标题\n\u200btags: [a, b]\n\ufeffdate: 2020-01-01\n---\u200b\n正文"
    fm = read_front_matter(text)
    assert fm.error is None
    assert fm.data == {"title": "标题", "tags": ["a", "b"], "date": "2020-01-01"}
    assert fm.body == "正文"


def test_duplicate_keys_keep_the_last_value():
    assert read_front_matter("---\ntitle: a\ntitle: b\n---\n").data == {"title": "b"}
    assert read_front_matter("---\ntitle: a\ntags: [x]\ntitle: b\n---\n").data["title"] == "b"


def test_empty_front_matter():
    fm = read_front_matter("---\n---\nbody")
    assert (fm.data, fm.body, fm.body_line, fm.format, fm.error) == ({}, "body", 3, "yaml", None)


def test_placeholder_is_an_error_on_its_line_and_the_rest_is_salvaged():
    fm = read_front_matter("---\ntitle: Template\ncreated: {{date}}\ntags:\n  - note\n---\nbody")
    assert isinstance(fm.error, FrontMatterError)
    assert fm.error.line == 3 and "{{date}}" in fm.error.reason
    assert fm.data == {"title": "Template", "tags": ["note"]}
    assert fm.body == "body"


def test_unclosed_quote_points_at_where_it_opened():
    fm = read_front_matter('---\nlayout: post\ntitle: "never closed\ntags: x\n---\nbody')
    assert fm.error.line == 3
    assert "never ends" in fm.error.reason
    assert fm.body == "body"
    assert fm.data.get("layout") == "post"


def test_tab_indentation_error_names_its_line():
    fm = read_front_matter("---\ntitle: ok\n\tbad: tab\n---\nbody")
    assert fm.error is not None and fm.error.line == 3
    assert fm.data.get("title") == "ok"


def test_a_list_is_not_front_matter_keys():
    fm = read_front_matter("---\n- a\n- b\n---\nbody")
    assert fm.error is not None and "list" in fm.error.reason and fm.error.line == 2
    assert fm.data == {} and fm.body == "body"


def test_unclosed_block_with_keys_is_reported_and_split_at_the_blank_line():
    fm = read_front_matter("---\ntitle: 忘了结尾\ndate: 2020-01-01\n\n正文第一段\n")
    assert fm.error.line == 1 and "no closing" in fm.error.reason
    assert fm.data == {"title": "忘了结尾", "date": "2020-01-01"}
    assert fm.body == "正文第一段\n"


def test_a_rule_at_the_top_is_not_front_matter():
    text = "---\n\nA paragraph after a horizontal rule.\n"
    fm = read_front_matter(text)
    assert (fm.data, fm.body, fm.format, fm.error) == ({}, text, None, None)


def test_no_front_matter():
    fm = read_front_matter("# Heading\n\ntext")
    assert (fm.data, fm.body, fm.body_line, fm.format) == ({}, "# Heading\n\ntext", 1, None)


def test_load_yaml_raises_front_matter_error_with_file_line():
    with pytest.raises(FrontMatterError) as info:
        load_yaml("a: 1\nb: [1\nc: 2\n", first_line=5)
    assert info.value.line == 7
    assert str(info.value).startswith("line 7: ")


def test_explicit_timestamp_tag_with_an_impossible_date_is_an_error_not_a_crash():
    with pytest.raises(FrontMatterError):
        load_yaml("date: !!timestamp 2018-02-31\n")


# --- who splits: python-frontmatter first, our splitter where it cannot ---------------------


def _calls(monkeypatch, owner, name: str) -> list:
    calls: list = []
    real = getattr(owner, name)

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return calls


@pytest.mark.parametrize(
    "text, fmt, data, body, body_line",
    [
        (
            "\n---\ntitle: 标题\ntags: [a, b]\n---\n\n正文\n",
            "yaml",
            {"title": "标题", "tags": ["a", "b"]},
            "\n正文\n",
            6,
        ),
        ('+++\ntitle = "标题"\ndraft = true\n+++\n正文', "toml", {"title": "标题", "draft": True}, "正文", 5),
        ('{\n"title": "标题",\n"tags": ["a"]\n}\n正文', "json", {"title": "标题", "tags": ["a"]}, "正文", 5),
    ],
)
def test_python_frontmatter_splits_well_formed_blocks(monkeypatch, text, fmt, data, body, body_line):
    asked = _calls(monkeypatch, frontmatter_module.fm_lib, "detect_format")
    ours = _calls(monkeypatch, frontmatter_module, "_delimited") + _calls(
        monkeypatch, frontmatter_module, "_json_block"
    )
    fm = read_front_matter(text)
    assert (fm.format, fm.data, fm.body, fm.body_line, fm.error) == (fmt, data, body, body_line, None)
    assert len(asked) == 1 and ours == []


@pytest.mark.parametrize(
    "text, data, body, error",
    [
        ("---\u200b\ntitle: a\n---\nbody", {"title": "a"}, "body", None),  # its opening line is not "---"
        ("---\ntitle: a\n...\nbody\n---\nmore", {"title": "a"}, "body\n---\nmore", None),  # it would end at the rule
        ("---\ntitle: a\n---\u200b\nbody\n---\n", {"title": "a"}, "body\n---\n", None),
        ("---\ntitle: a\ndate: 2020\n\nbody", {"title": "a", "date": "2020"}, "body", "no closing '---'"),
        (
            '---\ntitle: "老街"新茶"\ntags: [a]\n---\nbody',
            {"tags": ["a"], "title": '老街"新茶'},
            "body",
            "expected key",
        ),
    ],
)
def test_our_splitter_takes_over_where_python_frontmatter_cannot(monkeypatch, text, data, body, error):
    asked = _calls(monkeypatch, frontmatter_module.fm_lib, "detect_format")
    ours = _calls(monkeypatch, frontmatter_module, "_delimited")
    fm = read_front_matter(text)
    assert (fm.format, fm.data, fm.body) == ("yaml", data, body)
    assert (error is None and fm.error is None) or error in str(fm.error)
    assert len(asked) == 1 and len(ours) == 1


# --- the fast path for flat front matter -------------------------------------------------

_KEY = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
_PLAIN = st.text(alphabet=st.sampled_from(list("abcXYZ 019:#-+.,[]{}'\"!&*|>%@`中文\t")), max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEY, _PLAIN, st.sampled_from(["plain", "double", "single"])), max_size=6))
def test_simple_reader_agrees_with_pyyaml(items):
    lines = []
    for key, value, quoting in items:
        value = {"plain": value, "double": f'"{value}"', "single": f"'{value}'"}[quoting]
        lines.append(f"{key}: {value}")
    raw = "\n".join(lines) + "\n"
    fast = _simple_yaml(raw)
    if fast is None:
        return  # the simple reader declined: PyYAML decides
    assert fast == (yaml.load(raw, Loader=_Loader) or {})


def test_simple_reader_remembers_only_short_lines():
    # Lines are remembered (an archive repeats its layout, category and tag lines), up to 200
    # characters each: a megabyte of title lines is read the same way, and not kept.
    frontmatter_module._remembered_line.cache_clear()
    long_title = "长" * 300
    for _ in range(2):
        assert _simple_yaml(f"layout: post\ntitle: {long_title}\n# note\n\ntags: 新闻\n") == {
            "layout": "post",
            "title": long_title,
            "tags": "新闻",
        }
    info = frontmatter_module._remembered_line.cache_info()
    assert (info.hits, info.misses) == (6, 4)  # the four short lines (one twice a time) read once each


def test_simple_reader_declines_what_it_cannot_read():
    for raw in [
        "a: b: c\n",
        "a: 0:\t0\n",
        "a: x # comment\n",
        'a: "x\\n"\n',
        "a: 'it''s'\n",
        "a:\n  - x\n",
        "a: [1, 2]\n",
        "a: &anchor x\n",
        "a: |\n  text\n",
    ]:
        assert _simple_yaml(raw) is None, raw


# --- TOML and JSON ----------------------------------------------------------------------


def test_toml_block():
    fm = read_front_matter('+++\ntitle = "x"\ndate = 2014-03-24T20:00:00Z\n[taxonomies]\ntags = ["a"]\n+++\nbody')
    assert fm.format == "toml" and fm.error is None
    assert fm.data == {"title": "x", "date": dt.datetime(2014, 3, 24, 20, tzinfo=dt.UTC), "taxonomies": {"tags": ["a"]}}
    assert (fm.body, fm.body_line) == ("body", 7)


def test_toml_error_names_the_file_line():
    fm = read_front_matter('+++\ntitle = "ok"\ndate = = 1\n+++\nbody')
    assert fm.error.line == 3
    assert "at line" not in fm.error.reason
    assert fm.data == {"title": "ok"} and fm.body == "body"
    with pytest.raises(FrontMatterError) as info:
        load_toml('a = 1\nb = "unterminated\n', first_line=2)
    assert info.value.line == 3


def test_json_block():
    fm = read_front_matter('{\n  "title": "Configuring Hugo",\n  "Pubdate": "2013-07-01"\n}\n\nThe body')
    assert fm.format == "json" and fm.error is None
    assert fm.data == {"title": "Configuring Hugo", "Pubdate": "2013-07-01"}
    assert (fm.body, fm.body_line) == ("\nThe body", 5)


def test_broken_json_is_reported_and_the_body_still_found():
    fm = read_front_matter('{\n  "title": "t",\n  "date": "2013-07-01\n}\nbody')
    assert fm.error.line == 3
    assert fm.data == {"title": "t"}
    assert fm.body == "body"
    with pytest.raises(FrontMatterError):
        load_json("[1, 2]")


def test_shortcodes_and_liquid_at_the_top_are_not_json():
    for text in ["{{< figure src=x >}}\nbody", "{% raw %}\nbody"]:
        fm = read_front_matter(text)
        assert (fm.format, fm.body, fm.error) == (None, text, None)


# --- the real corpus --------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_finews_yaml():
    fm = _read("finews/_posts/2022-01-21-NW202201212256817237.md")
    assert fm.data == {
        "layout": "post",
        "title": "拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”",
        "date": "2022-01-21 15:01:08 +0800",
        "categories": "zhongguojingjiwang",
        "tags": "中国经济网新闻",
    }
    assert fm.body_line == 8 and fm.body.startswith("<p>从1月17日起")


@pytest.mark.corpus
def test_corpus_hugo_json_and_toml():
    fm = _read("hugo-docs-2013-json/docs/content/doc/configuration.md")
    assert fm.format == "json" and fm.data["Pubdate"] == "2013-07-01"
    fm = _read("hugo-docs-2014-mixed/docs/content/community/press.md")
    assert fm.format == "toml" and fm.data["menu"] == {"main": {"parent": "community"}}
    assert fm.data["date"] == dt.datetime(2014, 3, 24, 20, tzinfo=dt.UTC)


@pytest.mark.corpus
def test_corpus_kepano_template_placeholder():
    fm = _read("kepano-vault/Templates/Book Template.md")
    assert fm.error is not None and fm.error.line == 13
    assert fm.data["categories"] == ["[[Books]]"] and fm.data["tags"] == ["to-read"]
