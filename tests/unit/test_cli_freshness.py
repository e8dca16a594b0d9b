"""`jianbao-cli` answers from the index without walking the library when no folder changed since its
last full scan; --refresh scans first, --no-refresh answers as the index is and says it is older.
Each test works on a copy of a fixture library (copytree keeps the folders' old mtimes)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import freshness

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "jekyll"
NEW_POST = "---\ntitle: Zebra crossing\ndate: 2030-01-01\n---\nA zebra crossed the road.\n"


@pytest.fixture
def quick_window(monkeypatch):
    """The scans here start within a second of the copy: a change that close is recorded as unsure
    (test_a_change_during_the_scan_is_checked_again); these tests take the stamps as they are."""
    monkeypatch.setattr(freshness, "_RACY_NS", 0)


@pytest.fixture
def lib(tmp_path, capsys, quick_window):
    root = shutil.copytree(FIXTURE, tmp_path / "lib")
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "index", str(root)]) == 0
    capsys.readouterr()
    return root, data


def run(capsys, lib, *args):
    root, data = lib
    code = main(["--data-dir", data, *args[:1], str(root), *args[1:]])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def titles(capsys, lib, *args) -> list[str]:
    out, _ = run(capsys, lib, "list", "--json", *args)
    return [row["title"] for row in json.loads(out)]


def _walks(monkeypatch, root: Path) -> list[str]:
    """Records every folder of `root` listed with os.scandir (the scanner's one way to list)."""
    listed: list[str] = []
    real = os.scandir

    def counting(path="."):
        if str(path).startswith(str(root)):
            listed.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    return listed


def test_an_indexed_library_is_answered_without_listing_it(capsys, lib, monkeypatch):
    listed = _walks(monkeypatch, lib[0])
    out, _ = run(capsys, lib, "search", "滑雪", "--json")
    assert [hit["path"] for hit in json.loads(out)] == ["_posts/2021-12-01-bingxue-jijie.md"]
    assert titles(capsys, lib, "--category", "tiyu") == ["冰雪季节来临 滑雪场迎来客流高峰"]
    out, _ = run(capsys, lib, "search", "滑雪", "-l")
    assert out == f"{lib[0] / '_posts' / '2021-12-01-bingxue-jijie.md'}\n"
    assert listed == []
    run(capsys, lib, "search", "滑雪", "--refresh")
    assert any(path == str(lib[0]) for path in listed)  # the check is the one thing left out


def test_a_new_file_is_seen(capsys, lib):
    (lib[0] / "_posts" / "2030-01-01-zebra.md").write_text(NEW_POST, encoding="utf-8")
    assert "Zebra crossing" in titles(capsys, lib)
    out, err = run(capsys, lib, "search", "zebra", "--json")
    assert [hit["title"] for hit in json.loads(out)] == ["Zebra crossing"]
    assert "note" not in err


def test_no_refresh_answers_from_the_index_and_says_it_is_older(capsys, lib):
    (lib[0] / "_posts" / "2030-01-01-zebra.md").write_text(NEW_POST, encoding="utf-8")
    out, err = run(capsys, lib, "list", "--json", "--no-refresh")
    assert "Zebra crossing" not in out
    assert err.startswith(f"note: {lib[0]}: answers from the index of ") and "1 folder changed since (_posts)" in err
    assert "Zebra crossing" in titles(capsys, lib)  # the default then scans


def test_an_edit_in_place_is_seen_with_refresh(capsys, lib):
    post = lib[0] / "_posts" / "2021-12-01-bingxue-jijie.md"
    folder_mtime = post.parent.stat().st_mtime_ns
    text = post.read_text(encoding="utf-8")
    with open(post, "w", encoding="utf-8") as f:  # in place: the folder's mtime stays
        f.write(text.replace("冰雪季节来临", "冬季运动开始"))
    assert post.parent.stat().st_mtime_ns == folder_mtime
    assert "冬季运动开始 滑雪场迎来客流高峰" not in titles(capsys, lib)  # the documented blind spot
    assert "冬季运动开始 滑雪场迎来客流高峰" in titles(capsys, lib, "--refresh")
    out, _ = run(capsys, lib, "search", "冬季运动", "--json")
    assert [hit["path"] for hit in json.loads(out)] == ["_posts/2021-12-01-bingxue-jijie.md"]


def test_without_an_index_no_refresh_builds_it(capsys, tmp_path, quick_window):
    root = shutil.copytree(FIXTURE, tmp_path / "lib")
    lib = (root, str(tmp_path / "data"))
    assert "冰雪季节来临 滑雪场迎来客流高峰" in titles(capsys, lib, "--no-refresh")
    out, err = run(capsys, lib, "search", "滑雪", "--no-refresh", "--json")
    assert len(json.loads(out)) == 1 and "note" not in err


def test_a_change_during_the_scan_is_checked_again(capsys, lib, monkeypatch):
    # A folder changed just before (or while) the scan ran is recorded as unsure: the next command
    # scans again, so a file written in the same clock tick as the scan is not missed.
    monkeypatch.setattr(freshness, "_RACY_NS", 3_000_000_000)  # the real window
    listed = _walks(monkeypatch, lib[0])
    now = time.time()
    os.utime(lib[0] / "_posts", (now, now))
    run(capsys, lib, "list", "--refresh")
    listed.clear()
    run(capsys, lib, "list")
    assert str(lib[0] / "_posts") in listed


def test_text_a_refresh_left_unindexed_is_indexed_before_a_search(capsys, tmp_path, quick_window):
    from reader.core.library import Library

    root = shutil.copytree(FIXTURE, tmp_path / "lib")
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh(full_text=False)  # as if the full-text phase had been interrupted
    library.close()
    lib = (root, str(tmp_path / "data"))
    _, err = run(capsys, lib, "search", "客流高峰", "--no-refresh")
    assert "full text indexed for 0 of 5 posts" in err  # as the index is: titles only
    out, err = run(capsys, lib, "search", "客流高峰", "--json")
    hits = json.loads(out)
    assert [h["path"] for h in hits] == ["_posts/2021-12-01-bingxue-jijie.md"] and not hits[0]["title_only"]
    assert "note" not in err


def test_an_index_made_before_the_rule_is_scanned_once(capsys, lib, monkeypatch):
    from reader.core.store import Store

    recorded = Store.folder_stamps
    monkeypatch.setattr(Store, "folder_stamps", lambda self: None)  # as an index made before stamps were kept
    _, err = run(capsys, lib, "list", "--no-refresh")
    assert err.startswith(f"note: {lib[0]}: answers from an index that records no full scan of the library")
    listed = _walks(monkeypatch, lib[0])
    run(capsys, lib, "list")
    assert str(lib[0]) in listed  # the default scans it (and records its stamps)
    monkeypatch.setattr(Store, "folder_stamps", recorded)
    listed.clear()
    run(capsys, lib, "list")
    assert listed == []
