"""Opening LIBRARY for a command, its index as fresh as --refresh/--no-refresh ask; a post named on the command line."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core import Freshness, Library


# Every library a command opened, for close_all().
_OPENED: list[Library] = []


def library(args) -> Library:
    """Open LIBRARY, telling the user if its index was rebuilt or its reading state recovered."""
    from ..core import Library

    opened = Library(args.library, data_dir=args.data_dir)
    _OPENED.append(opened)
    for told in (opened.rebuilt_reason, opened.state.recovered):
        if told:
            print(f"jianbao-cli: {told}", file=sys.stderr)
    return opened


def close_all() -> None:
    """Close every library the command opened (its index and reading state): at the command's end,
    as the process may end without the interpreter's teardown (cli.run)."""
    while _OPENED:
        _OPENED.pop().close()


def add_freshness_options(p) -> None:
    """--refresh and --no-refresh, for the commands that answer from the index."""
    when = p.add_mutually_exclusive_group()
    when.add_argument(
        "--refresh",
        dest="refresh",
        action="store_const",
        const="always",
        help="scan the whole library first (also sees files edited in place)",
    )
    when.add_argument(
        "--no-refresh",
        dest="refresh",
        action="store_const",
        const="never",
        help="answer from the index as it is, even if the library changed since",
    )
    p.set_defaults(refresh="auto")


def open_library(args, *, text: bool = False) -> Library:
    """The library with its index as fresh as args.refresh asks: "always" scans it all first;
    "auto" (the default) scans only when a folder changed since the last scan (one stat per
    folder, core/freshness.py); "never" only to build an index that has nothing yet. `text`: the
    command searches, so posts whose text is not indexed yet (a refresh was interrupted) are
    indexed first, unless "never"."""
    opened = library(args)
    check = None if args.refresh == "always" else opened.check_freshness()
    never_scanned = check is not None and check.scanned_ns is None and not opened.count()
    if check is None or (args.refresh == "auto" and not check.fresh) or never_scanned:
        opened.refresh()
    elif not check.fresh:
        print(
            f"note: {opened.root}: {_stale(check)} (--refresh or `jianbao-cli index` brings it up to date)",
            file=sys.stderr,
        )
    if text and args.refresh != "never":
        done, total = opened.text_progress()
        if done < total:
            opened.index_text()
    return opened


def _stale(check: Freshness) -> str:
    """Why the answers may be out of date, in words."""
    if check.scanned_ns is None:
        return "answers from an index that records no full scan of the library"
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(check.scanned_ns / 1e9))
    shown = ", ".join(rel or "." for rel in check.changed[:3]) + (", ..." if len(check.changed) > 3 else "")
    return (
        f"answers from the index of {when}; {len(check.changed):,} folder{'s' if len(check.changed) != 1 else ''}"
        f" changed since ({shown})"
    )


def relative_path(opened: Library, post: str) -> str:
    """POST, given relative to the library or as a path to its file, as a library-relative path."""
    from ..core import ReaderError

    given = Path(post)
    if given.is_absolute() or not (opened.root / given).exists() and given.exists():
        found = opened.path_of(given)
        if found is None:
            raise ReaderError(f"{post}: not inside {opened.root}")
        return found
    return post.replace(os.sep, "/")


def post_id(opened: Library, post: str) -> int:
    """The id of POST, given relative to the library or as a path to its file."""
    from ..core import ReaderError

    found = opened.post_id(relative_path(opened, post))
    if found is None:
        raise ReaderError(f"{post}: no such post in {opened.root}")
    return found
