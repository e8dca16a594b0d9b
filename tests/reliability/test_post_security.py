"""A post cannot read files outside the library, reach the network or run anything."""

from __future__ import annotations

import os
import re
import socket

import pytest

from reader.core.library import Library
from reader.core.render import RenderContext, render_body
from reader.core.sanitize import sanitize_html

from tests.reliability.helpers import small_site

HOSTILE = """---
title: 恶意文章
---
<p>正文</p>
<img src="file:///etc/passwd"><img src="../../../../../../etc/passwd"><img src="/../../etc/hostname">
<img src="img/evil.png"><img src="https://tracker.example/pixel.png"><img src="//tracker.example/p.gif">
<link rel="stylesheet" href="https://evil.example/a.css"><iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/x.swf"></object>
<style>@import url(https://evil.example/i.css); @font-face { src: url(https://evil.example/f.woff) }</style>
<p style="background: url(https://evil.example/bg.png)">背景</p>
<a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a> <a href="data:text/html,x">data</a>
<embed src="https://evil.example/e">
"""


@pytest.fixture
def hostile(tmp_path, data_dir):
    root = small_site(tmp_path / "lib", {"_posts/2022-07-01-evil.md": HOSTILE})
    (root / "_posts" / "img").mkdir()
    os.symlink("/etc/passwd", root / "_posts" / "img" / "evil.png")
    (root / "_posts" / "img" / "good.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    os.symlink(root / "_posts" / "img" / "good.png", root / "_posts" / "img" / "alias.png")
    library = Library(root, data_dir=data_dir)
    library.refresh()
    yield library, library.post_id("_posts/2022-07-01-evil.md")
    library.close()


@pytest.mark.parametrize("src", [
    "file:///etc/passwd", "file://localhost/etc/passwd", "../../../../../../etc/passwd", "/../../../etc/passwd",
    "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "img/evil.png", "img/../../../../etc/passwd", "/etc/passwd",
    "wikilink:../../etc/passwd", "https://tracker.example/pixel.png", "//tracker.example/p.gif",
    "data:image/png;base64,AAAA", "\\\\server\\share\\x.png",
])
def test_resolve_resource_refuses_everything_outside(hostile, src):
    library, post_id = hostile
    assert library.resolve_resource(post_id, src) is None


def test_resolve_resource_still_finds_files_inside(hostile):
    library, post_id = hostile
    assert library.resolve_resource(post_id, "img/good.png") == library.root / "_posts" / "img" / "good.png"
    alias = library.resolve_resource(post_id, "img/alias.png")  # a link that stays inside is fine
    assert alias is not None and os.path.realpath(alias).startswith(str(library.root))


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>x</script>", "file:///etc/passwd", "vbscript:msgbox", "ftp://example.com/x",
    "smb://server/share", "x-apple-systempreferences:", "ms-settings:", "tel:123",
])
def test_resolve_link_refuses_other_schemes(hostile, href):
    library, post_id = hostile
    target = library.resolve_link(post_id, href)
    assert target.kind == "refused", (href, target)


@pytest.mark.parametrize("href", ["http://example.com/", "https://例子.测试/路径", "mailto:a@example.com"])
def test_resolve_link_sends_only_http_https_mailto_outside(hostile, href):
    library, post_id = hostile
    target = library.resolve_link(post_id, href)
    assert target.kind == "external" and target.url == href


def test_the_shown_post_holds_nothing_that_loads_or_runs(hostile):
    library, post_id = hostile
    html = library.get_post(post_id).html
    for bad in ("<link", "<iframe", "<object", "<embed", "<style", "url(", "style=", "javascript:", "file:",
                "data:", "@import", "@font-face"):
        assert bad not in html, bad
    # Relative paths stay in the HTML as the post wrote them; the view asks resolve_resource, which refuses.
    for src in re.findall(r'<img src="([^"]*)"', html):
        found = library.resolve_resource(post_id, src)
        assert found is None or str(os.path.realpath(found)).startswith(str(library.root)), src
    assert "正文" in html and "背景" in html
    # Remote images stay as references the view shows as placeholders; it never fetches them.
    assert 'src="https://tracker.example/pixel.png"' in html


def test_the_network_guard_catches_an_attempt(_no_outbound_connections):
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("203.0.113.9", 80), timeout=0.1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        assert s.connect_ex(("198.51.100.7", 443)) != 0
    finally:
        s.close()
    assert len(_no_outbound_connections) == 2
    _no_outbound_connections.clear()  # this test made them on purpose


def test_the_article_view_renders_a_hostile_post_without_network_or_disk(qtbot, hostile, _no_outbound_connections):
    from reader.gui.article_view import ArticleView

    library, post_id = hostile
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_library(library)
    view.resize(800, 600)
    view.show()
    view.show_post(library.get_post(post_id))
    qtbot.wait(50)
    text = view.toPlainText()
    assert "正文" in text and "root:" not in text
    assert _no_outbound_connections == []


def test_render_never_expands_includes_from_disk(tmp_path):
    """Liquid includes and Hugo readFile would read other files: the renderer must not."""
    from reader.core.types import Site

    site = Site("jekyll", tmp_path, tmp_path)
    body = "{% include /etc/passwd %}{% include_relative ../../../etc/passwd %}{{ readFile \"/etc/passwd\" }}"
    html = sanitize_html(render_body(body, "markdown", RenderContext(site=site, relpath="_posts/a.md")))
    assert "root:" not in html


def test_text_after_an_embed_is_kept():
    assert "after" in sanitize_html('<p>a</p><embed src="https://evil.example/x"><p>after</p>')
