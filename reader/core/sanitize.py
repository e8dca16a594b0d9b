"""Rewrite post HTML for the locked-down article view: an allow-list of tags, attributes and URL schemes."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

import nh3

from .deep_html import tags_stripped, too_deep
from .links import INTERNAL_SCHEMES, LABEL_CLASS, SAFE_SCHEMES, WEB_SCHEMES, WIKILINK

ALLOWED_TAGS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 a img ul ol li dl dt dd blockquote pre code kbd samp em strong b i u s del ins "
    "sub sup mark small big span div table thead tbody tfoot tr th td caption colgroup col figure figcaption "
    "abbr cite q".split()
)
# Dropped with everything inside them: they run code, submit data, load resources or are never shown.
DROPPED_TAGS = frozenset(
    "script style iframe object embed applet form input button select textarea noscript template svg math "
    "link meta base frame frameset audio video source track canvas head title param portal dialog".split()
)
# Kept as plain blocks so their text does not run into the text around them.
_BLOCK_AS_DIV = frozenset(
    "section article header footer nav aside main address center details summary fieldset hgroup".split()
)
_RENAMED = {"strike": "s", "tt": "code", "var": "em", "dfn": "em"} | dict.fromkeys(_BLOCK_AS_DIV, "div")
_MEDIA = {"video": "video", "audio": "audio", "iframe": "embed"}
_VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "bilibili", "youku", "v.qq.com", "ixigua", "dailymotion")
_INLINE_PARENTS = frozenset("p a span em strong b i td th li h1 h2 h3 h4 h5 h6".split())

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
    "p": {"align"},
    "div": {"align"},
    "h1": {"align"},
    "h2": {"align"},
    "h3": {"align"},
    "h4": {"align"},
    "h5": {"align"},
    "h6": {"align"},
    "tr": {"align", "valign"},
} | {name: {"align"} for name in _BLOCK_AS_DIV}  # they become divs
_NUMERIC_ATTRS = frozenset(
    {"width", "height", "colspan", "rowspan", "border", "cellspacing", "cellpadding", "span", "start", "value"}
)
# Only the classes our own renderer produces (callouts, footnotes, its own words) survive.
_OWN_CLASS = re.compile(
    r"^(?:callout(?:-[a-z0-9-]+)?|footnotes?(?:-[a-z]+)?|footnote-(?:ref|item|backref)|" + LABEL_CLASS + ")$"
)
_LINK_SCHEMES = frozenset(SAFE_SCHEMES + INTERNAL_SCHEMES)
_IMAGE_SCHEMES = frozenset((*WEB_SCHEMES, WIKILINK[:-1]))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers ignore tabs, newlines and control characters inside URLs ("java\tscript:"), so we do too.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_NUMBER = re.compile(r"^\s*\d{1,5}(?:\.\d+)?%?\s*$")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What needs a tree (media as placeholders, hidden elements gone) is done only for a post with a media
# tag, or a tag whose attributes say hidden or display:none (about 1 post in 100 of the corpus; the
# search takes 0.03-0.08 ms a post). A ">" in an earlier attribute value or an entity in the style
# hides one from it: then the hidden text is shown, which is a matter of looks, not of safety.
_NEEDS_TREE = re.compile(r"<(?:video|audio|iframe)|<[a-z][^<>]*?(?:[\s/\"']hidden[\s=>/]|display\s*:\s*none)", re.I)
# nh3's output is normalised: every "<" outside a tag is escaped (also in attribute values), names are
# lower case and values double-quoted. So a regex finds its tags exactly.
_AFTER = re.compile(r"<(/?)(img|" + "|".join(_RENAMED) + r")\b([^>]*)>")
_OUTER_MEDIA = (
    ".//*[self::video or self::audio or self::iframe][not(ancestor::video or ancestor::audio or ancestor::iframe)]"
)
_ATTR = re.compile(r'\s([a-z]+)="([^"]*)"')


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


def _attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: our own classes only, numbers for sizes, our schemes for links and images."""
    if name == "class":
        kept = [c for c in value.split() if _OWN_CLASS.match(c)]
        return " ".join(kept) if kept else None
    if name in _NUMERIC_ATTRS:
        return value if _NUMBER.match(value) else None
    if name == "href" and tag == "a":
        return value if _safe_url(value, _LINK_SCHEMES) else None
    if name == "src" and tag == "img":
        return value if value.strip() and _safe_url(value, _IMAGE_SCHEMES) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS | _RENAMED.keys()),
    clean_content_tags=set(DROPPED_TAGS),
    attributes={"*": set(_GLOBAL_ATTRS), **{tag: set(names) for tag, names in _TAG_ATTRS.items()}},
    attribute_filter=_attribute,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(_LINK_SCHEMES | _IMAGE_SCHEMES),
)


def _media_placeholder(el, kind: str):
    """A video, audio or iframe becomes a line naming where it came from (a link if it is on the web)."""
    from lxml import etree

    src = el.get("src") or el.get("data") or ""
    if not src:
        inner = next(iter(el.iterfind(".//source[@src]")), None)
        src = inner.get("src", "") if inner is not None else ""
    host = _host(src)
    if kind == "embed" and any(h in host for h in _VIDEO_HOSTS):
        kind = "video"
    parent = el.getparent()
    box = etree.Element("span" if parent is not None and parent.tag in _INLINE_PARENTS else "p")
    label = f"[{kind}: {host}]" if host else f"[{kind}]"
    if host and (url_scheme(src) in WEB_SCHEMES or src.startswith("//")):
        etree.SubElement(box, "a", {"class": LABEL_CLASS, "href": src}).text = label
    else:
        box.set("class", LABEL_CLASS)
        box.text = label
    return box


def _tree_pass(html: str) -> str:
    """Media become placeholders and hidden elements go, content and all (display:none hides them in the
    original page too). lxml, as the bs4 sanitiser parsed; nh3 then cleans what this writes."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return html
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 drops what is nested over 2,048 deep; nh3 does not. For such a post, nh3 alone: its
        # media go without a placeholder and its hidden text is shown, but nothing it says is lost.
        return html
    for el in root.xpath(_OUTER_MEDIA):
        box = _media_placeholder(el, _MEDIA[str(el.tag)])
        box.tail = el.tail
        el.getparent().replace(el, box)
    for el in list(root.xpath("//*[@hidden or @style]")):
        if (el.get("hidden") is not None or _HIDDEN.search(el.get("style") or "")) and el.getparent() is not None:
            el.drop_tree()
    return (
        "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
        if len(root)
        else html_lib.escape(root.text or "")
    )


def _rewrite_tag(m: re.Match) -> str:
    """After nh3: old and sectioning tags get their view names; an image without a usable src is its alt text."""
    close, name, attrs = m.group(1), m.group(2), m.group(3)
    if name != "img":
        return f"<{close}{_RENAMED[name]}{attrs}>"
    values = dict(_ATTR.findall(attrs))
    if values.get("src"):
        return m.group(0)
    return html_lib.escape(html_lib.unescape(values.get("alt", "")).strip(), quote=False)


def sanitize_html(html: str) -> str:
    """HTML safe for the article view: nothing in it can run code, load files or reach the network."""
    html = _BAD_CHARS.sub("", html or "")
    if not html.strip():
        return ""
    if too_deep(html):  # shown as its text: nh3 would take minutes on a MiB of it
        return "".join(f"<p>{html_lib.escape(line, quote=False)}</p>" for line in tags_stripped(html).split("\n"))
    if _NEEDS_TREE.search(html):
        html = _tree_pass(html)
    return _AFTER.sub(_rewrite_tag, _CLEANER.clean(html))
