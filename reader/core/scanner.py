"""Walk a library once: pick the post files the site's generator would publish, and stat them."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .types import Site

# Every extension a post file can have; the packaging's document types come from this list too.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HTML_EXTENSIONS = (".html", ".htm")
POST_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS

_SKIP_DIRS = {"node_modules", "_site", "__pycache__", "vendor", ".git"}
_SKIP_DIRS_AT_ROOT = {"public", "resources", "themes", "static", "layouts", "assets"}
_JEKYLL_SPECIAL = {"_layouts", "_includes", "_sass", "_data", "_plugins", "_site"}
_DATED_NAME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


@dataclass(frozen=True)
class FileStat:
    path: str  # relative to the library root, "/"-separated
    mtime_ns: int
    size: int


@dataclass
class ScanResult:
    posts: dict[str, FileStat] = field(default_factory=dict)
    label_pages: list[str] = field(default_factory=list)  # category/tag pages that name a slug
    folders: list[str] = field(default_factory=list)  # every folder walked ("" is the root)
    notes: list[str] = field(default_factory=list)  # folders or names that could not be read


def scan(site: Site) -> ScanResult:
    """Walk `site.library_root` once and classify every file; never follows links out of it."""
    result = ScanResult()
    root = site.library_root
    real_root = os.path.realpath(root)
    to_site = site_path_mapper(site)
    seen_dirs: set[tuple[int, int]] = set()
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        full_dir = os.path.join(root, rel_dir) if rel_dir else str(root)
        try:
            entries = list(os.scandir(full_dir))
            st = os.stat(full_dir)
        except OSError as exc:
            result.notes.append(f"{rel_dir or '.'}: folder cannot be read ({exc.strerror or exc})")
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            continue  # a symlink loop, or a folder linked twice
        seen_dirs.add((st.st_dev, st.st_ino))
        result.folders.append(rel_dir)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if not _encodable(name):
                result.notes.append(f"{_printable(rel)}: the file name is not valid text and was skipped")
                continue
            try:
                is_link = entry.is_symlink()
                if is_link and not os.path.realpath(entry.path).startswith(real_root + os.sep):
                    continue  # never follow a link out of the library
                if entry.is_dir():
                    if _keep_dir(site, to_site(rel) or rel, name):
                        stack.append(rel)
                    continue
                # Editor swap and backup files ("x.md~", ".x.md.swp", "#x.md#") fail the
                # extension test; Office lock files ("~$x.md") are the one kind that passes it.
                if not name.lower().endswith(POST_EXTENSIONS) or name.startswith("~$") or not entry.is_file():
                    continue
            except OSError:
                continue
            site_rel = to_site(rel)
            kind = classify(site, site_rel) if site_rel is not None else None
            if kind is None:
                continue
            if kind == "label":
                result.label_pages.append(rel)
                continue
            try:
                info = entry.stat()
            except OSError as exc:
                result.notes.append(f"{rel}: cannot be read ({exc.strerror or exc})")
                continue
            if stat.S_ISREG(info.st_mode):
                result.posts[rel] = FileStat(rel, info.st_mtime_ns, info.st_size)
    return result


def site_path_mapper(site: Site):
    """A function from a library-relative path to the path in the site (None: outside the site).

    The opened folder can be the site root, a folder inside it (`_posts/`), or a folder just
    above it (a repository whose site lives in `docs/`).
    """
    root, lib = Path(site.root), Path(site.library_root)
    if lib == root:
        return lambda rel: rel
    try:
        prefix = lib.relative_to(root).as_posix() + "/"
        return lambda rel: prefix + rel
    except ValueError:
        pass
    below = root.relative_to(lib).as_posix() + "/"
    return lambda rel: rel[len(below):] if rel.startswith(below) else None


def _keep_dir(site: Site, site_rel: str, name: str) -> bool:
    if name in _SKIP_DIRS:
        return False
    top_level = "/" not in site_rel
    if site.kind in ("hugo", "zola", "hexo") and top_level and name in _SKIP_DIRS_AT_ROOT:
        return False
    if site.kind == "jekyll" and name in _JEKYLL_SPECIAL:
        return False
    return True


def classify(site: Site, site_rel: str) -> str | None:
    """"post" for an article, "label" for a category or tag page, None for anything else."""
    parts = site_rel.split("/")
    name = parts[-1]
    lower = name.lower()
    if not lower.endswith(POST_EXTENSIONS):
        return None
    folders = parts[:-1]
    if site.kind == "jekyll":
        if "_posts" in folders or "_drafts" in folders:
            return "post"
        if any(f.startswith("_") for f in folders):
            return None  # collections and theme folders are not the blog
        if folders and folders[-1].lower() in ("category", "categories", "tag", "tags"):
            return "label"
        # Archived posts kept outside _posts still carry Jekyll's dated file names.
        return "post" if folders and _DATED_NAME.match(name) else None
    if site.kind == "hexo":
        if len(folders) >= 2 and folders[0] == "source" and folders[1] in ("_posts", "_drafts"):
            return "post"
        return None
    if site.kind in ("hugo", "zola"):
        if not folders or folders[0] != "content" or lower.startswith("_index."):
            return None
        return "post"
    return "post"


def _encodable(rel: str) -> bool:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(rel: str) -> str:
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
