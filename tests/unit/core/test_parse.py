"""Tests for reader.core.parse: whole post files from every corpus folder, and arbitrary bytes."""

from __future__ import annotations

import codecs
import pickle
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import budget
from reader.core import parse as parse_module
from reader.core.budget import files_in_a_row
from reader.core.parse import extract_links, parse_body, parse_post, parse_posts
from reader.core.types import Site
from tests.corpus import CORPUS

SITES = {
    "finews": Site(
        kind="jekyll",
        root=CORPUS / "finews",
        library_root=CORPUS / "finews",
        url="https://finews.withounder.com",
        timezone="Asia/Shanghai",
    ),
    "18f-jekyll": Site(kind="jekyll", root=CORPUS / "18f-jekyll", library_root=CORPUS / "18f-jekyll"),
    "benbalter-jekyll": Site(kind="jekyll", root=CORPUS / "benbalter-jekyll", library_root=CORPUS / "benbalter-jekyll"),
    "rust-blog-zola": Site(kind="zola", root=CORPUS / "rust-blog-zola", library_root=CORPUS / "rust-blog-zola"),
    "jessfraz-hugo": Site(kind="hugo", root=CORPUS / "jessfraz-hugo", library_root=CORPUS / "jessfraz-hugo"),
    "hexo-beyond1993": Site(kind="hexo", root=CORPUS / "hexo-beyond1993", library_root=CORPUS / "hexo-beyond1993"),
    "obsidian-help": Site(kind="obsidian", root=CORPUS / "obsidian-help", library_root=CORPUS / "obsidian-help"),
    "kepano-vault": Site(kind="obsidian", root=CORPUS / "kepano-vault", library_root=CORPUS / "kepano-vault"),
    # Hugo's config sits in docs/; the user opened the folder above it.
    "hugo-docs-2013-json": Site(
        kind="hugo", root=CORPUS / "hugo-docs-2013-json" / "docs", library_root=CORPUS / "hugo-docs-2013-json"
    ),
    "hugo-docs-2014-mixed": Site(
        kind="hugo", root=CORPUS / "hugo-docs-2014-mixed" / "docs", library_root=CORPUS / "hugo-docs-2014-mixed"
    ),
    "derived-encodings": Site(
        kind="jekyll",
        root=CORPUS / "derived-encodings",
        library_root=CORPUS / "derived-encodings",
        timezone="Asia/Shanghai",
    ),
}


def parse(folder: str, relpath: str):
    site = SITES[folder]
    return parse_post(site, relpath, (site.library_root / relpath).read_bytes())


# Golden expectations, written by reading each file:
# (folder, relpath, title, date, categories, tags, draft, error or None; "~x" means "error contains x")
GOLDEN = [
    (
        "finews",
        "_posts/2022-01-21-NW202201212256817237.md",
        "拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”",
        "2022-01-21T15:01:08+08:00",
        ("zhongguojingjiwang",),
        ("中国经济网新闻",),
        False,
        None,
    ),
    (
        "finews",
        "_posts/2021-12-01-init.md",
        "开站大吉",
        "2021-12-01T13:33:50+08:00",
        ("sitenews",),
        ("站长消息",),
        False,
        None,
    ),
    (
        "finews",
        "old_post/2021-12-08-202112082207168450.md",
        "“入世”20年 广东外贸成绩斐然 进出口增长超3倍",
        "2021-12-08T15:46:00+08:00",
        ("emnews",),
        ("东财滚动新闻",),
        False,
        None,
    ),
    (
        "18f-jekyll",
        "_posts/2015-08-12-18f-consulting-is-hiring.md",
        "18F Consulting is hiring technical architects and more",
        "2015-08-12",
        (),
        ("hiring", "acquisition services", "transformation services"),
        True,
        None,
    ),
    (
        "18f-jekyll",
        "_posts/2014-03-19-hello-world-we-are-18f.md",
        "Hello, world! We are 18F",
        "2014-03-19T10:14:29-04:00",
        (),
        ("transformation services", "culture change", "modern practices"),
        False,
        None,
    ),
    (
        "benbalter-jekyll",
        "_posts/2010-09-12-wordpress-resume-plugin.md",
        "WordPress Resume Plugin",
        "2010-09-12",
        (),
        (),
        False,
        None,
    ),
    ("rust-blog-zola", "content/Rust-1.12/index.md", "Announcing Rust 1.12", "2016-09-29", (), (), False, None),
    (
        "rust-blog-zola",
        "content/inside-rust/1.45.1-prerelease.md",
        "1.45.1 prerelease testing",
        "2020-07-27",
        (),
        (),
        False,
        None,
    ),
    (
        "jessfraz-hugo",
        "content/post/reverse-vpn-for-all-the-things.md",
        "Reverse VPN All The Things",
        "2015-10-02T11:47:47-07:00",
        (),
        (),
        True,
        None,
    ),
    ("jessfraz-hugo", "content/post/DUM-E-and-U.md", "DUM-E and U", "2021-01-22T12:17:58-07:00", (), (), False, None),
    (
        "hexo-beyond1993",
        "source/_posts/System-Design/API.md",
        "API",
        "2020-07-19T08:34:04",
        ("System Design",),
        (),
        False,
        None,
    ),
    (
        "hexo-beyond1993",
        "source/_posts/Life/Go-Survive.md",
        "围棋死活",
        "2018-11-01T18:25:54",
        (),
        ("生活",),
        False,
        None,
    ),
    (
        "hexo-beyond1993",
        "source/_posts/LeetCode/0032-Longest-Valid-Parentheses.md",
        "0032 Longest Valid Parentheses",
        None,
        ("LeetCode",),
        (),
        False,
        "date '2018-02-31 23:50:48' is not a date",
    ),
    ("obsidian-help", "en/Help and support.md", "Help and support", None, (), (), False, None),
    ("obsidian-help", "zh/快速入门/链接笔记.md", "链接笔记", None, (), (), False, None),
    (
        "kepano-vault",
        "Templates/Book Template.md",
        "Book Template",
        None,
        ("Books",),
        ("to-read",),
        False,
        "front matter, line 13: found unhashable key (created: {{date}})",
    ),
    ("kepano-vault", "Daily/2023-09-12.md", "2023-09-12", "2023-09-12", (), (), False, None),
    ("kepano-vault", "Clippings/Buy wisely.md", "Buy wisely", "2023-09-29", ("Clippings", "Posts"), (), False, None),
    (
        "kepano-vault",
        "Notes/2023-09-12 Meeting with Steph.md",
        "2023-09-12 Meeting with Steph",
        "2023-09-12",
        ("Meetings",),
        (),
        False,
        None,
    ),
    ("kepano-vault", "Categories/Books.md", "Books", None, (), ("categories",), False, None),
    ("hugo-docs-2013-json", "docs/content/doc/configuration.md", "Configuring Hugo", "2013-07-01", (), (), False, None),
    (
        "hugo-docs-2014-mixed",
        "docs/content/community/press.md",
        "Press, Blogs and Media Coverage",
        "2014-03-24T20:00:00+00:00",
        (),
        (),
        False,
        None,
    ),
    (
        "hugo-docs-2014-mixed",
        "docs/content/overview/configuration.md",
        "Configuring Hugo",
        "2013-07-01",
        (),
        (),
        False,
        None,
    ),
    (
        "hugo-docs-2014-mixed",
        "docs/content/showcase/cloudshark.md",
        "CloudShark",
        "2014-03-27T09:45:00+00:00",
        (),
        ("company", "documentation", "foundation"),
        False,
        None,
    ),
]
for _enc in ("gbk", "utf-16", "utf-8-sig"):
    GOLDEN += [
        ("derived-encodings", f"{_enc}/Cloth.md", "衣着", "2018-11-10T18:21:52+08:00", ("生活",), (), False, None),
        (
            "derived-encodings",
            f"{_enc}/2018-12-31-chaiqian-zhaixingli.md",
            "当父亲遇到拆迁",
            "2018-12-31",
            ("Archive",),
            ("拆迁",),
            False,
            None,
        ),
        (
            "derived-encodings",
            f"{_enc}/2013-06-27-ruby-2-0-0-p247-is-released.md",
            "Ruby 2.0.0-p247 發佈",
            "2013-06-27T11:00:03+00:00",
            (),
            (),
            False,
            None,
        ),
        (
            "derived-encodings",
            f"{_enc}/-202205262391921712.md",
            "据霍尼韦尔官网消息，5月24日，霍尼韦尔宣布为蔚来旗下ET7新能源汽车提供HFO…",
            None,
            ("emnews",),
            ("东财滚动新闻",),
            False,
            "date '+0800' is not a date",
        ),
    ]


@pytest.mark.corpus
@pytest.mark.parametrize(
    "folder, relpath, title, date, categories, tags, draft, error", GOLDEN, ids=[f"{g[0]}:{g[1]}" for g in GOLDEN]
)
def test_golden_posts(folder, relpath, title, date, categories, tags, draft, error):
    meta = parse(folder, relpath).meta
    assert meta.path == relpath
    assert (meta.title, meta.date, meta.categories, meta.tags, meta.draft, meta.error) == (
        title,
        date,
        categories,
        tags,
        draft,
        error,
    )


@pytest.mark.corpus
def test_finews_post_in_full():
    post = parse("finews", "_posts/2022-01-21-NW202201212256817237.md")
    assert post.body_format == "markdown"
    assert post.body_line == 8
    assert post.body.startswith("<p>从1月17日起") and "\r" not in post.body
    assert post.meta.source_url == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201212256817237"
    assert ("//finews.withounder.com/category/zhongguojingjiwang.html", "返回中国经济网新闻") in post.links
    assert post.links[-1] == ("//finews.withounder.com/", "返回首页")
    assert post.meta.sort_key == pytest.approx(1642748468.0)


@pytest.mark.corpus
def test_finews_post_with_a_broken_date_is_listed_with_a_problem():
    meta = parse("finews", "_posts/-202205262391921712.md").meta
    assert meta.title.strip()
    assert meta.date is None and meta.sort_key is None
    assert "date" in meta.error and "+0800" in meta.error


@pytest.mark.corpus
def test_kepano_note_without_front_matter_and_wikilink_authors():
    post = parse("kepano-vault", "Readme.md")
    assert (post.meta.title, post.meta.error, post.body_line) == ("Readme", None, 1)
    assert post.body.startswith("My personal [Obsidian]")
    clip = parse("kepano-vault", "Clippings/Buy wisely.md").meta
    assert clip.authors == ("Steph Ango",) and clip.source_url == "https://stephango.com/buy-wisely"


@pytest.mark.corpus
def test_zola_bundle_fields():
    meta = parse("rust-blog-zola", "content/Rust-1.12/index.md").meta
    assert meta.authors == ("The Rust Core Team",)
    assert meta.permalink == "2016/09/29/Rust-1.12"


@pytest.mark.corpus
def test_vim_swap_file_is_listed_as_binary():
    post = parse("hexo-beyond1993", "source/_posts/Introspection/.Addiction.md.swp")
    assert post.meta.error == "binary file, not text"
    assert post.body == "" and post.meta.title


@pytest.mark.corpus
def test_every_corpus_post_parses_with_a_title():
    count = 0
    for site in SITES.values():
        for path in site.library_root.rglob("*"):
            if path.suffix not in (".md", ".markdown", ".html", ".htm") or not path.is_file():
                continue
            post = parse_post(site, path.relative_to(site.library_root).as_posix(), path.read_bytes())
            assert post.meta.title.strip(), path
            count += 1
    assert count > 2500


@pytest.mark.corpus
def test_html_files_and_crlf():
    s = SITES["finews"]
    post = parse_post(s, "category/x.html", b"---\r\ntitle: T\r\n---\r\n<h1>H</h1>\r\n<a href='/a'>A</a>\r\n")
    assert post.body_format == "html"
    assert post.body == "<h1>H</h1>\n<a href='/a'>A</a>\n"
    assert post.body_line == 4
    assert post.links == (("/a", "A"),)


@pytest.mark.corpus
def test_utf16_post_with_bom():
    data = codecs.BOM_UTF16_LE + "---\ntitle: 标题\ndate: 2020-01-02\n---\n正文".encode("utf-16-le")
    post = parse_post(SITES["finews"], "_posts/x.md", data)
    assert (post.meta.title, post.meta.date, post.body) == ("标题", "2020-01-02", "正文")


def test_links_are_capped_and_skip_images():
    body = "![img](a.png) " + " ".join(f"[l{i}](/p{i})" for i in range(80))
    links = extract_links(body)
    assert len(links) == 50 and links[0] == ("/p0", "l0")


@pytest.mark.corpus
def test_result_pickles_for_worker_processes():
    post = parse("finews", "_posts/2022-01-21-NW202201212256817237.md")
    assert pickle.loads(pickle.dumps(post)) == post


# --- arbitrary input --------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "+++\n",
        "{\n",
        "}\n",
        "...\n",
        "title: ",
        "date: ",
        "tags: ",
        "categories: ",
        "- ",
        "[[x]]",
        "{{date}}",
        '"',
        "'",
        ":",
        "\t",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "2022-01-21 15:01:08 +0800",
        "+0800",
        "中文",
        "#",
        "\n",
        "  ",
        "[a](b)",
        "<a href=x>y</a>",
        "<h1>",
        "=",
        "[",
        "]",
        "null",
        "404",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    post = parse_post(SITES["finews"], "_posts/2020-01-01-x.md", data)
    assert post.meta.title.strip()
    assert post.meta.path == "_posts/2020-01-01-x.md"
    # the last-resort handler in parse_post must not be what kept it from raising
    assert not (post.meta.error or "").startswith("could not read")


@settings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=30), st.sampled_from(sorted(SITES)))
def test_post_like_text_never_raises(parts, folder):
    text = "".join(parts)
    for data in (text.encode("utf-8"), text.encode("utf-16"), text.encode("gb18030")):
        post = parse_post(SITES[folder], "dir/-.md", data)
        assert post.meta.title.strip()
        assert post.meta.error is None or post.meta.error.strip()
        assert not (post.meta.error or "").startswith("could not read"), post.meta.error


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_files_parsed_step_by_step_keep_one_budget_each(monkeypatch, tmp_path):
    # In a worker's chunk (files_in_a_row) parse_posts takes each step across all files; a file's
    # steps share its one budget: 0.3 s of CPU in two steps each is over 0.4 s, in one step it is not
    # (margins of a few of the timer's ticks, 25 ms here, for a loaded machine).
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.4)
    real_front, real_meta = parse_module.read_front_matter, parse_module.build_meta

    def slow_front(text):
        if "SLOW" in text:
            _spin(0.3)
        return real_front(text)

    def slow_meta(site, relpath, *args):
        if "slow" in relpath:
            _spin(0.3)
        return real_meta(site, relpath, *args)

    monkeypatch.setattr(parse_module, "read_front_matter", slow_front)
    monkeypatch.setattr(parse_module, "build_meta", slow_meta)
    site = Site("jekyll", tmp_path, tmp_path)
    items = [
        ("_posts/2024-01-01-a.md", b"---\ntitle: a\n---\nbody"),
        ("_posts/2024-01-02-slow.md", b"---\ntitle: SLOW\n---\nbody"),  # both steps: over
        ("_posts/2024-01-03-half.md", b"---\ntitle: SLOW\n---\nbody"),  # one step: within
        ("_posts/2024-01-04-b.md", b"\xff\xfe\x00\x00binary\x00"),  # a problem of its own
    ]
    with files_in_a_row():
        parsed = parse_posts(site, items)
    assert [p.meta.path for p in parsed] == [rel for rel, _ in items]
    assert [p.meta.title for p in parsed[:3]] == ["a", "slow", "SLOW"]
    assert parsed[1].meta.error == "too complex to read (over 0.4 s of CPU)"
    assert parsed[0].meta.error is None and parsed[2].meta.error is None
    assert parsed[3].meta.error == parse_post(site, *items[3]).meta.error is not None


@pytest.mark.parametrize(
    "data",
    [
        "---\ntitle: 标题\ndate: 2024-01-02\n---\n# Heading\n\nbody [a](b.md)\n".encode(),
        b"no front matter at all\n\nsecond paragraph\n",
        b"---\ntitle: [broken\n---\nbody after a broken block\n",
        b"\x00\x01\x02binary\xff\xfe" * 50,
    ],
)
def test_parse_body_gives_parse_posts_body_with_the_title_it_is_given(data):
    site = Site("jekyll", Path("/nonexistent"), Path("/nonexistent"))
    full = parse_post(site, "_posts/2024-01-02-x.md", data, links=False)
    body = parse_body(site, "_posts/2024-01-02-x.md", data, "the index's title")
    assert (body.body, body.body_format, body.body_line) == (full.body, full.body_format, full.body_line)
    assert body.meta.title == "the index's title" and body.meta.path == "_posts/2024-01-02-x.md"
