"""The two indexing phases, run in worker processes: metadata first, then the full text."""

from __future__ import annotations

import gc
import os
import pickle
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from . import collate, forms_cache, heap, scanner
from .budget import files_in_a_row
from .errors import Cancelled
from .found import Found
from .held_folder import folders_held
from .lifeline import die_with_parent
from .parse import parse_post
from .pipeline import PostText, head_stat, index_posts, post_text, titled_text
from .scanner import ChangeWatch, scan
from .store_base import chunks
from .store_rows import PATH, meta_row
from .types import Problem, Site

_T = TypeVar("_T")

# Below this many files a pool costs more (process start-up, imports) than it saves.
_POOL_THRESHOLD = 400
# A re-open's walk starts the workers once this many posts are new or changed if, at the rate met so far,
# the whole walk will find _POOL_THRESHOLD: 1% of 100k changed, they started after 40% of the walk and were
# still importing when it ended (0.85 s), its first chunk back at 1.08 s.
_WARM_SAMPLE = 100
_CHUNK = 250
# The metadata phase alone hands out larger chunks: each costs the writer's process a submit and a
# result (its threads' wakes, pipes, futures) and a worker a round trip, about 1 ms of CPU at either
# end (20k generated posts, 3 pairs: 2.70-2.73 s of CPU in all with 250, 2.62-2.69 with 1,000). Its rows
# are small (16 chunks ahead hold about 6 MB); the text phase's results are not (3 MB a chunk of 250).
_METADATA_CHUNK = 1000
# Chunks handed to the workers ahead of the one being written: enough to keep every core busy, few
# enough that results wait in memory for a while only (all submitted at once, the text phase of 100k
# posts held every prepared text until its end: 2.59 GB).
_IN_FLIGHT = 16
# Files read before they are parsed, at most this many bytes held (a chunk of 250 news posts: 1.8 MB).
_READ_AHEAD = 16 << 20


# The posts a large refresh's walk hands to a worker while it goes on (in the walk's order), at most this
# many: the workers are idle otherwise until the walk ends (0.5 s of one core at 100k, 5-6 s at 1M, where
# one worker parses about 60,000 posts meanwhile). Their rows wait for the writer, pickled (about 370
# bytes each).
_AHEAD_MOST = 80_000


@dataclass(frozen=True)
class ScanDiff:
    """What a walk of the library found against what the index holds."""

    added: int  # posts new to the index
    changed: list[str]
    removed: list[str]
    # The added and changed files, by path: the order the writer's B-trees fill fastest (a shuffled
    # 300k took it 2.3-3.3 s of CPU per 100k rows, sorted 1.4). The metadata phase empties it.
    todo: Found
    total: int  # post files in the library
    label_pages: list[str]
    skipped: list[Problem]  # entries the scan did not read, and why
    folders: list[str]
    # Chunks of `todo` already handed to the workers during the walk (metadata_results takes them in place).
    ahead: list[tuple[Future, list[str]]] = field(default_factory=list)


def scan_diff(
    site: Site,
    known: dict[str, tuple[int, int, int]],
    cancelled: Callable[[], bool] | None = None,
    workers: Workers | None = None,
    ahead_from: int | None = None,
) -> ScanDiff:
    """Walk the library once and compare each post's mtime and size with `known` (Store.file_states).
    `workers` are started as soon as the walk has met enough new or changed posts to use them:
    their start (0.4 s) then overlaps the rest of the walk. Only the new and changed posts are kept
    (ChangeWatch): at 1M posts the walk's list of every post, its folder's listing and the stats by
    path took 1.1 GB. From `ahead_from` new or changed posts on (None: never), the posts met are
    handed to the workers' metadata phase a chunk at a time as the walk goes on (_Ahead)."""
    watch = ChangeWatch(known, _WARM_SAMPLE, lambda: None)
    ahead = _Ahead(site, workers, watch, ahead_from)
    watch.then = ahead.grown
    scanned = scan(site, cancelled, watch=watch)
    ahead.finish()
    return ScanDiff(
        ahead=ahead.sent,
        added=len(watch.found) - len(watch.changed),
        changed=watch.changed,
        removed=_removed(watch, scanned, len(known)),
        todo=watch.found.by_path(),
        total=watch.total,
        label_pages=scanned.label_pages,
        skipped=scanned.skipped,
        folders=scanned.folders,
    )


class _Ahead:
    """ChangeWatch's `then` for scan_diff: the workers started once the walk will find enough posts to use them
    (_will_use_pool), and, from `start` posts met on, the next chunk of them handed to the metadata phase whenever
    the one handed out before is done (at most _AHEAD_MOST posts): one worker parses while the walk keeps the other
    core (two would take a third of it: the walk is what the phase waits for)."""

    def __init__(self, site: Site, workers: Workers | None, watch: ChangeWatch, start: int | None) -> None:
        self.site, self.workers, self.watch, self.start = site, workers, watch, start
        self.found = watch.found
        self.expected = len(watch.known)  # the posts the walk will meet, as far as the index knows
        self.sent: list[tuple[Future, list[str]]] = []
        self.count = 0  # posts handed out

    def grown(self) -> int | None:
        """Called with `found` grown to the count it returned last: the next count to be called at, or None."""
        if self.workers is None:
            return None
        if not self._will_use_pool():
            return len(self.found) + _WARM_SAMPLE
        self.workers.warm(self.site)
        if self.start is None or self.count >= _AHEAD_MOST:
            return None
        if len(self.found) >= max(self.start, self.count + _METADATA_CHUNK) and (
            not self.sent or self.sent[-1][0].done()
        ):
            self._send(self.found.paths[self.count : self.count + _METADATA_CHUNK])
        return max(self.start, self.count + _METADATA_CHUNK, len(self.found) + 1 + _METADATA_CHUNK // 4)

    def _will_use_pool(self) -> bool:
        """Whether the new and changed posts will be _POOL_THRESHOLD or more: they are, or their share of the posts
        met so far says so of the posts the index knows (a new library's walk waits for the count)."""
        found = len(self.found)
        return found >= _POOL_THRESHOLD or found * self.expected >= _POOL_THRESHOLD * self.watch.total

    def finish(self) -> None:
        """At the walk's end, _IN_FLIGHT more chunks for both workers: they parse while this process sorts
        the posts by path and lists the rest (1.5 s at 1M), before the phase hands out its own chunks."""
        if self.workers is None or self.start is None or len(self.found) < self.start:
            return
        for _ in range(_IN_FLIGHT):
            chunk = self.found.paths[self.count : min(self.count + _METADATA_CHUNK, _AHEAD_MOST)]
            if len(chunk) < _METADATA_CHUNK:  # the rest of a small walk goes to the phase
                return
            self._send(chunk)

    def _send(self, chunk: list[str]) -> None:
        """One chunk of the posts met to a worker's metadata phase."""
        assert self.workers is not None
        self.sent.append((self.workers.pool().submit(_in_a_row, _metadata_pickled, self.site, chunk), chunk))
        self.count += len(chunk)


def metadata_results(
    kind: str,
    site: Site,
    paths: Sequence[str],
    ahead: list[tuple[Future, list[str]]],
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    workers: Workers | None = None,
) -> Iterator[tuple[Sequence[int], list]]:
    """run_phase's chunks of `kind` for `paths` (sorted: the order the writer's B-trees fill fastest), each
    with the positions in `paths` of its posts. The chunks of `ahead` (ScanDiff.ahead), parsed during the
    walk and kept as the workers' pickled bytes (_metadata_pickled), come one after each chunk of the
    others, each loaded as it is written. As rows waiting in their places by path (the walk's order
    spreads them over `paths`) they held 60-70 MB of the writer's heap at 1M into the text phase (653 MB
    against 588 with no hand-out). `ahead` is emptied."""
    if not ahead:
        done = 0
        for chunk in run_phase(kind, site, paths, progress, cancelled, workers):
            yield range(done, done + len(chunk)), chunk
            done += len(chunk)
        return
    assert kind == "metadata", "the walk hands out the metadata phase alone (ScanDiff.ahead)"
    try:
        held = {path for _, chunk in ahead for path in chunk}
        place = {path: at for at, path in enumerate(paths) if path in held}
        rest = array("q", (at for at, path in enumerate(paths) if path not in held))
        del held
        parsed = run_phase(kind, site, [paths[at] for at in rest], lambda _: None, cancelled, workers)
        done = taken = 0
        while True:
            chunk = next(parsed, [])  # run_phase yields no empty chunk
            if chunk:
                yield rest[taken : taken + len(chunk)], chunk
                taken += len(chunk)
            elif not ahead:
                return
            if ahead:
                if cancelled():
                    raise Cancelled("refresh cancelled")
                future, names = ahead.pop(0)
                rows = pickle.loads(future.result())
                del future  # and with it the bytes
                order = sorted(range(len(names)), key=names.__getitem__)  # by path, for the B-trees
                yield [place[names[n]] for n in order], [rows[n] for n in order]
                done += len(names)
            done += len(chunk)
            progress(done)
    finally:
        ahead.clear()


def _removed(watch: ChangeWatch, scanned: scanner.ScanResult, known: int) -> list[str]:
    """The known posts gone from the library. None when the walk met no post at all in a library whose
    index holds some (a drive not mounted leaves an empty folder): said among the problems instead."""
    if watch.total or not known or scanned.unread:
        return watch.removed(scanned.unread)
    scanned.skipped.append(
        Problem(
            ".", f"no post found (a drive not mounted?): the index keeps its {known} posts until a refresh finds some"
        )
    )
    return []


def first_rows(site: Site, limit: int, cancelled: Callable[[], bool]) -> tuple[list[tuple], list]:
    """The first `limit` posts a walk meets (scanner.scan's limit: the newest names first), parsed
    here: (row, mtime_ns, size) rows for Store.write_rows, without title sort keys (the first
    Chinese title would load the readings), and the back-links their bodies hold.
    Nothing if the library holds fewer posts."""
    files = scanner.scan(site, cancelled, limit).posts
    if len(files) < limit:
        return [], []  # a small library: its whole scan is quick, nothing to show earlier
    parsed = _metadata_chunk(site, list(files), keyed=False)
    rows = [(row, files[row[PATH]].mtime_ns, files[row[PATH]].size) for row, *_ in parsed]
    return rows, [link for _, found, *_ in parsed for link in found]


def _metadata_chunk(site: Site, paths: Sequence[str], with_text: bool = False, keyed: bool = True) -> list[tuple]:
    """(row, back-links, prepared text or None, (mtime_ns, size)) of each post: its `posts` values
    (store_rows.meta_row, made here so that the writer only inserts them), the category and tag names its links
    give (links.back_link), `with_text` its text prepared for the index (store_text.prepare_text, with the id 0
    until the writer gives it one: a file whose two phases are both pending is read once), and its stat as read
    (pipeline.head_stat: the walk did not stat a new post)."""
    with collector_paused():
        stats: list[tuple[int, int]] = []
        posts = [post for run in _read_runs(site, paths, stats) for post in index_posts(site, run, with_text)]
        return [
            (meta_row(post.meta, keyed), post.back_links, _prepared(0, post.text) if post.text else None, read)
            for post, read in zip(posts, stats, strict=True)
        ]


def _metadata_pickled(site: Site, paths: Sequence[str]) -> bytes:
    """_metadata_chunk's rows pickled here: the walk's handed-out chunks wait for the writer as these bytes
    (367 KB for 1,000 news posts, against 726 KB as rows in the writer's heap; metadata_results)."""
    return pickle.dumps(_metadata_chunk(site, paths), pickle.HIGHEST_PROTOCOL)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a chunk of the metadata phase, and in the writer's process for the
    whole phase: its objects (a PostMeta, a row, tuples) form no cycles and die by their counts, but their
    numbers set off a collection every 700 allocations: 3-5 us of a post's 60-65 in a worker; in the writer,
    whose full collections go through what the phase holds (chunks in flight, the paths), 0.25-0.57 s of
    its 3.7-4.4 at 100k (0.01-0.03 s with it off, the walk's and the index's included). A cycle made
    meanwhile (a caught exception's traceback; in a window's process, by any thread) waits for the end."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_runs(
    site: Site, paths: Sequence[str], stats: list[tuple[int, int]]
) -> Iterator[list[tuple[str, bytes | OSError]]]:
    """(path, head()) of each post, in runs of files read before any of them is parsed (at most
    _READ_AHEAD bytes held): the reads' system calls and the parsers no longer take turns in the
    CPU's caches (5 us a post less), and a run is parsed step by step (parse.parse_posts). Each post's
    (mtime_ns, size) is added to `stats`: its fstat at the open (pipeline.head_stat), or its lstat (_lstat)."""
    run: list[tuple[str, bytes | OSError]] = []
    held = 0
    for rel in paths:
        read = head_stat(site, rel)
        if isinstance(read, OSError):
            data: bytes | OSError = read
            stats.append(_lstat(site, rel))
        else:
            data, mtime_ns, size = read
            stats.append((mtime_ns, size))
        run.append((rel, data))
        held += len(data) if isinstance(data, bytes) else 0
        if held >= _READ_AHEAD:
            yield run
            run, held = [], 0
    if run:
        yield run


def _lstat(site: Site, rel: str) -> tuple[int, int]:
    """(mtime_ns, size) of a post that could not be read (a read one has its fstat at the open, what the walk's
    stat of a regular file gives too: pipeline.head_stat); (0, 0) if it is gone since the walk (its row then says
    why, as a post gone between the walk's stat and its read did: the next refresh removes it)."""
    try:
        st = os.lstat(os.path.join(site.library_root, rel))
    except OSError:
        return 0, 0
    return st.st_mtime_ns, st.st_size


def _text_chunk(site: Site, items: Sequence[tuple[int, str, str]]) -> list[tuple]:
    """Each post (id, path, title: store_text.PendingText) brought to text and prepared for the index,
    in a worker; its title is the index's (pipeline.titled_text). A worker's first text chunk gives
    its C heap's free pages back first (heap.trim): glibc kept what the metadata phase's chunks freed,
    14-56 MB a worker after 60,000 posts (48 MB once trimmed), into the text phase's peak. Once: a trim
    after every chunk cost the next chunk 10% more CPU in page faults."""
    global _trimmed
    if not _trimmed:
        _trimmed = True
        heap.trim()
    return [_prepared(post_id, titled_text(site, rel, title)) for post_id, rel, title in items]


_trimmed = False  # this process's C heap was trimmed before its first text chunk


def _in_a_row(func: Callable[[Site, Sequence], _T], site: Site, chunk: Sequence) -> _T:
    """A chunk in a worker process, its files' budgets under one timer (budget.files_in_a_row: 6-7 us
    a post less to parse, 5-25 to bring to text). Only there: the timer then fires every 0.25 s of
    CPU, and a worker runs no thread of its own that a signal could interrupt in a system call."""
    with files_in_a_row(), folders_held():
        return func(site, chunk)


def _prepared(post_id: int, text: PostText) -> tuple:
    from .store_text import prepare_text  # the tokenisers are loaded with the first text

    return prepare_text(post_id, text.title, text.text, text.problem)


class Workers:
    """The worker processes of one refresh, started on first need and shared by its two
    phases: each start costs about 0.4 s (a spawned interpreter importing the renderers),
    which was a sixth of re-opening a 100k library after 1% of it changed."""

    def __init__(self, text: bool = True, cache: Path | None = None) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._warmed = False
        # Whether warm() takes the text path too: only where this refresh brings posts to text.
        self._text = text
        # Where the workers (and this process) keep index_forms' tables (forms_cache): None, made by each.
        self._cache = cache
        if cache is not None:
            forms_cache.use_folder(cache)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn" is safe in a process that runs threads; a forked child could inherit held locks.
            self._pool = ProcessPoolExecutor(
                max_workers=os.cpu_count(),
                mp_context=get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self._cache),
            )
        return self._pool

    @property
    def warmed(self) -> bool:
        """Whether the workers were started (warm): a phase of fewer than _POOL_THRESHOLD posts then uses them too."""
        return self._warmed

    def warm(self, site: Site, text: bool | None = None) -> None:
        """Start every worker now, each importing the parsers and loading the pinyin readings (and the
        text path, if `text`, by default if this refresh's text is indexed), while the caller goes on
        (scanning). Once."""
        if self._warmed:
            return
        self._warmed = True
        pool = self.pool()
        for _ in range(os.cpu_count() or 1):
            pool.submit(_warm_up, site, self._text if text is None else text)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            # Not waiting for the workers to exit (0.10-0.25 s at the end of a re-open): the pool's
            # own thread joins them, and the interpreter's exit waits for that thread.
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _start_worker(parent: int, cache: Path | None) -> None:
    """A worker's first call: it ends with the process that started it, and keeps the tables in `cache`."""
    die_with_parent(parent)
    forms_cache.use_folder(cache)


def _warm_up(site: Site, text: bool = True) -> None:
    """A worker's start: the parsers imported, the pinyin readings loaded (title_key, 25 ms), and
    (`text`) a made-up post taken to prepared text, so that the first chunk does not pay for the text
    path's imports and first use (markdown-it, lxml, cjk) after the walk. Not for a refresh without
    text: that is 0.07-0.18 s of CPU a worker, which its metadata phase then waits for on two cores."""
    collate.title_key("中")
    post = parse_post(site, "_posts/warm-up.md", "---\ntitle: 中文\n---\n# 中文\n\n*text* [a](b.md)\n".encode())
    if text:
        _prepared(0, post_text(site, post))


def run_phase(
    kind: str,
    site: Site,
    items: Sequence,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    workers: Workers | None = None,
) -> Iterator[list]:
    """Yield the results of `kind` ("metadata", "metadata+text": both phases from one read of each
    file, or "text") chunk by chunk, in order.

    Uses every core (through `workers`, or processes of its own) when there is enough work.
    `progress(done)` follows each chunk; `cancelled()` is checked between chunks and stops the
    phase with Cancelled.
    """
    func: Callable[[Site, Sequence], list] = (
        _text_chunk if kind == "text" else partial(_metadata_chunk, with_text=kind == "metadata+text")
    )
    # Each chunk is taken when it is handed out (store_text.PendingText reads then).
    batches = chunks(items, _METADATA_CHUNK if kind == "metadata" else _CHUNK)
    done = 0
    if (len(items) < _POOL_THRESHOLD and not (workers is not None and workers.warmed)) or (os.cpu_count() or 1) < 2:
        for chunk in batches:
            if cancelled():
                raise Cancelled("refresh cancelled")
            result = func(site, chunk)
            done += len(chunk)
            progress(done)
            yield result
        return
    with Workers() if workers is None else nullcontext(workers) as own:
        ahead = iter(batches)
        pending = deque((own.pool().submit(_in_a_row, func, site, chunk), chunk) for chunk in islice(ahead, _IN_FLIGHT))
        try:
            while pending:
                if cancelled():
                    raise Cancelled("refresh cancelled")
                future, chunk = pending.popleft()
                result = future.result()
                following = next(ahead, None)
                if following is not None:
                    pending.append((own.pool().submit(_in_a_row, func, site, following), following))
                done += len(chunk)
                progress(done)
                yield result
        finally:
            for future, _ in pending:
                future.cancel()
