"""The translations: every string of the code in every .ts, all translated, the .qm compiled from them;
the language chosen from the locale; dates written the language's way."""

from __future__ import annotations

import ast
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from reader.gui import i18n
from reader.gui.dates import format_date, format_month, format_year

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def _ts_messages(language: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(tool.ts_file(language)).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _class_of(tree: ast.Module) -> dict[ast.AST, str]:
    owners = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for inner in ast.walk(node):
                owners.setdefault(inner, node.name)
    return owners


def _code_messages() -> set[tuple[str, str, bool]]:
    """(context, source, plural) of every literal tr / translate / QT_TRANSLATE_NOOP call, read with ast."""
    found = set()
    for folder in tool.SOURCES:
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            owners = _class_of(tree)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
                if name == "tr" and isinstance(node.func, ast.Attribute) and args and isinstance(args[0], str):
                    found.add((owners.get(node, ""), args[0], len(args) > 2))
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2 and isinstance(args[1], str):
                    where = f"{path.name}:{node.lineno}"
                    assert isinstance(args[0], str), f"{where}: the context must be a literal"
                    assert len(args) < 4, f"{where}: lupdate reads plurals only from self.tr() in a class"
                    found.add((args[0], args[1], False))
    return found


def test_the_ts_files_hold_every_string_translated_and_the_qm_files_are_compiled_from_them():
    """lupdate into a copy of each .ts must change nothing; no unfinished translation; .qm up to date."""
    assert tool.problems() == []


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_every_literal_string_of_the_code_is_in_the_ts(language):
    """A check on lupdate itself: its Python parser misses some calls (a plural whose count is `a.b`)."""
    messages = _ts_messages(language)
    code = _code_messages()
    assert len(code) > 150
    missing = sorted((c, s) for c, s, _plural in code if (c, s) not in messages)
    assert missing == []
    plurals = {(c, s) for c, s, plural in code if plural}
    assert plurals and all(messages[key].get("numerus") == "yes" for key in plurals)


def test_english_gives_the_plural_forms():
    messages = _ts_messages("en")
    for message in messages.values():
        forms = [f.text for f in message.iter("numerusform")]
        assert len(forms) == 2 and "(s)" not in "".join(forms), forms


def test_placeholders_survive_translation():
    """A translation keeps the {0}, {name}, %n and %1 of its source, so .format() cannot fail on it."""
    import re

    holes = re.compile(r"\{\w*|%L?n|%1")  # the names, not the formats: {month:02} may become {month}
    for language in ("zh_CN", "zh_TW"):
        for (context, source), message in _ts_messages(language).items():
            texts = [f.text or "" for f in message.iter("numerusform")] or [message.findtext("translation") or ""]
            for text in texts:
                assert sorted(holes.findall(text)) == sorted(holes.findall(source)), (language, context, source, text)


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh_TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_MO", "zh_TW"),
        ("en_US", "en"),
        ("ja_JP", "en"),
        ("de_DE", "en"),
        ("C", "en"),
    ],
)
def test_the_language_follows_the_locale(name, language):
    assert i18n.language_for(QLocale(name)) == language


def test_a_stored_choice_wins_and_an_unknown_one_follows_the_system():
    assert i18n.resolve("zh_TW") == "zh_TW"
    assert i18n.resolve("en") == "en"
    assert i18n.resolve("") == i18n.resolve("klingon") == i18n.language_for(QLocale.system())


@pytest.fixture
def chinese(qapp):
    """The interface in Simplified Chinese for one test, English again after it."""
    yield lambda language: i18n.install(qapp, language)
    i18n.install(qapp, "en")
    QLocale.setDefault(QLocale("en_US"))


def test_dates_in_english_stay_as_the_index_writes_them(chinese):
    chinese("en")
    assert format_date("2022-01-21T15:01:08+08:00") == "2022-01-21 15:01"
    assert format_date("2022-01-21T00:00:00") == format_date("2022-01-21") == "2022-01-21"
    assert format_month("2025-06") == "2025-06" and format_year("2025") == "2025"
    assert format_date(None) == "" and format_date("someday") == "someday"


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_dates_in_chinese(chinese, language):
    assert chinese(language) == language
    assert format_date("2022-01-21T15:01:08+08:00") == "2022年1月21日 15:01"
    assert format_date("2022-01-21") == "2022年1月21日"
    assert format_month("2025-06") == "2025年6月"
    assert format_year("2025") == "2025年"
    assert i18n.app_name() == {"zh_CN": "剪报阅读器", "zh_TW": "剪報閱讀器"}[language]


def test_qt_own_translations_are_loaded_for_chinese(chinese):
    from PySide6.QtCore import QCoreApplication

    chinese("zh_TW")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    chinese("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存"


def test_the_cli_speaks_english_under_a_chinese_locale(tmp_path):
    """Scripts read jianbao-cli's output: the same bytes under zh_CN, zh_TW and C."""
    import os
    import subprocess
    import sys

    library = ROOT / "tests" / "fixtures" / "jekyll"
    outputs = set()
    for lang in ("C.UTF-8", "zh_CN.UTF-8", "zh_TW.UTF-8"):  # the first indexes; the others list from its index
        env = {**os.environ, "LANG": lang, "LC_ALL": lang}
        proc = subprocess.run(
            [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path), "list", str(library)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1 and outputs.pop().strip()
