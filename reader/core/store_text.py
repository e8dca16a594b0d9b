"""The index's full text: posts' text tokenised into the two FTS tables, replaced, compacted."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from . import cjk
from .store_base import StoreBase, each_in, guard

_PREPARED = 6  # id, fts title, fts body, chars title, chars body, problem
_DEAD_ROWS_KEPT = 1000  # compact_text() leaves fewer dead FTS rows than this alone


class TextIndex(StoreBase):
    """The Store's methods for the text of posts (the FTS tables `fts` and `chars`)."""

    def _unindex(self, ids: Sequence[int]) -> None:
        """Take posts out of search: their FTS rows stay behind, dead, under a `doc` nothing
        joins any more (schema step 3 says why), and are counted for compact_text()."""
        dead = sum(cur.rowcount for cur in each_in(
            self._db, "UPDATE posts SET doc = NULL WHERE doc IS NOT NULL AND id IN ({})", ids))
        if dead:
            self._set_info("dead_docs", self._info("dead_docs") + dead)

    @guard
    def pending_text(self) -> list[tuple[int, str]]:
        return self._db.execute("SELECT id, path FROM posts WHERE doc IS NULL ORDER BY id").fetchall()

    @guard
    def write_text(self, rows: Sequence[tuple]) -> None:
        """Index the text of posts: rows of (id, title, plain text[, problem]), or rows from prepare_text().

        A problem of the text phase (a post over its budget, indexed by its source) becomes the
        post's problem unless its metadata already has one: `problems()` and the list show it.
        Each post gets a new `doc` (its rowid in both FTS tables) from a counter that never
        goes back, so a dead row can never be mistaken for a live one.
        """
        prepared = [row if len(row) == _PREPARED else prepare_text(*row) for row in rows]
        with self.transaction():
            db = self._db
            live = {i for cur in each_in(db, "SELECT id FROM posts WHERE id IN ({})", [r[0] for r in prepared])
                    for (i,) in cur}
            exists = [r for r in prepared if r[0] in live]
            self._unindex([r[0] for r in exists])  # written twice: replace, never duplicate
            first = self._info("next_doc") or 1
            db.executemany("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                           ((first + n, r[1], r[2]) for n, r in enumerate(exists)))
            db.executemany("INSERT INTO chars (rowid, title, body) VALUES (?, ?, ?)",
                           ((first + n, r[3], r[4]) for n, r in enumerate(exists)))
            db.executemany("UPDATE posts SET doc = ? WHERE id = ?", ((first + n, r[0]) for n, r in enumerate(exists)))
            db.executemany("UPDATE posts SET error = ? WHERE id = ? AND error IS NULL",
                           ((r[5], r[0]) for r in exists if r[5]))
            self._set_info("next_doc", first + len(exists))

    @guard
    def compact_text(self) -> bool:
        """Empty both FTS tables when dead rows outnumber a quarter of the live ones (and 1,000),
        so every post's text is indexed again; True if it did."""
        live = self._db.execute("SELECT count(*) FROM posts WHERE doc IS NOT NULL").fetchone()[0]
        if self._info("dead_docs") <= max(_DEAD_ROWS_KEPT, live // 4):
            return False
        with self.transaction():
            clear_text(self._db)
        return True

    @guard
    def text_progress(self) -> tuple[int, int]:
        total = self._db.execute("SELECT count(*) FROM posts").fetchone()[0]
        pending = self._db.execute("SELECT count(*) FROM posts WHERE doc IS NULL").fetchone()[0]
        return total - pending, total


def prepare_text(post_id: int, title: str, text: str, problem: str | None = None) -> tuple:
    """Everything write_text stores for one post, in pure Python.

    The indexer calls this in its worker processes: tokenising 100k bodies on the single
    writer's thread kept that thread busy and held the GUI's GIL. The text is brought to NFKC
    once here (Chinese text never is: its full-width ，；！ are compatibility forms), which makes
    the two tokenisers' own check free: 0.18 ms a post saved of 1.3. Traditional characters are
    folded to Simplified here too (cjk.normalise), once for both tables.
    """
    title, text = cjk.normalise(title), cjk.normalise(text)
    return (post_id, cjk.index_text(title), cjk.index_text(text), cjk.index_chars(title),
            cjk.index_chars(text), problem)


def clear_text(db: sqlite3.Connection) -> None:
    """Empty both FTS tables: every post's text is pending again (inside a transaction)."""
    db.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
    db.execute("INSERT INTO chars(chars) VALUES ('delete-all')")
    db.execute("UPDATE posts SET doc = NULL WHERE doc IS NOT NULL")
    db.execute("INSERT OR REPLACE INTO info VALUES ('dead_docs', 0)")
