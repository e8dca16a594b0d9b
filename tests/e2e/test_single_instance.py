"""End to end: the real app in subprocesses, opening corpus posts, handing over to a running instance."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.core.parse import parse_post
from reader.core.site import detect_site
from tests.corpus import CORPUS

pytestmark = pytest.mark.corpus  # every test here reads the real post folders

REPO = Path(__file__).resolve().parents[2]
FINEWS = CORPUS / "finews"
POST_A = FINEWS / "_posts" / "2021-12-08-202112082206672930.md"
POST_B = FINEWS / "_posts" / "-202205262391921712.md"  # a leading "-": an option, were it not after "--"
TIMEOUT = 60  # first start-up on a slow CI machine: Python, Qt, indexing six posts


def title_of(post: Path) -> str:
    meta = parse_post(detect_site(FINEWS), post.relative_to(FINEWS).as_posix(), post.read_bytes()).meta
    return f"{meta.title} — Jianbao Reader"


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIANBAO_TEST_LOG="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def _command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args]


class App:
    """A running `jianbao`, and the events it reports on stderr (JIANBAO_TEST_LOG)."""

    def __init__(self, data_dir: Path, *args: str, cwd: Path | None = None, new_session: bool = False):
        self.proc = subprocess.Popen(
            _command(data_dir, *args),
            cwd=cwd,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=new_session,
        )
        self.events: queue.Queue = queue.Queue()
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("jianbao-test: "):
                self.events.put(json.loads(line[len("jianbao-test: ") :]))

    def wait_for(self, event: str, timeout: float = TIMEOUT, **fields) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                got = self.events.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if got["event"] == event and all(got.get(k) == v for k, v in fields.items()):
                return got
        raise AssertionError(f"no {event} {fields} from the app; its stderr:\n" + "\n".join(self.lines[-40:]))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the app closes its window properly on SIGTERM
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


@pytest.fixture
def apps():
    started: list[App] = []
    yield started
    for app in started:
        app.stop()


def test_a_second_launch_hands_its_post_to_the_running_window(apps, tmp_path):
    data = tmp_path / "数据 data"
    first = App(data, "--", str(POST_A))
    apps.append(first)
    shown = first.wait_for("title", title=title_of(POST_A))
    assert shown["windows"] == 1

    # A double-click on another post: a relative path, resolved against the second launch's cwd.
    started = time.monotonic()
    second = subprocess.run(
        _command(data, "--", POST_B.name),
        cwd=POST_B.parent,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    elapsed = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert '"event": "handed-off"' in second.stderr
    assert elapsed < 5, f"the second launch took {elapsed:.1f} s to hand over"  # ~0.5 s here

    asked = first.wait_for("requested")
    assert os.path.realpath(asked["cwd"]) == os.path.realpath(POST_B.parent) and asked["paths"] == [POST_B.name]
    switched = first.wait_for("title", title=title_of(POST_B))
    assert switched["windows"] == 1  # the same window switched; no second one was made

    # --new-instance: a second app with its own window, which the first never hears of.
    third = App(data, "--new-instance", "--", str(POST_A))
    apps.append(third)
    own = third.wait_for("title", title=title_of(POST_A))
    assert own["windows"] == 1 and third.proc.poll() is None
    assert not any(e.startswith('jianbao-test: {"event": "requested"') for e in third.lines)
    assert first.proc.poll() is None
    assert first.stop() == 0 and third.stop() == 0


def test_a_crashed_instance_leaves_nothing_in_the_way(apps, tmp_path):
    data = tmp_path / "data"
    crashed = App(data, "--", str(POST_A))
    socket_path = crashed.wait_for("listening")["socket"]
    crashed.wait_for("title", title=title_of(POST_A))
    crashed.proc.kill()  # no clean-up at all: the socket file stays behind
    crashed.proc.wait(10)
    assert os.path.exists(socket_path)

    fresh = App(data, "--", str(POST_B))
    apps.append(fresh)
    assert fresh.wait_for("listening")["socket"] == socket_path
    fresh.wait_for("title", title=title_of(POST_B))
    handed = subprocess.run(
        _command(data, "--", str(POST_A)), env=_env(), capture_output=True, text=True, timeout=TIMEOUT
    )
    assert handed.returncode == 0 and '"event": "handed-off"' in handed.stderr
    fresh.wait_for("title", title=title_of(POST_A))
