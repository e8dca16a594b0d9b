"""The real app on a real X server, driven by real input: Xvfb, `python -m reader` on Qt's xcb
platform, and xdotool (XTEST) for the mouse and the keyboard. The app tells where its rows and
panes are, and what it did, through its event log (reader/app/event_log.py, JIANBAO_TEST_LOG=1)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCREEN = "1400x900x24"
START_TIMEOUT = 60  # Python, Qt and a first index on a slow, shared CI machine
EVENT_TIMEOUT = 20
RELOAD_S = 1.0  # a reload's tree and list queries after a refresh, on a small library and a busy machine
RETYPES, RETYPE_AFTER_S = 3, 2.0  # a character lost on its way to the app is typed again
TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool"}  # program -> the Debian package that has it


def missing_tools() -> str:
    """'' if every program the suite needs is installed, else a sentence saying what to install."""
    absent = [f"{tool} (apt-get install {package})" for tool, package in TOOLS.items() if not shutil.which(tool)]
    return (
        (
            "tests/user drive the real window on a virtual X server and need "
            + ", ".join(absent)
            + "; .ci/run installs them"
        )
        if absent
        else ""
    )


class XServer:
    """An Xvfb on a display it picks itself (-displayfd), or an existing one named by JIANBAO_TEST_DISPLAY."""

    def __init__(self, screen: str = SCREEN) -> None:
        self.proc: subprocess.Popen | None = None
        given = os.environ.get("JIANBAO_TEST_DISPLAY")
        self.display = given or self._start(screen)

    def _start(self, screen: str) -> str:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            error = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None else ""
            raise RuntimeError(f"Xvfb did not start: {error[-2000:]}")
        return f":{number}"

    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display}

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


class App:
    """One `python -m reader --data-dir DATA -- PATH` on the X server; its events as they come."""

    def __init__(self, xserver: XServer, data_dir: Path, *paths: str, env: dict[str, str] | None = None):
        self.x = xserver
        self.env = dict(os.environ, QT_QPA_PLATFORM="xcb", JIANBAO_TEST_LOG="1", **xserver.env(), **(env or {}))
        self.env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), self.env.get("PYTHONPATH", "")) if p)
        self.env.pop("QT_SCALE_FACTOR", None)
        self.events: list[dict] = []
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self.started = time.time()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "--new-instance", "--", *paths],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.exited_at: float | None = None
        self.garbled = 0  # event lines that could not be read
        self.log_path = Path(data_dir).with_name(Path(data_dir).name + "-stderr.log")  # all of it, kept
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._wait, daemon=True).start()

    def _read(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w", encoding="utf-8") as log:
            for line in self.proc.stderr:
                log.write(line)
                log.flush()
                self._take(line)

    def _take(self, line: str) -> None:
        with self._changed:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("jianbao-test: "):
                try:
                    self.events.append(json.loads(line[len("jianbao-test: ") :]))
                except ValueError:  # a line over PIPE_BUF that a child's write on the same stderr cut into
                    self.garbled += 1
            self._changed.notify_all()

    def _wait(self) -> None:
        """The exit of the app's own process (its stderr may stay open in children it left behind)."""
        self.proc.wait()
        with self._changed:
            self.exited_at = time.time()
            self._changed.notify_all()

    # --- what the app said ----------------------------------------------------------------
    def wait_for(
        self,
        event: str,
        check: Callable[[dict], object] = lambda e: True,
        *,
        since: int = 0,
        timeout: float = EVENT_TIMEOUT,
        what: str = "",
    ) -> dict:
        """The first `event` at or after position `since` of the log for which check(event) holds."""
        found = self.poll(event, check, since=since, timeout=timeout)
        if found is not None:
            return found
        state = "it exited" if self.exited_at is not None else "it is still running"
        raise AssertionError(
            f"the app never reported {event} {what} within {timeout:.0f} s ({state}); "
            f"all its output is in {self.log_path}, the last of it:\n"
            + "\n".join(line[:300] for line in self.lines[-30:])
        )

    def poll(self, event: str, check: Callable[[dict], object], *, since: int, timeout: float) -> dict | None:
        """wait_for, but None when the event does not come."""
        deadline = time.monotonic() + timeout
        seen = since
        with self._changed:
            while True:
                for found in self.events[seen:]:
                    if found["event"] == event and check(found):
                        return found
                seen = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0 or (self.exited_at is not None and time.time() - self.exited_at > 1):
                    return None  # (a second after the exit: what it wrote last has been read)
                self._changed.wait(min(left, 0.5))

    def mark(self) -> int:
        """A position in the event log: wait_for(..., since=mark) sees only what came after it."""
        with self._changed:
            return len(self.events)

    def last(self, event: str) -> dict | None:
        with self._changed:
            return next((e for e in reversed(self.events) if e["event"] == event), None)

    def layout(self, check: Callable[[dict], object] = lambda e: True, *, since: int = 0, what: str = "") -> dict:
        """The latest layout if it passes check, else the next one that does."""
        last = self.last("layout")
        if last is not None and check(last) and self.events.index(last) >= since:
            return last
        return self.wait_for("layout", check, since=since, what=what)

    def refreshed(self) -> None:
        """Waits until the first refresh is over and the reload it set off has had time to land.

        A tree click made while that reload is in flight is undone: Browsing._show_tree selects the
        nodes that were selected when the reload was asked for (seen with real clicks at start-up,
        on finews and the sample library). Tests of other things wait here; the bug is reported."""
        self.wait_for("refreshed", timeout=START_TIMEOUT, what="(the first refresh)")
        time.sleep(RELOAD_S)

    def tree_node(self, node_id: str, *, since: int = 0) -> dict:
        """The tree node `node_id` as soon as it is shown (the tree fills after the list)."""
        layout = self.layout(
            lambda e: any(n["id"] == node_id for n in e["tree"]), since=since, what=f"with {node_id} in the tree"
        )
        return node(layout, node_id)

    def window_shown(self, *, rows: int = 1) -> dict:
        """Waits for the window's first layout with at least `rows` rows in its list, and gives it the
        keyboard focus, as clicking a window does under a window manager.

        A first start indexes the library as it shows it, so the list fills batch by batch: a test
        that counts or picks rows names how many it needs."""
        layout = self.wait_for(
            "layout",
            lambda e: e["rows"] >= rows,
            timeout=START_TIMEOUT,
            what=f"with {rows} rows in the list" if rows else "",
        )
        self.xdotool("windowfocus", "--sync", str(layout["window"]))
        return layout

    def descendants(self) -> set[int]:
        """The ids of every process the app started (indexing workers, the refresh process), from /proc."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # it ended meanwhile
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = set(), [self.proc.pid]
        while todo:
            kids = children.get(todo.pop(), [])
            found.update(kids)
            todo.extend(kids)
        return found

    # --- real input -------------------------------------------------------------------------
    def xdotool(self, *args: str) -> None:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, f"xdotool {' '.join(args)} failed: {done.stderr}"

    def click(self, at: list[int], *, double: bool = False) -> None:
        """A left click (or double-click) at screen position `at`, through XTEST as a mouse would."""
        repeat = ["--repeat", "2", "--delay", "80"] if double else []
        self.xdotool("mousemove", "--sync", str(at[0]), str(at[1]), "click", *repeat, "1")

    def key(self, *keys: str) -> None:
        """Keys as the keyboard sends them (XTEST) to the focused window: 'j', 'Return', 'ctrl+q'."""
        self.xdotool("key", "--delay", "60", *keys)

    def type_search(self, text: str) -> None:
        """Types `text` into the focused search field a character at a time, each checked against the
        app's search-text events. For a character its keymap lacks, xdotool binds a spare key, presses
        it and restores the map, and the app may read the key after the map is restored: about one
        Chinese string in six lost a character here. Such a character is typed again."""
        typed = self.last("search-text")["text"] if self.last("search-text") else ""
        for char in text:
            want = typed + char
            for _ in range(RETYPES):
                mark = self.mark()
                self.xdotool("type", "--delay", "150", char)
                if self.poll("search-text", lambda e, want=want: e["text"] == want, since=mark, timeout=RETYPE_AFTER_S):
                    break
                if self.last("search-text")["text"] != typed:  # another character came: take it back
                    self.key("BackSpace")
                    self.wait_for(
                        "search-text", lambda e, typed=typed: e["text"] == typed, since=mark, what="after BackSpace"
                    )
            else:
                raise AssertionError(f"{char!r} did not reach the search field in {RETYPES} tries")
            typed = want

    def screenshot(self, out: Path) -> None:
        """The app's window as a PNG (ImageMagick's import), for the docs and for looking at failures."""
        window = self.wait_for("layout", what="(its window)")["window"]
        subprocess.run(["import", "-window", str(window), str(out)], env=self.env, check=True, timeout=30)

    # --- ending -----------------------------------------------------------------------------
    def wait_exit(self, timeout: float) -> float | None:
        """The wall-clock time the process ended, or None if it is still running after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.exited_at is None and time.monotonic() < deadline:
                self._changed.wait(0.05)
            return self.exited_at

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # the app closes its window properly on SIGTERM
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def row(layout: dict, *, title: str | None = None, index: int | None = None) -> dict:
    """A visible row of the list, by its title or its position."""
    rows = [
        r for r in layout["list"] if (title is None or r["title"] == title) and (index is None or r["row"] == index)
    ]
    assert rows, f"no visible row {title or index!r} in the list: {[r['title'] for r in layout['list']]}"
    return rows[0]


def node(layout: dict, node_id: str) -> dict:
    nodes = [n for n in layout["tree"] if n["id"] == node_id]
    assert nodes, f"no visible tree node {node_id!r}: {[n['id'] for n in layout['tree']]}"
    return nodes[0]
