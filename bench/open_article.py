"""`python -m bench.open_article [--repeat N]`: the article-open path stage by stage, for a 5 KB and a 300 KB post.

Each stage is timed on its own, in this process, offscreen, median of N runs (wall and CPU): what the worker
does (read, parse, render, sanitise, prepare_body, Qt's parse of the page; not the plain text, which the view
does not use) and what the UI thread does
(adopt the parsed page, lay it out and paint it once; and, for comparison, the same page through setHtml, as
the view did before). A fresh process times the first post's imports and start-up, which the window now
spends on a worker after its first list (session warm-up). `bench/gui_probe.py` times the whole way from
open_post to the body painted in the real window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .generate import BIG_POST, add_big_post, generate  # after the platform is chosen

_FIRST_OPEN = """
import time
from PySide6.QtWidgets import QApplication
import reader.gui.main_window  # what the app has imported when its window is up
from reader.gui.article_html import warm_up
app = QApplication([])
start = time.perf_counter()
warm_up()
print((time.perf_counter() - start) * 1000)
"""


def _median(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(wall ms, CPU ms of this thread, last result): medians of `repeat` calls."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.thread_time()
        result = fn()
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return 1000 * statistics.median(walls), 1000 * statistics.median(cpus), result


def stages(lib: Path, relpath: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Each stage of opening `relpath`: {stage: (wall ms, CPU ms)}."""
    from PySide6.QtWidgets import QApplication

    from reader.core.limits import SHOW_READ_LIMIT, read_head, truncate_body
    from reader.core.parse import parse_post
    from reader.core.pipeline import post_html, show_post
    from reader.core.sanitize import sanitize_html
    from reader.core.site import detect_site
    from reader.core.text import html_to_text
    from reader.core.types import Post
    from reader.gui.article_html import page_document, prepare_body
    from reader.gui.article_view import ArticleView

    app = QApplication.instance() or QApplication([])
    site = detect_site(lib)
    out: dict[str, tuple[float, float]] = {}

    def stage(name: str, fn: Callable[[], object]) -> object:
        wall, cpu, result = _median(fn, repeat)
        out[name] = (wall, cpu)
        return result

    data, _cut = stage("worker: read", lambda: read_head(site, relpath, SHOW_READ_LIMIT))
    parsed = stage("worker: parse", lambda: parse_post(site, relpath, data))
    body_source = truncate_body(parsed.body)[0]
    rendered = stage("worker: render", lambda: post_html(site, parsed, body_source))
    html = stage("worker: sanitise", lambda: sanitize_html(rendered))
    stage(
        "worker: all of the above at once (show_post, in its budget)", lambda: show_post(site, relpath, with_text=False)
    )
    stage("not on the view's way: the plain text (the CLI's show)", lambda: html_to_text(html))
    post = Post(id=1, meta=parsed.meta, html=html, text="")
    body = stage("worker: prepare_body", lambda: prepare_body(html))
    view = ArticleView()
    view.resize(900, 700)
    view.show()
    app.processEvents()
    stage("worker: Qt parses the page", lambda: page_document(post, body, view.page_setup({})))
    readies = [page_document(post, body, view.page_setup({})) for _ in range(repeat)]

    def adopt() -> None:
        view.show_post(post, body=body, ready=readies.pop())
        view.viewport().repaint()

    def set_html() -> None:
        view.show_post(post, body=body)
        view.viewport().repaint()

    stage("UI: adopt, lay out, paint", adopt)
    stage("UI (before): setHtml, lay out, paint", set_html)
    view.close()
    return out


def first_open_imports() -> float:
    """Milliseconds a fresh process, its window's modules imported, spends on its first post's imports and
    start-up: the warm-up's work."""
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_OPEN],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])),
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jianbao-open-") as work:
        lib = generate(Path(work) / "lib", 40)
        add_big_post(lib)
        small = min((p for p in (lib / "_posts").iterdir() if 4500 < p.stat().st_size < 5500), key=lambda p: p.name)
        sizes = {"5 KB": small.relative_to(lib).as_posix(), "300 KB": BIG_POST}
        table = {size: stages(lib, rel, args.repeat) for size, rel in sizes.items()}
        first = statistics.median(first_open_imports() for _ in range(3))
    print("| stage | " + " | ".join(f"{size} wall / CPU (ms)" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in table["5 KB"]:
        print(f"| {name} | " + " | ".join("{:.2f} / {:.2f}".format(*table[size][name]) for size in sizes) + " |")
    print(f"| first open: imports and start-up (now the warm-up's) | {first:.0f} | |")
    print(json.dumps({"stages": table, "first open (ms)": first}))


if __name__ == "__main__":
    main()
