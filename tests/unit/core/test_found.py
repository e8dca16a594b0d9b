"""found.Found: the new and changed posts of a walk, kept as paths and two arrays of integers."""

from __future__ import annotations

from reader.core.found import FileStat, Found


def test_found_posts_sorted_by_path_keep_their_own_stats():
    found = Found()
    for n, path in enumerate(["c.md", "a/z.md", "中.md", "b.md"]):
        found.add(path, 10**18 + n, n * 100)
    assert list(found.by_path()) == [
        FileStat("a/z.md", 10**18 + 1, 100),
        FileStat("b.md", 10**18 + 3, 300),
        FileStat("c.md", 10**18, 0),
        FileStat("中.md", 10**18 + 2, 200),
    ]
    found.clear()
    assert len(found) == 0 and list(found) == []
