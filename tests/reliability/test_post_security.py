"""A post cannot read files outside the library, reach the network or run anything."""

from __future__ import annotations

import os
import re
import socket
import threading
from pathlib import Path

import pytest

from reader.core import indexer as indexer_module
from reader.core import scanner as scanner_module
from reader.core.errors import PostError, RefusedFile
from reader.core.library import Library
from reader.core.render import RenderContext, render_body
from reader.core.sanitize import sanitize_html
from reader.core.scanner import open_inside, scan
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


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "../../../../../../etc/passwd",
        "/../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "img/evil.png",
        "img/../../../../etc/passwd",
        "/etc/passwd",
        "wikilink:../../etc/passwd",
        "https://tracker.example/pixel.png",
        "//tracker.example/p.gif",
        "data:image/png;base64,AAAA",
        "\\\\server\\share\\x.png",
    ],
)
def test_resolve_resource_refuses_everything_outside(hostile, src):
    library, post_id = hostile
    assert library.resolve_resource(post_id, src) is None


def test_resolve_resource_still_finds_files_inside(hostile):
    library, post_id = hostile
    assert library.resolve_resource(post_id, "img/good.png") == library.root / "_posts" / "img" / "good.png"
    alias = library.resolve_resource(post_id, "img/alias.png")  # a link that stays inside is fine
    assert alias is not None and os.path.realpath(alias).startswith(str(library.root))


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "ftp://example.com/x",
        "smb://server/share",
        "x-apple-systempreferences:",
        "ms-settings:",
        "tel:123",
    ],
)
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
    for bad in (
        "<link",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "url(",
        "style=",
        "javascript:",
        "file:",
        "data:",
        "@import",
        "@font-face",
    ):
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
    body = '{% include /etc/passwd %}{% include_relative ../../../etc/passwd %}{{ readFile "/etc/passwd" }}'
    html = sanitize_html(render_body(body, "markdown", RenderContext(site=site, relpath="_posts/a.md")))
    assert "root:" not in html


def test_text_after_an_embed_is_kept():
    assert "after" in sanitize_html('<p>a</p><embed src="https://evil.example/x"><p>after</p>')


SECRET = "root:$6$secret-hash:19000:0:99999:7:::\n"


@pytest.fixture
def indexed(tmp_path, data_dir):
    """A small indexed library, and a secret file beside it that no post may ever show."""
    root = small_site(tmp_path / "lib")
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    library = Library(root, data_dir=data_dir)
    library.refresh()
    yield library, root, secret
    library.close()


def _in_thread(func, *args):
    """func(*args) in a thread that may block (a FIFO opened for reading waits for a writer): (result, error)."""
    out: list = []

    def run():
        try:
            out.append((func(*args), None))
        except Exception as error:  # noqa: BLE001 - handed back to the test
            out.append((None, error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(5)
    assert out, "blocked for 5 s"
    return out[0]


def test_a_post_replaced_by_a_link_out_after_indexing_is_not_read(indexed):
    library, root, secret = indexed
    rel = "_posts/2022-01-01-post0.md"
    (root / rel).unlink()
    os.symlink(secret, root / rel)
    with pytest.raises(PostError) as caught:
        library.get_post(library.post_id(rel))
    assert str(caught.value) == f"{rel}: cannot be read: symbolic link pointing outside the library"
    with pytest.raises(PostError):
        library.get_post(library.post_id(rel), full=True)
    assert "secret-hash" not in "".join(s.text for s in library.snippets("root", [library.post_id(rel)]).values())


def test_a_post_whose_folder_became_a_link_out_is_not_read(indexed, tmp_path):
    library, root, secret = indexed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2022-01-02-post1.md").write_text(SECRET, encoding="utf-8")
    (root / "_posts").rename(tmp_path / "moved")
    os.symlink(elsewhere, root / "_posts")
    with pytest.raises(PostError, match="symbolic link pointing outside the library"):
        library.get_post(library.post_id("_posts/2022-01-02-post1.md"))


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_post_replaced_by_a_fifo_or_a_folder_fails_at_once(indexed, kind):
    library, root, _ = indexed
    rel = "_posts/2022-01-03-post2.md"
    (root / rel).unlink()
    os.mkfifo(root / rel) if kind == "fifo" else (root / rel).mkdir()
    _, error = _in_thread(library.get_post, library.post_id(rel))
    expected = "not a regular file (FIFO)" if kind == "fifo" else "not a regular file (folder)"
    assert isinstance(error, PostError) and str(error) == f"{rel}: cannot be read: {expected}"


def test_a_swap_between_the_check_and_the_open_is_caught_on_the_opened_file(indexed, monkeypatch, tmp_path):
    """The last part is opened with O_NOFOLLOW, and the opened file's own path is checked."""
    library, root, secret = indexed
    monkeypatch.setattr(scanner_module.os.path, "realpath", lambda p, **kw: os.path.abspath(p))  # the race
    rel = "_posts/2022-01-01-post0.md"
    (root / rel).unlink()
    os.symlink(secret, root / rel)
    with pytest.raises(RefusedFile, match="was replaced by a symbolic link"):
        open_inside([root], rel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2022-01-02-post1.md").write_text(SECRET, encoding="utf-8")
    (root / "_posts").rename(tmp_path / "moved")
    os.symlink(elsewhere, root / "_posts")  # a folder on the way swapped: O_NOFOLLOW does not see it
    with pytest.raises(RefusedFile, match="symbolic link pointing outside the library"):
        open_inside([root], "_posts/2022-01-02-post1.md")


def test_a_post_swapped_between_the_scan_and_the_indexer_is_not_indexed(tmp_path, data_dir, monkeypatch):
    root = small_site(tmp_path / "lib")
    secret = tmp_path / "shadow"
    secret.write_text("---\ntitle: 秘密\n---\nsecret-hash\n", encoding="utf-8")
    rel = "_posts/2022-01-01-post0.md"

    def scan_then_swap(site, cancelled=None, **options):
        result = scan(site, cancelled, **options)
        (root / rel).unlink()
        os.symlink(secret, root / rel)
        return result

    monkeypatch.setattr(indexer_module, "scan", scan_then_swap)
    library = Library(root, data_dir=data_dir)
    try:
        library.refresh()
        assert len(library.search("secret")) == 0 and len(library.search("秘密")) == 0
        problems = {p.path: p.message for p in library.problems()}
        assert problems == {rel: "cannot be read: symbolic link pointing outside the library"}
    finally:
        library.close()


def test_lone_file_follows_the_link_it_was_given_but_refuses_a_fifo(tmp_path):
    real = tmp_path / "notes" / "today.md"
    real.parent.mkdir()
    real.write_text("# 今天\n\n正文\n", encoding="utf-8")
    os.symlink(real, tmp_path / "link.md")
    assert "正文" in Library.read_lone_file(tmp_path / "link.md").text
    os.mkfifo(tmp_path / "fifo.md")
    _, error = _in_thread(Library.read_lone_file, tmp_path / "fifo.md")
    assert isinstance(error, PostError) and "not a regular file (FIFO)" in str(error)


def test_resolve_resource_refuses_a_fifo_and_a_link_out_by_the_same_rule(hostile):
    library, post_id = hostile
    img = Path(library.root) / "_posts" / "img"
    os.mkfifo(img / "pipe.png")
    os.unlink(img / "good.png")
    os.symlink("/etc/hostname", img / "good.png")  # what was an image inside is now a link out
    for src in ("img/pipe.png", "img/good.png", "img/alias.png"):
        assert _in_thread(library.resolve_resource, post_id, src) == (None, None), src
