"""One post's way from its file to the index and to the view, each stage called from here alone.

    read          limits.read_head      the first bytes of the file, cut on a whole character
    decode        decode.decode_bytes   \\
    front matter  frontmatter.read_front_matter   } parse.parse_post: bytes -> ParsedPost, never raises
    metadata      metadata.build_meta   /          (its problems go in meta.error)
    body          parse.extract_links   the body source, its format and its links
    HTML          render.render_body    Markdown, Liquid, shortcodes (render_for_text for the index: an
                                        HTML body and plain lines and links do not go through markdown-it)
    text          text.html_to_text     plain text for the index and the snippets

The indexer's metadata phase (index_posts), its text phase (titled_text) and the snippets (text_of),
the view and lone files (show_post) all go this way. Parsing has the per-file budget (budget.py),
rendering and extracting the text another; the view takes the whole way under one.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from . import budget
from .budget import TooComplex, bounded
from .limits import INDEX_LIMIT, SHOW_READ_LIMIT, read_head, read_head_stat, truncate_body
from .links import back_link
from .parse import parse_body, parse_post, parse_posts, unreadable_meta
from .types import ParsedPost, PostMeta, Site

# "Show the whole article" (full=True) may take this many times the per-file budget (budget.py).
FULL_BUDGET_SCALE = 5


@dataclass(frozen=True)
class PostText:
    """A post as the full-text index and the snippets see it."""

    title: str
    text: str
    problem: str | None = None  # a post over its budget is indexed by its source text, and this says so


class IndexedPost(NamedTuple):
    """What the metadata phase takes from one file (and its text, when the text phase is pending too).
    A tuple: 0.33 against 0.58 us a post as a frozen dataclass."""

    meta: PostMeta
    back_links: list  # (kind, key, label) category and tag names its links give (links.back_link)
    text: PostText | None = None


@dataclass(frozen=True)
class ShownPost:
    """A post made ready for the view: what `Library.get_post` turns into a `Post`."""

    meta: PostMeta
    html: str  # sanitised
    text: str
    truncated: bool  # True when only the start of the body is shown; full=True shows all of it


def read_post(
    site: Site,
    relpath: str,
    limit: int | None = INDEX_LIMIT,
    *,
    links: bool = True,
    data: bytes | OSError | None = None,
) -> ParsedPost:
    """Read (the first `limit` bytes of) one file and parse it; an OSError becomes the post's
    problem, never an exception. The indexer reads INDEX_LIMIT: a 50 MB post must not take the
    workers' memory. `links=False`: the body's links are not looked for (only the metadata
    phase needs them: 0.03 ms a post). `data`: what head() read of it already."""
    data = head(site, relpath, limit) if data is None else data
    if isinstance(data, OSError):
        return _not_read(site, relpath, data)
    return parse_post(site, relpath, data, links=links)


def _not_read(site: Site, relpath: str, error: OSError) -> ParsedPost:
    parsed = parse_post(site, relpath, b"")
    return parsed._replace(meta=replace(parsed.meta, error=f"cannot be read: {error.strerror or error}"))


def head(site: Site, relpath: str, limit: int | None = INDEX_LIMIT) -> bytes | OSError:
    """The first `limit` bytes of a post, or the OSError reading it raised (read_post makes it the post's problem)."""
    try:
        return read_head(site, relpath, limit)[0]
    except OSError as exc:
        return exc


def head_stat(site: Site, relpath: str) -> tuple[bytes, int, int] | OSError:
    """head() for the index, and the file's mtime_ns and size as it was opened (limits.read_head_stat)."""
    try:
        return read_head_stat(site, relpath)
    except OSError as exc:
        return exc


def post_html(site: Site, parsed: ParsedPost, body: str | None = None, *, for_text: bool = False) -> str:
    """The HTML of a parsed post's body (or of `body`, a part of it), not yet sanitised; `for_text`:
    only its text matters (render.render_for_text: an HTML body is not rendered through markdown-it)."""
    from . import render  # here: a new index's first rows are written before any render

    make = render.render_for_text if for_text else render.render_body
    return make(
        parsed.body if body is None else body,
        parsed.body_format,
        render.RenderContext(site=site, relpath=parsed.meta.path),
    )


def post_text(site: Site, parsed: ParsedPost) -> PostText:
    """A parsed post's title and plain text. Rendering has the per-file budget: a post over it
    is indexed by its source text as written, and the problem says so."""
    from .text import html_to_text

    def extract() -> str:
        try:
            return html_to_text(post_html(site, parsed, for_text=True))
        except Exception as exc:  # noqa: BLE001 - a renderer bug must not stop the library: index the raw body
            return f"{parsed.body}\n[render failed: {exc}]"

    try:
        return PostText(parsed.meta.title, bounded(extract))
    except TooComplex as exc:
        return PostText(parsed.meta.title, parsed.body, f"{exc}: searched by its source text")


def text_of(site: Site, relpath: str) -> PostText:
    """One file read, parsed and brought to text: the text phase and the search snippets."""
    return post_text(site, read_post(site, relpath, links=False))


def titled_text(site: Site, relpath: str, title: str) -> PostText:
    """text_of for the text phase, whose index holds the post's title: its body is read and brought to
    text, its metadata not made again (parse.parse_body: 25 us a news post less)."""
    data = head(site, relpath)
    if isinstance(data, OSError):
        return post_text(site, _not_read(site, relpath, data))
    return post_text(site, parse_body(site, relpath, data, title))


def index_posts(site: Site, items: Sequence[tuple[str, bytes | OSError]], with_text: bool = False) -> list[IndexedPost]:
    """The metadata phase's reading of files already read (head()'s (relpath, data), parsed step by step
    across them: parse.parse_posts): each one's metadata, the category and tag names its links give,
    and (`with_text`, when its text is to be indexed in the same refresh) its text from the same read."""
    parsed = iter(parse_posts(site, [(rel, data) for rel, data in items if not isinstance(data, OSError)]))
    posts = [_not_read(site, rel, data) if isinstance(data, OSError) else next(parsed) for rel, data in items]
    return [
        IndexedPost(
            post.meta,
            [b for href, text in post.links if (b := _BACK_LINKS.get(site, href, text, post.meta.categories))],
            post_text(site, post) if with_text else None,
        )
        for post in posts
    ]


class _BackLinkMemo:
    """links.back_link's answers, remembered for one site: finews ends every post with the same two
    links, its category's and the home page's (2 us each). Keyed without the site, which each chunk
    brings anew (comparing two Sites per link took as long as the answer)."""

    _MOST = 4096

    def __init__(self) -> None:
        self._site: Site | None = None
        self._known: dict[tuple, tuple[str, str, str] | None] = {}

    def get(self, site: Site, href: str, text: str, own: tuple[str, ...]) -> tuple[str, str, str] | None:
        if site is not self._site:
            if site != self._site:
                self._known = {}
            self._site = site
        key = (href, text, own)
        if key not in self._known:
            if len(self._known) >= self._MOST:
                self._known = {}
            self._known[key] = back_link(site, href, text, own)
        return self._known[key]


_BACK_LINKS = _BackLinkMemo()


def show_post(site: Site, relpath: str, *, full: bool = False, with_text: bool = True) -> ShownPost:
    """Read, parse, render and sanitise one post; unless `full`, only its first SHOW_LIMIT characters;
    its plain text too unless not `with_text` (the view has no use for it: 4 ms at 300 KB).

    Raises OSError when the file cannot be read (the caller names the file in a PostError).
    """
    from .sanitize import sanitize_html
    from .text import html_to_text

    data, cut = read_head(site, relpath, None if full else SHOW_READ_LIMIT)
    read: list[tuple[ParsedPost, str, bool]] = []

    def show() -> ShownPost:
        parsed = parse_post(site, relpath, data, links=False)
        body, shortened = (parsed.body, False) if full else truncate_body(parsed.body)
        read.append((parsed, body, cut or shortened))
        html = sanitize_html(post_html(site, parsed, body))
        return ShownPost(
            meta=parsed.meta, html=html, text=html_to_text(html) if with_text else "", truncated=cut or shortened
        )

    # The whole of a huge post is asked for by name ("Show the whole article"): a larger budget.
    scale = FULL_BUDGET_SCALE if full else 1
    try:
        return bounded(show, cpu=budget.FILE_CPU_SECONDS * scale, memory=budget.FILE_MEMORY * scale)
    except TooComplex as exc:
        return _as_source(site, relpath, read[0] if read else None, str(exc))


def _as_source(site: Site, relpath: str, read: tuple[ParsedPost, str, bool] | None, problem: str) -> ShownPost:
    """A post over its budget: the problem, and its source as plain text (escaping is linear)."""
    if read is None:
        return ShownPost(meta=unreadable_meta(site, relpath, problem), html="", text="", truncated=False)
    parsed, body, truncated = read
    body, shortened = truncate_body(body)
    meta = replace(parsed.meta, error=problem)
    return ShownPost(meta=meta, html=f"<pre>{html_lib.escape(body)}</pre>", text=body, truncated=truncated or shortened)


_NOWHERE = Path("/nonexistent/warm-up")
_WARM_UP_POST = (
    "---\ntitle: 预热 warm-up\ndate: 2024-01-02 03:04:05 +0800\ntags: [a]\n---\n"
    "# 标题\n\n**正文**与[链接](other.md)，![图](a.png) `code` 和 <em>HTML</em>。\n\n> 引用\n"
).encode()


def warm_up() -> ShownPost:
    """The view's way of a post once, on a few bytes in memory (no file is read): the window calls it
    on a worker (gui/article_html.warm_up) so that the first post opened does not pay for importing
    and starting markdown-it, nh3 and lxml."""
    from .sanitize import sanitize_html
    from .text import html_to_text

    site = Site("jekyll", _NOWHERE, _NOWHERE)  # nothing is read from it
    parsed = parse_post(site, "_posts/2024-01-02-warm-up.md", _WARM_UP_POST)
    html = sanitize_html(post_html(site, parsed))
    return ShownPost(meta=parsed.meta, html=html, text=html_to_text(html), truncated=False)
