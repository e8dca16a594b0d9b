"""Reading one post file that belongs to no library, without indexing anything (no Qt)."""

from __future__ import annotations

from pathlib import Path

from ..core import PostError
from ..core.pipeline import show_post
from ..core import Post, Site

LONE_POST_ID = -1  # never a row id of an index
MAX_BYTES = 32 * 1024 * 1024  # a "post" larger than this is not an article; don't freeze on it


def read_lone_post(path: Path) -> Post:
    """Render `path` as a post of a plain folder site; raises PostError if it cannot be read."""
    path = Path(path).resolve()  # a link the user opened is followed; the file itself must be a regular one
    site = Site(kind="folder", root=path.parent, library_root=path.parent)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PostError(str(path), f"is too large to show ({path.stat().st_size:,} bytes)")
        shown = show_post(site, path.name, full=True)  # the library's own reading path, all of it
    except OSError as error:
        raise PostError(str(path), f"cannot be read: {error.strerror or error}") from error
    return Post(id=LONE_POST_ID, meta=shown.meta, html=shown.html, text=shown.text)
