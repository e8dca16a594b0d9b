"""The facade over the core: open a library folder, refresh its index, list, search and read posts.

This is the one object the CLI and the GUI use. Every thread that calls it gets its own SQLite
connections, so a GUI can list from the index while a worker thread refreshes it.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..paths import AppPaths, library_key
from . import freshness
from .errors import LibraryError, PostError
from .freshness import Freshness
from .index_location import open_index
from .library_files import LibraryFiles
from .library_highlights import LibraryHighlights
from .link_routing import LinkRouting
from .site_paths import relative_path, taxonomy_folder
from .snippets import post_snippets
from .state import SavedSearch, StateStore
from .store import Store, needs_upgrade
from .store_rows import PATH
from .types import (
    Facet,
    ListRow,
    Post,
    PostFilter,
    PostSummary,
    Problem,
    RefreshReport,
    SearchHit,
    SearchResults,
    Site,
    Snippet,
)
from .types import LinkTarget as LinkTarget  # resolve_link returns it: part of the facade

# `indexer` and `limits` read posts, which pulls in markdown-it, lxml and bs4 (about 130 ms),
# and `site` and `metadata` read settings (yaml, python-frontmatter: 40 ms of CPU): they are
# imported in the methods that need them, so that opening a library only to list it, as the
# window does on start and `jianbao-cli list` does, does not pay for them.

# progress(phase, done, total): phase is "scan", "metadata" or "text".
ProgressFn = Callable[[str, int, int], None]
# cancelled() -> True asks a running refresh to stop (it raises Cancelled).
CancelFn = Callable[[], bool]
# Posts per write transaction; per Tantivy commit in the text phase, whose batch of prepared texts, their documents
# and the writer's arena are held at once: 1,500 took that phase's peak at 100k from 379-385 to 341-342 MB (RssAnon
# of the process; 1,000: 285-307) for 0-5% more of its CPU. At 1M the tree's peak had been 605 MB (target 600).
_WRITE_BATCH, _TEXT_BATCH = 2000, 1500
_FIRST_BATCH = 200
_BULK_LOAD = 5000  # a first build of at least this many posts defers the secondary indexes
# A refresh of fewer files than this reads each once for both phases (0.19 ms a post saved of
# about 0.9): its rows wait for their text, at most about 2 s. A larger one (a first build) lists
# its posts first and reads them again for the text, so that the library is browsable early.
_SHARED_READ_MAX = 5000
# Such a refresh writes the rows and hands the text to Tantivy a chunk of results at a time (indexer's
# 250), all in one Tantivy commit: with 200 and then 2,000, 801 of a 1% re-open's 1,001 texts reached
# Tantivy after the last result, and were indexed then (0.35 ms a post) while the workers were idle.
_SHARED_READ_BATCH = 250


def _write_in_batches(rows: Iterable, write: Callable[[list], None], size: int | None = None) -> None:
    """Hand `rows` to `write` _WRITE_BATCH (or `size`) at a time: one transaction each. The first batch
    is small, so that a window listing a new library shows its first posts without waiting for 2,000."""
    pending: list = []
    batch = size or _FIRST_BATCH
    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            write(pending)
            pending, batch = [], size or _WRITE_BATCH
    if pending:
        write(pending)


class Library(LinkRouting, LibraryHighlights, LibraryFiles):
    """One library folder with its index (a cache) and its reading state (user data)."""

    def __init__(self, root, *, data_dir=None) -> None:
        """Open `root` (raises LibraryError if it is missing or not a folder). Does not scan."""
        path = Path(root).expanduser()
        if not path.exists():
            raise LibraryError(f"{path}: no such folder")
        if not path.is_dir():
            raise LibraryError(f"{path}: not a folder")
        try:
            next(iter(path.iterdir()), None)
        except OSError as exc:
            raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
        self.root = path.resolve()
        self.paths = AppPaths.for_user(data_dir)
        self.key = library_key(self.root)
        # Each thread's connection, by thread ident, not in a threading.local: a Qt pool thread gets a new
        # Python thread state (and an empty threading.local) for every job, which reopened the index each time.
        self._stores: dict[int, Store] = {}
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self.state = StateStore(self.paths.state_file, self.key, str(self.root))
        self.index_file = self.paths.index_file(self.root)
        self._index_note: str | None = None  # why the index is not where it should be, if it is not
        try:
            self._store()  # open (and if needed rebuild) the index now, so problems surface here
        except BaseException:
            self.state.close()
            raise

    @staticmethod
    def needs_upgrade(root, *, data_dir=None) -> bool:
        """True when opening `root` would first upgrade its index (seconds): open it on a worker first."""
        return needs_upgrade(AppPaths.for_user(data_dir).index_file(Path(root).expanduser().resolve()))

    @functools.cached_property
    def site(self) -> Site:  # type: ignore[override]  # the parts read it as an attribute; it is one, once computed
        """What the folder is (Jekyll, Hugo, ...) and its settings: read when first needed, so that
        listing from the index needs no YAML (site.py imports yaml, python-frontmatter, tomllib)."""
        from .site import detect_site

        return detect_site(self.root)

    @property
    def name(self) -> str:
        """What to call the library in a window title: the site's title or the folder's name."""
        return self.site.title or self.root.name

    def site_of(self, post_id: int) -> Site:
        """The site a post belongs to: this library's (the window's All libraries answers per post)."""
        return self.site

    @property
    def rebuilt_reason(self) -> str | None:
        """Why the index had to be rebuilt from scratch, or kept elsewhere, if it had."""
        return self._store().rebuilt_reason or self._index_note

    def _store(self) -> Store:
        """This thread's connection to the index; a new one once another process replaced the file."""
        store = self._stores.get(threading.get_ident())
        if store is not None and store.file_status() == "replaced":
            self._drop(store)
            store = None
        if store is None:
            store = self._stores[threading.get_ident()] = self._open_store()
        return store

    def _drop(self, store: Store) -> None:
        store.close()
        self._stores.pop(threading.get_ident(), None)

    def _open_store(self) -> Store:
        with self._open_lock:
            store, self.index_file, note = open_index(self.paths, self.root, self.key, self.index_file)
            self._index_note = note or self._index_note
            return store

    def close(self) -> None:
        stores, self._stores = list(self._stores.values()), {}
        for store in stores:
            store.close()
        self.state.close()

    # --- indexing -------------------------------------------------------------------------
    def refresh(
        self, progress: ProgressFn | None = None, cancelled: CancelFn | None = None, full_text: bool = True
    ) -> RefreshReport:
        """Bring the index up to date: scan, metadata phase, then (unless full_text=False) text."""
        from .indexer import Workers, scan_diff

        report = lambda phase, done, total: progress and progress(phase, done, total)  # noqa: E731 - a one-line adapter, clearer than a def
        stop = cancelled or (lambda: False)
        with self._write_lock, Workers(text=full_text, cache=self.paths.cache) as workers:
            started, scanned_ns = time.monotonic(), time.time_ns()
            store = self._store()
            if store.file_status() == "deleted":  # the cache folder was removed while we ran: build anew
                self._drop(store)
                store = self._store()
                store.rebuilt_reason = "the index was deleted while the program ran and has been rebuilt"
            store.cache_for_writing()
            report("scan", 0, 0)
            store.read_by_rules(self.site.kind)
            known = store.file_states()
            early, early_links = ([], []) if known else self._first_rows(store, report, stop)
            if len(early) == _FIRST_BATCH:  # a new library, and not a small one: its pool starts during the scan
                # Not the text path: a new library's text is read again after its metadata phase, unless it
                # has fewer than _SHARED_READ_MAX posts; that phase then does not wait for its imports.
                workers.warm(self.site, text=False)
            if early:  # while the workers start (the first Chinese title loads the readings: 25 ms)
                store.fill_title_keys()
            ahead_from = _SHARED_READ_MAX if full_text else 0  # posts handed out in the walk: metadata alone
            diff = scan_diff(self.site, store.file_states() if early else known, stop, workers, ahead_from)
            store.set_skipped(diff.skipped)
            if diff.removed:
                store.delete_paths(diff.removed)
            todo_count = len(diff.todo)
            report("scan", diff.total, diff.total)
            if diff.added + len(early) == diff.total >= _BULK_LOAD:
                store.defer_indexes()  # a first build: index the posts table once it is full
            try:
                back_links = self._metadata_phase(
                    store, diff, report, stop, workers, with_text=full_text and todo_count < _SHARED_READ_MAX
                )
            finally:
                store.restore_indexes()
            back_links.update(early_links)
            self._refresh_labels(store, diff.label_pages, back_links, changed=store.take_labels_changed())
            store.set_folder_stamps(freshness.take(self.root, diff.folders, scanned_ns))
            if full_text:
                self.index_text(progress, cancelled, workers)
            first = len(set(early) - set(diff.removed) - set(diff.changed))  # still as written early
            return RefreshReport(
                added=diff.added + first,
                changed=len(diff.changed),
                removed=len(diff.removed),
                unchanged=diff.total - todo_count - first,
                problems=self.count(PostFilter(problems=True)) + len(diff.skipped),
                seconds=time.monotonic() - started,
                rebuilt=store.rebuilt_reason,
                notes=tuple(f"{p.path}: {p.message}" for p in diff.skipped),
                folders=tuple(diff.folders),
            )

    def check_freshness(self) -> Freshness:
        """Has the library changed since the last full scan? One stat per folder (freshness.py):
        a file added, removed, renamed or saved by rename is seen; an edit in place is not."""
        return freshness.check(self.root, self._store().folder_stamps())

    def _first_rows(self, store: Store, report, stop) -> tuple[list[str], list]:
        """A new index gets the first posts a short walk meets (the newest names first) parsed here
        and written before the whole library is scanned: a window lists them within a second, also
        at 100k posts. The scan then finds them unchanged. Their title sort keys are made just after
        (a title sort lists them last meanwhile). Returns their paths and back-links."""
        from .indexer import first_rows

        rows, links = first_rows(self.site, _FIRST_BATCH, stop)
        if rows:
            store.write_rows(rows)
            report("metadata", len(rows), 0)  # committed: the list can show them (no total known yet)
        return [row[PATH] for row, *_ in rows], links

    def _metadata_phase(self, store: Store, diff, report, stop, workers, with_text: bool) -> Counter:
        """Parse the new and changed files (diff.todo, a found.Found by path; diff.ahead, those the walk handed out)
        and empty diff.todo (1M posts: 125 MB, freed before the indexes are built). Returns the category back-links
        their bodies hold. `with_text`: their text is indexed from the same read (the text phase finds them done)."""
        from .indexer import collector_paused, metadata_results

        todo = diff.todo
        total = len(todo)
        report("metadata", 0, total)
        back_links: Counter = Counter()

        def rows():
            phase = "metadata+text" if with_text else "metadata"
            progress = lambda d: report("metadata", d, total)  # noqa: E731 - a one-line adapter
            for at, chunk in metadata_results(phase, self.site, todo.paths, diff.ahead, progress, stop, workers):
                back_links.update(link for _, found, *_ in chunk for link in found)  # once a chunk, not a row
                for n, (row, _, text, read) in zip(at, chunk, strict=True):  # n: the post's place in todo
                    yield row, *todo.stat(n, read), text

        def write(batch: list) -> None:
            ids = store.write_rows([row[:3] for row in batch])
            texts = [text._replace(post_id=ids[row[PATH]]) for row, _, _, text in batch if text]
            if texts:
                store.write_text(texts)

        try:
            with store.text_in_one_commit(), collector_paused():  # one Tantivy commit for the phase
                _write_in_batches(rows(), write, _SHARED_READ_BATCH if with_text else None)
        finally:
            todo.clear()
        return back_links

    def _refresh_labels(self, store: Store, label_pages: list[str], back_links: Counter, changed: bool) -> None:
        """Readable names of category and tag slugs, each source over the one before: the one tag
        all of a category's posts carry, names found before, back-link text, the site's settings and
        data files, a category page's title."""
        # The names found before stay: an unchanged post's back-links are not read again. The
        # pairs of categories and tags (0.06 s at 100k posts) only change when posts' labels do.
        labels = {"category": store.paired_tags() if changed else {}, "tag": {}}
        for kind, mapping in labels.items():
            mapping.update(store.labels(kind))
        for (kind, key, label), _count in back_links.most_common()[::-1]:
            labels[kind][key] = label  # most common last, so it wins
        from .site import taxonomy_names

        for kind, names in taxonomy_names(self.site).items():
            labels[kind].update(names)
        for kind, key, title in self._label_page_titles(label_pages):
            labels[kind][key] = title
        for kind, mapping in labels.items():
            store.set_labels(kind, mapping)

    def _label_page_titles(self, label_pages: list[str]) -> Iterator[tuple[str, str, str]]:
        """(kind, key, title) of each category or tag page that names one slug."""
        from .pipeline import read_post

        for rel in label_pages:
            meta = read_post(self.site, rel).meta  # a page that cannot be read has an error: skipped below
            kind = taxonomy_folder(PurePosixPath(rel).parent.name) or "category"
            keys = meta.tags if kind == "tag" else meta.categories
            if len(keys) == 1 and meta.title and not meta.error:
                yield kind, keys[0], meta.title

    def index_text(self, progress: ProgressFn | None = None, cancelled: CancelFn | None = None, workers=None) -> None:
        """The full-text phase: render and index every post whose text is not indexed yet. `workers`
        (an indexer.Workers) lends the processes refresh() started for its metadata phase."""
        from . import heap
        from .indexer import run_phase

        store = self._store()
        store.cache_for_reading()  # the metadata phase's page cache (64 MB at 100k) is not needed here,
        heap.for_indexing()  # and the C heap is set for Tantivy's threads
        store.purge_text()
        todo = store.text_todo()
        total = len(todo)
        if progress:
            progress("text", 0, total)
        stop = cancelled or (lambda: False)
        chunks = run_phase("text", self.site, todo, lambda d: progress and progress("text", d, total), stop, workers)
        _write_in_batches((row for chunk in chunks for row in chunk), store.write_text, _TEXT_BATCH)
        store.text_progress()  # counted once the last commit is in, not by the next search (15-25 ms at 1M posts)

    def text_progress(self) -> tuple[int, int]:
        """(posts whose text is indexed, all posts): search is complete when they are equal."""
        return self._store().text_progress()

    # --- lists ----------------------------------------------------------------------------
    def count(self, filter: PostFilter | None = None) -> int:
        return self._store().count(filter)

    def list_ids(self, filter: PostFilter | None = None, sort: str = "date", descending: bool = True) -> list[int]:
        """Ids of the matching posts in order. sort: "date", "title", "category" or "path"."""
        return self._store().list_ids(filter, sort, descending)

    def sort_values(self, ids: Sequence[int], sort: str) -> dict[int, tuple]:
        """id -> (the value list_ids orders `sort` by, None when the post has none; its date's sort key):
        what core.libraries merges several libraries' lists by."""
        return self._store().sort_values(ids, sort)

    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        """Rows for these ids, in the same order (missing ids are left out)."""
        return self._store().summaries(ids)

    def list_posts(
        self, filter: PostFilter | None = None, sort: str = "date", descending: bool = True
    ) -> list[PostSummary]:
        return self.summaries(self.list_ids(filter, sort, descending))

    def list_rows(
        self, filter: PostFilter | None = None, size: int = 1000, *, table: bool = False
    ) -> Iterator[list[ListRow]]:  # list_ids(filter)'s posts, `size` at a time (jianbao-cli list); table: no path, tags
        return self._store().list_rows(filter, size, table=table)

    def facets(self, kind: str) -> list[Facet]:
        """kind: "category", "tag", "year" or "month"; each with its count and readable label."""
        return self._store().facets(kind)

    def label_keys(self, kind: str) -> list[str]:
        """kind: "category" or "tag"; the keys posts carry, sorted (no counts: cheaper than facets())."""
        return self._store().label_keys(kind)

    def labels(self, kind: str) -> dict[str, str]:
        """kind: "category" or "tag"; the readable name of each key that has one (key -> name)."""
        return self._store().labels(kind)

    def problems(self) -> list[Problem]:
        """Posts read with a problem, and every entry the last refresh did not read, with why."""
        return self._store().problems()

    # --- posts ----------------------------------------------------------------------------
    def post_id(self, path: str) -> int | None:
        """The id of a post by its library-relative "/"-separated path."""
        return self._store().id_for_path(path)

    def path_of(self, file: str | Path) -> str | None:
        """A file given by the user (absolute, or relative to the working folder; links resolved)
        as a library-relative "/"-separated path, or None when it is not inside the library."""
        return relative_path(self.root, Path(file).resolve())

    def get_post(self, post_id: int, full: bool = False, *, with_text: bool = True) -> Post:
        """Read the file again and render it (raises PostError if it is gone or unreadable).

        A huge body is cut to its first part (`Post.truncated`) unless `full` is true; `Post.text` is ""
        unless `with_text`.
        """
        from .pipeline import show_post

        meta = self._store().get_meta(post_id)
        if meta is None:
            raise PostError(f"#{post_id}", "no such post in the index")
        try:
            shown = show_post(self.site, meta.path, full=full, with_text=with_text)
        except FileNotFoundError as exc:
            raise PostError(meta.path, "the file is no longer there (moved or deleted)") from exc
        except OSError as exc:
            raise PostError(meta.path, f"cannot be read: {exc.strerror or exc}") from exc
        return self._as_post(post_id, shown)

    def read_file(self, path: str) -> Post:
        """A file of the library that is none of its posts (a README, a page), read and rendered as
        a post would be, without indexing it (raises PostError). Its id is -1: no row has it."""
        from .pipeline import show_post

        try:
            shown = show_post(self.site, path)
        except OSError as exc:
            raise PostError(path, f"cannot be read: {exc.strerror or exc}") from exc
        return self._as_post(-1, shown)

    def _as_post(self, post_id: int, shown) -> Post:
        """A file as the pipeline showed it, in its language, else the site's (`lang: zh-CN` in finews'
        _config.yml): the view picks Han glyph shapes by it. Not stored in the index: a changed config
        applies at once."""
        from .metadata import language_tag

        meta = shown.meta
        if not meta.language and self.site.language:
            meta = replace(meta, language=language_tag(self.site.language))
        return Post(id=post_id, meta=meta, html=shown.html, text=shown.text, truncated=shown.truncated)

    # --- search ---------------------------------------------------------------------------
    def search(
        self, query: str, *, filter: PostFilter | None = None, limit: int = 200, offset: int = 0, snippets: int = 0
    ) -> SearchResults:
        """Ranked hits for a query in the query language (raises QueryError).

        While the text of some posts is not indexed yet, their titles are searched instead and
        those hits follow the ranked ones. The first `snippets` hits come with a snippet;
        snippets() makes the others' on demand.
        """
        store = self._store()
        indexed, total = store.text_progress()
        if indexed >= total:
            found, pending = store.search(query, filter, limit, offset), []
        else:  # rank then titles, as one list to page through
            found = store.search(query, filter, offset + limit, 0)
            ranked = {post_id for post_id, _ in found}
            pending = [i for i in store.search_pending_titles(query, filter, offset + limit) if i not in ranked]
            found = (found + [(post_id, 0.0) for post_id in pending])[offset : offset + limit]
        ids = [post_id for post_id, _ in found]
        rows, title_only = store.hit_rows(ids), set(pending)
        hits = [
            SearchHit(post=rows[i][0], snippet=None, rank=rank, title_only=i in title_only, title_key=rows[i][1])
            for i, rank in found
            if i in rows
        ]
        made = self._snippets(query, [hit.post for hit in hits[:snippets]])
        # Only the hits given a snippet are copied: replace() on 200 hits took 4 ms, more than the search.
        hits = [replace(hit, snippet=made[hit.post.id]) if hit.post.id in made else hit for hit in hits]
        return SearchResults(tuple(hits), indexed, total)

    def snippets(self, query: str, post_ids: Sequence[int]) -> dict[int, Snippet]:
        """id -> about 120 characters of plain text around the query's first hit in the post.

        Read from the file (0.6 ms a post): the index keeps no copy of the text.
        """
        return self._snippets(query, self.summaries(post_ids))

    def _snippets(self, query: str, posts: Sequence[PostSummary]) -> dict[int, Snippet]:
        if not posts:
            return {}  # without the site's settings (YAML) and the renderers (markdown-it, lxml: 70 ms of CPU)
        return post_snippets(self.site, query, [(post.id, post.path) for post in posts])

    # --- reading state --------------------------------------------------------------------
    def _paths(self, post_ids: Sequence[int]) -> list[str]:
        return [s.path for s in self._store().summaries(post_ids)]

    def set_read(self, post_ids: Sequence[int], read: bool = True) -> None:
        self.state.set_read(self._paths(post_ids), read)

    def set_starred(self, post_id: int, starred: bool) -> None:
        self.state.set_starred(self._paths([post_id]), starred)

    def set_position(self, post_id: int, position: float) -> None:
        for path in self._paths([post_id]):
            self.state.set_position(path, position)

    def position(self, post_id: int) -> float:
        paths = self._paths([post_id])
        return self.state.get(paths[0])[2] if paths else 0.0

    # --- saved searches (in the reading state: they outlive the index) --------------------
    def saved_searches(self) -> list[SavedSearch]:
        return self.state.saved_searches()

    def save_search(self, name: str, query: str, node_ids: Sequence[str]) -> None:
        self.state.save_search(name, query, node_ids)

    def rename_search(self, name: str, new_name: str) -> bool:
        return self.state.rename_search(name, new_name)

    def delete_search(self, name: str) -> None:
        self.state.delete_search(name)
