"""The refresh process started early (refresh_process.prestart) runs the next refresh, and a spare
that no refresh took does not keep the app from exiting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.gui import refresh_process
from tests.reliability.helpers import REPO


def test_the_prestarted_process_runs_the_next_refresh(tmp_path):
    library = tmp_path / "lib"
    (library / "_posts").mkdir(parents=True)
    for n in range(3):
        (library / "_posts" / f"2024-01-0{n + 1}-p{n}.md").write_text(
            f"---\ntitle: 第{n}篇\n---\n正文\n", encoding="utf-8"
        )
    refresh_process.prestart()
    spare = refresh_process._spare
    assert spare is not None and spare[0].is_alive()
    phases: list[str] = []
    report = refresh_process.refresh_in_process(
        library, tmp_path / "data", lambda phase, *_: phases.append(phase), lambda: False
    )
    assert (report.added, report.problems) == (3, 0)
    assert "metadata" in phases
    assert refresh_process._spare is None  # taken: the next refresh spawns its own
    assert not spare[0].is_alive() and spare[0].exitcode == 0


def test_an_unused_spare_does_not_hold_the_exit():
    code = (
        "from reader.gui import refresh_process\nrefresh_process.prestart()\n"
        "print(refresh_process._spare[0].pid, flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    child = int(done.stdout.split()[0])
    try:
        os.kill(child, 0)
        alive = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        alive = False
    assert not alive
