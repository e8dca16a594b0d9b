"""`jianbao-cli state export|import`: the reading state (read, starred, position) as one JSON file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

COMMANDS = ("state",)  # what add_parsers adds (cli._parser makes only the group named)


def add_parsers(sub) -> None:
    p = sub.add_parser("state", help="export or import the reading state (read, starred, position) as JSON")
    state = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = state.add_parser("export", help="write every library's marks (or one's) as one JSON file")
    q.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: standard output)")
    q.add_argument("--library", metavar="LIB", help="only the marks of this library folder")
    q.set_defaults(func=_state_export)
    q = state.add_parser("import", help="merge a JSON file made by export: the newer change of each mark wins")
    q.add_argument("file")
    q.set_defaults(func=_state_import)


def _state_store(args):
    from ..core import ReadingState
    from ..paths import AppPaths

    state = ReadingState(AppPaths.for_user(args.data_dir).state_file)
    if state.recovered:
        print(f"jianbao-cli: {state.recovered}", file=sys.stderr)
    return state


def _state_export(args) -> int:
    from ..core import ReaderError
    from ..paths import library_key

    key = None
    if args.library:
        if not Path(args.library).is_dir():
            raise ReaderError(f"{args.library}: no such folder")
        key = library_key(Path(args.library))
    state = _state_store(args)
    try:
        if args.output:
            posts = state.write_export(Path(args.output), key)
            print(f"{posts:,} posts written to {args.output}", file=sys.stderr)
        else:
            json.dump(state.export_data(key), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
    finally:
        state.close()
    return 0


def _state_import(args) -> int:
    state = _state_store(args)
    try:
        changed, posts = state.import_file(Path(args.file))
    finally:
        state.close()
    print(f"{posts:,} posts read from {args.file}: {changed:,} marks were newer and imported", file=sys.stderr)
    return 0
