"""The reading pipeline: the bytes of one post file -> ParsedPost. Never raises for bad content."""

from __future__ import annotations

import html
import re

from .budget import TooComplex, bounded
from .dates import date_from_filename, date_sort_key
from .decode import decode_bytes
from .errors import DecodeError
from .frontmatter import read_front_matter
from .links_scan import ANCHOR_START, html_anchors, markdown_links
from .metadata import build_meta, readable_file_title
from .types import ParsedPost, PostMeta, Site

MAX_LINKS = 50
_HTML_SUFFIXES = (".html", ".htm")
_TAG = re.compile(r"<[^<>]*>")  # "[^>]*" would rescan to the end from every "<" of "<<<<"


def parse_post(site: Site, relpath: str, data: bytes, *, links: bool = True) -> ParsedPost:
    """Read one post file's bytes: metadata, body source, format and (unless not `links`) links.

    Problems (binary data, broken front matter, a date that is not a date, a file over its
    budget of time or memory) are reported in `meta.error`; the post always has a non-empty title.
    """
    body_format = "html" if relpath.lower().endswith(_HTML_SUFFIXES) else "markdown"
    try:
        return bounded(_parse, site, relpath, data, body_format, links)
    except TooComplex as exc:  # over the per-file budget (budget.py)
        return _unreadable(site, relpath, body_format, str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop an index run
        return _unreadable(site, relpath, body_format, f"could not read: {type(exc).__name__}: {exc}")


def extract_links(body: str, limit: int = MAX_LINKS) -> tuple[tuple[str, str], ...]:
    """(href, text) of the body's Markdown links and HTML anchors, in order, at most `limit`.

    Linear in the body: two hand-written scanners (links_scan.py) replace the two regular
    expressions that took 18 s on a line of 8,000 "[a](" (each rescanned to the end of the line).
    """
    found = markdown_links(body, limit)
    if ANCHOR_START.search(body):
        found += html_anchors(body, 2 * limit)
        found.sort(key=lambda item: item[0])
    return tuple(
        (href.strip(), " ".join(html.unescape(_TAG.sub("", text)).split()) if is_html else " ".join(text.split()))
        for _, href, text, is_html in found[:limit]
    )


def _parse(site: Site, relpath: str, data: bytes, body_format: str, links: bool) -> ParsedPost:
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        return _unreadable(site, relpath, body_format, str(exc))
    fm = read_front_matter(text)
    error = None
    if fm.error is not None:
        where = f"line {fm.error.line}: " if fm.error.line else ""
        error = f"front matter, {where}{fm.error.reason}"
    meta = build_meta(site, relpath, fm.data, fm.body, body_format, error)
    return ParsedPost(
        meta=meta,
        body=fm.body,
        body_format=body_format,
        body_line=fm.body_line,
        links=extract_links(fm.body) if links else (),
    )


def _unreadable(site: Site, relpath: str, body_format: str, error: str) -> ParsedPost:
    """A file we cannot read as text still gets a row: a title from its name, and the problem."""
    return ParsedPost(meta=unreadable_meta(site, relpath, error), body="", body_format=body_format)


def unreadable_meta(site: Site, relpath: str, error: str) -> PostMeta:
    """The metadata of a file whose content cannot be used: title and date from its name, the problem."""
    iso = date_from_filename(relpath)
    return PostMeta(
        path=relpath,
        title=readable_file_title(relpath, site.kind),
        date=iso,
        sort_key=date_sort_key(iso, site.timezone) if iso else None,
        error=error,
    )
