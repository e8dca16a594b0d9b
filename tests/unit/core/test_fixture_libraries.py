"""The suite's own libraries (tests/fixtures/): every site kind, the legacy encodings, broken and
hostile files, indexed, listed, searched, rendered and resolved as a reader should, with no
../shared/corpus needed. Each expectation was read from the fixture file by hand."""

from __future__ import annotations

import hashlib
import json
import re

import lxml.html
import pytest

from reader.cli import main as cli
from reader.core.decode import decode_bytes
from reader.core.library import Library
from reader.core.types import PostFilter
from tests.corpus import FIXTURES

# (path, title, date, categories, tags, draft) of every post, newest first, as the list shows them.
POSTS = {
    "jekyll": [
        (
            "_posts/2022-01-21-zhibo-daihuo.md",
            "外交官走进直播间 推介家乡特产",
            "2022-01-21T15:01:08+08:00",
            ("jingji",),
            ("经济新闻",),
            False,
        ),
        (
            "_posts/2021-12-01-bingxue-jijie.md",
            "冰雪季节来临 滑雪场迎来客流高峰",
            "2021-12-01T09:30:00+08:00",
            ("tiyu",),
            ("冬季运动", "体育新闻"),
            False,
        ),
        ("_posts/2020-05-05-not-yet.md", "A draft that is not published", "2020-05-05", (), (), True),
        # the front matter's impossible date gives way to the file name's, and is reported
        ("_posts/2018-02-28-impossible-day.md", "A post dated a day that never was", "2018-02-28", (), (), False),
        (
            "_posts/2015-03-17-dates-from-the-name.md",
            "Dates from the file name",
            "2015-03-17",
            (),
            ("accessibility",),
            False,
        ),
    ],
    "hexo": [  # Hexo keeps a category with a space whole; a blank `tags:` is no tags
        (
            "source/_posts/algorithms/dong-tai-gui-hua.md",
            "动态规划入门",
            "2019-05-10T08:00:00+08:00",
            ("algorithms",),
            ("动态规划", "数据库"),
            False,
        ),
        (
            "source/_posts/Data Structures/二叉树的遍历.md",
            "二叉树的遍历",
            "2019-04-02T21:15:00+08:00",
            ("Data Structures",),
            (),
            False,
        ),
    ],
    "hugo": [  # TOML, JSON and YAML front matter in one tree; _index.md is a section page
        ("content/posts/unfinished.md", "Unfinished thoughts", "2018-03-04", (), (), True),
        (
            "content/posts/containers-in-depth.md",
            "Containers in depth",
            "2017-01-23T10:00:00-08:00",
            ("linux",),
            ("containers", "security"),
            False,
        ),
        ("content/posts/yaml-in-a-toml-site.md", "YAML in a TOML site", "2014-09-08", (), (), False),
        ("content/posts/json-front-matter.md", "Front matter in JSON", "2014-09-08", (), ("json", "hugo"), False),
    ],
    "zola": [  # no date key: the file name's; [taxonomies] tags; a page bundle's index.md
        ("content/blog/release-notes/index.md", "Release notes in a page bundle", "2021-06-17", (), (), False),
        (
            "content/blog/2020-01-30-compiler-speedups.md",
            "Compiler speedups this year",
            "2020-01-30",
            (),
            ("compiler", "performance"),
            False,
        ),
    ],
    "obsidian": [  # a note with no front matter is titled by its file name
        ("读书笔记/双链笔记.md", "双链笔记", "2023-03-28", (), ("笔记", "方法"), False),
        ("Templates/Daily.md", "Daily", None, (), ("daily",), False),
        ("Inbox/Loose ends.md", "Loose ends", None, (), (), False),
    ],
    "plain": [
        ("notes/crlf.md", "Windows line ends", "2016-07-19", (), (), False),
        ("notes/first-note.md", "A plain note", None, (), (), False),  # the undated by title
        ("notes/saved-page.html", "A saved web page", None, (), (), False),
    ],
}
KINDS = {
    "jekyll": "jekyll",
    "hexo": "hexo",
    "hugo": "hugo",
    "zola": "zola",
    "obsidian": "obsidian",
    "plain": "folder",
    "legacy-encodings": "folder",
    "broken": "folder",
    "hostile": "folder",
}
PROBLEMS = {
    "jekyll": {"_posts/2018-02-28-impossible-day.md": "date '2018-02-31 23:50:48' is not a date"},
    "obsidian": {"Templates/Daily.md": "front matter, line 2: found unhashable key (created: {{date}})"},
    "broken": {
        "bad-date.md": "date '2019-13-45' is not a date",
        "bad-json.md": "front matter, line 4: Expecting property name enclosed in double quotes",
        "bad-toml.md": "front matter, line 2: Illegal character '\\n'",
        "bad-yaml.md": "front matter, line 4: did not find expected ',' or ']' (date: 2020-02-02)",
        "nul-bytes.md": "binary file, not text",
        "picture-named-like-a-post.md": "binary file, not text",
        "unterminated.md": "front matter, line 1: no closing '---' line after this opening one",
    },
}
ENCODED = ("gbk", "utf-16-le-bom", "utf-8-bom", "utf-8")


def _tree(root):
    """Every file under root with its bytes' digest and mtime: what a reader must leave alone."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def before():
    return _tree(FIXTURES)


@pytest.fixture(scope="module")
def libraries(tmp_path_factory, before):
    data = tmp_path_factory.mktemp("data")
    opened = {name: Library(FIXTURES / name, data_dir=data) for name in KINDS}
    for library in opened.values():
        library.refresh()
    yield opened
    for library in opened.values():
        library.close()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_library_is_its_kind_and_fully_indexed(libraries, name):
    library = libraries[name]
    assert library.site.kind == KINDS[name]
    assert library.text_progress() == (library.count(), library.count()) != (0, 0)


@pytest.mark.parametrize("name", sorted(POSTS))
def test_each_post_lists_with_its_title_date_and_labels(libraries, name):
    rows = [(r.path, r.title, r.date, r.categories, r.tags, r.draft) for r in libraries[name].list_posts()]
    assert rows == POSTS[name]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_broken_file_is_listed_with_its_reason(libraries, name):
    assert {p.path: p.message for p in libraries[name].problems()} == PROBLEMS.get(name, {})


def test_broken_files_still_list_with_what_could_be_read(libraries):
    rows = {r.path: r for r in libraries["broken"].list_posts()}
    assert len(rows) == 9  # nothing in the folder is dropped
    assert (rows["unterminated.md"].title, rows["unterminated.md"].date) == ("Never closed", "2020-01-01")
    assert (rows["bad-json.md"].title, rows["bad-json.md"].date) == ("Trailing comma", "2020-04-04")
    assert rows["bad-toml.md"].date == "2020-03-03"
    assert rows["empty.md"].error is None and rows["empty.md"].title == "empty"


def test_drafts_are_marked_and_filtered(libraries):
    for name, drafts in (("jekyll", 1), ("hugo", 1), ("zola", 0)):
        library = libraries[name]
        assert [r.draft for r in library.list_posts(PostFilter(drafts=True))] == [True] * drafts
        assert library.count(PostFilter(drafts=False)) == library.count() - drafts


def test_a_category_gets_its_name_from_the_back_link(libraries):
    labels = {f.key: f.label for f in libraries["jekyll"].facets("category")}
    assert labels == {"jingji": "经济新闻", "tiyu": "tiyu"}  # "返回经济新闻" at the end of the post


def test_the_same_post_reads_the_same_in_every_encoding(libraries):
    library = libraries["legacy-encodings"]
    rows = {r.path.split("/")[0]: r for r in library.list_posts()}
    assert set(rows) == set(ENCODED)
    texts = {folder: library.get_post(row.id).text for folder, row in rows.items()}
    assert {(r.title, r.date, r.categories, r.tags) for r in rows.values()} == {
        ("旧编码的新闻稿", "2009-08-15T09:00:00+08:00", ("存档",), ("编码", "新闻"))
    }
    assert len(set(texts.values())) == 1 and "“引号”和——破折号" in texts["gbk"] and "全角ＡＢＣ" in texts["gbk"]


@pytest.mark.parametrize("folder, encoding", [("gbk", "gb"), ("utf-16-le-bom", "utf-16"), ("utf-8-bom", "utf-8")])
def test_decode_names_the_encoding_it_read(folder, encoding):
    text, name = decode_bytes((FIXTURES / "legacy-encodings" / folder / "旧稿.md").read_bytes())
    assert text.startswith("---\ntitle: 旧编码的新闻稿\n")
    assert name.lower().replace("_", "-").startswith(encoding)


def _holding(library, needle):
    """Brute force: the ids of posts whose title or text holds `needle`."""
    return {
        row.id
        for row in library.list_posts()
        if needle.lower() in (row.title + "\n" + library.get_post(row.id).text).lower()
    }


@pytest.mark.parametrize(
    "name, query",
    [
        ("jekyll", "直"),
        ("jekyll", "直播"),
        ("jekyll", "外交官走进"),
        ("jekyll", "accessibility"),
        ("hexo", "遍历"),
        ("hexo", "动态规划"),
        ("obsidian", "插件"),
        ("legacy-encodings", "破折号"),
        ("hugo", "cgroups"),
        ("zola", "compiler"),
    ],
)
def test_search_finds_every_post_that_holds_the_text(libraries, name, query):
    library = libraries[name]
    expected = _holding(library, query)
    assert expected, f"the fixture should hold {query!r}"
    assert {hit.post.id for hit in library.search(query, limit=1000)} == expected


def test_search_language_and_snippets(libraries):
    library = libraries["jekyll"]
    hits = library.search("直播", snippets=1)
    assert [h.post.path for h in hits] == ["_posts/2022-01-21-zhibo-daihuo.md"]
    assert {hits[0].snippet.text[a:b] for a, b in hits[0].snippet.spans} == {"直播"}
    assert [h.post.path for h in library.search("tag:体育新闻 滑雪")] == ["_posts/2021-12-01-bingxue-jijie.md"]
    assert [h.post.path for h in library.search("date:2015")] == ["_posts/2015-03-17-dates-from-the-name.md"]
    assert [h.post.path for h in library.search("直播 -外交官")] == []


def _html(library, path):
    return library.get_post(library.post_id(path)).html


def test_jekyll_liquid_footnotes_and_images(libraries):
    library = libraries["jekyll"]
    post = library.post_id("_posts/2022-01-21-zhibo-daihuo.md")
    html = _html(library, "_posts/2022-01-21-zhibo-daihuo.md")
    assert "{%" not in html and "{{" not in html
    assert library.resolve_link(post, "post-url:2021-12-01-bingxue-jijie").post_id == library.post_id(
        "_posts/2021-12-01-bingxue-jijie.md"
    )
    category = library.resolve_link(post, "https://news.example.org/clips/category/jingji.html")
    assert (category.kind, category.key) == ("category", "jingji")
    assert library.resolve_link(post, "https://other.example.com/").kind == "external"
    assert (
        library.resolve_resource(post, "/clips/assets/images/zhibo.png")
        == (FIXTURES / "jekyll" / "assets" / "images" / "zhibo.png").resolve()
    )
    footnotes = _html(library, "_posts/2021-12-01-bingxue-jijie.md")
    assert 'class="footnotes"' in footnotes and "<strong>安全第一</strong>" in footnotes
    assert "{: .note}" not in footnotes  # a kramdown attribute is not shown as text


def test_hugo_shortcodes_and_static_images(libraries):
    library = libraries["hugo"]
    html = _html(library, "content/posts/containers-in-depth.md")
    assert "{{<" not in html and "{{%" not in html
    assert "<figcaption>The layers</figcaption>" in html and "<strong>Markdown</strong>" in html
    post = library.post_id("content/posts/containers-in-depth.md")
    assert (
        library.resolve_resource(post, "/images/layers.png")
        == (FIXTURES / "hugo" / "static" / "images" / "layers.png").resolve()
    )


def test_zola_page_bundle_image(libraries):
    library = libraries["zola"]
    post = library.post_id("content/blog/release-notes/index.md")
    assert (
        library.resolve_resource(post, "chart.png")
        == (FIXTURES / "zola" / "content" / "blog" / "release-notes" / "chart.png").resolve()
    )


def test_obsidian_wikilinks_embeds_and_callouts(libraries):
    library = libraries["obsidian"]
    path = "读书笔记/双链笔记.md"
    post, html = library.post_id(path), _html(library, path)
    assert "[[" not in html and "[!note]" not in html
    assert 'class="callout callout-note"' in html
    loose_ends = library.post_id("Inbox/Loose ends.md")
    assert library.resolve_link(post, "wikilink:Loose%20ends").post_id == loose_ends
    assert library.resolve_link(post, "wikilink:Loose%20ends#Questions").post_id == loose_ends
    embed = lxml.html.fromstring(html).xpath("//img/@src")[0]
    assert library.resolve_resource(post, embed) == (FIXTURES / "obsidian" / "附件" / "卡片盒.png").resolve()


def test_crlf_and_html_posts_read_cleanly(libraries):
    library = libraries["plain"]
    assert "\r" not in library.get_post(library.post_id("notes/crlf.md")).text
    assert "HTML files are posts too." in library.get_post(library.post_id("notes/saved-page.html")).text


_UNSAFE = re.compile(
    r"<(script|iframe|object|embed|form|input|style|meta|svg)\b|\son\w+\s*=|javascript:|vbscript:", re.I
)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_no_post_renders_anything_that_runs_or_fetches(libraries, name):
    library = libraries[name]
    for row in library.list_posts():
        html = library.get_post(row.id).html
        tree = lxml.html.fromstring(f"<div>{html}</div>")
        unsafe = [el.tag for el in tree.iter() if isinstance(el.tag, str) and _UNSAFE.search(f"<{el.tag} ")]
        unsafe += [
            f"{el.tag}@{k}"
            for el in tree.iter()
            if isinstance(el.tag, str)
            for k in el.attrib
            if k.lower().startswith("on") or "script:" in el.attrib[k].lower()
        ]
        assert unsafe == [], row.path


def test_remote_and_outside_resources_are_refused(libraries):
    library = libraries["hostile"]
    post = library.post_id("remote-and-outside.md")
    for src in (
        "https://tracker.example.com/pixel.gif",
        "//cdn.example.com/x.png",
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
    ):
        assert library.resolve_resource(post, src) is None, src
    assert library.resolve_link(post, "../../../../../../etc/hosts").kind in ("missing", "refused")


def test_deep_nesting_and_odd_names_read(libraries):
    rows = {r.path: r for r in libraries["hostile"].list_posts()}
    assert rows["deep-nesting.md"].title == "Deeply nested HTML" and rows["deep-nesting.md"].error is None
    assert rows["-leading-dash.md"].title == "A name that starts with a dash"
    assert rows["名字 with spaces 和中文.md"].title == "空格和中文的文件名"


def test_the_cli_reads_a_fixture_library(capsys, tmp_path):
    jekyll, data = str(FIXTURES / "jekyll"), str(tmp_path / "data")
    assert cli(["--data-dir", data, "index", jekyll]) == 0
    assert "5 posts" in capsys.readouterr().out
    assert cli(["--data-dir", data, "search", jekyll, "滑雪", "--json"]) == 0
    assert [h["path"] for h in json.loads(capsys.readouterr().out)] == ["_posts/2021-12-01-bingxue-jijie.md"]
    assert cli(["--data-dir", data, "show", jekyll, "_posts/2021-12-01-bingxue-jijie.md", "--text"]) == 0
    assert "初学者要先上课" in capsys.readouterr().out
    assert cli(["--data-dir", data, "problems", jekyll]) == 0
    assert "2018-02-31" in capsys.readouterr().out


def test_reading_the_fixtures_changed_nothing_in_them(libraries, before):
    assert _tree(FIXTURES) == before
