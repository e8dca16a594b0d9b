"""Tests for reader.core.pipeline: each stage of one post's way, its limits, bad input tied to the
file, one read of each file per refresh, and an HTML body's text made without markdown-it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.core import budget, limits, pipeline
from reader.core.library import Library
from reader.core.render import RenderContext, render_body
from reader.core.text import html_to_text
from reader.core.types import Site

NEWS = (
    '---\nlayout: post\ntitle: "上合组织五国外交官直播"\ndate: 2022-01-21 15:01:08 +0800\n'
    "categories: zhongguojingjiwang\ntags: 中国经济网新闻\n---\n"
    "<p>从1月17日起，<strong>年货节</strong>在阿里平台陆续开播。</p>\n <p>外交官带货&amp;拜年。</p>\n\n"
    "<http://www.ce.cn/xwzx/202201/t20220121.shtml>\n\n"
    "[返回中国经济网新闻](//finews.withounder.com/category/zhongguojingjiwang.html)｜[返回首页](//finews.withounder.com/)\n"
)


def _index_post(site, rel, with_text=False):
    """The metadata phase's reading of one file (pipeline.index_posts of a run of one)."""
    return pipeline.index_posts(site, [(rel, pipeline.head(site, rel))], with_text)[0]


def _site(root: Path, files: dict[str, str | bytes]) -> Site:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return Site(
        kind="jekyll", root=root, library_root=root, timezone="Asia/Shanghai", url="https://finews.withounder.com"
    )


def test_read_post_runs_every_stage_up_to_the_body(tmp_path):
    site = _site(tmp_path, {"_posts/2022-01-21-news.md": NEWS})
    parsed = pipeline.read_post(site, "_posts/2022-01-21-news.md")
    meta = parsed.meta
    assert (meta.title, meta.date[:10], meta.categories, meta.tags, meta.error) == (
        "上合组织五国外交官直播",
        "2022-01-21",
        ("zhongguojingjiwang",),
        ("中国经济网新闻",),
        None,
    )
    assert parsed.body.startswith("<p>从1月17日起") and parsed.body_format == "markdown"
    assert ("//finews.withounder.com/", "返回首页") in parsed.links


def test_post_text_is_the_text_of_the_rendered_body(tmp_path):
    site = _site(tmp_path, {"_posts/2022-01-21-news.md": NEWS})
    parsed = pipeline.read_post(site, "_posts/2022-01-21-news.md")
    text = pipeline.post_text(site, parsed)
    assert text == pipeline.text_of(site, "_posts/2022-01-21-news.md")
    assert text.title == "上合组织五国外交官直播" and text.problem is None
    assert text.text == html_to_text(render_body(parsed.body, "markdown", RenderContext(site, parsed.meta.path)))
    assert text.text.splitlines() == [
        "从1月17日起，年货节在阿里平台陆续开播。",
        "外交官带货&拜年。",
        "http://www.ce.cn/xwzx/202201/t20220121.shtml",
        "返回中国经济网新闻｜返回首页",
    ]


def test_an_html_body_is_brought_to_text_without_markdown_it(tmp_path, monkeypatch):
    site = _site(
        tmp_path, {"_posts/2022-01-21-news.md": NEWS, "_posts/2022-01-22-md.md": "---\ntitle: M\n---\n*强调*\n"}
    )
    expected = pipeline.text_of(site, "_posts/2022-01-21-news.md")
    calls: Counter = Counter()
    real_render = MarkdownIt.render

    def counted(self, src, env=None):
        calls[src] += 1
        return real_render(self, src, env)

    monkeypatch.setattr(MarkdownIt, "render", counted)
    assert pipeline.text_of(site, "_posts/2022-01-21-news.md") == expected
    assert calls == Counter()
    assert pipeline.text_of(site, "_posts/2022-01-22-md.md").text == "强调"  # Markdown is still rendered
    assert list(calls) == ["*强调*\n"]
    shown = pipeline.show_post(site, "_posts/2022-01-21-news.md")  # the view renders as before
    assert "<a" in shown.html and shown.text == expected.text


def test_the_view_gets_the_html_without_the_text(tmp_path, monkeypatch):
    site = _site(tmp_path, {"_posts/2022-01-21-news.md": NEWS})
    whole = pipeline.show_post(site, "_posts/2022-01-21-news.md")
    made = []
    monkeypatch.setattr("reader.core.text.html_to_text", lambda html: made.append(html) or "")
    shown = pipeline.show_post(site, "_posts/2022-01-21-news.md", with_text=False)
    assert shown.html == whole.html and shown.meta == whole.meta and shown.text == "" and made == []


def test_index_post_gives_the_text_from_the_same_read(tmp_path, monkeypatch):
    site = _site(tmp_path, {"_posts/2022-01-21-news.md": NEWS})
    reads = _count_reads(monkeypatch)
    indexed = _index_post(site, "_posts/2022-01-21-news.md", with_text=True)
    assert reads == Counter({"_posts/2022-01-21-news.md": 1})
    assert indexed.text == pipeline.text_of(site, "_posts/2022-01-21-news.md")
    assert ("category", "zhongguojingjiwang", "中国经济网新闻") in indexed.back_links
    assert _index_post(site, "_posts/2022-01-21-news.md").text is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\x01\x02\xff\xfe binary \x00" * 50, "binary"),
        ("---\ntitle: [未闭合\ndate: 2022-01-21\n---\n正文\n", "front matter, line"),
        ("---\ntitle: 坏日期\ndate: 2022-13-45\n---\n正文\n", "date"),
    ],
)
def test_bad_content_is_a_problem_of_the_file(tmp_path, content, problem):
    site = _site(tmp_path, {"_posts/2022-01-21-bad.md": content})
    indexed = _index_post(site, "_posts/2022-01-21-bad.md", with_text=True)
    assert problem in indexed.meta.error and indexed.meta.path == "_posts/2022-01-21-bad.md"
    assert indexed.meta.title and indexed.text is not None
    shown = pipeline.show_post(site, "_posts/2022-01-21-bad.md")
    assert problem in shown.meta.error


def test_a_legacy_encoding_is_decoded(tmp_path):
    site = _site(
        tmp_path, {"_posts/2022-01-21-gbk.md": "---\ntitle: 旧稿\n---\n<p>经济新闻，国内外。</p>\n".encode("gbk")}
    )
    text = pipeline.text_of(site, "_posts/2022-01-21-gbk.md")
    assert (text.title, text.text) == ("旧稿", "经济新闻，国内外。")


def test_a_vanished_file(tmp_path):
    site = _site(tmp_path, {})
    parsed = pipeline.read_post(site, "_posts/2022-01-21-gone.md")
    assert parsed.meta.error.startswith("cannot be read: ") and parsed.meta.title
    assert pipeline.text_of(site, "_posts/2022-01-21-gone.md").text == ""
    with pytest.raises(FileNotFoundError):
        pipeline.show_post(site, "_posts/2022-01-21-gone.md")  # Library.get_post names the file


def test_the_size_limits(tmp_path, monkeypatch):
    paragraph = "<p>" + "经济" * 100 + "</p>\n\n"
    huge = (
        "---\ntitle: 大\n---\n" + paragraph * (limits.INDEX_LIMIT // len(paragraph.encode()) + 10) + "<p>最后一段</p>\n"
    )
    site = _site(
        tmp_path,
        {
            "_posts/2022-01-21-huge.md": huge,
            "_posts/2022-01-21-big.md": "---\ntitle: 大\n---\n" + paragraph * 50 + "<p>最后一段</p>\n",
        },
    )
    body = pipeline.read_post(site, "_posts/2022-01-21-huge.md").body  # the indexer's reading: 1 MiB
    assert limits.INDEX_LIMIT - 1000 < len(body.encode()) <= limits.INDEX_LIMIT and body.endswith("</p>\n\n")
    assert "最后一段" not in pipeline.text_of(site, "_posts/2022-01-21-huge.md").text
    monkeypatch.setattr(pipeline, "truncate_body", lambda text: limits.truncate_body(text, 4000))
    shown = pipeline.show_post(site, "_posts/2022-01-21-big.md")  # the view's: SHOW_LIMIT characters
    assert shown.truncated and "最后一段" not in shown.text and len(shown.text) < 4000
    whole = pipeline.show_post(site, "_posts/2022-01-21-big.md", full=True)
    assert not whole.truncated and whole.text.endswith("最后一段")


def test_a_post_over_its_budget_is_indexed_by_its_source(tmp_path, monkeypatch):
    site = _site(tmp_path, {"_posts/2022-01-21-news.md": NEWS})
    parsed = pipeline.read_post(site, "_posts/2022-01-21-news.md")

    def too_complex(*args, **kwargs):
        raise budget.TooComplex("too complex to read (over 4 s of CPU)")

    monkeypatch.setattr(pipeline, "bounded", too_complex)
    text = pipeline.post_text(site, parsed)
    assert (
        text.text == parsed.body
        and text.problem == "too complex to read (over 4 s of CPU): searched by its source text"
    )
    shown = pipeline.show_post(site, "_posts/2022-01-21-news.md")
    assert shown.meta.error.startswith("too complex to read") and shown.html == ""


def _count_reads(monkeypatch) -> Counter:
    """Each read of a post by the pipeline, by path: the view's and the text phase's (read_head), the metadata
    phase's, which also takes the file's stat (read_head_stat)."""
    reads: Counter = Counter()
    for name in ("read_head", "read_head_stat"):
        real = getattr(pipeline, name)

        def counted(site, relpath, limit=limits.INDEX_LIMIT, real=real):
            reads[relpath] += 1
            return real(site, relpath, limit)

        monkeypatch.setattr(pipeline, name, counted)
    return reads


def _news_library(root: Path, count: int) -> Path:
    for i in range(count):
        text = NEWS.replace("上合组织五国外交官直播", f"第{i}篇新闻").replace("年货节", f"年货节{i}号")
        (root / "_posts").mkdir(parents=True, exist_ok=True)
        (root / "_posts" / f"2022-01-{i % 28 + 1:02d}-n{i}.md").write_text(text, encoding="utf-8")
    return root


def test_a_refresh_reads_each_changed_file_once(tmp_path, monkeypatch):
    root = _news_library(tmp_path / "lib", 30)
    library = Library(root, data_dir=tmp_path / "data")
    try:
        reads = _count_reads(monkeypatch)
        phases: list[tuple[str, int, int]] = []
        report = library.refresh(progress=lambda *args: phases.append(args))
        assert report.added == 30 and library.text_progress() == (30, 30)
        assert set(reads.values()) == {1} and len(reads) == 30
        assert ("metadata", 30, 30) in phases and ("text", 0, 0) in phases
        assert [h.post.path for h in library.search("年货节7号")] == ["_posts/2022-01-08-n7.md"]
        reads.clear()
        (root / "_posts" / "2022-01-08-n7.md").write_text(NEWS.replace("年货节", "元宵节"), encoding="utf-8")
        library.refresh()
        assert reads == Counter({"_posts/2022-01-08-n7.md": 1})
        assert [h.post.path for h in library.search("元宵节")] == ["_posts/2022-01-08-n7.md"]
        assert library.search("年货节7号").hits == ()
    finally:
        library.close()


def test_a_large_first_build_lists_first_then_reads_for_the_text(tmp_path, monkeypatch):
    from reader.core import library as library_module

    monkeypatch.setattr(library_module, "_SHARED_READ_MAX", 10)
    root = _news_library(tmp_path / "lib", 30)
    library = Library(root, data_dir=tmp_path / "data")
    try:
        reads = _count_reads(monkeypatch)
        phases: list[tuple[str, int, int]] = []
        library.refresh(progress=lambda *args: phases.append(args))
        assert set(reads.values()) == {2} and len(reads) == 30
        assert ("metadata", 30, 30) in phases and ("text", 30, 30) in phases
        assert phases.index(("metadata", 30, 30)) < phases.index(("text", 0, 30))
        assert library.text_progress() == (30, 30) and len(library.search("年货节").hits) == 30
    finally:
        library.close()


def test_back_links_are_remembered_per_site(tmp_path):
    # The same link names a category on the site whose URL it is, and nothing on another site.
    post = "---\ntitle: t\ncategories: x\n---\nbody\n\n[返回新闻](https://news.example/category/x.html)\n"
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text(post, encoding="utf-8")
    own = Site("jekyll", tmp_path, tmp_path, url="https://news.example")
    other = Site("jekyll", tmp_path, tmp_path, url="https://elsewhere.example")
    rel = "_posts/2024-01-01-a.md"
    for _ in range(2):  # the second time from the memo
        assert _index_post(own, rel).back_links == [("category", "x", "新闻")]
        assert _index_post(other, rel).back_links == []
        assert _index_post(Site("jekyll", tmp_path, tmp_path, url="https://news.example"), rel).back_links == [
            ("category", "x", "新闻")
        ]
