"""The facade's files beyond the index (a part Library inherits): a post written out, a library image read,
a lone post file of no library shown; and the warm-ups of the view and of search. Each imports its module when
called: they read posts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PostError, ReaderError
from .types import Post, Site

if TYPE_CHECKING:
    from .store import Store

LONE_POST_ID = -1  # never a row id of an index
LONE_MAX_BYTES = 32 * 1024 * 1024  # a "post" larger than this is not an article; don't freeze on it


class LibraryFiles:
    """Library's export, image, lone-file and warm-up methods (what they read of a library is Library's)."""

    def _store(self) -> Store:
        raise NotImplementedError  # Library's

    def export_post(self, post_id: int, fmt: str, target: str | Path, labels: dict[str, str] | None = None) -> Path:
        """Write the post as "html" (one self-contained file) or "md" (its file as written) to `target`, UTF-8;
        the path written. `labels` name its categories and tags. PDF needs Qt: reader.gui.print_pdf."""
        from .export import write_export

        return write_export(self, post_id, fmt, target, labels)  # type: ignore[arg-type]  # self is a Library

    def read_image(self, path: Path) -> bytes | None:
        """An image file of the library, read the safe way (inside the library, a regular file, not too big),
        or None; `path` as resolve_resource gives it."""
        from .export import read_image

        return read_image(self, path)  # type: ignore[arg-type]  # self is a Library

    @staticmethod
    def read_lone_file(path: Path) -> Post:
        """A post file that belongs to no library, rendered whole as a plain folder's post, indexing nothing;
        raises PostError if it cannot be read. A link given is followed; the file itself must be a regular one."""
        from .pipeline import show_post

        path = Path(path).resolve()
        site = Site(kind="folder", root=path.parent, library_root=path.parent)
        try:
            if path.stat().st_size > LONE_MAX_BYTES:
                raise PostError(str(path), f"is too large to show ({path.stat().st_size:,} bytes)")
            shown = show_post(site, path.name, full=True)  # the library's own reading path, all of it
        except OSError as error:
            raise PostError(str(path), f"cannot be read: {error.strerror or error}") from error
        return Post(id=LONE_POST_ID, meta=shown.meta, html=shown.html, text=shown.text)

    def warm_search(self) -> None:
        """The first search's costs paid ahead (Store.warm_search), on this thread's connection: call it on the
        worker that will search, once the library is listed. Cheap when the text is not indexed; never raises."""
        try:
            store = self._store()
        except ReaderError:
            return  # the index cannot be opened again: the search that follows says so
        store.warm_search()

    @staticmethod
    def warm_up() -> Post:
        """The core's part of a post's way to the view (markdown-it, nh3, lxml), once, on a few bytes in memory
        (no file is read): call it on a worker so that the first post opened does not pay for starting them."""
        from .pipeline import warm_up

        shown = warm_up()
        return Post(id=LONE_POST_ID, meta=shown.meta, html=shown.html, text=shown.text)
