"""Rewrite post HTML for the locked-down article view: an allow-list of tags, attributes and URL schemes."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from .links import INTERNAL_SCHEMES, SAFE_SCHEMES, WEB_SCHEMES, WIKILINK

# A post whose body is one word ("a/b.html") looks like a file name to bs4, which warns; once
# for the process, since catch_warnings() is not thread-safe and the GUI renders in threads.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

ALLOWED_TAGS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 a img ul ol li dl dt dd blockquote pre code kbd samp em strong b i u s del ins "
    "sub sup mark small big span div table thead tbody tfoot tr th td caption colgroup col figure figcaption "
    "abbr cite q".split())
# Dropped with everything inside them: they run code, submit data, load resources or are never shown.
DROPPED_TAGS = frozenset(
    "script style iframe object embed applet form input button select textarea noscript template svg math "
    "link meta base frame frameset audio video source track canvas head title param portal dialog".split())
# Kept as plain blocks so their text does not run into the text around them.
_BLOCK_AS_DIV = frozenset("section article header footer nav aside main address center details summary "
                          "fieldset hgroup".split())
_RENAMED = {"strike": "s", "tt": "code", "var": "em", "dfn": "em"}
_VOID_AS_CONTAINER = {"embed", "source", "track", "param"}
_MEDIA = {"video": "video", "audio": "audio", "iframe": "embed"}
_VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "bilibili", "youku", "v.qq.com", "ixigua", "dailymotion")

_GLOBAL_ATTRS = frozenset({"id", "title", "lang", "dir", "class"})
_TAG_ATTRS = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "valign", "width"},
    "th": {"colspan", "rowspan", "align", "valign", "width"},
    "table": {"border", "cellspacing", "cellpadding", "width", "align"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "ol": {"start", "type"},
    "li": {"value"},
    "p": {"align"}, "div": {"align"}, "h1": {"align"}, "h2": {"align"}, "h3": {"align"},
    "h4": {"align"}, "h5": {"align"}, "h6": {"align"}, "tr": {"align", "valign"},
}
_NUMERIC_ATTRS = frozenset({"width", "height", "colspan", "rowspan", "border", "cellspacing", "cellpadding",
                            "span", "start", "value"})
# Only the classes our own renderer produces (callouts, footnotes) survive.
_OWN_CLASS = re.compile(r"^(?:callout(?:-[a-z0-9-]+)?|footnotes?(?:-[a-z]+)?|footnote-(?:ref|item|backref))$")
_LINK_SCHEMES = frozenset(SAFE_SCHEMES + INTERNAL_SCHEMES)
_IMAGE_SCHEMES = frozenset((*WEB_SCHEMES, WIKILINK[:-1]))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers ignore tabs, newlines and control characters inside URLs ("java\tscript:"), so we do too.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_NUMBER = re.compile(r"^\s*\d{1,5}(?:\.\d+)?%?\s*$")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def url_scheme(url: str) -> str | None:
    """The lower-cased scheme of a URL as a browser would read it, or None for a relative URL."""
    m = _SCHEME.match(_URL_NOISE.sub("", url))
    return m.group(1).lower() if m else None


def _safe_url(url: str, schemes: frozenset[str]) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in schemes


def _host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""


def _media_placeholder(soup: BeautifulSoup, el: Tag, kind: str) -> Tag:
    """A video, audio or iframe becomes a line naming where it came from (a link if it is on the web)."""
    src = el.get("src") or el.get("data") or ""
    if not src:
        inner = el.find("source", src=True)
        src = inner.get("src", "") if inner else ""
    src = src if isinstance(src, str) else ""
    host = _host(src)
    if kind == "embed" and any(h in host for h in _VIDEO_HOSTS):
        kind = "video"
    inline = el.parent is not None and el.parent.name in ("p", "a", "span", "em", "strong", "b", "i", "td", "th",
                                                           "li", "h1", "h2", "h3", "h4", "h5", "h6")
    box = soup.new_tag("span" if inline else "p")
    label = f"[{kind}: {host}]" if host else f"[{kind}]"
    if host and (url_scheme(src) in WEB_SCHEMES or src.startswith("//")):
        link = soup.new_tag("a", href=src)
        link.string = label
        box.append(link)
    else:
        box.string = label
    return box


def _clean_attrs(el: Tag) -> None:
    allowed = _GLOBAL_ATTRS | _TAG_ATTRS.get(el.name, set())
    for name in list(el.attrs):
        value = el.attrs[name]
        if name not in allowed:
            del el.attrs[name]
        elif name == "class":
            classes = value if isinstance(value, list) else str(value).split()
            kept = [c for c in classes if _OWN_CLASS.match(c)]
            if kept:
                el.attrs["class"] = kept
            else:
                del el.attrs["class"]
        elif isinstance(value, list):
            el.attrs[name] = " ".join(value)
        if name in _NUMERIC_ATTRS and name in el.attrs and not _NUMBER.match(str(el.attrs[name])):
            del el.attrs[name]


def _clean_link(el: Tag) -> None:
    href = el.get("href")
    if href is not None and not _safe_url(str(href), _LINK_SCHEMES):
        del el.attrs["href"]


def _clean_image(el: Tag) -> None:
    src = str(el.get("src") or "").strip()
    if not src or not _safe_url(src, _IMAGE_SCHEMES):
        alt = str(el.get("alt") or "").strip()
        el.replace_with(NavigableString(alt) if alt else "")


def _walk(soup: BeautifulSoup, root: Tag) -> None:
    # Depth-first with an explicit stack: linear in the size of the tree however deep it is nested,
    # and the subtree of a removed element is never visited.
    stack = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, (Comment, CData, Declaration, Doctype, ProcessingInstruction)):
                node.extract()
            continue
        name = node.name.lower()
        if name in _MEDIA:
            node.replace_with(_media_placeholder(soup, node, _MEDIA[name]))
            continue
        if name in _VOID_AS_CONTAINER:
            # Void elements the parser wrongly opens as containers: what follows them is the
            # post's own text, so the element goes and its "children" stay (and are checked).
            stack.extend(reversed(list(node.contents)))
            node.unwrap()
            continue
        if name in DROPPED_TAGS or node.has_attr("hidden") or _HIDDEN.search(str(node.get("style", ""))):
            node.decompose()  # display:none content is hidden in the original page too
            continue
        children = list(node.contents)
        node.name = _RENAMED.get(name, "div" if name in _BLOCK_AS_DIV else name)
        if node.name not in ALLOWED_TAGS:
            node.unwrap()  # the children move up and are still checked below
        else:
            _clean_attrs(node)
            if node.name == "a":
                _clean_link(node)
            elif node.name == "img":
                _clean_image(node)
        stack.extend(reversed(children))


def sanitize_html(html: str) -> str:
    """HTML safe for the article view: nothing in it can run code, load files or reach the network."""
    html = _BAD_CHARS.sub("", html or "")
    if not html.strip():
        return ""
    soup = BeautifulSoup(html, "lxml")
    root = soup.body  # lxml moves leading <script>, <style>, <title> into <head>: dropped with it
    if root is None:
        return ""
    _walk(soup, root)
    return root.decode_contents(formatter="minimal")
