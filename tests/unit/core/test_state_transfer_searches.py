"""Saved searches in the reading-data file (version 2): exported, merged (the newer of a name wins), checked."""

from __future__ import annotations

import json

import pytest

from reader.core import state_transfer
from reader.core.state import StateStore
from reader.core.state_transfer import TransferError
from reader.paths import library_key


def _store(tmp_path, name: str, root) -> StateStore:
    return StateStore(tmp_path / name / "state.sqlite", library_key(root), str(root))


def test_saved_searches_travel_and_the_newer_of_a_name_wins(tmp_path):
    root = tmp_path / "blog"
    home = _store(tmp_path, "home", root)
    home.save_search("Econ", "jingji", ["category:keji"])
    home.set_read(["a.md"], True)
    export = tmp_path / "out.json"
    state_transfer.write_export(home, export)
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["version"] == 3
    assert data["libraries"][str(root)]["searches"]["Econ"]["nodes"] == ["category:keji"]

    away = _store(tmp_path, "away", root)
    away.save_search("Econ", "newer query", ["all:"])  # saved after the export: kept
    away.save_search("Other", "x", [])
    changed, posts = state_transfer.import_file(away, export)
    assert (changed, posts) == (1, 1)  # the read mark; the older "Econ" changed nothing
    assert [(s.name, s.query) for s in away.saved_searches()] == [("Econ", "newer query"), ("Other", "x")]

    fresh = _store(tmp_path, "fresh", root)
    state_transfer.import_file(fresh, export)
    assert [(s.name, s.query, s.node_ids) for s in fresh.saved_searches()] == [("Econ", "jingji", ("category:keji",))]
    for store in (home, away, fresh):
        store.close()


def test_a_version_1_file_still_imports(tmp_path):
    root = tmp_path / "blog"
    state = _store(tmp_path, "d", root)
    old = tmp_path / "v1.json"
    old.write_text(
        json.dumps(
            {
                "format": "jianbao-reading-data",
                "version": 1,
                "libraries": {
                    str(root): {"posts": {"a.md": {"read": True, "changed": {"read": "2026-01-01T00:00:00+00:00"}}}}
                },
            }
        ),
        encoding="utf-8",
    )
    assert state_transfer.import_file(state, old) == (1, 1)
    assert state.get("a.md")[0] is True
    state.close()


@pytest.mark.parametrize(
    "search",
    [
        {"query": "q", "nodes": "all:", "created": "2026-01-01"},
        {"query": 5, "nodes": [], "created": "2026-01-01"},
        {"query": "q", "nodes": []},
    ],
)
def test_a_bad_saved_search_refuses_the_file(tmp_path, search):
    root = tmp_path / "blog"
    state = _store(tmp_path, "d", root)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "jianbao-reading-data",
                "version": 2,
                "libraries": {str(root): {"posts": {}, "searches": {"S": search}}},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(TransferError, match="malformed"):
        state_transfer.import_file(state, bad)
    assert state.saved_searches() == []
    state.close()
