"""index_forms' translation tables kept in the cache folder: made once, not by every process that indexes.

cjk._tables() makes them from the basic plane (NFKC, the index's analyzer, zh_fold): about 0.14 s of CPU,
which each worker of each refresh with text paid, two a refresh on two cores (of about 2.6 s of CPU in all
for a re-open of 100k posts after 1% changed). The file is a cache like the index: named by a digest of
what the tables come from (the Python and its Unicode version, tantivy's, the sources that make them), its
bytes checked against a digest of their own before marshal reads them, written whole under another name
and renamed. A file that is missing, damaged or cannot be written: the tables are made as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

Tables = tuple[list[int | str], list[int | str], str]  # cjk's: two translate tables and a pattern
# What the tables are made from, besides the versions: these sources, beside this module.
SOURCES = ("cjk.py", "cjk_chars.py", "fulltext.py", "zh_fold.py", "zh_fold.txt")
_DIGEST = 16  # bytes of the payload's digest at the start of the file

_folder: Path | None = None  # where this process keeps them (use_folder); None: made each time


def use_folder(folder: str | os.PathLike[str] | None) -> None:
    """Keep the tables in `folder` (the cache folder) from now on in this process; None: do not keep them."""
    global _folder
    _folder = None if folder is None else Path(folder)


def path() -> Path | None:
    """The file the tables of this Python, tantivy and these sources are kept in, or None when not kept."""
    if _folder is None:
        return None
    import tantivy

    version = getattr(tantivy, "__version__", None)  # the bindings give it; its stubs do not say so
    if version is None:
        return None
    key = hashlib.blake2b(f"{sys.version}|{unicodedata.unidata_version}|{version}".encode())
    here = Path(__file__).parent
    for name in SOURCES:
        key.update((here / name).read_bytes())
    return _folder / f"index-forms-{key.hexdigest()[:32]}.marshal"


def kept(make: Callable[[], Tables], valid: Callable[[object], bool]) -> Tables:
    """The tables as kept, if the file is there, whole and `valid`; else make() them and keep them."""
    try:
        where = path()
    except OSError:  # a source file unreadable: nothing to key the file by
        where = None
    if where is None:
        return make()
    with suppress(OSError, ValueError, EOFError, TypeError):
        data = where.read_bytes()
        payload = data[_DIGEST:]
        if data[:_DIGEST] == hashlib.blake2b(payload, digest_size=_DIGEST).digest():
            found = marshal.loads(payload)
            if valid(found):
                return found
    tables = make()
    payload = marshal.dumps(tables)
    with suppress(OSError):
        where.parent.mkdir(parents=True, exist_ok=True)
        partial = where.with_name(f"{where.name}.{os.getpid()}.part")
        try:
            partial.write_bytes(hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
            os.replace(partial, where)
        finally:
            partial.unlink(missing_ok=True)
    return tables
