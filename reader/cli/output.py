"""What the commands print: posts as table rows (CJK counted as two columns) or as JSON objects."""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core import ListRow, PostSummary, Snippet


def row(s: PostSummary | ListRow, category_names: dict[str, str]) -> dict:
    return {
        "path": s.path,
        "title": s.title,
        "date": s.date,
        "categories": list(s.categories),
        "category_names": names(s.categories, category_names),
        "tags": list(s.tags),
        "draft": s.draft,
        "error": s.error,
    }


def names(keys: tuple[str, ...], known: dict[str, str]) -> dict[str, str]:
    """{key: readable name} for each key, the key itself where the library names it no other way."""
    return {key: known.get(key, key) for key in keys}


def meta_dict(meta) -> dict:
    from dataclasses import asdict  # `show` alone: a search's helper is forked before dataclasses is imported

    d = asdict(meta)
    d.pop("sort_key", None)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def print_lines(lines: list[str]) -> None:
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps with options makes one a call


def print_json(items: list) -> None:
    """One JSON array, an item a line: json.dump with an indent runs the pure-Python encoder
    (0.12 s of CPU for 10k posts, against 0.03 s item by item in C)."""
    lines = ",\n".join(map(_JSON.encode, items))
    sys.stdout.write(f"[\n{lines}\n]\n" if items else "[]\n")


def snippet_dict(snippet: Snippet | None) -> dict:
    """JSON: the snippet as plain text, and the [start, end) character spans of its hits."""
    if snippet is None:
        return {"snippet": "", "snippet_spans": []}
    return {"snippet": snippet.text, "snippet_spans": [list(span) for span in snippet.spans]}


def snippet_line(snippet: Snippet | None) -> str:
    """Plain text; on a terminal the hits are in bold (unless NO_COLOR is set)."""
    if snippet is None:
        return ""
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return snippet.text
    out, pos = [], 0
    for start, end in snippet.spans:
        out += [snippet.text[pos:start], "\033[1m", snippet.text[start:end], "\033[0m"]
        pos = end
    return "".join(out) + snippet.text[pos:]


class _Widths(dict):
    """Terminal columns of each character met so far: 2 for East Asian wide and full-width ones."""

    def __missing__(self, c: str) -> int:
        w = self[c] = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        return w


_WIDTHS = _Widths()
# Blocks every character of which is wide (East Asian width W or F; tests/unit/test_cli_list.py checks each):
# CJK punctuation, kana, Han, Hangul syllables, full-width forms. A title's run of them is measured at once.
_ALL_WIDE = re.compile("[\u3000-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60]+")


def _columns(text: str) -> int:
    """Terminal columns of `text`, CJK characters counting two: the characters outside _ALL_WIDE's blocks are
    looked up one by one (10k Chinese titles: 2.8 ms, against 10.5 for a lookup of every character)."""
    if text.isascii():
        return len(text)
    rest = _ALL_WIDE.sub("", text)
    return 2 * (len(text) - len(rest)) + (len(rest) if rest.isascii() else sum(map(_WIDTHS.__getitem__, rest)))


def _fit(text: str, width: int) -> str:
    """Cut or pad to `width` terminal columns, counting CJK characters as two."""
    used = _columns(text)
    if used <= width:
        return text + " " * (width - used)
    out, used = [], 0
    for c in text:
        w = _WIDTHS[c]
        if used + w > width - (1 if len(text) > len(out) + 1 else 0):
            out.append("…")
            used += 1
            break
        out.append(c)
        used += w
    return "".join(out) + " " * max(0, width - used)


def _title_width() -> int:
    columns = 120
    with suppress(OSError):  # not a terminal
        columns = os.get_terminal_size().columns
    return max(30, columns - 10 - 2 - 24 - 2)


def table_lines(
    rows: Iterable[PostSummary | ListRow],
    category_names: dict[str, str],
    title_w: int,
    cells: dict[tuple[str, ...], str],
) -> list[str]:
    """A table line a row: date, mark (! problem, d draft), title, categories. `cells` keeps each set of
    categories' cell, made once (a long list repeats a few)."""
    lines = []
    for r in rows:
        cell = cells.get(r.categories)
        if cell is None:
            cell = cells[r.categories] = _fit(", ".join(names(r.categories, category_names).values()), 24)
        mark = "!" if r.error else ("d" if r.draft else " ")
        lines.append(f"{(r.date or '')[:10]:10} {mark} {_fit(r.title, title_w)} {cell}".rstrip())
    return lines


def print_table(rows: list[PostSummary], category_names: dict[str, str], snippets: list[str] | None = None) -> None:
    lines = table_lines(rows, category_names, _title_width(), {})
    if snippets:
        lines = [line for pair in zip(lines, ("             " + s for s in snippets), strict=True) for line in pair]
    print_lines(lines)


def print_table_batches(batches: Iterable[list[ListRow]], category_names: dict[str, str]) -> None:
    """The table of a long list, printed a batch at a time as the index yields it."""
    title_w, cells = _title_width(), {}
    for rows in batches:
        print_lines(table_lines(rows, category_names, title_w, cells))


def print_json_batches(batches: Iterable[list[dict]]) -> None:
    """print_json's output for items that come a batch at a time."""
    sep = "[\n"
    for items in batches:
        if items:
            sys.stdout.write(sep + ",\n".join(map(_JSON.encode, items)))
            sep = ",\n"
    sys.stdout.write("[]\n" if sep == "[\n" else "\n]\n")
