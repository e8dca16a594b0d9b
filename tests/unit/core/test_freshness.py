"""The change check (core/freshness.py): one stat per folder against the mtimes the last full scan
recorded; a folder changed during or just before the scan is recorded as unsure."""

from __future__ import annotations

import os
import time

from reader.core import freshness

HOUR_AGO = time.time() - 3600


def _old(*paths) -> None:
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def test_nothing_changed_is_fresh(tmp_path):
    (tmp_path / "a").mkdir()
    _old(tmp_path, tmp_path / "a")
    stamps = freshness.take(tmp_path, ["", "a"], time.time_ns())
    assert freshness.UNSURE not in stamps.folders.values()
    found = freshness.check(tmp_path, stamps)
    assert found.fresh and found.changed == ()


def test_a_file_added_removed_or_renamed_changes_its_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("x")
    _old(tmp_path, tmp_path / "a")
    stamps = freshness.take(tmp_path, ["", "a"], time.time_ns())
    (tmp_path / "a" / "x.md").rename(tmp_path / "a" / "y.md")  # as an editor that saves by rename does
    assert freshness.check(tmp_path, stamps).changed == ("a",)
    (tmp_path / "b").mkdir()  # a new folder changes its parent
    assert freshness.check(tmp_path, stamps).changed == ("", "a")


def test_an_edit_in_place_is_not_seen(tmp_path):
    (tmp_path / "x.md").write_text("x")
    _old(tmp_path)
    stamps = freshness.take(tmp_path, [""], time.time_ns())
    with open(tmp_path / "x.md", "a") as f:
        f.write("more")
    assert freshness.check(tmp_path, stamps).fresh  # the documented blind spot: a full scan sees it


def test_a_folder_gone_is_changed(tmp_path):
    (tmp_path / "a").mkdir()
    _old(tmp_path, tmp_path / "a")
    stamps = freshness.take(tmp_path, ["", "a"], time.time_ns())
    (tmp_path / "a").rmdir()
    _old(tmp_path)  # even with the parent's mtime put back
    assert freshness.check(tmp_path, stamps).changed == ("a",)


def test_a_folder_changed_near_the_scan_is_unsure_until_the_next_one(tmp_path):
    stamps = freshness.take(tmp_path, [""], time.time_ns())  # tmp_path was just made
    assert stamps.folders == {"": freshness.UNSURE}
    assert freshness.check(tmp_path, stamps).changed == ("",)


def test_no_stamps_is_not_fresh(tmp_path):
    found = freshness.check(tmp_path, None)
    assert found.scanned_ns is None and not found.fresh
