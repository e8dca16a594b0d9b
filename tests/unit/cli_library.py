"""A copy of the Jekyll fixture library indexed by `jianbao-cli index`, for the tests that run the CLI as a process."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "jekyll"


def indexed_copy(tmp: Path) -> tuple[Path, Path]:
    """(the library, its data folder) under `tmp`, indexed, its folders' stamps settled."""
    root = shutil.copytree(FIXTURE, tmp / "lib")
    data = tmp / "data"
    time.sleep(3.1)  # folders changed within 3 s of a scan are rescanned next time (freshness._RACY_NS)
    subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), "index", str(root)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return root, data
