"""Floods and deep nestings of every syntax, at n, 2n and 4n: reading one file never takes super-linear time.

Small sizes here (the whole file in well under a minute); `python -m bench.fuzz --floods` runs the
same cases at up to a MiB. CPU time (time.process_time), the least of 2 runs (of 3 when a case looks
super-linear), and a ratio of 8 for 4x the input (linear is 4, quadratic 16) keep a loaded 2-core
machine from failing a linear case.
"""

from __future__ import annotations

import gc

import pytest

from bench.floods import FLOODS, Flood, calibrated_size, growth, superlinear


@pytest.fixture(autouse=True, scope="module")
def _earlier_objects_frozen():
    """Each measured run starts with gc.collect() (bench.floods.cpu_seconds), which in the whole suite had
    every object of the tests before to walk: 4-7 s a case there against 0.1-0.5 s alone. Frozen, they are
    left out; the garbage of the cases themselves is still collected before each run."""
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.mark.parametrize("flood", FLOODS, ids=[f.name for f in FLOODS])
def test_reading_time_grows_at_most_linearly(flood: Flood):
    n = calibrated_size(flood, start=1000, most=16_000, seconds=0.006)
    times = growth(flood, n, repeat=2, factors=(1, 4))
    if superlinear(times, floor=0.005):
        times = growth(flood, n, factors=(1, 4))  # once more, the least of 3: another process may have taken the CPU
    assert not superlinear(times, floor=0.005), (
        f"{flood.name}: {times[0] * 1000:.1f} ms of CPU at {n:,} characters, {times[1] * 1000:.1f} at {4 * n:,}"
    )


def test_the_floods_cover_every_syntax():
    names = " ".join(f.name for f in FLOODS)
    for syntax in (
        "yaml",
        "toml",
        "json",
        "emphasis",
        "link",
        "html",
        "liquid",
        "shortcode",
        "wikilink",
        "embed",
        "kramdown",
        "footnote",
        "table",
        "callout",
        "backtick",
        "nesting",
    ):
        assert syntax in names, syntax
