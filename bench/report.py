"""The table `python -m bench run` prints (and writes as Markdown): figures, issue 5's targets, verdicts."""

from __future__ import annotations

import re

# Issue 5's targets (and two of issue 10's), for 100k posts on a 2-core machine:
# (pattern of figure names, "<=" or ">=", limit).
TARGETS = [
    (r"cold index: metadata phase \(s\)", "<=", 10.0),
    (r"cold index: full-text phase \(s\)", "<=", 90.0),
    (r"  full-text phase vs Tantivy alone \(x slower\)", "<=", 1.5),
    (r"GUI warm start: .*\(s\)", "<=", 0.6),
    (r"GUI cold index: process start to first rows painted \(s\)", "<=", 1.0),  # issue 10
    (r"warm re-open, nothing changed \(s\)", "<=", 1.5),
    (r"re-open after 1% of files changed.*\(s\)", "<=", 3.0),
    (r"search .*: p95 \(ms\)", "<=", 50.0),
    (r"  search .* p95 vs rg \(x faster\)", ">=", 10.0),
    (r"list: .*\(ms\)", "<=", 50.0),
    (r"jianbao-cli .*, process included \(s\)", "<=", 0.15),  # issue 16
    (r"open article 5 KB.*\(ms\)", "<=", 30.0),
    (r"open article 300 KB.*\(ms\)", "<=", 150.0),
    (r"GUI memory after browsing: .*\(MB\)", "<=", 300.0),
    (r"index size / library size \(x\)", "<=", 1.5),
    (r"GUI (cold index|warm start): longest event-loop stall \(ms\)", "<=", 100.0),
    (r"open article 500 KB: longest event-loop stall \(ms\)", "<=", 100.0),  # issue 10
]
TARGET_SIZE = 100_000  # the size the targets are for


def target_of(name: str) -> tuple[str, float] | None:
    for pattern, op, limit in TARGETS:
        if re.fullmatch(pattern, name):
            return op, limit
    return None


def verdict(name: str, value: float) -> str:
    target = target_of(name)
    if target is None:
        return ""
    op, limit = target
    return "met" if (value <= limit if op == "<=" else value >= limit) else "MISSED"


def rows(results: dict[int, dict[str, float]]) -> list[list[str]]:
    """One row per figure: name, a value per size, the target, and the verdict at TARGET_SIZE or above."""
    sizes = list(results)
    judged = [n for n in sizes if n >= TARGET_SIZE]
    names = list(dict.fromkeys(name for figures in results.values() for name in figures))
    out = []
    for name in names:
        values = [f"{results[n][name]:,.2f}" if name in results[n] else "-" for n in sizes]
        target = target_of(name)
        goal = f"{'≤' if target[0] == '<=' else '≥'} {target[1]:g}" if target else ""
        last = next((results[n][name] for n in reversed(judged) if name in results[n]), None)
        out.append([name, *values, goal, verdict(name, last) if last is not None else ""])
    return out


def text_table(results: dict[int, dict[str, float]]) -> str:
    header = ["scenario", *(f"{n:,} posts" for n in results), "target", f"at {TARGET_SIZE:,}"]
    body = rows(results)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(r) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    return "\n".join(line(r) for r in [header, *body])


def markdown_table(results: dict[int, dict[str, float]], machine: dict) -> str:
    header = ["scenario", *(f"{n:,} posts" for n in results), "target", f"at {TARGET_SIZE:,}"]
    lines = [
        "machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()),
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(c.strip() for c in r) + " |" for r in rows(results)]
    return "\n".join(lines) + "\n"
