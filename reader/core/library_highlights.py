"""The facade's highlights and notes (a part Library inherits): kept in the reading state, by post path."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .highlights import Anchor, Highlight

if TYPE_CHECKING:
    from .library import Library
    from .state import StateStore
    from .store import Store
    from .types import PostMeta, Site


class LibraryHighlights:
    """Library's highlight methods; `state`, `site` and `_store()` are Library's."""

    state: StateStore
    site: Site

    def _store(self) -> Store:
        raise NotImplementedError  # Library's

    def post_meta(self, post_id: int) -> PostMeta | None:
        """A post's metadata as the index has it (no file is read), or None; for a highlight's article."""
        return self._store().get_meta(post_id)

    def highlights(self, post_id: int | None = None) -> list[Highlight]:
        """The highlights of one post (by id) or of the whole library, newest first."""
        if post_id is None:
            return self.state.highlights()
        meta = self._store().get_meta(post_id)
        return self.state.highlights(meta.path) if meta is not None else []

    def add_highlight(self, post_id: int, anchor: Anchor, note: str = "") -> Highlight:
        """Keep a highlight of the post (its title recorded, for when the post is gone); KeyError if no such post."""
        meta = self._store().get_meta(post_id)
        if meta is None:
            raise KeyError(post_id)
        return self.state.add_highlight(meta.path, anchor, note, meta.title)

    def set_highlight_note(self, highlight_id: str, note: str) -> bool:
        return self.state.set_note(highlight_id, note)

    def delete_highlight(self, highlight_id: str) -> None:
        self.state.delete_highlight(highlight_id)

    def set_highlights_detached(self, detached: Mapping[str, bool]) -> None:
        """Which highlights of a post just shown were not found in it (True) or were (False)."""
        self.state.set_detached(dict(detached))

    def highlights_markdown(self, path: str | None = None, **words: str) -> str:
        """Every highlight (or those of the post at `path`) as Markdown, by article, newest first; `heading`
        and `detached` are the words the document uses (the GUI's, in the interface language)."""
        from .highlights_export import markdown  # here: it imports export, which reads posts

        return markdown(self, path, **words)  # type: ignore[arg-type]  # self is a Library

    def export_highlights(self, target: str | Path, path: str | None = None, **words: str) -> int:
        """Write highlights_markdown() to `target` atomically; how many highlights it holds (raises ReaderError)."""
        from .highlights_export import write_markdown

        return write_markdown(self, target, path, **words)  # type: ignore[arg-type]

    @staticmethod
    def export_libraries_highlights(libraries: Sequence[Library], target: str | Path, **words: str) -> int:
        """Every highlight of these libraries to `target` as Markdown, a section per library (by name) then per
        article; how many it holds (raises ReaderError)."""
        from .highlights_export import write_libraries_markdown

        return write_libraries_markdown(libraries, target, **words)
