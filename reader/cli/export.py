"""`jianbao-cli export`: one post as PDF (Qt, offscreen: the only command that imports it), HTML or Markdown."""

from __future__ import annotations

from .opening import add_freshness_options, open_library, post_id

COMMANDS = ("export",)  # what add_parsers adds (cli._parser makes only the group named)


def add_parsers(sub) -> None:
    p = sub.add_parser("export", help="write one post of LIBRARY as PDF, HTML (self-contained) or Markdown")
    p.add_argument("library")
    p.add_argument("post", help="the post's path, relative to LIBRARY or absolute")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", choices=("pdf", "html", "md"), help="pdf, html or md (default: from FILE's extension)")
    add_freshness_options(p)
    p.set_defaults(func=_export)


def _export(args) -> int:
    from ..core import export_format

    fmt = export_format(args.output, args.format)
    library = open_library(args)
    found = post_id(library, args.post)
    if fmt == "pdf":
        from ..gui import print_pdf  # Qt is needed only here, and only for PDF

        print_pdf.export_pdf_offscreen(library, found, args.output)
    else:
        library.export_post(found, fmt, args.output)
    return 0
