"""The reading pipeline: the bytes of one post file -> ParsedPost. Never raises for bad content."""

from __future__ import annotations

import html
import re

from .dates import date_from_filename, date_sort_key
from .decode import decode_bytes
from .errors import DecodeError
from .frontmatter import read_front_matter
from .metadata import build_meta, readable_file_title
from .types import ParsedPost, PostMeta, Site

MAX_LINKS = 50
_HTML_SUFFIXES = (".html", ".htm")

# Markdown inline links and HTML anchors. Two plain patterns beat one alternation (or a
# lookbehind for "![" images) by 8x: the regex engine can then jump to "[" and "<".
_MD_LINK = re.compile(r"\[(?P<text>[^\]\n]{0,300})\]\(\s*<?(?P<href>[^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\s*\)")
_A_LINK = re.compile(
    r"<[aA]\s[^>]*?[hH][rR][eE][fF]\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))[^>]*>"
    r"(?P<text>[^<]*(?:<(?!/[aA]\b)[^<]*)*)</[aA]\s*>"
)
_TAG = re.compile(r"<[^>]*>")


def parse_post(site: Site, relpath: str, data: bytes) -> ParsedPost:
    """Read one post file's bytes: metadata, body source, format and links.

    Problems (binary data, broken front matter, a date that is not a date) are reported in
    `meta.error`; the post is always returned with a non-empty title.
    """
    body_format = "html" if relpath.lower().endswith(_HTML_SUFFIXES) else "markdown"
    try:
        return _parse(site, relpath, data, body_format)
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop an index run
        return _unreadable(site, relpath, body_format, f"could not read: {type(exc).__name__}: {exc}")


def extract_links(body: str, limit: int = MAX_LINKS) -> tuple[tuple[str, str], ...]:
    """(href, text) of the body's Markdown links and HTML anchors, in order, at most `limit`."""
    found = []
    for m in _MD_LINK.finditer(body):
        if m.start() > 0 and body[m.start() - 1] == "!":
            continue  # an image
        found.append((m.start(), m["href"], m["text"]))
        if len(found) >= limit:
            break
    if "<a" in body or "<A" in body:
        for m in _A_LINK.finditer(body):
            href = next(h for h in (m["dq"], m["sq"], m["bare"]) if h is not None)
            found.append((m.start(), href, html.unescape(_TAG.sub("", m["text"]))))
            if len(found) >= 2 * limit:
                break
        found.sort(key=lambda item: item[0])
    return tuple((href.strip(), " ".join(text.split())) for _, href, text in found[:limit])


def _parse(site: Site, relpath: str, data: bytes, body_format: str) -> ParsedPost:
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
    return ParsedPost(meta=meta, body=fm.body, body_format=body_format, body_line=fm.body_line,
                      links=extract_links(fm.body))


def _unreadable(site: Site, relpath: str, body_format: str, error: str) -> ParsedPost:
    """A file we cannot read as text still gets a row: a title from its name, and the problem."""
    iso = date_from_filename(relpath)
    meta = PostMeta(
        path=relpath,
        title=readable_file_title(relpath, site.kind),
        date=iso,
        sort_key=date_sort_key(iso, site.timezone) if iso else None,
        error=error,
    )
    return ParsedPost(meta=meta, body="", body_format=body_format)
