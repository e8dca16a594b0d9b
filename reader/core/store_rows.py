"""How a post is kept in the index's `posts` table: one row from its PostMeta, and back."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from . import collate, zh_fold
from .site_paths import file_stem
from .types import PostMeta

_SEP = "\x1f"  # joins categories and tags in one column
_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

# PostMeta fields with a column of their own; `meta` holds the others, when they have a value.
META_COLUMNS = "path, title, date, sort_key, cats, tags, draft, error, meta"
# The values meta_row makes, and where the writer finds the ones it needs in them.
# (`stem`, `category` and `title_fold` are computed by SQLite: schema step 8.)
ROW_COLUMNS = (
    "path, title, fold, date, day, sort_key, draft, error, permalink, cats, tags, meta, title_key, stem_at, stem_len"
)
PATH, SORT_KEY, CATS, TAGS = 0, 5, 9, 10

# A string as json.dumps(..., ensure_ascii=False) writes it, quotes and escapes (C): meta's JSON is
# written with it by hand, 0.4 against 1.7-1.9 us a row for the encoder's encode() (a news post's
# source URL), the same text (test_store_rows compares them).
_QUOTE = json.encoder.encode_basestring


def title_fold(title: str) -> str:
    """posts.title_fold: the title casefolded and its Chinese folded (zh_fold), for the title filter,
    title-only search and the order by title."""
    return zh_fold.fold(title.casefold())


def _day(meta: PostMeta) -> str | None:
    m = _DAY.match(meta.date or "")
    if m:
        return m.group()
    if meta.sort_key is not None:
        return datetime.fromtimestamp(meta.sort_key, UTC).strftime("%Y-%m-%d")
    return None


def normalise_permalink(permalink: str | None) -> str | None:
    """ "/a/b" for "a/b", "/a/b/" and "/a/b"; None for nothing."""
    if not permalink or not permalink.strip():
        return None
    return "/" + permalink.strip().strip("/")


def split(joined: str) -> tuple[str, ...]:
    """The categories or tags joined in one column."""
    return tuple(joined.split(_SEP)) if joined else ()


def meta_from_row(path, title, date, sort_key, cats, tags, draft, error, extra) -> PostMeta:
    """The PostMeta of a row selected as META_COLUMNS."""
    data = json.loads(extra)
    if "authors" in data:
        data["authors"] = tuple(data["authors"] or ())
    return PostMeta(
        path=path,
        title=title,
        date=date,
        sort_key=sort_key,
        categories=split(cats),
        tags=split(tags),
        draft=bool(draft),
        error=error,
        **data,
    )


def _extra_json(meta: PostMeta) -> str:
    """`meta`: the fields below with a value, as json.dumps(..., ensure_ascii=False) writes them."""
    kept = [f'"authors": [{", ".join(map(_QUOTE, meta.authors))}]'] if meta.authors else []
    for key, value in (
        ("excerpt", meta.excerpt),
        ("permalink", meta.permalink),
        ("language", meta.language),
        ("source_url", meta.source_url),
    ):
        if value:
            kept.append(f'"{key}": {_QUOTE(value)}')
    return "{" + ", ".join(kept) + "}"


def meta_row(meta: PostMeta, keyed: bool = True) -> tuple:
    """A post's `posts` values as ROW_COLUMNS, made where it is read (the indexer's workers): the
    writer adds the id, mtime and size. Without `keyed`, no title sort key (NULL: Store.fill_title_keys
    makes it). A tuple of plain values pickles in a fifth of a PostMeta's time."""
    fold = title_fold(meta.title)
    return (
        meta.path,
        meta.title,
        None if fold == meta.title else fold,  # posts.fold: stored only where it is not the title
        meta.date,
        _day(meta),
        meta.sort_key,
        int(meta.draft),
        meta.error,
        normalise_permalink(meta.permalink),
        _SEP.join(meta.categories),
        _SEP.join(meta.tags),
        _extra_json(meta),
        collate.title_key(meta.title) if keyed else None,
        meta.path.rfind("/") + 2,  # where the file's stem starts in the path (SQLite counts from 1)
        len(file_stem(meta.path)),
    )
