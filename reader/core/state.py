"""Reading state (read, starred, reading position, saved searches, highlights): user data, kept apart from the
index, never dropped."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from .errors import StateError
from .highlights import Anchor, Highlight
from .transactions import transaction

# Keyed by (library key, post path) so that it survives a rebuilt or deleted index.
SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    library TEXT NOT NULL,
    path TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position REAL NOT NULL DEFAULT 0,
    updated REAL NOT NULL DEFAULT 0,
    read_at REAL NOT NULL DEFAULT 0,
    starred_at REAL NOT NULL DEFAULT 0,
    position_at REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (library, path)
) WITHOUT ROWID
"""
# The folder of each library key, so that an export can name libraries by their folder.
ROOTS_SCHEMA = "CREATE TABLE IF NOT EXISTS roots (library TEXT PRIMARY KEY, root TEXT NOT NULL) WITHOUT ROWID"
# Saved searches: a name, the query and the tree nodes it was saved with (JSON list of node ids).
SEARCHES_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS searches (library TEXT NOT NULL, name TEXT NOT NULL, "
    "query TEXT NOT NULL, nodes TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (library, name)) "
    "WITHOUT ROWID"
)
# Highlights: a quote anchored by its context (core/highlights.py), the note, and a tombstone (`deleted`)
# so that a deletion is newer data an import of an older export cannot undo; `changed` orders edits.
HIGHLIGHTS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS highlights (id TEXT PRIMARY KEY, library TEXT NOT NULL, "
    "path TEXT NOT NULL, exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL, "
    "position INTEGER NOT NULL, note TEXT NOT NULL, title TEXT NOT NULL, created REAL NOT NULL, "
    "changed REAL NOT NULL, detached INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0)"
)
HIGHLIGHTS_INDEX = "CREATE INDEX IF NOT EXISTS highlights_post ON highlights (library, path)"
HIGHLIGHT_COLUMNS = (
    "id",
    "path",
    "exact",
    "prefix",
    "suffix",
    "position",
    "note",
    "title",
    "created",
    "changed",
    "detached",
    "deleted",
)
FIELDS = ("read", "starred", "position")
# Version 2: when each field last changed (<field>_at, seconds), so that an import keeps the newer of each.
_VERSION = 4  # 3: saved searches, 4: highlights
# How long a write waits for another program's lock before its marks are kept for a later try.
# Our own writers hold the lock for milliseconds; the GUI marks on a worker, one write at a time.
BUSY_TIMEOUT_S = 2.0
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: only these mean "damaged", never a lock or a full disk
_WHY = {
    5: "another program is using it",
    6: "another program is using it",
    8: "it is read-only",
    13: "the disk is full",
    10: "the disk could not be written",
}

# Marks not saved yet (the file locked, read-only or full), for every StateStore of this process:
# the GUI opens a Library per worker job, so a mark kept by one is written by the next that can.
# {state file: {(library, path, column): value}}; the newest value of a mark wins.
_PENDING: dict[str, dict[tuple[str, str, str], float]] = {}
_PENDING_LOCK = threading.Lock()


class _Damaged(Exception):
    """The file is a database SQLite finds damaged (quick_check is not ok)."""


def _code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _migrate(db: sqlite3.Connection) -> None:
    """Version 1 -> 2 in place, keeping every row: each field's time starts as the row's `updated`;
    2 -> 3 adds the saved searches, 3 -> 4 the highlights."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(marks)")}
    missing = [f"{field}_at" for field in FIELDS if f"{field}_at" not in columns]
    tables = {
        row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE name IN ('roots', 'searches', 'highlights')")
    }
    if not missing and len(tables) == 3:
        return
    with transaction(db):
        for column in missing:
            db.execute(f"ALTER TABLE marks ADD COLUMN {column} REAL NOT NULL DEFAULT 0")
            db.execute(f"UPDATE marks SET {column} = updated")
        db.execute(ROOTS_SCHEMA)
        db.execute(SEARCHES_SCHEMA)
        db.execute(HIGHLIGHTS_SCHEMA)
        db.execute(HIGHLIGHTS_INDEX)


class StateStore:
    """The state database of every library; one row per post the user has touched."""

    def __init__(self, path: Path, library_key: str, root: str | None = None):
        self.path = Path(path)
        self.library = library_key
        self.root = root  # recorded with the first mark written, for exports
        self.recovered: str | None = None  # a sentence when a corrupt file was moved aside
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (sqlite3.DatabaseError, _Damaged) as exc:
            if isinstance(exc, sqlite3.Error) and _code(exc) not in _CORRUPT:
                raise StateError(f"Cannot open the reading state {self.path}: {exc}") from exc
            backup = self._move_aside()
            self.recovered = (
                f"The reading state was damaged ({exc}); it was moved to {backup.name} and a new one was started."
            )
            self._db = self._open()
        except OSError as exc:
            raise StateError(f"Cannot create the data folder {self.path.parent}: {exc}") from exc
        self._load_kept()

    def _open(self) -> sqlite3.Connection:
        """Connect and check; nothing is written unless something is missing, since another program may
        hold the write lock (a version stamp written on every open waited 10 s for it, then the locked
        file was taken for a damaged one and moved aside)."""
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        try:
            # Raises DatabaseError on a file that is not a database; says "not ok" on a damaged one.
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Damaged("integrity check failed")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            # WAL with NORMAL: a commit survives the app's crash or kill, and only a power loss in the
            # second before a checkpoint could undo it; FULL's fsync on every commit took 80-130 ms
            # while a refresh wrote the index, which the position written on closing waited for.
            db.execute("PRAGMA synchronous = NORMAL")
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'marks'").fetchone():
                db.execute(SCHEMA)
            _migrate(db)
            if db.execute("PRAGMA user_version").fetchone()[0] < _VERSION:
                db.execute(f"PRAGMA user_version = {_VERSION}")
        except BaseException:
            db.close()
            raise
        return db

    def _kept_file(self) -> Path:
        """Where marks not saved when the program closed wait for the next start (JSON)."""
        return self.path.with_name(self.path.name + ".kept.json")

    def _load_kept(self) -> None:
        try:
            rows = json.loads(self._kept_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none (the usual case), or unreadable: nothing to add
        with _PENDING_LOCK:
            pending = _PENDING.setdefault(str(self.path), {})
            for lib, path, column, value in rows:
                pending.setdefault((lib, path, column), value)  # a newer mark of this session wins

    def _save_kept(self, pending: dict) -> None:
        """Keep the marks not saved in a file beside the database (atomically), or remove it when none are."""
        kept = self._kept_file()
        try:
            if not pending:
                kept.unlink(missing_ok=True)
                return
            temp = kept.with_name(kept.name + ".tmp")
            temp.write_text(
                json.dumps([[*key, value] for key, value in pending.items()], ensure_ascii=False), encoding="utf-8"
            )
            os.replace(temp, kept)
        except OSError:
            pass  # a full or read-only disk: they stay kept in this process only

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                src.rename(Path(str(backup) + suffix))
        return backup

    def close(self) -> None:
        """Write the marks still kept, if the file takes them at once, and close.

        Never waits for another program's lock: the GUI opens and closes a Library per job."""
        try:
            self._db.execute("PRAGMA busy_timeout = 0")
            self.flush()
        except (StateError, sqlite3.Error):
            pass  # still kept (in this process and the .kept.json file): a later write takes them
        self._db.close()

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self._db)

    def _set(self, column: str, paths: Iterable[str], value) -> None:
        with _PENDING_LOCK:
            pending = _PENDING.setdefault(str(self.path), {})
            for path in paths:
                pending[(self.library, path, column)] = value
        self.flush()

    def flush(self) -> None:
        """Write every mark kept in this process; raises StateError (they stay kept) if the file refuses."""
        with _PENDING_LOCK:
            todo = dict(_PENDING.get(str(self.path), {}))
        if not todo:
            return
        now = time.time()
        try:
            with self._transaction():
                for column in FIELDS:
                    self._db.executemany(
                        f"INSERT INTO marks (library, path, {column}, updated, {column}_at) VALUES (?, ?, ?, ?, ?) "
                        f"ON CONFLICT (library, path) DO UPDATE SET {column} = excluded.{column}, "
                        f"updated = excluded.updated, {column}_at = excluded.{column}_at",
                        [(lib, path, value, now, now) for (lib, path, col), value in todo.items() if col == column],
                    )
                if self.root:
                    self._db.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (self.library, self.root))
        except sqlite3.Error as exc:
            with _PENDING_LOCK:
                self._save_kept(dict(_PENDING.get(str(self.path), {})))
            why = _WHY.get(_code(exc), str(exc))
            raise StateError(
                f"The reading state {self.path} cannot be saved now ({why}). "
                f"{len(todo):,} mark(s) are kept and will be saved on the next try.",
                kept=len(todo),
            ) from exc
        with _PENDING_LOCK:
            pending = _PENDING.get(str(self.path), {})
            for key, value in todo.items():
                if pending.get(key) == value:  # a newer value asked meanwhile stays for the next try
                    del pending[key]
            if self._kept_file().exists():
                self._save_kept(dict(pending))

    def set_read(self, paths: Iterable[str], read: bool) -> None:
        self._set("read", paths, int(read))

    def set_starred(self, paths: Iterable[str], starred: bool) -> None:
        self._set("starred", paths, int(starred))

    def set_position(self, path: str, position: float) -> None:
        self._set("position", [path], float(position))

    def get(self, path: str) -> tuple[bool, bool, float]:
        """(read, starred, position) of one post, the marks not saved yet included."""
        row = self._db.execute(
            "SELECT read, starred, position FROM marks WHERE library = ? AND path = ?", (self.library, path)
        ).fetchone()
        marks = dict(zip(("read", "starred", "position"), row or (0, 0, 0.0), strict=True))
        with _PENDING_LOCK:
            pending = _PENDING.get(str(self.path), {})
            marks.update(
                {col: pending[(self.library, path, col)] for col in marks if (self.library, path, col) in pending}
            )
        return bool(marks["read"]), bool(marks["starred"]), float(marks["position"])

    def all_marks(self, library: str | None = None) -> list[tuple]:
        """(library, path, read, starred, position, read_at, starred_at, position_at, root or None) of every
        post touched, of one library key or of all; the marks kept in this process are written first."""
        self.flush()
        where, args = ("WHERE m.library = ?", (library,)) if library is not None else ("", ())
        return self._db.execute(
            "SELECT m.library, m.path, m.read, m.starred, m.position, m.read_at, m.starred_at, m.position_at, "
            f"r.root FROM marks m LEFT JOIN roots r ON r.library = m.library {where} ORDER BY m.library, m.path",
            args,
        ).fetchall()

    def all_searches(self, library: str | None = None) -> list[tuple]:
        """(library, name, query, node ids as JSON, created, root or None) of every saved search, of one
        library key or of all."""
        where, args = ("WHERE s.library = ?", (library,)) if library is not None else ("", ())
        return self._db.execute(
            "SELECT s.library, s.name, s.query, s.nodes, s.created, r.root FROM searches s "
            f"LEFT JOIN roots r ON r.library = s.library {where} ORDER BY s.library, s.name",
            args,
        ).fetchall()

    def merge(
        self,
        changes: Iterable[tuple[str, str, str, float, float]],
        roots: dict[str, str],
        searches: Iterable[tuple[str, str, str, str, float]] = (),
        highlights: Iterable[tuple] = (),
    ) -> int:
        """Write (library, path, field, value, changed_at) where it is newer than what is here, the saved
        searches (library, name, query, nodes JSON, created) new or newer than the one of that name, the
        highlights (library, *HIGHLIGHT_COLUMNS) new or changed later than the one of their id (a deletion
        is a change), and the folders of library keys not known yet, in one transaction; returns how many
        fields, saved searches and highlights changed."""
        self.flush()
        done = 0
        with self._transaction():
            self._db.executemany("INSERT OR IGNORE INTO roots VALUES (?, ?)", roots.items())
            columns = ", ".join(HIGHLIGHT_COLUMNS)
            updates = ", ".join(f"{c} = excluded.{c}" for c in HIGHLIGHT_COLUMNS[1:])
            for highlight in highlights:
                done += self._db.execute(
                    f"INSERT INTO highlights (library, {columns}) VALUES (?{', ?' * len(HIGHLIGHT_COLUMNS)}) "
                    f"ON CONFLICT (id) DO UPDATE SET {updates} WHERE excluded.changed > highlights.changed "
                    "AND excluded.library = highlights.library",
                    highlight,
                ).rowcount
            for row in searches:
                done += self._db.execute(
                    "INSERT INTO searches VALUES (?, ?, ?, ?, ?) ON CONFLICT (library, name) DO UPDATE SET "
                    "query = excluded.query, nodes = excluded.nodes, created = excluded.created "
                    "WHERE excluded.created > searches.created",
                    row,
                ).rowcount
            for lib, path, field, value, at in changes:
                if field not in FIELDS:
                    raise ValueError(field)
                done += self._db.execute(
                    f"INSERT INTO marks (library, path, {field}, {field}_at, updated) VALUES (?, ?, ?, ?, ?) "
                    f"ON CONFLICT (library, path) DO UPDATE SET {field} = excluded.{field}, "
                    f"{field}_at = excluded.{field}_at, updated = max(updated, excluded.updated) "
                    f"WHERE excluded.{field}_at > marks.{field}_at",
                    (lib, path, value, at, at),
                ).rowcount
        return done

    # --- saved searches -----------------------------------------------------------------
    def saved_searches(self) -> list[SavedSearch]:
        """This library's saved searches, by name."""
        rows = self._db.execute(
            "SELECT name, query, nodes, created FROM searches WHERE library = ? ORDER BY name", (self.library,)
        ).fetchall()
        return [SavedSearch(name, query, tuple(json.loads(nodes)), created) for name, query, nodes, created in rows]

    def save_search(self, name: str, query: str, node_ids: Iterable[str]) -> None:
        """Save (or replace) the search `name`; raises ValueError for an empty name."""
        name = name.strip()
        if not name:
            raise ValueError("A saved search needs a name")
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO searches VALUES (?, ?, ?, ?, ?)",
                (self.library, name, query.strip(), json.dumps(list(node_ids)), time.time()),
            )
            if self.root:  # so that an export names the library by its folder
                self._db.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (self.library, self.root))

    def rename_search(self, name: str, new_name: str) -> bool:
        """False when `new_name` is empty or taken by another saved search (nothing changes then)."""
        new_name = new_name.strip()
        if not new_name or (new_name != name and any(s.name == new_name for s in self.saved_searches())):
            return False
        with self._transaction():
            self._db.execute(
                "UPDATE searches SET name = ? WHERE library = ? AND name = ?", (new_name, self.library, name)
            )
        return True

    def delete_search(self, name: str) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM searches WHERE library = ? AND name = ?", (self.library, name))

    # --- highlights -----------------------------------------------------------------------
    def add_highlight(self, path: str, anchor: Anchor, note: str = "", title: str = "") -> Highlight:
        import uuid  # here: it imports `platform` (8 ms of CPU), which only a new highlight needs

        now = time.time()
        made = Highlight(uuid.uuid4().hex, path, anchor, note.strip(), now, now, title)
        with self._transaction():
            self._db.execute(
                f"INSERT INTO highlights (library, {', '.join(HIGHLIGHT_COLUMNS)}) VALUES "
                f"(?{', ?' * len(HIGHLIGHT_COLUMNS)})",
                (self.library, *_row(made)),
            )
            if self.root:
                self._db.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (self.library, self.root))
        return made

    def highlights(self, path: str | None = None) -> list[Highlight]:
        """This library's highlights (of one post, or all), newest first; deleted ones left out."""
        where, args = ("AND path = ?", (path,)) if path is not None else ("", ())
        rows = self._db.execute(
            f"SELECT {', '.join(HIGHLIGHT_COLUMNS)} FROM highlights WHERE library = ? "
            f"AND NOT deleted {where} ORDER BY created DESC, id",
            (self.library, *args),
        )
        return [_highlight(row) for row in rows]

    def set_note(self, highlight_id: str, note: str) -> bool:
        """False when there is no such highlight (deleted meanwhile)."""
        with self._transaction():
            return (
                self._db.execute(
                    "UPDATE highlights SET note = ?, changed = ? WHERE id = ? AND library = ? AND NOT deleted",
                    (note.strip(), time.time(), highlight_id, self.library),
                ).rowcount
                > 0
            )

    def delete_highlight(self, highlight_id: str) -> None:
        """Kept as a tombstone (its quote and note emptied) so that importing an older export keeps it deleted."""
        with self._transaction():
            self._db.execute(
                "UPDATE highlights SET deleted = 1, note = '', exact = '', prefix = '', suffix = '', "
                "changed = ? WHERE id = ? AND library = ?",
                (time.time(), highlight_id, self.library),
            )

    def set_detached(self, detached: dict[str, bool]) -> None:
        """Record which highlights were found (False) or not (True) when their post was last shown; not a
        change of the user's, so `changed` stays."""
        with self._transaction():
            self._db.executemany(
                "UPDATE highlights SET detached = ? WHERE id = ? AND library = ?",
                [(int(flag), hid, self.library) for hid, flag in detached.items()],
            )

    def all_highlights(self, library: str | None = None) -> list[tuple]:
        """(library, *HIGHLIGHT_COLUMNS, root or None) of every highlight and tombstone, of one library or all."""
        where, args = ("WHERE h.library = ?", (library,)) if library is not None else ("", ())
        columns = ", ".join(f"h.{c}" for c in HIGHLIGHT_COLUMNS)
        return self._db.execute(
            f"SELECT h.library, {columns}, r.root FROM highlights h LEFT JOIN roots r "
            f"ON r.library = h.library {where} ORDER BY h.library, h.created",
            args,
        ).fetchall()


def _row(h: Highlight) -> tuple:
    """A highlight as the values of HIGHLIGHT_COLUMNS."""
    a = h.anchor
    return (
        h.id,
        h.path,
        a.exact,
        a.prefix,
        a.suffix,
        a.position,
        h.note,
        h.title,
        h.created,
        h.changed,
        int(h.detached),
        0,
    )


def _highlight(row) -> Highlight:
    hid, path, exact, prefix, suffix, position, note, title, created, changed, detached, _deleted = row
    return Highlight(hid, path, Anchor(exact, prefix, suffix, position), note, created, changed, title, bool(detached))


@dataclass(frozen=True)
class SavedSearch:
    """A named query with the tree nodes (filter) it was saved with."""

    name: str
    query: str
    node_ids: tuple[str, ...]
    created: float
