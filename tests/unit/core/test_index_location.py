"""Tests for reader.core.index_location: the index lives in the cache folder; while that folder cannot be
used it is kept in the data folder (a copy of the old one when it can be read) and the note says where
and why; once the cache works again the copy goes."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core import index_location
from reader.core.errors import StoreError
from reader.core.index_location import ELSEWHERE, open_index
from reader.core.types import PostMeta
from reader.paths import AppPaths


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.for_user(tmp_path / "app")


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    return root


def _open(paths: AppPaths, root):
    return open_index(paths, root, "lib-key", paths.index_file(root))


def test_a_usable_cache_folder_holds_the_index(paths, root):
    store, where, note = _open(paths, root)
    try:
        assert where == paths.index_file(root) and where.exists() and note is None
        assert store.count() == 0
    finally:
        store.close()


def test_a_cache_path_taken_by_a_file_keeps_the_index_in_the_data_folder(paths, root):
    paths.cache.parent.mkdir(parents=True)
    paths.cache.write_text("not a folder")
    store, where, note = _open(paths, root)
    try:
        assert where == paths.data / ELSEWHERE / paths.index_file(root).name
        assert note is not None and note.startswith(
            f"the index folder {paths.index_file(root).parent} cannot be used ("
        )
        assert note.endswith(f"until it can, the index is kept in {paths.data / ELSEWHERE}")
        store.write_metadata([(PostMeta("a.md", "甲", None, None), 1, 1)])  # and it works there
        assert store.count() == 1
    finally:
        store.close()
    assert paths.cache.read_text() == "not a folder"  # the file in the way is left alone


def test_an_index_that_cannot_be_opened_in_place_is_copied_with_its_posts(paths, root):
    store, normal, _ = _open(paths, root)
    store.write_metadata([(PostMeta("a.md", "甲", None, None), 1, 1), (PostMeta("b.md", "乙", None, None), 1, 1)])
    store.close()
    wal = normal.with_name(normal.name + "-wal")
    wal.unlink(missing_ok=True)
    wal.mkdir()  # SQLite cannot open its write-ahead log: the file cannot be used where it is
    store, where, note = _open(paths, root)
    try:
        assert where.parent == paths.data / ELSEWHERE and "unable to open database file" in note
        assert store.count() == 2 and store.get_meta(store.id_for_path("b.md")).title == "乙"
    finally:
        store.close()
    assert normal.exists()  # the original stays for when the folder works again


def test_once_the_cache_works_again_the_copy_elsewhere_is_removed(paths, root):
    elsewhere = paths.data / ELSEWHERE / paths.index_file(root).name
    elsewhere.parent.mkdir(parents=True)
    sqlite3.connect(elsewhere).close()
    text = elsewhere.with_name(elsewhere.name + ".text-3")
    text.mkdir()
    (text / "meta.json").write_text("{}")
    store, where, note = _open(paths, root)
    store.close()
    assert note is None and where == paths.index_file(root)
    assert not elsewhere.exists() and not text.exists()


def test_an_index_busy_in_another_process_is_not_moved(paths, root, monkeypatch):
    def busy(*_args, **_kwargs):
        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorcode = 5  # type: ignore[attr-defined]  # SQLITE_BUSY
        raise StoreError("Cannot open the index: database is locked") from error

    monkeypatch.setattr(index_location, "Store", busy)
    with pytest.raises(StoreError, match="locked"):
        _open(paths, root)
    assert not (paths.data / ELSEWHERE).exists()


def test_an_index_asked_for_elsewhere_that_fails_is_an_error_not_a_move(paths, root, tmp_path):
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(StoreError):
        open_index(paths, root, "lib-key", tmp_path / "taken" / "index.sqlite")
    assert not (paths.data / ELSEWHERE).exists()
