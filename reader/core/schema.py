"""The index schema as a list of migrations, versioned with `PRAGMA user_version`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from .transactions import transaction

# A fresh index runs every step; an older one runs the steps it lacks. Step i (0-based)
# takes a database from user_version i to i + 1. Never edit a released step: add one.
#
# Why these shapes:
# - posts: one row per file; `day` is the date as written ("2022-01-21") so months and years
#   follow the author's calendar, `sort_key` (UTC seconds) orders the list. Ids are given out in
#   date order on a first build, so newest first is roughly highest id first. `cats` and
#   `tags` repeat the labels joined by U+001F so list rows need no JSON parsing or join.
#   `stem`, `category` and `title_fold` are computed from other columns (step 8).
# - post_labels: categories and tags, one row each, keyed for facets and filters.
# - dead_docs (step 7): the Tantivy documents (fulltext.py) no post holds any more, until deleted.
# Until step 7 the full text was here too:
# - fts: contentless (content=''), so the bigram form of the text is not stored a second time;
#   `detail=full` keeps positions for phrases. Its rowid is `posts.doc`, not the post id (step 3).
# - chars: each post's distinct CJK characters, no positions (detail=column; none since step
#   3), so a 1-character query reads one doclist instead of merging every bigram that starts
#   with it. It costs about a fifth of what `prefix='1'` on fts would (that one stores
#   positions), measured.


def _script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and each step must run inside its transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _step1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            stem TEXT NOT NULL,
            title TEXT NOT NULL,
            title_fold TEXT NOT NULL,
            date TEXT,
            day TEXT,
            sort_key REAL,
            draft INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            permalink TEXT,
            cats TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '',
            meta TEXT NOT NULL,
            mtime_ns INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            text_done INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX posts_sort_key ON posts(sort_key);
        CREATE INDEX posts_stem ON posts(stem);
        CREATE INDEX posts_permalink ON posts(permalink);
        CREATE INDEX posts_pending ON posts(id) WHERE text_done = 0;
        CREATE TABLE post_labels (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            post_id INTEGER NOT NULL,
            PRIMARY KEY (kind, key, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX post_labels_post ON post_labels(post_id);
        CREATE TABLE texts (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body BLOB NOT NULL
        );
        CREATE VIRTUAL TABLE fts USING fts5(
            title, body, content='', detail=full,
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE chars USING fts5(
            title, body, content='', detail=column, tokenize='unicode61'
        );
        CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """,
    )


def _step2(db: sqlite3.Connection) -> None:
    # Readable names for category and tag keys, and cheap sorts by title, category and month.
    _script(
        db,
        """
        CREATE TABLE labels (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID;
        ALTER TABLE posts ADD COLUMN category TEXT;
        UPDATE posts SET category = json_extract(meta, '$.categories[0]');
        CREATE INDEX posts_title ON posts(title_fold);
        CREATE INDEX posts_category ON posts(category, sort_key);
        CREATE INDEX posts_day ON posts(day);
        """,
    )


def _step3(db: sqlite3.Connection) -> None:
    # The index was 2.2x the library. A third of it was `texts`, kept only for snippets and so
    # that a changed post could be deleted from the contentless FTS tables (which must be told
    # the text they hold). Snippets now come from the file, and a changed post's FTS rows are
    # left behind under its old `doc` number, which no post joins any more: `dead_docs` counts
    # them and Store.compact_text() empties the tables once they are many. `chars` drops its
    # column lists (detail=none, a third of the size; `title:X` asks `fts`), so all text is
    # indexed again. `meta` keeps only what no column holds (it repeated path, title, date
    # and labels: 385 bytes a row).
    _script(
        db,
        """
        ALTER TABLE posts ADD COLUMN doc INTEGER;
        DROP INDEX posts_pending;
        ALTER TABLE posts DROP COLUMN text_done;
        CREATE UNIQUE INDEX posts_doc ON posts(doc);
        DROP TABLE texts;
        INSERT INTO fts(fts) VALUES ('delete-all');
        DROP TABLE chars;
        CREATE VIRTUAL TABLE chars USING fts5(title, body, content='', detail=none, tokenize='unicode61');
        UPDATE posts SET meta = json_remove(meta, '$.path', '$.title', '$.date', '$.sort_key',
                                            '$.categories', '$.tags', '$.draft', '$.error');
        INSERT OR REPLACE INTO info VALUES ('next_doc', 1);
        INSERT OR REPLACE INTO info VALUES ('dead_docs', 0)
        """,
    )


def _step4(db: sqlite3.Connection) -> None:
    # What the last scan did not read (links out of the library, FIFOs, unreadable folders,
    # names that are not UTF-8, ...) and why: the problems list shows them beside the posts.
    _script(db, "CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL) WITHOUT ROWID")


def _step5(db: sqlite3.Connection) -> None:
    # Titles sort by `title_key` (collate.py: Chinese by pinyin, 阿 < 北 < 中), not by code point.
    # Store fills it (Store._check_collation) whenever info's 'collation' is not collate.KEY_VERSION,
    # which a migrated index lacks; `title_fold` stays for finding words in titles.
    _script(
        db,
        """
        ALTER TABLE posts ADD COLUMN title_key TEXT;
        DROP INDEX IF EXISTS posts_title;
        CREATE INDEX posts_title_key ON posts(title_key)
        """,
    )


def _step6(db: sqlite3.Connection) -> None:
    # The list sorts categories by the names it shows (东财滚动新闻 for emnews), by pinyin: each
    # name's collate key. Store.set_labels and Store._check_collation fill it.
    _script(db, "ALTER TABLE labels ADD COLUMN sort_key TEXT")


def _step7(db: sqlite3.Connection) -> None:
    # The full text moves to Tantivy (fulltext.py; issue 16): at 100k posts the FTS5 tables took
    # 99.7 s to build and 561 MiB, Tantivy 33.6 s and 262 MiB, and searched 5-40x faster. `posts.doc`
    # now names a Tantivy document; the docs posts gave up wait in `dead_docs` until Tantivy deletes
    # them (store_text.py). Every post's text is indexed again.
    _script(
        db,
        """
        DROP TABLE fts;
        DROP TABLE chars;
        CREATE TABLE dead_docs (doc INTEGER PRIMARY KEY);
        UPDATE posts SET doc = NULL;
        DELETE FROM info WHERE key IN ('dead_docs', 'text_generation')
        """,
    )


def _step8(db: sqlite3.Connection) -> None:
    # The index was 0.82x the library (issue 16), its SQLite part 1.5 KB a post. Three columns held
    # what others do: `stem` (a part of `path`), `category` (the first of `cats`) and `title_fold`
    # (the title itself for most titles: Chinese has no case). They are computed now (VIRTUAL: not
    # stored; their indexes keep their values): `stem` from where it is in `path` (`stem_at`,
    # `stem_len`: SQL has no cheap way to find the last "/"; rtrim tricks cost 10 us a row), and
    # `fold` holds the folded title only where it is not the title. The permalink index leaves out
    # the posts without one (most).
    for sql in json.loads(_info(db, "deferred_indexes") or "[]"):  # a first build stopped half-way
        db.execute(sql)
    db.execute("DELETE FROM info WHERE key = 'deferred_indexes'")
    _script(
        db,
        """
        DROP INDEX posts_stem;
        DROP INDEX posts_category;
        DROP INDEX posts_permalink;
        ALTER TABLE posts ADD COLUMN stem_at INTEGER;
        ALTER TABLE posts ADD COLUMN stem_len INTEGER;
        UPDATE posts SET stem_at = instr(path, stem), stem_len = length(stem);
        ALTER TABLE posts DROP COLUMN stem;
        ALTER TABLE posts DROP COLUMN category;
        ALTER TABLE posts ADD COLUMN fold TEXT;
        UPDATE posts SET fold = title_fold WHERE title_fold IS NOT title;
        ALTER TABLE posts DROP COLUMN title_fold;
        ALTER TABLE posts ADD COLUMN title_fold TEXT GENERATED ALWAYS AS (coalesce(fold, title)) VIRTUAL;
        ALTER TABLE posts ADD COLUMN stem TEXT GENERATED ALWAYS AS (substr(path, stem_at, stem_len)) VIRTUAL;
        ALTER TABLE posts ADD COLUMN category TEXT
            GENERATED ALWAYS AS (nullif(substr(cats, 1, instr(cats || char(31), char(31)) - 1), '')) VIRTUAL;
        CREATE INDEX posts_stem ON posts(stem);
        CREATE INDEX posts_category ON posts(category, sort_key);
        CREATE INDEX posts_permalink ON posts(permalink) WHERE permalink IS NOT NULL
        """,
    )


def _step9(db: sqlite3.Connection) -> None:
    # The count of posts with a problem (every refresh's report, `problems`, the window's Problems) read
    # the whole posts table: 0.013-0.022 s at 100k, after the last result of a re-open. The posts with a
    # problem are few (506 of 100k, 12 KB).
    db.execute("CREATE INDEX posts_problems ON posts(id) WHERE error IS NOT NULL")


def _info(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _step1,
    _step2,
    _step3,
    _step4,
    _step5,
    _step6,
    _step7,
    _step8,
    _step9,
]
VERSION = len(MIGRATIONS)
# Tables a healthy index must have; a file missing one is treated as damaged.
TABLES = ("posts", "post_labels", "dead_docs", "info", "labels", "skipped")


class NewerVersion(Exception):
    """The file was written by a newer program whose schema we do not know."""


def refuse_newer(db: sqlite3.Connection) -> int:
    """The version of `db`; raises NewerVersion, before anything is written, if it is newer than VERSION."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found > VERSION:
        raise NewerVersion(found)
    return found


def migrate(db: sqlite3.Connection, target: int = VERSION) -> int:
    """Bring `db` to `target`, each step in its own transaction; return the version found."""
    found = refuse_newer(db)
    for version in range(found, target):
        with transaction(db):
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
    return found


def missing_tables(db: sqlite3.Connection) -> list[str]:
    """Names from TABLES that the database lacks (a cheap health check)."""
    have = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in TABLES if name not in have]
