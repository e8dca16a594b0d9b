"""Reading-data export and import: a round trip keeps every mark, a merge the newer of each, bad files write nothing."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from reader.core import state as state_module
from reader.core import state_transfer
from reader.core.state import StateStore
from reader.core.state_transfer import TransferError
from reader.paths import library_key


@pytest.fixture(autouse=True)
def _no_pending(monkeypatch):
    monkeypatch.setattr(state_module, "_PENDING", {})


def _store(tmp_path, name, root):
    return StateStore(tmp_path / name / "state.sqlite", library_key(root), str(root))


def _marks(state: StateStore) -> dict:
    return {(lib, path): (read, starred, position) for lib, path, read, starred, position, *_ in state.all_marks()}


def test_export_then_import_into_a_fresh_data_dir_gives_the_same_marks(tmp_path):
    blog, notes = tmp_path / "blog", tmp_path / "notes"
    a = _store(tmp_path, "one", blog)
    a.set_read(["p/a.md", "p/文章.md"], True)
    a.set_starred(["p/a.md"], True)
    a.set_position("p/b.md", 0.5)
    b = StateStore(a.path, library_key(notes), str(notes))
    b.set_starred(["n.md"], True)
    out = tmp_path / "export.json"
    assert state_transfer.write_export(a, out) == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "jianbao-reading-data" and data["version"] == 3
    assert set(data["libraries"]) == {str(blog), str(notes)}
    assert data["libraries"][str(blog)]["posts"]["p/a.md"]["read"] is True

    fresh = _store(tmp_path, "fresh", blog)
    assert state_transfer.import_file(fresh, out) == (5, 4)  # 5 fields set, in 4 posts
    assert _marks(fresh) == _marks(a)
    assert fresh.get("p/文章.md") == (True, False, 0.0) and fresh.get("p/b.md") == (False, False, 0.5)
    assert state_transfer.import_file(fresh, out) == (0, 4)  # again: nothing is newer
    # The library folders came along, so a second export names them too.
    assert set(state_transfer.export_data(fresh)["libraries"]) == {str(blog), str(notes)}
    assert set(state_transfer.export_data(fresh, library_key(notes))["libraries"]) == {str(notes)}


def test_import_merging_two_exports_keeps_the_newer_of_each(tmp_path):
    blog = tmp_path / "blog"
    home, work = _store(tmp_path, "home", blog), _store(tmp_path, "work", blog)
    home.set_read(["x.md"], True)
    work.set_read(["y.md"], True)
    time.sleep(0.01)
    work.set_read(["x.md"], False)  # unread later at work
    home.set_read(["y.md"], False)  # unread later at home
    home.set_starred(["x.md"], True)  # another field of x, only at home
    state_transfer.write_export(home, tmp_path / "home.json")
    state_transfer.write_export(work, tmp_path / "work.json")

    merged = _store(tmp_path, "merged", blog)
    state_transfer.import_file(merged, tmp_path / "home.json")
    state_transfer.import_file(merged, tmp_path / "work.json")
    assert merged.get("x.md") == (False, True, 0.0)  # work's later unread, home's star
    assert merged.get("y.md") == (False, False, 0.0)  # home's later unread
    # An older export never undoes a mark made later.
    old = tmp_path / "old.json"
    state_transfer.write_export(merged, old)
    time.sleep(0.01)
    merged.set_read(["x.md"], True)
    assert state_transfer.import_file(merged, old)[0] == 0
    assert merged.get("x.md") == (True, True, 0.0)


def _good() -> dict:
    return {
        "format": "jianbao-reading-data",
        "version": 1,
        "libraries": {
            "/somewhere/blog": {
                "posts": {
                    "a.md": {"read": True, "changed": {"read": "2026-01-01T00:00:00+00:00"}},
                    "b.md": {"starred": True, "changed": {"starred": "2026-01-01T00:00:00+00:00"}},
                }
            }
        },
    }


def _bad(data: dict, path: str, value) -> dict:
    """`path`: keys joined by "|"."""
    *parents, last = path.split("|")
    node = data
    for part in parents:
        node = node[part]
    node[last] = value
    return data


@pytest.mark.parametrize(
    "content, says",
    [
        (b"{not json", "not a JSON file"),
        (b"\xff\xfe", "not a JSON file"),
        (json.dumps({"format": "other", "version": 1}).encode(), "not a Jianbao reading-data file"),
        (json.dumps(_bad(_good(), "version", 9)).encode(), "version 9 is not known"),
        (json.dumps(_bad(_good(), "libraries", [])).encode(), "malformed"),
        (json.dumps(_bad(_good(), "libraries|/somewhere/blog|posts|b.md|starred", "yes")).encode(), "malformed"),
        (
            json.dumps(_bad(_good(), "libraries|/somewhere/blog|posts|b.md|changed|starred", "soon")).encode(),
            "malformed",
        ),
        (
            json.dumps(_bad(_good(), "libraries|/somewhere/blog|posts|b.md|changed|hue", "2026-01-01")).encode(),
            "malformed",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_name_and_writes_nothing(tmp_path, content, says):
    state = _store(tmp_path, "d", tmp_path / "blog")
    state.set_read(["kept.md"], True)
    before = state.all_marks()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(TransferError, match=says) as caught:
        state_transfer.import_file(state, bad)
    assert str(bad) in str(caught.value)
    assert state.all_marks() == before


def test_a_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(state_transfer, "MAX_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(_good()), encoding="utf-8")
    with pytest.raises(TransferError, match="too large"):
        state_transfer.import_file(_store(tmp_path, "d", tmp_path / "blog"), big)


def test_an_old_state_file_is_migrated_in_place_keeping_every_mark(tmp_path):
    """A version-1 file (one `updated` per row): the columns are added, each field's time is that `updated`."""
    path = tmp_path / "data" / "state.sqlite"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE marks (library TEXT NOT NULL, path TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0, "
        "starred INTEGER NOT NULL DEFAULT 0, position REAL NOT NULL DEFAULT 0, "
        "updated REAL NOT NULL DEFAULT 0, PRIMARY KEY (library, path)) WITHOUT ROWID"
    )
    db.executemany(
        "INSERT INTO marks VALUES (?, ?, ?, ?, ?, ?)",
        [("k", "a.md", 1, 0, 0.25, 1000.0), ("k", "b.md", 0, 1, 0.0, 2000.0)],
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    state = StateStore(path, "k")
    assert state.get("a.md") == (True, False, 0.25) and state.get("b.md") == (False, True, 0.0)
    assert [row[:8] for row in state.all_marks()] == [
        ("k", "a.md", 1, 0, 0.25, 1000.0, 1000.0, 1000.0),
        ("k", "b.md", 0, 1, 0.0, 2000.0, 2000.0, 2000.0),
    ]
    state.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    db.close()
    # Exported as a library named by its key (its folder was never recorded), and imported back the same.
    again = StateStore(path, "k")
    data = state_transfer.export_data(again)
    assert list(data["libraries"]) == ["key:k"]
    fresh = StateStore(tmp_path / "fresh" / "state.sqlite", "k")
    (tmp_path / "e.json").write_text(json.dumps(data), encoding="utf-8")
    state_transfer.import_file(fresh, tmp_path / "e.json")
    assert _marks(fresh) == _marks(again)
