"""category:/tag: values as a user types them: any case, Simplified or Traditional, the key or its readable name."""

from __future__ import annotations

import sqlite3
import unicodedata

from . import zh_fold

# The distinct keys of a kind, one index seek each (a skip scan of post_labels' primary key).
_CARRIED = (
    "WITH RECURSIVE k(key) AS (SELECT min(key) FROM post_labels WHERE kind = ?1"
    " UNION ALL SELECT (SELECT min(key) FROM post_labels WHERE kind = ?1 AND key > k.key)"
    " FROM k WHERE k.key IS NOT NULL) SELECT key FROM k WHERE key IS NOT NULL"
)


def fold(text: str) -> str:
    """What the spellings of one label share: full-width Latin as ASCII (NFKC), no case, one space
    between words, Traditional as Simplified (LeetCode, ｌｅｅｔｃｏｄｅ and leetcode; 經濟 and 经济)."""
    return zh_fold.fold(" ".join(unicodedata.normalize("NFKC", text).casefold().split()))


def carried_keys(db: sqlite3.Connection, kind: str) -> list[str]:
    """The keys of `kind` ("category" or "tag") that posts carry, sorted."""
    return [key for (key,) in db.execute(_CARRIED, (kind,))]


def _folded(db: sqlite3.Connection, kind: str) -> dict[str, tuple[str, ...]]:
    """Each folded key and folded readable name of `kind` -> the keys it names."""
    found: dict[str, dict[str, None]] = {}
    for key in carried_keys(db, kind):
        found.setdefault(fold(key), {})[key] = None
    for key, label in db.execute("SELECT key, label FROM labels WHERE kind = ?", (kind,)):
        found.setdefault(fold(label), {})[key] = None
    return {folded: tuple(keys) for folded, keys in found.items()}


class LabelNames:
    """The keys a category:/tag: value names, from a table of every key and readable name folded.

    The table is made on the first label term after the index changed (its connection's own
    writes, `total_changes`, or another's, `PRAGMA data_version`): at 5,000 distinct tags that
    costs 10 ms (the skip scan 7.5, the folds 2.5), at finews's 10 well under 0.1 ms. A term
    after that costs 3 µs (the spellings looked up in `labels` took 24 µs).
    """

    def __init__(self) -> None:
        self._made: tuple[tuple[int, int, int], dict[str, dict[str, tuple[str, ...]]]] | None = None

    def keys(self, db: sqlite3.Connection, kind: str, value: str) -> list[str]:
        """The keys of `kind` whose key or readable name folds as `value` does; none if no post's does."""
        stamp = (id(db), db.total_changes, db.execute("PRAGMA data_version").fetchone()[0])
        made = self._made
        if made is None or made[0] != stamp:
            made = self._made = (stamp, {})  # one assignment: a search on another thread sees old or new
        tables = made[1]
        if kind not in tables:
            tables[kind] = _folded(db, kind)
        return list(tables[kind].get(fold(value), ()))
