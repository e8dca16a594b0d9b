"""Tests for reader.core.schema: a fresh index gets every table, an older one is migrated step by step
keeping its rows, a newer one is refused, and a failing step leaves the file as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.core import schema
from reader.core.parse import parse_post
from reader.core.store_rows import ROW_COLUMNS, meta_row
from reader.core.types import Site


def _db(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)  # autocommit, as the Store opens it


def _version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def test_a_fresh_index_gets_every_table_at_the_current_version(tmp_path):
    db = _db(tmp_path / "index.db")
    assert schema.migrate(db) == 0  # the version found
    assert _version(db) == schema.VERSION == len(schema.MIGRATIONS)
    assert schema.missing_tables(db) == []


def test_migrating_an_index_at_the_current_version_changes_nothing(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db)
    before = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.migrate(db) == schema.VERSION
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_a_fresh_index_takes_a_real_posts_row(tmp_path):
    site = Site("jekyll", tmp_path, tmp_path)
    meta = parse_post(site, "_posts/2022-01-21-a.md", "---\ntitle: 标题\ncategories: 财经\n---\n正文\n".encode()).meta
    db = _db(tmp_path / "index.db")
    schema.migrate(db)
    db.execute(
        f"INSERT INTO posts (id, {ROW_COLUMNS}) VALUES (1, {','.join('?' * len(meta_row(meta)))})", meta_row(meta)
    )
    assert db.execute("SELECT path, title, day, category FROM posts").fetchone() == (
        "_posts/2022-01-21-a.md",
        "标题",
        "2022-01-21",
        "财经",
    )


def test_a_first_version_index_is_migrated_keeping_its_posts(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db, target=1)
    old_meta = {
        "path": "a.md",
        "title": "甲",
        "categories": ["财经", "科技"],
        "tags": [],
        "draft": False,
        "authors": ["张三"],
    }
    db.execute(
        "INSERT INTO posts (path, stem, title, title_fold, cats, meta) VALUES (?, ?, ?, ?, ?, ?)",
        ("a.md", "a", "甲", "甲", "财经\x1f科技", json.dumps(old_meta, ensure_ascii=False)),
    )
    assert schema.migrate(db) == 1
    assert _version(db) == schema.VERSION and schema.missing_tables(db) == []
    path, category, meta = db.execute("SELECT path, category, meta FROM posts").fetchone()
    assert (path, category) == ("a.md", "财经")  # step 2 fills the first category
    assert json.loads(meta) == {"authors": ["张三"]}  # step 3 drops what columns hold


def test_an_index_of_a_newer_program_is_refused_untouched(tmp_path):
    db = _db(tmp_path / "index.db")
    db.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    with pytest.raises(schema.NewerVersion):
        schema.migrate(db)
    assert _version(db) == schema.VERSION + 1
    assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_a_failing_step_rolls_back_to_the_last_good_version(tmp_path, monkeypatch):
    def broken_step(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken_step])
    db = _db(tmp_path / "index.db")
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db, target=schema.VERSION + 1)
    assert _version(db) == schema.VERSION  # every good step is kept
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_file_missing_tables_is_found_out(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db)
    db.execute("DROP TABLE skipped")
    db.execute("DROP TABLE labels")
    assert schema.missing_tables(db) == ["labels", "skipped"]


def test_version_7_computes_stem_category_and_the_folded_title_keeping_its_posts(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db, target=7)
    db.executemany(
        "INSERT INTO posts (id, path, stem, title, title_fold, cats, meta, permalink)"
        " VALUES (?, ?, ?, ?, ?, ?, '{}', ?)",
        [
            (1, "_posts/2022-01-21-a.md", "2022-01-21-a", "经济", "经济", "财经\x1f科技", None),
            (2, "b.md", "b", "Apple", "apple", "", "/x"),
        ],
    )
    assert schema.migrate(db) == 7
    rows = db.execute("SELECT id, stem, category, title_fold, fold FROM posts ORDER BY id").fetchall()
    assert rows == [(1, "2022-01-21-a", "财经", "经济", None), (2, "b", None, "apple", "apple")]
    assert db.execute("SELECT id FROM posts WHERE stem = 'b'").fetchall() == [(2,)]
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT id FROM posts WHERE permalink = '/x'"))
    assert "posts_permalink" in plan  # its index leaves out the posts without a permalink, and is still used


def test_version_7_stopped_in_a_first_build_gets_its_indexes_back(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db, target=7)
    found = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'posts_%'").fetchall()
    for name, _sql in found:  # as Store.defer_indexes leaves a bulk load that never finished
        db.execute(f'DROP INDEX "{name}"')
    db.execute("INSERT INTO info VALUES ('deferred_indexes', ?)", (json.dumps([sql for _name, sql in found]),))
    schema.migrate(db)
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'posts_%'")}
    assert have == {name for name, _sql in found} | {"posts_problems"}  # step 9's
    assert db.execute("SELECT count(*) FROM info WHERE key = 'deferred_indexes'").fetchone()[0] == 0


def test_version_9_counts_the_posts_with_a_problem_from_an_index_of_them(tmp_path):
    db = _db(tmp_path / "index.db")
    schema.migrate(db, target=8)
    db.executemany(
        "INSERT INTO posts (id, path, title, meta, error) VALUES (?, ?, 't', '{}', ?)",
        [(1, "a.md", None), (2, "b.md", "line 3: bad YAML"), (3, "c.md", None)],
    )
    assert schema.migrate(db) == 8
    count = "SELECT count(*) FROM posts p WHERE p.error IS NOT NULL"  # as Queries.count asks it
    assert db.execute(count).fetchone()[0] == 1
    assert "posts_problems" in " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {count}"))
