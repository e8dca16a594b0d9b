"""The reading pipeline: the bytes of one post file -> ParsedPost. Never raises for bad content."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from .budget import Ticket, TooComplex, bounded, bounded_each, in_a_row
from .dates import date_from_filename, date_sort_key
from .decode import decode_bytes
from .errors import DecodeError
from .frontmatter import FrontMatter, read_front_matter
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
    reading = _Reading(site, relpath, data, links)
    reading.run(_Reading.all_steps)
    assert reading.done is not None
    return reading.done


def parse_posts(site: Site, items: Sequence[tuple[str, bytes]]) -> list[ParsedPost]:
    """parse_post (links included) of each (relpath, data), step by step across them all inside
    budget.files_in_a_row (every file decoded, then every front matter read, ...: 70 against 84 us a
    news post, the CPU's caches hold one step's code and data), each file under its one budget over
    its steps (budget.bounded_each: a _Reading is its budget.Ticket); elsewhere file by file."""
    if not in_a_row():
        return [parse_post(site, relpath, data) for relpath, data in items]
    readings = [_Reading(site, relpath, data, True) for relpath, data in items]
    for step in _Reading.STEPS:
        for reading, exc in bounded_each(step, [reading for reading in readings if reading.done is None]).items():
            reading.fail(exc)
    done = [reading.done for reading in readings if reading.done is not None]
    assert len(done) == len(readings)  # every step ends a file or leaves it to the next
    return done


def parse_body(site: Site, relpath: str, data: bytes, title: str) -> ParsedPost:
    """What the text phase needs of a file whose title the index holds: its body and format, decoded
    and split from its front matter under the per-file budget, its metadata not made again (16 of
    parse_post's 40 us a news post). A file that cannot be decoded has an empty body, as in parse_post."""
    reading = _Reading(site, relpath, data, False)
    reading.run(partial(_Reading.body_only, title=title))
    done = reading.done
    assert done is not None
    return done if done.meta.title == title else done._replace(meta=replace(done.meta, title=title))


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


class _Reading(Ticket):
    """One file on its way through parse_post's steps (decode, front matter, metadata, links): what
    each step made, and the ParsedPost once done (a problem ends it early). It is the file's
    budget.Ticket in parse_posts."""

    def __init__(self, site: Site, relpath: str, data: bytes, links: bool) -> None:
        super().__init__()
        self.site, self.relpath, self.data, self.links = site, relpath, data, links
        self.body_format = "html" if relpath.lower().endswith(_HTML_SUFFIXES) else "markdown"
        self.text = ""
        self.front: FrontMatter | None = None
        self.meta: PostMeta | None = None
        self.done: ParsedPost | None = None

    def run(self, steps: Callable[[_Reading], None]) -> None:
        """`steps` under the per-file budget (budget.bounded); a problem ends the file."""
        try:
            bounded(steps, self)
        except Exception as exc:  # noqa: BLE001 - one odd file must never stop an index run
            self.fail(exc)

    def fail(self, exc: Exception) -> None:
        """The file ends as unreadable: over its budget (budget.TooComplex), or a step raised."""
        message = str(exc) if isinstance(exc, TooComplex) else f"could not read: {type(exc).__name__}: {exc}"
        self.done = _unreadable(self.site, self.relpath, self.body_format, message)

    def decode(self) -> None:
        try:
            self.text, _encoding = decode_bytes(self.data)
        except DecodeError as exc:
            self.done = _unreadable(self.site, self.relpath, self.body_format, str(exc))

    def read_front_matter(self) -> None:
        self.front = read_front_matter(self.text)

    def build_meta(self) -> None:
        fm = self.front
        assert fm is not None
        error = None
        if fm.error is not None:
            where = f"line {fm.error.line}: " if fm.error.line else ""
            error = f"front matter, {where}{fm.error.reason}"
        self.meta = build_meta(self.site, self.relpath, fm.data, fm.body, self.body_format, error)

    def find_links(self) -> None:
        fm, meta = self.front, self.meta
        assert fm is not None and meta is not None
        self.done = ParsedPost(
            meta=meta,
            body=fm.body,
            body_format=self.body_format,
            body_line=fm.body_line,
            links=extract_links(fm.body) if self.links else (),
        )

    STEPS = (decode, read_front_matter, build_meta, find_links)

    def body_only(self, title: str) -> None:
        """parse_body's steps: decode, front matter, and the body with `title`."""
        self.decode()
        if self.done is None:
            self.read_front_matter()
            fm = self.front
            assert fm is not None
            meta = PostMeta(self.relpath, title, None, None)
            self.done = ParsedPost(meta=meta, body=fm.body, body_format=self.body_format, body_line=fm.body_line)

    def all_steps(self) -> None:
        for step in _Reading.STEPS:
            if self.done is None:
                step(self)


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
