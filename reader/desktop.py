"""Desktop integration files (Linux entry, macOS document types) and `jianbao-cli desktop install` (no Qt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import reader

from .core import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS
from .paths import shipped

APP_ID = reader.APP_ID
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
# What the desktop entry offers to open. HTML is left out on purpose: taking over text/html would
# put Jianbao in every browser's place in "Open with".
MIME_TYPES = ("text/markdown", "text/x-markdown", "inode/directory")
DEFAULT_FOR = ("text/markdown", "text/x-markdown")  # never inode/directory: folders stay the file manager's
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
LINUX = shipped("packaging", "linux")

Runner = Callable[..., subprocess.CompletedProcess]


# --- Linux ------------------------------------------------------------------------------
def desktop_entry(command: str = "jianbao") -> str:
    """The desktop entry; `Exec=... -- %F` so no file name is ever read as an option."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={reader.APP_NAME}",
            "Name[zh_CN]=剪报阅读器",
            "Name[zh_TW]=剪報閱讀器",
            "GenericName=Article Reader",
            "GenericName[zh_CN]=文章阅读器",
            "GenericName[zh_TW]=文章閱讀器",
            "Comment=Read folders of article posts offline: Jekyll, Hexo, Hugo, Zola, Obsidian",
            "Comment[zh_CN]=离线阅读文章文件夹：Jekyll、Hexo、Hugo、Zola、Obsidian",
            "Comment[zh_TW]=離線閱讀文章資料夾：Jekyll、Hexo、Hugo、Zola、Obsidian",
            f"Exec={command} -- %F",
            f"Icon={APP_ID}",
            "Terminal=false",
            "StartupNotify=true",
            "StartupWMClass=jianbao",
            "Categories=Office;Viewer;",
            "Keywords=markdown;jekyll;hugo;obsidian;blog;news;clippings;剪报;",
            "Keywords[zh_CN]=markdown;jekyll;hugo;obsidian;博客;新闻;剪报;文章;",
            "Keywords[zh_TW]=markdown;jekyll;hugo;obsidian;部落格;新聞;剪報;文章;",
            "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
            "",
        ]
    )


def _quote_exec(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (spaces, quotes, $, `, backslash)."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'.replace("\\", "\\\\")  # the string-level escape of the .desktop file


def launch_command() -> str:
    """How this installation starts the app, for the Exec line of a per-user install."""
    if getattr(sys, "frozen", False):
        return _quote_exec(sys.executable)
    beside = Path(sys.executable).with_name("jianbao")
    found = shutil.which("jianbao") or (str(beside) if beside.exists() else None)
    if found:
        return _quote_exec(os.path.abspath(found))
    return f"{_quote_exec(sys.executable)} -m reader"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def installed_files(home: Path) -> list[tuple[Path, Path | None]]:
    """(destination, source) of every file an install writes; source None: generated."""
    icons = LINUX / "icons" / "hicolor"
    files: list[tuple[Path, Path | None]] = [
        (home / "applications" / DESKTOP_FILE, None),
        (home / "metainfo" / METAINFO_FILE, LINUX / METAINFO_FILE),
        (
            home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
            icons / "scalable" / "apps" / f"{APP_ID}.svg",
        ),
    ]
    for size in ICON_SIZES:
        rel = Path(f"{size}x{size}") / "apps" / f"{APP_ID}.png"
        files.append((home / "icons" / "hicolor" / rel, icons / rel))
    return files


def install(
    default: bool = False, *, home: Path | None = None, command: str | None = None, run: Runner = subprocess.run
) -> list[str]:
    """Put the desktop entry, metainfo and icons under ~/.local/share; returns what was done."""
    home = home or data_home()
    done = []
    for dest, source in installed_files(home):
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            dest.write_text(desktop_entry(command or launch_command()), encoding="utf-8")
        else:
            shutil.copyfile(source, dest)
        done.append(f"installed {dest}")
    done += _refresh_caches(home, run)
    if default:
        done += _run(
            run,
            ["xdg-mime", "default", DESKTOP_FILE, *DEFAULT_FOR],
            f"made {reader.APP_NAME} the default for {', '.join(DEFAULT_FOR)}",
        )
    return done


def uninstall(*, home: Path | None = None, config: Path | None = None, run: Runner = subprocess.run) -> list[str]:
    """Remove what `install` put there, and Jianbao from the user's default applications."""
    home = home or data_home()
    done = []
    for dest, _source in installed_files(home):
        if dest.exists():
            dest.unlink()
            done.append(f"removed {dest}")
    mimeapps = (config or config_home()) / "mimeapps.list"
    if _forget_defaults(mimeapps):
        done.append(f"removed {DESKTOP_FILE} from {mimeapps}")
    return done + _refresh_caches(home, run)


def _forget_defaults(mimeapps: Path) -> bool:
    """Drop our entry from mimeapps.list (xdg-mime can set a default but never unset one)."""
    try:
        lines = mimeapps.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    changed, out = False, []
    for line in lines:
        key, sep, value = line.partition("=")
        if sep and DESKTOP_FILE in value.split(";") and not line.startswith("["):
            kept = [v for v in value.split(";") if v and v != DESKTOP_FILE]
            changed = True
            if not kept:
                continue
            line = f"{key}={';'.join(kept)};"
        out.append(line)
    if changed:
        mimeapps.write_text("\n".join(out) + "\n", encoding="utf-8")
    return changed


def _refresh_caches(home: Path, run: Runner) -> list[str]:
    done = _run(
        run, ["update-desktop-database", str(home / "applications")], "updated the desktop database", optional=True
    )
    return done + _run(
        run,
        ["gtk-update-icon-cache", "-f", "-t", str(home / "icons" / "hicolor")],
        "updated the icon cache",
        optional=True,
    )


def _run(run: Runner, argv: list[str], what: str, optional: bool = False) -> list[str]:
    """Run a desktop tool; a missing optional one is fine (desktops rescan on their own)."""
    if shutil.which(argv[0]) is None and run is subprocess.run:
        return [] if optional else [f"not done: {argv[0]} is not installed ({what})"]
    try:
        result = run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return [f"not done: {' '.join(argv)}: {error}"]
    if result.returncode != 0:
        return [f"not done: {' '.join(argv)}: {(result.stderr or '').strip() or result.returncode}"]
    return [what]


# --- macOS ------------------------------------------------------------------------------
def document_types() -> list[dict]:
    """CFBundleDocumentTypes from the scanner's extension list, plus folders (Picard does the same)."""
    return [
        {
            "CFBundleTypeName": "Markdown post",
            "CFBundleTypeRole": "Viewer",
            "LSHandlerRank": "Alternate",
            "CFBundleTypeExtensions": [e.lstrip(".") for e in MARKDOWN_EXTENSIONS],
            "LSItemContentTypes": ["net.daringfireball.markdown"],
        },
        {
            "CFBundleTypeName": "HTML post",
            "CFBundleTypeRole": "Viewer",
            "LSHandlerRank": "Alternate",
            "CFBundleTypeExtensions": [e.lstrip(".") for e in HTML_EXTENSIONS],
        },
        {
            "CFBundleTypeName": "Folder of posts",
            "CFBundleTypeRole": "Viewer",
            "LSHandlerRank": "Alternate",
            "LSItemContentTypes": ["public.folder"],
        },
    ]


def info_plist() -> dict:
    """The Info.plist keys the app bundle adds to PyInstaller's own."""
    return {
        "CFBundleName": reader.APP_NAME,
        "CFBundleDisplayName": reader.APP_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": reader.__version__,
        "CFBundleVersion": reader.__version__,
        "CFBundleDocumentTypes": document_types(),
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
    }
