"""A refresh never drops the index rows of post files that still exist: a folder whose listing fails
(whole, part-way, the library's folder itself gone or empty), a cancelled walk, the in-process path.
Listing failures are simulated (os.scandir monkeypatched): chmod does not stop root, and CI runs as root."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from reader.core import indexer, scanner
from reader.core.errors import Cancelled
from reader.core.library import Library
from reader.core.types import Site


def _library(tmp_path: Path) -> Path:
    """A Jekyll-less folder library: 3 posts at the top, 4 in a/, 2 in a/b/, 3 in c/."""
    root = tmp_path / "lib"
    for folder, count in (("", 3), ("a", 4), ("a/b", 2), ("c", 3)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for n in range(count):
            (root / folder / f"p{n}.md").write_text(f"---\ntitle: {folder} {n}\n---\n正文 {n}\n", encoding="utf-8")
    return root


def _known(root: Path) -> dict[str, tuple[int, int, int]]:
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    stats = (os.stat(root / path) for path in paths)
    return {path: (n + 1, st.st_mtime_ns, st.st_size) for n, (path, st) in enumerate(zip(paths, stats, strict=True))}


class _FailingListing:
    """os.scandir's iterator that raises `error` after `after` entries (a drive's hiccup, EIO)."""

    def __init__(self, path: str, after: int, error: OSError) -> None:
        self._inner = _real_scandir(path)
        self._left, self._error = after, error

    def __enter__(self) -> _FailingListing:
        return self

    def __exit__(self, *exc) -> None:
        self._inner.close()

    def __iter__(self) -> _FailingListing:
        return self

    def __next__(self) -> os.DirEntry:
        if self._left == 0:
            raise self._error
        self._left -= 1
        return next(self._inner)


_real_scandir = os.scandir


def _fail_listing(monkeypatch, folder: Path, after: int | None, code: int = errno.EIO) -> None:
    """Listing `folder` fails: at once (after=None) or after `after` entries."""
    error = OSError(code, os.strerror(code))

    def scandir(path):
        if Path(path) != folder:
            return _real_scandir(path)
        if after is None:
            raise error
        return _FailingListing(path, after, error)

    monkeypatch.setattr(scanner.os, "scandir", scandir)


@pytest.mark.parametrize(
    ("folder", "code"), [("a", errno.EACCES), ("a", errno.EIO), ("", errno.EACCES), ("", errno.ENOTCONN)]
)
def test_a_folder_that_cannot_be_listed_keeps_its_posts_and_says_why(tmp_path, monkeypatch, folder, code):
    root = _library(tmp_path)
    known = _known(root)
    known["c/gone.md"] = (99, 1, 1)  # removed, in a folder that is listed
    _fail_listing(monkeypatch, root / folder if folder else root, None, code)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert diff.removed == ([] if folder == "" else ["c/gone.md"])
    assert (folder or ".", f"folder cannot be read: {scanner.reason_of(OSError(code, os.strerror(code)))}") in [
        (p.path, p.message) for p in diff.skipped
    ]
    assert diff.added == 0 and diff.changed == []


def test_a_listing_that_fails_part_way_keeps_the_posts_not_yet_met(tmp_path, monkeypatch):
    """a/ lists two entries (of p0-p3 and b/), then EIO: a/'s other posts and all of a/b/ are kept."""
    root = _library(tmp_path)
    known = _known(root)
    known["a/gone.md"] = (98, 1, 1)  # kept too: the walk cannot tell it from a post not listed
    known["c/gone.md"] = (99, 1, 1)
    _fail_listing(monkeypatch, root / "a", 2)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert diff.removed == ["c/gone.md"]
    assert [(p.path, p.message) for p in diff.skipped] == [("a", "folder cannot be read: Input/output error")]


def test_a_library_folder_gone_or_empty_keeps_the_index_and_says_so(tmp_path):
    """An unmounted drive: its folder missing (ENOENT on the root), or there and empty (a mount point)."""
    root = _library(tmp_path)
    known = _known(root)
    shutil.rmtree(root)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert (diff.removed, diff.total) == ([], 0)
    assert [p.path for p in diff.skipped] == ["."] and "cannot be read" in diff.skipped[0].message
    root.mkdir()
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert (diff.removed, diff.total) == ([], 0)
    assert [(p.path, p.message) for p in diff.skipped] == [
        (".", "no post found (a drive not mounted?): the index keeps its 12 posts until a refresh finds some")
    ]


def test_a_folder_deleted_while_walked_still_removes_its_posts(tmp_path, monkeypatch):
    """ENOENT below the root is a folder removed after its parent was listed: its posts are gone."""
    root = _library(tmp_path)
    known = _known(root)
    _fail_listing(monkeypatch, root / "c", None, errno.ENOENT)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert diff.removed == ["c/p0.md", "c/p1.md", "c/p2.md"] and diff.skipped == []


def test_known_ids_far_apart_or_beyond_the_posts_count_are_marked_right(tmp_path):
    root = _library(tmp_path)
    known = {path: (10**6 - n * 7919, *state[1:]) for n, (path, state) in enumerate(_known(root).items())}
    known["gone.md"] = (1, 1, 1)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert (diff.removed, diff.added, diff.changed, diff.total) == (["gone.md"], 0, [], 12)


def test_refreshes_keep_every_row_when_a_folder_fails_a_walk_is_cancelled_or_no_pool_runs(tmp_path, monkeypatch):
    root = _library(tmp_path)
    monkeypatch.setattr(indexer, "_POOL_THRESHOLD", 5000)  # the metadata phase in this process
    library = Library(root, data_dir=tmp_path / "data")
    try:
        assert library.refresh(full_text=False).added == 12
        (root / "c" / "p0.md").unlink()
        with monkeypatch.context() as patched:
            _fail_listing(patched, root / "a", 1)
            report = library.refresh(full_text=False)
        assert (report.removed, library.count()) == (1, 11)
        assert report.notes == ("a: folder cannot be read: Input/output error",)
        with pytest.raises(Cancelled):
            library.refresh(cancelled=lambda: True, full_text=False)
        report = library.refresh(full_text=False)
        assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 11)
    finally:
        library.close()
    library = Library(root, data_dir=tmp_path / "data")  # a re-open finds the same rows
    try:
        assert (library.count(), library.rebuilt_reason) == (11, None)
        assert library.refresh(full_text=False).unchanged == 11
    finally:
        library.close()


class _EntryFailingStat:
    """A DirEntry whose stat() fails with EIO, as on a network drive's hiccup."""

    def __init__(self, entry: os.DirEntry) -> None:
        self._entry = entry
        self.name, self.path = entry.name, entry.path

    def is_symlink(self) -> bool:
        return self._entry.is_symlink()

    def is_dir(self, follow_symlinks: bool = True) -> bool:
        return self._entry.is_dir(follow_symlinks=follow_symlinks)

    def is_file(self, follow_symlinks: bool = True) -> bool:
        return self._entry.is_file(follow_symlinks=follow_symlinks)

    def stat(self, follow_symlinks: bool = True) -> os.stat_result:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_post_whose_stat_fails_is_kept_and_reported(tmp_path, monkeypatch):
    root = _library(tmp_path)
    known = _known(root)
    known["c/gone.md"] = (99, 1, 1)

    def scandir(path):
        entries = list(_real_scandir(path))
        return _Listing(
            [_EntryFailingStat(e) if e.name == "p1.md" and Path(path) == root / "a" else e for e in entries]
        )

    monkeypatch.setattr(scanner.os, "scandir", scandir)
    diff = indexer.scan_diff(Site("folder", root, root), known)
    assert diff.removed == ["c/gone.md"] and diff.total == 11
    assert [(p.path, p.message) for p in diff.skipped] == [("a/p1.md", "Input/output error")]


class _Listing(list):
    def __enter__(self) -> _Listing:
        return self

    def __exit__(self, *exc) -> None:
        pass
