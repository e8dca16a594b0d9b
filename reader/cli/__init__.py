"""`jianbao-cli`: index, list, search, show and export the posts of a library from the command line.

Each command group is a module of this package that adds its sub-commands to the parser and
imports the core only when one of them runs, so that a command pays for no more than it uses
(`python -X importtime -m reader.cli ...`). Qt is imported by `export --format pdf` alone.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import TYPE_CHECKING, NoReturn

import reader

from . import desktop, export, highlights, index, opening, posts, reading_data, snippet_helper

if TYPE_CHECKING:
    import argparse

# Exit status: 0 success, 1 failure, 2 usage error (the command line is not understood; argparse).
EXIT_FAILURE = 1
# The command groups, in the order `jianbao-cli --help` lists them.
_GROUPS = (index, posts, export, reading_data, highlights, desktop)


def main(argv: list[str] | None = None) -> int:
    """Run the command `argv` (else sys.argv) names; its exit status."""
    return _command(_parse(argv))


def run() -> NoReturn:
    """The `jianbao-cli` process (and `python -m reader.cli`): the command, then its exit.

    After a command that reads from the index (list, search, show, problems: `at_once`), its
    libraries closed (main closes them) and its output flushed, the process ends at once, skipping
    the interpreter's teardown: that frees the objects of some 170 modules one by one, 7 to 10 ms
    of CPU, a tenth of a search. Not when the command started a process, a thread or Qt (a refresh
    starts processes): their exit handlers then run as usual."""
    if _named_command(sys.argv[1:]) == "search":  # forked before argparse and the parser: its imports start first
        snippet_helper.fork_early(sys.argv[1:])
    try:
        args = _parse()
        code = _command(args)
    finally:
        snippet_helper.discard_early()  # one the command did not take (search -l written otherwise)
    _flush_stdout()
    if getattr(args, "at_once", False) and _alone():
        os._exit(code)
    sys.exit(code)


def _alone() -> bool:
    """True when no child process, Qt or thread that a normal exit would wait for was started (a
    daemon thread, such as the file budget's watchdog, is stopped at exit either way)."""
    threading = sys.modules.get("threading")
    return not {"multiprocessing", "PySide6"} & sys.modules.keys() and (
        threading is None or all(t.daemon for t in threading.enumerate() if t is not threading.main_thread())
    )


def _flush_stdout() -> None:
    """Flush what is printed; when the reader's end has closed (`| head`), drop it quietly, also at exit."""
    with suppress(ValueError, OSError):  # stderr: line-buffered, or closed after a broken pipe
        sys.stderr.flush()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _command(args: argparse.Namespace) -> int:
    from ..core import ReaderError

    try:
        try:
            return args.func(args)
        finally:
            opening.close_all()  # its index and reading state, closed as the command leaves them
    except BrokenPipeError:  # `jianbao-cli list ... | head` (before OSError, which it is)
        sys.stderr.close()
        return 0
    except (ReaderError, OSError) as exc:
        print(f"jianbao-cli: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("jianbao-cli: interrupted", file=sys.stderr)
        return 130


def _parse(argv: list[str] | None = None) -> argparse.Namespace:
    """`argv` (else sys.argv) read."""
    argv = _argv(argv)
    parser, commands = _parsers(argv)
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":
        return _search_words(parser, commands["search"], argv, args, unknown)
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")  # as parse_args says it
    return args


def _search_words(parser, search, argv: list[str], args: argparse.Namespace, unknown: list[str]) -> argparse.Namespace:
    """A `search` command line read with its query as one string, the words in the order typed. A word
    argparse takes for an option it does not know (`-b`, the query language's "without b", or `--x`)
    is a query word: the words before `--` are read again with a stand-in for each, which argparse
    takes as a word (no command line holds a NUL); every word after `--` is one."""
    cut = argv.index("--") if "--" in argv else len(argv)  # never before the command: argparse refuses that
    if cut < len(argv) or unknown:
        args, unknown = parser.parse_known_args(argv[:cut])
    stand_ins = {word: f"\0{n}" for n, word in enumerate(unknown) if word.startswith("-")}
    if stand_ins:
        args, unknown = parser.parse_known_args([stand_ins.get(a, a) for a in argv[:cut]])
    typed = {v: k for k, v in stand_ins.items()}
    # the words after an option that follows the first word are left over (unknown)
    words = [typed.get(w, w) for w in (*args.query, *unknown)] + argv[cut + 1 :]
    if not words:
        search.error("the following arguments are required: query")
    args.query = " ".join(words)
    return args


def _argv(argv: list[str] | None) -> list[str]:
    return sys.argv[1:] if argv is None else argv


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser (_parsers)."""
    return _parsers(argv)[0]


def _parsers(argv: list[str] | None = None) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command line's parser and its commands' parsers by name. When `argv` (else sys.argv) names a
    command, only its group's sub-commands are made: making all of them took 3 ms of CPU a run, most of it
    gettext looking for argparse's translations once per sub-command."""
    import argparse  # here: `search` forks its snippet helper before (run), which has no use for it

    parser = argparse.ArgumentParser(prog="jianbao-cli", description="Read folders of article posts.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {reader.__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep the index, reading state and settings under DIR")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = _named_command(_argv(argv))
    groups = [group for group in _GROUPS if named in group.COMMANDS] or _GROUPS
    for group in groups:
        group.add_parsers(sub)
    return parser, sub.choices


def _named_command(argv: list[str]) -> str | None:
    """The command `argv` names, read as argparse reads it; None when in doubt (an option other than
    --data-dir DIR comes first: --help, --version, an abbreviation)."""
    at = 0
    while at < len(argv):
        if argv[at] == "--data-dir":
            at += 2
        elif argv[at].startswith("--data-dir="):
            at += 1
        else:
            return None if argv[at].startswith("-") else argv[at]
    return None
