"""The `jianbao` command: parse the command line, start Qt, open the window on a library."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Sequence

import reader


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """`jianbao [--data-dir DIR] [LIBRARY]`; anything after `--` is a path, never an option."""
    parser = argparse.ArgumentParser(prog="jianbao", description=f"{reader.APP_NAME}: read a folder of posts.")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep the index, reading state and settings under DIR (for tests and bug reports)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {reader.__version__}")
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="the folder of posts to open")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen app's indexing workers re-enter here
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Qt is imported only now, so `--help` and `--version` stay instant.
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "jianbao"])
    app.setApplicationName("jianbao")
    app.setApplicationDisplayName(reader.APP_NAME)
    app.setApplicationVersion(reader.__version__)
    app.setDesktopFileName(reader.APP_ID)
    window = MainWindow(args.data_dir)
    window.show()
    window.start(args.library)
    return app.exec()
