"""The indexer's phases on a pool: results come in order, and only a few chunks are ahead of the writer."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest

from reader.core import indexer
from reader.core.errors import Cancelled
from reader.core.types import Site


class _Pool:
    """Runs each chunk at once, counting what was handed out."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, func, *args) -> Future:
        self.submitted += 1
        future: Future = Future()
        future.set_result(func(*args))
        return future


class _Workers:
    def __init__(self) -> None:
        self.own = _Pool()

    def pool(self) -> _Pool:
        return self.own


@pytest.fixture
def chunked(monkeypatch):
    monkeypatch.setattr(indexer, "_text_chunk", lambda site, chunk: list(chunk))
    monkeypatch.setattr(indexer.os, "cpu_count", lambda: 2)
    return Site("folder", Path("/nonexistent"), Path("/nonexistent"))


def test_only_a_few_chunks_are_ahead_of_the_writer(chunked):
    items = list(range(indexer._CHUNK * 100))
    workers = _Workers()
    seen, ahead = [], []
    for result in indexer.run_phase("text", chunked, items, lambda done: None, lambda: False, workers):
        ahead.append(workers.own.submitted - len(seen) - 1)
        seen.extend(result)
    assert seen == items  # all of them, in order
    assert max(ahead) == indexer._IN_FLIGHT  # 100 chunks, never more than 16 held at once


def test_cancelling_stops_handing_out_chunks(chunked):
    workers = _Workers()
    phase = indexer.run_phase(
        "text",
        chunked,
        list(range(indexer._CHUNK * 100)),
        lambda done: None,
        lambda: workers.own.submitted > 20,
        workers,
    )
    with pytest.raises(Cancelled):
        for _ in phase:
            pass
    assert workers.own.submitted < 25


def test_the_workers_start_during_the_scan_once_enough_posts_changed(tmp_path, monkeypatch):
    posts = tmp_path / "notes"
    posts.mkdir()
    for n in range(6):
        (posts / f"{n}.md").write_text(f"# Note {n}\n", encoding="utf-8")
    site = Site("folder", tmp_path, tmp_path)
    states = {rel: (n, f.mtime_ns, f.size) for n, (rel, f) in enumerate(indexer.scan(site).posts.items())}
    monkeypatch.setattr(indexer, "_POOL_THRESHOLD", 3)
    monkeypatch.setattr(indexer, "_WARM_SAMPLE", 3)

    class Counting:
        warmed = 0

        def warm(self, _site) -> None:
            self.warmed += 1

    unchanged = Counting()
    indexer.scan_diff(site, states, workers=unchanged)  # type: ignore[arg-type]
    two_changed = Counting()
    indexer.scan_diff(site, dict(list(states.items())[2:]), workers=two_changed)  # type: ignore[arg-type]
    four_changed = Counting()
    diff = indexer.scan_diff(site, dict(list(states.items())[4:]), workers=four_changed)  # type: ignore[arg-type]
    assert (unchanged.warmed, two_changed.warmed, four_changed.warmed) == (0, 0, 1)
    assert diff.added == 4


class _Counting:
    warmed = 0

    def warm(self, _site) -> None:
        self.warmed += 1


def test_a_re_open_starts_the_workers_as_soon_as_the_share_changed_says_enough_will_be(tmp_path, monkeypatch):
    """1% of 100k changed: the share of the posts met so far that changed, not their count, starts the workers,
    so that their start overlaps the walk (_WARM_SAMPLE)."""
    for n in range(10):
        (tmp_path / f"{n}.md").write_text(f"# Note {n}\n", encoding="utf-8")
    site = Site("folder", tmp_path, tmp_path)
    on_disk = {rel: (n, f.mtime_ns, f.size) for n, (rel, f) in enumerate(indexer.scan(site).posts.items(), 1)}
    monkeypatch.setattr(indexer, "_POOL_THRESHOLD", 20)
    monkeypatch.setattr(indexer, "_WARM_SAMPLE", 2)
    # Every post met has changed, and the index knows 100: at that share the walk will find 100, over the 20.
    changed = {rel: (n, mtime + 1, size) for rel, (n, mtime, size) in on_disk.items()}
    known = changed | {f"gone-{n}.md": (100 + n, 1, 1) for n in range(90)}
    all_changed = _Counting()
    diff = indexer.scan_diff(site, known, workers=all_changed)  # type: ignore[arg-type]
    assert (all_changed.warmed, len(diff.changed)) == (1, 10)  # 10 in all: their count would not have started them
    # Two of the ten changed: at that share the walk finds 2, under the 20.
    two = dict(list(on_disk.items())[:8]) | dict(list(changed.items())[8:])
    two_changed = _Counting()
    diff = indexer.scan_diff(site, two, workers=two_changed)  # type: ignore[arg-type]
    assert (two_changed.warmed, len(diff.changed)) == (0, 2)


def test_a_workers_warm_up_imports_all_that_its_first_post_needs(tmp_path):
    (tmp_path / "_posts").mkdir()
    post = tmp_path / "_posts" / "2024-01-02-a.md"
    post.write_text(
        "---\ntitle: 中文标题\ntags: [a]\n---\n# 标题\n\n*正文* [link](b.md)\n\n<p>html</p>\n", encoding="utf-8"
    )
    before = post.stat().st_mtime_ns
    printed = _in_a_fresh_interpreter(
        tmp_path,
        "indexer._warm_up(site)\n"
        "loaded = set(sys.modules)\n"
        "[(row, links, text, _)] = indexer._metadata_chunk(site, ['_posts/2024-01-02-a.md'], with_text=True)\n"
        "assert text.body and row[1] == '中文标题', (row, text)\n"
        "print(sorted(set(sys.modules) - loaded))\n",
    )
    assert printed == "[]"  # nothing left to import after the walk
    assert post.stat().st_mtime_ns == before and sorted(p.name for p in tmp_path.rglob("*")) == [
        "2024-01-02-a.md",
        "_posts",
    ]


def test_a_warm_up_without_text_leaves_the_text_path_for_later(tmp_path):
    # A refresh without text (full_text=False) warms its workers for the metadata phase only: the
    # text path's imports (markdown-it, lxml) are not paid, and a metadata chunk imports nothing more.
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-02-a.md").write_text("---\ntitle: 中文\ntags: [a]\n---\n*x* [l](b.md)\n")
    printed = _in_a_fresh_interpreter(
        tmp_path,
        "indexer._warm_up(site, text=False)\n"
        "loaded = set(sys.modules)\n"
        "[(row, links, text, _)] = indexer._metadata_chunk(site, ['_posts/2024-01-02-a.md'])\n"
        "assert row[1] == '中文' and text is None, row\n"
        "print(sorted(set(sys.modules) - loaded), 'markdown_it' in loaded, 'lxml' in loaded)\n",
    )
    assert printed == "[] False False"


def _in_a_fresh_interpreter(library: Path, code: str) -> str:
    """What `code` prints in a new Python process (the modules it loads are its own), with `site` the
    Jekyll site at `library` and `sys` and `indexer` imported; the process must succeed."""
    preamble = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.core import indexer\n"
        "from reader.core.types import Site\n"
        f"site = Site('jekyll', Path({str(library)!r}), Path({str(library)!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", preamble + code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_chunk_reads_its_files_ahead_of_parsing_them_within_a_cap(tmp_path, monkeypatch):
    # _metadata_chunk reads a run of files before parsing them (the caches), holding at most
    # _READ_AHEAD bytes: with a cap of 250 bytes, posts of 100 come three at a time. An unreadable
    # file (a folder where a post was) holds no bytes and gives its row with the reason, in its place.
    posts = tmp_path / "_posts"
    posts.mkdir()
    names = [f"2024-01-{day:02d}-p.md" for day in range(1, 8)]
    for name in names:
        (posts / name).write_text("---\ntitle: t\n---\n" + "x" * (100 - 18), encoding="utf-8")
    (posts / "2024-01-04-p.md").unlink()
    (posts / "2024-01-04-p.md").mkdir()
    site = Site("jekyll", tmp_path, tmp_path)
    runs: list[int] = []
    real_index_posts = indexer.index_posts
    monkeypatch.setattr(
        indexer, "index_posts", lambda site, run, *args: runs.append(len(run)) or real_index_posts(site, run, *args)
    )
    monkeypatch.setattr(indexer, "_READ_AHEAD", 250)
    rows = indexer._metadata_chunk(site, [f"_posts/{name}" for name in names])
    assert runs == [3, 4]
    assert [row[0] for row, *_ in rows] == [f"_posts/{name}" for name in names]
    assert [bool(row[7]) and "cannot be read" in row[7] for row, *_ in rows] == [False] * 3 + [True] + [False] * 3


def test_a_worker_gives_its_heap_back_once_before_its_first_text_chunk(tmp_path, monkeypatch):
    # What the metadata phase's chunks freed, glibc keeps (14-56 MB a worker at 60,000 posts): the text
    # phase's peak would carry it. Trimmed once, not after every chunk (that cost 10% more CPU).
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-p.md").write_text("---\ntitle: 标题\n---\n正文", encoding="utf-8")
    site = Site("jekyll", tmp_path, tmp_path)
    trims: list[int] = []
    monkeypatch.setattr(indexer.heap, "trim", lambda: trims.append(1))
    monkeypatch.setattr(indexer, "_trimmed", False)  # as in a new worker process
    for _ in range(3):
        rows = indexer._text_chunk(site, [(1, "_posts/2024-01-01-p.md", "标题")])
        assert rows[0].post_id == 1
    assert trims == [1]
