"""The window in Chinese: the real start under LANG=zh_CN / zh_TW (a subprocess each), and View ▸ Language
chosen with the mouse, remembered for the next start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from reader import settings as S

ROOT = Path(__file__).resolve().parents[2]


def _start(tmp_path: Path, library: Path, lang: str, data: Path | None = None) -> dict:
    env = {**os.environ, "LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LC_ALL", None), env.pop("LC_MESSAGES", None), env.pop("LANGUAGE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "tests.gui.i18n_probe", str(data or tmp_path / "data"), str(library)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    return json.loads(lines[-1])


EXPECTED = {
    "zh_CN.UTF-8": (
        "剪报阅读器",
        ["文件(&F)", "编辑(&E)", "查看(&V)", "转到(&G)", "文章(&A)", "帮助(&H)"],
        "语言(&L)",
        ["文库", "已存搜索", "高亮", "分类", "标签", "归档"],
        ["标题", "日期", "分类"],
        "搜索(&S)",
    ),
    "zh_TW.UTF-8": (
        "剪報閱讀器",
        ["檔案(&F)", "編輯(&E)", "檢視(&V)", "前往(&G)", "文章(&A)", "說明(&H)"],
        "語言(&L)",
        ["文庫", "已存搜尋", "螢光標記", "分類", "標籤", "封存"],
        ["標題", "日期", "分類"],
        "搜尋(&S)",
    ),
    "C.UTF-8": (
        "Jianbao Reader",
        ["&File", "&Edit", "&View", "&Go", "&Article", "&Help"],
        "&Language",
        ["Library", "Saved Searches", "Highlights", "Categories", "Tags", "Archive"],
        ["Title", "Date", "Category"],
        "&Search",
    ),
}


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_the_window_speaks_the_system_language(tmp_path, library_dir, lang):
    name, menus, language, tree, header, search = EXPECTED[lang]
    found = _start(tmp_path, library_dir, lang)
    assert found["title"] == f"测试剪报 — {name}" and found["display_name"] == name  # the site title, then ours
    assert list(found["menus"]) == menus
    view = found["menus"][menus[2]]
    assert view[0] == search and language in view
    assert found["tree"] == tree and found["header"] == header
    assert found["language_menu"][0][1] is True  # "follow the system" is the one checked
    dates = [d for d in found["dates"] if d]
    assert dates and all(("年" in d) == (lang != "C.UTF-8") for d in dates), dates


def test_a_language_chosen_in_the_settings_wins_over_the_system(tmp_path, library_dir):
    data = tmp_path / "data"
    store = S.Settings(data / "config")  # where --data-dir keeps its preferences (AppPaths)
    store.preferences.set(S.LANGUAGE, "zh_TW")
    store.sync()
    found = _start(tmp_path, library_dir, "C.UTF-8", data)
    assert found["title"].endswith("剪報閱讀器") and "檔案(&F)" in found["menus"]
    assert [checked for _text, checked in found["language_menu"]] == [False, False, False, True]


def _click_action(qtbot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    point = menu.actionGeometry(action).center()
    qtbot.mouseMove(menu, point)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")  # offscreen menus
def test_view_language_is_chosen_with_the_mouse_and_remembered(qtbot, make_window, library_dir):
    window = make_window(library_dir)
    bar = window.menuBar()
    view_action = next(a for a in bar.actions() if a.text() == "&View")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(view_action).center())
    view_menu = view_action.menu()
    qtbot.waitUntil(view_menu.isVisible, timeout=3000)
    _click_action(qtbot, view_menu, "&Language")
    languages = window.findChild(QMenu, "languageMenu")
    qtbot.waitUntil(languages.isVisible, timeout=3000)
    _click_action(qtbot, languages, "繁體中文")
    qtbot.waitUntil(lambda: window.settings.preferences.get(S.LANGUAGE) == "zh_TW", timeout=3000)
    assert "starts again" in window.statusBar().currentMessage()
    assert [a.isChecked() for a in languages.actions()] == [False, False, False, True]
    assert S.Settings(window.paths.config).preferences.get(S.LANGUAGE) == "zh_TW"  # on disk, for the next start


def test_a_path_that_cannot_be_opened_is_told_in_chinese(qapp, make_window, tmp_path):
    """locate.py has no Qt: its messages are translation sources that open_paths translates."""
    from PySide6.QtWidgets import QMessageBox

    from reader.app.open_paths import open_paths
    from reader.gui import i18n

    i18n.install(qapp, "zh_CN")
    try:
        window = make_window()
        open_paths(window, [str(tmp_path / "不存在.md")], None)
        boxes = window.findChildren(QMessageBox)
        assert boxes and boxes[-1].windowTitle() == "无法打开"
        assert boxes[-1].text() == f"{tmp_path / '不存在.md'} 处没有文件或文件夹。"
        boxes[-1].close()
    finally:
        i18n.install(qapp, "en")
