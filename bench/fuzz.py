"""Fuzz the reading pipeline (parse, render, sanitise) with random and mutated posts:
`python -m bench.fuzz --cases 100000`.

`python -m bench.fuzz --floods` instead times every flood and deep nesting of bench/floods.py at
n, 2n and 4n characters (default n = 64 KiB, up to a quarter MiB), each case in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import re
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from reader.core.parse import parse_post
from reader.core.render import RenderContext, render_body
from reader.core.sanitize import sanitize_html
from reader.core.types import ParsedPost, Site

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SITE_KINDS = ("jekyll", "hexo", "hugo", "zola", "obsidian", "folder")
NAMES = (
    "_posts/2022-01-21-新闻.md",
    "content/post/x.md",
    "source/_posts/a b.markdown",
    "notes/笔记.md",
    "_posts/2022-01-21-x.html",
    "old/page.htm",
)
MUTATIONS = (
    "truncate",
    "truncate_front",
    "swap_delimiters",
    "bad_utf8",
    "nul",
    "huge_value",
    "deep_nesting",
    "splice",
    "bom",
    "crlf",
    "duplicate_front",
    "delete_line",
    "random_bytes",
)
_DELIMS = (b"---", b"+++", b"...", b";;;", b"{", b"}", b"--- ", b"----", b"")
_HUGE = (
    b"title: " + b"x" * 200_000,
    b"tags: [" + b"a, " * 50_000 + b"]",
    b"date: " + b"9" * 5000,
    b"categories: " + "分类".encode() * 40_000,
    b"title: '" + b"''" * 30_000 + b"'",
)
_SCRIPT = re.compile(r"<\s*(script|iframe|object|embed|link|style|meta|base|form)\b|\son\w+\s*=|javascript:", re.I)


def corpus_posts(
    limit_bytes: int = 30_000, per_folder: int = 60, seed: int = 7, corpus: Path = CORPUS
) -> list[tuple[str, bytes]]:
    """(relpath, bytes) of up to `per_folder` small post files from each corpus folder, in a fixed order."""
    rng = random.Random(seed)
    out = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.suffix.lower() in (".md", ".markdown", ".html", ".htm")
            and p.is_file()
            and p.stat().st_size <= limit_bytes
        )
        for path in rng.sample(files, min(per_folder, len(files))):
            out.append((path.relative_to(folder).as_posix(), path.read_bytes()))
    return out


def mutate(data: bytes, kind: str, where: float, payload: bytes) -> bytes:
    """Apply one mutation at relative position `where` (0..1); `payload` is random bytes to use."""
    at = int(len(data) * where)
    front_end = data.find(b"\n---", 3) if data.startswith(b"---") else data.find(b"\n+++", 3)
    if kind == "truncate":
        return data[:at]
    if kind == "truncate_front":  # cut inside the front matter
        end = front_end if front_end > 0 else max(1, len(data) // 4)
        return data[: int(end * where)]
    if kind == "swap_delimiters":
        old = data[:3]
        new = _DELIMS[int(where * len(_DELIMS)) % len(_DELIMS)]
        data = new + data[3:] if old in (b"---", b"+++") else new + b"\n" + data
        return data.replace(b"\n---\n", b"\n" + _DELIMS[len(payload) % len(_DELIMS)] + b"\n", 1)
    if kind == "bad_utf8":
        return data[:at] + (payload or b"\xff").replace(b"\n", b"\xfe") + b"\xc3\x28\xe2\x82\xa0\xff" + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" * (1 + len(payload) % 7) + data[at:]
    if kind == "huge_value":
        huge = _HUGE[len(payload) % len(_HUGE)]
        line_end = data.find(b"\n", 4)
        return data[: line_end + 1] + huge + b"\n" + data[line_end + 1 :] if line_end > 0 else huge + data
    if kind == "deep_nesting":
        depth = 200 + len(payload) * 50
        nest = b"tags: " + b"[" * depth + b"]" * depth if len(payload) % 2 else b"x: " + b"{a: " * depth + b"}" * depth
        return b"---\n" + nest + b"\n---\n" + data
    if kind == "splice":
        return data[:at] + payload + data[at:]
    if kind == "bom":
        boms = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
        return boms[len(payload) % len(boms)] + data
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n" if len(payload) % 2 else b"\r")
    if kind == "duplicate_front":
        return data[: front_end + 5] + data if front_end > 0 else data + data
    if kind == "delete_line":
        lines = data.split(b"\n")
        if lines:
            del lines[int(where * len(lines)) % len(lines)]
        return b"\n".join(lines)
    if kind == "random_bytes":
        return payload
    raise ValueError(kind)


def yaml_front(value) -> bytes:
    import yaml

    return b"---\n" + yaml.safe_dump(value, allow_unicode=True).encode("utf-8") + "---\n正文 body\n".encode()


def json_front(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8") + "\n\n正文 body\n".encode()


def toml_front(value: dict) -> bytes:
    """A small TOML writer (scalars, arrays of scalars, one level of tables) for random front matter."""

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return repr(v) if not (isinstance(v, float) and not math.isfinite(v)) else "nan"
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v if not isinstance(x, (dict, list))) + "]"
        return json.dumps(str(v), ensure_ascii=False)

    lines, tables = [], []
    for k, v in value.items():
        (tables if isinstance(v, dict) else lines).append((k, v))
    out = [f"{json.dumps(str(k), ensure_ascii=False)} = {scalar(v)}" for k, v in lines]
    for k, v in tables:
        out.append(f"[{json.dumps(str(k), ensure_ascii=False)}]")
        out += [
            f"{json.dumps(str(k2), ensure_ascii=False)} = {scalar(v2)}"
            for k2, v2 in v.items()
            if not isinstance(v2, dict)
        ]
    return ("+++\n" + "\n".join(out) + "\n+++\n正文 body\n").encode("utf-8")


def check(site: Site, relpath: str, data: bytes) -> ParsedPost:
    """Run one input through the whole reading pipeline; raise AssertionError on a broken promise."""
    parsed = parse_post(site, relpath, data)  # promises never to raise
    meta = parsed.meta
    assert meta.path == relpath, meta.path
    assert isinstance(meta.title, str) and meta.title.strip(), repr(meta.title)
    assert all(isinstance(x, str) for x in meta.categories + meta.tags + meta.authors)
    assert meta.date is None or isinstance(meta.date, str)
    assert meta.sort_key is None or math.isfinite(meta.sort_key)
    assert meta.error is None or (isinstance(meta.error, str) and meta.error)
    assert isinstance(parsed.body, str) and parsed.body_format in ("markdown", "html")
    html = render_body(parsed.body, parsed.body_format, RenderContext(site=site, relpath=relpath))
    clean = sanitize_html(html)
    assert isinstance(clean, str)
    found = _SCRIPT.search(clean)
    assert found is None, f"unsafe markup survived: {clean[max(0, found.start() - 40) : found.end() + 40]!r}"
    return parsed


def random_value(rng: random.Random, depth: int = 0):
    """A random JSON-like value, sometimes of a type front matter should not hold."""
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return rng.choice(
            [
                None,
                True,
                False,
                rng.randint(-(10**12), 10**12),
                rng.random() * 1e6,
                float("inf"),
                "".join(rng.choice("ab 中文\t:#-[]{}'\"\\\n@&*!|>%") for _ in range(rng.randint(0, 30))),
                "2022-01-21 15:01:08 +0800",
                "2018-02-31",
                "9999-99-99",
                "",
                "[[链接]]",
                "{{date}}",
            ]
        )
    if roll < 0.75:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    keys = [
        "title",
        "date",
        "tags",
        "categories",
        "draft",
        "author",
        "authors",
        "excerpt",
        "permalink",
        "lang",
        "published",
        "aliases",
        "source_url",
        "中文键",
        "x",
    ]
    return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randint(0, 6))}


def make_case(rng: random.Random, posts: list[tuple[str, bytes]]) -> tuple[str, str, str, bytes]:
    """(kind of case, site kind, relpath, bytes) for one random case."""
    site_kind = rng.choice(SITE_KINDS)
    roll = rng.random()
    if roll < 0.15:
        return "random_bytes", site_kind, rng.choice(NAMES), rng.randbytes(rng.randint(0, 4000))
    if roll < 0.35:
        value = random_value(rng)
        value = value if isinstance(value, dict) else {"title": value}
        writer = rng.choice((yaml_front, json_front, toml_front))
        return f"front_{writer.__name__}", site_kind, rng.choice(NAMES), writer(value)
    relpath, data = rng.choice(posts)
    kind = rng.choice(MUTATIONS)
    payload = rng.randbytes(rng.randint(0, 64))
    data = mutate(data, kind, rng.random(), payload)
    if rng.random() < 0.3:  # a second mutation on top
        data = mutate(data, rng.choice(MUTATIONS), rng.random(), rng.randbytes(rng.randint(0, 16)))
    return kind, site_kind, relpath, data


def _worker(args: tuple[int, int, int]) -> dict:
    seed, start, count = args
    posts = corpus_posts()
    found: dict = {"cases": Counter(), "failures": [], "slow": [], "errors_reported": 0, "seconds": 0.0}
    for n in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + n)
        kind, site_kind, relpath, data = make_case(rng, posts)
        site = Site(site_kind, Path("/nonexistent/site"), Path("/nonexistent/site"))
        began = time.perf_counter()
        try:
            parsed = check(site, relpath, data)
            found["errors_reported"] += parsed.meta.error is not None
        except BaseException as exc:  # noqa: BLE001 - the point is to record everything
            found["failures"].append(
                {
                    "case": n,
                    "kind": kind,
                    "site": site_kind,
                    "path": relpath,
                    "error": f"{type(exc).__name__}: {exc}"[:300],
                    "where": traceback.format_exc(limit=-3)[-600:],
                }
            )
        took = time.perf_counter() - began
        found["seconds"] += took
        if took > 2.0:
            found["slow"].append({"case": n, "kind": kind, "seconds": round(took, 2), "bytes": len(data)})
        found["cases"][kind] += 1
    return found


def _flood_case(args: tuple[str, int]) -> tuple[str, tuple[float, ...], int]:
    """(name, CPU seconds at n, 2n, 4n, peak RSS in KiB) of one flood, in a worker of its own."""
    import resource

    from bench.floods import FLOODS, growth

    name, n = args
    flood = next(f for f in FLOODS if f.name == name)
    times = growth(flood, n, repeat=1)
    return name, times, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def floods_main(n: int, workers: int) -> int:
    """Time every flood at n, 2n and 4n; exit 1 if any grows super-linearly."""
    from bench.floods import FLOODS, superlinear

    began = time.monotonic()
    bad = []
    with multiprocessing.get_context("spawn").Pool(workers, maxtasksperchild=1) as pool:
        for name, times, rss in pool.imap(_flood_case, [(f.name, n) for f in FLOODS]):
            verdict = "SUPER-LINEAR" if superlinear(times) else "linear"
            bad += [name] if verdict != "linear" else []
            print(
                f"{name:30} {times[0]:7.3f} {times[1]:7.3f} {times[2]:7.3f} s  x{times[2] / max(times[0], 1e-3):5.1f}"
                f"  peak {rss // 1024:5d} MB  {verdict}",
                flush=True,
            )
    print(
        f"{len(FLOODS)} floods at {n:,}, {2 * n:,} and {4 * n:,} characters in {time.monotonic() - began:.0f} s: "
        f"{len(bad)} super-linear {bad}"
    )
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("--floods", action="store_true", help="time the floods of bench/floods.py instead")
    parser.add_argument("--size", type=int, default=64 * 1024, help="n for --floods (characters)")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--json", metavar="FILE", help="also write the findings as JSON")
    args = parser.parse_args(argv)
    if args.floods:
        return floods_main(args.size, args.workers)
    began = time.monotonic()
    batch = 500
    jobs = [(args.seed, s, min(batch, args.cases - s)) for s in range(0, args.cases, batch)]
    total: dict = {"cases": Counter(), "failures": [], "slow": [], "errors_reported": 0, "seconds": 0.0}
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        for i, part in enumerate(pool.imap_unordered(_worker, jobs), 1):
            total["cases"].update(part["cases"])
            total["failures"] += part["failures"]
            total["slow"] += part["slow"]
            total["errors_reported"] += part["errors_reported"]
            total["seconds"] += part["seconds"]
            print(
                f"\r{min(i * batch, args.cases):,}/{args.cases:,} cases, {len(total['failures'])} failures",
                end="",
                file=sys.stderr,
                flush=True,
            )
    print(file=sys.stderr)
    wall = time.monotonic() - began
    print(
        f"{args.cases:,} cases in {wall:.0f} s (seed {args.seed}): {len(total['failures'])} failures, "
        f"{len(total['slow'])} slower than 2 s, {total['errors_reported']:,} inputs reported as problems"
    )
    for kind, n in sorted(total["cases"].items()):
        print(f"  {kind:22} {n:>8,}")
    for failure in total["failures"][:20]:
        print(
            f"FAIL case {failure['case']} ({failure['kind']}, {failure['site']}, {failure['path']}): "
            f"{failure['error']}\n{failure['where']}"
        )
    for slow in sorted(total["slow"], key=lambda s: -s["seconds"])[:10]:
        print(f"SLOW case {slow['case']} ({slow['kind']}, {slow['bytes']:,} bytes): {slow['seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps({**total, "cases": dict(total["cases"]), "wall": wall}, indent=1))
    return 1 if total["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
