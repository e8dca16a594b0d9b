"""`jianbao-cli highlights export LIBRARY [POST] -o FILE`: the highlights and notes as Markdown, by article."""

from __future__ import annotations

import sys

from . import opening

COMMANDS = ("highlights",)  # what add_parsers adds (cli._parser makes only the group named)


def add_parsers(sub) -> None:
    p = sub.add_parser("highlights", help="export the highlights and notes of LIBRARY as Markdown")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("export", help="write every highlight of LIBRARY (or of POST) as Markdown, by article")
    q.add_argument("library")
    q.add_argument("post", nargs="?", help="only this post's (its path, relative to LIBRARY or absolute)")
    q.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: standard output)")
    q.set_defaults(func=_export)


def _export(args) -> int:
    from ..core import ReaderError

    library = opening.library(args)  # no refresh: highlights are in the reading state, titles in the index
    try:
        path = opening.relative_path(library, args.post) if args.post else None  # the file may be gone
        if path is not None and not library.state.highlights(path):
            raise ReaderError(f"{args.post}: no highlights in {library.root}")
        if args.output:
            count = library.export_highlights(args.output, path)
            print(f"{count:,} highlight(s) written to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(library.highlights_markdown(path))
    finally:
        library.close()
    return 0
