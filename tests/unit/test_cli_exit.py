"""The `jianbao-cli` process (cli.run): after a command that reads from the index it closes its
libraries, flushes its output and ends without the interpreter's teardown; its output, exit status
and files are what main() gives and leaves."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.corpus import CORPUS, FIXTURES

ROOT = Path(__file__).resolve().parents[2]
LONG_POST = "_posts/2021-12-08-202112082206672930.md"  # its `show --json` is over 10 KB


def _cli(data: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        **kw,
    )


@pytest.fixture
def indexed(tmp_path, capsys):
    library = shutil.copytree(FIXTURES / "jekyll", tmp_path / "lib")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "index", str(library)]) == 0
    capsys.readouterr()
    return library, data


@pytest.mark.parametrize(
    "command",
    [
        ("list", "--json"),
        ("search", "{lib}", "滑雪", "--json"),
        ("problems", "--json"),
        ("show", "{lib}", "_posts/2021-12-01-bingxue-jijie.md", "--json"),
    ],
)
def test_the_process_prints_what_main_returns_and_closes_its_files(indexed, capsys, command):
    library, data = indexed
    args = [command[0], str(library), *(a for a in command[1:] if a != "{lib}")]
    assert main(["--data-dir", str(data), *args]) == 0
    expected = capsys.readouterr().out
    done = _cli(data, *args)
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
    assert json.loads(done.stdout)
    left = sorted(p.name for p in data.rglob("*") if p.name.endswith(("-wal", "-shm")))
    assert left == []  # the index and the reading state were closed, so SQLite removed these


def test_exit_status_of_a_failure_and_of_a_usage_error(tmp_path):
    done = _cli(tmp_path / "data", "list", str(tmp_path / "nowhere"))
    assert done.returncode == 1 and "no such folder" in done.stderr
    assert _cli(tmp_path / "data", "list").returncode == 2


@pytest.mark.corpus
def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path):
    """`jianbao-cli show ... | head -c 100`: the pipe (one page) fills, the reader closes it."""
    data = tmp_path / "data"
    finews = CORPUS / "finews"
    assert _cli(data, "index", str(finews)).returncode == 0
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    child = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), "show", str(finews), LONG_POST, "--json"],
        stdout=write,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(write)
    assert os.read(read, 100).startswith(b"[")
    os.close(read)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0 and err == b""


SLEEPER = "import threading, time; threading.Thread(target=time.sleep, args=(2,), daemon={}).start()"


@pytest.mark.parametrize(
    ("code", "alone"),
    [("", True), ("import multiprocessing", False), (SLEEPER.format(False), False), (SLEEPER.format(True), True)],
)
def test_it_ends_at_once_only_when_it_started_no_process_or_thread(code, alone):
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport reader.cli as c; print(c._alone())"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == str(alone), done.stderr
