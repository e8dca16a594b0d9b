"""The peers measured beside Jianbao in the same run: ripgrep, a python-frontmatter loop, jekyll."""

from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import frontmatter


def frontmatter_loop(library: Path) -> float:
    """Seconds for the plainest indexer there is: python-frontmatter over every post file."""
    start = time.perf_counter()
    for path in (library / "_posts").iterdir():
        with suppress(Exception):  # the broken files count as read, as they do for us
            frontmatter.load(path)
    return time.perf_counter() - start


def ripgrep_ms(library: Path, pattern: str) -> float | None:
    """Milliseconds for `rg --count-matches PATTERN` over the posts, or None without rg.

    A plain word is given with --fixed-strings; a pattern with regex syntax (`\\b`) as a regex.
    """
    rg = shutil.which("rg")
    if rg is None:
        return None
    mode = [] if "\\" in pattern else ["--fixed-strings"]
    start = time.perf_counter()
    subprocess.run(
        [rg, "--count-matches", *mode, "--", pattern, str(library / "_posts")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return 1000 * (time.perf_counter() - start)


def jekyll_build_s(library: Path, out: Path) -> float | None:
    """Seconds for `jekyll build`, or None when jekyll is not installed."""
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        return None
    start = time.perf_counter()
    subprocess.run(
        [jekyll, "build", "--quiet", "--source", str(library), "--destination", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start
