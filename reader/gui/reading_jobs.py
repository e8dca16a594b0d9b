"""What Reading (reading.py) asks its workers for: a post read and its page parsed, by id or by its path, the unread
posts of a list; and a list row as a post's header."""

from __future__ import annotations

from ..core import Library, Post, PostFilter, PostMeta, PostSummary
from .article_html import PageDocument, PageSetup, PreparedBody, page_document, prepare_body
from .libraries_all import run_in_all


def load_post(
    library: Library, post_id: int, full: bool, setup: PageSetup | None = None
) -> tuple[Post, float, PreparedBody, PageDocument | None]:
    """On a worker: the post read and rendered, where the reader left it, its body made ready for the view
    and (given the view's setup) its page parsed by Qt."""
    post = library.get_post(post_id, full=full, with_text=False)  # the view shows the HTML
    body = prepare_body(post.html)
    return post, library.position(post_id), body, page_document(post, body, setup) if setup else None


def find_and_load(
    library: Library, path: str, setup: PageSetup
) -> tuple[int, Post, float, PreparedBody, PageDocument | None] | None:
    """On a worker: the post at this library-relative path (None if the index has none), read as load_post reads it
    (All libraries: on the post's own library, as the session runs every job about one post)."""
    post_id = library.post_id(path)
    return None if post_id is None else (post_id, *run_in_all(library, load_post, post_id, False, setup))  # type: ignore[arg-type]


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
