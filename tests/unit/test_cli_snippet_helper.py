"""`jianbao-cli search` makes its snippets in a forked helper (cli/snippet_helper.py): the same output as
made in the process itself, the readers not imported by the command's own process, and the same output
again when the helper dies before it answers. Each command runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.unit.cli_library import ROOT, indexed_copy

# Runs the command (`how` sets the helper up), then prints its output and whether the process read posts.
CODE = """
import io, json, os, signal, sys, contextlib
from reader.cli import main, snippet_helper
how, args = sys.argv[1], sys.argv[2:]
start = snippet_helper.start
if how == "here":
    snippet_helper.start = lambda roots: None
elif how == "killed":
    def start_and_kill(roots):
        helper = start(roots)
        os.kill(helper._pid, signal.SIGKILL)
        return helper
    snippet_helper.start = start_and_kill
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(args)
print(json.dumps([code, out.getvalue(), "reader.core.pipeline" in sys.modules]))
"""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    return indexed_copy(tmp_path_factory.mktemp("cli-snippets"))


def search(indexed, how: str, *args: str) -> tuple[int, str, bool]:
    root, data = indexed
    done = subprocess.run(
        [sys.executable, "-c", CODE, how, "--data-dir", str(data), "search", str(root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    code, out, read_posts = json.loads(done.stdout.splitlines()[-1])
    return code, out, read_posts


@pytest.mark.skipif(not hasattr(__import__("os"), "fork") or sys.platform == "darwin", reason="no helper there")
@pytest.mark.parametrize("query", ["the", "滑雪场", '"being written"'])
def test_the_helper_makes_the_snippets_the_process_would(indexed, query):
    here = search(indexed, "here", query, "--json")
    helped = search(indexed, "helper", query, "--json")
    killed = search(indexed, "killed", query, "--json")
    assert here[0] == helped[0] == killed[0] == 0
    assert json.loads(helped[1]) == json.loads(here[1]) == json.loads(killed[1])
    assert here[2] and not helped[2] and killed[2]  # the posts read by the process itself, or not
    assert all(hit["snippet"] for hit in json.loads(here[1]))


@pytest.mark.skipif(not hasattr(__import__("os"), "fork") or sys.platform == "darwin", reason="no helper there")
def test_a_search_without_hits_ends_its_helper_at_once(indexed):
    started = time.perf_counter()
    code, out, read_posts = search(indexed, "helper", "zqxjkv", "--json")
    assert (code, json.loads(out), read_posts) == (0, [], False)
    assert time.perf_counter() - started < 30  # the helper killed and reaped, not waited for until _PATIENCE


NEEDS_FORK = pytest.mark.skipif(not hasattr(__import__("os"), "fork") or sys.platform == "darwin", reason="no helper")


@NEEDS_FORK
@pytest.mark.parametrize("query", ["the", "滑雪场"])
def test_the_command_forks_its_helper_first_and_prints_what_the_process_would(indexed, query):
    """`jianbao-cli search` (run(): the helper forked before the command line is parsed) prints the same."""
    root, data = indexed
    done = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), "search", str(root), query, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    here = search(indexed, "here", query, "--json")
    assert json.loads(done.stdout) == json.loads(here[1]) and all(hit["snippet"] for hit in json.loads(here[1]))


# A helper forked early for a search that makes no snippets (--limit 0) is ended and reaped: no child is left.
UNTAKEN = """
import io, json, os, sys, contextlib
from reader.cli import main, snippet_helper
snippet_helper.fork_early(sys.argv[1:])
assert snippet_helper._EARLY is not None
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
snippet_helper.discard_early()
try:
    os.waitpid(-1, os.WNOHANG)
    left = True
except ChildProcessError:
    left = False
print(json.dumps([code, left]))
"""


@NEEDS_FORK
def test_a_helper_forked_early_that_no_command_takes_is_ended(indexed):
    root, data = indexed
    done = subprocess.run(
        [sys.executable, "-c", UNTAKEN, "--data-dir", str(data), "search", str(root), "the", "--limit", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [0, False]


def test_no_helper_is_forked_early_for_paths_only():
    from reader.cli import snippet_helper

    snippet_helper.fork_early(["search", "-l", "somewhere", "the"])
    assert snippet_helper._EARLY is None
