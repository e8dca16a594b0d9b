"""Faults: a killed indexer, damaged databases and a full or unusable data dir lose nothing and are reported."""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate import generate
from reader.core import state as state_module
from reader.core import store as store_module
from reader.core.errors import StateError, StoreError
from reader.core.library import Library
from reader.core.state import StateStore
from reader.core.types import PostFilter
from reader.paths import AppPaths, library_key
from tests.reliability.helpers import REPO, run_cli, small_site, tmpfs
from tests.unit.core.test_state import Lock

N_POSTS = 3000


def _marks(state_file: Path) -> list[tuple]:
    db = sqlite3.connect(state_file)
    try:
        return sorted(db.execute("SELECT library, path, read, starred, position FROM marks"))
    finally:
        db.close()


def _start_index(root: Path, data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data_dir), "index", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=str(REPO),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,
    )


def _check_consistent(library: Library, root: Path) -> None:
    """Every row names a file that exists, and every text row belongs to a post."""
    paths = {s.path for s in library.summaries(library.list_ids())}
    assert all((root / p).is_file() for p in paths)
    done, total = library.text_progress()
    assert 0 <= done <= total == library.count() == len(paths)


@pytest.mark.slow  # 106 s: twenty killed indexer runs
def test_sigkill_of_the_indexer_twenty_times(tmp_path, data_dir):
    root = generate(tmp_path / "lib", N_POSTS, seed=3)
    posts = sorted((root / "_posts").iterdir())
    library = Library(root, data_dir=data_dir)
    library.refresh(full_text=False)
    ids = library.list_ids()
    library.set_read(ids[:200], True)
    for post_id in ids[:20]:
        library.set_starred(post_id, True)
        library.set_position(post_id, 0.25)
    library.close()
    state_file = AppPaths.for_user(data_dir).state_file
    index_file = AppPaths.for_user(data_dir).index_file(root)
    marks = _marks(state_file)
    assert len(marks) == 200
    rng = random.Random(6)
    started = time.monotonic()  # a whole cold build, here, sets the kill times: a fixed range of
    assert _start_index(root, tmp_path / "probe").wait() == 0  # seconds missed most builds once they got fast
    whole = time.monotonic() - started
    killed_at = []
    for round_ in range(20):
        work = rng.random()
        if work < 0.3:  # a cold build: the index is gone
            for suffix in ("", "-wal", "-shm"):
                Path(str(index_file) + suffix).unlink(missing_ok=True)
        elif work < 0.6:  # a few hundred posts changed: re-parse and re-index their text
            for path in rng.sample(posts, 300):
                path.write_text(path.read_text(encoding="utf-8") + f"\n<p>更新{round_}</p>\n", encoding="utf-8")
        proc = _start_index(root, data_dir)
        delay = rng.uniform(0.15, 0.7) * whole
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes, as a crash would
            proc.wait()
        killed_at.append((round(delay, 2), proc.returncode))
        library = Library(root, data_dir=data_dir)  # the next open works
        try:
            assert library.state.recovered is None
            _check_consistent(library, root)
            assert _marks(state_file) == marks
            report = library.refresh(full_text=round_ % 5 == 4)
            assert library.count() == N_POSTS, (round_, report)
            if round_ % 5 == 4:
                assert library.text_progress() == (N_POSTS, N_POSTS)
                assert library.search("更新") or work >= 0.3
            assert len(library.list_ids(PostFilter(starred=True))) == 20
        finally:
            library.close()
    print("\nkilled at (seconds, return code):", killed_at)
    assert sum(code == -signal.SIGKILL for _, code in killed_at) >= 5  # 13 of 20 here


_STATE_WRITER = """
import sys, time
from pathlib import Path
from reader.core.state import StateStore
state = StateStore(Path(sys.argv[1]), "lib")
print("ready", flush=True)
n = 0
while True:
    state.set_read([f"p{n}-{i}" for i in range(100)], True)  # one transaction of 100 rows
    n += 1
"""


def test_killed_state_writes_are_all_or_nothing(tmp_path):
    state_file = tmp_path / "state.sqlite"
    for delay in (0.3, 0.7, 1.1):
        proc = subprocess.Popen(
            [sys.executable, "-c", _STATE_WRITER, str(state_file)],
            stdout=subprocess.PIPE,
            cwd=str(REPO),
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = StateStore(state_file, "lib")
        try:
            assert state.recovered is None
        finally:
            state.close()
        rows = _marks(state_file)
        assert rows and len(rows) % 100 == 0  # never part of a transaction


def _indexed(root: Path, data_dir: Path) -> Path:
    library = Library(root, data_dir=data_dir)
    library.refresh()
    library.set_starred(library.list_ids()[0], True)
    library.close()
    return AppPaths.for_user(data_dir).index_file(root)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed-header"])
def test_corrupt_index_is_rebuilt_and_the_user_told(damage, tmp_path, data_dir):
    root = generate(tmp_path / "lib", 60, seed=2)
    index = _indexed(root, data_dir)
    data = index.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(str(index) + suffix).unlink(missing_ok=True)
    if damage == "garbage":
        index.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        index.write_bytes(data[: len(data) // 3])
    else:
        index.write_bytes(b"\0" * 100 + data[100:])
    library = Library(root, data_dir=data_dir)
    try:
        assert library.rebuilt_reason and "rebuilt" in library.rebuilt_reason
        library.refresh()
        assert library.count() == 60 and library.text_progress() == (60, 60)
        assert len(library.list_posts(PostFilter(starred=True))) == 1  # reading state lives apart: the rebuild kept it
    finally:
        library.close()


def test_cli_tells_the_user_about_a_rebuilt_index(tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    index = _indexed(root, data_dir)
    index.write_bytes(b"this is not a database" * 100)
    proc = run_cli("index", root, data_dir=data_dir)
    assert proc.returncode == 0 and "rebuilt" in proc.stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_state_is_moved_aside_and_reported(damage, tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    state_file = AppPaths.for_user(data_dir).state_file
    state = StateStore(state_file, library_key(root))
    state.set_read([f"p{i}" * 40 for i in range(3000)], True)  # many pages, so a cut really loses some
    state.close()
    for suffix in ("-wal", "-shm"):
        Path(str(state_file) + suffix).unlink(missing_ok=True)
    data = state_file.read_bytes()
    damaged = os.urandom(4096) + data[4096:] if damage == "garbage" else data[: len(data) // 2]
    state_file.write_bytes(damaged)
    library = Library(root, data_dir=data_dir)
    try:
        assert library.state.recovered and "moved to" in library.state.recovered
        backups = [b for b in state_file.parent.glob("state.sqlite.corrupt-*") if not b.name.endswith(("-wal", "-shm"))]
        assert len(backups) == 1 and backups[0].read_bytes() == damaged  # never silently dropped
        assert time.strftime("%Y%m%d") in backups[0].name
        library.refresh()
        library.set_starred(library.list_ids()[0], True)  # the new state works
        assert library.list_posts()[0].starred or any(s.starred for s in library.list_posts())
    finally:
        library.close()
    proc = run_cli("list", root, data_dir=data_dir)  # a second open does not "recover" again
    assert proc.returncode == 0 and "damaged" not in proc.stderr


def test_data_dir_that_cannot_be_created_gives_a_clear_message(tmp_path):
    root = small_site(tmp_path / "lib")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data dir should be")
    with pytest.raises(StoreError) as caught:
        Library(root, data_dir=blocker)
    assert str(blocker) in str(caught.value)
    proc = run_cli("list", root, data_dir=blocker)
    assert proc.returncode == 1 and "jianbao-cli:" in proc.stderr and str(blocker) in proc.stderr
    assert "Traceback" not in proc.stderr


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_full_disk_gives_a_clear_message_and_reading_still_works(tmp_path, data_dir):
    root = generate(tmp_path / "lib", 300, seed=4)
    first = run_cli("index", root, data_dir=data_dir, preexec=_limit_file_size)
    assert first.returncode == 1, first.stderr
    # SQLite reports EFBIG (the file-size limit standing in for a full disk) as "disk I/O error".
    assert "jianbao-cli:" in first.stderr and "index" in first.stderr, first.stderr
    assert "full" in first.stderr.lower() or "i/o error" in first.stderr.lower(), first.stderr
    assert "Traceback" not in first.stderr
    library = Library(root, data_dir=data_dir)  # without the limit: what was written is usable
    try:
        _check_consistent(library, root)
        library.refresh()
        assert library.count() == 300
    finally:
        library.close()


def test_index_full_mid_refresh_keeps_reading_working(tmp_path, data_dir, monkeypatch):
    root = small_site(tmp_path / "lib")
    library = Library(root, data_dir=data_dir)
    library.refresh()
    library.close()
    for i in range(200):  # new posts that will not fit
        (root / "_posts" / f"2022-06-01-new{i}.md").write_text(f"# 新{i}\n" + "内容" * 3000, encoding="utf-8")
    real_open = store_module.Store._open

    def small_disk(self):
        db = real_open(self)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        return db

    monkeypatch.setattr(store_module.Store, "_open", small_disk)
    library = Library(root, data_dir=data_dir)
    try:
        with pytest.raises(StoreError) as caught:
            library.refresh()
        assert "full" in str(caught.value)
        assert library.count() == 3  # the last good index still lists and reads
        post = library.get_post(library.list_ids()[0])
        assert "经济新闻" in post.text
        library.set_read(library.list_ids(), True)  # the state database is another file: still writable
        assert all(s.read for s in library.list_posts())
    finally:
        library.close()


def _add_post(root: Path, name: str, title: str) -> str:
    rel = f"_posts/2022-08-0{name}-new.md"
    (root / rel).write_text(f"---\ntitle: {title}\n---\n<p>{title}正文</p>\n", encoding="utf-8")
    return rel


def _remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.mark.parametrize("built", [True, False], ids=["index-built", "no-index-yet"])
def test_read_only_cache_folder_keeps_the_index_elsewhere_and_says_so(built, tmp_path, data_dir):
    """Before: Library() raised StoreError "unable to open database file": nothing could be read."""
    root = small_site(tmp_path / "lib")
    with tmpfs(data_dir / "cache", "16m") as mounted:
        if not mounted:
            pytest.skip("needs a tmpfs to remount read-only (root); the fallback itself is tested below")
        if built:
            library = Library(root, data_dir=data_dir)
            library.refresh()
            library.close()
        _remount_read_only(data_dir / "cache")
        library = Library(root, data_dir=data_dir)
        try:
            assert "read-only file system" in library.rebuilt_reason and "index-elsewhere" in library.rebuilt_reason
            assert library.count() == (3 if built else 0)  # the old index was copied
            rel = _add_post(root, "1", "只读之后")
            library.refresh()  # refreshing works too, in the index kept elsewhere
            assert library.count() == 4 and library.search("只读之后")
            assert "经济新闻" in library.get_post(library.list_ids()[-1]).text
            library.set_read([library.post_id(rel)], True)
            assert library.summaries([library.post_id(rel)])[0].read
            other = Library(root, data_dir=data_dir)  # another thread or job finds the same index
            assert other.count() == 4
            other.close()
        finally:
            library.close()


def test_unusable_index_folder_falls_back_everywhere(tmp_path, data_dir, monkeypatch):
    """The same fallback without a mount: the cache folder's path is taken by a file."""
    root = small_site(tmp_path / "lib")
    data_dir.mkdir()
    (data_dir / "cache").write_text("not a folder")
    library = Library(root, data_dir=data_dir)
    try:
        assert str(data_dir / "cache") in library.rebuilt_reason
        library.refresh()
        assert library.count() == 3 and library.text_progress() == (3, 3)
    finally:
        library.close()


def _add_new_posts(root: Path) -> None:
    for i in range(40):
        _add_post(root, str(i % 9 + 1) + f"-{i}", "新" * 2000 + str(i))


def _room_for_the_full_disk_test(tmp_path: Path) -> str:
    """A tmpfs size for the test below: twice what its data folder takes (index, WAL, state) once all
    43 posts are in, measured on a plain folder, so that the index fits back after the filler goes
    whatever the schema's size (a fixed 2 MB stopped fitting when the title collation key came)."""
    root, data = small_site(tmp_path / "sizing-lib"), tmp_path / "sizing-data"
    library = Library(root, data_dir=data)
    try:
        library.refresh()
        _add_new_posts(root)
        library.refresh()
        used = sum(f.stat().st_size for f in data.rglob("*") if f.is_file())  # before close checkpoints the WAL
    finally:
        library.close()
    return f"{max(2, -(-2 * used // (1 << 20)))}m"


def test_full_disk_reading_goes_on_and_marks_are_kept(tmp_path, data_dir):
    """A real ENOSPC: the cache and the state on a small tmpfs, then filled up."""
    root = small_site(tmp_path / "lib")
    with tmpfs(data_dir, _room_for_the_full_disk_test(tmp_path)) as mounted:
        if not mounted:
            pytest.skip("needs a tmpfs to fill (root); a full index is also tested with max_page_count above")
        library = Library(root, data_dir=data_dir)
        try:
            library.refresh()
            ids = library.list_ids()
            # unbuffered: nothing left to flush at close
            with open(data_dir / "filler", "wb", buffering=0) as filler, pytest.raises(OSError):
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            _add_new_posts(root)
            with pytest.raises(StoreError) as caught:
                library.refresh()
            assert "full" in str(caught.value) or "disk" in str(caught.value), caught.value
            assert library.count() >= 3 and "经济新闻" in library.get_post(ids[0]).text  # reading goes on
            path = library.summaries(ids[:1])[0].path
            with pytest.raises(StateError) as caught:
                library.set_starred(ids[0], True)
            assert "kept" in str(caught.value)
            assert library.state.get(path)[1]  # shown starred meanwhile
            (data_dir / "filler").unlink()
            library.set_read(ids[1:2], True)  # room again: the kept star goes in with this mark
            library.refresh()
            assert library.count() == 43
            assert [s.starred for s in library.summaries(ids[:2])] == [True, False]
            assert library.summaries(ids[1:2])[0].read
        finally:
            library.close()
        assert _marks(AppPaths.for_user(data_dir).state_file)


def test_cache_folder_deleted_while_open(tmp_path, data_dir):
    import shutil

    root = small_site(tmp_path / "lib")
    library = Library(root, data_dir=data_dir)
    try:
        library.refresh()
        ids = library.list_ids()
        shutil.rmtree(data_dir / "cache")
        assert library.count() == 3 and "经济新闻" in library.get_post(ids[0]).text  # the open index still reads
        library.set_read(ids[:1], True)
        read_path = library.summaries(ids[:1])[0].path
        _add_post(root, "1", "删除之后")
        report = library.refresh()  # before: StoreError "attempt to write a readonly database"
        assert report.rebuilt and "deleted" in report.rebuilt
        assert library.index_file.exists() and library.count() == 4 and library.search("删除之后")
        assert [s.path for s in library.list_posts(PostFilter(read=True))] == [read_path]
    finally:
        library.close()


def test_state_locked_by_another_process_reading_goes_on_no_mark_lost(tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(state_module, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(state_module, "_PENDING", {})
    root = small_site(tmp_path / "lib")
    library = Library(root, data_dir=data_dir)
    library.refresh()
    ids = library.list_ids()
    library.close()
    state_file = AppPaths.for_user(data_dir).state_file
    lock = Lock(state_file)
    try:
        library = Library(root, data_dir=data_dir)  # before: 10 s, then the state moved aside as damaged
        assert library.state.recovered is None
        assert library.count() == 3 and "经济新闻" in library.get_post(ids[0]).text
        with pytest.raises(StateError) as caught:
            library.set_read(ids[:2], True)
        assert "another program is using it" in str(caught.value)
        with pytest.raises(StateError):
            library.set_starred(ids[2], True)
    finally:
        lock.release()
    library.set_position(ids[0], 0.5)
    library.close()
    marks = {path: (read, starred) for _lib, path, read, starred, _pos in _marks(state_file)}
    assert sorted(marks.values()) == [(0, 1), (1, 0), (1, 0)]


def test_an_index_locked_by_another_process_is_not_taken_for_an_unusable_folder(tmp_path, data_dir, monkeypatch):
    root = small_site(tmp_path / "lib")

    def locked(self, *args, **kwargs):
        busy = sqlite3.OperationalError("database is locked")
        busy.sqlite_errorcode = 5
        raise StoreError("Cannot open the index: database is locked") from busy

    monkeypatch.setattr(store_module.Store, "__init__", locked)
    with pytest.raises(StoreError, match="locked"):
        Library(root, data_dir=data_dir)
    assert not (data_dir / "data" / "index-elsewhere").exists()
