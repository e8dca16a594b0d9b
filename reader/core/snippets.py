"""Snippets: about 120 characters of a post's plain text around the first hit, with the spans of the hits."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from . import cjk, zh_fold
from .query import Text, parse, wanted_texts
from .types import Site, Snippet

_SPACE = re.compile(r"\s+")
_LATIN_EDGE = f"[^\\W_{cjk._CJK_CLASS}]"


def _pattern(text: Text) -> str:
    parts = [zh_fold.any_form(s.text) for s in text.segments]  # the words as written, in any form
    body = r"[\W_]*".join(parts)
    if not text.segments[0].cjk:
        body = f"(?<!{_LATIN_EDGE})" + body
    last = text.segments[-1]
    if text.prefix:
        body += f"{_LATIN_EDGE}*"
    elif not last.cjk:
        body += f"(?!{_LATIN_EDGE})"
    return body


def highlighter(texts: list[Text]) -> re.Pattern[str] | None:
    """One regex finding any of the searched words in plain text, case-insensitively."""
    if not texts:
        return None
    patterns = sorted({_pattern(t) for t in texts}, key=len, reverse=True)
    return re.compile("|".join(patterns), re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str] | None, width: int = 120) -> Snippet:
    """About `width` characters around the first hit, whitespace collapsed, with the hits' spans."""
    found = pattern.search(text) if pattern else None
    first = found.start() if found else 0
    # Whitespace is collapsed in a slice around the hit only: texts can be 300 KB.
    lo = max(0, first - 2 * width)
    hi = first + 3 * width
    lead = _SPACE.sub(" ", text[lo:first]).lstrip() if lo == 0 else _SPACE.sub(" ", text[lo:first])
    window = lead + _SPACE.sub(" ", text[first:hi])
    first = len(lead)
    start = max(0, first - width // 4)
    end = min(len(window), start + width)
    start = max(0, min(start, end - width))
    hits = []
    for hit in pattern.finditer(window, start) if pattern and found else ():
        if hit.start() >= end:
            break
        if hit.end() > hit.start():
            hits.append((hit.start(), hit.end()))
    end = max([end, *(e for _, e in hits)])
    body = window[start:end].rstrip() if end >= len(window) else window[start:end]
    lead_mark = "…" if start or lo else ""
    shift = len(lead_mark) - start
    tail = "…" if end < len(window) or hi < len(text) else ""
    return Snippet(lead_mark + body + tail, tuple((a + shift, b + shift) for a, b in hits))


def post_snippets(site: Site, query: str, posts: Sequence[tuple[int, str]]) -> dict[int, Snippet]:
    """id -> the snippet of each post (id, path) for `query`, read from its file and brought to text
    (0.6 ms a post): the index keeps no copy of the text."""
    from .pipeline import text_of

    pattern = highlighter(wanted_texts(parse(query)))
    return {post_id: snippet(text_of(site, path).text, pattern) for post_id, path in posts}


# A Markdown post taken through the readers by snippet_maker: their imports and first uses.
_WARM_UP = "---\ntitle: 中文\n---\n# 中文\n\n*text* [a](b.md)\n".encode()


def snippet_maker(roots: Sequence[str]) -> Callable[[str, str, Sequence[tuple[int, str]]], dict[int, Snippet]]:
    """Made ahead of a search (jianbao-cli's snippet helper): the sites of the libraries at `roots` (as
    typed) read and the post readers imported and used once; then (library root, query, posts) ->
    post_snippets. A root that cannot be read is skipped here: the search says what is wrong with it."""
    from .parse import parse_post
    from .pipeline import post_text
    from .site import detect_site

    sites = {}
    for root in roots:
        try:
            resolved = Path(root).expanduser().resolve()  # as Library.root is, which the requests give
            sites[str(resolved)] = detect_site(resolved)
        except (OSError, ValueError):
            continue
    if sites:
        site = next(iter(sites.values()))
        post_text(site, parse_post(site, "_posts/warm-up.md", _WARM_UP))

    def make(root: str, query: str, posts: Sequence[tuple[int, str]]) -> dict[int, Snippet]:
        return post_snippets(sites.get(root) or detect_site(Path(root)), query, posts)

    return make
