"""The interface language: the system's or the one chosen in View ▸ Language, and Qt's translators for it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..paths import shipped
from ..settings import LANGUAGE, Settings

log = logging.getLogger(__name__)

TRANSLATIONS = shipped("resources", "translations")
LANGUAGES = ("en", "zh_CN", "zh_TW")  # English is the source; .ts files for every one (English: plurals)
# Each language in its own name, as language menus show them ("" follows the system).
CHOICES = (
    ("", QT_TRANSLATE_NOOP("Language", "System Language")),
    ("en", "English"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
)

_installed: list[QTranslator] = []
_current = "en"


def language_for(locale: QLocale) -> str:
    """zh_CN, zh_SG (Simplified script) -> zh_CN; zh_TW, zh_HK, zh_MO (Traditional) -> zh_TW; else en."""
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    return "zh_TW" if locale.script() == QLocale.Script.TraditionalHanScript else "zh_CN"


def resolve(choice: str) -> str:
    """The language a stored choice stands for: itself if known, else the system's."""
    return choice if choice in LANGUAGES else language_for(QLocale.system())


def install(app: QCoreApplication, choice: str = "") -> str:
    """Install our translator and Qt's own for the chosen language (before the first window); returns it."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve(choice)
    files = [(str(TRANSLATIONS), f"jianbao_{language}")]
    if language != "en":  # qtbase_zh_*.qm: the standard dialogs and buttons
        files.append((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"))
    for folder, name in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation %s.qm in %s", name, folder)
    if choice in LANGUAGES:  # an override: Qt's own formatting follows it too
        QLocale.setDefault(QLocale(language if language != "en" else "en_US"))
    _current = language
    return language


def current() -> str:
    """The language installed: "en", "zh_CN" or "zh_TW"."""
    return _current


def app_name() -> str:
    """The application's name in the interface language (剪报阅读器, 剪報閱讀器)."""
    return QCoreApplication.translate("App", "Jianbao Reader")


def add_language_menu(menu: QMenu, settings: Settings, notify: Callable[[str, int], None]) -> QMenu:
    """View ▸ Language: one checkable entry per choice, stored in the preferences; it applies on the
    next start (the menus, models and pages are built in one language), which `notify` says."""
    submenu = menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    submenu.setObjectName("languageMenu")
    group = QActionGroup(submenu)
    chosen = settings.preferences.get(LANGUAGE)

    def choose(code: str) -> None:
        settings.preferences.set(LANGUAGE, code)
        settings.sync()
        notify(
            QCoreApplication.translate("Language", "The new language is used when Jianbao Reader starts again."), 10000
        )

    for code, name in CHOICES:
        text = QCoreApplication.translate("Language", name) if not code else name
        action = QAction(text, submenu, checkable=True, checked=code == chosen)
        action.setObjectName(f"language_{code or 'system'}")
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
        group.addAction(action)
        submenu.addAction(action)
    return submenu
