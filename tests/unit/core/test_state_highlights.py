"""Highlights in the reading state: kept per library, notes edited, deletions kept as tombstones, schema 3 -> 4
migration keeping every mark, and export/import merging highlights."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from reader.core import state as state_module
from reader.core import state_transfer
from reader.core.highlights import Anchor
from reader.core.state import StateStore
from reader.paths import library_key


@pytest.fixture(autouse=True)
def _no_pending(monkeypatch):
    monkeypatch.setattr(state_module, "_PENDING", {})


def _anchor(exact: str, position: int = 0) -> Anchor:
    return Anchor(exact, "before ", " after", position)


def test_add_list_note_delete(tmp_path):
    state = StateStore(tmp_path / "state.sqlite", "lib", str(tmp_path))
    other = StateStore(tmp_path / "state.sqlite", "other")
    first = state.add_highlight("a.md", _anchor("第一句"), title="标题")
    time.sleep(0.01)
    second = state.add_highlight("b.md", _anchor("second"), note="  why  ")
    other.add_highlight("a.md", _anchor("elsewhere"))
    assert [h.id for h in state.highlights()] == [second.id, first.id]  # newest first, this library only
    assert [h.anchor.exact for h in state.highlights("a.md")] == ["第一句"]
    assert state.highlights("b.md")[0].note == "why" and state.highlights("a.md")[0].title == "标题"
    assert state.set_note(first.id, "a note") and state.highlights("a.md")[0].note == "a note"
    state.set_detached({first.id: True})
    assert state.highlights("a.md")[0].detached
    state.delete_highlight(first.id)
    assert [h.id for h in state.highlights()] == [second.id]
    assert not state.set_note(first.id, "too late")
    tomb = [row for row in state.all_highlights("lib") if row[1] == first.id][0]
    assert tomb[-2] == 1 and tomb[3] == ""  # kept as a tombstone, its quote emptied
    state.close()
    other.close()


def test_version_3_file_gains_highlights_and_keeps_every_mark(tmp_path):
    path = tmp_path / "state.sqlite"
    state = StateStore(path, "lib", str(tmp_path))
    state.set_read(["a.md", "b.md"], True)
    state.set_starred(["a.md"], True)
    state.set_position("c.md", 0.25)
    state.save_search("Economy", "经济", ["category:news"])
    marks_before, searches_before = state.all_marks(), state.all_searches()
    state.close()
    db = sqlite3.connect(path)  # what schema 3 wrote: no highlights table
    db.execute("DROP TABLE highlights")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    state = StateStore(path, "lib", str(tmp_path))
    assert state.all_marks() == marks_before and state.all_searches() == searches_before
    assert state.get("a.md") == (True, True, 0.0) and state.get("c.md") == (False, False, 0.25)
    state.add_highlight("a.md", _anchor("x"))
    assert len(state.highlights()) == 1
    state.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    db.close()


def _export(state: StateStore, path) -> dict:
    state_transfer.write_export(state, path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_merging_two_exports_keeps_newer_notes_and_deletions(tmp_path):
    blog = tmp_path / "blog"
    key = library_key(blog)
    home = StateStore(tmp_path / "home" / "state.sqlite", key, str(blog))
    kept = home.add_highlight("a.md", _anchor("kept quote", 40), note="old note")
    dropped = home.add_highlight("a.md", _anchor("dropped quote"))
    first = _export(home, tmp_path / "first.json")
    assert first["version"] == 3
    assert first["libraries"][str(blog)]["highlights"][kept.id]["exact"] == "kept quote"
    work = StateStore(tmp_path / "work" / "state.sqlite", key, str(blog))
    assert state_transfer.import_file(work, tmp_path / "first.json")[0] == 2
    time.sleep(0.01)
    work.set_note(kept.id, "newer note, made at work")  # newer than home's
    work_only = work.add_highlight("b.md", _anchor("from work"))
    time.sleep(0.01)
    home.delete_highlight(dropped.id)  # newer than work's copy
    _export(work, tmp_path / "work.json")
    _export(home, tmp_path / "home.json")
    for state, other in ((home, "work.json"), (work, "home.json")):
        state_transfer.import_file(state, tmp_path / other)
    for state in (home, work):
        found = {h.id: h for h in state.highlights()}
        assert set(found) == {kept.id, work_only.id}
        assert found[kept.id].note == "newer note, made at work"
        assert found[kept.id].anchor == _anchor("kept quote", 40)
    # The first, older export brings back neither the deleted highlight nor the old note.
    assert state_transfer.import_file(home, tmp_path / "first.json")[0] == 0
    assert {h.id for h in home.highlights()} == {kept.id, work_only.id}
    assert home.highlights("a.md")[0].note == "newer note, made at work"
    home.close()
    work.close()


def test_a_malformed_highlight_refuses_the_whole_file(tmp_path):
    blog = tmp_path / "blog"
    state = StateStore(tmp_path / "state.sqlite", library_key(blog), str(blog))
    state.set_read(["a.md"], True)
    data = _export(state, tmp_path / "x.json")
    data["libraries"][str(blog)]["highlights"] = {
        "h1": {
            "path": "a.md",
            "exact": "q",
            "prefix": "",
            "suffix": "",
            "position": "12",
            "note": "",
            "title": "",
            "created": "2024-01-01T00:00:00",
            "changed": "2024-01-01T00:00:00",
            "detached": False,
        }
    }
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    fresh = StateStore(tmp_path / "fresh.sqlite", library_key(blog), str(blog))
    with pytest.raises(state_transfer.TransferError, match="position"):
        state_transfer.import_file(fresh, tmp_path / "bad.json")
    assert fresh.all_marks() == [] and fresh.highlights() == []
    state.close()
    fresh.close()
