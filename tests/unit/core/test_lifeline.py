"""Tests for reader.core.lifeline: a child that calls die_with_parent ends when its parent is gone (the
kernel's signal on Linux, a watcher thread elsewhere), also when the parent went before the call."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.helpers import REPO, alive, wait_for

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")

CHILD = "import os; from reader.core.lifeline import die_with_parent; die_with_parent({parent}); print('alive')"


def test_a_child_of_a_living_parent_goes_on():
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(parent="os.getppid()")], capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stdout) == (0, "alive\n")


def test_a_child_whose_parent_is_already_gone_ends_at_once():
    # The pid given is not the child's parent (any more): as if the parent died before the call.
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(parent="os.getppid() + 100000")], capture_output=True, text=True, timeout=30
    )
    assert done.returncode != 0 and done.stdout == ""


_GRANDCHILD = """
import sys, time
sys.platform = "darwin"  # the fallback used where there is no PR_SET_PDEATHSIG
from reader.core.lifeline import die_with_parent
die_with_parent(int(sys.argv[1]))
print("ready", flush=True)
time.sleep(60)
"""
_MIDDLE = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())], stdout=subprocess.PIPE, text=True)
assert child.stdout.readline().strip() == "ready"
print(child.pid, flush=True)
time.sleep(60)
"""


def _orphan_ends(grandchild_code: str, seconds: float) -> bool:
    """Whether the grandchild running `grandchild_code` ends within `seconds` of its parent's SIGKILL."""
    middle = subprocess.Popen(
        [sys.executable, "-c", _MIDDLE, grandchild_code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(REPO),
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        grandchild = int(middle.stdout.readline())
        assert alive(grandchild)
        middle.kill()
        middle.wait()
        return wait_for(lambda: not alive(grandchild), seconds)
    finally:
        middle.kill()


def test_without_a_parent_death_signal_a_watcher_thread_ends_the_child():
    assert _orphan_ends(_GRANDCHILD, 2.0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_kernel_kills_the_child_when_its_parent_is_killed():
    # No half-second poll: the signal comes at once.
    assert _orphan_ends(_GRANDCHILD.replace('sys.platform = "darwin"', ""), 1.0)
