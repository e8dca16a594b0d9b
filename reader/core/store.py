"""The SQLite index of one library: post rows, labels, stored text and the full-text index."""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from . import cjk, collate, schema, search
from .errors import QueryError, StoreError
from .types import Facet, PostFilter, PostMeta, PostSummary, Problem

_SEP = "\x1f"  # joins categories and tags in one column
_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Errors a fresh file would not fix: the disk, permissions, another process holding a lock.
_UNFIXABLE = {3, 5, 6, 7, 8, 10, 13, 14}  # PERM BUSY LOCKED NOMEM READONLY IOERR FULL CANTOPEN
_CORRUPT = {11, 26}  # CORRUPT NOTADB


class _Damaged(Exception):
    """The index file must be replaced; the message is the sentence for the user."""


def _code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _guard(method):
    """Wrap sqlite3 errors in StoreError; remember corruption so the next open rebuilds."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            if _code(error) in _CORRUPT:
                self._marker().touch()
            raise StoreError(f"The index could not be used: {error}") from error

    return wrapper


def _day(meta: PostMeta) -> str | None:
    m = _DAY.match(meta.date or "")
    if m:
        return m.group()
    if meta.sort_key is not None:
        return datetime.fromtimestamp(meta.sort_key, timezone.utc).strftime("%Y-%m-%d")
    return None


def normalise_permalink(permalink: str | None) -> str | None:
    """"/a/b" for "a/b", "/a/b/" and "/a/b"; None for nothing."""
    if not permalink or not permalink.strip():
        return None
    return "/" + permalink.strip().strip("/")


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_SEP)) if joined else ()


# A post's first category as the list shows it: its readable name's collate key, else the key.
_CATEGORY_ORDER = ("coalesce((SELECT l.sort_key FROM labels l WHERE l.kind = 'category' AND l.key = p.category),"
                   " lower(p.category))")

# PostMeta fields with a column of their own; `meta` holds the others, when they have a value.
_META_COLUMNS = "path, title, date, sort_key, cats, tags, draft, error, meta"


def _meta_from_row(path, title, date, sort_key, cats, tags, draft, error, extra) -> PostMeta:
    data = json.loads(extra)
    if "authors" in data:
        data["authors"] = tuple(data["authors"] or ())
    return PostMeta(path=path, title=title, date=date, sort_key=sort_key, categories=_split(cats),
                    tags=_split(tags), draft=bool(draft), error=error, **data)


# One encoder for every row: json.dumps(..., ensure_ascii=False) builds a new one each call
# (3.1 against 1.7 us a row, measured; 100k rows a first build, on the writer's thread).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _extra_json(meta: PostMeta) -> str:
    extra = {"authors": meta.authors, "excerpt": meta.excerpt, "permalink": meta.permalink,
             "language": meta.language, "source_url": meta.source_url}
    return _ENCODE({k: v for k, v in extra.items() if v})


class Store:
    """One connection to an index file; open one Store per thread."""

    rebuilt_reason: str | None

    def __init__(self, path: Path, state_path: Path | None = None, library_key: str = "") -> None:
        self.path = Path(path)
        self.rebuilt_reason = None
        self._library = library_key
        self._has_state = state_path is not None
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot create the index folder {self.path.parent}: {error}") from error
        try:
            if self._marker().exists():
                raise _Damaged("the index was damaged and has been rebuilt")
            self._db = self._open()
        except _Damaged as why:
            self._remove_files()
            self.rebuilt_reason = str(why)
            self._db = self._open()
        if state_path is not None:
            self._attach_state(Path(state_path))
        self._identity = _identity(self.path)

    def file_status(self) -> str | None:
        """"deleted" or "replaced" when the file at `path` is no longer the one this Store opened
        (the cache folder removed, another process rebuilt the index), else None. One stat."""
        now = _identity(self.path)
        return None if now == self._identity else "deleted" if now is None else "replaced"

    # --- opening ------------------------------------------------------------------------
    def _marker(self) -> Path:
        return self.path.with_name(self.path.name + ".damaged")

    def _remove_files(self) -> None:
        try:
            for suffix in ("", "-wal", "-shm", "-journal", ".damaged"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot replace the damaged index {self.path}: {error}") from error

    def _open(self) -> sqlite3.Connection:
        try:
            # Each thread opens its own Store; the flag only lets Library.close() close a
            # worker thread's connection from the main thread once that worker is done.
            db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open the index {self.path}: {error}") from error
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache (the default is 2 MB): a 100k-post build updates eight B-trees
            # at once; measured at 100k, the metadata phase took 12.1 s with it against 12.9-13.3 s.
            db.execute("PRAGMA cache_size = -65536")
            schema.migrate(db)
            if schema.missing_tables(db):
                raise _Damaged("the index was incomplete and has been rebuilt")
            self._check_tokenizer(db)
            self._check_collation(db)
            return db
        except schema.NewerVersion:
            db.close()
            raise _Damaged("the index was made by a newer version of the program and has been rebuilt")
        except _Damaged:
            db.close()
            raise
        except sqlite3.Error as error:
            db.close()
            if _code(error) in _UNFIXABLE:
                raise StoreError(f"Cannot open the index {self.path}: {error}") from error
            raise _Damaged("the index was corrupt and has been rebuilt") from error

    def _check_tokenizer(self, db: sqlite3.Connection) -> None:
        # The FTS table holds text in cjk's indexed form; another form means re-indexing all text.
        row = db.execute("SELECT value FROM info WHERE key = 'tokenizer'").fetchone()
        if row and row[0] == str(cjk.TOKENIZER_VERSION):
            return
        db.execute("BEGIN IMMEDIATE")
        _clear_text(db)
        # Titles are folded as the text is (search.title_fold), for title-only search and the filter.
        rows = db.execute("SELECT id, title FROM posts").fetchall()
        db.executemany("UPDATE posts SET title_fold = ? WHERE id = ?",
                       ((search.title_fold(title), post_id) for post_id, title in rows))
        db.execute("INSERT OR REPLACE INTO info VALUES ('tokenizer', ?)", (str(cjk.TOKENIZER_VERSION),))
        db.execute("COMMIT")

    def _check_collation(self, db: sqlite3.Connection) -> None:
        # Title sort keys made by another collate.KEY_VERSION (or none, after schema step 5) are
        # made again: 100k titles take about 3 s, once.
        row = db.execute("SELECT value FROM info WHERE key = 'collation'").fetchone()
        if row and row[0] == str(collate.KEY_VERSION):
            return
        db.execute("BEGIN IMMEDIATE")
        rows = db.execute("SELECT id, title FROM posts").fetchall()
        db.executemany("UPDATE posts SET title_key = ? WHERE id = ?",
                       ((collate.title_key(title), post_id) for post_id, title in rows))
        db.executemany("UPDATE labels SET sort_key = ? WHERE kind = ? AND key = ?",
                       ((collate.title_key(label), kind, key) for kind, key, label
                        in db.execute("SELECT kind, key, label FROM labels").fetchall()))
        db.execute("INSERT OR REPLACE INTO info VALUES ('collation', ?)", (str(collate.KEY_VERSION),))
        db.execute("COMMIT")

    def _attach_state(self, state_path: Path) -> None:
        # Reading state is user data: never deleted here, only created when missing.
        try:
            state_path.parent.mkdir(parents=True, exist_ok=True)
            self._db.execute("ATTACH DATABASE ? AS state", (str(state_path),))
            self._db.execute(schema.STATE_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"Cannot open the reading state {state_path}: {error}") from error

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; nested calls join the outer one."""
        db = self._db
        if db.in_transaction:
            yield
            return
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"Cannot write to the index: {error}") from error
        try:
            yield
        except BaseException:
            # SQLite rolls back by itself on some errors (SQLITE_FULL, IOERR); a second ROLLBACK
            # would raise "no transaction is active" and hide the real error.
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error as error:
            raise StoreError(f"Cannot write to the index: {error}") from error

    # --- writing ------------------------------------------------------------------------
    @_guard
    def file_states(self) -> dict[str, tuple[int, int, int]]:
        rows = self._db.execute("SELECT path, id, mtime_ns, size FROM posts")
        return {path: (pid, mtime, size) for path, pid, mtime, size in rows}

    @_guard
    def write_metadata(self, rows: Sequence[tuple[PostMeta, int, int]]) -> None:
        latest = {meta.path: (meta, mtime, size) for meta, mtime, size in rows}
        with self.transaction():
            db = self._db
            known: dict[str, int] = dict(  # only this batch's paths, not the whole table
                row for cur in _each_in(db, "SELECT path, id FROM posts WHERE path IN ({})", latest) for row in cur)
            # New posts get ids in date order (undated first), so "newest" is roughly "highest id".
            new = sorted((r for p, r in latest.items() if p not in known),
                         key=lambda r: (r[0].sort_key is not None, r[0].sort_key or 0.0, r[0].path))
            next_id = (db.execute("SELECT max(id) FROM posts").fetchone()[0] or 0) + 1
            ids = {meta.path: next_id + i for i, (meta, _, _) in enumerate(new)}
            changed = [known[p] for p in latest if p in known]
            self._unindex(changed)
            db.executemany("DELETE FROM post_labels WHERE post_id = ?", ((i,) for i in changed))
            ids.update((p, known[p]) for p in latest if p in known)
            values = [self._row(ids[meta.path], meta, mtime, size) for meta, mtime, size in latest.values()]
            db.executemany(
                "INSERT INTO posts (id, path, stem, title, title_fold, date, day, sort_key, draft, error,"
                " permalink, cats, tags, meta, mtime_ns, size, category, title_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
                " path=excluded.path, stem=excluded.stem, title=excluded.title,"
                " title_fold=excluded.title_fold, title_key=excluded.title_key, date=excluded.date, day=excluded.day,"
                " sort_key=excluded.sort_key, draft=excluded.draft, error=excluded.error,"
                " permalink=excluded.permalink, cats=excluded.cats, tags=excluded.tags,"
                " meta=excluded.meta, mtime_ns=excluded.mtime_ns, size=excluded.size,"
                " category=excluded.category",
                values,
            )
            db.executemany(
                "INSERT OR IGNORE INTO post_labels (kind, key, post_id) VALUES (?, ?, ?)",
                ((kind, key, ids[meta.path])
                 for meta, _, _ in latest.values()
                 for kind, keys in (("category", meta.categories), ("tag", meta.tags))
                 for key in keys),
            )

    @staticmethod
    def _row(post_id: int, meta: PostMeta, mtime_ns: int, size: int) -> tuple:
        return (
            post_id, meta.path, _stem(meta.path), meta.title, search.title_fold(meta.title),
            meta.date, _day(meta), meta.sort_key, int(meta.draft), meta.error,
            normalise_permalink(meta.permalink), _SEP.join(meta.categories), _SEP.join(meta.tags),
            _extra_json(meta), mtime_ns, size,
            meta.categories[0] if meta.categories else None, collate.title_key(meta.title),
        )

    def _unindex(self, ids: Sequence[int]) -> None:
        """Take posts out of search: their FTS rows stay behind, dead, under a `doc` nothing
        joins any more (schema step 3 says why), and are counted for compact_text()."""
        dead = sum(cur.rowcount for cur in _each_in(
            self._db, "UPDATE posts SET doc = NULL WHERE doc IS NOT NULL AND id IN ({})", ids))
        if dead:
            self._set_info("dead_docs", self._info("dead_docs") + dead)

    def _info_text(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _info(self, key: str) -> int:
        return int(self._info_text(key) or 0)

    def _set_info(self, key: str, value: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO info VALUES (?, ?)", (key, value))

    @_guard
    def delete_paths(self, paths: Iterable[str]) -> None:
        with self.transaction():
            db = self._db
            ids = []
            for p in paths:
                row = db.execute("SELECT id FROM posts WHERE path = ?", (p,)).fetchone()
                if row:
                    ids.append(row[0])
            self._unindex(ids)
            db.executemany("DELETE FROM post_labels WHERE post_id = ?", ((i,) for i in ids))
            db.executemany("DELETE FROM posts WHERE id = ?", ((i,) for i in ids))

    @_guard
    def defer_indexes(self) -> None:
        """Drop the secondary indexes of posts and post_labels before a bulk load into an empty
        index; restore_indexes() builds each again in one sorted pass, which is cheaper than
        keeping seven B-trees up to date row by row. Their SQL is kept in `info` meanwhile."""
        with self.transaction():
            found = self._db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT"
                                     " NULL AND tbl_name IN ('posts', 'post_labels')").fetchall()
            if not found:
                return
            kept = json.loads(self._info_text("deferred_indexes") or "[]")
            for name, _sql in found:
                self._db.execute(f'DROP INDEX "{name}"')
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('deferred_indexes', ?)",
                             (json.dumps(kept + [sql for _name, sql in found]),))

    @_guard
    def restore_indexes(self) -> None:
        """Build the indexes defer_indexes() dropped, if any (also after a crash in between)."""
        kept = self._info_text("deferred_indexes")
        if kept is None:
            return
        with self.transaction():
            for sql in json.loads(kept):
                self._db.execute(sql)
            self._db.execute("DELETE FROM info WHERE key = 'deferred_indexes'")

    @_guard
    def pending_text(self) -> list[tuple[int, str]]:
        return self._db.execute("SELECT id, path FROM posts WHERE doc IS NULL ORDER BY id").fetchall()

    @_guard
    def write_text(self, rows: Sequence[tuple]) -> None:
        """Index the text of posts: rows of (id, title, plain text), or rows from prepare_text().

        Each post gets a new `doc` (its rowid in both FTS tables) from a counter that never
        goes back, so a dead row can never be mistaken for a live one.
        """
        prepared = [row if len(row) == _PREPARED else prepare_text(*row) for row in rows]
        with self.transaction():
            db = self._db
            live = {i for cur in _each_in(db, "SELECT id FROM posts WHERE id IN ({})", [r[0] for r in prepared])
                    for (i,) in cur}
            exists = [r for r in prepared if r[0] in live]
            self._unindex([r[0] for r in exists])  # written twice: replace, never duplicate
            first = self._info("next_doc") or 1
            db.executemany("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                           ((first + n, r[1], r[2]) for n, r in enumerate(exists)))
            db.executemany("INSERT INTO chars (rowid, title, body) VALUES (?, ?, ?)",
                           ((first + n, r[3], r[4]) for n, r in enumerate(exists)))
            db.executemany("UPDATE posts SET doc = ? WHERE id = ?", ((first + n, r[0]) for n, r in enumerate(exists)))
            self._set_info("next_doc", first + len(exists))

    @_guard
    def compact_text(self) -> bool:
        """Empty both FTS tables when dead rows outnumber a quarter of the live ones (and 1,000),
        so every post's text is indexed again; True if it did."""
        live = self._db.execute("SELECT count(*) FROM posts WHERE doc IS NOT NULL").fetchone()[0]
        if self._info("dead_docs") <= max(_DEAD_ROWS_KEPT, live // 4):
            return False
        with self.transaction():
            _clear_text(self._db)
        return True

    @_guard
    def text_progress(self) -> tuple[int, int]:
        total = self._db.execute("SELECT count(*) FROM posts").fetchone()[0]
        pending = self._db.execute("SELECT count(*) FROM posts WHERE doc IS NULL").fetchone()[0]
        return total - pending, total

    @_guard
    def labels(self, kind: str) -> dict[str, str]:
        """The readable names set for `kind` ("category" or "tag"): key -> label."""
        return dict(self._db.execute("SELECT key, label FROM labels WHERE kind = ?", (kind,)))

    @_guard
    def paired_tags(self) -> dict[str, str]:
        """Category slug -> the one tag every post of it carries, when no other post carries that
        tag and the tag is not ASCII (finews: `categories: sitenews` always with `tags: 站长消息`)."""
        rows = self._db.execute(
            "WITH c AS (SELECT key, count(*) AS n FROM post_labels WHERE kind = 'category' GROUP BY key),"
            " t AS (SELECT key, count(*) AS n FROM post_labels WHERE kind = 'tag' GROUP BY key)"
            " SELECT pc.key, min(pt.key) FROM post_labels pc"
            " JOIN post_labels pt ON pt.kind = 'tag' AND pt.post_id = pc.post_id"
            " JOIN c ON c.key = pc.key JOIN t ON t.key = pt.key"
            " WHERE pc.kind = 'category' AND c.n = t.n"
            " GROUP BY pc.key, pt.key HAVING count(*) = min(c.n)")
        pairs: dict[str, list[str]] = {}
        for category, tag in rows:
            pairs.setdefault(category, []).append(tag)
        return {category: tags[0] for category, tags in pairs.items()
                if len(tags) == 1 and category.isascii() and not tags[0].isascii()}

    @_guard
    def set_labels(self, kind: str, labels: dict[str, str]) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM labels WHERE kind = ?", (kind,))
            self._db.executemany("INSERT INTO labels (kind, key, label, sort_key) VALUES (?, ?, ?, ?)",
                                 ((kind, k, v, collate.title_key(v)) for k, v in labels.items()))

    # --- lookups ------------------------------------------------------------------------
    @_guard
    def get_meta(self, post_id: int) -> PostMeta | None:
        row = self._db.execute(f"SELECT {_META_COLUMNS} FROM posts WHERE id = ?", (post_id,)).fetchone()
        return _meta_from_row(*row) if row else None

    @_guard
    def id_for_path(self, path: str) -> int | None:
        row = self._db.execute("SELECT id FROM posts WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    @_guard
    def ids_for_stem(self, stem: str) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM posts WHERE stem = ? ORDER BY id", (stem,))]

    @_guard
    def id_for_permalink(self, permalink: str) -> int | None:
        key = normalise_permalink(permalink)
        row = self._db.execute("SELECT id FROM posts WHERE permalink = ? ORDER BY id", (key,)).fetchone()
        return row[0] if row else None

    # --- lists --------------------------------------------------------------------------
    def _where(self, f: PostFilter | None, extra: Sequence[str] = ()) -> tuple[str, list]:
        clauses, params = search.filter_sql(f, self._has_state, self._library)
        clauses = [*extra, *clauses]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @_guard
    def count(self, filter: PostFilter | None = None) -> int:
        where, params = self._where(filter)
        return self._db.execute(f"SELECT count(*) FROM posts p{where}", params).fetchone()[0]

    @_guard
    def list_ids(self, filter: PostFilter | None = None, sort: str = "date",
                 descending: bool = True) -> list[int]:
        """Rows with no value for the sort column (undated, uncategorised) always come last."""
        column, tie = {
            "date": ("p.sort_key", None), "title": ("p.title_key", "p.id"),
            "category": (_CATEGORY_ORDER, "p.sort_key DESC"), "path": ("p.path", None),
        }.get(sort, (None, None))
        if column is None:
            raise ValueError(f"unknown sort {sort!r}")
        has = "p.category" if sort == "category" else column  # the same rows, without a lookup each
        order = "DESC" if descending else "ASC"
        ids: list[int] = []
        for extra, by in ((f"{has} IS NOT NULL", f"{column} {order}, {tie or 'p.id ' + order}"),
                          (f"{has} IS NULL", "p.sort_key DESC, p.id DESC")):
            where, params = self._where(filter, [extra])
            # One JSON array, not a row each: 100k ids by title took 31.6 ms as rows, 15.6 ms so.
            # The aggregate takes the rows in the subquery's order (tests/unit/core/test_store.py).
            ids += json.loads(self._db.execute(f"SELECT json_group_array(id) FROM (SELECT p.id FROM posts p{where}"
                                               f" ORDER BY {by})", params).fetchone()[0])
        return ids

    @_guard
    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        marks = ("m.read, m.starred", " LEFT JOIN state.marks m ON m.library = ? AND m.path = p.path")
        cols, join = marks if self._has_state else ("0, 0", "")
        params = ([self._library] if self._has_state else []) + [json.dumps(list(ids))]
        rows = self._db.execute(
            f"SELECT p.id, p.path, p.title, p.date, p.cats, p.tags, p.draft, p.error, {cols}"
            f" FROM posts p{join} WHERE p.id IN (SELECT value FROM json_each(?))", params)
        found = {r[0]: PostSummary(r[0], r[1], r[2], r[3], _split(r[4]), _split(r[5]), bool(r[6]),
                                   r[7], bool(r[8]), bool(r[9])) for r in rows}
        return [found[i] for i in ids if i in found]

    @_guard
    def facets(self, kind: str) -> list[Facet]:
        if kind in ("category", "tag"):
            rows = self._db.execute(
                "SELECT pl.key, coalesce(l.label, pl.key), count(*) AS n FROM post_labels pl"
                " LEFT JOIN labels l ON l.kind = pl.kind AND l.key = pl.key WHERE pl.kind = ?"
                " GROUP BY pl.key ORDER BY n DESC, pl.key", (kind,))
            return [Facet(kind, key, label, n) for key, label, n in rows]
        width = {"year": 4, "month": 7}.get(kind)
        if width is None:
            raise ValueError(f"unknown facet kind {kind!r}")
        rows = self._db.execute(
            f"SELECT substr(day, 1, {width}) AS k, count(*) FROM posts WHERE length(day) >= {width}"
            " GROUP BY k ORDER BY k DESC")
        return [Facet(kind, key, key, n) for key, n in rows]

    @_guard
    def problems(self) -> list[Problem]:
        """Posts read with a problem, and the entries the last scan did not read (set_skipped)."""
        rows = self._db.execute("SELECT path, error FROM posts WHERE error IS NOT NULL"
                                " UNION ALL SELECT path, reason FROM skipped ORDER BY 1")
        return [Problem(path, error) for path, error in rows]

    @_guard
    def set_skipped(self, skipped: Sequence[Problem]) -> None:
        """Replace the list of entries the scan did not read (shown by problems())."""
        with self.transaction():
            self._db.execute("DELETE FROM skipped")
            self._db.executemany("INSERT OR REPLACE INTO skipped VALUES (?, ?)",
                                 ((p.path, p.message) for p in skipped))

    # --- search -------------------------------------------------------------------------
    @_guard
    def search(self, query: str, filter: PostFilter | None = None, limit: int = 200,
               offset: int = 0) -> list[tuple[int, float]]:
        """(id, score) best first; a higher score is a better match (0.0 for filter-only)."""
        plan = search.plan(search.parse(query))
        clauses, params = search.filter_sql(filter, self._has_state, self._library)
        clauses, params = plan.where + clauses, plan.params + params
        try:
            if plan.table:
                hits = search.ranked(self._db, plan, clauses, params, limit, offset)
            else:
                where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
                hits = self._db.execute(
                    f"SELECT p.id, 0.0 FROM posts p{where} ORDER BY p.sort_key DESC, p.id DESC"
                    " LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        except sqlite3.OperationalError as error:
            if "fts5" in str(error):  # a safety net: every term is quoted, so this is our bug
                raise QueryError(f"This search could not be run ({error}).") from error
            raise
        return [(post_id, float(score)) for post_id, score in hits]

    @_guard
    def search_pending_titles(self, query: str, filter: PostFilter | None = None, limit: int = 200) -> list[int]:
        """Ids of posts whose text is not indexed yet and whose titles hold the query's words, newest first."""
        groups = search.parse(query)
        if not any(isinstance(t.item, search.Text) for group in groups for t in group):
            return []  # a query of filters only: search() answered it from the posts table
        clauses, params = search.pending_titles_sql(groups)
        more, more_params = search.filter_sql(filter, self._has_state, self._library)
        rows = self._db.execute(f"SELECT p.id FROM posts p WHERE {' AND '.join(clauses + more)}"
                                " ORDER BY p.sort_key DESC, p.id DESC LIMIT ?", [*params, *more_params, limit])
        return [post_id for (post_id,) in rows]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _stem(path: str) -> str:
    """The file name without its extension, as PurePosixPath.stem gives it, without the objects."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


_PREPARED = 5  # id, fts title, fts body, chars title, chars body
_DEAD_ROWS_KEPT = 1000  # compact_text() leaves fewer dead FTS rows than this alone


def prepare_text(post_id: int, title: str, text: str) -> tuple:
    """Everything write_text stores for one post, in pure Python.

    The indexer calls this in its worker processes: tokenising 100k bodies on the single
    writer's thread kept that thread busy and held the GUI's GIL. The text is brought to NFKC
    once here (Chinese text never is: its full-width ，；！ are compatibility forms), which makes
    the two tokenisers' own check free: 0.18 ms a post saved of 1.3. Traditional characters are
    folded to Simplified here too (cjk.normalise), once for both tables.
    """
    title, text = cjk.normalise(title), cjk.normalise(text)
    return (post_id, cjk.index_text(title), cjk.index_text(text), cjk.index_chars(title),
            cjk.index_chars(text))


def _clear_text(db: sqlite3.Connection) -> None:
    """Empty both FTS tables: every post's text is pending again (inside a transaction)."""
    db.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
    db.execute("INSERT INTO chars(chars) VALUES ('delete-all')")
    db.execute("UPDATE posts SET doc = NULL WHERE doc IS NOT NULL")
    db.execute("INSERT OR REPLACE INTO info VALUES ('dead_docs', 0)")


def _each_in(db: sqlite3.Connection, sql: str, values: Iterable) -> Iterator[sqlite3.Cursor]:
    """Run `sql`, whose `IN ({})` takes the values, 500 values at a time (SQLite caps parameters)."""
    for chunk in chunks(list(values), 500):
        yield db.execute(sql.format(",".join("?" * len(chunk))), chunk)


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
