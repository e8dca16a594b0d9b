"""Tests for reader.core.link_routing: where a link or an image in a post leads, through a real Library over
a small Jekyll site and an Obsidian vault: another post, a category or tag, an anchor, outside, or nowhere."""

from __future__ import annotations

import os

import pytest

from reader.core.library import Library
from reader.core.types import LinkTarget


def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    root = tmp_path_factory.mktemp("blog") / "site"
    _write(root / "_config.yml", "url: https://example.org\nbaseurl: /blog\n")
    _write(root / "_posts" / "2022-01-21-ev-sales.md", "---\ntitle: 新能源汽车\npermalink: /2022/ev/\n---\n正文\n")
    _write(root / "_posts" / "2022-02-01-second.md", "---\ntitle: 第二篇\n---\n[上一篇](2022-01-21-ev-sales.md)\n")
    (root / "assets").mkdir()
    (root / "assets" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _write(root.parent / "secret.png", "not in the library")
    os.symlink(root.parent / "secret.png", root / "assets" / "link-out.png")
    library = Library(root, data_dir=tmp_path_factory.mktemp("data"))
    library.refresh()
    yield library
    library.close()


def _id(library: Library, path: str) -> int:
    post_id = library.post_id(path)
    assert post_id is not None, path
    return post_id


@pytest.mark.parametrize(
    "href, kind, key",
    [
        ("#notes", "anchor", "notes"),
        ("category:财经", "category", "财经"),
        ("tag:%E6%B1%BD%E8%BD%A6", "tag", "汽车"),
    ],
)
def test_anchors_and_label_links(blog, href, kind, key):
    assert blog.resolve_link(None, href) == LinkTarget(kind, key=key)


def test_a_post_url_and_a_relative_path_lead_to_the_post(blog):
    ev = _id(blog, "_posts/2022-01-21-ev-sales.md")
    second = _id(blog, "_posts/2022-02-01-second.md")
    assert blog.resolve_link(second, "post-url:2022-01-21-ev-sales") == LinkTarget("post", post_id=ev)
    assert blog.resolve_link(second, "2022-01-21-ev-sales.md") == LinkTarget("post", post_id=ev)
    assert blog.resolve_link(second, "./2022-01-21-ev-sales.md#part") == LinkTarget("post", post_id=ev)


def test_the_sites_own_urls_lead_to_its_posts(blog):
    ev = _id(blog, "_posts/2022-01-21-ev-sales.md")
    assert blog.resolve_link(None, "/blog/2022/ev/") == LinkTarget("post", post_id=ev)  # its permalink
    assert blog.resolve_link(None, "https://example.org/blog/2022/ev/").post_id == ev
    # Jekyll's default URL of a post: /:categories/:year/:month/:day/:title.html
    second = blog.resolve_link(None, "https://example.org/blog/2022/02/01/second.html")
    assert second == LinkTarget("post", post_id=_id(blog, "_posts/2022-02-01-second.md"))


def test_a_page_of_the_site_not_in_the_library_opens_on_the_site(blog):
    assert blog.resolve_link(None, "/blog/feed.xml") == LinkTarget("external", url="https://example.org/blog/feed.xml")


def test_other_sites_go_to_the_browser_and_unsafe_schemes_nowhere(blog):
    assert blog.resolve_link(None, "https://other.example.com/a?b=1") == LinkTarget(
        "external", url="https://other.example.com/a?b=1"
    )
    assert blog.resolve_link(None, "javascript:alert(1)").kind == "refused"


def test_a_link_to_no_post_is_missing_with_its_name(blog):
    assert blog.resolve_link(None, "post-url:2030-01-01-never") == LinkTarget("missing", key="2030-01-01-never")
    assert blog.resolve_link(None, "gone.md").kind == "missing"


def test_images_resolve_inside_the_library_only(blog):
    ev = _id(blog, "_posts/2022-01-21-ev-sales.md")
    chart = blog.resolve_resource(ev, "/blog/assets/chart.png")
    assert chart is not None and chart.read_bytes().startswith(b"\x89PNG")
    relative = blog.resolve_resource(ev, "../assets/chart.png")  # from _posts/
    assert relative is not None and relative.resolve() == chart.resolve()
    assert blog.resolve_resource(ev, "/blog/assets/link-out.png") is None  # a link out of the library
    assert blog.resolve_resource(ev, "https://example.org/blog/assets/chart.png") == chart  # the site's own URL
    assert blog.resolve_resource(ev, "https://evil.example/x.png") is None
    assert blog.resolve_resource(ev, "/blog/assets/none.png") is None


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    root = tmp_path_factory.mktemp("vault") / "笔记"
    _write(root / ".obsidian" / "app.json", "{}")
    _write(root / "Daily" / "2024-05-01.md", "今天 [[Loose ends#Questions|问题]] ![[卡片.png]]\n")
    _write(root / "Ideas" / "Loose ends.md", "# Questions\n")
    _write(root / "Other" / "Loose ends.md", "the same name in another folder\n")
    (root / "附件").mkdir()
    (root / "附件" / "卡片.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".trash").mkdir()
    (root / ".trash" / "old.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    library = Library(root, data_dir=tmp_path_factory.mktemp("data"))
    library.refresh()
    yield library
    library.close()


def test_wikilinks_lead_to_the_note_by_name_or_by_path(vault):
    daily = _id(vault, "Daily/2024-05-01.md")
    found = vault.resolve_link(daily, "wikilink:Loose%20ends#Questions")
    assert found.kind == "post" and found.post_id in (
        _id(vault, "Ideas/Loose ends.md"),
        _id(vault, "Other/Loose ends.md"),
    )
    assert vault.resolve_link(daily, "wikilink:Other/Loose%20ends") == LinkTarget(
        "post", post_id=_id(vault, "Other/Loose ends.md")
    )
    assert vault.resolve_link(daily, "wikilink:Nowhere") == LinkTarget("missing", key="Nowhere")


def test_embedded_attachments_are_found_by_name_anywhere_but_in_hidden_folders(vault):
    daily = _id(vault, "Daily/2024-05-01.md")
    found = vault.resolve_resource(daily, "wikilink:%E5%8D%A1%E7%89%87.png")
    assert found is not None and found.name == "卡片.png" and found.parent.name == "附件"
    assert vault.resolve_resource(daily, "wikilink:old.png") is None
