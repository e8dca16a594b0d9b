"""`jianbao-cli`: index, list, search, show and export the posts of a library from the command line.

Each command group is a module of this package that adds its sub-commands to the parser and
imports the core only when one of them runs, so that a command pays for no more than it uses
(`python -X importtime -m reader.cli ...`). Qt is imported by `export --format pdf` alone.
"""

from __future__ import annotations

import argparse
import sys

import reader

from . import desktop, export, highlights, index, posts, reading_data

# Exit status: 0 success, 1 failure, 2 usage error (the command line is not understood; argparse).
EXIT_FAILURE = 1
# The command groups, in the order `jianbao-cli --help` lists them.
_GROUPS = (index, posts, export, reading_data, highlights, desktop)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from ..core import ReaderError

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
    for group in _GROUPS:
        group.add_parsers(sub)
    return parser
