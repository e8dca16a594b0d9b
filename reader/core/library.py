"""The facade over the core: open a library folder, refresh its index, list, search and read posts.

This is the one object the CLI and the GUI use. It is safe to create one `Library`
per thread on the same folder: each opens its own SQLite connections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .types import Facet, Post, PostFilter, PostSummary, Problem, RefreshReport, SearchHit, Site

# progress(phase, done, total): phase is "scan", "metadata" or "text".
ProgressFn = Callable[[str, int, int], None]
# cancelled() -> True asks a running refresh to stop (it raises Cancelled).
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class LinkTarget:
    """Where a link in a post leads, as decided by `Library.resolve_link`."""

    kind: str  # "post", "category", "tag", "external", "anchor" or "missing"
    post_id: int | None = None
    key: str | None = None  # category or tag key, or the anchor name
    url: str | None = None  # for "external": the absolute URL to hand to the system browser


class Library:
    """One library folder with its index (a cache) and its reading state (user data).

    Signatures here are the contract the GUI and the CLI rely on.
    """

    site: Site
    root: Path  # the library folder, resolved

    def __init__(self, root, *, data_dir=None) -> None:
        """Open `root` (raises LibraryError if it is missing or not a folder). Does not scan."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- indexing -------------------------------------------------------------------------
    def refresh(self, progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                full_text: bool = True) -> RefreshReport:
        """Bring the index up to date: scan, metadata phase, then (unless full_text=False) text."""
        raise NotImplementedError

    def text_progress(self) -> tuple[int, int]:
        """(posts whose text is indexed, all posts): search is complete when they are equal."""
        raise NotImplementedError

    # --- lists ----------------------------------------------------------------------------
    def count(self, filter: PostFilter | None = None) -> int:
        raise NotImplementedError

    def list_ids(self, filter: PostFilter | None = None, sort: str = "date",
                 descending: bool = True) -> list[int]:
        """Ids of the matching posts in order. sort: "date", "title", "category" or "path"."""
        raise NotImplementedError

    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        """Rows for these ids, in the same order (missing ids are left out)."""
        raise NotImplementedError

    def list_posts(self, filter: PostFilter | None = None, sort: str = "date",
                   descending: bool = True) -> list[PostSummary]:
        raise NotImplementedError

    def facets(self, kind: str) -> list[Facet]:
        """kind: "category", "tag", "year" or "month"; each with its count and readable label."""
        raise NotImplementedError

    def problems(self) -> list[Problem]:
        raise NotImplementedError

    # --- posts ----------------------------------------------------------------------------
    def post_id(self, path: str) -> int | None:
        """The id of a post by its library-relative "/"-separated path."""
        raise NotImplementedError

    def get_post(self, post_id: int) -> Post:
        """Read the file again and render it (raises PostError if it vanished)."""
        raise NotImplementedError

    def resolve_link(self, from_post: int | None, href: str) -> LinkTarget:
        """Route a link clicked in a post: another post, a category or tag page, or outside."""
        raise NotImplementedError

    def resolve_resource(self, from_post: int | None, src: str) -> Path | None:
        """The file inside the library that an image src names, or None (remote, missing, outside)."""
        raise NotImplementedError

    # --- search ---------------------------------------------------------------------------
    def search(self, query: str, *, filter: PostFilter | None = None, limit: int = 200,
               offset: int = 0) -> list[SearchHit]:
        """Ranked hits for a query in the query language (raises QueryError)."""
        raise NotImplementedError

    # --- reading state --------------------------------------------------------------------
    def set_read(self, post_ids: Sequence[int], read: bool = True) -> None:
        raise NotImplementedError

    def set_starred(self, post_id: int, starred: bool) -> None:
        raise NotImplementedError

    def set_position(self, post_id: int, position: float) -> None:
        raise NotImplementedError

    def position(self, post_id: int) -> float:
        raise NotImplementedError
