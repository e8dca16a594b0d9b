"""Tests for reader.core.metadata: each generator's rules for titles, dates, categories and tags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.metadata import _AUTOLINK_LINE, build_meta, first_heading, readable_file_title
from reader.core.types import Site

ROOT = Path("/library")


def site(kind: str, timezone: str | None = None, root: Path = ROOT, library_root: Path = ROOT) -> Site:
    return Site(kind=kind, root=root, library_root=library_root, timezone=timezone)


# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("  Hello  world ", "Hello world"),
        (404, "404"),
        (1.5, "1.5"),
        ("中文标题", "中文标题"),
    ],
)
def test_title_from_front_matter(value, expected):
    assert build_meta(site("jekyll"), "_posts/2020-01-01-x.md", {"title": value}).title == expected


@pytest.mark.parametrize(
    "body, fmt, expected",
    [
        ("intro\n\n# The *Heading* [link](x)\n", "markdown", "The Heading link"),
        ("Setext title\n============\n\ntext", "markdown", "Setext title"),
        ("```\n# not a heading\n```\n## Real one ##\n", "markdown", "Real one"),
        ("<p>x</p><h2 class='t'>HTML &amp; <b>bold</b></h2>", "html", "HTML & bold"),
        ("<h1>在 HTML 里</h1>\n# later markdown", "markdown", "在 HTML 里"),
    ],
)
def test_title_from_first_heading(body, fmt, expected):
    assert build_meta(site("hexo"), "x.md", {"title": ""}, body, fmt).title == expected
    assert first_heading(body, fmt) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("## Notes\n\n- one\n", "2023-09-30"),  # a daily note's first section
        ("<h2>Section</h2>", "2023-09-30"),
        ("# Kyoto trip\n\n## Notes\n", "Kyoto trip"),
        ("Kyoto trip\n==========\n\n## Notes\n", "Kyoto trip"),
        ("## Notes\n\n# Later title\n", "2023-09-30"),  # the first heading decides
    ],
)
def test_a_folder_of_notes_takes_a_level_1_heading_only(body, expected):
    assert build_meta(site("folder"), "Daily/2023-09-30.md", {}, body, "markdown").title == expected


@pytest.mark.parametrize(
    "relpath, kind, expected",
    [
        ("_posts/2021-12-01-my_first-post.md", "jekyll", "my first post"),
        ("content/my-bundle/index.md", "hugo", "my bundle"),
        ("content/section/_index.md", "hugo", "section"),
        ("2023-09-12.md", "jekyll", "2023-09-12"),
        ("Notes/2023-09-12 Meeting with Steph.md", "obsidian", "2023-09-12 Meeting with Steph"),
        ("Notes/2023-09-12 Meeting with Steph.md", "folder", "Meeting with Steph"),
        ("en/User interface/Pop-out windows.md", "folder", "Pop-out windows"),
        ("Daily/Sci-fi.md", "obsidian", "Sci-fi"),
        ("source/_posts/.Addiction.md.swp", "hexo", "Addiction.md"),
        # the date prefix is the one dates.py reads, in every form it reads, and only the shape counts
        ("_posts/2018-02-31-impossible-day.md", "jekyll", "impossible day"),
        ("笔记/2019年3月28日 会议纪要.md", "folder", "会议纪要"),
        ("二〇一九年十月一日-国庆.md", "folder", "国庆"),
        ("2019年3月28日.md", "folder", "2019年3月28日"),
    ],
)
def test_title_from_file_name(relpath, kind, expected):
    assert readable_file_title(relpath, kind) == expected
    assert build_meta(site(kind), relpath, {}, "no heading here").title == expected


def test_a_bare_news_id_gives_way_to_the_opening_words():
    name = "_posts/-202205262391921712.md"
    assert readable_file_title(name, "jekyll") == "202205262391921712"
    body = "> 据霍尼韦尔官网消息，5月24日，霍尼韦尔宣布为蔚来旗下ET7新能源汽车提供制冷剂。据悉……"
    assert (
        build_meta(site("jekyll"), name, {}, body).title
        == "据霍尼韦尔官网消息，5月24日，霍尼韦尔宣布为蔚来旗下ET7新能源汽车提供制冷剂…"
    )
    assert build_meta(site("jekyll"), name, {}, "<p>短讯。</p>").title == "短讯。"


def test_obsidian_note_name_wins_over_a_section_heading():
    assert build_meta(site("obsidian"), "Daily/2023-09-12.md", {}, "## Notes\n").title == "2023-09-12"


# --- dates ------------------------------------------------------------------------------


def test_front_matter_date_wins_over_file_name():
    meta = build_meta(site("jekyll", "Asia/Shanghai"), "_posts/2020-01-01-x.md", {"date": "2021-12-01 13:33:50"})
    assert meta.date == "2021-12-01T13:33:50+08:00"
    assert meta.sort_key == dt.datetime(2021, 12, 1, 5, 33, 50, tzinfo=dt.UTC).timestamp()


def test_file_name_date_when_front_matter_has_none():
    meta = build_meta(site("jekyll", "Asia/Shanghai"), "_posts/2019-2-6-x.md", {"title": "x"})
    assert meta.date == "2019-02-06" and meta.error is None
    assert meta.sort_key == dt.datetime(2019, 2, 6, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()


def test_unparsable_date_falls_back_to_file_name_and_is_reported():
    meta = build_meta(site("jekyll"), "_posts/2020-01-02-x.md", {"date": "+0800"})
    assert meta.date == "2020-01-02"
    assert meta.error == "date '+0800' is not a date"
    meta = build_meta(site("jekyll"), "_posts/-2022.md", {"date": "2018-02-31"})
    assert meta.date is None and meta.sort_key is None
    assert meta.error == "date '2018-02-31' is not a date"


def test_front_matter_error_wins_over_date_error():
    meta = build_meta(site("jekyll"), "x.md", {"date": "nope 2020"}, error="front matter, line 3: bad")
    assert meta.error == "front matter, line 3: bad"


def test_hugo_publishdate_and_2013_pubdate_keys_any_case():
    assert build_meta(site("hugo"), "a.md", {"publishDate": "2020-03-04"}).date == "2020-03-04"
    assert build_meta(site("hugo"), "a.md", {"Pubdate": "2013-07-01"}).date == "2013-07-01"
    assert build_meta(site("hugo"), "a.md", {"date": dt.date(2014, 3, 10)}).date == "2014-03-10"


def test_obsidian_created_then_published():
    assert build_meta(site("obsidian"), "n.md", {"created": "2023-09-12"}).date == "2023-09-12"
    assert build_meta(site("obsidian"), "n.md", {"published": "2023-09-29"}).date == "2023-09-29"
    meta = build_meta(site("obsidian"), "n.md", {"published": "true"})
    assert meta.date is None and meta.error is None


def test_zola_dates_from_path_and_bundle_folder():
    meta = build_meta(site("zola"), "content/inside-rust/x.md", {"path": "inside-rust/2020/07/27/x"})
    assert meta.date == "2020-07-27"
    assert meta.permalink == "inside-rust/2020/07/27/x"
    assert build_meta(site("zola"), "content/2018-01-02-slug/index.md", {}).date == "2018-01-02"
    assert build_meta(site("zola"), "content/2018-01-02_slug.md", {}).date == "2018-01-02"


# --- categories and tags ----------------------------------------------------------------


def test_jekyll_folder_categories_relative_to_the_site_root():
    s = site("jekyll", root=ROOT, library_root=ROOT / "en")
    meta = build_meta(s, "news/_posts/2020-01-01-x.md", {"categories": "a b", "category": "Two Words"})
    assert meta.categories == ("en", "news", "a", "b", "Two Words")
    assert build_meta(site("jekyll"), "_posts/sub/2020-01-01-x.md", {}).categories == ()


def test_jekyll_string_tags_split_on_spaces_lists_do_not():
    meta = build_meta(site("jekyll"), "_posts/x.md", {"tags": "a b  a", "tag": ["two words"]})
    assert meta.tags == ("a", "b", "two words")


def test_hexo_categories_hierarchy_and_unsplit_strings():
    assert build_meta(site("hexo"), "x.md", {"categories": "Machine Learning"}).categories == ("Machine Learning",)
    meta = build_meta(site("hexo"), "x.md", {"categories": ["Parent", ["Child", "Leaf"]], "tags": "one tag"})
    assert meta.categories == ("Parent", "Child", "Leaf")
    assert meta.tags == ("one tag",)


def test_numbers_and_nulls():
    meta = build_meta(site("hexo"), "x.md", {"categories": None, "tags": 2019})
    assert (meta.categories, meta.tags) == ((), ("2019",))
    meta = build_meta(site("hugo"), "x.md", {"tags": [2019, None, "", "x"]})
    assert meta.tags == ("2019", "x")


def test_zola_taxonomies():
    data = {"taxonomies": {"categories": ["Rust"], "tags": ["async", "#await"]}}
    meta = build_meta(site("zola"), "x.md", data)
    assert (meta.categories, meta.tags) == (("Rust",), ("async", "await"))


def test_obsidian_wikilinks_hashes_and_split_tags():
    data = {"categories": ["[[Clippings]]", "[[Posts|My posts]]"], "tags": "#a, b c", "author": ["[[Steph Ango]]"]}
    meta = build_meta(site("obsidian"), "n.md", data)
    assert meta.categories == ("Clippings", "Posts")
    assert meta.tags == ("a", "b", "c")
    assert meta.authors == ("Steph Ango",)


def test_folder_tags_split_on_commas_only():
    assert build_meta(site("folder"), "n.md", {"tags": "new york, 上海"}).tags == ("new york", "上海")


# --- draft and the rest -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data, relpath, draft",
    [
        ({"published": False}, "_posts/x.md", True),
        ({"published": "false"}, "_posts/x.md", True),
        ({"published": "2023-09-29"}, "_posts/x.md", False),
        ({"draft": True}, "x.md", True),
        ({"draft": "yes"}, "x.md", True),
        ({"draft": "false"}, "x.md", False),
        ({}, "_drafts/x.md", True),
        ({}, "en/_drafts/x.md", True),
        ({}, "_posts/x.md", False),
    ],
)
def test_draft(data, relpath, draft):
    assert build_meta(site("jekyll"), relpath, data).draft is draft


def test_other_fields():
    data = {
        "author": {"name": "Ann"},
        "authors": ["Bob", "Ann"],
        "description": " D ",
        "lang": "zh-CN",
        "permalink": "/p/",
        "source": "https://example.com/a",
    }
    meta = build_meta(site("hugo"), "x.md", data)
    assert meta.authors == ("Bob", "Ann")
    assert (meta.excerpt, meta.language, meta.permalink, meta.source_url) == (
        "D",
        "zh-CN",
        "/p/",
        "https://example.com/a",
    )


def test_absolute_url_key_is_the_source_not_the_permalink():
    meta = build_meta(site("obsidian"), "n.md", {"url": "https://stephango.com/in-good-hands"})
    assert meta.source_url == "https://stephango.com/in-good-hands" and meta.permalink is None
    assert build_meta(site("hugo"), "n.md", {"url": "/docs/x/"}).permalink == "/docs/x/"


def test_source_url_from_a_trailing_autolink_line():
    body = "正文\n\n<http://finews.zning.xyz/a?b=1>\n\n[返回](//x/)｜[返回首页](//x/)\n"
    assert build_meta(site("jekyll"), "x.md", {}, body).source_url == "http://finews.zning.xyz/a?b=1"
    early = "<http://early.example/>\n" + "\n".join(f"line {i}" for i in range(10))
    assert build_meta(site("jekyll"), "x.md", {}, early).source_url is None


def _source_url_as_sliced(body: str) -> str | None:
    """The trailing autolink as the rule reads (round 3's slices of body[-3000:]): the reference."""
    if "<http" not in body[-3000:]:
        return None
    tail = [line for line in body[-3000:].rstrip().rsplit("\n", 12)[-12:] if line.strip()][-5:]
    found = [m[1] for line in reversed(tail) if (m := _AUTOLINK_LINE.match(line))]
    return found[0] if found else None


_TAIL_PIECES = ["\n", "\n\n", " ", "\t", "\u3000", "<http://a.b/c>", "<https://x>", "[返回](//x)", "字" * 50, "a" * 400]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_TAIL_PIECES, "<http", "\r\n", " <http://q> ", "<http://a> b", "\u3000<https://x>\t"]),
        max_size=60,
    ).map("".join)
)
def test_the_trailing_autolink_is_found_from_the_end_as_the_slices_found_it(body):
    assert build_meta(site("jekyll"), "x.md", {}, body).source_url == _source_url_as_sliced(body)
