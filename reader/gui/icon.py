"""The app's icon at run time, from the same files the desktop entry installs (packaging/linux/icons)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

import reader

from ..paths import shipped

_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every size the package ships, so each place (title bar, task switcher, dock) picks a sharp one."""
    icon = QIcon()
    for size in _SIZES:
        path = shipped("packaging", "linux", "icons", "hicolor", f"{size}x{size}", "apps", f"{reader.APP_ID}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
