"""Several open libraries as one: their posts in one list, their search hits in one ranked list.

Search hits are merged by reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a hit's
merged score is 1 / (RRF_K + its place in its own library's list). Raw scores are not comparable
across indexes, and normalising them per library would not make them so: each index's bm25 uses
its own document frequencies and lengths, the recency boost is relative to each library's newest
post, past search.CANDIDATES matches the tail follows date rather than score, and title-only hits
(text not indexed yet) score 0.0; the full-text engine may also change (and its score scale with
it). Fusing by place needs none of that, and it keeps each library's own order: the merged list
restricted to one library is exactly that library's search. Equal places go in the order the
libraries were opened. Title-only hits of every library follow all ranked ones, as in one library.

A search saved under All libraries spans them all: SpanningSearches keeps such searches in the
reading state beside each library's own, under a key no library has.

Only Library's public list and search methods are used. A library whose index fails (corrupt,
unreadable) is left out and named in `failed`; the others still answer. A query that cannot be
understood raises QueryError, as for one library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ..paths import AppPaths
from .errors import QueryError, ReaderError
from .library import Library
from .state import StateStore
from .types import PostFilter, PostSummary, SearchHit, Snippet

SPANNING_KEY = "*"  # the reading state's key of the saved searches of all libraries (a library's is hexadecimal)
RRF_K = 60  # the constant of the original paper; with disjoint lists only the places' order matters


class PostRef(NamedTuple):
    """One post of one library: the library's root and the post's id in that library's index."""

    root: Path
    id: int


@dataclass(frozen=True)
class LibraryHit:
    """A search hit of one library in a merged search, with its fused score (higher is better)."""

    root: Path
    hit: SearchHit
    score: float

    @property
    def ref(self) -> PostRef:
        return PostRef(self.root, self.hit.post.id)


@dataclass(frozen=True)
class MergedResults:
    """The merged hits, best first; per library (root -> (indexed, total)) how much text was searched;
    the libraries that could not answer (root -> why)."""

    hits: tuple[LibraryHit, ...] = ()
    coverage: dict[Path, tuple[int, int]] = field(default_factory=dict)
    failed: dict[Path, str] = field(default_factory=dict)

    @property
    def indexed(self) -> int:
        return sum(done for done, _ in self.coverage.values())

    @property
    def total(self) -> int:
        return sum(total for _, total in self.coverage.values())

    @property
    def complete(self) -> bool:
        return self.indexed >= self.total


@dataclass(frozen=True)
class MergedList:
    """The posts of several libraries in one order, and the libraries that could not list (root -> why)."""

    refs: tuple[PostRef, ...] = ()
    failed: dict[Path, str] = field(default_factory=dict)


def _failure(error: Exception) -> str:
    return str(error) or type(error).__name__


def fuse(results: Iterable[tuple[Path, Sequence[SearchHit]]]) -> list[LibraryHit]:
    """Each library's hits (its own order) as one list by reciprocal rank fusion: ranked hits first,
    then title-only ones, each block by place in its library, then by the libraries' order."""
    keyed = []
    for order, (root, hits) in enumerate(results):
        for place, hit in enumerate(hits):
            keyed.append(((hit.title_only, place, order), LibraryHit(root, hit, 1.0 / (RRF_K + place + 1))))
    keyed.sort(key=lambda pair: pair[0])
    return [hit for _, hit in keyed]


def merge_search(
    libraries: Sequence[Library],
    query: str,
    *,
    filter: PostFilter | None = None,
    limit: int = 200,
    offset: int = 0,
    snippets: int = 0,
    make_snippets: Callable[[Library, str, Sequence[int]], dict[int, Snippet]] | None = None,
) -> MergedResults:
    """Search every library and merge the hits (see the module's docstring). The first `snippets`
    merged hits come with their snippet, made by `make_snippets` (else Library.snippets). Raises
    QueryError when the query cannot be understood."""
    answered: list[tuple[Path, Sequence[SearchHit]]] = []
    coverage: dict[Path, tuple[int, int]] = {}
    failed: dict[Path, str] = {}
    for library in libraries:
        try:  # a library's first offset+limit hits hold every one of its hits in the merged page
            found = library.search(query, filter=filter, limit=offset + limit)
        except QueryError:
            raise
        except (ReaderError, OSError) as error:
            failed[library.root] = _failure(error)
            continue
        answered.append((library.root, found.hits))
        coverage[library.root] = (found.indexed, found.total)
    page = fuse(answered)[offset : offset + limit]
    if snippets:
        page = _with_snippets(libraries, query, page, snippets, failed, make_snippets or Library.snippets)
    return MergedResults(tuple(page), coverage, failed)


def _with_snippets(
    libraries: Sequence[Library],
    query: str,
    hits: list[LibraryHit],
    count: int,
    failed: dict[Path, str],
    make: Callable[[Library, str, Sequence[int]], dict[int, Snippet]],
) -> list[LibraryHit]:
    """`hits` with the snippets of the first `count` made (each library reads its own files)."""
    wanted: dict[Path, list[int]] = {}
    for item in hits[:count]:
        wanted.setdefault(item.root, []).append(item.hit.post.id)
    made: dict[PostRef, Snippet] = {}
    for library in libraries:
        if library.root in wanted:
            try:
                snippets = make(library, query, wanted[library.root])
            except (ReaderError, OSError) as error:
                failed[library.root] = _failure(error)
                continue
            made.update((PostRef(library.root, i), s) for i, s in snippets.items())
    return [replace(item, hit=replace(item.hit, snippet=made[item.ref])) if item.ref in made else item for item in hits]


def merge_lists(
    libraries: Sequence[Library], filter: PostFilter | None = None, sort: str = "date", descending: bool = True
) -> MergedList:
    """Every library's matching posts in one list, ordered as Library.list_ids orders one library:
    by the sort's value (ties in the libraries' order, each library's own order kept), posts with
    no value last, newest first. For "category", equal categories go newest first across libraries."""
    entries: list[tuple[PostRef, tuple]] = []
    failed: dict[Path, str] = {}
    for library in libraries:
        try:
            ids = library.list_ids(filter, sort, descending)
            if len(libraries) == 1:  # its own order is the answer: no values to fetch and sort (40 ms at 10k)
                return MergedList(tuple(PostRef(library.root, i) for i in ids), failed)
            values = library.sort_values(ids, sort)
        except (ReaderError, OSError) as error:
            failed[library.root] = _failure(error)
            continue
        entries += [(PostRef(library.root, i), values[i]) for i in ids if i in values]
    valued = [entry for entry in entries if entry[1][0] is not None]
    if sort == "category":  # list_ids' tie-break: newest first
        valued.sort(key=lambda entry: _date_key(entry[1][1]), reverse=True)
    valued.sort(key=lambda entry: entry[1][0], reverse=descending)  # stable: each library's order kept
    rest = sorted(
        (entry for entry in entries if entry[1][0] is None), key=lambda entry: _date_key(entry[1][1]), reverse=True
    )
    return MergedList(tuple(ref for ref, _ in valued + rest), failed)


def _date_key(sort_key: float | None) -> tuple[bool, float]:
    """A date's sort key with no date below every date (SQLite's NULL in ORDER BY ... DESC)."""
    return (sort_key is not None, sort_key or 0.0)


class Libraries:
    """An ordered set of open libraries, by root: the ones a window shows or a command names."""

    def __init__(self, libraries: Iterable[Library] = ()) -> None:
        self._open: dict[Path, Library] = {}
        for library in libraries:
            self.add(library)

    def add(self, library: Library) -> bool:
        """Add an open library; False (and nothing changes) if one with its root is here already."""
        if library.root in self._open:
            return False
        self._open[library.root] = library
        return True

    def remove(self, root: Path) -> Library | None:
        """Take the library of `root` out of the set (not closed: that is its owner's call)."""
        return self._open.pop(Path(root), None)

    def get(self, root: Path) -> Library | None:
        return self._open.get(Path(root))

    def __iter__(self) -> Iterator[Library]:
        return iter(list(self._open.values()))

    def __len__(self) -> int:
        return len(self._open)

    def __contains__(self, root: object) -> bool:
        return root in self._open

    @property
    def roots(self) -> list[Path]:
        return list(self._open)

    def count(self, filter: PostFilter | None = None) -> int:
        """Posts matching `filter` in all libraries that can answer."""
        total = 0
        for library in self:
            try:
                total += library.count(filter)
            except (ReaderError, OSError):
                continue  # listed in merge_lists' and search's `failed`
        return total

    def list_refs(self, filter: PostFilter | None = None, sort: str = "date", descending: bool = True) -> MergedList:
        return merge_lists(list(self), filter, sort, descending)

    def search(
        self, query: str, *, filter: PostFilter | None = None, limit: int = 200, offset: int = 0, snippets: int = 0
    ) -> MergedResults:
        return merge_search(list(self), query, filter=filter, limit=limit, offset=offset, snippets=snippets)

    def summaries(self, refs: Sequence[PostRef]) -> list[tuple[Path, PostSummary]]:
        """(root, row) for these posts in the same order; posts gone or of a library not here are left out."""
        wanted: dict[Path, list[int]] = {}
        for ref in refs:
            wanted.setdefault(ref.root, []).append(ref.id)
        rows: dict[PostRef, PostSummary] = {}
        for root, ids in wanted.items():
            library = self._open.get(root)
            if library is None:
                continue
            try:
                rows.update((PostRef(root, row.id), row) for row in library.summaries(ids))
            except (ReaderError, OSError):
                continue
        return [(ref.root, rows[ref]) for ref in refs if ref in rows]

    def close(self) -> None:
        """Close every library and empty the set."""
        for library in self:
            library.close()
        self._open.clear()


class SpanningSearches(StateStore):
    """The saved searches that span all open libraries: kept in the reading state beside each library's
    own, under SPANNING_KEY, so they survive a restart and travel with an export."""

    def __init__(self, data_dir=None):
        super().__init__(AppPaths.for_user(data_dir).state_file, SPANNING_KEY)
