"""`jianbao-cli index`: bring a library's index up to date, with a progress bar on a terminal."""

from __future__ import annotations

import sys

from .opening import library

COMMANDS = ("index",)  # what add_parsers adds (cli._parser makes only the group named)


def add_parsers(sub) -> None:
    p = sub.add_parser("index", help="bring the index of LIBRARY up to date")
    p.add_argument("library")
    p.set_defaults(func=_index)


def _index(args) -> int:
    bar = _ProgressBar() if sys.stderr.isatty() else None
    opened = library(args)
    report = opened.refresh(progress=bar)
    if bar:
        bar.finish()
    done, total = opened.text_progress()
    print(
        f"{total:,} posts in {opened.root} ({opened.site.kind}) indexed in {report.seconds:.1f} s: "
        f"{report.added:,} new, {report.changed:,} changed, {report.removed:,} removed, "
        f"{report.unchanged:,} unchanged; full text {done:,}/{total:,}; {report.problems:,} with problems"
    )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


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
