"""`python -m bench run --posts 10000 --posts 100000`: index and search synthetic libraries, print one table."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from . import peers, report
from .generate import BIG_POST_500K, add_big_post, generate
from .gui import gui_figures
from .scenarios import cli_figures, reopen_after_change, text_floor

# What ripgrep looks for, for each query kind. A tag filter is a line in the front matter, which
# rg cannot tie to a word elsewhere in the file: it gets the word alone, which is less work.
RG_NEEDLES = {
    "CJK 1 char": "税",
    "CJK 2 chars": "经济",
    "CJK 3-4 chars": "上合组织",
    "CJK 7-char phrase": "新能源汽车出口",
    "English word": "market",
    "English prefix": r"\bener\w*",
    "tag: + word": "经济",
    "many hits": "的",
}
QUERIES = {  # query kind -> queries; each is run several times for p50/p95
    "CJK 1 char": ["税", "港", "链"],
    "CJK 2 chars": ["经济", "芯片", "拜年"],
    "CJK 3-4 chars": ["新能源", "上合组织", "供应链"],
    "CJK 7-char phrase": ['"一带一路建设"', '"新能源汽车出口"'],
    "English word": ["market", "battery"],
    "English prefix": ["ener*", "plat*"],
    "tag: + word": ["tag:中国经济网新闻 经济", "tag:东财滚动新闻 市场"],
    "many hits": ["的"],
}


def _time(fn, repeat: int = 1) -> tuple[float, object]:
    best, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best.append(time.perf_counter() - start)
    return statistics.median(best), result


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _search_figures(library, repeat: int) -> dict[str, float]:
    """p50 and p95 of Library.search (200 hits) for each kind of query, on a handle warmed as the window warms
    each of its workers' once the first list is in (Library.warm_search); the warm-up timed apart."""
    figures = {"search warm-up of a new handle, as the window's workers (ms)": 1000 * _time(library.warm_search)[0]}
    for kind, queries in QUERIES.items():
        samples = []
        for q in queries:
            for _ in range(max(repeat, 5)):
                start = time.perf_counter()
                library.search(q, limit=200)
                samples.append(time.perf_counter() - start)
        figures[f"search {kind}: p50 (ms)"] = 1000 * statistics.median(samples)
        figures[f"search {kind}: p95 (ms)"] = 1000 * _p95(samples)
    return figures


def run_one(posts: int, work: Path, repeat: int) -> dict:
    from reader.core.library import Library

    lib_dir = generate(work / f"lib-{posts}", posts)
    add_big_post(lib_dir)  # for "open article 300 KB"
    add_big_post(lib_dir, BIG_POST_500K)  # for the longest stall while opening a 500 KB post
    data = Path(tempfile.mkdtemp(prefix="jianbao-bench-"))
    try:
        figures: dict[str, float | str] = {}
        cold = []
        for _ in range(repeat):  # each from nothing; the last index goes on to the full text
            shutil.rmtree(data / "cache", ignore_errors=True)
            library = Library(lib_dir, data_dir=data)
            cold.append(_time(lambda library=library: library.refresh(full_text=False))[0])
            if len(cold) < repeat:
                library.close()
        figures["cold index: metadata phase (s)"] = statistics.median(cold)
        t, _ = _time(library.index_text)  # once: several minutes at 100k
        figures["cold index: full-text phase (s)"] = t
        library.close()
        figures["Tantivy alone: the same documents from extracted text (s)"] = text_floor(lib_dir, work)
        figures["  full-text phase vs Tantivy alone (x slower)"] = (
            t / figures["Tantivy alone: the same documents from extracted text (s)"]
        )
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            library = Library(lib_dir, data_dir=data)
            library.refresh()
            warm.append(time.perf_counter() - start)
            library.close()
        figures["warm re-open, nothing changed (s)"] = statistics.median(warm)
        figures["re-open after 1% of files changed, both phases (s)"] = statistics.median(
            reopen_after_change(lib_dir, data) for _ in range(repeat)
        )
        library = Library(lib_dir, data_dir=data)
        figures |= _search_figures(library, repeat)
        samples = []
        for q in ("经济", "上合组织", "market"):
            first = [hit.post.id for hit in library.search(q, limit=20)]
            samples += [_time(lambda q=q, first=first: library.snippets(q, first))[0] for _ in range(max(repeat, 5))]
        figures["snippets for the first 20 hits, read from the files: p95 (ms)"] = 1000 * _p95(samples)
        t, ids = _time(lambda: library.list_ids(), repeat)
        figures["list all ids, newest first (ms)"] = 1000 * t
        library.close()
        figures |= cli_figures(lib_dir, data, repeat)
        _peer_figures(figures, lib_dir, work, posts, repeat)
        figures |= gui_figures(lib_dir, work, repeat)
        figures["library size (MiB)"] = _du(lib_dir) / 2**20
        figures["index size (MiB)"] = _du(data / "cache") / 2**20
        figures["index size / library size (x)"] = figures["index size (MiB)"] / figures["library size (MiB)"]
        return figures
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _peer_figures(figures: dict, lib_dir: Path, work: Path, posts: int, repeat: int) -> None:
    """The peers on the same library, and how many times faster Jianbao is than each."""
    t = statistics.median(peers.frontmatter_loop(lib_dir) for _ in range(repeat))
    figures["peer: python-frontmatter loop (s)"] = t
    figures["  metadata phase vs that loop (x faster)"] = t / figures["cold index: metadata phase (s)"]
    for kind, needle in RG_NEEDLES.items():
        samples = [peers.ripgrep_ms(lib_dir, needle) for _ in range(repeat)]
        if None in samples:
            break
        rg = statistics.median(samples)
        figures[f"peer: rg --count-matches, {kind} (ms)"] = rg
        figures[f"  search {kind} p95 vs rg (x faster)"] = rg / figures[f"search {kind}: p95 (ms)"]
    if posts <= 10_000:
        built = peers.jekyll_build_s(lib_dir, work / f"site-{posts}")
        if built is not None:
            figures["peer: jekyll build (s)"] = built
            figures["  cold index, both phases, vs jekyll build (x faster)"] = built / (
                figures["cold index: metadata phase (s)"] + figures["cold index: full-text phase (s)"]
            )


def machine() -> dict:
    from PySide6 import __version__ as pyside

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "memory (GiB)": round(mem, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "PySide6": pyside,
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every scenario and print one table")
    run.add_argument("--posts", type=int, action="append", help="library size (repeatable)")
    run.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    run.add_argument(
        "--work",
        type=Path,
        default=Path(__file__).parent / "out",
        help="where generated libraries are kept between runs",
    )
    run.add_argument("--json", type=Path, help="also write the figures to this file")
    run.add_argument("--markdown", type=Path, help="also write the table to this file, as Markdown")
    args = parser.parse_args(argv)
    sizes = args.posts or [10_000]
    results = {n: run_one(n, args.work, args.repeat) for n in sizes}
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(report.text_table(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(report.markdown_table(results, info), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
