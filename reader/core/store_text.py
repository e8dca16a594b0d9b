"""The index's full text: posts' text in the Tantivy index (fulltext.py), kept in step with SQLite's `posts`.

The two stores meet at `posts.doc`, a number from a counter that never goes back. A Tantivy
document is live while a post holds its number; a number a post gives up (its file changed or
went away) goes in `dead_docs`, which searches leave out and the next write deletes from Tantivy.
A write reserves its numbers in `dead_docs` before Tantivy commits and hands them to the posts
after, so a crash in between leaves nothing Tantivy holds that SQLite does not know about. It does
both while it holds Tantivy's writer (one for all processes), and reads which docs are dead only then:
another write's numbers are never among them. (Read before the writer, they were: two refreshes of one
library, the window's and another's, and the second deleted from Tantivy the documents the first
handed to its posts, which were never found again.)

Both stores carry a generation: SQLite's info `text_generation` names the Tantivy folder
(`index.db.text-<generation>`). A folder that is missing or cannot be read, or an index made
without one, means a new generation: an empty folder, and every post's text pending again.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from . import cjk, fulltext
from .errors import StoreError
from .fulltext import UNDATED, Broken, FullText, day_number
from .store_base import StoreBase, each_in, guard
from .store_rows import split


class Prepared(NamedTuple):
    """One post's text as prepare_text() makes it in a worker, ready for the index."""

    post_id: int
    title: str  # bigram form (cjk.index_forms)
    body: str
    chars: str  # the CJK characters of title and body, one after the other
    problem: str | None


class _Held:
    """What write_text gave Tantivy and has not committed yet: the posts take their docs after the commit."""

    def __init__(self) -> None:
        self.text: FullText | None = None  # the generation's index when the first write came
        self.generation = 0
        self.docs: list[tuple[int, int]] = []  # (doc, post id), in the order written
        self.dead: list[int] = []  # docs deleted from Tantivy, out of dead_docs once committed
        self.sent: set[int] = set()  # dead docs and new docs given to the writer: not deleted again
        self.problems: list[tuple[str, int]] = []  # (problem, post id) of the text phase


class TextIndex(StoreBase):
    """The Store's methods for the text of posts (the Tantivy index and `dead_docs`)."""

    _fulltext: FullText | None = None
    _fulltext_generation = 0
    _held: _Held | None = None  # write_text's docs waiting for text_in_one_commit's end
    _progress: tuple[tuple[int, int], tuple[int, int]] | None = None  # text_progress() and when it was counted

    # --- the generation ---------------------------------------------------------------------
    def _text_folder(self, generation: int) -> Path:
        return self.path.with_name(f"{self.path.name}.text-{generation}")

    def _check_text_generation(self) -> None:
        """On open: the Tantivy folder of SQLite's generation must be there and readable, else the
        text starts over."""
        generation = self._info("text_generation")
        if not generation or not self._text_folder(generation).is_dir():
            self._renew_text()
        self._text()  # opened now, so that a damaged folder is found (and made again) on open

    def _renew_text(self) -> None:
        """A new, empty Tantivy index under a new generation; every post's text pending again."""
        self._close_text()
        olds = list(self.path.parent.glob(f"{self.path.name}.text-*"))
        numbers = [int(p.name.rpartition("-")[2]) for p in olds if p.name.rpartition("-")[2].isdigit()]
        generation = max([self._info("text_generation"), *numbers]) + 1
        with self.transaction():
            clear_text(self._db)
            self._set_info("text_generation", generation)
        try:
            self._fulltext = FullText(self._text_folder(generation), create=True)
        except Broken as error:
            raise StoreError(f"Cannot make the full-text index: {error}") from error
        self._fulltext_generation = generation
        for old in olds:
            fulltext.remove(old, best_effort=True)

    def _text(self) -> FullText:
        """The Tantivy index of the current generation (another process may have begun a new one)."""
        generation = self._info("text_generation")
        if self._fulltext is None or generation != self._fulltext_generation:
            self._close_text()
            try:
                self._fulltext = FullText(self._text_folder(generation))
                self._fulltext_generation = generation
            except Broken:
                self._renew_text()
        assert self._fulltext is not None
        return self._fulltext

    def _close_text(self) -> None:
        if self._fulltext is not None:
            self._fulltext.close()
            self._fulltext = None

    def _dead_docs(self) -> list[int]:
        return [doc for (doc,) in self._db.execute("SELECT doc FROM dead_docs")]

    # --- writing ----------------------------------------------------------------------------
    def _unindex(self, ids: Sequence[int]) -> None:
        """Take posts out of search: their docs go to `dead_docs` (left out of searches, deleted
        from Tantivy by the next write) and the posts' text is pending again."""
        for sql in (
            "INSERT OR IGNORE INTO dead_docs SELECT doc FROM posts WHERE doc IS NOT NULL AND id IN ({})",
            "UPDATE posts SET doc = NULL WHERE doc IS NOT NULL AND id IN ({})",
        ):
            for _ in each_in(self._db, sql, ids):
                pass

    @guard
    def pending_text(self) -> list[tuple[int, str]]:
        return self._db.execute("SELECT id, path FROM posts WHERE doc IS NULL ORDER BY id").fetchall()

    @guard
    def text_todo(self) -> PendingText:
        """pending_text() for the text phase: the ids now, each slice's paths when it is taken."""
        ids = array("q", (i for (i,) in self._db.execute("SELECT id FROM posts WHERE doc IS NULL ORDER BY id")))
        return PendingText(ids, self._paths_of)

    @guard
    def _paths_of(self, ids: Sequence[int]) -> list[tuple[int, str, str]]:
        sql = "SELECT id, path, title FROM posts WHERE id IN ({}) ORDER BY id"
        return [row for cur in each_in(self._db, sql, ids) for row in cur]

    @contextmanager
    def text_in_one_commit(self) -> Iterator[None]:
        """Every write_text inside goes to Tantivy as it comes, and is committed once, at the end.

        For a refresh that writes its changed posts' text in batches (the metadata phase's): a
        commit of 1,000 posts into a 100k index costs Tantivy's indexing of them (0.35 ms a post)
        plus 20-30 ms, and each commit is a segment: the small ones are merged 8 at a time (a
        second or more at 100k), so one a refresh rather than one a batch halves their merges. The
        writer is held until the end (another process waits for it: a few seconds at most, as the
        metadata phase shares its read with the text for fewer than 5,000 posts only). On an error
        nothing is committed, and the posts' text is pending again.
        """
        if self._held is not None:
            yield
            return
        self._held = held = _Held()
        try:
            yield
        except BaseException:
            if held.text is not None:
                held.text.rollback()
            raise
        finally:
            self._held = None
        if held.sent:
            self._commit_text(held, merge_behind=True)
        elif held.text is not None:
            held.text.rollback()  # a writer taken for posts that were gone: let go, nothing to commit

    @guard
    def write_text(self, rows: Sequence[tuple]) -> None:
        """Index the text of posts: rows of (id, title, plain text[, problem]), or prepare_text()'s.

        A problem of the text phase (a post over its budget, indexed by its source) becomes the
        post's problem unless its metadata already has one: `problems()` and the list show it.
        Written twice, a post's text is replaced, never duplicated.
        """
        prepared = {row.post_id: row for row in map(_prepared, rows)}
        if not prepared and not self._dead_docs():
            return  # nothing for Tantivy: its writer (one for all processes) is not taken
        held = self._held or _Held()
        if held.text is None:
            held.text, held.generation = self._text(), self._fulltext_generation
        held.text.hold()  # first: the dead docs read below are nobody's reserved numbers
        try:
            found, dead, first = self._reserve(prepared, held)
        except BaseException:
            if self._held is None:
                held.text.rollback()  # let go of the writer (text_in_one_commit does on its way out)
            raise
        if not found and not dead:
            if self._held is None:
                held.text.rollback()  # let go: the posts were gone
            return
        held.text.add(
            (
                {
                    "doc": first + n,
                    "ts": UNDATED if sort_key is None else int(sort_key),
                    "day": day_number(day),
                    "draft": draft,
                    "problem": int(bool(error or prepared[post_id].problem)),
                    "title": prepared[post_id].title,
                    "body": prepared[post_id].body,
                    "chars": prepared[post_id].chars,
                    "category": list(split(cats)),
                    "tag": list(split(tags)),
                }
                for n, (post_id, day, sort_key, cats, tags, draft, error) in enumerate(found)
            ),
            dead,
        )
        held.sent.update(dead)
        held.sent.update(range(first, first + len(found)))
        held.dead.extend(dead)
        held.docs.extend((first + n, row[0]) for n, row in enumerate(found))
        held.problems.extend((prepared[i].problem, i) for i, *_ in found if prepared[i].problem)
        if self._held is None:
            self._commit_text(held)

    def _reserve(self, prepared: dict[int, Prepared], held: _Held) -> tuple[list[tuple], list[int], int]:
        """The posts still there (their rows for Tantivy), the dead docs to delete with this commit, and the
        first of the doc numbers reserved for the posts (in `dead_docs` until the hand-over), in one transaction."""
        with self.transaction():
            db = self._db
            found = [
                row
                for cur in each_in(
                    db,
                    "SELECT id, day, sort_key, cats, tags, draft, error IS NOT NULL FROM posts WHERE id IN ({})",
                    prepared,
                )
                for row in cur
            ]
            self._unindex([row[0] for row in found])  # their old docs go with this commit
            dead = [doc for doc in self._dead_docs() if doc not in held.sent]  # not this commit's own
            first = self._info("next_doc") or 1
            db.executemany("INSERT OR IGNORE INTO dead_docs VALUES (?)", ((first + n,) for n in range(len(found))))
            self._set_info("next_doc", first + len(found))
        return found, dead, first

    @guard
    def _commit_text(self, held: _Held, merge_behind: bool = False) -> None:
        """Tantivy's commit, then the posts take their docs: a crash in between leaves the new docs
        in `dead_docs` (never found, deleted by the next write) and the posts' text pending."""
        assert held.text is not None
        held.text.commit(merge_behind, then=lambda: self._hand_over(held))

    def _hand_over(self, held: _Held) -> None:
        """The posts take their new docs, and the deleted ones leave `dead_docs`: before the writer is let go."""
        docs = {post_id: doc for doc, post_id in held.docs}  # written twice: the last doc; the first stays dead
        with self.transaction():
            db = self._db
            if self._info("text_generation") != held.generation:
                return  # another process began a new generation meanwhile: these posts are pending there
            db.executemany("UPDATE posts SET doc = ? WHERE id = ?", ((doc, i) for i, doc in docs.items()))
            db.executemany("UPDATE posts SET error = ? WHERE id = ? AND error IS NULL", held.problems)
            for _ in each_in(db, "DELETE FROM dead_docs WHERE doc IN ({})", [*held.dead, *docs.values()]):
                pass

    def purge_text(self) -> None:
        """Delete from Tantivy the docs no post holds any more (write_text does it too, on its way)."""
        self.write_text([])

    @guard
    def text_progress(self) -> tuple[int, int]:
        """(posts whose text is indexed, posts). Every search asks; counting 1M posts read the whole
        index of `doc` (3-8 ms, more than the 8 MB page cache holds), so the counts are kept until
        the database changes: a commit of another connection (data_version) or a change of this one."""
        stamp = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
        if self._progress is not None and self._progress[0] == stamp:
            return self._progress[1]
        total = self._db.execute("SELECT count(*) FROM posts").fetchone()[0]
        pending = self._db.execute("SELECT count(*) FROM posts WHERE doc IS NULL").fetchone()[0]
        # Not inside a transaction: a rollback takes its changes back without changing total_changes.
        self._progress = None if self._db.in_transaction else (stamp, (total - pending, total))
        return total - pending, total


class PendingText(Sequence[tuple[int, str, str]]):
    """The posts whose text is pending, as (id, path, title) in id order: the ids held (8 bytes each), the
    paths and titles read from the index a slice at a time (indexer.run_phase takes a chunk of 250 when it hands it to a
    worker). The list of (id, path) tuples was held through the whole text phase: 192 MB at 1M posts."""

    def __init__(self, ids: array, paths_of: Callable[[Sequence[int]], list[tuple[int, str, str]]]) -> None:
        self._ids, self._paths_of = ids, paths_of

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._paths_of(self._ids[index])
        return self._paths_of([self._ids[index]])[0]


def prepare_text(post_id: int, title: str, text: str, problem: str | None = None) -> Prepared:
    """Everything write_text stores for one post, in pure Python.

    The indexer calls this in its worker processes: tokenising 100k bodies on the single
    writer's thread kept that thread busy and held the GUI's GIL. The text is brought to NFKC,
    Traditional characters folded to Simplified and CJK runs split into bigrams (cjk.index_form).
    """
    (title, title_chars), (body, body_chars) = cjk.index_forms(title), cjk.index_forms(text)
    return Prepared(post_id, title, body, title_chars + body_chars, problem)


def _prepared(row: tuple) -> Prepared:
    return row if isinstance(row, Prepared) else prepare_text(*row)


def clear_text(db: sqlite3.Connection) -> None:
    """Every post's text pending again, and the Tantivy index due to be made anew (inside a transaction)."""
    db.execute("UPDATE posts SET doc = NULL WHERE doc IS NOT NULL")
    db.execute("DELETE FROM dead_docs")
    db.execute("DELETE FROM info WHERE key = 'text_generation'")
