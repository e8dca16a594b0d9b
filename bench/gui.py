"""The GUI figures: start-up, stalls, list, article and memory, each measured in a real app process (offscreen)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMEOUT_S = 3600  # a cold index of 300k posts
WAIT_FOR = ("list-painted", "refreshed")
BODY_SHARE = 0.5  # as gui_probe's: a post's body is shown when the view holds half as many characters as its file


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIANBAO_TEST_LOG="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    # An installed app has its bytecode compiled: start-up must not be charged for compiling.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def run_app(lib_dir: Path, data: Path, work: Path, article: str | None = None) -> tuple[float, dict]:
    """Start `jianbao --data-dir DATA LIB`, wait for its list to be painted and its refresh to be done (and, given
    the `article` it restores, for that article's body: event "restored"), close it; returns the wall-clock start
    and the events it reported, by name."""
    events: dict[str, dict] = {}
    body = BODY_SHARE * len((lib_dir / article).read_text(encoding="utf-8")) if article else 0
    wait_for = (*WAIT_FOR, "restored") if article else WAIT_FOR
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data), str(lib_dir)],
        env=_env(work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    watchdog = threading.Timer(TIMEOUT_S, proc.kill)
    watchdog.start()
    try:
        for line in proc.stderr:
            if line.startswith("jianbao-test: "):
                event = json.loads(line[len("jianbao-test: ") :])
                events.setdefault(event["event"], event)
                if event["event"] == "article" and event["path"] == article and event["chars"] > body:
                    events.setdefault("restored", event)
                if all(name in events for name in wait_for):
                    break
        proc.send_signal(signal.SIGTERM)  # the app closes its window properly, workers included
        proc.communicate(timeout=60)
    finally:
        watchdog.cancel()
        proc.kill()
    missing = [name for name in wait_for if name not in events]
    if missing:
        raise RuntimeError(f"the app exited ({proc.returncode}) without reporting {missing}")
    return started, events


def _stalls(events: dict) -> tuple[float, int]:
    """The longest stall and the count over 100 ms, from window shown to the later of the events."""
    last = max((events[name] for name in WAIT_FOR), key=lambda e: e["time"])
    return last["longest_stall_ms"], last["stalls_over_100ms"]


def _compile(work: Path) -> None:
    """One run of the app on a small library first, so that every module it imports (the standard
    library's and PySide6's too: the cache prefix holds them all) is compiled, as in an installed app.
    Without it the cold index's first start was charged for compiling them: about 0.5 s of its 1.1 s
    to first rows at 100k."""
    from .generate import generate

    small = generate(work / "lib-compile", 20)
    data = Path(tempfile.mkdtemp(prefix="jianbao-compile-", dir=work))
    try:
        run_app(small, data, work)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _restored_figures(lib_dir: Path, data: Path, work: Path, repeat: int) -> dict[str, float]:
    """Warm starts that restore the article the probe's window left open (the library, its tree node, the article
    and its place): process start to the list painted, and to the restored article's body shown."""
    state = (data / "config" / "window-state.ini").read_text(encoding="utf-8")
    article = re.search(r"^article=(.+)$", state, re.MULTILINE)
    if article is None:
        raise RuntimeError("the probe's window left no article open")
    runs = [run_app(lib_dir, data, work, article.group(1)) for _ in range(repeat)]
    return {
        "GUI warm start, article restored: process start to list painted (s)": statistics.median(
            events["list-painted"]["time"] - started for started, events in runs
        ),
        "GUI warm start, article restored: process start to its body shown (s)": statistics.median(
            events["restored"]["time"] - started for started, events in runs
        ),
    }


def gui_figures(lib_dir: Path, work: Path, repeat: int) -> dict[str, float]:
    """Index `lib_dir` (with generate.add_big_post's post in it) cold in the app, start it warm
    `repeat` times, then drive its window (gui_probe)."""
    data = Path(tempfile.mkdtemp(prefix="jianbao-gui-", dir=work))
    try:
        figures: dict[str, float] = {}
        _compile(work)
        started, cold = run_app(lib_dir, data, work)
        figures["GUI cold index: process start to first rows painted (s)"] = cold["list-painted"]["time"] - started
        longest, count = _stalls(cold)
        figures["GUI cold index: longest event-loop stall (ms)"] = longest
        figures["GUI cold index: stalls over 100 ms (count)"] = count
        warm = [run_app(lib_dir, data, work) for _ in range(repeat)]
        figures["GUI warm start: process start to list painted (s)"] = statistics.median(
            events["list-painted"]["time"] - started for started, events in warm
        )
        figures["GUI warm start: longest event-loop stall (ms)"] = statistics.median(
            _stalls(events)[0] for _, events in warm
        )
        figures["GUI warm start: stalls over 100 ms (count)"] = max(_stalls(events)[1] for _, events in warm)
        probe = subprocess.run(
            [sys.executable, "-m", "bench.gui_probe", str(lib_dir), str(data), str(repeat)],
            env=_env(work),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        if probe.returncode:
            raise RuntimeError(f"bench.gui_probe failed ({probe.returncode}):\n{probe.stderr[-3000:]}")
        figures |= json.loads(probe.stdout.strip().splitlines()[-1])
        return figures | _restored_figures(lib_dir, data, work, repeat)
    finally:
        shutil.rmtree(data, ignore_errors=True)
