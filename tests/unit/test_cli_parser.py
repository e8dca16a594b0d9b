"""`jianbao-cli` makes only the parsers of the command it is given (cli._parser): the same reading of
every command line as the parser of all commands, the same help and the same errors."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from reader import cli

LINES = [
    ["--data-dir", "D", "list", "L", "--json", "--category", "c"],
    ["--data-dir=D", "search", "L", "q", "-l"],
    ["show", "L", "p", "--html"],
    ["problems", "L"],
    ["index", "L"],
    ["export", "L", "p", "-o", "x.pdf"],
    ["state", "export", "-o", "f"],
    ["highlights", "export", "L"],
    ["desktop", "install", "--default"],
    ["--data-dir", "list", "list", "L"],
]
BAD = [
    ["list"],
    ["nothing", "L"],
    ["--version"],
    ["--help"],
    ["list", "--help"],
    ["state"],
    ["--data", "D", "list", "L"],
    ["--data-dir"],
    [],
]


def _all() -> argparse.ArgumentParser:
    return cli._parser(["--help"])  # an option first: every group


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = vars(parser.parse_args(argv))
        except SystemExit as exit_:
            return exit_.code, out.getvalue(), err.getvalue()
    return {k: v for k, v in args.items() if k != "func"}, args["func"].__qualname__, args["func"].__module__


def test_each_group_says_the_commands_it_adds():
    for group in cli._GROUPS:
        sub = argparse.ArgumentParser().add_subparsers()
        group.add_parsers(sub)
        assert tuple(sub.choices) == group.COMMANDS


@pytest.mark.parametrize("argv", LINES + BAD, ids=" ".join)
def test_a_command_line_reads_as_with_every_parser(argv):
    assert _outcome(cli._parser(argv), argv) == _outcome(_all(), argv)


@pytest.mark.parametrize(
    ("argv", "groups"),
    [
        (["list", "L"], 1),
        (["--data-dir", "D", "state", "export"], 1),
        (["--help"], len(cli._GROUPS)),
        (["nothing"], len(cli._GROUPS)),
    ],
)
def test_only_the_named_group_is_made(argv, groups):
    made = cli._parser(argv)._subparsers._group_actions[0].choices
    assert sum(any(name in made for name in group.COMMANDS) for group in cli._GROUPS) == groups
