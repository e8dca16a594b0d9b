"""The SQLite index of one library: opening it (rebuilt when damaged), and writing post rows and labels.

Reading is in store_queries.py, the full text in store_text.py, the row format in store_rows.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import cjk, collate, fulltext, schema
from .errors import StoreError
from .freshness import Stamps
from .state import StateStore
from .store_base import each_in, error_code, guard
from .store_queries import Queries
from .store_rows import CATS, PATH, ROW_COLUMNS, SORT_KEY, TAGS, meta_row, split, title_fold
from .store_text import TextIndex, clear_text
from .transactions import transaction
from .types import PostMeta, Problem

# Errors a fresh file would not fix: the disk, permissions, another process holding a lock.
_UNFIXABLE = {3, 5, 6, 7, 8, 10, 13, 14}  # PERM BUSY LOCKED NOMEM READONLY IOERR FULL CANTOPEN
# SQLite's page cache of one connection (the default is 2 MB). A refresh writes with 64 MB: a 100k-post
# build updates eight B-trees at once, and its metadata phase took 12.1 s with it against 12.9-13.3 s.
# A reader (the window has three connections, the CLI one) keeps 8 MB: at 100k the window's lists, tree,
# rows and searches took the same CPU with 8 MB as with 64 MB, and the window held 87 MB less.
WRITE_CACHE_KIB = 65536
READ_CACHE_KIB = 8192


class _Damaged(Exception):
    """The index file must be replaced; the message is the sentence for the user."""


class Store(Queries, TextIndex):
    """One connection to an index file; open one Store per thread."""

    rebuilt_reason: str | None

    def __init__(self, path: Path, state_path: Path | None = None, library_key: str = "") -> None:
        self.path = Path(path)
        self.rebuilt_reason = None
        self._labels_changed = False  # post_labels written since take_labels_changed() last asked
        self._library = library_key
        self._has_state = state_path is not None
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot create the index folder {self.path.parent}: {error}") from error
        try:
            self._db = self._open_or_rebuild()
        except schema.NewerVersion as newer:
            self._db = self._beside_newer(int(str(newer)))
        if state_path is not None:
            self._attach_state(Path(state_path))
        self._identity = _identity(self.path)
        self._check_text_generation()

    def file_status(self) -> str | None:
        """ "deleted" or "replaced" when the file at `path` is no longer the one this Store opened
        (the cache folder removed, another process rebuilt the index), else None. One stat."""
        now = _identity(self.path)
        return None if now == self._identity else "deleted" if now is None else "replaced"

    # --- opening ------------------------------------------------------------------------
    def _beside_newer(self, found: int) -> sqlite3.Connection:
        """The index of a newer program is left as it is (removed, that program would find it empty and
        read every post again, with no reason given): this one keeps its own beside it, `<name>.schema<N>`."""
        self.path = beside_newer(self.path)
        made = self.path.exists()
        db = self._open_or_rebuild()
        if not made:
            self.rebuilt_reason = (
                f"the index was made by a newer version of the program (schema {found}, this one knows "
                f"{schema.VERSION}): it is left for that version, and this one keeps its own ({self.path.name})"
            )
        return db

    def _open_or_rebuild(self) -> sqlite3.Connection:
        try:
            if self._marker().exists():
                raise _Damaged("the index was damaged and has been rebuilt")
            return self._open()
        except _Damaged as why:
            self._remove_files()
            self.rebuilt_reason = str(why)
            return self._open()

    def _remove_files(self) -> None:
        try:
            for suffix in ("", "-wal", "-shm", "-journal", ".damaged"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            for folder in self.path.parent.glob(f"{self.path.name}.text-*"):
                fulltext.remove(folder, best_effort=True)
        except OSError as error:
            raise StoreError(f"Cannot replace the damaged index {self.path}: {error}") from error

    def cache_for_writing(self) -> None:
        """A refresh's connection: a page cache of WRITE_CACHE_KIB."""
        self._db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")

    def cache_for_reading(self) -> None:
        """Back to a page cache of READ_CACHE_KIB, its pages given back to the C heap."""
        self._db.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
        self._db.execute("PRAGMA shrink_memory")

    def _open(self) -> sqlite3.Connection:
        try:
            # Each thread opens its own Store; the flag only lets Library.close() close a
            # worker thread's connection from the main thread once that worker is done.
            db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0, check_same_thread=False, uri=True)
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open the index {self.path}: {error}") from error
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            schema.refuse_newer(db)  # a newer program's file stays as it is, its journal mode too
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
            schema.migrate(db)
            if schema.missing_tables(db):
                raise _Damaged("the index was incomplete and has been rebuilt")
            self._check_tokenizer(db)
            self._check_collation(db)
            return db
        except (_Damaged, schema.NewerVersion):
            db.close()
            raise
        except sqlite3.Error as error:
            db.close()
            if error_code(error) in _UNFIXABLE:
                raise StoreError(f"Cannot open the index {self.path}: {error}") from error
            raise _Damaged("the index was corrupt and has been rebuilt") from error

    def _check_tokenizer(self, db: sqlite3.Connection) -> None:
        # The full text is in cjk's indexed form; another form means re-indexing all text.
        row = db.execute("SELECT value FROM info WHERE key = 'tokenizer'").fetchone()
        if row and row[0] == str(cjk.TOKENIZER_VERSION):
            return
        with transaction(db):
            clear_text(db)
            # Titles are folded as the text is (store_rows.title_fold), for title-only search and the filter.
            rows = db.execute("SELECT id, title FROM posts").fetchall()
            db.executemany(
                "UPDATE posts SET fold = nullif(?, title) WHERE id = ?",
                ((title_fold(title), post_id) for post_id, title in rows),
            )
            db.execute("INSERT OR REPLACE INTO info VALUES ('tokenizer', ?)", (str(cjk.TOKENIZER_VERSION),))

    def _check_collation(self, db: sqlite3.Connection) -> None:
        # Title sort keys made by another collate.KEY_VERSION (or none, after schema step 5) are
        # made again: 100k titles take about 3 s, once.
        row = db.execute("SELECT value FROM info WHERE key = 'collation'").fetchone()
        if row and row[0] == str(collate.KEY_VERSION):
            return
        with transaction(db):
            rows = db.execute("SELECT id, title FROM posts").fetchall()
            db.executemany(
                "UPDATE posts SET title_key = ? WHERE id = ?",
                ((collate.title_key(title), post_id) for post_id, title in rows),
            )
            db.executemany(
                "UPDATE labels SET sort_key = ? WHERE kind = ? AND key = ?",
                (
                    (collate.title_key(label), kind, key)
                    for kind, key, label in db.execute("SELECT kind, key, label FROM labels").fetchall()
                ),
            )
            db.execute("INSERT OR REPLACE INTO info VALUES ('collation', ?)", (str(collate.KEY_VERSION),))

    def _attach_state(self, state_path: Path) -> None:
        # Reading state is user data, written only by state.StateStore (which makes the file when
        # missing). Read-only here: attached for writing, every BEGIN IMMEDIATE of the index took
        # the state's write lock too, and a mark or the position saved on closing waited for the
        # refresh's batches (100+ ms each).
        try:
            if not state_path.exists():
                StateStore(state_path, "").close()
            self._db.execute("ATTACH DATABASE ? AS state", (state_path.resolve().as_uri() + "?mode=ro",))
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"Cannot open the reading state {state_path}: {error}") from error

    def close(self) -> None:
        self._close_text()
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- writing ------------------------------------------------------------------------
    @guard
    def file_states(self) -> dict[str, tuple[int, int, int]]:
        rows = self._db.execute("SELECT path, id, mtime_ns, size FROM posts")
        return {path: (pid, mtime, size) for path, pid, mtime, size in rows}

    @guard
    def write_metadata(self, rows: Sequence[tuple[PostMeta, int, int]], keyed: bool = True) -> dict[str, int]:
        """Insert or update these posts and return their ids by path; `keyed=False` leaves their
        title sort keys to fill_title_keys."""
        return self.write_rows([(meta_row(meta, keyed), mtime, size) for meta, mtime, size in rows])

    @guard
    def write_rows(self, rows: Sequence[tuple[tuple, int, int]]) -> dict[str, int]:
        """write_metadata for (store_rows.meta_row, mtime_ns, size) rows, made by the workers."""
        latest = {row[PATH]: (row, mtime, size) for row, mtime, size in rows}
        with self.transaction():
            db = self._db
            was = {  # only this batch's paths, not the whole table: path -> (id, the row as written before)
                row[1]: (row[0], row[1:])
                for cur in each_in(db, f"SELECT id, {ROW_COLUMNS} FROM posts WHERE path IN ({{}})", latest)
                for row in cur
            }
            # New posts get ids in date order (undated first), so "newest" is roughly "highest id".
            new = sorted(
                (r[0] for p, r in latest.items() if p not in was),
                key=lambda row: (row[SORT_KEY] is not None, row[SORT_KEY] or 0.0, row[PATH]),
            )
            next_id = (db.execute("SELECT max(id) FROM posts").fetchone()[0] or 0) + 1
            ids = {row[PATH]: next_id + i for i, row in enumerate(new)}
            ids.update((p, was[p][0]) for p in latest if p in was)
            self._unindex([ids[p] for p in was])
            # A file whose row is as before (its body changed: a paragraph added) gets its mtime and size
            # alone: none of the table's eight indexes is touched, nor its labels (re-open after 1%
            # changed at 100k: write_rows 0.13 -> 0.04 s of CPU, 0.86-1.0 -> 0.24-0.30 s with its commits, load 8-10).
            same = sorted((ids[p], p) for p in was if was[p][1] == latest[p][0])  # in id order, as below
            db.executemany(
                "UPDATE posts SET mtime_ns = ?, size = ? WHERE id = ?", ((*latest.pop(p)[1:], i) for i, p in same)
            )
            db.executemany("DELETE FROM post_labels WHERE post_id = ?", ((ids[p],) for p in was if p in latest))
            self._labels_changed = self._labels_changed or any(
                p not in was or was[p][1][CATS : TAGS + 1] != row[CATS : TAGS + 1] for p, (row, _, _) in latest.items()
            )
            db.executemany(
                f"INSERT INTO posts (id, {ROW_COLUMNS}, mtime_ns, size) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET"
                " path=excluded.path, title=excluded.title,"
                " fold=excluded.fold, title_key=excluded.title_key, date=excluded.date, day=excluded.day,"
                " sort_key=excluded.sort_key, draft=excluded.draft, error=excluded.error,"
                " permalink=excluded.permalink, cats=excluded.cats, tags=excluded.tags,"
                " meta=excluded.meta, mtime_ns=excluded.mtime_ns, size=excluded.size,"
                " stem_at=excluded.stem_at, stem_len=excluded.stem_len",
                # In id order: rows given in path order split the table's pages as they went in (the
                # ids are in date order), and left 14% of them unused (100k posts: 7.6 of 54.8 MiB).
                sorted((ids[path], *row, mtime, size) for path, (row, mtime, size) in latest.items()),
            )
            db.executemany(
                "INSERT OR IGNORE INTO post_labels (kind, key, post_id) VALUES (?, ?, ?)",
                (
                    (kind, key, ids[path])
                    for path, (row, _, _) in latest.items()
                    for kind, column in (("category", CATS), ("tag", TAGS))
                    for key in split(row[column])
                ),
            )
        return ids

    def take_labels_changed(self) -> bool:
        """True when write_rows or delete_paths changed the posts' categories or tags (added or removed
        posts, or edited their labels) since the last call; this clears it. A re-open whose files changed
        in their bodies alone then skips Queries.paired_tags (0.06 s at 100k), whose answer is as before."""
        changed, self._labels_changed = self._labels_changed, False
        return changed

    @guard
    def fill_title_keys(self) -> None:
        """Make the title sort keys written as NULL (write_metadata's keyed=False)."""
        with self.transaction():
            rows = self._db.execute("SELECT id, title FROM posts WHERE title_key IS NULL").fetchall()
            self._db.executemany(
                "UPDATE posts SET title_key = ? WHERE id = ?",
                ((collate.title_key(title), post_id) for post_id, title in rows),
            )

    @guard
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
            self._labels_changed = self._labels_changed or bool(ids)

    @guard
    def defer_indexes(self) -> None:
        """Drop the secondary indexes of posts and post_labels before a bulk load into an empty
        index; restore_indexes() builds each again in one sorted pass, which is cheaper than
        keeping seven B-trees up to date row by row. Their SQL is kept in `info` meanwhile."""
        with self.transaction():
            found = self._db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT"
                " NULL AND tbl_name IN ('posts', 'post_labels')"
            ).fetchall()
            if not found:
                return
            kept = json.loads(self._info_text("deferred_indexes") or "[]")
            for name, _sql in found:
                self._db.execute(f'DROP INDEX "{name}"')
            self._db.execute(
                "INSERT OR REPLACE INTO info VALUES ('deferred_indexes', ?)",
                (json.dumps(kept + [sql for _name, sql in found]),),
            )

    @guard
    def restore_indexes(self) -> None:
        """Build the indexes defer_indexes() dropped, if any (also after a crash in between)."""
        kept = self._info_text("deferred_indexes")
        if kept is None:
            return
        with self.transaction():
            for sql in json.loads(kept):
                self._db.execute(sql)
            self._db.execute("DELETE FROM info WHERE key = 'deferred_indexes'")

    @guard
    def set_labels(self, kind: str, labels: dict[str, str]) -> None:
        with self.transaction():
            # A label written before keeps its sort key: a refresh whose workers made the title keys
            # then loads no readings here (it took pypinyin 0.3 s, a fifth of re-opening after 1% changed).
            known = {
                (k, v): key
                for k, v, key in self._db.execute("SELECT key, label, sort_key FROM labels WHERE kind = ?", (kind,))
            }
            self._db.execute("DELETE FROM labels WHERE kind = ?", (kind,))
            self._db.executemany(
                "INSERT INTO labels (kind, key, label, sort_key) VALUES (?, ?, ?, ?)",
                ((kind, k, v, known[k, v] if (k, v) in known else collate.title_key(v)) for k, v in labels.items()),
            )

    @guard
    def set_skipped(self, skipped: Sequence[Problem]) -> None:
        """Replace the list of entries the scan did not read (shown by problems()). The same list (usually
        none) is not written again: that empty write transaction was where a re-open paid the checkpoint of the
        WAL the last refresh left (2-60 ms between the walk and the metadata phase; now in its first write)."""
        now = {p.path: p.message for p in skipped}  # INSERT OR REPLACE below: the last message a path wins
        if dict(self._db.execute("SELECT path, reason FROM skipped").fetchall()) == now:
            return
        with self.transaction():
            self._db.execute("DELETE FROM skipped")
            self._db.executemany("INSERT OR REPLACE INTO skipped VALUES (?, ?)", ((p.path, p.message) for p in skipped))

    @guard
    def read_by_rules(self, kind: str) -> None:
        """Every post read by other metadata rules than those of today for this kind of site (metadata.rules)
        is read again by the next refresh, as if its file had changed: its title may be another now."""
        from .metadata import rules as rules_of  # the metadata rules are not imported by a command that reads

        rules = rules_of(kind)
        if (self._info_text("rules") or "1") == rules:  # none recorded: made before rules were counted
            return
        with self.transaction():
            self._db.execute("UPDATE posts SET mtime_ns = 0")
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('rules', ?)", (rules,))

    @guard
    def folder_stamps(self) -> Stamps | None:
        """The folders' stamps at the last full scan (freshness.py), or None if none was recorded
        (or what was is not readable: the next command scans and records them again)."""
        try:
            scanned_ns, folders = json.loads(self._info_text("folder_stamps") or "null")
            return Stamps(int(scanned_ns), {str(rel): int(stamp) for rel, stamp in folders.items()})
        except (TypeError, ValueError, AttributeError):
            return None

    @guard
    def set_folder_stamps(self, stamps: Stamps) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO info VALUES ('folder_stamps', ?)",
                (json.dumps([stamps.scanned_ns, stamps.folders], ensure_ascii=False),),
            )


def needs_upgrade(path: Path) -> bool:
    """True when opening the index at `path` would migrate or re-key it (seconds at 100k posts):
    a look of a millisecond, so that the caller can open it on a worker first."""
    if not path.exists():
        return False  # a new index is empty: making it is quick
    try:
        db = sqlite3.connect(path, timeout=0.1)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > schema.VERSION:  # a newer program's: this one opens its own beside it (Store._beside_newer)
                return needs_upgrade(beside_newer(path))
            if version != schema.VERSION:
                return True
            info = dict(db.execute("SELECT key, value FROM info WHERE key IN ('tokenizer', 'collation')"))
        finally:
            db.close()
    except sqlite3.Error:
        return True  # damaged or busy: opening it may take long too
    return info.get("tokenizer") != str(cjk.TOKENIZER_VERSION) or info.get("collation") != str(collate.KEY_VERSION)


def beside_newer(path: Path) -> Path:
    """Where this program keeps its index when the one at `path` was made by a newer program."""
    return path.with_name(f"{path.name}.schema{schema.VERSION}")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino
