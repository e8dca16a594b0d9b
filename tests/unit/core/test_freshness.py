"""The change check (core/freshness.py): one stat per folder against the stamps (the later of mtime
and ctime) the last full scan recorded; a folder changed during or just before the scan is unsure."""

from __future__ import annotations

import os
import time

from reader.core import freshness


def _scan_later() -> int:
    """A scan's start 5 s from now: what it records of folders changed until now is not racy."""
    return time.time_ns() + 5_000_000_000


def test_nothing_changed_is_fresh(tmp_path):
    (tmp_path / "a").mkdir()
    stamps = freshness.take(tmp_path, ["", "a"], _scan_later())
    assert freshness.UNSURE not in stamps.folders.values()
    found = freshness.check(tmp_path, stamps)
    assert found.fresh and found.changed == ()


def test_a_file_added_removed_or_renamed_changes_its_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("x")
    stamps = freshness.take(tmp_path, ["", "a"], _scan_later())
    time.sleep(0.02)  # past the kernel's coarse clock tick
    (tmp_path / "a" / "x.md").rename(tmp_path / "a" / "y.md")  # as an editor that saves by rename does
    assert freshness.check(tmp_path, stamps).changed == ("a",)
    (tmp_path / "b").mkdir()  # a new folder changes its parent
    assert freshness.check(tmp_path, stamps).changed == ("", "a")


def test_a_folder_mtime_put_back_is_still_seen(tmp_path):
    # rsync -a, tar and cp -a set a folder's mtime back after writing into it; its ctime moves on
    (tmp_path / "x.md").write_text("x")
    before = os.stat(tmp_path)
    stamps = freshness.take(tmp_path, [""], _scan_later())
    time.sleep(0.02)
    (tmp_path / "y.md").write_text("y")
    os.utime(tmp_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(tmp_path).st_mtime_ns == before.st_mtime_ns
    assert freshness.check(tmp_path, stamps).changed == ("",)


def test_an_edit_in_place_is_not_seen(tmp_path):
    (tmp_path / "x.md").write_text("x")
    stamps = freshness.take(tmp_path, [""], _scan_later())
    with open(tmp_path / "x.md", "a") as f:
        f.write("more")
    assert freshness.check(tmp_path, stamps).fresh  # the documented blind spot: a full scan sees it


def test_a_folder_gone_is_changed(tmp_path):
    (tmp_path / "a").mkdir()
    stamps = freshness.take(tmp_path, ["", "a"], _scan_later())
    (tmp_path / "a").rmdir()
    assert freshness.check(tmp_path, stamps).changed == ("", "a")


def test_a_folder_changed_near_the_scan_is_unsure_until_the_next_one(tmp_path):
    stamps = freshness.take(tmp_path, [""], time.time_ns())  # tmp_path was just made
    assert stamps.folders == {"": freshness.UNSURE}
    assert freshness.check(tmp_path, stamps).changed == ("",)


def test_no_stamps_is_not_fresh(tmp_path):
    found = freshness.check(tmp_path, None)
    assert found.scanned_ns is None and not found.fresh


def test_stamps_kept_in_the_index_and_unreadable_ones_ignored(tmp_path):
    from reader.core.store import Store

    store = Store(tmp_path / "index.sqlite")
    try:
        assert store.folder_stamps() is None
        store.set_folder_stamps(freshness.Stamps(123, {"": 5, "_posts/年": freshness.UNSURE}))
        assert store.folder_stamps() == freshness.Stamps(123, {"": 5, "_posts/年": freshness.UNSURE})
        for bad in ("not json", "[1]", '{"a": 1}', '[1, ["x"]]', '[1, {"": "x"}]'):
            with store.transaction():
                store._db.execute("INSERT OR REPLACE INTO info VALUES ('folder_stamps', ?)", (bad,))
            assert store.folder_stamps() is None, bad
    finally:
        store.close()
