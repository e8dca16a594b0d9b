"""`jianbao-cli` on real folders: JSON shapes, readable tables, one-line errors with status 1."""

import json
import re
import subprocess
import sys
import unicodedata

import pytest

from reader import cli
from reader.cli import main
from tests.corpus import CORPUS, REPO

FINEWS = str(CORPUS / "finews")
KEYS = {"path", "title", "date", "categories", "category_names", "tags", "draft", "error"}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path):
    return str(tmp_path / "data")


def _search(capsys, data, *words):
    return run(capsys, "--data-dir", data, "search", FINEWS, *words)


@pytest.mark.corpus
def test_index_prints_a_summary(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "index", FINEWS)
    assert code == 0
    assert "6 posts" in out and "6 new" in out and "full text 6/6" in out


@pytest.mark.corpus
def test_list_json(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 6
    assert all(set(r) >= KEYS for r in rows)
    seed = next(r for r in rows if r["path"] == "_posts/2022-01-21-NW202201212256817237.md")
    assert seed["date"] == "2022-01-21T15:01:08+08:00"
    assert seed["categories"] == ["zhongguojingjiwang"] and seed["tags"] == ["中国经济网新闻"]
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.corpus
def test_json_names_the_slug_categories(capsys, data):
    # finews: emnews is named by its posts' "返回东财滚动新闻" links to /emnews/, sitenews by the
    # one tag all its posts carry, zhongguojingjiwang by "返回中国经济网新闻" to its category page.
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json")
    names = {key: name for r in json.loads(out) for key, name in r["category_names"].items()}
    assert names == {"emnews": "东财滚动新闻", "sitenews": "站长消息", "zhongguojingjiwang": "中国经济网新闻"}
    _, out, _ = run(capsys, "--data-dir", data, "search", FINEWS, "--json", "离岸人民币")
    assert json.loads(out)[0]["category_names"] == {"emnews": "东财滚动新闻"}
    _, out, _ = run(capsys, "--data-dir", data, "show", FINEWS, "_posts/2021-12-01-init.md", "--json")
    assert json.loads(out)[0]["category_names"] == {"sitenews": "站长消息"}
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--category", "站长消息")
    assert [r["path"] for r in json.loads(out)] == ["_posts/2021-12-01-init.md"]
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS)  # the table for people names them too
    assert "东财滚动新闻" in out and "站长消息" in out and "emnews" not in out
    _, out, _ = run(capsys, "--data-dir", data, "show", FINEWS, "_posts/2021-12-01-init.md")
    assert "· 站长消息 ·" in out and "sitenews" not in out


@pytest.mark.corpus
def test_list_filters_by_category_key_or_label(capsys, data):
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--category", "emnews")
    assert {r["path"] for r in json.loads(out)} >= {"old_post/2021-12-08-202112082207168450.md"}
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--tag", "中国经济网新闻")
    assert [r["path"] for r in json.loads(out)] == ["_posts/2022-01-21-NW202201212256817237.md"]


@pytest.mark.corpus
def test_traditional_finds_simplified_in_search_snippets_and_list_filters(capsys, data):
    _, out, _ = run(capsys, "--data-dir", data, "search", FINEWS, "拜年帶貨 外交", "--json")
    hits = json.loads(out)
    assert [h["path"] for h in hits] == ["_posts/2022-01-21-NW202201212256817237.md"]
    marked = {hits[0]["snippet"][a:b] for a, b in hits[0]["snippet_spans"]}
    assert marked and marked <= {"拜年带货", "外交"}  # marked as written
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--tag", "中國經濟網新聞")
    assert [r["path"] for r in json.loads(out)] == ["_posts/2022-01-21-NW202201212256817237.md"]


@pytest.mark.corpus
def test_list_table_is_readable(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "list", FINEWS)
    assert code == 0
    assert "拜年带货包饺子" in out and "2022-01-21" in out


@pytest.mark.corpus
def test_search_json_has_snippet_text_and_spans(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "search", FINEWS, "外交官", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits and all(KEYS | {"snippet", "snippet_spans", "title_only"} <= set(h) for h in hits)
    first = hits[0]
    assert "<b>" not in first["snippet"]
    assert {first["snippet"][a:b] for a, b in first["snippet_spans"]} <= {"外交官", "外交"}
    assert first["snippet_spans"] and not first["title_only"]


@pytest.mark.corpus
def test_search_table_prints_snippets_as_plain_text(capsys, data):
    code, out, err = run(capsys, "--data-dir", data, "search", FINEWS, "外交官")
    assert code == 0
    snippet_lines = [line for line in out.splitlines() if line.startswith("             ")]
    assert snippet_lines and all("外交" in line for line in snippet_lines)
    assert "<b>" not in out and "[" not in out and "\033" not in out  # captured output is no terminal
    assert "result" in err and "note:" not in err


@pytest.mark.corpus
@pytest.mark.parametrize("fmt, expect", [("--text", "上合组织"), ("--html", "<p>"), ("--json", '"html"')])
def test_show(capsys, data, fmt, expect):
    code, out, _ = run(capsys, "--data-dir", data, "show", FINEWS, "_posts/2022-01-21-NW202201212256817237.md", fmt)
    assert code == 0 and expect in out


@pytest.mark.corpus
def test_show_prints_a_source_the_text_already_ends_with_once(capsys, data):
    post = "_posts/2021-12-08-202112082206672930.md"  # its body's last line is its source link
    code, out, _ = run(capsys, "--data-dir", data, "show", FINEWS, post, "--text")
    url = "http://finance.eastmoney.com/news/11060,202112082206672930.html"
    assert code == 0 and out.count(url) == 1 and "Source:" not in out


def test_show_prints_a_source_the_text_does_not_show(capsys, data, tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.md").write_text("---\ntitle: 甲\nsource_url: https://example.org/a\n---\n正文。\n", "utf-8")
    code, out, _ = run(capsys, "--data-dir", data, "show", str(tmp_path / "lib"), "a.md", "--text")
    assert code == 0 and out.rstrip().endswith("Source: https://example.org/a")


@pytest.mark.corpus
def test_problems_lists_the_broken_post(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "problems", FINEWS, "--json")
    assert code == 0
    assert "_posts/-202205262391921712.md" in {p["path"] for p in json.loads(out)}


@pytest.mark.corpus
@pytest.mark.parametrize(
    "args",
    [
        ["list", "/no/such/library"],
        ["search", FINEWS, '"unclosed'],
        ["show", FINEWS, "_posts/nope.md"],
    ],
)
def test_errors_are_one_line_with_status_1(tmp_path, args):
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path), *args], capture_output=True, text=True
    )
    assert proc.returncode == 1  # a failure; 2 is for a command line that is not understood
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("jianbao-cli: ")


def test_library_that_is_a_file(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("hello", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "list", str(f)]) == 1


# --- export -----------------------------------------------------------------------------------
FINEWS_POST = "_posts/2022-01-21-NW202201212256817237.md"
FINEWS_TITLE = "拜年带货包饺子 上合组织五国外交官直播吆喝"


def _poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.corpus
def test_export_pdf_has_the_title_cjk_fonts_embedded_and_page_numbers(tmp_path, data):
    out = tmp_path / "post.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", data, "export", FINEWS, FINEWS_POST, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    # Qt's PDF maps each glyph back to the lowest code point that uses it (QFontSubset::getReverseMap),
    # and Noto CJK draws 子 and the Kangxi radical ⼦ (U+2F26) with one glyph: extracted text needs NFKC.
    text = unicodedata.normalize("NFKC", _poppler("pdftotext", str(out), "-"))
    assert FINEWS_TITLE in text.replace("\n", " ")
    assert "中国经济网新闻" in text and "2022-01-21 15:01" in text  # the header: its digits too (no 'locl')
    pages = int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", str(out))).group(1))
    assert pages >= 2
    assert re.search(rf"^1\s*/\s*{pages}$", text, re.MULTILINE)
    assert re.search(rf"^{pages}\s*/\s*{pages}$", text, re.MULTILINE)
    fonts = [line.split() for line in _poppler("pdffonts", str(out)).splitlines()[2:]]
    assert any("CJK" in row[0] and row[-5] == "yes" for row in fonts), fonts  # the "emb" column


@pytest.mark.corpus
def test_export_markdown_and_html_by_extension_or_format(capsys, tmp_path, data):
    md = tmp_path / "post.markdown"
    assert run(capsys, "--data-dir", data, "export", FINEWS, FINEWS_POST, "-o", str(md))[0] == 0
    assert md.read_text(encoding="utf-8") == (CORPUS / "finews" / FINEWS_POST).read_text(encoding="utf-8")
    page = tmp_path / "post.txt"
    assert run(capsys, "--data-dir", data, "export", FINEWS, FINEWS_POST, "-o", str(page), "--format", "html")[0] == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and FINEWS_TITLE in text and "<script" not in text


@pytest.mark.corpus
def test_export_errors_say_which_file(capsys, tmp_path, data):
    code, _, err = run(capsys, "--data-dir", data, "export", FINEWS, FINEWS_POST, "-o", str(tmp_path / "a.txt"))
    assert code == 1 and "a.txt: cannot tell the format" in err
    code, _, err = run(capsys, "--data-dir", data, "export", FINEWS, "_posts/nope.md", "-o", str(tmp_path / "a.md"))
    assert code == 1 and "_posts/nope.md: no such post" in err
    code, _, err = run(capsys, "--data-dir", data, "export", FINEWS, FINEWS_POST, "-o", str(tmp_path / "no/dir/a.md"))
    assert code == 1 and err.startswith("jianbao-cli: ") and "no/dir/a.md" in err


def test_state_export_and_import_round_trip(capsys, tmp_path, data):
    from reader.core.library import Library

    blog = tmp_path / "blog"
    (blog / "_posts").mkdir(parents=True)
    (blog / "_posts" / "2024-01-01-a.md").write_text("---\ntitle: A\n---\nbody\n", encoding="utf-8")
    library = Library(blog, data_dir=data)
    library.refresh()
    library.set_starred(library.post_id("_posts/2024-01-01-a.md"), True)
    library.close()

    code, out, _ = run(capsys, "--data-dir", data, "state", "export")
    assert code == 0
    exported = json.loads(out)
    assert exported["libraries"][str(blog.resolve())]["posts"]["_posts/2024-01-01-a.md"]["starred"] is True
    target = tmp_path / "marks.json"
    code, _, err = run(capsys, "--data-dir", data, "state", "export", "-o", str(target), "--library", str(blog))
    assert code == 0 and "1 posts written" in err and json.loads(target.read_text(encoding="utf-8"))["libraries"]

    other = str(tmp_path / "other")
    code, _, err = run(capsys, "--data-dir", other, "state", "import", str(target))
    assert code == 0 and "1 marks were newer" in err
    library = Library(blog, data_dir=other)
    try:
        assert library.state.get("_posts/2024-01-01-a.md") == (False, True, 0.0)
    finally:
        library.close()


def test_state_import_of_a_bad_file_fails_with_status_1_and_its_name(capsys, tmp_path, data):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "state", "import", str(bad))
    assert code == 1 and out == "" and str(bad) in err and "not a JSON file" in err
    with pytest.raises(SystemExit) as usage:
        main(["state", "import"])
    assert usage.value.code == 2


# --- search: a query word that starts with '-' (-word: "without word"), `--` ----------------------
# finews' only post with 外交 (外交官) also has 直播, and no 霍尼韦尔 (which another post has).
SEED = "_posts/2022-01-21-NW202201212256817237.md"


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["外交"], 1),
        (["外交", "-直播"], 0),
        (["外交", "-霍尼韦尔"], 1),
        (["-霍尼韦尔", "外交"], 1),  # the negation first
        (["--", "外交", "-直播"], 0),
    ],
)
def test_a_word_with_a_dash_leaves_posts_out(capsys, data, words, found):
    code, out, err = _search(capsys, data, "--json", *words)
    assert code == 0, err
    assert [hit["path"] for hit in json.loads(out)] == [SEED] * found


@pytest.mark.corpus
def test_the_options_between_and_after_the_words_stay_options(capsys, data):
    code, out, _ = _search(capsys, data, "外交", "-直播", "-l")
    assert (code, out) == (0, "")  # -l: paths only, and none
    code, out, _ = _search(capsys, data, "外", "--json", "交", "-霍尼韦尔", "--limit", "5")
    assert code == 0 and [hit["path"] for hit in json.loads(out)] == [SEED]
    code, out, _ = _search(capsys, data, "外交", "-l")
    assert out == f"{(CORPUS / 'finews' / SEED).resolve()}\n"  # the library's real path, as printed


@pytest.mark.corpus
def test_after_two_dashes_an_option_is_query_text(capsys, data):
    code, out, err = _search(capsys, data, "外交", "--", "--json", "-l")
    # --json and -l were words: "without json, without l", which the post has not, printed as a table
    assert code == 0 and not out.startswith("[") and "拜年带货包饺子" in out and "1 result" in err


@pytest.mark.corpus
def test_a_query_of_only_negations_reaches_the_query_language(capsys, data):
    for words in (["-b"], ["--", "-b"], ["--", "--help"]):
        code, _, err = _search(capsys, data, *words)
        assert code == 1  # not 2: argparse took the words; the query language says what is missing
        assert err == "jianbao-cli: Add a word to search for: “-” only leaves words out.\n"


@pytest.mark.parametrize(
    ("words", "query", "as_json", "paths"),
    [
        (["a", "-b"], "a -b", False, False),
        (["-b", "OR", "a"], "-b OR a", False, False),  # OR joins the words either side: the order typed counts
        (["--json", "-b", "OR", "a", "--limit", "3", "-c", "d"], "-b OR a -c d", True, False),
        (["a", "--json", "b", "-c", "-l"], "a b -c", True, True),
        (["-b", "x", "--", "-b", "--json"], "-b x -b --json", False, False),
        (["-1"], "-1", False, False),
        (["--json", "-b", "x", "--", "--json", "--", "-l"], "-b x --json -- -l", True, False),
        (["x", "-l", "y", "--", "-b"], "x y -b", False, True),
        (["x", "--"], "x", False, False),
    ],
)
def test_the_words_keep_their_order(words, query, as_json, paths):
    args = cli._parse(["search", "L", *words])
    assert (args.library, args.query, args.json, args.paths) == ("L", query, as_json, paths)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["search", "L"], "jianbao-cli search: error: the following arguments are required: query"),
        (["search", "L", "a", "-lx"], "ignored explicit argument 'x'"),  # -l with something after it
        (["list", "L", "-b"], "jianbao-cli: error: unrecognized arguments: -b"),  # other commands: as before
    ],
)
def test_what_is_still_a_usage_error(capsys, argv, says):
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2 and says in capsys.readouterr().err


def test_the_help_says_how():
    text = cli._parsers(["search"])[1]["search"].format_help()
    assert "after --" in text and "jianbao-cli search LIB -- -l" in text and """'"-b"'""" in text


@pytest.mark.corpus
def test_the_command_as_typed(tmp_path):
    # the process's own entry (run: the snippet helper forked before parsing, sys.argv)
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path), "search", FINEWS, "外交", "-霍尼韦尔"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert "拜年带货包饺子" in proc.stdout and proc.stderr == "1 result\n"
