"""core/mapped.py: the pages of index files mapped by this process given back (MADV_PAGEOUT), their
contents and the search results unchanged, anonymous memory never touched."""

from __future__ import annotations

import ctypes
import mmap
import os
import random
import sys

import pytest

from reader.core import fulltext, mapped
from reader.core.fulltext import FullText

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="madvise and /proc/self/maps are Linux's")
_MB = 1 << 20


def _resident(start: int) -> int:
    """The resident bytes of this process's mapping that begins at `start`, and of the pieces madvise
    split it into after it (/proc/self/smaps: a range with other advice is a mapping of its own)."""
    total, inside, path = 0, False, None
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and not fields[0].endswith(":"):
                name = fields[5] if len(fields) > 5 else None
                if int(fields[0].partition("-")[0], 16) == start:
                    path = name
                inside = path is not None and name == path
            elif inside and fields[0] == "Rss:":
                total += int(fields[1]) * 1024
    assert path is not None, f"no mapping at {start:#x}"
    return total


def _mapped_file(folder, size):
    folder.mkdir(parents=True, exist_ok=True)
    data = random.Random(7).randbytes(size)
    (folder / "seg.pos").write_bytes(data)
    with open(folder / "seg.pos", "rb") as file:
        view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # PROT_READ, MAP_SHARED: as Tantivy's
    return data, view


@linux
def test_the_resident_pages_of_a_mapped_index_file_are_given_back_and_read_again_the_same(tmp_path):
    data, view = _mapped_file(tmp_path / "index", 8 * _MB)
    try:
        assert view[-100:] == data[-100:]  # a file's last page read, as a reload reads Tantivy's footers
        ((start, end, resident),) = mapped.mappings(tmp_path / "index")
        assert end - start == 8 * _MB and resident == _resident(start) <= 4 * _MB  # a large folio at most
        assert mapped.release(tmp_path / "index", least=resident + 1) == 0  # so little is left where it is
        assert _resident(start) == resident
        assert view[:] == data  # every page read: resident
        assert mapped.mappings(tmp_path / "index")[0][2] == _resident(start) >= 7 * _MB
        assert mapped.release(tmp_path / "index") >= 7 * _MB
        assert _resident(start) < 1 * _MB
        assert view[-1] == data[-1] and _resident(start) > 0  # the pages last read were kept
        assert view[:] == data  # faulted in again, the same bytes
    finally:
        view.close()


@linux
def test_only_the_folders_own_read_only_shared_mappings_are_found(tmp_path):
    _, view = _mapped_file(tmp_path / "index", _MB)
    _, other = _mapped_file(tmp_path / "index-2", _MB)  # a folder whose name only begins the same
    with open(tmp_path / "index" / "seg.pos", "rb") as file:
        private = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_COPY)  # MAP_PRIVATE: not Tantivy's kind
    try:
        assert [end - start for start, end, _ in mapped.mappings(tmp_path / "index")] == [_MB]
        assert mapped.mappings(tmp_path / "nothing") == [] and mapped.release(tmp_path / "nothing") == 0
    finally:
        for each in (view, other, private):
            each.close()


@linux
def test_pageout_keeps_what_anonymous_memory_holds():
    """What makes a stale range harmless: a range read from /proc/self/maps may be unmapped by a Tantivy
    thread and mapped again as anonymous memory before the madvise; MADV_PAGEOUT keeps its contents."""
    if mapped._CALL is None:
        pytest.skip("this kernel has no MADV_PAGEOUT")
    block = mmap.mmap(-1, 4 * _MB)
    data = os.urandom(4 * _MB)
    block[:] = data
    address = ctypes.addressof(ctypes.c_char.from_buffer(block))
    try:
        assert mapped._CALL(address, 4 * _MB, mapped._MADV_PAGEOUT) == 0
        assert block[:] == data
    finally:
        del address
        block.close()


def _docs(n, seed):
    rng = random.Random(seed)
    words = ["经济", "市场", "新闻", "中国", "battery", "price", "汽车", "发布", "价格", "网络"]
    return [
        {"doc": i, "ts": i, "title": " ".join(rng.choices(words, k=3)), "body": " ".join(rng.choices(words, k=40))}
        for i in range(n)
    ]


def _build(folder, batches):
    text = FullText(folder, create=True)
    for batch in batches:
        text.write(batch, [])
    return text


def _hits(text):
    searcher = text.searcher()
    found = []
    for query in ("经济", "市场 价格", '"中国 新闻"', "battery", "汽车 -发布"):
        parsed = text.index.parse_query(query, ["title", "body"])
        hits = searcher.search(parsed, limit=searcher.num_docs).hits
        docs = searcher.fast_field_values("doc", [address for _, address in hits])
        found.append(sorted((round(score, 4), doc) for (score, _), doc in zip(hits, docs, strict=True)))
    return found


def test_searches_find_the_same_after_merges_whose_pages_were_given_back(tmp_path, monkeypatch):
    batches = [_docs(300, seed) for seed in range(12)]  # 12 commits: Tantivy merges 8 segments into one
    for b, batch in enumerate(batches):
        for doc in batch:
            doc["doc"] += 1000 * b
    given = []
    release = mapped.release
    monkeypatch.setattr(mapped, "_PERIOD", 0.001)
    monkeypatch.setattr(mapped, "_LEAST", 1)  # a small index: every page
    monkeypatch.setattr(mapped, "_KEPT", 0)
    monkeypatch.setattr(mapped, "release", lambda folder: given.append(release(folder)) or given[-1])
    plain = _build(tmp_path / "plain", batches)
    given_back = given.copy()
    with monkeypatch.context() as no_release:
        no_release.setattr(mapped, "_CALL", None)
        other = _build(tmp_path / "other", batches)
    try:
        assert plain.searcher().num_segments < 12  # merged
        assert _hits(plain) == _hits(other)
        if sys.platform.startswith("linux") and mapped._CALL is not None:
            assert sum(given_back) > 0  # while the merges ran
            mapped.release(plain.folder)
            assert _hits(plain) == _hits(other)
    finally:
        plain.close()
        other.close()


def test_elsewhere_nothing_is_given_back(tmp_path, monkeypatch):
    monkeypatch.setattr(mapped, "_CALL", None)
    assert mapped.release(tmp_path) == 0
    with mapped.released_meanwhile(tmp_path, period=0.001):
        pass
    monkeypatch.setattr(sys, "platform", "darwin")
    assert mapped._madvise() is None
    assert fulltext.mapped is mapped
