"""What a reader left open is there again at the next start: quit with Ctrl+Q, start again."""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS
from tests.user.harness import node, row


def _choose_and_quit(app) -> tuple[str, int]:
    """Click the Drafts view and its second row, wait for the article, quit; the article's path and
    how many drafts were listed."""
    app.window_shown()
    app.refreshed()
    view = app.tree_node("drafts:")
    count = int(view["count"])
    assert count >= 2
    mark = app.mark()
    app.click(view["at"])
    drafts = app.layout(
        lambda e: e["rows"] == count and node(e, "drafts:")["selected"], since=mark, what=f"listing the {count} drafts"
    )
    target = row(drafts, index=1)
    mark = app.mark()
    app.click(target["at"])
    app.wait_for("article", lambda e: e["path"] == target["path"], since=mark, what=f"for {target['path']}")
    app.key("ctrl+q")
    assert app.wait_exit(20) is not None and app.proc.returncode == 0, app.lines[-20:]
    return target["path"], drafts["rows"]


def test_the_sample_library_comes_back_as_it_was_left(start_app, tmp_path):
    data = tmp_path / "data"
    path, rows = _choose_and_quit(start_app(data=data))  # nothing given, no settings: the sample library

    again = start_app(data=data)
    again.wait_for("article", lambda e: e["path"] == path, what=f"for {path}, the article left open")
    again.layout(
        lambda e: e["rows"] == rows and _selected(e, "drafts:") and row(e, index=1)["selected"],
        what="with Drafts and the row left open selected",
    )


@pytest.mark.corpus
def test_the_last_library_comes_back_as_it_was_left(start_app, tmp_path):
    """The same with a library opened from the command line (a Hugo site with drafts), started again
    from the menu (no path given)."""
    data = tmp_path / "data"
    path, rows = _choose_and_quit(start_app(CORPUS / "jessfraz-hugo", data=data))

    again = start_app(data=data)
    again.wait_for("article", lambda e: e["path"] == path, what=f"for {path}, the article left open")
    again.layout(
        lambda e: e["rows"] == rows and _selected(e, "drafts:") and row(e, index=1)["selected"],
        what="with Drafts and the row left open selected",
    )


def _selected(layout: dict, node_id: str) -> bool:
    """The node is shown and selected (the tree fills after the list: until then it is not shown)."""
    return any(n["id"] == node_id and n["selected"] for n in layout["tree"])
