"""Edit ▸ Preferences: fonts, size, text width, line height, theme, read delay and language, applied at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from .. import settings as S
from .article_html import CJK_FONT_FAMILIES, Look
from .article_view import MAX_POINT_SIZE, MIN_POINT_SIZE, ArticleView
from .i18n import CHOICES

THEMES = (
    ("system", QT_TRANSLATE_NOOP("PreferencesDialog", "Follow the System")),
    ("light", QT_TRANSLATE_NOOP("PreferencesDialog", "Light")),
    ("dark", QT_TRANSLATE_NOOP("PreferencesDialog", "Dark")),
)
_SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_overridden = False  # we set the palette ourselves because the platform ignored the colour scheme


def _dark_palette() -> QPalette:
    """Light text on dark, for platforms that do not switch the palette themselves (offscreen, some X11)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e8e8e8"),
        (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2a2a2a"),
        (roles.Text, "#e8e8e8"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e8e8e8"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7fb2ff"),
        (roles.LinkVisited, "#b99cff"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e8e8e8"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Light, "#505050"),
        (roles.Midlight, "#3c3c3c"),
        (roles.Mid, "#303030"),
        (roles.Dark, "#1a1a1a"),
        (roles.Shadow, "#000000"),
    ):
        pal.setColor(role, QColor(color))
    return pal


def apply_theme(theme: str) -> None:
    """Ask the platform for the colour scheme (Qt 6.8+); where it takes no notice, set the palette ourselves."""
    global _overridden
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    scheme = _SCHEMES.get(theme, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(scheme)
    if scheme != Qt.ColorScheme.Unknown and hints.colorScheme() != scheme:
        app.setPalette(_dark_palette() if theme == "dark" else app.style().standardPalette())
        _overridden = True
    elif _overridden:
        app.setPalette(app.style().standardPalette())
        _overridden = False
    for widget in app.allWidgets():  # a widget under a style sheet keeps its old palette until polished again
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def look_from(prefs: S.Store) -> Look:
    return Look(
        prefs.get(S.CHINESE_FONT), prefs.get(S.LATIN_FONT), prefs.get(S.TEXT_WIDTH_EM), prefs.get(S.LINE_HEIGHT)
    )


def apply_saved(prefs: S.Store, view: ArticleView) -> None:
    """At start: the page's look and the theme as last chosen."""
    view.set_look(look_from(prefs))
    theme = prefs.get(S.THEME)
    if theme != "system":
        apply_theme(theme)


class PreferencesDialog(QDialog):
    """Every control applies and saves its value as soon as it changes; Close only closes."""

    def __init__(
        self,
        settings: S.Settings,
        view: ArticleView,
        set_read_delay: Callable[[int], None],
        notify: Callable[[str, int], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._prefs, self._settings, self._view, self._notify = settings.preferences, settings, view, notify
        self._set_read_delay = set_read_delay
        form = QFormLayout(self)
        self.chinese_font = self._font_box("chineseFont", S.CHINESE_FONT, QFontDatabase.WritingSystem.SimplifiedChinese)
        self.latin_font = self._font_box("latinFont", S.LATIN_FONT, QFontDatabase.WritingSystem.Latin)
        self.font_size = QDoubleSpinBox(
            self,
            objectName="fontSize",
            decimals=1,
            singleStep=1.0,
            minimum=MIN_POINT_SIZE,
            maximum=MAX_POINT_SIZE,
            suffix=" pt",
        )
        self.font_size.setValue(view.font_size())
        self.font_size.valueChanged.connect(view.set_font_size)  # the view saves it (fontSizeChanged)
        view.fontSizeChanged.connect(self._zoomed)
        self.text_width = self._spin("textWidth", S.TEXT_WIDTH_EM, 10, 200, self.tr(" em"))
        self.line_height = self._spin("lineHeight", S.LINE_HEIGHT, 80, 300, " %", step=5)
        self.read_delay = self._spin("readDelay", S.READ_DELAY_MS, 0, 60000, " ms", step=250)
        self.theme = self._combo("theme", [(code, self.tr(name)) for code, name in THEMES], self._prefs.get(S.THEME))
        self.theme.currentIndexChanged.connect(self._theme_changed)
        languages = [
            (code, QCoreApplication.translate("Language", name) if not code else name) for code, name in CHOICES
        ]
        self.language = self._combo("language", languages, self._prefs.get(S.LANGUAGE))
        self.language.currentIndexChanged.connect(self._language_changed)
        for label, widget in (
            (self.tr("&Chinese font:"), self.chinese_font),
            (self.tr("L&atin font:"), self.latin_font),
            (self.tr("Font &size:"), self.font_size),
            (self.tr("Text &width:"), self.text_width),
            (self.tr("Line &height:"), self.line_height),
            (self.tr("&Theme:"), self.theme),
            (self.tr("Mark as read &after:"), self.read_delay),
            (self.tr("&Language:"), self.language),
        ):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _font_box(self, name: str, setting: S.Setting, system: QFontDatabase.WritingSystem) -> QFontComboBox:
        box = QFontComboBox(self, objectName=name)
        box.setWritingSystem(system)
        # Nothing chosen yet: show the font the page uses first (the Latin one falls back to it too).
        box.setCurrentFont(QFont(self._prefs.get(setting) or CJK_FONT_FAMILIES[0]))
        box.currentFontChanged.connect(lambda font: self._save(setting, font.family()))
        return box

    def _spin(self, name: str, setting: S.Setting, low: int, high: int, suffix: str, step: int = 1) -> QSpinBox:
        box = QSpinBox(self, objectName=name, minimum=low, maximum=high, singleStep=step, suffix=suffix)
        box.setValue(self._prefs.get(setting))
        box.valueChanged.connect(lambda value: self._save(setting, value))
        return box

    def _combo(self, name: str, items: list[tuple[str, str]], chosen: str) -> QComboBox:
        box = QComboBox(self, objectName=name)
        for code, text in items:
            box.addItem(text, code)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        return box

    def _save(self, setting: S.Setting, value) -> None:
        self._prefs.set(setting, value)
        if setting is S.READ_DELAY_MS:
            self._set_read_delay(value)
        else:
            self._view.set_look(look_from(self._prefs))

    def _zoomed(self, pt: float) -> None:
        if self.font_size.value() != pt:
            self.font_size.setValue(pt)

    def _theme_changed(self) -> None:
        theme = self.theme.currentData()
        self._prefs.set(S.THEME, theme)
        apply_theme(theme)

    def _language_changed(self) -> None:
        self._prefs.set(S.LANGUAGE, self.language.currentData())
        self._settings.sync()
        self._notify(
            QCoreApplication.translate("Language", "The new language is used when Jianbao Reader starts again."), 10000
        )

    def done(self, result: int) -> None:
        self._view.fontSizeChanged.disconnect(self._zoomed)
        self._settings.sync()
        super().done(result)
