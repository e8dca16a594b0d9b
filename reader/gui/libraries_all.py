"""All libraries as one Library-like object, so the window's list, search and reading work on them unchanged.

A post of All libraries has one id: its library's place in the set (its slot) in the high bits, its
id in that library's index in the low 32 (`encode`). Lists and hits are merged by core.libraries
(rank fusion for search); reads, marks, highlights and links go to the post's own library, so reading
state stays keyed per library (a highlight's id names its library: `slot/id`); All libraries' own saved
searches span them all (core.libraries).
A library that cannot be opened or read is left out; the others answer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core import (
    Anchor,
    Facet,
    Highlight,
    Library,
    Post,
    PostError,
    PostFilter,
    PostRef,
    PostSummary,
    ReaderError,
    SavedSearch,
    SearchResults,
    Snippet,
    SpanningSearches,
    merge_lists,
    merge_search,
)
from .session import Session
from .tasks import PerThread

SLOT_BITS = 32
LIBRARY_SORT = "library"  # the list's Library column: All libraries sorts by it itself


def encode(slot: int, post_id: int) -> int:
    return ((slot + 1) << SLOT_BITS) | post_id


def is_encoded(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >> SLOT_BITS > 0


def decode(value: int) -> tuple[int, int]:
    """(slot, the post's id in its own library)."""
    return (value >> SLOT_BITS) - 1, value & ((1 << SLOT_BITS) - 1)


class AllLibraries:
    """The open libraries (None where one could not be opened) under one name, with Library's methods."""

    def __init__(self, roots: Sequence[Path], libraries: Sequence[Library | None], name: str, data_dir=None):
        self.roots = tuple(Path(root) for root in roots)
        self.name = name
        self._slots = {slot: library for slot, library in enumerate(libraries) if library is not None}
        self._slot_of = {library.root: slot for slot, library in self._slots.items()}
        self.root = None  # no one folder: each post's library answers for its links and images
        self.rebuilt_reason: str | None = None
        self._data_dir = data_dir  # the libraries' (None: the user's), where the reading state is
        self._searches: SpanningSearches | None = None  # the saved searches that span all libraries, opened when asked

    @property
    def libraries(self) -> list[Library]:
        return list(self._slots.values())

    def library_of(self, post_id: int) -> tuple[Library, int]:
        slot, local = decode(post_id)
        library = self._slots.get(slot)
        if library is None:
            raise PostError(f"#{post_id}", "its library is not open")
        return library, local

    def slot_name(self, post_id: int) -> str:
        """The name of the post's library, for the list's Library column."""
        library = self._slots.get(decode(post_id)[0])
        return library.name if library is not None else ""

    def site_of(self, post_id: int):
        return self.library_of(post_id)[0].site

    def _by_slot(self, ids: Iterable[int]) -> dict[int, list[int]]:
        split: dict[int, list[int]] = {}
        for post_id in ids:
            slot, local = decode(post_id)
            split.setdefault(slot, []).append(local)
        return split

    def _each(self, ask: Callable[[Library], Any]) -> list[Any]:
        """ask(library) of each library that answers (a broken index is left out)."""
        answers = []
        for library in self.libraries:
            try:
                answers.append(ask(library))
            except (ReaderError, OSError):
                continue
        return answers

    # --- lists ----------------------------------------------------------------------------
    def list_ids(self, filter: PostFilter | None = None, sort: str = "date", descending: bool = True) -> list[int]:
        if sort == LIBRARY_SORT:  # by the libraries' names, each one's posts newest first
            ids: list[int] = []
            for slot, library in sorted(
                self._slots.items(), key=lambda item: item[1].name.casefold(), reverse=descending
            ):
                try:
                    ids += [encode(slot, i) for i in library.list_ids(filter, "date", True)]
                except (ReaderError, OSError):
                    continue
            return ids
        merged = merge_lists(self.libraries, filter, sort, descending)
        return [encode(self._slot_of[ref.root], ref.id) for ref in merged.refs]

    def count(self, filter: PostFilter | None = None) -> int:
        return sum(self._each(lambda library: library.count(filter)))

    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        rows: dict[int, PostSummary] = {}
        for slot, local in self._by_slot(ids).items():
            library = self._slots.get(slot)
            try:
                found = library.summaries(local) if library is not None else []
            except (ReaderError, OSError):
                continue
            rows.update(
                (encode(slot, row.id), replace(row, id=encode(slot, row.id), path=str(library.root / row.path)))
                for row in found
            )
        return [rows[i] for i in ids if i in rows]

    def facets(self, kind: str) -> list[Facet]:
        """Each key once, its counts added up, named as the first library that names it."""
        merged: dict[str, Facet] = {}
        for facets in self._each(lambda library: library.facets(kind)):
            for facet in facets:
                known = merged.get(facet.key)
                label = known.label if known is not None and known.label != known.key else facet.label
                merged[facet.key] = replace(facet, label=label, count=facet.count + (known.count if known else 0))
        if kind in ("year", "month"):
            return sorted(merged.values(), key=lambda f: f.key, reverse=True)
        return sorted(merged.values(), key=lambda f: (-f.count, f.key))

    def labels(self, kind: str) -> dict[str, str]:
        merged: dict[str, str] = {}
        for labels in reversed(self._each(lambda library: library.labels(kind))):
            merged.update(labels)  # the first library's name wins
        return merged

    def text_progress(self) -> tuple[int, int]:
        done = self._each(lambda library: library.text_progress())
        return sum(d for d, _ in done), sum(t for _, t in done)

    # --- search ---------------------------------------------------------------------------
    def search(
        self, query: str, *, filter: PostFilter | None = None, limit: int = 200, offset: int = 0, snippets: int = 0
    ) -> SearchResults:
        """Every library's hits as one ranked list (reciprocal rank fusion, core.libraries)."""
        merged = merge_search(self.libraries, query, filter=filter, limit=limit, offset=offset, snippets=snippets)
        hits = tuple(replace(item.hit, post=self._row(item.ref, item.hit.post)) for item in merged.hits)
        return SearchResults(hits, merged.indexed, merged.total)

    def _row(self, ref: PostRef, row: PostSummary) -> PostSummary:
        return replace(row, id=encode(self._slot_of[ref.root], row.id), path=str(ref.root / row.path))

    def snippets(self, query: str, post_ids: Sequence[int]) -> dict[int, Snippet]:
        made: dict[int, Snippet] = {}
        for slot, local in self._by_slot(post_ids).items():
            library = self._slots.get(slot)
            if library is not None:
                made.update((encode(slot, i), s) for i, s in library.snippets(query, local).items())
        return made

    # --- posts, marks and links: the post's own library ------------------------------------
    def get_post(self, post_id: int, full: bool = False) -> Post:
        library, local = self.library_of(post_id)
        return replace(library.get_post(local, full=full), id=post_id)

    def post_id(self, path: str) -> int | None:
        """The id of a post by its absolute path (All libraries' rows carry them), or by a library-relative
        one (a post read says its own): the first library that has it."""
        for slot, library in self._slots.items():
            inside = Path(path).is_relative_to(library.root)
            if inside or not Path(path).is_absolute():
                found = library.post_id(Path(path).relative_to(library.root).as_posix() if inside else path)
                if found is not None or inside:
                    return None if found is None else encode(slot, found)
        return None

    def read_file(self, path: str) -> Post:
        raise PostError(path, "not a post of an open library")

    def position(self, post_id: int) -> float:
        library, local = self.library_of(post_id)
        return library.position(local)

    def set_position(self, post_id: int, position: float) -> None:
        library, local = self.library_of(post_id)
        library.set_position(local, position)

    def set_starred(self, post_id: int, starred: bool) -> None:
        library, local = self.library_of(post_id)
        library.set_starred(local, starred)

    def set_read(self, post_ids: Sequence[int], read: bool = True) -> None:
        for slot, local in self._by_slot(post_ids).items():
            if slot in self._slots:
                self._slots[slot].set_read(local, read)

    def resolve_link(self, from_post: int | None, href: str):
        library, local = self.library_of(from_post) if from_post is not None else (self.libraries[0], None)
        target = library.resolve_link(local, href)
        if target.post_id is None:
            return target
        return replace(target, post_id=encode(self._slot_of[library.root], target.post_id))

    def resolve_resource(self, from_post: int | None, src: str) -> Path | None:
        if from_post is None:
            return None
        library, local = self.library_of(from_post)
        path = library.resolve_resource(local, src)
        inside = path is not None and any(
            Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))
            for root in (library.root, library.site.root)
        )
        return path if inside else None  # the view's own check needs one root: it is made here

    # --- highlights: kept by each library; here their ids carry the library (`slot/id`), their paths are absolute ---
    def _highlight_in(self, slot: int, highlight: Highlight) -> Highlight:
        """A library's highlight as All libraries shows it: an id naming its library, the post's absolute path."""
        return replace(highlight, id=f"{slot}/{highlight.id}", path=str(self._slots[slot].root / highlight.path))

    def _highlight_library(self, highlight_id: str) -> tuple[Library, str] | None:
        """The library of a highlight id made by _highlight_in, and its id there; None for any other id."""
        slot, _, own = highlight_id.partition("/")
        library = self._slots.get(int(slot)) if slot.isdigit() and own else None
        return (library, own) if library is not None else None

    def highlight_library_name(self, highlight_id: str) -> str:
        """The name of the library a highlight id of All libraries names ("" for none), for the tree's tooltip."""
        found = self._highlight_library(highlight_id)
        return found[0].name if found is not None else ""

    def full_path(self, post_id: int, path: str) -> str:
        """The absolute path of a post of All libraries (`path` its library-relative one), as its highlights carry."""
        library = self._slots.get(decode(post_id)[0])
        return str(library.root / path) if library is not None else path

    def highlights(self, post_id: int | None = None) -> list[Highlight]:
        """The post's highlights (from its own library), or every library's, newest first."""
        if post_id is not None:
            library, local = self.library_of(post_id)
            slot = decode(post_id)[0]
            return [self._highlight_in(slot, h) for h in library.highlights(local)]
        found: list[Highlight] = []
        for slot, library in self._slots.items():
            try:
                found += [self._highlight_in(slot, h) for h in library.highlights()]
            except (ReaderError, OSError):
                continue
        return sorted(found, key=lambda h: (-h.created, h.id))

    def add_highlight(self, post_id: int, anchor: Anchor, note: str = "") -> Highlight:
        """A highlight of the post, kept by the post's own library."""
        library, local = self.library_of(post_id)
        return self._highlight_in(decode(post_id)[0], library.add_highlight(local, anchor, note))

    def set_highlight_note(self, highlight_id: str, note: str) -> bool:
        found = self._highlight_library(highlight_id)
        return found is not None and found[0].set_highlight_note(found[1], note)

    def delete_highlight(self, highlight_id: str) -> None:
        found = self._highlight_library(highlight_id)
        if found is not None:
            found[0].delete_highlight(found[1])

    def set_highlights_detached(self, detached: Mapping[str, bool]) -> None:
        """Each mark to the library its id names; an id naming none is dropped (never guessed)."""
        by_library: dict[int, tuple[Library, dict[str, bool]]] = {}
        for highlight_id, flag in detached.items():
            found = self._highlight_library(highlight_id)
            if found is not None:
                by_library.setdefault(id(found[0]), (found[0], {}))[1][found[1]] = flag
        for library, marks in by_library.values():
            library.set_highlights_detached(marks)

    def export_highlights(self, target: str | Path, path: str | None = None, **words: str) -> int:
        """File ▸ Export Highlights: every library's, by library then article (a post's go to its own library:
        highlights.py asks by its id)."""
        if path is not None:
            raise ReaderError("a post's highlights are exported by its own library")
        return Library.export_libraries_highlights(self.libraries, target, **words)

    # --- saved searches of All libraries: they span every library ------------------------------------
    def _saved(self) -> SpanningSearches:
        if self._searches is None:
            self._searches = SpanningSearches(self._data_dir)
        return self._searches

    def saved_searches(self) -> list[SavedSearch]:
        return self._saved().saved_searches()

    def save_search(self, name: str, query: str, node_ids: Sequence[str]) -> None:
        self._saved().save_search(name, query, node_ids)

    def rename_search(self, name: str, new_name: str) -> bool:
        return self._saved().rename_search(name, new_name)

    def delete_search(self, name: str) -> None:
        self._saved().delete_search(name)

    def close(self) -> None:
        if self._searches is not None:
            self._searches.close()
            self._searches = None
        for library in self.libraries:
            library.close()


def run_in_all(everything: AllLibraries, job: Callable[..., Any], *args: Any) -> Any:
    """job(library, *args) for All libraries: a Library method runs as AllLibraries' own; a job about
    one post (its id first) runs on that post's library, Posts in its answer given their All id back."""
    name = getattr(job, "__name__", "")
    if getattr(Library, name, None) is job and hasattr(AllLibraries, name):
        return getattr(everything, name)(*args)
    if args and is_encoded(args[0]):
        library, local = everything.library_of(args[0])
        answer = job(library, local, *args[1:])
        if isinstance(answer, Post):
            return replace(answer, id=args[0])
        if isinstance(answer, tuple):
            return tuple(replace(part, id=args[0]) if isinstance(part, Post) else part for part in answer)
        return answer
    return job(everything, *args)


def open_all(roots: Sequence[Path], data_dir, name: str) -> AllLibraries:
    """Open each library (one that cannot be opened is left out, its slot kept)."""
    opened: list[Library | None] = []
    for root in roots:
        try:
            opened.append(Library(root, data_dir=data_dir))
        except (ReaderError, OSError):
            opened.append(None)
    return AllLibraries(roots, opened, name, data_dir)


class AllSession(Session):
    """The session of All libraries: every job runs through run_in_all, on a worker's own AllLibraries."""

    def __init__(self, everything: AllLibraries, runner, data_dir, parent=None):
        super().__init__(everything, runner, data_dir, parent)  # type: ignore[arg-type]
        roots, name = everything.roots, everything.name
        self._workers = PerThread(lambda: open_all(roots, data_dir, name), AllLibraries.close, run_in_all)

    def run_here(self, job, *args):
        return run_in_all(self.library, job, *args)  # type: ignore[arg-type]
