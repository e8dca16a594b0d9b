"""`python -m tests.user.screenshots OUT_DIR`: the pictures in docs/screenshots, taken of the real app
on Xvfb with the harness: the first run, a search with its snippets, and a library's summary in the
article pane while no article is open. Needs ImageMagick's `import` besides Xvfb and xdotool."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.corpus import CORPUS
from tests.user.harness import App, XServer

SETTLE_S = 1.0  # the last paints (tree counts, snippets read from the files) land before the shot
SEARCH = "数据"  # "data": in 98 posts of a Chinese programmer's Hexo blog, with snippets in the list
SCREEN = "1920x1080x24"  # a common desktop; the window takes 90% of it on a first run


def _ready(app: App) -> None:
    app.window_shown()
    app.refreshed()


def _start(x: XServer, work: Path, name: str, *paths: Path) -> App:
    """The app with its data dir and the platform's user folders in `work`, never the real ones."""
    env = {"LANG": "C.UTF-8", "LANGUAGE": "en"}  # the pictures in English, whatever this machine speaks
    env |= {
        var: str(work / name / sub)
        for var, sub in (
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_DATA_HOME", "share"),
            ("XDG_STATE_HOME", "state"),
        )
    }
    return App(x, work / name / "data", *map(str, paths), env=env)


def first_run(x: XServer, work: Path, out: Path) -> None:
    """No library given and no settings: the sample library, as a new user first sees the window."""
    app = _start(x, work, "first-run")
    try:
        _ready(app)
        app.screenshot(out / "first-run.png")
    finally:
        app.stop()


def search_with_snippets(x: XServer, work: Path, out: Path) -> None:
    """A Chinese query typed, Return to the results and Return again to open the first one."""
    app = _start(x, work, "search", CORPUS / "hexo-beyond1993")
    try:
        _ready(app)
        mark = app.mark()
        app.key("slash")
        app.type_search(SEARCH)
        found = app.layout(lambda e: e["rows"] > 1, since=mark, what="with the results")
        app.key("Return")
        app.wait_for("focus", lambda e: e["pane"] == "articles", since=mark, what="in the results")
        app.key("Return")
        app.wait_for("article", lambda e: e["path"] == found["list"][0]["path"], since=mark, what="of the first hit")
        time.sleep(SETTLE_S)
        app.screenshot(out / "search-snippets.png")
    finally:
        app.stop()


def summary(x: XServer, work: Path, out: Path) -> None:
    """A real archive opened with no article chosen yet: the article pane shows the library's summary."""
    app = _start(x, work, "summary", CORPUS / "finews")
    try:
        _ready(app)
        app.screenshot(out / "empty-article-summary.png")
    finally:
        app.stop()


def traditional_found_by_simplified(x: XServer, work: Path, out: Path) -> None:
    """finews converted to Traditional with OpenCC: a Simplified query finds it and marks it as written."""
    import shutil

    import opencc

    site = work / "finews-tw"
    shutil.copytree(CORPUS / "finews", site)
    to_tw = opencc.OpenCC("s2tw")
    for post in site.rglob("*.md"):
        post.write_text(to_tw.convert(post.read_text(encoding="utf-8")), encoding="utf-8")
    app = _start(x, work, "traditional", site)
    try:
        _ready(app)
        mark = app.mark()
        app.key("slash")
        app.type_search("外交官")  # written 外交官 in Traditional too: the title's 国别爆款 is 國別爆款
        app.type_search(" 国别")
        found = app.layout(lambda e: e["rows"] >= 1, since=mark, what="with the results")
        app.key("Return")
        app.wait_for("focus", lambda e: e["pane"] == "articles", since=mark, what="in the results")
        app.key("Return")
        app.wait_for("article", lambda e: e["path"] == found["list"][0]["path"], since=mark, what="of the first hit")
        time.sleep(SETTLE_S)
        app.screenshot(out / "zh-traditional-found-by-simplified.png")
    finally:
        app.stop()


def main(out: str) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    x = XServer(SCREEN)
    try:
        with tempfile.TemporaryDirectory(prefix="jianbao-shots-") as work:
            for shoot in (first_run, search_with_snippets, summary, traditional_found_by_simplified):
                shoot(x, Path(work), target)
                print(f"{shoot.__name__}: done")
    finally:
        x.stop()


if __name__ == "__main__":
    main(sys.argv[1])
