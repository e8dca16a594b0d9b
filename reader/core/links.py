"""Where links and images in a post lead: other posts, category and tag pages, library files, outside."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .site_paths import library_path, own_host, taxonomy_folder
from .types import LinkTarget, Site

# What an image file is called: Obsidian's `![[x.png]]` embeds one, and the vault's files of these
# kinds are what such an embed may name.
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".avif", ".tif", ".tiff", ".ico", ".heic")
_LABEL_PREFIX = re.compile(r"^\s*(返回|回到|back to|return to)\s*", re.IGNORECASE)
WEB_SCHEMES = ("http", "https")
SAFE_SCHEMES = (*WEB_SCHEMES, "mailto")  # the only links handed to the system browser
# Our own schemes: the renderer names a post by "post-url:" (Jekyll's post_url, Hexo's post_link)
# and a note or an attachment by "wikilink:" (Obsidian); resolve_link and resolve_resource read them.
POST_URL, WIKILINK = "post-url:", "wikilink:"
INTERNAL_SCHEMES = (POST_URL[:-1], WIKILINK[:-1])
# The class of an element whose text is the renderer's own English words ("Embedded: Note", "[video: host]"),
# not the author's: the interface shows them in its language (reader.gui.core_text).
LABEL_CLASS = "reader-label"


def split_href(site: Site, href: str) -> tuple[str, str, str]:
    """("scheme", "path", "fragment") with the site's own URL turned into a root-relative path.

    scheme is "" for a path inside the site, or the URL's scheme for anything else.
    """
    href = href.strip()
    parts = urlsplit(href)
    own = own_host(site)
    if parts.scheme in (*WEB_SCHEMES, "") and parts.netloc:
        if not own or parts.hostname != own:
            return parts.scheme or "https", href if parts.scheme else "https:" + href, parts.fragment
    elif parts.scheme:
        return parts.scheme.lower(), href, parts.fragment
    path = unquote(parts.path) or ("/" if parts.netloc else "")
    if site.baseurl and path.startswith(site.baseurl + "/"):
        path = path[len(site.baseurl) :]
    return "", path, parts.fragment


def outside_target(scheme: str, url: str, href: str) -> LinkTarget:
    """A link with a scheme: handed to the system browser when the scheme is one of SAFE_SCHEMES,
    else refused. `url` is the absolute URL ("//host/x" made https:), `href` the link as written."""
    return LinkTarget("external", url=url) if scheme in SAFE_SCHEMES else LinkTarget("refused", url=href)


def links_to(hrefs: Iterable[str], url: str) -> bool:
    """Whether one of `hrefs` leads to the web page `url`: http and https alike ("//host/x" too), the host
    in any case, percent-escapes read, a trailing slash and the fragment aside. A finews post's body ends
    with its source link: a "Source:" line under it would show the same link again."""
    key = _page_key(url)
    return key is not None and any(_page_key(href) == key for href in hrefs)


def _page_key(url: str) -> tuple[str, int | None, str, str] | None:
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:  # "http://[x" or a port out of range: no web page
        return None
    if not host or parts.scheme.lower() not in ("", *WEB_SCHEMES):
        return None
    return host, port, unquote(parts.path).rstrip("/"), unquote(parts.query)


def target_without_index(href: str) -> LinkTarget:
    """Where a link leads when there is no index to ask (a file shown on its own): an anchor, an
    outside link, or nothing in a library."""
    href = href.strip()
    if href.startswith("#"):
        return LinkTarget("anchor", key=unquote(href[1:]))
    scheme = urlsplit(href).scheme.lower()
    return outside_target(scheme, href, href) if scheme else LinkTarget("missing", key=href)


def taxonomy_of(path: str) -> tuple[str, str] | None:
    """("category" or "tag", key) for a link to a category or tag page such as /category/x.html."""
    parts = [p for p in path.split("/") if p]
    kind = taxonomy_folder(parts[-2]) if len(parts) >= 2 else None
    if kind:
        return kind, re.sub(r"\.html?$", "", parts[-1])
    kind = taxonomy_folder(parts[-3]) if len(parts) >= 3 else None
    if kind and parts[-1].lower() == "index.html":
        return kind, parts[-2]
    return None


def back_link(site: Site, href: str, text: str, own: Sequence[str] = ()) -> tuple[str, str, str] | None:
    """(kind, key, label) when a link points at a category or tag page with a readable text.

    finews ends each post with [返回中国经济网新闻](//site/category/zhongguojingjiwang.html):
    that names the category zhongguojingjiwang "中国经济网新闻". A "返回…" link to a page named
    after one of the post's own categories (`own`) names it too: [返回东财滚动新闻](../emnews/).
    """
    if "categor" not in href and "tag" not in href and not any(key and key in href for key in own):
        return None  # most links are not to a taxonomy page: skip the URL parsing
    scheme, path, _ = split_href(site, href)
    found = None if scheme else taxonomy_of(path) or _own_page(path, text, own)
    label = label_from_link_text(text)
    if found and label and label != found[1]:
        return found[0], found[1], label
    return None


def _own_page(path: str, text: str, own: Sequence[str]) -> tuple[str, str] | None:
    """("category", key) for a "back to" link whose last path part is one of the post's categories."""
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1].lower() in ("index.html", "index.htm"):
        parts.pop()
    last = parts[-1] if parts else ""
    key = last[: last.rfind(".")] if last.lower().endswith((".html", ".htm")) else last
    return ("category", key) if key in own and _LABEL_PREFIX.match(text) else None


def label_from_link_text(text: str) -> str:
    """ "返回中国经济网新闻" -> "中国经济网新闻": the readable name a back-link gives a category."""
    return _LABEL_PREFIX.sub("", text).strip()


def post_candidates(site: Site, from_path: str | None, path: str) -> list[str]:
    """Library-relative paths a site-internal link may name, most likely first."""
    out = []
    if path.startswith("/"):
        rel = path.lstrip("/")
        out.append(library_path(site, rel))
    elif from_path is not None:
        base = PurePosixPath(from_path).parent
        out.append(os.path.normpath(str(base / path)).replace(os.sep, "/"))
    stems = []
    for c in [c for c in out if c]:
        stems.extend([c, c + ".md", re.sub(r"\.html?$", ".md", c), c.rstrip("/") + "/index.md"])
    return [s for s in dict.fromkeys(stems) if s and not s.startswith("..")]


def resource_candidates(site: Site, from_path: str | None, path: str) -> list[Path]:
    """Files an image src may name: relative to the post, to the site root, or to its static folder."""
    roots = [Path(site.root)]
    if site.kind in ("hugo", "zola"):
        roots = [Path(site.root) / "static", Path(site.root) / "content", Path(site.root)]
    elif site.kind == "hexo":
        roots = [Path(site.root) / "source", Path(site.root)]
    if path.startswith("/"):
        return [r / path.lstrip("/") for r in roots]
    out = []
    if from_path is not None:
        out.append(Path(site.library_root) / PurePosixPath(from_path).parent / path)
    out.extend(r / path for r in roots)
    return out
