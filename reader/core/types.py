"""Frozen dataclasses (and two named tuples) that the core hands to the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True)
class Site:
    """What kind of site a library folder is, and the settings that matter for reading it."""

    kind: str  # "jekyll", "hexo", "hugo", "zola", "obsidian" or "folder"
    root: Path  # the site root (where its config lives), absolute
    library_root: Path  # the folder the user opened: the root or a folder inside it
    title: str | None = None
    url: str | None = None  # the site's own URL, e.g. "https://finews.withounder.com" (no trailing /)
    baseurl: str = ""  # Jekyll's baseurl, e.g. "/blog", or ""
    timezone: str | None = None  # IANA name applied to dates written without an offset
    language: str | None = None


@dataclass(frozen=True)
class LinkTarget:
    """Where a link in a post leads, as decided by `Library.resolve_link`."""

    kind: str  # "post", "category", "tag", "external", "anchor", "missing" or "refused"
    post_id: int | None = None
    key: str | None = None  # category or tag key, or the anchor name
    url: str | None = None  # for "external": the absolute URL to hand to the system browser


@dataclass(frozen=True)
class PostMeta:
    """Normalised metadata of one post, as read from its file."""

    path: str  # relative to the library root, "/"-separated
    title: str
    date: str | None  # ISO 8601, as precise as the source: "2022-01-21" or "2022-01-21T15:01:08+08:00"
    sort_key: float | None  # seconds since the epoch (UTC) for ordering; None when the date is unknown
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    authors: tuple[str, ...] = ()
    excerpt: str | None = None
    permalink: str | None = None
    language: str | None = None
    source_url: str | None = None
    error: str | None = None  # a readable problem ("line 3: ...") or None


class ParsedPost(NamedTuple):
    """A post file read and split: metadata, the body source and its format. A tuple, as frozen as a
    dataclass, made in 0.38 against 0.81 us (one a post of the metadata phase); `_replace` changes it."""

    meta: PostMeta
    body: str  # the body source text, after the front matter
    body_format: str  # "markdown" or "html"
    body_line: int = 1  # 1-based line in the file where the body starts
    links: tuple[tuple[str, str], ...] = ()  # (href, text) of links in the body, for category names


@dataclass(frozen=True)
class PostSummary:
    """One row of the article list."""

    id: int
    path: str
    title: str
    date: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    draft: bool
    error: str | None
    read: bool = False
    starred: bool = False


class ListRow(NamedTuple):
    """One row of a long listing (Library.list_rows): a PostSummary's fields without the id and the
    reading state, as a tuple, which costs a fifth of a frozen dataclass to make (100k rows stream)."""

    path: str
    title: str
    date: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    draft: bool
    error: str | None


@dataclass(frozen=True)
class Post:
    """One article, ready to show: its metadata and its body as safe HTML."""

    id: int
    meta: PostMeta
    html: str  # sanitised body HTML
    text: str  # plain text of the body
    truncated: bool = False  # only the start of a huge body is here; get_post(id, full=True) has all


@dataclass(frozen=True)
class Snippet:
    """About 120 characters of a post's plain text around a hit, and where the searched words are.

    Plain text, never HTML: a front end escapes it as its medium needs. `spans` are the
    (start, end) character offsets of the hits in `text`, in order and not overlapping.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """A search result: the row, its snippet (None until one is made) and its rank.

    `title_only`: the post's full text is not indexed yet, so it matched on its title alone.
    `title_key`: the index's sort key of the title (collate.title_key), so hits sort as the list does.
    """

    post: PostSummary
    snippet: Snippet | None
    rank: float
    title_only: bool = False
    title_key: str = ""


@dataclass(frozen=True)
class SearchResults(Sequence[SearchHit]):
    """The hits of one search, best first, and how much of the library the full text covered.

    While the full-text phase runs (`indexed` < `total`), posts not indexed yet can only
    match on their titles: those hits come last, marked `title_only`.
    """

    hits: tuple[SearchHit, ...] = ()
    indexed: int = 0  # posts whose full text is in the index
    total: int = 0  # posts in the library

    @property
    def complete(self) -> bool:
        return self.indexed >= self.total

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.hits[index]


@dataclass(frozen=True)
class Facet:
    """A value to filter by (a category, a tag, a year or a month) with its post count."""

    kind: str  # "category", "tag", "year" or "month"
    key: str  # the value as stored: "zhongguojingjiwang", "2022", "2022-01"
    label: str  # what to show: a readable name where the library gives one
    count: int


@dataclass(frozen=True)
class PostFilter:
    """Which posts a list shows. Values within one field combine with OR, fields with AND."""

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    months: tuple[str, ...] = ()  # "2022" for a whole year or "2022-01"
    read: bool | None = None  # None: all; False: only unread; True: only read
    starred: bool | None = None  # None: all; True: only starred
    drafts: bool | None = None  # None: all; True: only drafts; False: no drafts
    problems: bool = False  # only posts with an error
    title: str = ""  # substring of the title, case-insensitive


@dataclass(frozen=True)
class Problem:
    """A file that could not be read fully, or an entry the scan did not read, and why."""

    path: str
    message: str


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: int = 0
    seconds: float = 0.0
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
    notes: tuple[str, ...] = field(default_factory=tuple)
    folders: tuple[str, ...] = ()  # the folders the scan walked, relative to the library ("" is it)
