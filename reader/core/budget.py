"""The per-file budget: reading one post may take FILE_CPU_SECONDS of CPU and FILE_MEMORY more memory.

`bounded(func, *args)` runs func within the budget in any thread, or raises TooComplex naming what
ran out. In the main thread (the indexing workers, the CLI, the GUI's refresh process) the CPU
limit is a SIGPROF timer: the kernel counts the CPU time and the signal's handler raises, also in
the middle of a long regular-expression search (`re` checks for signals; it holds the GIL, so no
other thread could step in). In other threads (the window opening a post) a watchdog thread reads
the thread's own CPU clock and raises in it with PyThreadState_SetAsyncExc, which Python delivers
at the thread's next bytecode. The same watchdog checks the process's resident memory.

The interruption derives from BaseException, so that the many `except Exception` of the reading
pipeline ("one odd post must not stop an index run") do not swallow it. Code running in C that
never returns to Python (a regex in a non-main thread, libxml2) cannot be interrupted; such code
is kept linear instead (docs/reliability.md lists every pattern and parser used on post text).
"""

from __future__ import annotations

import ctypes
import math
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

# A MiB of short Markdown lines (the most the indexer reads of a file) renders in about 3 s of CPU;
# a hostile MiB (a 200-column table) took 35 s and 800 MB before tables were capped.
FILE_CPU_SECONDS = 4.0
FILE_MEMORY = 256 * 1024 * 1024
_TICK = 0.02  # how often the watchdog looks
_REFIRE = 0.5  # a thread still over its budget after this long is interrupted again
# Without a per-thread CPU clock (macOS), wall time stands in, with this much more allowed.
_WALL_FACTOR = 4
_HAS_TIMER = hasattr(signal, "setitimer")  # not on Windows: the watchdog measures there
# In files_in_a_row, the timer fires every this much CPU of the process (at most; a 16th of the
# file budget when that is less) and counts the file's ticks.
_TICK_CPU = 0.25

T = TypeVar("T")


class TooComplex(Exception):
    """A file took more than its budget; the message is the problem shown for it."""


class _Interrupt(BaseException):
    """Raised inside the thread that is over its budget (not caught by `except Exception`)."""


class _OverTime(_Interrupt):
    pass


class _OverMemory(_Interrupt):
    pass


def bounded(func: Callable[..., T], *args, cpu: float | None = None, memory: int | None = None) -> T:
    """func(*args), interrupted with TooComplex("too complex to read (...)") when it goes over
    `cpu` seconds of CPU or `memory` bytes more resident memory (by default FILE_CPU_SECONDS and
    FILE_MEMORY). Nested calls share the outer budget."""
    cpu = FILE_CPU_SECONDS if cpu is None else cpu
    memory = FILE_MEMORY if memory is None else memory
    ident = threading.get_ident()
    session = _session
    if session is not None and session.ident == ident:
        return session.run(func, args, cpu, memory)
    if _WATCHDOG.watching(ident):
        return func(*args)
    timer = ident == threading.main_thread().ident and _timer_ready()
    try:
        try:
            _WATCHDOG.watch(ident, _Budget(ident, None if timer else cpu, memory))
            if timer:
                _arm(cpu)
            return func(*args)
        finally:
            _disarm(timer)
            _WATCHDOG.forget(ident)
    except _Interrupt as exc:
        _disarm(timer)  # again, in case the interruption came inside the first ones
        _WATCHDOG.forget(ident)
        raise _too_complex(exc, cpu, memory) from None


def _too_complex(exc: _Interrupt, cpu: float, memory: int) -> TooComplex:
    what = f"over {cpu:g} s of CPU" if isinstance(exc, _OverTime) else f"over {memory >> 20} MB of memory"
    return TooComplex(f"too complex to read ({what})")


@contextmanager
def files_in_a_row() -> Iterator[None]:
    """Within it, the main thread's bounded() files (a chunk of the indexer's workers) share one timer
    and one watchdog look, each file still with its own budget: 0.5 us a file instead of 6-7 (two
    setitimer calls and the watchdog's bookkeeping each), and bounded_each switches files with one
    attribute store. The timer fires every _TICK_CPU of the process's CPU and counts the ticks of the
    file being read (its Ticket), which is stopped at the tick that takes it over its budget (at most a
    tick late); the watchdog takes each file's memory baseline at its first look at it, and a file over
    its memory is interrupted by the same signal, sent to the main thread (_RowMemory). Elsewhere
    (another thread, a profiler's SIGPROF, inside a bounded call) it changes nothing."""
    global _session
    ident = threading.get_ident()
    if _session is not None or ident != threading.main_thread().ident or _WATCHDOG.watching(ident):
        yield
        return
    if not _timer_ready():
        yield
        return
    tick = min(_TICK_CPU, max(FILE_CPU_SECONDS / 16, 0.005))
    session = _session = _Session(ident, tick)
    _WATCHDOG.watch(ident, _RowMemory(session))
    signal.setitimer(signal.ITIMER_PROF, tick, tick)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        _WATCHDOG.forget(ident)  # no memory signal after this
        _session = None


class Ticket:
    """One file's budget over the parts of staged work (bounded_each): the timer ticks its parts took."""

    __slots__ = ("ticks",)

    def __init__(self) -> None:
        self.ticks = 0


def in_a_row() -> bool:
    """Whether this thread is inside files_in_a_row's shared timer (bounded_each may be used)."""
    session = _session
    return session is not None and session.ident == threading.get_ident()


F = TypeVar("F", bound=Ticket)


def bounded_each(func: Callable[[F], object], files: Iterable[F]) -> dict[F, Exception]:
    """func(file) for each file inside files_in_a_row (see in_a_row), each under its own budget of
    FILE_CPU_SECONDS over all its parts (a file is its Ticket: the ticks of its earlier parts count) and
    FILE_MEMORY: the budget is entered once for them all, and switching files is an attribute store
    (bounded() for each took 6-10 us a post of four steps). A file over its budget fails with TooComplex,
    one whose call raises with its exception; the others go on. The failures, by file."""
    session = _session
    assert session is not None and session.ident == threading.get_ident(), "bounded_each outside files_in_a_row"
    failed: dict[F, Exception] = {}
    if session.ticket is not None:  # inside a bounded call: its budget
        for file in files:
            try:
                func(file)
            except Exception as exc:  # noqa: BLE001 - the caller's to report, and the next file goes on
                failed[file] = exc
        return failed
    session.limit, session.memory = session.ticks_for(FILE_CPU_SECONDS), FILE_MEMORY
    session.part += 1
    rest = iter(files)
    while True:
        try:
            try:
                for file in rest:
                    session.ticket = file  # the timer's handler raises only while a file is set: this one
                    try:
                        func(file)
                    except Exception as exc:  # noqa: BLE001 - the caller's to report, and the next file goes on
                        failed[file] = exc
                    session.ticket = None
            finally:
                session.ticket = None
            return failed
        except _Interrupt as exc:  # raised while `file` was set (the handler's rule): that file alone
            failed[file] = _too_complex(exc, FILE_CPU_SECONDS, FILE_MEMORY)


class _Session:
    """The state of files_in_a_row: the file being read (its Ticket, None between files), its budget in
    the timer's ticks and in memory, and a count of the parts run (bounded_each or bounded calls): each
    part of a file has the whole memory budget, from the resident size at the watchdog's first look."""

    __slots__ = ("ident", "tick", "ticket", "limit", "memory", "part")

    def __init__(self, ident: int, tick: float) -> None:
        self.ident = ident
        self.tick = tick
        self.ticket: Ticket | None = None
        self.limit = 0
        self.memory = FILE_MEMORY
        self.part = 0

    def ticks_for(self, cpu: float) -> int:
        return max(1, math.ceil(cpu / self.tick))

    def run(self, func: Callable[..., T], args: tuple, cpu: float, memory: int) -> T:
        """bounded() of one file inside files_in_a_row."""
        if self.ticket is not None:
            return func(*args)  # nested: the outer budget
        self.limit, self.memory = self.ticks_for(cpu), memory
        self.part += 1
        self.ticket = Ticket()
        try:
            try:
                return func(*args)
            finally:
                self.ticket = None  # no interruption after this
        except _Interrupt as exc:
            self.ticket = None
            raise _too_complex(exc, cpu, memory) from None


_session: _Session | None = None
# The file files_in_a_row's watchdog found over its memory: the signal it sent raises in it (_on_timer).
_poked: Ticket | None = None


class _RowMemory:
    """The watchdog's look at files_in_a_row: the memory of the file being read, from the resident size at
    its first look at that file in this part. Over it, the file is named (_poked) and the main thread sent SIGPROF,
    whose handler raises there if that file is still being read: a file that ended meanwhile keeps its
    work, and no other file is blamed (the watchdog never raises in the main thread itself)."""

    __slots__ = ("session", "seen", "part", "rss", "fired")

    def __init__(self, session: _Session) -> None:
        self.session = session
        self.seen: Ticket | None = None
        self.part = 0
        self.rss: int | None = None
        self.fired = 0.0

    def look(self, ident: int) -> None:
        global _poked
        ticket, part = self.session.ticket, self.session.part
        if ticket is None:
            return
        rss = _rss()
        if ticket is not self.seen or part != self.part or self.rss is None:  # the part's first look: its baseline
            self.seen, self.part, self.rss, self.fired = ticket, part, rss, 0.0
            return
        if rss is None or rss - self.rss <= self.session.memory or self.session.ticket is not ticket:
            return
        if time.monotonic() - self.fired >= _REFIRE:  # again if swallowed (see _Budget.look)
            self.fired = time.monotonic()
            _poked = ticket
            signal.pthread_kill(ident, signal.SIGPROF)


class _Budget:
    """The watchdog's look at one bounded() call outside files_in_a_row: its thread's CPU (unless the
    timer measures it) and its memory; over either, the watchdog raises in that thread."""

    __slots__ = ("clock", "started", "cpu", "rss", "memory", "fired")

    def __init__(self, ident: int, cpu: float | None, memory: int) -> None:
        self.clock = _thread_clock(ident) if cpu is not None else None
        self.cpu = cpu if cpu is None or self.clock is not None else cpu * _WALL_FACTOR
        self.started = self.used(0.0) if cpu is not None else 0.0
        self.rss: int | None = None  # read by the watchdog at its first look: a file read in 20 ms costs nothing
        self.memory = memory
        self.fired = 0.0  # monotonic time of the last interruption

    def used(self, since: float) -> float:
        now = time.clock_gettime(self.clock) if self.clock is not None else time.monotonic()
        return now - since

    def over(self) -> type[_Interrupt] | None:
        if self.cpu is not None and self.used(self.started) > self.cpu:
            return _OverTime
        rss = _rss()
        if self.rss is None:
            self.rss = rss
        elif rss is not None and rss - self.rss > self.memory:
            return _OverMemory
        return None

    def look(self, ident: int) -> None:
        # Again (_refire): an interruption delivered inside a gc callback or a __del__ (hypothesis
        # installs one) is swallowed, and the work goes on.
        refire = _REFIRE if self.cpu is None else _refire(self.cpu)
        if self.fired and time.monotonic() - self.fired < refire:
            return
        kind = self.over()
        if kind is None:
            return
        self.fired = time.monotonic()
        _async_raise(ident, kind)


class _Watchdog:
    """The one thread of a process that checks every budget and interrupts the threads over theirs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._budgets: dict[int, _Budget | _RowMemory] = {}
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._wake = threading.Event()
        self._sleeping = True  # waiting for _wake: no budget for a while

    def watching(self, ident: int) -> bool:
        return ident in self._budgets

    def watch(self, ident: int, budget: _Budget | _RowMemory) -> None:
        with self._lock:
            self._budgets[ident] = budget
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._pid = os.getpid()  # a forked child has no watchdog thread: start its own
                self._thread = threading.Thread(target=self._run, name="jianbao-file-budget", daemon=True)
                self._thread.start()
            if self._sleeping:
                self._sleeping = False
                self._wake.set()

    def forget(self, ident: int) -> None:
        with self._lock:
            budget = self._budgets.pop(ident, None)
            if isinstance(budget, _Budget) and budget.fired:
                _async_raise(ident, None)  # cancel an interruption not yet delivered

    def _run(self) -> None:
        idle = 0  # ticks without a budget: files come one after another, so it sleeps only after a while
        while True:
            if idle > 50:
                with self._lock:
                    self._sleeping = not self._budgets
                    if self._sleeping:
                        self._wake.clear()
                self._wake.wait()
                idle = 0
            time.sleep(_TICK)
            with self._lock:
                idle = 0 if self._budgets else idle + 1
                for ident, budget in list(self._budgets.items()):
                    budget.look(ident)


_WATCHDOG = _Watchdog()
_armed = False  # the SIGPROF timer is running for a budget of the main thread
_timer_installed = False


def _timer_ready() -> bool:
    """Whether the main thread's budget can use the SIGPROF timer (installing its handler once)."""
    global _timer_installed
    if _timer_installed or not _HAS_TIMER:
        return _timer_installed
    if signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, None):
        return False  # a profiler uses it: the watchdog measures instead
    signal.signal(signal.SIGPROF, _on_timer)
    _timer_installed = True
    return True


def _arm(cpu: float) -> None:
    global _armed
    _armed = True
    # Fired again (_refire) until disarmed: an exception raised while a weakref callback, a gc
    # callback or __del__ runs (a GC in the middle of the work) is swallowed, and the work goes on.
    signal.setitimer(signal.ITIMER_PROF, cpu, _refire(cpu))


def _disarm(timer: bool) -> None:
    global _armed
    if timer:
        _armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)


def _refire(cpu: float) -> float:
    """When to interrupt again work whose interruption was swallowed: a quarter of its budget, at
    least 50 ms (the hook that reports a swallowed exception must end first: an interruption
    inside it broke pytest's), at most _REFIRE."""
    return min(_REFIRE, max(cpu / 4, 0.05))


def _on_timer(_signum, _frame) -> None:
    global _poked
    session = _session
    if session is not None:
        ticket, poked = session.ticket, _poked
        if poked is not None:  # the watchdog's signal (_RowMemory), not the timer's: no tick
            _poked = None
            if poked is ticket:
                raise _OverMemory()
        elif ticket is not None:
            ticket.ticks += 1
            if ticket.ticks > session.limit:  # raised again at each tick if swallowed
                raise _OverTime()
        return
    if _armed:  # a signal already on its way when the work ended is ignored
        raise _OverTime()


def _async_raise(ident: int, kind: type[_Interrupt] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(kind) if kind else None)


def _thread_clock(ident: int) -> int | None:
    try:
        return time.pthread_getcpuclockid(ident)
    except (AttributeError, OSError):
        return None


def _rss() -> int | None:
    """The process's resident memory in bytes (Linux), or None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
