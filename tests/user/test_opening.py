"""Opening and moving with the mouse and the keyboard, as a reader does: real X input on the real window."""

from __future__ import annotations

import time

import pytest

from tests.corpus import CORPUS
from tests.user.harness import node, row

pytestmark = pytest.mark.corpus  # every test here reads the real post folders

FINEWS = CORPUS / "finews"
FINEWS_POSTS = 6
SETTLE_S = 0.5


def opened(app, path: str, since: int) -> dict:
    return app.wait_for("article", lambda e: e["path"] == path, since=since, what=f"for {path}")


def test_a_click_on_a_row_opens_it(start_app):
    app = start_app(FINEWS)
    target = row(app.window_shown(rows=FINEWS_POSTS), index=2)
    mark = app.mark()
    app.click(target["at"])
    opened(app, target["path"], mark)
    shown = app.layout(lambda e: row(e, index=2)["selected"], since=mark, what="with the clicked row selected")
    assert [r["row"] for r in shown["list"] if r["selected"]] == [2]


def test_a_double_click_on_a_row_opens_it_and_nothing_else(start_app):
    app = start_app(FINEWS)
    target = row(app.window_shown(rows=FINEWS_POSTS), index=3)
    mark = app.mark()
    app.click(target["at"], double=True)
    opened(app, target["path"], mark)
    app.layout(lambda e: row(e, index=3)["current"], since=mark, what="with the double-clicked row current")
    time.sleep(SETTLE_S)  # whatever else the second click would do has had time to happen
    paths = {e["path"] for e in app.events[mark:] if e["event"] == "article" and e["path"]}  # None: the summary
    assert paths == {target["path"]}, f"a double-click opened {paths}, not only the row under the pointer"


def test_focus_starts_in_the_list_and_enter_opens_its_current_row(start_app):
    app = start_app(FINEWS)
    app.window_shown(rows=FINEWS_POSTS)
    app.wait_for("focus", lambda e: e["pane"] is not None, what="into a pane once the window is active")
    assert app.last("focus")["pane"] == "articles", "the keyboard starts in the search field, not in the list"
    current = app.layout(lambda e: any(r["current"] for r in e["list"]), what="with a current row")
    target = next(r for r in current["list"] if r["current"])
    assert not [e for e in app.events if e["event"] == "article" and e["path"]], "focus alone opened an article"
    mark = app.mark()
    app.key("Return")
    opened(app, target["path"], mark)


def test_j_after_a_click_goes_to_the_row_after_the_clicked_one(start_app):
    app = start_app(FINEWS)
    layout = app.window_shown(rows=FINEWS_POSTS)
    clicked, after = row(layout, index=3), row(layout, index=4)
    mark = app.mark()
    app.click(clicked["at"])
    opened(app, clicked["path"], mark)
    mark = app.mark()
    app.key("j")
    opened(app, after["path"], mark)
    app.layout(lambda e: row(e, index=4)["selected"], since=mark, what="with the next row selected")


def test_a_click_in_the_tree_filters_the_list(start_app):
    app = start_app(FINEWS)
    assert app.window_shown(rows=FINEWS_POSTS)["rows"] == FINEWS_POSTS
    app.refreshed()
    mark = app.mark()
    app.click(app.tree_node("problems:")["at"])
    problems = app.layout(lambda e: e["rows"] == 1, since=mark, what="listing the one post with a problem")
    assert problems["list"][0]["path"] == "_posts/-202205262391921712.md"

    mark = app.mark()
    app.click(node(problems, "section:category")["at"], double=True)  # a double-click opens a section
    expanded = app.layout(
        lambda e: any(n["id"] == "category:emnews" for n in e["tree"]), since=mark, what="with the categories shown"
    )
    category = node(expanded, "category:emnews")
    mark = app.mark()
    app.click(category["at"])
    listed = app.layout(
        lambda e: e["rows"] == 4 and node(e, "category:emnews")["selected"],
        since=mark,
        what="listing the four emnews posts",
    )
    assert {r["category"] for r in listed["list"]} == {category["text"]}
