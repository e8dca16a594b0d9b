"""`jianbao-cli list`, `search`, `show` and `problems`: the posts of a library, read from its index."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import output
from .opening import open_library, post_id

if TYPE_CHECKING:
    from ..core.library import Library


def add_parsers(sub) -> None:
    p = sub.add_parser("list", help="list the posts of LIBRARY, newest first")
    p.add_argument("library")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--category", action="append", default=[], metavar="C", help="only this category")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="only this tag")
    p.add_argument("--drafts", action="store_true", help="include drafts")
    p.set_defaults(func=_list)

    p = sub.add_parser("search", help="search LIBRARY (words, \"phrases\", -word, OR, tag:, date:...)")
    p.add_argument("library")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N results (default 50)")
    p.set_defaults(func=_search)

    p = sub.add_parser("show", help="show one post of LIBRARY")
    p.add_argument("library")
    p.add_argument("post", help="the post's path, relative to LIBRARY or absolute")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--html", dest="format", action="store_const", const="html")
    fmt.add_argument("--text", dest="format", action="store_const", const="text")
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    p.set_defaults(func=_show, format="text")

    p = sub.add_parser("problems", help="list the files of LIBRARY that could not be read fully")
    p.add_argument("library")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.set_defaults(func=_problems)


def _filter_keys(library: Library, kind: str, wanted: list[str]) -> tuple[str, ...]:
    """Match what the user typed against keys or readable labels, in Simplified or Traditional."""
    from ..core import zh_fold

    facets = library.facets(kind)
    out = []
    for value in wanted:
        keys = [f.key for f in facets if zh_fold.fold(value) in (zh_fold.fold(f.key), zh_fold.fold(f.label))]
        out.extend(keys or [value])
    return tuple(out)


def _list(args) -> int:
    from ..core.types import PostFilter

    library = open_library(args)
    flt = PostFilter(categories=_filter_keys(library, "category", args.category),
                     tags=_filter_keys(library, "tag", args.tag),
                     drafts=None if args.drafts else False)
    rows = library.list_posts(flt)
    names = library.labels("category")
    if args.json:
        output.print_json([output.row(r, names) for r in rows])
    else:
        output.print_table(rows, names)
    return 0


def _search(args) -> int:
    library = open_library(args)
    hits = library.search(args.query, limit=args.limit, snippets=args.limit)
    names = library.labels("category")
    if args.json:
        output.print_json([{**output.row(h.post, names), **output.snippet_dict(h.snippet),
                            "title_only": h.title_only} for h in hits])
    else:
        output.print_table([h.post for h in hits], names, [output.snippet_line(h.snippet) for h in hits])
        print(f"{len(hits)} result{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    if not hits.complete:
        print(f"note: full text indexed for {hits.indexed:,} of {hits.total:,} posts;"
              " the others were searched by title", file=sys.stderr)
    return 0


def _show(args) -> int:
    library = open_library(args)
    post = library.get_post(post_id(library, args.post))
    names = library.labels("category")
    meta = post.meta
    if args.format == "html":
        print(post.html)
    elif args.format == "json":
        output.print_json([{**output.meta_dict(meta), "category_names": output.names(meta.categories, names),
                            "html": post.html, "text": post.text}])
    else:
        print(meta.title)
        print(" · ".join(x for x in [meta.date or "", ", ".join(output.names(meta.categories, names).values()),
                                      " ".join("#" + t for t in meta.tags)] if x))
        if meta.error:
            print(f"problem: {meta.error}")
        print()
        print(post.text)
        if meta.source_url:
            print(f"\nSource: {meta.source_url}")
    return 0


def _problems(args) -> int:
    problems = open_library(args).problems()
    if args.json:
        output.print_json([{"path": p.path, "error": p.message} for p in problems])
    else:
        for p in problems:
            print(f"{p.path}: {p.message}")
    return 0
