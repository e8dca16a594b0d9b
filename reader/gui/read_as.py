"""View ▸ Read As: the article, the list and the tree shown in Simplified or Traditional (never the files)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from .. import settings as S
from ..core import ORIGINAL, SCRIPTS, SIMPLIFIED, TRADITIONAL

CHOICES = (
    (ORIGINAL, QT_TRANSLATE_NOOP("ReadAs", "As &Written")),
    (SIMPLIFIED, QT_TRANSLATE_NOOP("ReadAs", "&Simplified Chinese")),
    (TRADITIONAL, QT_TRANSLATE_NOOP("ReadAs", "&Traditional Chinese")),
)


def add_read_as_menu(menu: QMenu, settings, shown: Sequence) -> QMenu:
    """View ▸ Read As: one checkable entry per script. The stored choice applies now to `shown` (the
    article view and the models: each has set_script); a new one applies at once and is stored."""
    chosen = apply(settings.preferences.get(S.READ_AS), shown)

    def choose(script: str) -> None:
        settings.preferences.set(S.READ_AS, script)
        settings.sync()
        apply(script, shown)

    submenu = menu.addMenu(QCoreApplication.translate("ReadAs", "Read &As"))
    submenu.setObjectName("readAsMenu")
    group = QActionGroup(submenu)
    for script, name in CHOICES:
        action = QAction(QCoreApplication.translate("ReadAs", name), submenu, checkable=True, checked=script == chosen)
        action.setObjectName(f"read_as_{script}")
        action.triggered.connect(lambda _checked=False, s=script: choose(s))
        group.addAction(action)
        submenu.addAction(action)
    return submenu


def apply(script: str, shown: Sequence) -> str:
    """Show each of `shown` in `script`; an unknown one (a settings file edited by hand) reads as written."""
    script = script if script in SCRIPTS else ORIGINAL
    for view_or_model in shown:
        view_or_model.set_script(script)
    return script
