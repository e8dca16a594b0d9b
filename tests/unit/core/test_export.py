"""The export of one post: its public link, its Markdown as written, one self-contained HTML file."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from reader.core import export
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.types import PostMeta, Site
from tests.corpus import CORPUS, FIXTURES

ZHIBO = "_posts/2022-01-21-zhibo-daihuo.md"


def _site(url=None, baseurl="") -> Site:
    return Site(kind="jekyll", root=Path("/lib"), library_root=Path("/lib"), url=url, baseurl=baseurl)


def _meta(**kw) -> PostMeta:
    return PostMeta(path="_posts/2022-01-21-a b.md", title="T", date=None, sort_key=None, **kw)


def test_the_public_url_is_the_site_url_baseurl_and_permalink():
    site = _site("https://news.example.org", "/clips")
    assert (
        export.public_url(site, _meta(permalink="/2022/01/a.html")) == "https://news.example.org/clips/2022/01/a.html"
    )
    assert export.public_url(site, _meta()) is None
    assert export.public_url(_site(), _meta(permalink="/a.html")) is None


def test_the_link_falls_back_to_the_file_url_and_the_original_prefers_the_source_link():
    assert export.post_link(_site(), _meta()) == "file:///lib/_posts/2022-01-21-a%20b.md"
    site = _site("https://x.org")
    assert export.original_url(site, _meta(permalink="/a", source_url="https://src.cn/1")) == "https://src.cn/1"
    assert export.original_url(site, _meta(permalink="/a")) == "https://x.org/a"
    assert export.original_url(_site(), _meta()) is None


def test_a_markdown_link_escapes_the_title_and_the_link():
    assert (
        export.markdown_link("【快讯】 [1] 新闻", "https://x.org/a (b)")
        == r"[【快讯】 \[1\] 新闻](https://x.org/a%20%28b%29)"
    )
    assert export.markdown_link("  ", "https://x.org/") == "[https://x.org/](https://x.org/)"


def test_the_format_comes_from_the_extension_unless_given():
    assert [export.export_format(f) for f in ("a.PDF", "a.htm", "a.html", "a.md", "a.markdown")] == [
        "pdf",
        "html",
        "html",
        "md",
        "md",
    ]
    assert export.export_format("a.txt", "md") == "md"
    with pytest.raises(ReaderError, match="a.txt: cannot tell the format"):
        export.export_format("a.txt")


@pytest.fixture
def jekyll(tmp_path) -> Library:
    """The jekyll fixture copied, with one post holding a remote image, a script and a path out of the library."""
    root = tmp_path / "jekyll"
    shutil.copytree(FIXTURES / "jekyll", root)
    (root / "_posts" / "2022-02-02-mixed.md").write_text(
        "---\ntitle: 图文混排\ndate: 2022-02-02\n---\n"
        '<p>前言<img src="https://img.example.com/pics/a.jpg" alt="远程图"></p>\n'
        '<script>alert(1)</script><p onclick="x()">正文</p>\n'
        '<p><img src="../../../etc/passwd.png" alt="越界"><img src="/assets/images/zhibo.png" alt="本地"></p>\n',
        encoding="utf-8",
    )
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    yield library
    library.close()


def test_markdown_export_is_the_files_front_matter_and_body(jekyll):
    post_id = jekyll.post_id(ZHIBO)
    written = (jekyll.root / ZHIBO).read_text(encoding="utf-8")
    assert written.startswith("---\nlayout: post\ntitle:")
    assert export.export_text(jekyll, post_id, "md") == written


def test_html_export_inlines_library_images_and_runs_no_script(jekyll):
    post = jekyll.get_post(jekyll.post_id(ZHIBO), full=True)
    page = export.html_document(jekyll, post)
    assert "<script" not in page.lower() and "onclick" not in page
    assert "<h1>外交官走进直播间 推介家乡特产</h1>" in page
    assert "2022-01-21" in page and "jingji" in page and "#经济新闻" in page
    inlined = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(inlined) == 1
    assert base64.b64decode(inlined[0]) == (jekyll.root / "assets/images/zhibo.png").read_bytes()
    assert "https://news.example.org/source/20220121.html" in page  # the source line
    assert "default-src 'none'" in page  # nothing is fetched, even if a remote URL got through


def test_html_export_leaves_remote_and_outside_images_as_placeholders(jekyll):
    post = jekyll.get_post(jekyll.post_id("_posts/2022-02-02-mixed.md"), full=True)
    page = export.html_document(jekyll, post)
    assert "<script" not in page.lower() and "alert(1)" not in page and "onclick" not in page
    assert not any("img.example.com" in tag for tag in re.findall(r"<img[^>]*>", page))
    assert '<span class="placeholder">image not included: 远程图 (img.example.com)</span>' in page
    assert "image blocked: passwd.png" in page and "/etc/passwd" not in page
    assert page.count('src="data:image/png;base64,') == 1  # the root-relative one, from the library


def test_html_export_shows_a_source_link_once_when_the_body_ends_with_it(jekyll):
    # finews: the body's last lines are the source as an autolink, then the "back to" links.
    url = "http://finance.eastmoney.com/news/1350,202112082207168450.html"
    (jekyll.root / "_posts" / "2021-12-08-finews.md").write_text(
        "---\ntitle: 广东外贸\ndate: 2021-12-08 15:46:00 +0800\ncategories: emnews\n---\n"
        f"进出口增长超3倍。\n\n<{url}>\n\n[返回东财滚动新闻](//finews.withounder.com/emnews/)\n",
        encoding="utf-8",
    )
    jekyll.refresh()
    post = jekyll.get_post(jekyll.post_id("_posts/2021-12-08-finews.md"), full=True)
    assert post.meta.source_url == url
    page = export.html_document(jekyll, post)
    assert page.count(f">{url}</a>") == 1 and 'class="source"' not in page


def test_write_export_writes_utf8(jekyll, tmp_path):
    target = export.write_export(jekyll, jekyll.post_id(ZHIBO), "html", tmp_path / "out.html")
    assert "外交官走进直播间" in target.read_text(encoding="utf-8")


@pytest.mark.corpus
def test_html_export_of_an_18f_post_inlines_its_asset_image(tmp_path):
    # The post, its image and the site's settings, copied as they lie: indexing all of 18f's posts
    # for this one took 4-12 s.
    post, logo_path = (
        "_posts/2014-05-11-18f-shows-what-is-possible-in-government-with-fbopen.md",
        "assets/blog/fbopen/fbopen-pilot-logo.png",
    )
    for rel in ("_config.yml", post, logo_path):
        (tmp_path / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / "18f-jekyll" / rel, tmp_path / "site" / rel)
    library = Library(tmp_path / "site", data_dir=tmp_path / "data")
    library.refresh()
    try:
        page = export.export_text(library, library.post_id(post), "html")
    finally:
        library.close()
    logo = (CORPUS / "18f-jekyll" / logo_path).read_bytes()
    assert "data:image/png;base64," + base64.b64encode(logo).decode() in page
    assert "<script" not in page.lower()


def test_image_sources_are_classified_once_for_view_print_and_export(tmp_path):
    local = tmp_path / "a.png"
    resolve = {"/a.png": local}.get
    post = "_posts/2022-01-01-x.md"
    assert export.image_source(resolve, post, " /a.png ") == export.ImageSource("local", local, "a.png")
    assert export.image_source(resolve, post, "https://img.cn/p/b%20c.jpg?x=1") == export.ImageSource(
        "remote", name="b c.jpg", host="img.cn"
    )
    assert export.image_source(resolve, post, "//img.cn/d.jpg").kind == "remote"
    assert export.image_source(resolve, post, "data:image/png;base64,AAAA") == export.ImageSource(
        "blocked", name="data:"
    )
    assert export.image_source(resolve, post, "wikilink:%E5%9B%BE.png") == export.ImageSource("missing", name="图.png")
    assert export.image_source(resolve, post, "../../x.png") == export.ImageSource("blocked", name="x.png")
    assert export.image_source(resolve, post, "file:///etc/x.png").kind == "blocked"
    assert export.image_source(resolve, post, "../img/y.png") == export.ImageSource("missing", name="y.png")
