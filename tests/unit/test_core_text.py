"""The core's English messages in the interface language (reader.gui.core_text): golden pairs of a real
broken file, what the core says of it, and what a Chinese window shows; the renderer's labels in a page."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.core import Library
from reader.gui import core_text, i18n
from reader.gui.article_html import prepare_body

# file content -> (what the core says, zh_CN, zh_TW); the line numbers and the YAML's own words are kept.
GOLDEN = {
    "unhashable": (
        "---\ntitle: a\ncreated: {{date}}\n---\nbody\n",
        "front matter, line 3: found unhashable key (created: {{date}})",
        "前置元数据第 3 行：键不能是列表或映射（created: {{date}}）",
        "前置中繼資料第 3 行：鍵不能是清單或對映（created: {{date}}）",
    ),
    "unclosed": (
        '---\ntitle: "abc\nx: 1\n---\nbody\n',
        'front matter, line 2: a quoted scalar that never ends (title: "abc)',
        '前置元数据第 2 行：引号括起的值没有结束（title: "abc）',
        '前置中繼資料第 2 行：引號括起的值沒有結束（title: "abc）',
    ),
    "flow": (
        "---\ntags: [a, b\n---\nbody\n",
        "front matter, line 2: a flow sequence that never ends (tags: [a, b)",
        "前置元数据第 2 行：方括号括起的列表没有结束（tags: [a, b）",
        "前置中繼資料第 2 行：方括號括起的清單沒有結束（tags: [a, b）",
    ),
    "mapping": (
        "---\ntitle: a: b\n---\nbody\n",
        "front matter, line 2: mapping values are not allowed in this context (title: a: b)",
        "前置元数据第 2 行：此处不能有键值对（多了一个冒号？）（title: a: b）",
        "前置中繼資料第 2 行：此處不能有鍵值對（多了一個冒號？）（title: a: b）",
    ),
    "tab": (
        "---\ntitle: a\n\tb: c\n---\nbody\n",
        "front matter, line 3: found a tab character that violates indentation (b: c)",
        "前置元数据第 3 行：制表符破坏了缩进（b: c）",
        "前置中繼資料第 3 行：定位字元破壞了縮排（b: c）",
    ),
    "alias": (
        "---\ntitle: *x\n---\nb\n",
        "front matter, line 2: found undefined alias (title: *x)",
        "前置元数据第 2 行：未定义的别名（title: *x）",
        "前置中繼資料第 2 行：未定義的別名（title: *x）",
    ),
    "list": (
        "---\n- a\n- b\n---\nbody\n",
        "front matter, line 2: front matter is a list, not keys with values",
        "前置元数据第 2 行：前置元数据是一个列表，而不是键和值",
        "前置中繼資料第 2 行：前置中繼資料是一個清單，而不是鍵和值",
    ),
    "noclose": (
        "---\ntitle: a\ndate: 2020-01-01\n\nbody\n",
        "front matter, line 1: no closing '---' line after this opening one",
        "前置元数据第 1 行：开头的“---”行之后没有结尾的那一行",
        "前置中繼資料第 1 行：開頭的「---」行之後沒有結尾的那一行",
    ),
    "json": (
        '{\n"title": "a",\n}\nbody\n',
        "front matter, line 3: Expecting property name enclosed in double quotes",
        "前置元数据第 3 行：此处应有双引号括起的键名",
        "前置中繼資料第 3 行：此處應有雙引號括起的鍵名",
    ),
    "toml": (
        "+++\ntitle = \n+++\nbody\n",
        "front matter, line 2: Invalid value",
        "前置元数据第 2 行：无效的值",
        "前置中繼資料第 2 行：無效的值",
    ),
    "date": (
        "---\ndate: 2018-02-31\n---\nbody\n",
        "date '2018-02-31' is not a date",
        "date 的值“2018-02-31”不是日期",
        "date 的值「2018-02-31」不是日期",
    ),
    "binary": (
        bytes(range(256)) * 4,
        "binary file, not text",
        "二进制文件，不是文本",
        "二進位檔案，不是文字",
    ),
    "bom": (
        b"\xef\xbb\xbf\xff\xfe abc",
        "not valid utf-8 after its byte-order mark",
        "字节顺序标记（BOM）之后不是有效的 utf-8",
        "位元組順序標記（BOM）之後不是有效的 utf-8",
    ),
}
# Made by the index (budget.py, scanner.py, store.py) or the system: no small file makes them.
MADE_ELSEWHERE = [
    (
        "too complex to read (over 2 s of CPU)",
        "过于复杂，无法读取（CPU 时间超过 2 秒）",
        "過於複雜，無法讀取（CPU 時間超過 2 秒）",
    ),
    ("cannot be read: Permission denied", "无法读取：没有权限", "無法讀取：沒有權限"),
    ("not a regular file (FIFO)", "不是普通文件（命名管道）", "不是一般檔案（具名管道）"),
    ("the index was damaged and has been rebuilt", "索引已损坏，已重新建立", "索引已損壞，已重新建立"),
    (
        "the index folder /ro/jianbao cannot be used (read-only file system); until it can, the index is kept in /d/x",
        "索引文件夹 /ro/jianbao 无法使用（只读文件系统）；在恢复之前，索引暂存于 /d/x",
        "索引資料夾 /ro/jianbao 無法使用（唯讀檔案系統）；在恢復之前，索引暫存於 /d/x",
    ),
]


@pytest.fixture
def language(qapp):
    yield lambda code: i18n.install(qapp, code)
    i18n.install(qapp, "en")


@pytest.fixture(scope="module")
def problems(tmp_path_factory) -> dict[str, str]:
    """What the core says of each golden file, read by a real refresh: name -> message."""
    root = tmp_path_factory.mktemp("broken") / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n")
    for name, (content, *_) in GOLDEN.items():
        path = root / "_posts" / f"2020-01-01-{name}.md"
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    library = Library(root, data_dir=root.parent / "data")
    library.refresh()
    return {Path(p.path).stem.removeprefix("2020-01-01-"): p.message for p in library.problems()}


def test_the_core_keeps_its_english_messages(problems):
    assert problems == {name: english for name, (_, english, *_) in GOLDEN.items()}


@pytest.mark.parametrize("code", ["zh_CN", "zh_TW"])
def test_every_problem_a_file_can_have_reads_chinese_with_its_variable_parts_kept(problems, language, code):
    language(code)
    column = 2 if code == "zh_CN" else 3
    for name, message in problems.items():
        assert core_text.translated(message) == GOLDEN[name][column], name
    for english, *chinese in MADE_ELSEWHERE:
        assert core_text.translated(english) == chinese[column - 2]


def test_english_and_unknown_messages_stay_as_they_are(problems, language):
    language("en")
    assert all(core_text.translated(message) == message for message in problems.values())
    language("zh_CN")
    for unknown in ("something new (x)", "front matter, line 4: a problem not known yet (k: v)", ""):
        assert core_text.translated(unknown) == unknown.replace("front matter, line 4: ", "前置元数据第 4 行：")


def test_a_part_that_looks_like_a_placeholder_is_kept(language):
    language("zh_CN")
    assert core_text.translated("date '%2 %1' is not a date") == "date 的值“%2 %1”不是日期"


@pytest.mark.parametrize(
    ("body", "english", "chinese"),
    [
        ("![[Other note]]", "Embedded: Other note", "嵌入：Other note"),
        ("{% vimeo 42 %}", "Embedded: vimeo.com", "嵌入：vimeo.com"),
        ("{% youtube abc %}", "YouTube video abc", "YouTube 视频 abc"),
        ('<video src="https://v.cn/a.mp4"></video>', "[video: v.cn]", "[视频：v.cn]"),
        ('<video src="javascript:x()"></video>', "[video]", "[视频]"),
        ("\n> [!tip]\n> x\n", ">Tip<", ">提示<"),
    ],
)
def test_the_renderers_labels_are_translated_in_the_page_and_the_authors_words_are_not(
    tmp_path, language, body, english, chinese
):
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n")
    text = f"---\ntitle: t\n---\n\nEmbedded: mine. {body}\n\n[video: mine]\n"
    (root / "_posts" / "2020-01-01-a.md").write_text(text, encoding="utf-8")
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    html = library.get_post(library.post_id("_posts/2020-01-01-a.md")).html
    language("en")
    assert english in prepare_body(html).html
    language("zh_CN")
    page = prepare_body(html).html
    assert chinese in page and english not in page
    assert "Embedded: mine." in page and "[video: mine]" in page  # the author's own text


# A search the core cannot understand (query.py, planner.py): query -> zh_CN, zh_TW.
HELP_CN = "请用 date:2022、date:2022-01、date:2021-12-08，或 date:2022-01..2022-03 这样的范围"
HELP_TW = "請用 date:2022、date:2022-01、date:2021-12-08，或 date:2022-01..2022-03 這樣的範圍"
SEARCHES = {
    "date:soon": (f"无法识别“date:soon”中的日期：{HELP_CN}。", f"無法識別「date:soon」中的日期：{HELP_TW}。"),
    "date:2022-02-30": (
        f"“date:2022-02-30”不是真实存在的日期：{HELP_CN}。",
        f"「date:2022-02-30」不是真實存在的日期：{HELP_TW}。",
    ),
    "date:2022..2021": ("“date:2022..2021”的结束早于开始。", "「date:2022..2021」的結束早於開始。"),
    '"open': ('引号没有闭合：请补上结尾的 "。', '引號沒有閉合：請補上結尾的 "。'),
    "-": ("“-”后面要跟要排除的词，例如 -词语。", "「-」後面要接要排除的字詞，例如 -字詞。"),
    "-word": ("请加上要搜索的词：“-”只用于排除词语。", "請加上要搜尋的字詞：「-」只用於排除字詞。"),
    "a OR": ("“OR”两边都要有搜索的内容，例如 新能源 OR 电池。", "「OR」兩邊都要有搜尋的內容，例如 新能源 OR 電池。"),
    "tag:": ("“tag:”后面需要一个值，例如 tag:word。", "「tag:」後面需要一個值，例如 tag:word。"),
}


@pytest.fixture(scope="module")
def search_errors(tmp_path_factory) -> dict[str, BaseException]:
    """The error a real search raises for each query above."""
    from reader.core import QueryError

    root = tmp_path_factory.mktemp("search") / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_posts" / "2020-01-01-a.md").write_text("---\ntitle: a\n---\nbody\n", encoding="utf-8")
    library = Library(root, data_dir=root.parent / "data")
    library.refresh()
    errors = {}
    for query in SEARCHES:
        with pytest.raises(QueryError) as caught:
            library.search(query)
        errors[query] = caught.value
    missing = root / "_posts" / "2020-01-01-a.md"
    post_id = library.post_id("_posts/2020-01-01-a.md")
    missing.unlink()
    with pytest.raises(Exception) as caught:
        library.get_post(post_id)
    errors["deleted"] = caught.value
    with pytest.raises(Exception) as caught:
        Library(root / "nowhere", data_dir=root.parent / "data2")
    errors["no folder"] = caught.value
    return errors


@pytest.mark.parametrize("code", ["zh_CN", "zh_TW"])
def test_a_search_the_core_cannot_understand_is_explained_in_chinese(search_errors, language, code):
    language(code)
    column = 0 if code == "zh_CN" else 1
    for query, chinese in SEARCHES.items():
        assert core_text.error_text(search_errors[query]) == chinese[column], query


def test_a_posts_path_is_kept_and_its_reason_translated(search_errors, language):
    language("zh_CN")
    assert core_text.error_text(search_errors["deleted"]) == "_posts/2020-01-01-a.md: 文件已不在原处（被移动或删除）"
    folder = str(search_errors["no folder"]).removesuffix(": no such folder")
    assert core_text.error_text(search_errors["no folder"]) == f"{folder}：文件夹不存在"
    language("en")
    assert core_text.error_text(search_errors["deleted"]) == str(search_errors["deleted"])


def test_the_index_and_reading_data_that_cannot_be_used_are_explained_in_chinese(tmp_path, language):
    from reader.core import ReaderError, ReadingState

    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_posts" / "2020-01-01-a.md").write_text("---\ntitle: a\n---\nbody\n", encoding="utf-8")
    (tmp_path / "a file").write_text("x")
    with pytest.raises(ReaderError) as blocked:
        Library(root, data_dir=tmp_path / "a file" / "data").refresh()
    (tmp_path / "marks.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReaderError) as not_json:
        ReadingState(tmp_path / "state.sqlite").import_file(tmp_path / "marks.json")
    language("zh_CN")
    folder = str(blocked.value).removeprefix("Cannot create the data folder ").split(": ")[0]
    assert core_text.error_text(blocked.value) == f"无法创建数据文件夹 {folder}：不是文件夹: '{folder}'"
    said = core_text.error_text(not_json.value)
    assert said.startswith(f"{tmp_path / 'marks.json'}：不是 JSON 文件（") and said.endswith("）")


@pytest.mark.parametrize("rule", range(len(core_text._RULES)))
def test_every_rule_takes_linear_time_on_a_flood_of_its_own_words(rule):
    # A message of 20,000 repeats of the rule's template (its groups as "a") that lacks its end: a pattern with
    # two open groups before a fixed end took 0.1 s at 1,200 repeats, growing with the square.
    pattern, template = core_text._RULES[rule][:2]
    message = re.sub(r"%\d", "a", template) * 20_000 + "z"
    started = time.perf_counter()
    pattern.match(message)
    assert time.perf_counter() - started < 2.0  # hundredths of a second when linear


def test_a_long_message_is_translated_in_linear_time():
    started = time.perf_counter()
    for message in ("x (" * 20_000, "“date:" + "” is not a date I understand: " * 20_000):
        assert core_text._translate(message, core_text._DEPTH) is None  # no rule knows it
    assert time.perf_counter() - started < 2.0
