"""`jianbao-cli list`, `search`, `show` and `problems`: the posts of a library, read from its index."""

from __future__ import annotations

import copy
import itertools
import sys
from typing import TYPE_CHECKING

from . import output
from .opening import add_freshness_options, open_library, post_id

if TYPE_CHECKING:
    from ..core import Library, PostFilter
    from .snippet_helper import SnippetHelper


COMMANDS = ("list", "search", "show", "problems")  # what add_parsers adds (cli._parser makes only the group named)
_SEARCH_EPILOG = """\
examples:
  jianbao-cli search LIB 外交 -直播       posts with 外交 and without 直播
  jianbao-cli search LIB -l 外交 OR 外事  their file paths only
  jianbao-cli search LIB -- -l           words that look like options: after --
  jianbao-cli search LIB '"-b"'          the text -b itself (quoted: not "without b")
"""


def add_parsers(sub) -> None:
    from argparse import RawDescriptionHelpFormatter  # here: search forks its snippet helper before argparse

    p = sub.add_parser("list", help="list the posts of LIBRARY, newest first")
    p.add_argument("library")
    _add_more_libraries(p)
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--category", action="append", default=[], metavar="C", help="only this category")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="only this tag")
    p.add_argument("--drafts", action="store_true", help="include drafts")
    add_freshness_options(p)
    p.set_defaults(func=_list, at_once=True)

    p = sub.add_parser(
        "search",
        help='search LIBRARY (words, "phrases", -word, OR, tag:, date:...)',
        epilog=_SEARCH_EPILOG,
        formatter_class=RawDescriptionHelpFormatter,
    )
    p.add_argument("library")
    p.add_argument(
        "query",
        nargs="*",
        help="the words to search for, as one query; a word that starts with '-' and is none of the options"
        " below is one of them (-word: posts without it), and so is every word after --",
    )
    _add_more_libraries(p)
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N results (default 50)")
    p.add_argument(
        "-l",
        "--files-with-matches",
        dest="paths",
        action="store_true",
        help="print only the posts' file paths, one a line, best first (no snippets: no post is read)",
    )
    add_freshness_options(p)
    p.set_defaults(func=_search, at_once=True)

    p = sub.add_parser("show", help="show one post of LIBRARY")
    p.add_argument("library")
    p.add_argument("post", help="the post's path, relative to LIBRARY or absolute")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--html", dest="format", action="store_const", const="html")
    fmt.add_argument("--text", dest="format", action="store_const", const="text")
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    add_freshness_options(p)
    p.set_defaults(func=_show, format="text", at_once=True)

    p = sub.add_parser("problems", help="list the files of LIBRARY that could not be read fully")
    p.add_argument("library")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    add_freshness_options(p)
    p.set_defaults(func=_problems, at_once=True)


def _add_more_libraries(p) -> None:
    p.add_argument(
        "--library",
        dest="libraries",
        action="append",
        default=[],
        metavar="OTHER",
        help="also this library (repeat for more): one list, or one ranked list of hits",
    )


def _open_all(args, *, text: bool = False) -> list[Library]:
    """LIBRARY and every --library, each as fresh as --refresh/--no-refresh ask (opening.open_library);
    a folder named twice counts once."""
    opened = [open_library(args, text=text)]
    for other in args.libraries:
        more = copy.copy(args)
        more.library = other
        library = open_library(more, text=text)
        if library.root in [known.root for known in opened]:
            library.close()
        else:
            opened.append(library)
    return opened


def _filter_keys(library: Library, kind: str, wanted: list[str]) -> tuple[str, ...]:
    """Match what the user typed against the keys posts carry or their readable labels, in
    Simplified or Traditional. Only a value that is not ASCII is folded (which reads zh_fold's tables):
    the fold changes Han characters alone, so an ASCII value equals only what is written as it is."""
    if not wanted:
        return ()
    keys, labels = library.label_keys(kind), library.labels(kind)
    out = []
    for value in wanted:
        if value.isascii():
            found = [key for key in keys if value in (key, labels.get(key, key))]
        else:
            from ..core import fold

            folded = fold(value)
            found = [key for key in keys if folded in (fold(key), fold(labels.get(key, key)))]
        out.extend(found or [value])
    return tuple(out)


def _either(libraries: list[Library], kind: str, wanted: list[str]) -> tuple[str, ...]:
    """The keys what the user typed matches in any of the libraries."""
    return tuple(dict.fromkeys(key for library in libraries for key in _filter_keys(library, kind, wanted)))


def _list(args) -> int:
    from ..core import PostFilter

    libraries = _open_all(args)
    flt = PostFilter(
        categories=_either(libraries, "category", args.category),
        tags=_either(libraries, "tag", args.tag),
        drafts=None if args.drafts else False,
    )
    if len(libraries) == 1:
        return _list_one(libraries[0], flt, args.json)
    from ..core import Libraries

    merged = Libraries(libraries)
    listed = merged.list_refs(flt)
    _tell_failed(listed.failed)
    rows = merged.summaries(listed.refs)
    names = {library.root: library.labels("category") for library in libraries}
    if args.json:
        output.print_json([{**output.row(r, names[root]), "library": str(root)} for root, r in rows])
    else:
        output.print_table([r for _, r in rows], _in_one(names))
    return 0 if not listed.failed else 1


def _list_one(library: Library, flt: PostFilter, as_json: bool) -> int:
    """One library's list, printed as the index yields it: what the merged list prints for one library."""
    from ..core import ReaderError

    names = library.labels("category")
    batches = library.list_rows(flt, table=not as_json)
    failed = False
    try:
        first = next(batches, [])
    except (ReaderError, OSError) as error:  # told as the merged list tells a library that could not answer
        _tell_failed({library.root: str(error) or type(error).__name__})
        first, batches, failed = [], iter(()), True
    rows = itertools.chain([first], batches)
    if as_json:
        root = str(library.root)
        output.print_json_batches([{**output.row(r, names), "library": root} for r in batch] for batch in rows)
    else:
        output.print_table_batches(rows, names)
    return 1 if failed else 0


def _in_one(names: dict) -> dict[str, str]:
    """Each library's category names as one mapping, for a table (which does not say the library)."""
    return {key: name for known in names.values() for key, name in known.items()}


def _tell_failed(failed: dict) -> None:
    for root, why in failed.items():
        print(f"jianbao-cli: {root}: {why}", file=sys.stderr)


def _search(args) -> int:
    helper = None
    if not args.paths and args.limit > 0:  # forked before anything is opened (-l: not even imported, 5 ms)
        from .snippet_helper import start

        helper = start([args.library, *args.libraries])
    try:
        return _search_with(args, helper)
    finally:
        if helper is not None:
            helper.close()


def _search_with(args, helper: SnippetHelper | None) -> int:
    from ..core import merge_search

    libraries = _open_all(args, text=True)
    found = merge_search(
        libraries,
        args.query,
        limit=args.limit,
        snippets=0 if args.paths else args.limit,
        make_snippets=helper.snippets if helper else None,
    )
    _tell_failed(found.failed)
    names = {library.root: library.labels("category") for library in libraries}
    hits = [item.hit for item in found.hits]
    if args.paths:
        output.print_lines([str(item.root / item.hit.post.path) for item in found.hits])
    elif args.json:
        output.print_json(
            [
                {
                    **output.row(item.hit.post, names[item.root]),
                    **output.snippet_dict(item.hit.snippet),
                    "title_only": item.hit.title_only,
                    "library": str(item.root),
                }
                for item in found.hits
            ]
        )
    else:
        output.print_table([h.post for h in hits], _in_one(names), [output.snippet_line(h.snippet) for h in hits])
        print(f"{len(hits)} result{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    if not found.complete:
        print(
            f"note: full text indexed for {found.indexed:,} of {found.total:,} posts;"
            " the others were searched by title",
            file=sys.stderr,
        )
    return 0 if not found.failed else 1


def _show(args) -> int:
    library = open_library(args)
    post = library.get_post(post_id(library, args.post))
    names = library.labels("category")
    meta = post.meta
    if args.format == "html":
        print(post.html)
    elif args.format == "json":
        output.print_json(
            [
                {
                    **output.meta_dict(meta),
                    "category_names": output.names(meta.categories, names),
                    "html": post.html,
                    "text": post.text,
                }
            ]
        )
    else:
        print(meta.title)
        print(
            " · ".join(
                x
                for x in [
                    meta.date or "",
                    ", ".join(output.names(meta.categories, names).values()),
                    " ".join("#" + t for t in meta.tags),
                ]
                if x
            )
        )
        if meta.error:
            print(f"problem: {meta.error}")
        print()
        print(post.text)
        if meta.source_url and meta.source_url not in post.text:  # a finews body ends with it: not printed twice
            print(f"\nSource: {meta.source_url}")
    return 0


def _problems(args) -> int:
    problems = open_library(args, text=True).problems()
    if args.json:
        output.print_json([{"path": p.path, "error": p.message} for p in problems])
    else:
        for p in problems:
            print(f"{p.path}: {p.message}")
    return 0
