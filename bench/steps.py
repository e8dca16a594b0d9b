"""`python -m bench.steps FOLDER...`: the cost of each step of one post's way to the index, per post."""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reader.core import cjk
from reader.core.decode import decode_bytes
from reader.core.errors import DecodeError
from reader.core.frontmatter import read_front_matter
from reader.core.limits import read_head
from reader.core.metadata import build_meta
from reader.core.parse import extract_links
from reader.core.render import RenderContext, render_body, render_for_text
from reader.core.scanner import scan
from reader.core.site import detect_site
from reader.core.text import html_to_text
from reader.core.types import Site


def _post_steps(site: Site, rel: str, clock: Callable[[str, Callable], object]) -> None:
    """Run each step of one post under `clock(step name, thunk)`, in the pipeline's order."""
    data = clock("read", lambda: read_head(site, rel)[0])
    try:
        text = clock("decode", lambda: decode_bytes(data)[0])
    except DecodeError:
        return
    fm = clock("front matter", lambda: read_front_matter(text))
    body_format = "html" if rel.endswith((".html", ".htm")) else "markdown"
    clock("metadata", lambda: build_meta(site, rel, fm.data, fm.body, body_format))
    clock("links", lambda: extract_links(fm.body))
    context = RenderContext(site, rel)
    html = clock("HTML for text", lambda: render_for_text(fm.body, body_format, context))
    plain = clock("text (lxml)", lambda: html_to_text(html))
    clock("index forms (NFKC, zh fold, bigrams, chars)", lambda: cjk.index_forms(plain))
    clock("(view: render)", lambda: render_body(fm.body, body_format, context))  # not on the way to the index


def _clock(spent: dict[str, float], step: str, thunk: Callable) -> object:
    """thunk(), its time added to spent[step]."""
    start = time.perf_counter()
    result = thunk()
    spent[step] += time.perf_counter() - start
    return result


def measure(folder: Path, rounds: int = 3) -> tuple[int, dict[str, float]]:
    """(posts, step -> best-of-`rounds` mean milliseconds a post)."""
    site = detect_site(folder)
    posts = sorted(scan(site).posts)
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent: dict[str, float] = defaultdict(float)
        for rel in posts:
            _post_steps(site, rel, partial(_clock, spent))
        for step, seconds in spent.items():
            best[step] = min(best.get(step, float("inf")), seconds * 1000 / max(1, len(posts)))
    return len(posts), best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for folder in args.folders:
        count, steps = measure(folder, args.rounds)
        print(f"{folder} ({count} posts), ms a post:")
        for step, ms in steps.items():
            print(f"  {step:<16} {ms:7.3f}")
        print(f"  {'total':<16} {sum(ms for step, ms in steps.items() if step[0] != '('):7.3f}")


if __name__ == "__main__":
    main()
