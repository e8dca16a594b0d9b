"""The article view in real hands: a click on a link to another post opens it, Back returns."""

from __future__ import annotations

from tests.user.harness import row

READING = "_posts/2024-01-07-year-in-reading-2023.md"  # links to the next post ({% post_url %})
LOG = "_posts/2019-06-03-why-i-keep-a-reading-log.md"
LINK_TEXT = "why I keep one"


def test_a_click_on_a_link_opens_its_post_and_back_returns(start_app):
    app = start_app()  # nothing given, no settings: the sample library
    app.window_shown()
    # A first start indexes the sample as it shows it: the list fills batch by batch.
    layout = app.layout(lambda e: any(r["path"] == READING for r in e["list"]), what=f"with {READING} listed")
    start = next(r for r in layout["list"] if r["path"] == READING)
    mark = app.mark()
    app.click(start["at"])
    shown = app.wait_for(
        "article",
        lambda e: e["path"] == READING and any(found["text"] == LINK_TEXT for found in e["links"]),
        since=mark,
        what=f"with the link {LINK_TEXT!r}",
    )
    link = next(found for found in shown["links"] if found["text"] == LINK_TEXT)

    mark = app.mark()
    app.click(link["at"])
    app.wait_for("article", lambda e: e["path"] == LOG, since=mark, what=f"for {LOG}, where the link leads")
    app.layout(
        lambda e: any(r["path"] == LOG and r["selected"] for r in e["list"]),
        since=mark,
        what="with the linked post's row selected",
    )

    mark = app.mark()
    app.key("alt+Left")
    app.wait_for("article", lambda e: e["path"] == READING, since=mark, what="back at the first post")
    assert row(app.last("layout"), title=start["title"])["path"] == READING
