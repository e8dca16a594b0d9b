"""Highlights taken out as Markdown: one section per article (title, date, link), each quote and its note."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ReaderError
from .export import markdown_link, post_link
from .highlights import Highlight

if TYPE_CHECKING:
    from .library import Library  # whose highlights_markdown and export_highlights call here

DETACHED = "detached: this quote is no longer found in the article"


@dataclass(frozen=True)
class Article:
    """What the export says of the article a group of highlights belongs to."""

    title: str
    date: str | None
    link: str


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def to_markdown(
    groups: Sequence[tuple[Article, Sequence[Highlight]]], heading: str = "Highlights", detached: str = DETACHED
) -> str:
    """A section per article (its title, then its date and link), each quote as a blockquote followed by its
    note; detached quotes say so. The GUI passes the words in the interface language."""
    return "\n".join([f"# {heading}", "", *_articles(groups, "##", detached)]).rstrip() + "\n"


def _articles(groups: Sequence[tuple[Article, Sequence[Highlight]]], level: str, detached: str) -> list[str]:
    """The lines of one section per article, under headings of `level` ("##")."""
    lines: list[str] = []
    for article, highlights in groups:
        title = " ".join(article.title.split()) or article.link
        lines += [
            f"{level} {title}",
            "",
            " · ".join(filter(None, (article.date, markdown_link(title, article.link)))),
            "",
        ]
        for highlight in highlights:
            lines += [_quote(highlight.anchor.exact), ""]
            if highlight.detached:
                lines += [f"*({detached})*", ""]
            if highlight.note.strip():
                lines += [highlight.note.strip(), ""]
    return lines


def _article(library: Library, path: str, found: Sequence[Highlight]) -> tuple[str, Article]:
    """(date to sort by, Article) of the post at `path`; a post gone from the index keeps its recorded title."""
    post_id = library.post_id(path)
    meta = library.post_meta(post_id) if post_id is not None else None
    if meta is None:
        return "", Article(found[0].title or path, None, (Path(library.site.library_root) / path).as_uri())
    return meta.date or "", Article(
        meta.title or found[0].title or path, (meta.date or "")[:10] or None, post_link(library.site, meta)
    )


def _groups(library: Library, path: str | None = None) -> list[tuple[Article, list[Highlight]]]:
    """The library's highlights (or those of the post at `path`) by article, the newest article first and its
    quotes in reading order."""
    groups: dict[str, list[Highlight]] = {}
    for highlight in library.state.highlights(path):
        groups.setdefault(highlight.path, []).append(highlight)
    articles = [(*_article(library, post_path, found), post_path) for post_path, found in groups.items()]
    articles.sort(key=lambda item: item[0], reverse=True)
    return [(article, sorted(groups[post_path], key=lambda h: h.anchor.position)) for _, article, post_path in articles]


def markdown(library: Library, path: str | None = None, heading: str = "Highlights", detached: str = DETACHED) -> str:
    """Every highlight of the library (or those of the post at `path`), by article."""
    return to_markdown(_groups(library, path), heading, detached)


def libraries_markdown(libraries: Sequence[Library], heading: str = "Highlights", detached: str = DETACHED) -> str:
    """Every highlight of several libraries: a section per library that has some (by name, its folder below: two
    libraries may have one name), then by article."""
    lines = [f"# {heading}", ""]
    for library in sorted(libraries, key=lambda lib: (lib.name.casefold(), str(lib.root))):
        groups = _groups(library)
        if groups:
            folder = markdown_link(str(library.root), library.root.as_uri())
            lines += [f"## {' '.join(library.name.split())}", "", folder, "", *_articles(groups, "###", detached)]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(library: Library, target: str | Path, path: str | None = None, **words: str) -> int:
    """Write markdown() to `target` atomically; returns how many highlights it holds (raises ReaderError)."""
    write_text(target, markdown(library, path, **words))
    return len(library.state.highlights(path))


def write_libraries_markdown(libraries: Sequence[Library], target: str | Path, **words: str) -> int:
    """Write libraries_markdown() to `target` atomically; how many highlights it holds (raises ReaderError)."""
    write_text(target, libraries_markdown(libraries, **words))
    return sum(len(library.state.highlights()) for library in libraries)


def write_text(target: str | Path, text: str) -> None:
    """Write `text` to `target` atomically (a temporary file renamed); raises ReaderError."""
    target = Path(target)
    temp = target.with_name(target.name + ".tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReaderError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
