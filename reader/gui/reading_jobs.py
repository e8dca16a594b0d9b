"""What Reading (reading.py) asks its workers for: a post read and its page parsed, by id or by its path, the unread
posts of a list; and a list row as a post's header."""

from __future__ import annotations

from dataclasses import replace

from ..core import Library, Post, PostFilter, PostMeta, PostSummary
from .article_html import PageDocument, PageSetup, PreparedBody, page_document, prepare_body


def load_post(
    library: Library, post_id: int, full: bool, setup: PageSetup | None = None
) -> tuple[Post, float, PreparedBody, PageDocument | None, dict[str, str]]:
    """On a worker: the post read and rendered, where the reader left it, its body made ready for the view,
    its page parsed by Qt, and the category and tag names that page shows."""
    post = library.get_post(post_id, full=full, with_text=False)  # the view shows the HTML
    body = prepare_body(post.html)
    if setup is None:
        return post, library.position(post_id), body, None, {}
    if not setup.labels:  # asked before the tree's names came (the article restored at start): the index's
        setup = replace(setup, labels=index_labels(library))  # or the view would parse the page again with them
    return post, library.position(post_id), body, page_document(post, body, setup), setup.labels


def find_and_load(
    library: Library, path: str, setup: PageSetup
) -> tuple[int, Post, float, PreparedBody, PageDocument | None, dict[str, str]] | None:
    """On a worker: the post at this library-relative path (None if the index has none), read as load_post reads it."""
    post_id = library.post_id(path)
    return None if post_id is None else (post_id, *load_post(library, post_id, False, setup))


def index_labels(library: Library) -> dict[str, str]:
    """The readable category and tag names as the tree gives them (tree_model.load_tree_data's facets)."""
    return library.labels("category") | library.labels("tag")


def unread_ids(library: Library, filter: PostFilter) -> set[int]:
    return set(library.list_ids(PostFilter(**{**filter.__dict__, "read": False})))


def header_post(summary: PostSummary) -> Post:
    """What the list already knows of a post, shown while its body is read."""
    meta = PostMeta(
        path=summary.path,
        title=summary.title,
        date=summary.date,
        sort_key=None,
        categories=summary.categories,
        tags=summary.tags,
        draft=summary.draft,
        error=summary.error,
    )
    return Post(id=summary.id, meta=meta, html="", text="")
