"""Never waiting without being told: opening a 500 KB post while the app's stall meter runs
(reader/app/event_log.py)."""

from __future__ import annotations

import time

from bench.generate import BIG_POST_500K
from tests.user.harness import row

STALL_BOUND_MS = 100


def test_opening_a_500_kb_post_never_blocks_the_window(start_app, generated, indexed_copy, figures):
    library, _ = generated
    app = start_app(library, data=indexed_copy)
    layout = app.window_shown()
    app.wait_for("refreshed", what="(the warm refresh at start)")
    big = row(layout, index=0)
    assert big["path"] == BIG_POST_500K, "the 500 KB post is the newest, so the first row"
    time.sleep(0.5)  # start-up work is over before the meter's window opens
    mark, clicked = app.mark(), time.time()
    app.click(big["at"])
    shown = app.wait_for("article", lambda e: e["path"] == BIG_POST_500K and e["chars"] > 100_000, since=mark,
                         what="with the 500 KB post's body")
    time.sleep(0.5)  # the meter reports a gap when it ends: wait for the ticks after the post is shown
    stalls = [e for e in app.events[mark:] if e["event"] == "stall" and e["time"] >= clicked]
    worst_wall = max((e["ms"] for e in stalls), default=0.0)
    worst_cpu = max((e["cpu_ms"] for e in stalls), default=0.0)
    figures["open a 500 KB post: click to body shown (ms)"] = round(1000 * (shown["time"] - clicked))
    figures["open a 500 KB post: longest stall (ms)"] = worst_wall
    figures["open a 500 KB post: most UI-thread CPU in one gap (ms)"] = worst_cpu
    # A gap is the app's when its UI thread was busy through it: on a loaded machine the scheduler
    # alone can stretch a 10 ms tick past 100 ms while the thread did next to nothing.
    assert worst_cpu <= STALL_BOUND_MS, f"the UI thread was busy for {worst_cpu} ms at a stretch: {stalls}"
