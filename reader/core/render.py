"""Post bodies (Markdown or HTML) to HTML, after expanding what site generators would have expanded."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import liquid, obsidian
from .cjk_chars import joins_without_space
from .types import Site

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it (with its plugins, 30-40 ms of CPU to import) is imported by the first Markdown body
# rendered: the text of an HTML body (render_for_text), as a search's snippets need it, goes without.

_OPTIONS = {"html": True, "linkify": False, "typographer": False}
# A body with more "|" than this (an upper bound on its table cells) renders its tables as text:
# markdown-it makes five tokens a cell, and a 200 x 5,000 table took 35 s and 800 MB to index.
# 20,000 cells (a 1,000-row table of 20 columns) render in about 0.7 s.
MAX_TABLE_CELLS = 20_000


def _markdown(tables: bool, inline: bool = True, breaks: bool = False) -> MarkdownIt:
    """markdown-it as the generators read posts; `inline=False`: block structure only; `breaks`: as Obsidian
    reads a note (its "Strict line breaks" off by default), a single newline in a paragraph is a line break."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from .cjk_chars import cjk_line_joins
    from .cjk_emphasis import cjk_friendly_emphasis

    md = MarkdownIt("commonmark", {**_OPTIONS, "breaks": breaks}).enable(
        ["table", "strikethrough"] if tables else ["strikethrough"]
    )
    md.use(footnote_plugin)
    md.use(cjk_friendly_emphasis)  # `**文｜**龚菁琦` is bold, as in every Chinese editor
    md.core.ruler.push("obsidian_embed_lines", obsidian.embed_lines)  # an embed alone on its line: a line of its own
    md.core.ruler.push("cjk_line_joins", cjk_line_joins)  # `第一行\n第二行`: no space between the lines
    if not inline:
        md.disable("inline")  # cheap, and enough to find where the code blocks are
    # Percent-encoding and punycoding each link took a third of rendering a news post (its source
    # link and two back-links, which repeat across thousands of posts); both are pure functions.
    md.normalizeLink = functools.lru_cache(maxsize=4096)(md.normalizeLink)
    md.normalizeLinkText = functools.lru_cache(maxsize=4096)(md.normalizeLinkText)
    return md


@functools.cache
def _parsers(tables: bool, breaks: bool = False) -> tuple[MarkdownIt, MarkdownIt]:
    """(full renderer, block structure only), with tables or without, the renderer's newlines line breaks or
    not (`breaks`: an Obsidian vault); made once, when first needed."""
    if breaks:
        return _markdown(tables=tables, breaks=True), _parsers(tables)[1]  # the block structure is the same
    return _markdown(tables=tables), _markdown(tables=tables, inline=False)


# Any of these means a body may need preprocessing; most news bodies contain none of them.
_TRIGGERS = ("{", "%%", "[[", "==", "[!", "<!--", "<>")
_UNSAFE_CHARS = re.compile("[\x00\ud800-\udfff\ufffe\uffff]")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_INDENTED = re.compile(r"^(?: {4}|\t)", re.M)
_INLINE_CODE = re.compile(r"(?<![`\\])(`+)(?!`)((?:[^`\n]|\n(?![ \t]*\n))+?)(?<!`)\1(?!`)")
# <pre> and <code> elements, as (opening, closing) pairs for liquid.pairs: one "<pre>.*?</pre>"
# pattern rescanned to the end of the body from every unclosed "<pre>" (4 s for 80 KB of them).
_HTML_CODE = tuple(
    (re.compile(rf"<{name}\b[^<>]*>", re.I), re.compile(rf"</{name}\s*>", re.I)) for name in ("pre", "code")
)
# A line that starts a CommonMark HTML block of kind 6 (a block-level tag: <p>, <div>, ...), which
# runs to the next blank line and is copied as written. The names are markdown-it's
# (markdown_it.common.html_blocks.block_names), copied so that finding an HTML body's text imports
# no markdown-it; tests/unit/core/test_render_imports.py checks that the two lists agree.
BLOCK_NAMES = (
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
)
_HTML_BLOCK_START = re.compile(r" {0,3}</?(?a:" + "|".join(BLOCK_NAMES) + r")(?=\s|/?>|$)", re.I | re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
# A news post's Markdown tail: lines of plain text, autolinks and inline links, nothing else that
# Markdown would read (no emphasis, code, escapes, entities, HTML, percent-escapes or punycode,
# whose shown text markdown-it changes); a line starts with none of the block markers. One
# character at a time in plain text: each place is read one way only, so a line that fails
# fails in linear time.
_PLAIN_LINE = re.compile(
    r"(?![#>+*=0-9\s-])(?:<https?://(?![^>]*xn--)[^\s<>%&\\]+>"
    r"|\[[^\[\]\\`*_&<>!^~=|\n]+\]\([^\s()<>\\]*\)|[^\[\]\\`*_&<>!~=|{}\n])+"
)
_PLAIN_PIECE = re.compile(r"<(https?://[^\s<>]+)>|\[([^\]]+)\]\([^)]*\)")
_MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*\n?|<!--\s*more\s*-->", re.M | re.I)
_EMPTY_AUTOLINK = re.compile(r"(?<!\S)<>(?!\S)")


@dataclass(frozen=True)
class RenderContext:
    """What rendering a body needs to know about where it comes from."""

    site: Site
    relpath: str  # the post's path relative to site.library_root, "/"-separated


class _Stash:
    """Holds text that later passes must not touch; each piece is replaced by a \\x00n\\x00 placeholder."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def protect(self, text: str) -> str:
        self.items.append(text)
        return f"\x00{len(self.items) - 1}\x00"

    def restore(self, text: str) -> str:
        # A stashed piece can hold placeholders of its own (code inside a highlight block), hence the loop.
        for _ in range(8):
            if "\x00" not in text:
                break
            text = _PLACEHOLDER.sub(lambda m: self.items[int(m.group(1))], text)
        return text.replace("\x00", "")


def _protect_markdown_code(text: str, stash: _Stash, tables: bool) -> str:
    """Replace fenced and indented code blocks, then inline code spans, by placeholders."""
    if "```" in text or "~~~" in text or _INDENTED.search(text):
        lines = text.split("\n")
        spans = [t.map for t in _parsers(tables)[1].parse(text) if t.type in ("fence", "code_block") and t.map]
        out, pos = [], 0
        for start, end in sorted(spans):
            if start < pos:
                continue
            out.extend(lines[pos:start])
            out.append(stash.protect(liquid.strip_raw_markers("\n".join(lines[start:end]))))
            pos = end
        out.extend(lines[pos:])
        text = "\n".join(out)
    if "`" in text:
        text = _INLINE_CODE.sub(lambda m: stash.protect(liquid.strip_raw_markers(m.group(0))), text)
    return text


def _preprocess(body: str, body_format: str, ctx: RenderContext, stash: _Stash, tables: bool) -> str:
    site = ctx.site
    markdown = body_format != "html"
    if markdown:
        body = _protect_markdown_code(body, stash, tables)
    else:
        for pair in _HTML_CODE:
            body = liquid.pairs(
                body,
                pair,
                lambda m, inner, close: stash.protect(liquid.strip_raw_markers(m.group(0) + inner + close.group(0))),
            )
    if site.kind == "obsidian":
        # Obsidian shows "{% %}" and "{{ }}" literally (they are template syntax in its own docs).
        body = liquid.expand_site_urls(body, site)
    else:
        body = liquid.expand(body, site, ctx.relpath, stash.protect)
    if markdown:
        body = obsidian.expand(body, stash.protect, vault=site.kind == "obsidian")
    if "<!--" in body:
        body = _MORE.sub("", body)
    if "<>" in body:
        body = _EMPTY_AUTOLINK.sub("", body)
    return stash.restore(body)


def _clean(body: str) -> str:
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if _UNSAFE_CHARS.search(body):
        body = _UNSAFE_CHARS.sub("\ufffd", body.replace("\x00", ""))
    return body


def render_body(body: str, body_format: str, ctx: RenderContext) -> str:
    """The body as HTML (not yet sanitised). body_format: "markdown" or "html". Never raises on odd input."""
    body = _clean(body or "")
    tables = body.count("|") <= MAX_TABLE_CELLS
    try:
        if any(t in body for t in _TRIGGERS):
            body = _preprocess(body, body_format, ctx, _Stash(), tables)
    except Exception:  # noqa: BLE001 - the contract is "never raises": one odd post must not stop an index run
        pass  # show the body as written rather than nothing
    if body_format == "html":
        return body
    try:
        rendered = _parsers(tables, breaks=_line_breaks(ctx.site))[0].render(body)
    except Exception:  # noqa: BLE001 - as above; markdown-it has no documented exceptions of its own
        return "<pre>" + html.escape(body) + "</pre>"
    return obsidian.finish_callouts(rendered)


def _line_breaks(site: Site) -> bool:
    """Whether a single newline in a paragraph is a line break, as the site's own renderer shows it: Obsidian's
    ("Strict line breaks" off) and Hexo's (hexo-renderer-marked, which `hexo init` installs: `breaks: true`)."""
    return site.kind in ("obsidian", "hexo")


def render_for_text(body: str, body_format: str, ctx: RenderContext) -> str:
    """HTML with the text of render_body's, for the index and the snippets, made without
    markdown-it when the body is HTML blocks, then plain lines and links (a news post: its
    paragraphs, source link and back-links). markdown-it took 0.2 ms of a finews post's 0.22 ms
    of rendering, nearly all of it in those three links."""
    if body_format == "markdown" and not any(t in body for t in _TRIGGERS):
        head, tail = html_head(_clean(body))
        if (paragraphs := _plain_paragraphs(tail)) is not None:
            breaks = _line_breaks(ctx.site)
            return head + "".join(f"<p>{html.escape(_paragraph_text(p, breaks))}</p>\n" for p in paragraphs)
    return render_body(body, body_format, ctx)


def _plain_paragraphs(tail: str) -> list[list[str]] | None:
    """The paragraphs (their lines) of a tail of plain lines and links, or None when Markdown would read more in it."""
    paragraphs: list[list[str]] = []
    lines: list[str] = []
    for line in [*tail.split("\n"), ""]:
        if line.strip(" \t"):
            if not _PLAIN_LINE.fullmatch(line):
                return None
            lines.append(line)
        elif lines:
            paragraphs.append(lines)
            lines = []
    return paragraphs


def _paragraph_text(lines: list[str], breaks: bool) -> str:
    """A plain paragraph's text as markdown-it gives it: links as their text, a line end between lines but
    none between two CJK characters where lines are joined (cjk_line_joins; a line ending in two spaces
    ends with a <br>, one space goes)."""
    text = _PLAIN_PIECE.sub(_piece_text, lines[0])
    for line in lines[1:]:
        piece = _PLAIN_PIECE.sub(_piece_text, line)
        if not breaks and not text.endswith("  "):
            text = text.removesuffix(" ")
            if joins_without_space(text[-1:], piece.lstrip(" \t")[:1]):
                text += piece
                continue
        text += "\n" + piece
    return text


def _piece_text(m: re.Match[str]) -> str:
    return m.group(1) or m.group(2)


def html_head(body: str) -> tuple[str, str]:
    """(the leading HTML blocks of a Markdown body, each as markdown-it renders it: as written; the rest).

    A CommonMark HTML block that starts with a block-level tag runs to the next blank line. A
    block whose first line holds a "|" could be a table's header row: the rest starts there.
    """
    pos, head = _BLANK_LINES.match(body).end(), []  # type: ignore[union-attr]
    while _HTML_BLOCK_START.match(body, pos):
        blank = _BLANK_LINE.search(body, pos)
        end = blank.start() if blank else len(body)
        first_line = body.find("\n", pos, end)
        if "|" in body[pos : end if first_line < 0 else first_line]:
            break
        head.append(body[pos:end] + "\n")
        pos = _BLANK_LINES.match(body, end + 1).end() if blank else end  # type: ignore[union-attr]
    return "".join(head), body[pos:]
