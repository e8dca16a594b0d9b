"""A post taken out of the reader: its public link, its Markdown as written, one self-contained HTML file (no Qt)."""

from __future__ import annotations

import base64
import html
import mimetypes
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .decode import decode_bytes
from .errors import PostError, ReaderError
from .limits import read_head
from .links import WEB_SCHEMES, WIKILINK, links_to
from .scanner import open_inside
from .site_paths import own_url, relative_path
from .types import Post, PostMeta, Site

if TYPE_CHECKING:
    from .library import Library  # whose export_post and read_image call here

FORMATS = ("pdf", "html", "md")
MAX_INLINE_IMAGE = 16 * 1024 * 1024  # bytes: a bigger "image" is a placeholder, not 21 MB of base64
_MIME = {".svg": "image/svg+xml", ".webp": "image/webp", ".avif": "image/avif"}


def public_url(site: Site, meta: PostMeta) -> str | None:
    """The post's permalink on its site (site url + baseurl + permalink), or None when either is unknown."""
    return own_url(site, meta.permalink) if meta.permalink else None


def original_url(site: Site, meta: PostMeta) -> str | None:
    """Where the article came from: its own source link (finews' 来源), else its page on the site."""
    return meta.source_url or public_url(site, meta)


def post_link(site: Site, meta: PostMeta) -> str:
    """A link to the post: its public URL, else the file's own file:// URL."""
    return public_url(site, meta) or (Path(site.library_root) / meta.path).as_uri()


def markdown_link(title: str, link: str) -> str:
    """`[title](link)`, with the brackets of the title and the spaces and parentheses of the link escaped."""
    text = re.sub(r"([\\\[\]])", r"\\\1", " ".join(title.split()) or link)
    target = link.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{text}]({target})"


def export_format(path: str, given: str | None = None) -> str:
    """The export format: as given, else from the file's extension (.pdf, .html/.htm, .md/.markdown)."""
    if given:
        return given
    suffix = Path(path).suffix.lower()
    found = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}.get(suffix)
    if found is None:
        raise ReaderError(f"{path}: cannot tell the format from the extension; give --format pdf, html or md")
    return found


def markdown_source(library: Library, post_id: int) -> str:
    """The post's file as written: its front matter and body, read through the library's one safe way in."""
    path = _path_of(library, post_id)
    try:
        data, _ = read_head(library.site, path, None)
    except OSError as exc:
        raise PostError(path, f"cannot be read: {exc.strerror or exc}") from exc
    return decode_bytes(data)[0]


def _path_of(library: Library, post_id: int) -> str:
    rows = library.summaries([post_id])
    if not rows:
        raise PostError(f"#{post_id}", "no such post in the index")
    return rows[0].path


@dataclass(frozen=True)
class ImageSource:
    """What an image src names: a file of the library ("local"), a "remote" URL, or nothing to show
    ("missing", "blocked"); `name` is the file's name ("data:" for an inline image), `host` a remote one's."""

    kind: str
    path: Path | None = None
    name: str = ""
    host: str = ""


def image_source(resolve: Callable[[str], Path | None], post_path: str, src: str) -> ImageSource:
    """Classify an image src for the view, print and export alike: `resolve` (the library's
    resolve_resource for this post) decides first, since own-site URLs and "wikilink:" embeds can be files."""
    src = src.strip()
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return ImageSource("blocked", name="data:")
    path = resolve(src)
    if path is not None:
        return ImageSource("local", Path(path), Path(path).name)
    name = unquote(posixpath.basename(parts.path.rstrip("/"))) or src[:60]
    if scheme in WEB_SCHEMES or (not scheme and src.startswith("//")):
        return ImageSource("remote", name=name, host=parts.hostname or "")
    if src.startswith(WIKILINK):
        return ImageSource("missing", name=unquote(src[len(WIKILINK) :])[:60])
    if scheme or _climbs_out(post_path, parts.path):
        return ImageSource("blocked", name=name)
    return ImageSource("missing", name=name)


def _climbs_out(post_path: str, path: str) -> bool:
    """A relative path that climbs out of the library from the post's folder."""
    if path.startswith("/"):
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(post_path), unquote(path)))
    return joined == ".." or joined.startswith("../")


def read_image(library: Library, path: Path) -> bytes | None:
    """An image file of the library, opened the safe way (inside the library, a regular file), or None."""
    for root in (library.root, library.site.root):
        rel = relative_path(root, path)
        if rel is None:
            continue
        try:
            with open_inside([root], rel) as handle:
                data = handle.read(MAX_INLINE_IMAGE + 1)
        except OSError:
            return None
        return data if len(data) <= MAX_INLINE_IMAGE else None
    return None


def _data_uri(path: Path, data: bytes) -> str:
    mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _placeholder(alt: str, source: ImageSource):
    from lxml import etree

    if source.kind == "remote":
        words = f"image not included: {alt or source.name}" + (f" ({source.host})" if source.host else "")
    else:
        words = f"image {source.kind}: {source.name or alt}"
    box = etree.Element("span", {"class": "placeholder"})
    box.text = words
    return box


def _inline_images(library: Library, post: Post, body_html: str) -> tuple[str, list[str]]:
    """The body with library images as data: URIs and every other image as a placeholder box; its links' hrefs."""
    import lxml.html  # here: the window imports this module on start, and reads no HTML then

    if not body_html.strip():
        return "", []
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for img in list(root.iter("img")):
        source = image_source(
            lambda src: library.resolve_resource(post.id if post.id >= 0 else None, src),
            post.meta.path,
            img.get("src") or "",
        )
        data = read_image(library, source.path) if source.path is not None else None
        if source.path is not None and data is not None:
            for attr in ("srcset", "style"):
                img.attrib.pop(attr, None)
            img.set("src", _data_uri(source.path, data))
            continue
        if source.kind == "local":
            source = ImageSource("unreadable", name=source.name)
        box = _placeholder((img.get("alt") or "").strip(), source)
        box.tail = img.tail
        img.getparent().replace(img, box)
    hrefs = [a.get("href") for a in root.iter("a") if a.get("href") is not None]
    return lxml.html.tostring(root, encoding="unicode"), hrefs


_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #222; }
p.meta, p.source { color: #666; }
img { max-width: 100%; height: auto; }
span.placeholder { display: inline-block; border: 1px solid #bbb; background: #f4f4f4; color: #555;
                   padding: 1em; font-size: 90%; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.6em; }
blockquote { background: #f2f6fb; margin-left: 0.8em; padding: 0.2em 0.8em; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 4px; }
"""
# No script can run and nothing can be fetched, whatever the body holds: images are inlined.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def html_document(library: Library, post: Post, labels: dict[str, str] | None = None) -> str:
    """One self-contained HTML file: header (title, date, authors, categories, tags), body, source line."""
    labels = labels or {}
    meta = post.meta
    title = meta.title.strip() or meta.path.rsplit("/", 1)[-1]
    line = [x for x in (meta.date or "", ", ".join(meta.authors)) if x]
    line += [labels.get(key, key) for key in meta.categories] + ["#" + labels.get(key, key) for key in meta.tags]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(meta.language or library.site.language or "")}">',
        '<head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if line:
        parts.append('<p class="meta">' + " · ".join(html.escape(x) for x in line) + "</p>")
    body, hrefs = _inline_images(library, post, post.html)
    parts.append(body)
    link = original_url(library.site, meta)
    if link and not links_to(hrefs, link):  # a finews body ends with its source link: not shown twice
        parts.append(f'<p class="source">Source: <a href="{html.escape(link, quote=True)}">{html.escape(link)}</a></p>')
    parts.append("</body></html>\n")
    return "\n".join(parts)


def export_text(library: Library, post_id: int, fmt: str, labels: dict[str, str] | None = None) -> str:
    """The post as an HTML or Markdown document (PDF needs Qt: reader.gui.print_pdf)."""
    if fmt == "md":
        return markdown_source(library, post_id)
    if fmt == "html":
        return html_document(library, library.get_post(post_id, full=True), labels)
    raise ValueError(f"not a text format: {fmt}")


def write_export(
    library: Library, post_id: int, fmt: str, target: str | Path, labels: dict[str, str] | None = None
) -> Path:
    """Write the HTML or Markdown export to `target` (UTF-8); returns the path written."""
    target = Path(target)
    text = export_text(library, post_id, fmt, labels)
    target.write_text(text, encoding="utf-8", newline="")
    return target
