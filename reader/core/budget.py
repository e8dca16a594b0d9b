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
from collections.abc import Callable, Iterator
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
            _WATCHDOG.watch(ident, None if timer else cpu, memory)
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
    and one watchdog budget, each file still with its own budget: 0.5 us a file instead of 6-7 (two
    setitimer calls and the watchdog's bookkeeping each). The timer fires every _TICK_CPU of the
    process's CPU (_TICK_CPU), and a file is stopped at the tick that takes it over its budget (at
    most a tick late). Elsewhere (another thread, a profiler's SIGPROF, inside a bounded call) it changes nothing."""
    global _session
    ident = threading.get_ident()
    if _session is not None or ident != threading.main_thread().ident or _WATCHDOG.watching(ident):
        yield
        return
    if not _timer_ready():
        yield
        return
    tick = min(_TICK_CPU, max(FILE_CPU_SECONDS / 16, 0.005))
    _session = _Session(ident, _WATCHDOG.watch(ident, None, FILE_MEMORY, active=False), tick)
    signal.setitimer(signal.ITIMER_PROF, tick, tick)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        _session = None
        _WATCHDOG.forget(ident)


class Ticket:
    """One file's budget over the parts of staged work (bounded_part): the timer ticks its parts took."""

    __slots__ = ("ticks",)

    def __init__(self) -> None:
        self.ticks = 0


def in_a_row() -> bool:
    """Whether this thread is inside files_in_a_row's shared timer (bounded_part may be used)."""
    session = _session
    return session is not None and session.ident == threading.get_ident()


def bounded_part(ticket: Ticket, func: Callable[..., T], *args) -> T:
    """One part of a file's work inside files_in_a_row (see in_a_row), under the file's one budget of
    FILE_CPU_SECONDS: the ticks of its earlier parts count (the CPU check), each part has the memory
    budget. Raises TooComplex as bounded does."""
    session = _session
    assert session is not None and session.ident == threading.get_ident(), "bounded_part outside files_in_a_row"
    return session.run(func, args, FILE_CPU_SECONDS, FILE_MEMORY, ticket)


class _Session:
    """The state of files_in_a_row: the file being read (active), its timer ticks and its budget."""

    __slots__ = ("ident", "budget", "tick", "active", "ticks", "limit")

    def __init__(self, ident: int, budget: _Budget, tick: float) -> None:
        self.ident = ident
        self.budget = budget
        self.tick = tick
        self.active = False
        self.ticks = 0
        self.limit = 0

    def run(self, func: Callable[..., T], args: tuple, cpu: float, memory: int, ticket: Ticket | None = None) -> T:
        if self.active:
            return func(*args)  # nested: the outer budget
        self.ticks, self.limit = ticket.ticks if ticket else 0, max(1, math.ceil(cpu / self.tick))
        _WATCHDOG.start_file(self.budget, memory)
        self.active = True
        try:
            try:
                return func(*args)
            finally:
                self.active = False
                _WATCHDOG.end_file(self.ident, self.budget)
                if ticket:
                    ticket.ticks = self.ticks
        except _Interrupt as exc:
            self.active = False
            _WATCHDOG.end_file(self.ident, self.budget)
            raise _too_complex(exc, cpu, memory) from None


_session: _Session | None = None


class _Budget:
    __slots__ = ("clock", "started", "cpu", "rss", "memory", "fired", "active")

    def __init__(self, ident: int, cpu: float | None, memory: int, active: bool = True) -> None:
        self.active = active  # False between the files of files_in_a_row: nothing to check
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


class _Watchdog:
    """The one thread of a process that checks every budget and interrupts the threads over theirs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._budgets: dict[int, _Budget] = {}
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._wake = threading.Event()
        self._sleeping = True  # waiting for _wake: no budget for a while

    def watching(self, ident: int) -> bool:
        return ident in self._budgets

    def watch(self, ident: int, cpu: float | None, memory: int, active: bool = True) -> _Budget:
        budget = _Budget(ident, cpu, memory, active)
        with self._lock:
            self._budgets[ident] = budget
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._pid = os.getpid()  # a forked child has no watchdog thread: start its own
                self._thread = threading.Thread(target=self._run, name="jianbao-file-budget", daemon=True)
                self._thread.start()
            if self._sleeping:
                self._sleeping = False
                self._wake.set()
        return budget

    def start_file(self, budget: _Budget, memory: int) -> None:
        """A file of files_in_a_row begins: a whole memory budget from the resident size at the next look."""
        with self._lock:
            budget.memory, budget.rss, budget.fired, budget.active = memory, None, 0.0, True

    def end_file(self, ident: int, budget: _Budget) -> None:
        with self._lock:
            budget.active = False
            if budget.fired:
                _async_raise(ident, None)  # cancel an interruption not yet delivered

    def forget(self, ident: int) -> None:
        with self._lock:
            budget = self._budgets.pop(ident, None)
            if budget is not None and budget.fired:
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
                    if budget.active:
                        self._check(ident, budget)

    def _check(self, ident: int, budget: _Budget) -> None:
        # Again (_refire): an interruption delivered inside a gc callback or a __del__ (hypothesis
        # installs one) is swallowed, and the work goes on.
        refire = _REFIRE if budget.cpu is None else _refire(budget.cpu)
        if budget.fired and time.monotonic() - budget.fired < refire:
            return
        kind = budget.over()
        if kind is None:
            return
        budget.fired = time.monotonic()
        _async_raise(ident, kind)


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
    session = _session
    if session is not None:
        if session.active:
            session.ticks += 1
            if session.ticks > session.limit:  # raised again at each tick if swallowed
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
