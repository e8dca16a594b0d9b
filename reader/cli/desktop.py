"""`jianbao-cli desktop install|uninstall`: Jianbao in (or out of) this user's Linux desktop."""

from __future__ import annotations

COMMANDS = ("desktop",)  # what add_parsers adds (cli._parser makes only the group named)


def add_parsers(sub) -> None:
    p = sub.add_parser("desktop", help="add Jianbao to (or remove it from) this user's Linux desktop")
    p.add_argument("action", choices=("install", "uninstall"))
    p.add_argument(
        "--default",
        action="store_true",
        help="with install: also make Jianbao the default application for Markdown (xdg-mime)",
    )
    p.set_defaults(func=_desktop)


def _desktop(args) -> int:
    from .. import desktop  # Qt-free

    done = desktop.install(default=args.default) if args.action == "install" else desktop.uninstall()
    for line in done:
        print(line)
    return 1 if any(line.startswith("not done") for line in done) else 0
