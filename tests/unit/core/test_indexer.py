"""The indexer's phases on a pool: results come in order, and only a few chunks are ahead of the writer."""

from __future__ import annotations

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
    phase = indexer.run_phase("text", chunked, list(range(indexer._CHUNK * 100)), lambda done: None,
                              lambda: workers.own.submitted > 20, workers)
    with pytest.raises(Cancelled):
        for _ in phase:
            pass
    assert workers.own.submitted < 25
