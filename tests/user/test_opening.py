"""Opening and moving with the mouse and the keyboard, as a reader does: real X input on the real window."""

from __future__ import annotations

from tests.corpus import CORPUS
from tests.user.harness import node

FINEWS = CORPUS / "finews"


def test_a_click_in_the_tree_filters_the_list(start_app):
    app = start_app(FINEWS)
    layout = app.window_shown()
    assert layout["rows"] == 6
    mark = app.mark()
    app.click(node(layout, "problems:")["at"])
    problems = app.layout(lambda e: e["rows"] == 1, since=mark, what="listing the one post with a problem")
    assert problems["list"][0]["path"] == "_posts/-202205262391921712.md"

    mark = app.mark()
    app.click(node(problems, "section:category")["at"], double=True)  # a double-click opens a section
    expanded = app.layout(lambda e: any(n["id"] == "category:emnews" for n in e["tree"]), since=mark,
                          what="with the categories shown")
    category = node(expanded, "category:emnews")
    mark = app.mark()
    app.click(category["at"])
    listed = app.layout(lambda e: e["rows"] == 4 and node(e, "category:emnews")["selected"], since=mark,
                        what="listing the four emnews posts")
    assert {r["category"] for r in listed["list"]} == {category["text"]}
