"""A post's language (it picks Han glyph shapes): front matter, folder or file name, else the site's."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.metadata import build_meta, language_tag
from reader.core.types import Site

SITE = Site(kind="hugo", root=Path("/s"), library_root=Path("/s"))


@pytest.mark.parametrize(
    "data, path, expected",
    [
        ({"lang": "zh-TW"}, "content/a.md", "zh-TW"),
        ({"language": "zh_tw"}, "content/a.md", "zh-TW"),
        ({"Lang": "ZH-HANT"}, "content/a.md", "zh-Hant"),
        ({"lang": "ja"}, "content/zh_tw/a.md", "ja"),  # the front matter wins over the folder
        ({}, "content/zh_tw/a.md", "zh-TW"),
        ({}, "content/zh-hant/2020/a.md", "zh-Hant"),
        ({}, "content/ja/posts/a.md", "ja"),  # Hugo's content/<language>/
        ({}, "content/posts/a.zh-tw.md", "zh-TW"),  # Hugo's translation by file name
        ({}, "content/zh-cn/a.ja.md", "ja"),  # the file's own name is nearer than its folder
        ({}, "content/posts/a.md", None),
        ({}, "content/zhihu/a.md", None),  # not a language code
        ({}, "content/zh-tw-notes/a.md", None),
        ({"lang": "中文"}, "content/a.md", "中文"),  # kept as written when it is not a code
    ],
)
def test_language_comes_from_front_matter_then_folder_or_file_name(data, path, expected):
    assert build_meta(SITE, path, data).language == expected


def test_language_tags_take_their_usual_case():
    assert [language_tag(v) for v in ("zh_TW", "zh-hant-tw", "JA", " zh-cn ", "Chinese")] == [
        "zh-TW",
        "zh-Hant-TW",
        "ja",
        "zh-CN",
        "Chinese",
    ]


def test_a_language_in_a_long_path_is_found_in_linear_time():
    path = "/".join(["zh-x"] * 20_000) + "/a.md"
    started = time.perf_counter()
    assert build_meta(SITE, path, {}).language is None
    assert time.perf_counter() - started < 2.0


def test_a_post_without_a_language_takes_the_sites(tmp_path):
    (tmp_path / "_config.yml").write_text("title: t\nlang: zh_TW\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2022-01-01-a.md").write_text("---\ntitle: 甲\n---\n骨\n", encoding="utf-8")
    (tmp_path / "_posts" / "2022-01-02-b.md").write_text("---\ntitle: 乙\nlang: ja\n---\n骨\n", encoding="utf-8")
    library = Library(tmp_path, data_dir=tmp_path / "data")
    try:
        library.refresh()
        languages = {library.get_post(i).meta.title: library.get_post(i).meta.language for i in library.list_ids()}
        assert languages == {"甲": "zh-TW", "乙": "ja"}
        assert library._store().get_meta(library.post_id("_posts/2022-01-01-a.md")).language is None  # not stored
    finally:
        library.close()
