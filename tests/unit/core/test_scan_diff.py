"""The walk a refresh makes: only the new and changed posts kept (sorted by path, with their stats),
one post at a time from a folder's listing, and the newest names of a huge folder without sorting it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.core import indexer, scanner
from reader.core.errors import Cancelled
from reader.core.found import UNSTATED
from reader.core.library import Library
from reader.core.scanner import scan
from reader.core.types import Site


def _posts(folder: Path, names) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"---\ntitle: {name}\n---\n正文\n", encoding="utf-8")


def test_only_the_new_and_changed_posts_are_kept_sorted_by_path_with_their_stats(tmp_path):
    _posts(tmp_path, ["d.md", "b.md", "a.md", "c.md"])
    site = Site("folder", tmp_path, tmp_path)
    a, b = (os.stat(tmp_path / name) for name in ("a.md", "b.md"))
    known = {
        "a.md": (3, a.st_mtime_ns, a.st_size),  # unchanged
        "b.md": (7, b.st_mtime_ns, b.st_size + 1),  # changed
        "gone.md": (5, 1, 1),  # removed
    }
    diff = indexer.scan_diff(site, known)
    assert (diff.added, diff.changed, diff.removed, diff.total) == (2, ["b.md"], ["gone.md"], 4)
    assert [post.path for post in diff.todo] == ["b.md", "c.md", "d.md"]
    # The changed post has the walk's stat; the new ones none: their worker's fstat gives it (Found.stat).
    b_now = os.stat(tmp_path / "b.md")
    assert diff.todo[0][1:] == (b_now.st_mtime_ns, b_now.st_size) == diff.todo.stat(0, (1, 2))
    assert [post[1:] for post in diff.todo][1:] == [(UNSTATED, UNSTATED)] * 2
    assert diff.todo.stat(1, (1, 2)) == (1, 2) and diff.todo.stat(2, (3, 4)) == (3, 4)
    assert known["gone.md"] == (5, 1, 1) and len(known) == 3  # the caller's dict is left as it was


def test_a_limited_walk_finds_the_newest_names_past_many_entries_that_are_no_posts(tmp_path):
    """The newest names are taken from a partial order of the folder (4 x the limit): here the first
    40 by name are images, and the walk goes on to the posts below them."""
    posts = tmp_path / "_posts"
    _posts(posts, [f"2024-01-{day:02d}-p.md" for day in range(1, 11)])
    for n in range(40):
        (posts / f"z{n:02d}.png").write_bytes(b"")
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    site = Site("jekyll", tmp_path, tmp_path)
    assert sorted(scan(site, limit=3).posts) == [f"_posts/2024-01-{day:02d}-p.md" for day in (8, 9, 10)]
    assert len(scan(site, limit=30).posts) == 10


def test_a_listing_that_fails_part_way_is_reported_and_what_it_gave_is_kept(tmp_path, monkeypatch):
    _posts(tmp_path / "bad", [f"{n}.md" for n in range(5)])
    _posts(tmp_path / "good", ["x.md"])
    real = os.scandir

    class Failing:
        """A listing that fails with EIO after its second entry (a disk error part-way through)."""

        def __init__(self, path) -> None:
            self.listing, self.given = real(path), 0

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.listing.close()

        def __iter__(self):
            return self

        def __next__(self):
            if self.given == 2:
                raise OSError(errno.EIO, "Input/output error")
            self.given += 1
            return next(self.listing)

    monkeypatch.setattr(scanner.os, "scandir", lambda path: Failing(path) if str(path).endswith("bad") else real(path))
    result = scan(Site("folder", tmp_path, tmp_path))
    assert [(p.path, p.message) for p in result.skipped] == [("bad", "folder cannot be read: Input/output error")]
    assert len([p for p in result.posts if p.startswith("bad/")]) == 2 and "good/x.md" in result.posts
    assert len(result.posts) == 3


def test_a_refresh_cancelled_in_the_middle_of_a_big_folder_then_gives_the_same_counts(tmp_path):
    """The walk asks `cancelled()` every 256 entries of a folder, also when it no longer lists it first."""
    root = tmp_path / "lib"
    _posts(root, [f"{n:04d}.md" for n in range(700)])
    asked = []

    def cancel_at_the_third_question() -> bool:
        asked.append(1)
        return len(asked) >= 3

    library = Library(root, data_dir=tmp_path / "data")
    try:
        with pytest.raises(Cancelled):
            library.refresh(cancelled=cancel_at_the_third_question, full_text=False)
        assert len(asked) == 3  # the first rows' short walk, the folder, its entry 256: stopped inside it
        report = library.refresh(full_text=False)
        assert (report.added + report.unchanged, report.changed, report.removed) == (700, 0, 0)
        assert library.count() == 700
        again = library.refresh(full_text=False)
        assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 700)
    finally:
        library.close()


@pytest.mark.parametrize("posts", [30, indexer._POOL_THRESHOLD + 20])  # in this process; in the workers
def test_new_posts_are_indexed_with_the_stat_a_later_walk_gives_so_a_second_refresh_reads_none(tmp_path, posts):
    """The walk does not stat a new post (a regular file by its listing): the fstat of the read that parsed it
    gives its mtime and size, exactly what the next walk's stat gives, so nothing is read again."""
    _posts(tmp_path / "lib", [f"{n:04}.md" for n in range(posts)])
    (tmp_path / "lib" / "0001.md").write_text("---\ntitle: longer\n---\n" + "长" * 500, encoding="utf-8")
    library = Library(tmp_path / "lib", data_dir=tmp_path / "data")
    try:
        assert library.refresh(full_text=False).added == posts
        states = library._store().file_states()
        for path, (_, mtime_ns, size) in states.items():
            st = os.stat(tmp_path / "lib" / path)
            assert (mtime_ns, size) == (st.st_mtime_ns, st.st_size)
        assert len(states) == posts
        again = library.refresh(full_text=False)
        assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, posts)
    finally:
        library.close()


def test_the_stat_of_a_post_as_read_and_zero_for_one_gone_before_its_read(tmp_path):
    _posts(tmp_path, ["a.md"])
    site = Site("folder", tmp_path, tmp_path)
    (_, _, _, read), (gone, _, _, zero) = indexer._metadata_chunk(site, ["a.md", "gone.md"])
    st = os.stat(tmp_path / "a.md")
    assert read == (st.st_mtime_ns, st.st_size) and zero == (0, 0) and "No such file" in gone[7]
