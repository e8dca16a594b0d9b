"""The search flow with the keyboard: `/` or Ctrl+F to the field, a Chinese query typed, Enter or Down
to the results, Esc to clear and return to the list."""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS

FINEWS = CORPUS / "finews"
QUERY = "上合组织"  # in the title of one finews post only
TITLE_WITH_IT = "拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”"


def focus_went_to(app, pane: str, since: int) -> None:
    app.wait_for("focus", lambda e: e["pane"] == pane, since=since, what=f"into the {pane} pane")


@pytest.mark.corpus
def test_search_with_the_keyboard_alone(start_app):
    app = start_app(FINEWS)
    everything = app.window_shown(rows=6)["rows"]
    assert everything == 6
    app.wait_for("focus", lambda e: e["pane"] is not None, what="into a pane once the window is active")
    assert app.last("focus")["pane"] == "articles", "the keyboard starts in the search field: `/` would be typed"

    mark = app.mark()
    app.key("slash")
    focus_went_to(app, "search", mark)
    app.type_search(QUERY)
    app.wait_for("search-text", lambda e: e["text"] == QUERY, since=mark, what=f"with {QUERY!r} typed")
    found = app.layout(lambda e: e["rows"] == 1, since=mark, what="with the one result")
    assert found["list"][0]["title"] == TITLE_WITH_IT

    mark = app.mark()
    app.key("Return")
    focus_went_to(app, "articles", mark)

    mark = app.mark()
    app.key("ctrl+f")
    focus_went_to(app, "search", mark)
    app.key("Down")
    focus_went_to(app, "articles", mark)
    assert app.last("search-text")["text"] == QUERY  # moving to the results keeps the query

    mark = app.mark()
    app.key("slash")
    focus_went_to(app, "search", mark)
    app.key("Escape")
    app.wait_for("search-text", lambda e: e["text"] == "", since=mark, what="cleared by Esc")
    focus_went_to(app, "articles", mark)
    app.layout(lambda e: e["rows"] == everything, since=mark, what="with every post listed again")
