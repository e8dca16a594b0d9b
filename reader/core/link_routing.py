"""Where a link or an image in a post leads: another post, a category or tag, a library file, outside.

A part of `Library` (it reads `root`, `site` and the index through `_store()`), apart so that the
facade reads in one sitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import links
from .site_paths import file_stem, own_url
from .types import LinkTarget

if TYPE_CHECKING:
    from .store import Store
    from .types import Site


def _readable(path: Path, roots: Sequence[Path]) -> bool:
    """True when `path` may be read now by the scanner's rule: a regular file inside `roots`."""
    from .scanner import open_inside  # here: the scanner's date rules cost a listing command 15 ms of CPU

    try:
        with open_inside(roots, str(path)):
            return True
    except OSError:
        return False


class LinkRouting:
    """Link and image resolution for `Library`."""

    root: Path
    site: Site

    def _store(self) -> Store:
        raise NotImplementedError

    def resolve_link(self, from_post: int | None, href: str) -> LinkTarget:
        """Route a link clicked in a post: another post, a category or tag page, or outside."""
        href = href.strip()
        if href.startswith("#"):
            return links.target_without_index(href)
        for kind in ("category", "tag"):
            if href.startswith(kind + ":"):
                return LinkTarget(kind, key=unquote(href[len(kind) + 1 :]))
        if href.startswith((links.POST_URL, links.WIKILINK)):
            name = unquote(href.split(":", 1)[1]).split("#", 1)[0]
            post_id = self._by_name(name)
            return LinkTarget("post", post_id=post_id) if post_id else LinkTarget("missing", key=name)
        scheme, path, fragment = links.split_href(self.site, href)
        if scheme:
            return links.outside_target(scheme, path, href)
        if not path and fragment:
            return LinkTarget("anchor", key=fragment)
        taxonomy = links.taxonomy_of(path)
        if taxonomy:
            return LinkTarget(taxonomy[0], key=taxonomy[1])
        post_id = self._post_for_path(from_post, path)
        if post_id:
            return LinkTarget("post", post_id=post_id)
        url = own_url(self.site, path) if path.startswith("/") else None
        if url:
            return LinkTarget("external", url=url)
        return LinkTarget("missing", key=path)

    def _from_path(self, from_post: int | None) -> str | None:
        meta = self._store().get_meta(from_post) if from_post is not None else None
        return meta.path if meta else None

    def _post_for_path(self, from_post: int | None, path: str) -> int | None:
        from .dates import jekyll_stem_of_url  # here, as open_inside: a listing needs no date rules

        store = self._store()
        for candidate in links.post_candidates(self.site, self._from_path(from_post), path):
            post_id = store.id_for_path(candidate)
            if post_id:
                return post_id
        post_id = store.id_for_permalink(path)
        if post_id:
            return post_id
        stem = jekyll_stem_of_url(path)
        return self._by_name(stem) if stem else None

    def _by_name(self, name: str) -> int | None:
        """A post by its file stem (Jekyll post_url, Obsidian wikilink), or by a path without extension."""
        store = self._store()
        stem = PurePosixPath(name).name
        ids = store.ids_for_stem(stem) or store.ids_for_stem(file_stem(stem))
        if len(ids) > 1 and "/" in name:
            for post_id in ids:
                meta = store.get_meta(post_id)
                if meta and meta.path.rsplit(".", 1)[0].endswith(name):
                    return post_id
        return ids[0] if ids else None

    def resolve_resource(self, from_post: int | None, src: str) -> Path | None:
        """The file inside the library that an image src names, or None (remote, missing, outside)."""
        allowed = (self.root, self.site.root)
        if src.startswith(links.WIKILINK):
            return self._attachment(unquote(src[len(links.WIKILINK) :]), allowed)
        scheme, path, _ = links.split_href(self.site, src)
        if scheme or not path:
            return None
        for candidate in links.resource_candidates(self.site, self._from_path(from_post), path):
            if _readable(candidate, allowed):
                return candidate
        return None

    def _attachment(self, name: str, allowed) -> Path | None:
        """Obsidian resolves `![[file]]` by name anywhere in the vault: index attachments once."""
        index = getattr(self, "_attachments", None)
        if index is None:
            index = {}
            for path in sorted(self.root.rglob("*")):
                if path.suffix.lower() in links.IMAGE_EXTENSIONS and not any(
                    part.startswith(".") for part in path.relative_to(self.root).parts
                ):
                    index.setdefault(path.name, path)
            self._attachments = index
        found = index.get(PurePosixPath(name).name)
        return found if found and _readable(found, allowed) else None
