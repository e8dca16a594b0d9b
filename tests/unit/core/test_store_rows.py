"""Tests for reader.core.store_rows: the `posts` row made from a real post's PostMeta, and the PostMeta
read back from it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import collate, schema, store_rows
from reader.core.parse import parse_post
from reader.core.site_paths import file_stem
from reader.core.store_rows import META_COLUMNS, ROW_COLUMNS, meta_from_row, meta_row, normalise_permalink, title_fold
from reader.core.types import PostMeta, Site

SITE = Site("jekyll", Path("/lib"), Path("/lib"), timezone="Asia/Shanghai")
POST = (
    "---\ntitle: 新能源汽车 Sales\ndate: 2022-01-21 23:30:00\ncategories: [keji, 财经]\ntags: [ev, 中国经济网新闻]\n"
    "author: [张三, Li Si]\npermalink: /2022/ev/\nexcerpt: 一段摘要\nsource_url: https://example.com/ev\n---\n正文\n"
)


def _meta() -> PostMeta:
    return parse_post(SITE, "_posts/2022-01-21-ev-sales.md", POST.encode()).meta


def _row(meta: PostMeta, keyed: bool = True) -> dict:
    """The row as the index holds it: meta_row's values, and the columns SQLite computes from them."""
    names = [n.strip() for n in ROW_COLUMNS.split(",")]
    values = meta_row(meta, keyed)
    assert len(values) == len(names)
    db = sqlite3.connect(":memory:")
    schema.migrate(db)
    db.execute(f"INSERT INTO posts (id, {ROW_COLUMNS}) VALUES (1, {','.join('?' * len(values))})", values)
    cursor = db.execute("SELECT * FROM posts")
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def test_a_real_posts_row_holds_its_columns():
    meta = _meta()
    row = _row(meta)
    assert row["path"] == "_posts/2022-01-21-ev-sales.md" and row["stem"] == "2022-01-21-ev-sales"
    assert row["title"] == "新能源汽车 Sales" and row["title_fold"] == title_fold("新能源汽车 Sales")
    assert row["date"] == "2022-01-21T23:30:00+08:00"
    assert row["day"] == "2022-01-21"  # the author's calendar day, though it is the 21st 15:30 in UTC
    assert row["sort_key"] == meta.sort_key and row["draft"] == 0 and row["error"] is None
    assert row["permalink"] == "/2022/ev"
    assert store_rows.split(row["cats"]) == ("keji", "财经") and row["category"] == "keji"
    assert store_rows.split(row["tags"]) == ("ev", "中国经济网新闻")
    assert row["title_key"] == collate.title_key("新能源汽车 Sales")


def test_the_meta_column_holds_only_what_no_column_holds():
    extra = json.loads(_row(_meta())["meta"])
    assert extra == {
        "authors": ["张三", "Li Si"],
        "excerpt": "一段摘要",
        "permalink": "/2022/ev/",
        "source_url": "https://example.com/ev",
    }
    assert "张三" in _row(_meta())["meta"]  # Chinese is stored as text, not as \\u escapes
    assert json.loads(_row(PostMeta("a.md", "A", None, None))["meta"]) == {}


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # quotes, backslashes, controls
_MAYBE = st.none() | _TEXT


@given(st.lists(_TEXT, max_size=3), _MAYBE, _MAYBE, _MAYBE, _MAYBE)
def test_the_meta_column_is_what_json_writes(authors, excerpt, permalink, language, source_url):
    # Written by hand (store_rows._extra_json): the same text as json.dumps(ensure_ascii=False) of its values.
    fields = {
        "authors": tuple(authors),
        "excerpt": excerpt,
        "permalink": permalink,
        "language": language,
        "source_url": source_url,
    }
    meta = PostMeta("a.md", "A", None, None, **fields)
    kept = {key: value for key, value in fields.items() if value}
    assert meta_row(meta)[11] == json.dumps(kept, ensure_ascii=False)


def test_a_row_reads_back_as_the_same_post_meta():
    meta = _meta()
    row = _row(meta)
    back = meta_from_row(*(row[n.strip()] for n in META_COLUMNS.split(",")))
    assert back == meta


def test_a_post_with_a_problem_and_no_labels_reads_back_too():
    meta = PostMeta("notes/坏.md", "坏", None, None, draft=True, error="line 3: bad YAML")
    row = _row(meta)
    assert (row["cats"], row["tags"], row["category"], row["day"], row["draft"]) == ("", "", None, None, 1)
    assert meta_from_row(*(row[n.strip()] for n in META_COLUMNS.split(","))) == meta


def test_without_keyed_the_title_key_is_left_to_the_store():
    assert _row(_meta(), keyed=False)["title_key"] is None


def test_a_date_without_a_day_takes_the_utc_day_of_its_sort_key():
    meta = PostMeta("a.md", "A", None, 1642748468.0)
    assert _row(meta)["day"] == "2022-01-21"
    assert _row(PostMeta("b.md", "B", "2021-06", 1622505600.0))["day"] == "2021-06"  # as precise as written


@pytest.mark.parametrize(
    "permalink, key",
    [
        ("a/b", "/a/b"),
        ("/a/b/", "/a/b"),
        ("  /a/b ", "/a/b"),
        ("/", "/"),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_permalinks_are_kept_in_one_form(permalink, key):
    assert normalise_permalink(permalink) == key


def test_title_fold_matches_either_script_and_case():
    assert title_fold("Apple 发展") == title_fold("APPLE 發展")


@pytest.mark.parametrize(
    "path",
    [
        "_posts/2021-12-01-x.md",
        "x.md",
        ".md",
        "a/.md",
        "a.b/c",
        "a/b.c.d",
        "笔记/文章.markdown",
        "a/b/c",
        "a..md",
        "a.",
    ],
)
def test_the_stem_sqlite_computes_is_file_stems(path):
    assert _row(PostMeta(path, "T", None, None))["stem"] == file_stem(path)


def test_the_folded_title_is_stored_only_where_it_is_not_the_title():
    chinese, latin = _row(PostMeta("a.md", "新能源汽车", None, None)), _row(_meta())
    assert chinese["fold"] is None and chinese["title_fold"] == "新能源汽车" == title_fold("新能源汽车")
    assert latin["fold"] == latin["title_fold"] == title_fold("新能源汽车 Sales") != latin["title"]


def test_the_category_is_the_first_of_the_posts_categories():
    assert _row(PostMeta("a.md", "A", None, None, categories=("财经",)))["category"] == "财经"
    assert _row(PostMeta("a.md", "A", None, None, categories=("keji", "财经")))["category"] == "keji"
