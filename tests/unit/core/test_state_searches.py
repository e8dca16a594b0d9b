"""Saved searches: kept per library in the reading state, renamed, deleted, migrated into an older file."""

from __future__ import annotations

import sqlite3

from reader.core.library import Library
from reader.core.state import StateStore


def test_save_rename_delete_per_library(tmp_path):
    state = StateStore(tmp_path / "state.sqlite", "lib-a")
    state.save_search("Economy", " 经济 ", ["category:news", "unread:"])
    state.save_search("Alpha", "alpha", [])
    other = StateStore(tmp_path / "state.sqlite", "lib-b")
    assert other.saved_searches() == []
    found = state.saved_searches()
    assert [(s.name, s.query, s.node_ids) for s in found] == [
        ("Alpha", "alpha", ()),
        ("Economy", "经济", ("category:news", "unread:")),
    ]
    assert found[0].created > 0
    assert not state.rename_search("Alpha", "Economy")  # taken
    assert not state.rename_search("Alpha", "  ")
    assert state.rename_search("Alpha", "Beta")
    state.delete_search("Economy")
    assert [s.name for s in state.saved_searches()] == ["Beta"]
    state.close()
    other.close()
    again = StateStore(tmp_path / "state.sqlite", "lib-a")
    assert [s.name for s in again.saved_searches()] == ["Beta"]
    again.close()


def test_version_2_file_gains_the_table_and_keeps_its_marks(tmp_path):
    path = tmp_path / "state.sqlite"
    state = StateStore(path, "lib")
    state.set_read(["a.md"], True)
    state.close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE searches")
    db.execute("DROP TABLE highlights")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    state = StateStore(path, "lib")
    assert state.get("a.md")[0] is True
    state.save_search("x", "y", [])
    assert [s.name for s in state.saved_searches()] == ["x"]
    state.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    db.close()


def test_saved_searches_survive_a_deleted_index(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "a.md").write_text("---\ntitle: A\n---\nbanana\n", encoding="utf-8")
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    library.save_search("Fruit", "banana", ["all:"])
    index = library.paths.index_file(library.root)
    library.close()
    index.unlink()
    library = Library(root, data_dir=tmp_path / "data")
    assert [(s.name, s.query) for s in library.saved_searches()] == [("Fruit", "banana")]
    library.close()
