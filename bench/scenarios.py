"""The index scenarios: a change to 1% of the files, Tantivy's own floor for the full text, and
`jianbao-cli` timed as a user runs it (a process a command) beside `rg -l`."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import reader
from reader.core.fulltext import FullText, remove
from reader.core.indexer import run_phase
from reader.core.library import Library
from reader.core.parse import parse_post
from reader.core.pipeline import head
from reader.core.scanner import scan
from reader.core.site import detect_site

_CHANGED_LINE = "\n<p>更正：本文数据已更新。</p>\n"


def reopen_after_change(lib_dir: Path, data: Path, share: float = 0.01) -> float:
    """Seconds to open the library and index it fully again after `share` of its posts changed.

    Every 1/share-th post gets a paragraph appended (so its mtime and size change); the files
    are put back as they were afterwards, and the index brought back up to date, untimed.
    """
    posts = sorted((lib_dir / "_posts").iterdir())
    chosen = posts[:: round(1 / share)]
    before = {path: path.read_bytes() for path in chosen}
    try:
        for path in chosen:
            path.write_bytes(before[path] + _CHANGED_LINE.encode("utf-8"))
        start = time.perf_counter()
        library = Library(lib_dir, data_dir=data)
        report = library.refresh()
        seconds = time.perf_counter() - start
        library.close()
        if report.changed != len(chosen):
            raise RuntimeError(f"{len(chosen)} files were changed but the refresh saw {report.changed}")
    finally:
        for path, content in before.items():
            path.write_bytes(content)
        library = Library(lib_dir, data_dir=data)
        library.refresh()
        library.close()
    return seconds


def _title(site, rel: str) -> str:
    data = head(site, rel)
    return rel if isinstance(data, OSError) else parse_post(site, rel, data, links=False).meta.title


def text_floor(lib_dir: Path, work: Path) -> float:
    """Seconds Tantivy alone takes to index the text extracted beforehand, as the store writes it
    (fulltext.FullText, batches of 2,000, one commit each): the floor for the full-text phase.

    The text is extracted and tokenised by the indexer's own workers (untimed), then written. Their
    text chunks take each post's title as the metadata phase stored it: here it is read first.
    """
    site = detect_site(lib_dir)
    items = [(post_id, rel, _title(site, rel)) for post_id, rel in enumerate(sorted(scan(site).posts), 1)]
    prepared = [row for rows in run_phase("text", site, items, lambda _done: None, lambda: False) for row in rows]
    folder = work / "text-floor"
    start = time.perf_counter()
    text = FullText(folder, create=True)
    try:
        for at in range(0, len(prepared), 2000):
            text.write(
                (
                    {"doc": r.post_id, "title": r.title, "body": r.body, "chars": r.chars}
                    for r in prepared[at : at + 2000]
                ),
                [],
            )
        text.close()
        return time.perf_counter() - start
    finally:
        text.close()
        remove(folder)


# What `jianbao-cli search` and `rg -l -F` look for: the same words (a phrase is a fixed string to rg).
CLI_QUERIES = {"经济": "经济", "上合组织": "上合组织", "market": "market", '"新能源汽车出口"': "新能源汽车出口"}


def _run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children): the CPU time is what a loaded
    machine disturbs least, and close to the wall time on an idle one."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode and not (done.returncode == 1 and Path(command[0]).name == "rg"):  # rg: 1 = no match
        raise subprocess.CalledProcessError(done.returncode, command, stderr=done.stderr)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def cli_figures(lib_dir: Path, data: Path, repeat: int) -> dict[str, float]:
    """Seconds from process start to exit of `jianbao-cli search` (50 hits with snippets, and -l)
    and `list --category` on an indexed library, medians over the queries and `repeat` runs each
    (wall time, and the process's CPU time), and `rg -l -F` on the same words (issue 16: the CLI
    as fast as Recoll's recollq, 0.15 s). The package's modules are compiled first, as installed."""
    cli = [sys.executable, "-m", "reader.cli", "--data-dir", str(data)]
    # As installed: pip compiles the package's .pyc. A source tree run with PYTHONDONTWRITEBYTECODE
    # (as here) has none and compiles every module again at each run: 25 ms more CPU a command.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(reader.__file__).parent)], check=True)
    subprocess.run([*cli, "list", str(lib_dir)], stdout=subprocess.DEVNULL, check=True)  # untimed: fresh stamps
    runs = max(repeat, 5)
    commands = {
        "jianbao-cli search, 50 hits with snippets": [[*cli, "search", str(lib_dir), q] for q in CLI_QUERIES],
        "jianbao-cli search -l, paths only": [[*cli, "search", "-l", str(lib_dir), q] for q in CLI_QUERIES],
        "jianbao-cli list --category (a tenth of the posts)": [[*cli, "list", str(lib_dir), "--category", "emnews"]],
    }
    rg = shutil.which("rg")
    if rg:
        commands["peer: rg -l -F, the same words"] = [
            [rg, "-l", "-F", "--", w, str(lib_dir)] for w in CLI_QUERIES.values()
        ]
    figures: dict[str, float] = {}
    for name, each in commands.items():
        timed = [_run(command) for command in each for _ in range(runs)]
        figures[f"{name}{'' if name.startswith('peer') else ', process included'} (s)"] = statistics.median(
            wall for wall, _ in timed
        )
        figures[f"{name}: CPU (s)"] = statistics.median(cpu for _, cpu in timed)
    if rg:
        figures["  jianbao-cli search -l vs rg -l (x faster)"] = (
            figures["peer: rg -l -F, the same words (s)"]
            / figures["jianbao-cli search -l, paths only, process included (s)"]
        )
    return figures
