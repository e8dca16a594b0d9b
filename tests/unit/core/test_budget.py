"""Tests for reader.core.budget: bounded() returns what the work returns, and turns work over its CPU or
memory budget into TooComplex, which says what ran out, in the main thread and in others.

tests/reliability/test_file_budget.py tries the budget on every path a post is read by (regex, memory,
swallowed exceptions, the worker processes, the window); these are the quick checks of the function."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from reader.core import budget
from reader.core.budget import Ticket, TooComplex, bounded, bounded_each, files_in_a_row


def _spin_swallowing() -> None:
    """Work that catches every Exception, as the reading pipeline does: the budget still stops it."""
    while True:
        with contextlib.suppress(Exception):
            sum(range(1000))


def _in_thread(func):
    """func() run in a thread of a pool: its result, or the exception it raised."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(func)
        return future.exception(timeout=20) or future.result()


def test_work_within_its_budget_returns_its_result():
    assert bounded(lambda a, b: a + b, 2, 3) == 5
    assert bounded(sorted, [3, 1, 2], cpu=1.0, memory=1 << 20) == [1, 2, 3]


def test_the_works_own_errors_pass_through_unchanged():
    def fail():
        raise ValueError("bad post")

    with pytest.raises(ValueError, match="bad post"):
        bounded(fail)
    assert bounded(lambda: "again") == "again"  # nothing left armed


def test_too_complex_is_an_ordinary_exception_with_the_problem_as_message():
    assert issubclass(TooComplex, Exception)
    began = time.monotonic()
    with pytest.raises(TooComplex) as caught:
        bounded(_spin_swallowing, cpu=0.2)
    assert str(caught.value) == "too complex to read (over 0.2 s of CPU)"
    assert time.monotonic() - began < 10


def test_a_thread_other_than_main_is_stopped_too():
    error = _in_thread(lambda: bounded(_spin_swallowing, cpu=0.2))
    assert isinstance(error, TooComplex) and "over 0.2 s of CPU" in str(error)


def _grow() -> str:
    """8 MB more every 2 ms, up to 512 MB (a budget that does not stop it fails the test, not the machine)."""
    hoard = []
    while len(hoard) < 64:
        hoard.append(bytearray(8 << 20))
        time.sleep(0.002)
    return "not stopped"


def test_memory_over_the_budget_is_named_in_the_message():
    error = _in_thread(lambda: bounded(_grow, cpu=30, memory=48 << 20))
    assert isinstance(error, TooComplex) and str(error) == "too complex to read (over 48 MB of memory)"


def test_each_file_on_the_main_thread_gets_a_whole_budget():
    # The indexer's workers read one file after another on their main thread: a file after one that ran
    # out gets a whole budget, and one over it is still stopped.
    for _ in range(2):
        with pytest.raises(TooComplex, match="over 48 MB of memory"):
            bounded(_grow, memory=48 << 20)
        assert bounded(lambda: "next file", memory=48 << 20) == "next file"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_forked_child_watches_its_own_budgets():
    bounded(len, "")  # the parent's watchdog thread runs; a child of a fork has none
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's exit code says what happened
        try:
            bounded(_grow, memory=48 << 20)
        except TooComplex:
            os._exit(0)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_nested_calls_share_the_outer_budget():
    def inner():
        time.sleep(0.05)
        return "inner done"

    # The inner budget (1 ms of CPU) is not applied: the outer one is the file's budget.
    assert bounded(lambda: bounded(inner, cpu=0.001), cpu=5) == "inner done"


def test_files_in_a_row_each_get_a_whole_budget():
    # The indexer's workers read a chunk of files under one timer (files_in_a_row): each file is still
    # stopped at its own budget, with the same message, and the next one gets a whole budget again.
    began = time.monotonic()
    with files_in_a_row():
        for _ in range(2):
            with pytest.raises(TooComplex) as caught:
                bounded(_spin_swallowing, cpu=0.3)
            assert str(caught.value) == "too complex to read (over 0.3 s of CPU)"
            started = time.process_time()
            assert bounded(lambda: sum(range(300_000)), cpu=0.3) == sum(range(300_000))
            assert time.process_time() - started < 0.3
        with pytest.raises(TooComplex, match="over 48 MB of memory"):
            bounded(_grow, memory=48 << 20)
        assert bounded(lambda: bounded(lambda: "nested", cpu=0.001), cpu=5) == "nested"
    assert time.monotonic() - began < 20
    assert bounded(lambda: "after the row") == "after the row"  # nothing left armed


def test_files_in_a_row_spread_over_many_files_stop_none():
    # Ticks of the shared timer are counted per file: 40 files of 0.02 s each (0.8 s in all, more than
    # the 0.3 s each may take) all finish.
    def work() -> int:
        end = time.process_time() + 0.02
        while time.process_time() < end:
            pass
        return 1

    with files_in_a_row():
        assert sum(bounded(work, cpu=0.3) for _ in range(40)) == 40


def test_files_in_a_row_off_the_main_thread_is_the_ordinary_budget():
    def in_a_row():
        with files_in_a_row():
            return bounded(_spin_swallowing, cpu=0.2)

    error = _in_thread(in_a_row)
    assert isinstance(error, TooComplex) and "over 0.2 s of CPU" in str(error)


class _File(Ticket):
    """A file of bounded_each: its work, and whether that work ended."""

    def __init__(self, work) -> None:
        super().__init__()
        self.work = work
        self.ended = False

    def read(self) -> None:
        self.work()
        self.ended = True


def _fail() -> None:
    raise ValueError("an odd file")


def test_bounded_each_stops_the_files_over_their_budget_alone(monkeypatch):
    # bounded_each enters the budget once for a run of files: a slow file and a greedy one in the
    # middle are stopped with their own messages, one that raises keeps its error, the others all end.
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.3)
    monkeypatch.setattr(budget, "FILE_MEMORY", 48 << 20)
    files = [_File(w) for w in (lambda: None, _spin_swallowing, lambda: None, _grow, _fail, lambda: None)]
    began = time.monotonic()
    with files_in_a_row():
        failed = bounded_each(_File.read, files)
        assert {files.index(f): str(exc) for f, exc in failed.items()} == {
            1: "too complex to read (over 0.3 s of CPU)",
            3: "too complex to read (over 48 MB of memory)",
            4: "an odd file",
        }
        assert [f.ended for f in files] == [True, False, True, False, False, True]
        assert isinstance(failed[files[1]], TooComplex) and isinstance(failed[files[4]], ValueError)
        assert bounded(lambda: "a file after them") == "a file after them"
    assert time.monotonic() - began < 20


def test_bounded_each_counts_a_files_parts_together(monkeypatch):
    # A file's parts (one bounded_each per step) share its budget: 0.2 s in each of two parts is over
    # 0.3 s, 0.2 s in one part is not (margins of a few of the timer's 19 ms ticks).
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.3)

    def spin(seconds: float) -> None:
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass

    files = [_File(lambda: None) for _ in range(3)]
    with files_in_a_row():
        first = bounded_each(lambda f: spin(0.2 if f is not files[2] else 0), files)
        second = bounded_each(lambda f: spin(0.2 if f is files[0] else 0), files)
    assert first == {} and list(second) == [files[0]]
    assert str(second[files[0]]) == "too complex to read (over 0.3 s of CPU)"


def test_a_memory_signal_for_a_file_that_has_ended_blames_no_other():
    # The watchdog names the file over its memory and signals the main thread: the handler raises only
    # if that file is still being read, so a signal arriving after it ended stops nothing else.
    files = [_File(lambda: None) for _ in range(2)]

    def poke(file: _File) -> None:
        budget._poked = files[0]
        signal.raise_signal(signal.SIGPROF)
        sum(range(1000))  # the handler runs here

    with files_in_a_row():
        failed = bounded_each(poke, files)
    assert list(failed) == [files[0]] and str(failed[files[0]]).endswith("MB of memory)")
    assert budget._poked is None
