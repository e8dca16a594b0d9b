"""End to end: SIGTERM during the refresh of a big tree ends the app and all its processes within about
1 s (issue 11: 2-3 s before, with the indexing workers left running); what the app drops is in its log."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from reader.core.parse import parse_post
from reader.core.site import detect_site
from tests.corpus import CORPUS
from tests.e2e.test_single_instance import App, _command, _env, apps  # noqa: F401  (fixture)

FILES = 12_000  # enough for the metadata phase to run its pool of workers for a few seconds here


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big tree")
    for folder in range(FILES // 100):
        sub = root / f"d{folder:03d}" / "posts"
        sub.mkdir(parents=True)
        for n in range(100):
            (sub / f"2021-01-{n % 28 + 1:02d}-post-{n}.md").write_text(
                f"---\ntitle: post {folder} {n}\n---\n" + "正文 body text. " * 40, encoding="utf-8"
            )
    return root


def _alive(pids: list[int]) -> list[int]:
    """Those of `pids` still running (a zombie waiting for its reaper is not running)."""
    running = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                if stat.read().rsplit(b")", 1)[1].split()[0] != b"Z":
                    running.append(pid)
        except OSError:
            continue
    return running


def _session(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-s", str(os.getsid(pid))], capture_output=True, text=True).stdout
    return [int(p) for p in out.split() if int(p) != pid]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes through /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_refresh_ends_everything_within_a_second(apps, tmp_path, big_tree, sig):  # noqa: F811 - `apps` is the imported fixture
    app = App(tmp_path / "data", "--new-instance", "--", str(big_tree), new_session=True)
    apps.append(app)
    app.wait_for("title")
    deadline = time.monotonic() + 60
    while len(_alive(_session(app.proc.pid))) < 3 and time.monotonic() < deadline:  # refresh + its workers
        time.sleep(0.05)
    children = _alive(_session(app.proc.pid))
    assert len(children) >= 3, "the refresh never started its workers"
    sent = time.monotonic()
    app.proc.send_signal(sig)
    app.proc.wait(10)
    ended = time.monotonic() - sent
    while _alive(children) and time.monotonic() - sent < 10:
        time.sleep(0.02)
    all_ended = time.monotonic() - sent
    assert app.proc.returncode == 0
    assert not _alive(children)
    # 0.5-0.65 s measured here with 7 other jobs on 2 cores; the bound leaves room for a slower CI.
    assert ended < 1.5 and all_ended < 1.5, (ended, all_ended)
    log = (tmp_path / "data" / "log" / "jianbao.log").read_text(encoding="utf-8")
    assert f"{signal.Signals(sig).name}: closing" in log


def test_a_message_the_socket_drops_is_in_the_log_file(apps, tmp_path):  # noqa: F811 - `apps` is the imported fixture
    data = tmp_path / "data"
    app = App(data)
    apps.append(app)
    name = app.wait_for("listening")["socket"]
    app.wait_for("title")
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(name)
        client.sendall(b"[" * 100_000 + b"\n")
    log = data / "log" / "jianbao.log"
    deadline = time.monotonic() + 10
    while "nested too deeply" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (
        "WARNING reader.app.ipc: ignored a message on the single-instance socket: nested too deeply"
        in log.read_text(encoding="utf-8")
    )
    assert app.proc.poll() is None  # and it goes on running
    assert "Traceback" not in "\n".join(app.lines)


@pytest.mark.corpus
def test_a_second_launch_with_a_deep_vault_note_opens_the_whole_vault(apps, tmp_path):  # noqa: F811 - `apps` is the imported fixture
    data = tmp_path / "data"
    first = App(data)
    apps.append(first)
    first.wait_for("listening")
    vault = CORPUS / "obsidian-help"
    note = vault / "zh" / "快速入门" / "链接笔记.md"
    title = parse_post(detect_site(vault), note.relative_to(vault).as_posix(), note.read_bytes()).meta.title
    second = subprocess.run(
        _command(data, "--", note.name), cwd=note.parent, env=_env(), capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0 and '"event": "handed-off"' in second.stderr
    first.wait_for("title", title=f"{title} — Jianbao Reader")
    assert first.stop() == 0
    settings = "\n".join(p.read_text(encoding="utf-8") for p in (data / "config").rglob("*.ini"))
    assert f"library={vault.resolve()}" in settings  # the vault's root, not the note's folder
