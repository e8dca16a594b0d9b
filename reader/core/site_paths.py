"""Where things are in a site, each fact said once: a library path as a path in the site and back,
the folders of category and tag pages, a file's stem, the site's own host and URLs.

Apart from site.py (which reads config files) so that the scanner, the index's rows and the link
routing can ask these without YAML and without an import cycle (site.py reads through limits,
which opens through the scanner).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .types import Site

# Folders whose pages are category or tag pages (`/category/x.html`, `tags/x/index.html`), and
# the kind of label each names. Hugo's own term pages sit under the plural ones in `content/`.
TAXONOMY_FOLDERS = {"category": "category", "categories": "category", "tag": "tag", "tags": "tag"}


def taxonomy_folder(name: str) -> str | None:
    """ "category" or "tag" when `name` is the folder of such pages (any case), else None."""
    return TAXONOMY_FOLDERS.get(name.lower())


def site_path(site: Site, relpath: str) -> str | None:
    """The path in the site of a library path ("/"-separated both), or None when it is outside the site.

    The opened folder can be the site root, a folder inside it (`_posts/`), or a folder above it
    (a repository whose site lives in `docs/`): `docs/_posts/x.md` is then `_posts/x.md`.
    """
    return site_path_mapper(site.root, site.library_root)(relpath)


@lru_cache(maxsize=32)
def site_path_mapper(root: Path, library_root: Path) -> Callable[[str], str | None]:
    """site_path for one (site root, library root), worked out once: the scanner asks it per entry."""
    root, lib = Path(root), Path(library_root)
    if lib == root:
        return lambda rel: rel
    if lib.is_relative_to(root):
        prefix = lib.relative_to(root).as_posix() + "/"
        return lambda rel: prefix + rel
    if not root.is_relative_to(lib):
        return lambda rel: None
    below = root.relative_to(lib).as_posix() + "/"
    return lambda rel: rel[len(below) :] if rel.startswith(below) else None


def library_path(site: Site, site_rel: str) -> str | None:
    """A path in the site as a library path (site_path backwards), or None when the opened folder
    does not hold it (a link to `/about.md` from a library opened at `_posts/`)."""
    return relative_path(site.library_root, Path(site.root) / site_rel)


def relative_path(root: Path | str, path: Path | str) -> str | None:
    """`path` (absolute) relative to `root`, "/"-separated, or None when it is not inside `root`.
    Neither is resolved here: the caller resolves both, or neither."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return None


def file_stem(path: str) -> str:
    """The file name without its last extension: "a/2021-12-01-x.md" -> "2021-12-01-x"; a name
    that only starts with a dot (".md") is kept whole, as PurePosixPath.stem does."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def own_host(site: Site) -> str | None:
    """The host name of the site's own URL (links to it are links inside the site), or None."""
    return urlsplit(site.url).hostname if site.url else None


def own_url(site: Site, path: str) -> str | None:
    """The public URL of a `path` of the site (url + baseurl + path; "a/b" is taken as "/a/b"), or
    None when the site's URL is unknown."""
    return site.url + site.baseurl + "/" + path.lstrip("/") if site.url else None
