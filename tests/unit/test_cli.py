"""`jianbao-cli` on real folders: JSON shapes, readable tables, one-line errors with status 1."""

import json
import subprocess
import sys

import pytest

from reader.cli import main
from tests.corpus import CORPUS

FINEWS = str(CORPUS / "finews")
KEYS = {"path", "title", "date", "categories", "tags", "draft", "error"}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path):
    return str(tmp_path / "data")


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
    assert all(KEYS <= set(r) for r in rows)
    seed = next(r for r in rows if r["path"] == "_posts/2022-01-21-NW202201212256817237.md")
    assert seed["date"] == "2022-01-21T15:01:08+08:00"
    assert seed["categories"] == ["zhongguojingjiwang"] and seed["tags"] == ["中国经济网新闻"]
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.corpus
def test_list_filters_by_category_key_or_label(capsys, data):
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--category", "emnews")
    assert {r["path"] for r in json.loads(out)} >= {"old_post/2021-12-08-202112082207168450.md"}
    _, out, _ = run(capsys, "--data-dir", data, "list", FINEWS, "--json", "--tag", "中国经济网新闻")
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
    code, out, _ = run(capsys, "--data-dir", data, "show", FINEWS,
                       "_posts/2022-01-21-NW202201212256817237.md", fmt)
    assert code == 0 and expect in out


@pytest.mark.corpus
def test_problems_lists_the_broken_post(capsys, data):
    code, out, _ = run(capsys, "--data-dir", data, "problems", FINEWS, "--json")
    assert code == 0
    assert "_posts/-202205262391921712.md" in {p["path"] for p in json.loads(out)}


@pytest.mark.corpus
@pytest.mark.parametrize("args", [
    ["list", "/no/such/library"],
    ["search", FINEWS, '"unclosed'],
    ["show", FINEWS, "_posts/nope.md"],
])
def test_errors_are_one_line_with_status_1(tmp_path, args):
    proc = subprocess.run([sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path), *args],
                          capture_output=True, text=True)
    assert proc.returncode == 1  # a failure; 2 is for a command line that is not understood
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("jianbao-cli: ")


def test_library_that_is_a_file(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("hello", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "list", str(f)]) == 1
