"""The core's English words in a Chinese window: real corpus files opened with the mouse under the zh_CN and
zh_TW translators, installed as the app installs them; the variable parts (line, the YAML's words) kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

CORPUS = __import__("pathlib").Path("/work/shared/corpus")
ZH_NOTES = CORPUS / "obsidian-help" / "zh" / "链接笔记与文件"  # 别名.md embeds ![[内部链接#^callout-…]]
KEPANO = CORPUS / "kepano-vault"  # Templates/Recipe Template.md: `created: {{date}}`, not valid YAML
RECIPE = "Templates/Recipe Template.md"
START = CORPUS / "obsidian-help" / "zh" / "快速入门"  # 更新 Obsidian.md: a `> [!tip]` callout with no title

pytestmark = pytest.mark.skipif(not KEPANO.is_dir() or not ZH_NOTES.is_dir(), reason="the corpus is not here")

WORDS = {
    "zh_CN": {
        "embed": "嵌入：内部链接",
        "notice": "读取此文件时出现问题：",
        "reason": "前置元数据第 10 行：键不能是列表或映射（created: {{date}}）",
        "status": f"{RECIPE} 有问题：前置元数据第 10 行：键不能是列表或映射（created: {{{{date}}}}）",
        "problems": "有问题",
        "tip": "问题：前置元数据第 10 行：键不能是列表或映射（created: {{date}}）",
    },
    "zh_TW": {
        "embed": "嵌入：内部链接",
        "notice": "讀取此檔案時發生問題：",
        "reason": "前置中繼資料第 10 行：鍵不能是清單或對映（created: {{date}}）",
        "status": f"{RECIPE} 有問題：前置中繼資料第 10 行：鍵不能是清單或對映（created: {{{{date}}}}）",
        "problems": "有問題",
        "tip": "問題：前置中繼資料第 10 行：鍵不能是清單或對映（created: {{date}}）",
    },
}


@pytest.fixture(params=["zh_CN", "zh_TW"])
def language(request, qapp):
    from reader.gui import i18n

    assert i18n.install(qapp, request.param) == request.param
    yield request.param
    i18n.install(qapp, "en")


def _click_row(qtbot, window, path: str) -> None:
    """A click on the list row of the post at `path`; waits until the view shows it."""
    qtbot.waitUntil(lambda: window.list_model.rowCount() > 0, timeout=10000)
    index = window.list_model.index(window.list_model.row_of(window.library.post_id(path)), 0)
    window.list.scrollTo(index)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=window.list.visualRect(index).center())
    qtbot.waitUntil(lambda: window.reading.post is not None and window.reading.post.meta.path == path, timeout=10000)


def test_an_embedded_note_is_labelled_in_chinese(qtbot, make_window, language):
    window = make_window(ZH_NOTES)
    _click_row(qtbot, window, "别名.md")
    text = window.view.toPlainText()
    assert WORDS[language]["embed"] in text and "Embedded" not in text


def test_a_callout_with_no_title_is_named_in_chinese(qtbot, make_window, language):
    window = make_window(START)
    _click_row(qtbot, window, "更新 Obsidian.md")
    lines = window.view.toPlainText().split("\n")
    assert "提示" in lines and "Tip" not in lines  # the same word in both scripts


def test_a_files_problem_reads_chinese_in_the_page_status_bar_and_list(qtbot, make_window, language):
    words = WORDS[language]
    window = make_window(KEPANO)
    _click_row(qtbot, window, RECIPE)
    text = window.view.toPlainText()
    assert f"{words['notice']} {words['reason']}" in text, text[:300]
    assert "front matter" not in text and "unhashable" not in text
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == words["status"], timeout=5000)

    # The Problems node lists the vault's 28 templates; each row's tooltip and screen-reader text say why in Chinese.
    node = window.tree_model.index_for_id("problems:")
    assert window.tree_model.data(node).startswith(words["problems"])
    window.tree.scrollTo(node)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.tree.visualRect(node).center())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 28, timeout=10000)
    tips = [window.list_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(28)]
    assert all("front matter" not in tip and "unhashable" not in tip for tip in tips)
    index = window.list_model.index(window.list_model.row_of(window.library.post_id(RECIPE)), 0)
    assert words["tip"] in index.data(Qt.ItemDataRole.ToolTipRole)
    assert words["reason"] in index.data(Qt.ItemDataRole.AccessibleDescriptionRole)


def test_a_search_the_core_cannot_understand_is_explained_in_chinese(qtbot, make_window, language):
    window = make_window(ZH_NOTES)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3, timeout=10000)
    qtbot.keyClicks(window.search_edit, "tag:")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    said = {"zh_CN": "“tag:”后面需要一个值，例如 tag:word。", "zh_TW": "「tag:」後面需要一個值，例如 tag:word。"}[
        language
    ]
    qtbot.waitUntil(lambda: window.search_info.isVisible() and window.search_info.text() == said, timeout=5000)
    assert window.statusBar().currentMessage() == said
