"""Folders too broad to open as a library without asking: the root, the home folder, system folders (no Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Opened as a library, each of these would index a whole system or a whole disk.
_UNIX_SYSTEM = (
    "/etc",
    "/usr",
    "/var",
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/boot",
    "/opt",
    "/srv",
    "/root",
    "/mnt",
    "/media",
    "/snap",
    "/nix",
    "/Volumes",
    "/System",
    "/Library",
    "/Applications",
    "/private",
    "/cores",
)
# Pseudo file systems: nothing inside them is a folder of posts.
_UNIX_PSEUDO = ("/proc", "/sys", "/dev", "/run")
_WINDOWS_SYSTEM_VARS = (
    "SystemRoot",
    "windir",
    "ProgramFiles",
    "ProgramFiles(x86)",
    "ProgramW6432",
    "ProgramData",
    "PUBLIC",
)


def broad_folder_reason(folder: str | os.PathLike[str]) -> str | None:
    """Why `folder` is too broad to index without asking ("the whole file system", "your home
    folder", "a system folder"), or None for an ordinary folder."""
    path = _real(folder)
    home = _real(Path.home())
    if path.parent == path:
        return "the top of a disk"
    if path == home:
        return "your home folder"
    if home.is_relative_to(path):
        return "a folder that holds the home folders"
    if any(path == p or path.is_relative_to(p) for p in _pseudo_folders()):
        return "a system folder"
    if path in _system_folders():
        return "a system folder"
    return None


def _real(folder: str | os.PathLike[str]) -> Path:
    try:
        return Path(folder).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(folder))


def _pseudo_folders() -> set[Path]:
    return set() if sys.platform == "win32" else {Path(p) for p in _UNIX_PSEUDO}


def _system_folders() -> set[Path]:
    if sys.platform == "win32":
        found = (os.environ.get(name) for name in _WINDOWS_SYSTEM_VARS)
        return {_real(p) for p in found if p}
    return {_real(p) for p in _UNIX_SYSTEM}
