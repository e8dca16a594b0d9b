"""The full-text index in Tantivy: each post's text as bigrams, its characters, labels and day, under a `doc` number.

SQLite keeps everything else (posts, labels, lists, reading state). The two meet at `posts.doc`:
a Tantivy document is live while a post holds its number, which the store gives out from a counter
that never goes back. Measured at 100k posts against the FTS5 tables it replaces: built in a third
of the time, at half the size, searched 5-40x faster (docs/performance.md).

Tantivy pitfalls this module keeps clear of: its `ngram` tokenizer puts every gram at position 0, so
the text arrives as bigrams (cjk.index_forms), with positions for phrases, already split into
ANALYZER's tokens (the writer's tokenizer only splits at spaces); a lone character is looked up in
`chars` (documents only, no positions: the CJK characters of the text one by one, through the 1-gram
tokenizer); deleting by a term of an unsigned field deletes nothing, so `doc` is a signed integer;
custom tokenizers are not saved with the index and are registered on every open; a second writer is
refused at once (LockBusy), not queued, so a writer is taken for one batch and a second one retries
for a while. An index made with another SCHEMA does not open (Broken), so a change of fields makes a
new generation by itself.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import NoReturn, cast

import tantivy

from . import mapped
from .errors import StoreError

TOKENIZER = "jianbao"  # simple words, lower case, accents folded: what SQLite's unicode61 did
CHARS_TOKENIZER = "jianbao_chars"  # each character alone
TITLE_WEIGHT = 8.0  # a hit in the title weighs 8 hits in the body
_HEAP = 96_000_000  # the writer's memory budget: 200 MB built 100k posts in 34 s, 50 MB in 44 s
UNDATED = -(2**62)  # the `ts` of a post without a date: last when newest come first
_LOCK_WAIT = 10.0  # seconds a writer waits for another process's writer to finish
_MERGING: dict[Path, threading.Thread] = {}  # by index folder: the writer let go of last, finishing its merges
_MERGING_LOCK = threading.Lock()


class Broken(Exception):
    """The Tantivy index cannot be read: it is made again, and every post's text indexed again."""


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("doc", indexed=True, fast=True)  # posts.doc; signed, so deleting by it works
    b.add_integer_field("ts", fast=True)  # the sort key in seconds: newest first without a sort
    b.add_integer_field("day", indexed=True, fast=True)  # 2022-03-01 as 20220301, 2022 as 20220000
    b.add_integer_field("draft", indexed=True)  # 1 or 0, for the list's filters (a scan of SQLite's
    b.add_integer_field("problem", indexed=True)  # posts for them took 25 ms at 20k)
    b.add_text_field("title", tokenizer_name=TOKENIZER)
    b.add_text_field("body", tokenizer_name=TOKENIZER)
    b.add_text_field("chars", tokenizer_name=CHARS_TOKENIZER, index_option="basic")
    for label in ("category", "tag"):
        b.add_text_field(label, tokenizer_name="raw", index_option="basic")
    return b.build()


SCHEMA = _schema()


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


ANALYZER = _analyzer()
# What the index's writer runs over title and body: cjk.index_forms has already done the rest of
# ANALYZER's work, each character through a table (char_forms), 0.02 ms a post of Python instead
# of 0.12 ms in the writer for the lowercase and ascii_fold filters, which take their slow path on
# every CJK token (docs/performance.md, "The text phase, round 4"). The tokens are the same.
INDEX_ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
CHARS_ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 1, False)).build()


def char_forms(chars: str) -> dict[str, str]:
    """Each of `chars` (no surrogates) that a word can hold -> what ANALYZER makes of it there: lower-cased
    and folded, one or more characters. The others (punctuation, spaces) end a word."""
    spaced = "\n".join(chars)  # each character a word of its own, or none
    return dict(zip(_PLAIN.analyze(spaced), ANALYZER.analyze(spaced), strict=True))


_PLAIN = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()


def day_number(day: str | None) -> int | None:
    """posts.day ("2022", "2022-03", "2022-03-01") as an integer that sorts the same way."""
    if not day:
        return None
    parts = [int(p) for p in day.split("-")[:3]] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


class FullText:
    """One Tantivy index folder: documents written in batches, searched by planner.py's queries."""

    def __init__(self, folder: Path, create: bool = False) -> None:
        """Open the index in `folder`, or make a new one there (`create`); Broken if it cannot be read."""
        self.folder = Path(folder)
        self._writer: tantivy.IndexWriter | None = None
        self._searcher: tuple[bytes, tantivy.Searcher] | None = None  # searcher()'s, with the meta.json it read
        try:
            if create:
                remove(self.folder)
                self.folder.mkdir(parents=True)
            elif not tantivy.Index.exists(str(self.folder)):
                raise Broken(f"{self.folder} holds no full-text index")
            self.index = tantivy.Index(SCHEMA, path=str(self.folder), reuse=not create)
            self.index.register_tokenizer(TOKENIZER, INDEX_ANALYZER)  # not kept in the index: every open
            self.index.register_tokenizer(CHARS_TOKENIZER, CHARS_ANALYZER)
            self.index.searcher()  # reads meta.json and every segment's footer
        except (ValueError, OSError) as error:
            raise Broken(f"the full-text index {self.folder} could not be read: {error}") from error

    def close(self) -> None:
        """Let go of the writer, once its merges are done (another process may want it next)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            _wait_merges(writer, self.folder)
        _join_merges(self.folder)

    # --- writing --------------------------------------------------------------------------
    def _writer_now(self) -> tantivy.IndexWriter:
        """A writer for one batch; another process's (or Store's) is waited for until it lets go."""
        if self._writer is not None:
            return self._writer
        _join_merges(self.folder)  # this process's last writer here (any thread's), if it is still merging
        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                self._writer = self.index.writer(heap_size=_HEAP, num_threads=1)
                return self._writer
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() > deadline:
                    raise StoreError(f"Cannot write the full-text index {self.folder}: {error}") from error
                time.sleep(0.05)

    def hold(self) -> None:
        """Take the writer now (another process's is waited for), before add(): the store reads which
        documents are dead only while it holds the writer (store_text.py)."""
        self._writer_now()

    def add(self, docs: Iterable[dict], dead: Sequence[int]) -> None:
        """Add documents (dicts of SCHEMA's fields) and delete the `dead` doc numbers, uncommitted: the
        writer is held (other processes wait) until commit() or rollback()."""
        writer = self._writer_now()
        try:
            for doc in dead:
                writer.delete_documents_by_term("doc", doc)
            for fields in docs:
                # from_dict reads each value as its field's type: 4 µs a post, Document(**fields) 16
                writer.add_document(
                    tantivy.Document.from_dict({k: v for k, v in fields.items() if v is not None}, SCHEMA)
                )
        except ValueError as error:
            self._failed(writer, error)

    def commit(self, merge_behind: bool = False, then: Callable[[], None] | None = None) -> None:
        """Make what add() gave durable and searchable, in one commit, and let the writer go; `then`
        runs between the two, the writer still held (the store hands the new documents to their posts).

        `merge_behind`: the merges Tantivy starts after the commit (8 small segments into one: about
        13k docs at 100k, 1-2 s) are waited for by a thread and the caller goes on (the wait lets go of
        the GIL); the next writer in the process, or close(), waits for them first. For a refresh's
        last commit: nothing a search finds depends on them. Not for the text phase's batches: the
        next batch's writer must wait for them anyway, and its results piled up meanwhile (20k posts,
        text phase alone: 297 and 347 MB peak against 270 and 278 waiting here).
        """
        writer = self._writer_now()
        try:
            writer.commit()
        except ValueError as error:
            self._failed(writer, error)
        try:
            if then is not None:
                then()
        finally:
            self._let_go(writer, merge_behind)
        self.index.reload()

    def _let_go(self, writer: tantivy.IndexWriter, merge_behind: bool) -> None:
        # The writer is let go after each commit, once its merges are done, so that another process
        # waits one batch at most: 12k posts in 2,000-post batches took 5.2 s of CPU so, 5.3-6.1 s
        # with one writer kept for all of them, and as many segments.
        self._writer = None
        if merge_behind:
            merging = threading.Thread(
                target=_wait_merges, args=(writer, self.folder), name="tantivy-merges", daemon=True
            )
            with _MERGING_LOCK:  # started before it is published: another thread may join it at once
                merging.start()
                _MERGING[self.folder] = merging
        else:
            _wait_merges(writer, self.folder)

    def rollback(self) -> None:
        """Forget what add() gave since the last commit, and let the writer go."""
        if self._writer is not None:
            with suppress(ValueError):
                self._writer.rollback()
            self.close()

    def write(self, docs: Iterable[dict], dead: Sequence[int]) -> None:
        """add() and commit(): documents in, `dead` doc numbers out, in one commit."""
        self.add(docs, dead)
        self.commit()

    def _failed(self, writer: tantivy.IndexWriter, error: ValueError) -> NoReturn:
        with suppress(ValueError):
            writer.rollback()
        self.close()
        raise StoreError(f"Cannot write the full-text index {self.folder}: {error}") from error

    # --- reading --------------------------------------------------------------------------
    def searcher(self) -> tantivy.Searcher:
        """A searcher over the last commit, whichever process made it: the last one again while
        meta.json (the list of segments and deletes a commit or merge writes) is the same, for
        0.01 ms, where reloading took 0.1-0.2 ms at 100k posts (up to 5 ms under load at 1M)."""
        try:
            meta = (self.folder / "meta.json").read_bytes()  # read before the reload: a later commit shows next time
            if self._searcher is None or self._searcher[0] != meta:
                self.index.reload()
                self._searcher = meta, self.index.searcher()
            return self._searcher[1]
        except (ValueError, OSError) as error:
            raise Broken(f"the full-text index {self.folder} could not be read: {error}") from error

    def docs(self, query: tantivy.Query) -> list[int]:
        """The doc numbers of every document `query` matches, in no order."""
        searcher = self.searcher()
        total = searcher.num_docs
        if not total:
            return []
        found = searcher.search(query, limit=total, count=False).hits
        return cast(list[int], searcher.fast_field_values("doc", [address for _, address in found]))


def _join_merges(folder: Path) -> None:
    """Wait until the last writer this process let go of in `folder` has finished its merges."""
    with _MERGING_LOCK:
        merging = _MERGING.pop(folder, None)
    if merging is not None:
        merging.join()


def _wait_merges(writer: tantivy.IndexWriter, folder: Path) -> None:
    """Until the writer's merges are done; the pages of the segment files they read are given back
    meanwhile (mapped.py: at 1M posts, 650 MB of the refresh's RSS in its largest merges)."""
    # A merge that failed leaves the committed segments as they were.
    with mapped.released_meanwhile(folder), suppress(ValueError):
        writer.wait_merging_threads()


def remove(folder: Path, best_effort: bool = False) -> None:
    """Delete an index folder (and what a crash left in it). `best_effort`: an old generation that
    another process still has open (Windows refuses to delete it) is left for the next new one."""
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as error:
        if not best_effort:
            raise StoreError(f"Cannot remove the old full-text index {folder}: {error}") from error
