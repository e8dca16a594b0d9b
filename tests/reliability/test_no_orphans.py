"""Nothing outlives the app: indexing workers and the refresh process end with the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.generate import generate
from reader.core.errors import Cancelled
from reader.gui.refresh_process import refresh_in_process
from tests.reliability.helpers import REPO
from tests.reliability.helpers import alive as _alive
from tests.reliability.helpers import wait_for as _wait_for

# End to end: real processes (the CLI, the refresh process, their worker pools) killed or cancelled,
# and their children looked for.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc"),
]


def _children(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        kids = _children(todo.pop())
        out |= kids
        todo.extend(kids)
    return out


def _spawned_by_refresh(pids: set[int]) -> set[int]:
    """Leave out multiprocessing's resource tracker: it belongs to the test process, not to a refresh."""

    def cmdline(pid: int) -> bytes:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return b""

    return {p for p in pids if b"resource_tracker" not in cmdline(p)}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A few thousand posts: enough for the worker pool and for a refresh that is still running."""
    return generate(tmp_path_factory.mktemp("orphans") / "lib", 3000, seed=11)


def test_sigkill_of_the_cli_leaves_no_worker_running(library, tmp_path):
    cli = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path / "data"), "index", str(library)],
        cwd=str(REPO),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: len(_children(cli.pid)) >= 2, 60), "the CLI never started its workers"
        workers = _descendants(cli.pid)
        os.kill(cli.pid, signal.SIGKILL)
        cli.wait()
        assert _wait_for(lambda: not any(_alive(p) for p in workers), 2.0), [p for p in workers if _alive(p)]
    finally:
        if cli.poll() is None:
            cli.kill()


def test_cancelling_a_gui_refresh_ends_its_process_and_workers_at_once(library, tmp_path):
    cancel = threading.Event()
    seen: list[str] = []
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(
                refresh_in_process(library, tmp_path / "data", lambda phase, *_: seen.append(phase), cancel.is_set)
            )
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    me = os.getpid()
    try:
        assert _wait_for(lambda: "metadata" in seen and len(_spawned_by_refresh(_descendants(me))) >= 3, 60), seen
        spawned = _spawned_by_refresh(_descendants(me))
        began = time.monotonic()
        cancel.set()
        thread.join(5)
        took = time.monotonic() - began
        assert isinstance(outcome[0], Cancelled), outcome
        assert took < 0.3, f"cancelling took {took:.2f} s"
        assert _wait_for(lambda: not any(_alive(p) for p in spawned), 2.0), [p for p in spawned if _alive(p)]
    finally:
        cancel.set()
        thread.join(30)
