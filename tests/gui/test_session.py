"""The session: one staleness rule for every query, writes in order, nothing waiting lost on closing."""

from __future__ import annotations

import threading

import pytest

from reader.core.library import Library
from reader.gui import article_warmup
from reader.gui.search import SearchController
from reader.gui.session import WARM_UP_AFTER_LIST_MS, Session
from reader.gui.tasks import PerThread, TaskRunner

WAIT_MS = 2 * WARM_UP_AFTER_LIST_MS


class _ManualRunner(TaskRunner):
    """Keeps submitted calls so a test decides when, and in which order, they finish."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def submit(self, fn, *args, on_done=None, on_error=None, **_kw):
        self.calls.append((fn, args, on_done, on_error))

    def finish(self, n):
        fn, args, on_done, _ = self.calls[n]
        on_done(fn(*args))


@pytest.fixture
def session(qtbot, library_dir, data_dir):
    library = Library(library_dir, data_dir=data_dir)
    library.refresh()
    runner = _ManualRunner()
    session = Session(library, runner, data_dir)
    yield session
    session.close()


def test_an_answer_is_dropped_when_a_newer_question_of_its_kind_was_asked(session):
    got = []
    session.ask("list", lambda lib, tag: tag, "old", on_done=got.append)
    session.ask("tree", lambda lib, tag: tag, "tree", on_done=got.append)
    session.ask("list", lambda lib, tag: tag, "new", on_done=got.append)
    runner = session._runner
    runner.finish(2)
    runner.finish(0)  # arrives late: dropped
    runner.finish(1)  # another kind: not stale
    assert got == ["new", "tree"]


def test_no_answer_arrives_after_the_session_closed(session):
    got = []
    session.ask(None, lambda lib: lib.count(), on_done=got.append)
    session.close()
    session._runner.finish(0)
    assert got == []


def test_writes_run_one_at_a_time_in_order_and_waiting_ones_are_written_on_close(session):
    ids = session.library.list_ids()
    session.write(Library.set_read, [ids[0]], True)
    session.write(Library.set_read, [ids[0]], False)  # waits for the first
    session.write(Library.set_starred, ids[1], True)
    runner = session._runner
    assert len(runner.calls) == 1
    runner.finish(0)
    assert len(runner.calls) == 2  # the second starts once the first is done
    session.close()  # the write handed to a worker and the star still waiting are written now, in order
    library = Library(session.root, data_dir=session._data_dir)
    rows = {s.id: s for s in library.summaries(ids[:2])}
    assert rows[ids[1]].starred and not rows[ids[0]].read
    library.close()


def test_stale_search_results_are_dropped(session):
    controller = SearchController(delay_ms=0)
    controller.set_session(session)
    got = []
    controller.results.connect(lambda query, hits: got.append((query, len(hits), (hits.indexed, hits.total))))
    controller.set_query("熊猫")
    controller.run_now()
    controller.set_query("报道")
    controller.run_now()
    runner = session._runner
    runner.finish(1)
    runner.finish(0)  # arrives late: ignored
    assert [g[0] for g in got] == ["报道"]
    assert got[0][1] > 1 and got[0][2][0] == got[0][2][1]  # the whole text is indexed


def test_the_warm_up_runs_once_after_the_first_list_is_delivered(qtbot, session):
    warmed, got = [], []
    session.warm_up(lambda lib: warmed.append(lib.root))
    session.ask("tree", lambda lib: "tree", on_done=got.append)
    session.ask("list", lambda lib: "list", on_done=got.append)
    runner = session._runner
    runner.finish(0)
    qtbot.wait(WAIT_MS)
    assert len(runner.calls) == 2 and not warmed  # a tree answer is not the list
    runner.finish(1)
    assert got == ["tree", "list"] and len(runner.calls) == 2  # not at once: the list paints first
    qtbot.waitUntil(lambda: len(runner.calls) == 3, timeout=2000)
    runner.finish(2)
    assert warmed == [session.root]
    session.ask("list", lambda lib: "again", on_done=got.append)
    runner.finish(3)
    qtbot.wait(WAIT_MS)
    assert len(runner.calls) == 4 and warmed == [session.root]  # once


def test_a_list_asked_on_the_window_runs_the_reading_warm_up(qtbot, make_window, library_dir, monkeypatch):
    threads = []
    monkeypatch.setattr(article_warmup, "warm_up", lambda setup: threads.append(threading.get_ident()))
    window = make_window(library_dir, runner=TaskRunner())
    qtbot.waitUntil(lambda: window.reading.view_warm_up.started, timeout=10000)  # after the workers' part
    assert threads and threading.main_thread().ident not in threads
    assert len(threads) == len(set(threads)) <= window.runner.threads()  # once a worker thread


def test_no_warm_up_once_the_session_closed(qtbot, session):
    session.warm_up(lambda lib: None)
    session.ask("list", lambda lib: "list", on_done=lambda _: None)
    session._runner.finish(0)
    session.close()
    qtbot.wait(WAIT_MS)
    assert len(session._runner.calls) == 1  # the warm-up was not asked for


def test_each_worker_thread_keeps_one_handle_and_closing_closes_them_all():
    opened, closed = [], []

    def open_handle():
        opened.append(object())
        return opened[-1]

    workers = PerThread(open_handle, closed.append)
    first = workers.run(lambda handle, n: (handle, n), 1)
    assert workers.run(lambda handle: handle) is first[0] and first[1] == 1  # the same thread: kept
    started, release, other = threading.Event(), threading.Event(), []

    def busy(handle):
        other.append(handle)
        started.set()
        release.wait(10)

    running = threading.Thread(target=lambda: workers.run(busy))
    running.start()
    started.wait(10)
    assert other[0] is not first[0] and len(opened) == 2  # another thread: a handle of its own
    workers.close()  # the idle one now; the busy one is its job's to close
    assert closed == [first[0]]
    release.set()
    running.join()
    assert closed == [first[0], other[0]] and len(opened) == 2


def test_a_pool_thread_opens_the_index_once_for_all_its_jobs(qtbot, library_dir, data_dir):
    # A Qt pool thread runs each job under a new Python thread state: a threading.local would be empty again
    library = Library(library_dir, data_dir=data_dir)
    library.refresh()
    library.close()
    runner = TaskRunner(max_threads=1)
    workers = PerThread(lambda: Library(library_dir, data_dir=data_dir), Library.close)
    stores = []
    for _ in range(3):
        runner.submit(workers.run, lambda lib: lib._store(), on_done=stores.append)
    qtbot.waitUntil(lambda: len(stores) == 3, timeout=10000)
    assert stores[0] is stores[1] is stores[2]
    workers.close()
    runner.shutdown()
