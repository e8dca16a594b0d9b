"""index_forms' tables kept in the cache folder (forms_cache): made once, read back whole, made again when the
file is missing, damaged or not theirs; the workers of a refresh keep them in the library's cache folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core import cjk, forms_cache, indexer
from reader.core.types import Site

TABLES = ([1, "a", 3], [4, "bb"], ".?[^a]+")


def _valid(tables: object) -> bool:
    return isinstance(tables, tuple) and len(tables) == 3


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(forms_cache, "_folder", None)  # restored after the test: other tests make their own
    forms_cache.use_folder(tmp_path / "cache")
    return tmp_path / "cache"


def _made(calls: list) -> tuple:
    calls.append(1)
    return TABLES


def test_without_a_folder_the_tables_are_made_each_time(monkeypatch, tmp_path):
    monkeypatch.setattr(forms_cache, "_folder", None)
    calls: list = []
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES
    assert len(calls) == 2 and forms_cache.path() is None


def test_the_tables_are_made_once_then_read_back(folder):
    calls: list = []
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES
    kept = forms_cache.path()
    assert kept is not None and kept.parent == folder and kept.exists()
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == [kept.name]  # no partial file left behind


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],  # cut short
        lambda data: data[:20] + bytes([data[20] ^ 0xFF]) + data[21:],  # a byte changed
        lambda data: b"",
    ],
)
def test_a_damaged_file_is_made_again_and_replaced(folder, damage):
    calls: list = []
    forms_cache.kept(lambda: _made(calls), _valid)
    kept = forms_cache.path()
    assert kept is not None
    kept.write_bytes(damage(kept.read_bytes()))
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES
    assert len(calls) == 2
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES and len(calls) == 2  # whole again


def test_tables_that_are_not_valid_are_made_again(folder):
    calls: list = []
    forms_cache.kept(lambda: ([0], [0]), _valid)  # kept, but not what `valid` accepts
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES and len(calls) == 1


def test_the_file_is_named_by_the_python_and_the_sources(folder, monkeypatch):
    first = forms_cache.path()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert forms_cache.path() != first
    monkeypatch.undo()
    here = Path(forms_cache.__file__).parent
    assert all((here / name).exists() for name in forms_cache.SOURCES)  # every source it is keyed by is there


def test_a_folder_that_cannot_be_written_still_gives_the_tables(tmp_path, monkeypatch):
    monkeypatch.setattr(forms_cache, "_folder", None)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    forms_cache.use_folder(tmp_path / "file" / "cache")
    calls: list = []
    assert forms_cache.kept(lambda: _made(calls), _valid) == TABLES and len(calls) == 1


def test_cjk_tables_read_back_are_the_tables_made(folder, monkeypatch):
    made = cjk._made_tables()
    assert cjk._tables_valid(made)
    first = forms_cache.kept(cjk._made_tables, cjk._tables_valid)  # made and kept
    monkeypatch.setattr(cjk, "_made_tables", lambda: pytest.fail("made again"))
    assert forms_cache.kept(cjk._made_tables, cjk._tables_valid) == first == made


def test_a_refreshs_workers_keep_the_tables_in_its_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(forms_cache, "_folder", None)
    cache = tmp_path / "cache"
    site = Site("folder", tmp_path, tmp_path)
    with indexer.Workers(cache=cache) as workers:
        workers.pool().submit(indexer._warm_up, site, True).result(timeout=120)  # a worker's text path
    assert len(list(cache.glob("index-forms-*.marshal"))) == 1
