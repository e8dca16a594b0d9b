"""Size limits that keep a huge post from taking the indexer's memory or the view's time."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

from .scanner import read_inside_bytes, read_inside_stat
from .types import Site

# The indexer reads at most this much of a file, for metadata and for the full text. Real posts
# are 4-300 KB; a 1M-line 5 MB Markdown file took 19 s and 680 MB to render whole (measured),
# while 1 MiB renders in about 3 s in a worker. Search then covers a huge post's first MiB.
INDEX_LIMIT = 1024 * 1024
# The article view renders at most this many characters of a body unless asked for all of it:
# 100k short Markdown lines (500 KB) render in 1.5 s, typical HTML of that size in about 1 s.
SHOW_LIMIT = 512 * 1024
# A reader that asks for a truncated post reads this many bytes: enough for SHOW_LIMIT characters
# in any encoding (4 bytes a character at most) plus the front matter.
SHOW_READ_LIMIT = 4 * SHOW_LIMIT + 64 * 1024

_UTF32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def cut_bytes(data: bytes, limit: int) -> bytes:
    """The longest start of `data` of about `limit` bytes (+3 at most) that ends on a whole character.

    It ends after a line break in the second half when there is one, so no multi-byte character
    (UTF-8, GBK, UTF-16, UTF-32) is split; a huge line is cut before a UTF-8 continuation byte.
    """
    if len(data) <= limit:
        return data
    width = 4 if data.startswith(_UTF32) else 2 if data.startswith(_UTF16) or b"\x00" in data[:4096] else 1
    head = data[:limit]
    nl = head.rfind(b"\n")
    if nl > limit // 2:
        end = nl + 1
        end += (-end) % width  # "\n" in UTF-16 LE is 0A 00: keep the 00 with it (limit + 3 at most)
        return data[:end]
    end = limit - limit % width
    if width == 1:
        while end > 0 and 0x80 <= data[end] <= 0xBF:
            end -= 1  # data[end] would continue the character before it: cut before that character
    return data[:end]


def read_head(site: Site, relpath: str, limit: int | None = INDEX_LIMIT) -> tuple[bytes, bool]:
    """(the first `limit` bytes of a post cut on a whole character, whether anything was left out)."""
    return read_inside([site.library_root], relpath, limit)


def read_head_stat(site: Site, relpath: str, limit: int = INDEX_LIMIT) -> tuple[bytes, int, int]:
    """(read_head's bytes, the mtime_ns and size of the file as it was opened: scanner.read_inside_stat)."""
    data, mtime_ns, size = read_inside_stat([site.library_root], relpath, limit + 4)
    return _cut(data, limit)[0], mtime_ns, size


def read_inside(roots: Sequence[Path | str], relpath: str, limit: int | None = INDEX_LIMIT) -> tuple[bytes, bool]:
    """(the first `limit` bytes of a file of the library cut on a whole character, whether anything
    was left out): the one way a post, a label page, a site's settings or data file is read.

    The file is opened by scanner.open_inside's rule (read_inside_bytes): still a regular file inside `roots`, or
    RefusedFile (an OSError). `limit` None reads all of it.
    """
    if limit is None:
        return read_inside_bytes(roots, relpath, None), False
    return _cut(read_inside_bytes(roots, relpath, limit + 4), limit)  # cut_bytes may keep up to 3 bytes past it


def _cut(data: bytes, limit: int) -> tuple[bytes, bool]:
    """(the `limit + 4` bytes read cut on a whole character, whether anything was left out)."""
    if len(data) <= limit:
        return data, False
    return cut_bytes(data, limit), True


def truncate_body(body: str, limit: int = SHOW_LIMIT) -> tuple[str, bool]:
    """(the body cut to at most `limit` characters at a paragraph or line end, whether it was cut)."""
    if len(body) <= limit:
        return body, False
    head = body[:limit]
    for sep in ("\n\n", "\n"):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at], True
    return head, True
