"""`jianbao-cli`: index, list, search, show and export the posts of a library from the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

import reader

from .core import zh_fold
from .core.errors import ReaderError
from .core.library import Library
from .core.types import PostFilter, PostSummary, Snippet


# Exit status: 0 success, 1 failure, 2 usage error (the command line is not understood; argparse).
EXIT_FAILURE = 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `jianbao-cli list ... | head` (before OSError, which it is)
        sys.stderr.close()
        return 0
    except (ReaderError, OSError) as exc:
        print(f"jianbao-cli: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("jianbao-cli: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jianbao-cli", description="Read folders of article posts.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {reader.__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep the index, reading state and settings under DIR")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="bring the index of LIBRARY up to date")
    p.add_argument("library")
    p.set_defaults(func=_index)

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

    p = sub.add_parser("export", help="write one post of LIBRARY as PDF, HTML (self-contained) or Markdown")
    p.add_argument("library")
    p.add_argument("post", help="the post's path, relative to LIBRARY or absolute")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", choices=("pdf", "html", "md"),
                   help="pdf, html or md (default: from FILE's extension)")
    p.set_defaults(func=_export)

    p = sub.add_parser("problems", help="list the files of LIBRARY that could not be read fully")
    p.add_argument("library")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.set_defaults(func=_problems)

    p = sub.add_parser("state", help="export or import the reading state (read, starred, position) as JSON")
    state = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = state.add_parser("export", help="write every library's marks (or one's) as one JSON file")
    q.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: standard output)")
    q.add_argument("--library", metavar="LIB", help="only the marks of this library folder")
    q.set_defaults(func=_state_export)
    q = state.add_parser("import", help="merge a JSON file made by export: the newer change of each mark wins")
    q.add_argument("file")
    q.set_defaults(func=_state_import)

    p = sub.add_parser("desktop", help="add Jianbao to (or remove it from) this user's Linux desktop")
    p.add_argument("action", choices=("install", "uninstall"))
    p.add_argument("--default", action="store_true",
                   help="with install: also make Jianbao the default application for Markdown (xdg-mime)")
    p.set_defaults(func=_desktop)
    return parser


def _desktop(args) -> int:
    from . import desktop  # Qt-free; only needed by this command
    if args.action == "install":
        done = desktop.install(default=args.default)
    else:
        done = desktop.uninstall()
    for line in done:
        print(line)
    return 1 if any(line.startswith("not done") for line in done) else 0


def _state_store(args):
    from .core.state import StateStore
    from .paths import AppPaths

    state = StateStore(AppPaths.for_user(args.data_dir).state_file, "")
    if state.recovered:
        print(f"jianbao-cli: {state.recovered}", file=sys.stderr)
    return state


def _state_export(args) -> int:
    from .core import state_transfer
    from .paths import library_key

    key = None
    if args.library:
        if not Path(args.library).is_dir():
            raise ReaderError(f"{args.library}: no such folder")
        key = library_key(Path(args.library))
    state = _state_store(args)
    try:
        if args.output:
            posts = state_transfer.write_export(state, Path(args.output), key)
            print(f"{posts:,} posts written to {args.output}", file=sys.stderr)
        else:
            json.dump(state_transfer.export_data(state, key), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
    finally:
        state.close()
    return 0


def _state_import(args) -> int:
    from .core import state_transfer

    state = _state_store(args)
    try:
        changed, posts = state_transfer.import_file(state, Path(args.file))
    finally:
        state.close()
    print(f"{posts:,} posts read from {args.file}: {changed:,} marks were newer and imported", file=sys.stderr)
    return 0


def _library(args) -> Library:
    """Open LIBRARY, telling the user if its index was rebuilt or its reading state recovered."""
    library = Library(args.library, data_dir=args.data_dir)
    for told in (library.rebuilt_reason, library.state.recovered):
        if told:
            print(f"jianbao-cli: {told}", file=sys.stderr)
    return library


def _open(args) -> Library:
    """The library with its index brought up to date, as list, search and show need it."""
    library = _library(args)
    library.refresh()
    return library


def _index(args) -> int:
    bar = _ProgressBar() if sys.stderr.isatty() else None
    library = _library(args)
    report = library.refresh(progress=bar)
    if bar:
        bar.finish()
    done, total = library.text_progress()
    print(f"{total:,} posts in {library.root} ({library.site.kind}) indexed in {report.seconds:.1f} s: "
          f"{report.added:,} new, {report.changed:,} changed, {report.removed:,} removed, "
          f"{report.unchanged:,} unchanged; full text {done:,}/{total:,}; {report.problems:,} with problems")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _filter_keys(library: Library, kind: str, wanted: list[str]) -> tuple[str, ...]:
    """Match what the user typed against keys or readable labels, in Simplified or Traditional."""
    facets = library.facets(kind)
    out = []
    for value in wanted:
        keys = [f.key for f in facets if zh_fold.fold(value) in (zh_fold.fold(f.key), zh_fold.fold(f.label))]
        out.extend(keys or [value])
    return tuple(out)


def _list(args) -> int:
    library = _open(args)
    flt = PostFilter(categories=_filter_keys(library, "category", args.category),
                     tags=_filter_keys(library, "tag", args.tag),
                     drafts=None if args.drafts else False)
    rows = library.list_posts(flt)
    if args.json:
        names = library.labels("category")
        _print_json([_row(r, names) for r in rows])
    else:
        _print_table(rows, library.labels("category"))
    return 0


def _search(args) -> int:
    library = _open(args)
    hits = library.search(args.query, limit=args.limit, snippets=args.limit)
    if args.json:
        names = library.labels("category")
        _print_json([{**_row(h.post, names), **_snippet_dict(h.snippet), "title_only": h.title_only} for h in hits])
    else:
        _print_table([h.post for h in hits], library.labels("category"), [_snippet_line(h.snippet) for h in hits])
        print(f"{len(hits)} result{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    if not hits.complete:
        print(f"note: full text indexed for {hits.indexed:,} of {hits.total:,} posts;"
              " the others were searched by title", file=sys.stderr)
    return 0


def _snippet_dict(snippet: Snippet | None) -> dict:
    """JSON: the snippet as plain text, and the [start, end) character spans of its hits."""
    if snippet is None:
        return {"snippet": "", "snippet_spans": []}
    return {"snippet": snippet.text, "snippet_spans": [list(span) for span in snippet.spans]}


def _snippet_line(snippet: Snippet | None) -> str:
    """Plain text; on a terminal the hits are in bold (unless NO_COLOR is set)."""
    if snippet is None:
        return ""
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return snippet.text
    out, pos = [], 0
    for start, end in snippet.spans:
        out += [snippet.text[pos:start], "\033[1m", snippet.text[start:end], "\033[0m"]
        pos = end
    return "".join(out) + snippet.text[pos:]


def _post_id(library: Library, post: str) -> int:
    """The id of POST, given relative to the library or as a path to its file."""
    given = Path(post)
    rel = post.replace(os.sep, "/")
    if given.is_absolute() or not (library.root / given).exists() and given.exists():
        try:
            rel = given.resolve().relative_to(library.root).as_posix()
        except ValueError:
            raise ReaderError(f"{post}: not inside {library.root}") from None
    post_id = library.post_id(rel)
    if post_id is None:
        raise ReaderError(f"{post}: no such post in {library.root}")
    return post_id


def _export(args) -> int:
    from .core import export

    fmt = export.format_for(args.output, args.format)
    library = _open(args)
    post_id = _post_id(library, args.post)
    if fmt == "pdf":
        from .gui import print_pdf  # Qt is needed only here, and only for PDF

        print_pdf.export_pdf_offscreen(library, post_id, args.output)
    else:
        export.write_export(library, post_id, fmt, args.output)
    return 0


def _show(args) -> int:
    library = _open(args)
    post = library.get_post(_post_id(library, args.post))
    if args.format == "html":
        print(post.html)
    elif args.format == "json":
        _print_json([{**_meta_dict(post.meta), "category_names": _names(post.meta.categories, library.labels("category")),
                      "html": post.html, "text": post.text}])
    else:
        meta = post.meta
        print(meta.title)
        print(" · ".join(x for x in [meta.date or "", ", ".join(_names(meta.categories, library.labels("category")).values()),
                                      " ".join("#" + t for t in meta.tags)] if x))
        if meta.error:
            print(f"problem: {meta.error}")
        print()
        print(post.text)
        if meta.source_url:
            print(f"\nSource: {meta.source_url}")
    return 0


def _problems(args) -> int:
    library = _open(args)
    problems = library.problems()
    if args.json:
        _print_json([{"path": p.path, "error": p.message} for p in problems])
    else:
        for p in problems:
            print(f"{p.path}: {p.message}")
    return 0


def _row(s: PostSummary, category_names: dict[str, str]) -> dict:
    return {"path": s.path, "title": s.title, "date": s.date, "categories": list(s.categories),
            "category_names": _names(s.categories, category_names), "tags": list(s.tags), "draft": s.draft,
            "error": s.error}


def _names(keys: tuple[str, ...], names: dict[str, str]) -> dict[str, str]:
    """{key: readable name} for each key, the key itself where the library names it no other way."""
    return {key: names.get(key, key) for key in keys}


def _meta_dict(meta) -> dict:
    d = asdict(meta)
    d.pop("sort_key", None)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def _print_json(items: list) -> None:
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _fit(text: str, width: int) -> str:
    """Cut or pad to `width` terminal columns, counting CJK characters as two."""
    out, used = [], 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > width - (1 if len(text) > len(out) + 1 else 0):
            out.append("…")
            used += 1
            break
        out.append(c)
        used += w
    return "".join(out) + " " * max(0, width - used)


def _print_table(rows: list[PostSummary], category_names: dict[str, str], snippets: list[str] | None = None) -> None:
    columns = 120
    try:
        columns = os.get_terminal_size().columns
    except OSError:
        pass
    title_w = max(30, columns - 10 - 2 - 24 - 2)
    for i, r in enumerate(rows):
        mark = "!" if r.error else ("d" if r.draft else " ")
        print(f"{(r.date or '')[:10]:10} {mark} {_fit(r.title, title_w)} {_fit(', '.join(_names(r.categories, category_names).values()), 24)}".rstrip())
        if snippets:
            print("             " + snippets[i])


class _ProgressBar:
    """A one-line progress bar on stderr: "Reading metadata  1,234/56,789 [#####.....]"."""

    _NAMES = {"scan": "Scanning", "metadata": "Reading posts", "text": "Indexing text"}

    def __call__(self, phase: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        line = f"\r{self._NAMES.get(phase, phase):15} {done:>9,}/{total:<9,} [{'#' * filled}{'.' * (width - filled)}]"
        sys.stderr.write(line)
        sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
