"""Build the article view's page: header, body with opaque link and image names, and its style sheet (no widgets)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from urllib.parse import quote

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSizeF, QThread, QUrl
from PySide6.QtGui import QFont, QTextDocument

from reader.core import ORIGINAL, Post, html_to_script, links_to

from .core_text import translate_labels, translated
from .dates import format_date, format_month

# Body links and images get opaque names ("jblink:3", "jbimg:0") that index these tables.
# Qt would otherwise resolve a relative href against the working directory (QTextBrowser's
# resolveUrl) or normalise "../" away before we see it; with an index we hand the core the
# exact string the author wrote.
LINK_SCHEME = "jblink"
IMAGE_SCHEME = "jbimg"
# Defence in depth: the core sanitises, but a <style> or <link> reaching Qt would restyle the
# view or make QTextDocument read a local file, so they never get through here.
_DROP_TAGS = ("script", "style", "link", "meta", "base", "iframe", "object", "embed", "frame", "frameset")

CJK_FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "sans-serif",
)
# Han characters differ in shape between Simplified Chinese, Traditional Chinese (Taiwan, Hong Kong),
# Japanese and Korean (骨, 直, 令, 写): the page takes the fonts of the post's language, each list
# ending in the Simplified one, so a missing font falls back to what the view showed before.
HAN_FONT_FAMILIES = {
    "sc": CJK_FONT_FAMILIES,
    "tc": (
        "Noto Sans CJK TC",
        "Noto Serif CJK TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
        *CJK_FONT_FAMILIES,
    ),
    "hk": (
        "Noto Sans CJK HK",
        "Source Han Sans HK",
        "PingFang HK",
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "Microsoft JhengHei",
        *CJK_FONT_FAMILIES,
    ),
    "jp": (
        "Noto Sans CJK JP",
        "Noto Serif CJK JP",
        "Source Han Sans JP",
        "Hiragino Sans",
        "Yu Gothic",
        "Meiryo",
        *CJK_FONT_FAMILIES,
    ),
    "kr": ("Noto Sans CJK KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", *CJK_FONT_FAMILIES),
}
MAX_LINE_EM = 36  # 36 CJK characters or about 72 Latin ones per line
# Qt's line-height multiplies the font's own line spacing, which for Noto CJK is already
# about 1.35 em: 135% gives the 1.8 em a CJK reader is used to.
LINE_HEIGHT = 135

TR = "ArticlePage"  # the translation context of the words below
UNTITLED = QT_TRANSLATE_NOOP("ArticlePage", "(untitled)")
DRAFT = QT_TRANSLATE_NOOP("ArticlePage", "Draft")
SOURCE = QT_TRANSLATE_NOOP("ArticlePage", "Source:")
TRUNCATED = QT_TRANSLATE_NOOP("ArticlePage", "This article is very long: only its beginning is shown.")
SHOW_ALL = QT_TRANSLATE_NOOP("ArticlePage", "Show the whole article")
SHOW_ALL_HREF = "show-all:"
PROBLEM = QT_TRANSLATE_NOOP("ArticlePage", "Problem reading this file:")
NO_TEXT = QT_TRANSLATE_NOOP("ArticlePage", "This post has no text.")


@dataclass(frozen=True)
class ImageRef:
    """An image as the post wrote it: its src, alt text and the size its attributes ask for."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class PreparedBody:
    """A post body ready for Qt: the HTML with opaque names, and what those names stand for."""

    html: str
    images: tuple[ImageRef, ...]
    links: tuple[str, ...]
    blank: bool = False  # neither text nor an image: build_page says the post has no text


@dataclass(frozen=True)
class Look:
    """What Edit ▸ Preferences chooses for the page: fonts ("" = ours), column width and line height."""

    chinese_font: str = ""
    latin_font: str = ""
    width_em: int = MAX_LINE_EM
    line_height: int = LINE_HEIGHT

    def families(self, fallbacks: tuple[str, ...]) -> tuple[str, ...]:
        """The Latin font first (it has no Han glyphs, so they fall through), then the Chinese one, then `fallbacks`."""
        return tuple(dict.fromkeys(f for f in (self.latin_font, self.chinese_font, *fallbacks) if f))


@dataclass(frozen=True)
class Colors:
    """The colours of one rendering, as "#rrggbb" strings taken from the widget palette."""

    text: str
    base: str
    link: str
    muted: str
    border: str
    code_bg: str
    quote_bg: str
    notice_bg: str
    notice_border: str
    badge_bg: str
    badge_text: str


_WARM_UP_COLORS = Colors(*(["#808080"] * 11))


def _int_attr(value) -> int | None:
    match = re.match(r"\s*(\d{1,5})(?:px)?\s*$", str(value or ""))
    return int(match.group(1)) if match else None


def prepare_body(body_html: str) -> PreparedBody:
    """Swap every href and img src for an opaque name, and drop tags that could load anything.

    The result is wrapped in <div class="body">. lxml, not BeautifulSoup: ten times faster on a
    300 KB post, and this runs each time a post is opened.
    """
    import lxml.html  # here: on the worker that read the post; the window's start does not wait for it
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(body_html, create_parent="div") if body_html.strip() else None
    except (etree.ParserError, ValueError):  # e.g. an XML encoding declaration inside the body
        root = lxml.html.fragment_fromstring(html.escape(body_html), create_parent="div")
    if root is None:
        return PreparedBody('<div class="body"></div>', (), (), blank=True)
    root.set("class", "body")
    for tag in list(root.iter(_DROP_TAGS)):
        tag.drop_tree()
    translate_labels(root, body_html)
    for pre in list(root.iter("pre")):
        # Qt paints a <pre> background line by line, leaving stripes: a one-cell table
        # gives the code block one uniform box.
        box = etree.Element("table", {"class": "code", "width": "100%", "cellpadding": "8", "border": "0"})
        pre.addprevious(box)
        cell = etree.SubElement(etree.SubElement(box, "tr"), "td", {"class": "code"})
        box.tail, pre.tail = pre.tail, None
        cell.append(pre)
        for code in list(pre.iter("code")):
            code.drop_tag()  # its own background would stripe the box again
    links: list[str] = []
    images: list[ImageRef] = []
    for el in root.iter("a", "img"):
        if el.tag == "a":
            if el.get("href") is not None:
                links.append(el.get("href"))
                el.set("href", f"{LINK_SCHEME}:{len(links) - 1}")
            continue
        images.append(
            ImageRef(
                (el.get("src") or ""),
                (el.get("alt") or "").strip(),
                _int_attr(el.get("width")),
                _int_attr(el.get("height")),
            )
        )
        # The view sizes every image itself (to fit the column), so size attributes go.
        for attr in ("width", "height", "style", "srcset"):
            el.attrib.pop(attr, None)
        el.set("src", f"{IMAGE_SCHEME}:{len(images) - 1}")
    blank = not images and not any(text.strip() for text in root.itertext())  # stops at the first text
    return PreparedBody(lxml.html.tostring(root, encoding="unicode"), tuple(images), tuple(links), blank)


def _t(text: str) -> str:
    """One of the words above in the interface language, escaped for the page."""
    return html.escape(QCoreApplication.translate(TR, text))


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def taxonomy_href(kind: str, key: str) -> str:
    """ "category:KEY" / "tag:KEY" with the key percent-encoded, so "?" or "#" in a key survive QUrl."""
    return f"{kind}:{quote(key, safe='')}"


def han_glyphs(language: str | None) -> str:
    """Which of HAN_FONT_FAMILIES a post in `language` ("zh-TW", "zh-Hant", "ja", ...) is shown in."""
    parts = (language or "").lower().replace("_", "-").split("-")
    if parts[0] in ("ja", "jpn"):
        return "jp"
    if parts[0] in ("ko", "kor"):
        return "kr"
    if parts[0] in ("zh", "zho", "chi", "yue", "cmn") and "hans" not in parts:
        if "hk" in parts or "mo" in parts:
            return "hk"  # Noto has no Macau shapes; Hong Kong's are the ones used there
        if "hant" in parts or "tw" in parts or parts[0] == "yue":
            return "tc"
    return "sc"


def build_page(post: Post, body: PreparedBody, labels: dict[str, str] | None = None, detached: int = 0) -> str:
    """The whole page: problem notice, title, date/category/tag line, how many highlights are detached, body,
    source link; in the Han glyph shapes of the post's language."""
    labels = labels or {}
    parts: list[str] = [f'<div class="han-{han_glyphs(post.meta.language)}">']
    if post.meta.error:
        parts.append(
            '<table class="notice" width="100%" cellpadding="8" cellspacing="0"><tr><td>'
            f"<b>{_t(PROBLEM)}</b> {html.escape(translated(post.meta.error))}</td></tr></table>"
        )
    title = post.meta.title.strip() or post.meta.path.rsplit("/", 1)[-1] or QCoreApplication.translate(TR, UNTITLED)
    parts.append(f"<h1>{html.escape(title)}</h1>")
    meta: list[str] = []
    if post.meta.draft:
        meta.append(f'<span class="draft">&nbsp;{_t(DRAFT)}&nbsp;</span>')
    if post.meta.date:
        meta.append(html.escape(format_date(post.meta.date)))
    if post.meta.authors:
        meta.append(html.escape(", ".join(post.meta.authors)))
    for key in post.meta.categories:
        meta.append(_link(taxonomy_href("category", key), labels.get(key, key)))
    for key in post.meta.tags:
        meta.append(_link(taxonomy_href("tag", key), "#" + labels.get(key, key)))
    if meta:
        parts.append('<p class="meta">' + " &nbsp;·&nbsp; ".join(meta) + "</p>")
    if detached:
        parts.append(
            '<table class="notice" width="100%" cellpadding="8" cellspacing="0"><tr><td>'
            f"{html.escape(detached_notice(detached))}</td></tr></table>"
        )
    parts.append(body.html)
    if body.blank and not post.meta.error:  # else a title over a blank pane, as if the post failed to open
        parts.append(f'<p class="meta">{_t(NO_TEXT)}</p>')
    if post.truncated:
        parts.append(
            f'<table class="notice" width="100%" cellpadding="8" cellspacing="0"><tr><td>'
            f'{_t(TRUNCATED)} <a href="{SHOW_ALL_HREF}">{_t(SHOW_ALL)}</a>'
            "</td></tr></table>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def header_names(post: Post, labels: dict[str, str]) -> list[str]:
    """The category and tag names a post's header shows, with these readable names."""
    return [labels.get(key, key) for key in (*post.meta.categories, *post.meta.tags)]


def post_page(post: Post, body: PreparedBody, labels: dict[str, str], detached: int, script: str) -> str:
    """The page of a post as the view shows it: build_page, its source line, in the script of View ▸ Read As."""
    page = build_page(post, body, labels, detached)
    if post.meta.source_url:
        page += source_line(post.meta.source_url, body)
    return html_to_script(page, script)  # the text only, never names


@dataclass(frozen=True)
class PageSetup:
    """What a post's page depends on besides the post, as the view has it when the post is asked for."""

    labels: dict[str, str]
    script: str
    style: str  # stylesheet()
    font: QFont
    margins: tuple[float, float]  # set_margins(side, em)
    thread: QThread | None  # the view's (None: the document stays where it is made)


@dataclass(frozen=True)
class PageDocument:
    """A page Qt parsed on a worker: the view adopts the document when it would show this page, in this style."""

    page: str
    style: str
    font: QFont
    document: QTextDocument


def page_document(post: Post, body: PreparedBody, setup: PageSetup) -> PageDocument:
    """On a worker: the post's page parsed into a QTextDocument of its own (Qt's rich-text classes are
    reentrant; 15 ms for a 500 KB post that the UI thread no longer spends), then handed to the view's thread.

    Parsing loads nothing: images are asked for when the page is laid out, after the view adopted it (then
    through its loadResource), and the page names nothing but "jbimg:N" and "jblink:N" (prepare_body).
    """
    page = post_page(post, body, setup.labels, 0, setup.script)
    document = setup_document(page, setup)
    document.setBaseUrl(QUrl())
    # A null page size: the layout Qt makes when the view adopts the page does not lay the text out with no
    # width, to lay it out again at once at the view's width (0.5 ms of the UI thread for 5 KB, 1-2 for 300 KB).
    document.setPageSize(QSizeF(0, 0))
    if setup.thread is not None:
        document.moveToThread(setup.thread)  # the last thing done here: from now on it is the UI thread's
    return PageDocument(page, setup.style, setup.font, document)


def setup_document(page: str, setup: PageSetup) -> QTextDocument:
    """A new document holding `page` (HTML) in the view's font, style sheet and margins, not laid out yet."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(setup.font)
    document.setDefaultStyleSheet(setup.style)
    document.setHtml(page)
    set_margins(document, *setup.margins)
    return document


def warm_up(setup: PageSetup | None = None) -> None:
    """On a worker: the whole way of a post to the view, once, on a few bytes in memory (no file read), so
    that the first post opened does not pay for importing and starting markdown-it, nh3, lxml and Qt's HTML
    parser (about 200 ms, more on a busy machine); in the view's `setup` if given (its fonts and style sheet:
    the first post's page took 1-2 ms longer to parse in them than the next one)."""
    from reader.core import Library  # here, on the worker: importing the core is part of the warm-up

    post = Library.warm_up()  # the core's part of the way: markdown-it, nh3, lxml
    if setup is None:
        setup = PageSetup({}, ORIGINAL, stylesheet(_WARM_UP_COLORS, ("monospace",)), QFont(), (16.0, 16.0), None)
    page_document(post, prepare_body(post.html), replace(setup, thread=None))  # made and deleted on this thread


def set_margins(document: QTextDocument, side: float, em: float) -> None:
    """QTextDocument has no max-width, so the root frame's side margins centre a column. Set only when they
    change: each setting lays the whole page out again."""
    root = document.rootFrame()
    fmt = root.frameFormat()
    if (fmt.leftMargin(), fmt.rightMargin(), fmt.topMargin(), fmt.bottomMargin()) == (side, side, em, 2 * em):
        return
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    fmt.setTopMargin(em)
    fmt.setBottomMargin(2 * em)
    root.setFrameFormat(fmt)


def source_line(url: str, body: PreparedBody) -> str:
    """The "Source: <url>" paragraph, its link the one after the body's in the view's table; nothing when the
    body links to that page itself (a finews post ends with its source link: the reader saw it just above)."""
    if links_to(body.links, url):
        return ""
    return f'<p class="source">{_t(SOURCE)} <a href="{LINK_SCHEME}:{len(body.links)}">{html.escape(url)}</a></p>'


def message_page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f'<h1>{html.escape(title)}</h1><div class="message">{paragraphs}</div>'


@dataclass(frozen=True)
class LibrarySummary:
    """What the article pane says about the library while no article is open."""

    name: str
    posts: int
    unread: int
    starred: int
    first_month: str | None  # "2021-01"
    last_month: str | None
    top_categories: tuple[tuple[str, int], ...]  # (readable name, posts), most posts first
    keys: tuple[tuple[str, str], ...]  # (keys as the platform writes them, what they do)


SUMMARY_SPAN = QT_TRANSLATE_NOOP("ArticlePage", " From {first} to {last}.")  # its space too: Chinese has none
SUMMARY_CATEGORIES = QT_TRANSLATE_NOOP("ArticlePage", "Top categories")
SUMMARY_KEYS = QT_TRANSLATE_NOOP("ArticlePage", "Keys worth knowing")
SUMMARY_EMPTY = QT_TRANSLATE_NOOP("ArticlePage", "No articles yet: the library is being read.")


class ArticlePage(QObject):
    """The words of the summary page with a plural: lupdate reads plurals only from self.tr() in a class."""

    def counts(self, posts: int) -> str:
        return self.tr("%Ln article(s), {unread} unread, {starred} starred.", "", posts)

    def detached(self, count: int) -> str:
        return self.tr(
            "%Ln highlight(s) of this article no longer match its text (detached): kept, and listed under Highlights.",
            "",
            count,
        )


def detached_notice(count: int) -> str:
    """The header's sentence about the post's detached highlights, as plain text."""
    return ArticlePage().detached(count)


def summary_page(summary: LibrarySummary) -> str:
    """The page for an empty article pane: the library in figures, its main categories, the keys to start with."""
    parts = [f"<h1>{html.escape(summary.name)}</h1>"]
    if not summary.posts:
        parts.append(f'<p class="meta">{_t(SUMMARY_EMPTY)}</p>')
    else:
        line = ArticlePage().counts(summary.posts).format(unread=f"{summary.unread:,}", starred=f"{summary.starred:,}")
        if summary.first_month and summary.last_month:
            line += QCoreApplication.translate(TR, SUMMARY_SPAN).format(
                first=format_month(summary.first_month), last=format_month(summary.last_month)
            )
        parts.append(f'<p class="meta">{html.escape(line)}</p>')
    if summary.top_categories:
        parts.append(f"<h3>{_t(SUMMARY_CATEGORIES)}</h3>")
        parts.append(_two_columns([(name, f"{count:,}") for name, count in summary.top_categories]))
    if summary.keys:
        parts.append(f"<h3>{_t(SUMMARY_KEYS)}</h3>")
        parts.append(_two_columns(summary.keys, left_tag="kbd"))
    return "\n".join(parts)


def _two_columns(rows, left_tag: str = "") -> str:
    """A borderless table of (text, text) rows; the left cells in `left_tag` (e.g. kbd) if given."""
    out = ['<table class="summary" cellpadding="4" cellspacing="0">']
    for left, right in rows:
        left = f"<{left_tag}>{html.escape(left)}</{left_tag}>" if left_tag else html.escape(left)
        out.append(f'<tr><td valign="middle">{left}</td><td valign="middle">{html.escape(right)}</td></tr>')
    out.append("</table>")
    return "".join(out)


def stylesheet(c: Colors, mono_families: tuple[str, ...], look: Look = Look()) -> str:
    """Qt's rich-text CSS subset: colours, line height, code, quotes, tables (no max-width, no borders on divs).

    Body text has no colour here on purpose: Qt paints it with the palette's Text colour (the theme's).
    """
    mono = ", ".join(f"'{f}'" for f in mono_families)
    han = "\n".join(
        f"div.han-{name} {{ font-family: {_families(look.families(families))}; }}"
        for name, families in HAN_FONT_FAMILIES.items()
    )
    lh = int(look.line_height)
    return f"""
body {{ background-color: {c.base}; }}
div.body {{ line-height: {lh}%; }}
a {{ color: {c.link}; text-decoration: none; }}
p, li, dd, dt, blockquote {{ line-height: {lh}%; }}
p {{ margin-top: 0.4em; margin-bottom: 0.8em; }}
h1 {{ margin-top: 0.3em; margin-bottom: 0.3em; }}
h2, h3, h4, h5, h6 {{ margin-top: 1.2em; margin-bottom: 0.5em; }}
p.meta {{ color: {c.muted}; margin-bottom: 1.4em; }}
p.source {{ color: {c.muted}; margin-top: 1.6em; }}
span.draft {{ background-color: {c.badge_bg}; color: {c.badge_text}; font-weight: bold; }}
table.notice {{ background-color: {c.notice_bg}; border: 1px solid {c.notice_border}; margin-bottom: 1em; }}
pre {{ font-family: {mono}; white-space: pre-wrap; line-height: 115%; margin: 0; }}
code, tt, kbd, samp {{ background-color: {c.code_bg}; font-family: {mono}; }}
blockquote {{ background-color: {c.quote_bg}; margin-left: 0.8em; margin-right: 0; }}
blockquote.callout-warning, blockquote.callout-caution, blockquote.callout-danger, blockquote.callout-error,
blockquote.callout-bug, blockquote.callout-failure {{ background-color: {c.notice_bg}; }}
strong.callout-title {{ color: {c.link}; }}
table {{ border-collapse: collapse; border: 1px solid {c.border}; margin-top: 0.6em; margin-bottom: 0.8em; }}
th, td {{ border: 1px solid {c.border}; padding: 4px; }}
th {{ background-color: {c.code_bg}; }}
table.code {{ border: none; margin-top: 0.4em; margin-bottom: 0.8em; }}
td.code {{ border: none; background-color: {c.code_bg}; padding: 8px; }}
table.summary, table.summary td {{ border: none; margin-top: 0; }}
{han}
"""


def _families(families: tuple[str, ...]) -> str:
    """A CSS font-family list: names quoted, generic families as they are."""
    return ", ".join(f if f in ("sans-serif", "serif", "monospace") else f"'{f}'" for f in families)
