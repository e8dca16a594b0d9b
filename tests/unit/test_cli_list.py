"""`jianbao-cli list` of one library streams from the index (Library.list_rows, a batch at a time):
it prints what the merged list of several libraries prints for the same posts, batch size aside."""

from __future__ import annotations

import io
import json
import shutil
import sys

import pytest

from reader.cli import main, output
from reader.core import Library, StoreError, zh_fold
from tests.corpus import CORPUS, FIXTURES

LIBRARIES = [
    FIXTURES / "jekyll",
    FIXTURES / "hugo",
    FIXTURES / "broken",
    pytest.param(CORPUS / "finews", marks=pytest.mark.corpus),
]  # the real folder, when it is there


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_batches(monkeypatch):
    """Library.list_rows two rows at a time, so that a fixture's list spans several batches."""
    rows = Library.list_rows
    monkeypatch.setattr(Library, "list_rows", lambda self, flt=None, size=1000, **kw: rows(self, flt, 2, **kw))


@pytest.mark.parametrize("library", LIBRARIES, ids=["jekyll", "hugo", "broken", "finews"])
@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--json",),
        ("--drafts",),
        ("--json", "--drafts"),
        ("--category", "tiyu"),
        ("--json", "--category", "站长消息"),
        ("--tag", "中國經濟網新聞"),
        ("--category", "nothing-has-it"),
    ],
)
def test_one_library_streamed_prints_what_the_merged_list_prints(capsys, tmp_path, small_batches, library, options):
    empty = tmp_path / "empty"
    empty.mkdir()
    data = str(tmp_path / "data")
    code, streamed, err = _run(capsys, "--data-dir", data, "list", str(library), *options)
    assert code == 0, err
    code, merged, err = _run(capsys, "--data-dir", data, "list", str(library), "--library", str(empty), *options)
    assert code == 0, err
    assert streamed == merged
    if "--json" in options:
        assert isinstance(json.loads(streamed), list)


def test_a_list_the_index_cannot_give_is_told_with_status_1(capsys, tmp_path, monkeypatch):
    def broken(self, flt=None, size=1000, **kw):
        raise StoreError("The index could not be used: disk I/O error")
        yield []

    library = shutil.copytree(FIXTURES / "jekyll", tmp_path / "lib")
    assert main(["--data-dir", str(tmp_path / "data"), "index", str(library)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(Library, "list_rows", broken)
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "data"), "list", str(library), "--json")
    assert code == 1 and out == "[]\n"
    assert f"jianbao-cli: {library.resolve()}: The index could not be used: disk I/O error" in err


@pytest.mark.parametrize("batches", [[], [[]], [[{"a": 1}]], [[{"a": 1}, {"b": "二"}], [], [{"c": None}]]])
def test_json_in_batches_is_print_json_of_them_all(monkeypatch, batches):
    printed = []
    for how in (
        lambda: output.print_json([item for batch in batches for item in batch]),
        lambda: output.print_json_batches(iter(batches)),
    ):
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        how()
        printed.append(sys.stdout.getvalue())
    assert printed[0] == printed[1]


def test_an_ascii_category_matches_only_as_written():
    """`list --category` compares an ASCII value without zh_fold: no character folds to ASCII."""
    table = zh_fold.TABLE_PATH.read_text("utf-8")
    changed = {ch for line in table.splitlines() if not line.startswith("#") for ch in line}
    assert len(changed) > 1000
    assert all(not zh_fold.fold(ch).isascii() for ch in changed)
    assert zh_fold.fold("".join(map(chr, range(128)))) == "".join(map(chr, range(128)))


def test_every_character_of_the_wide_blocks_is_wide():
    """output._ALL_WIDE counts its characters as two columns without asking unicodedata: each must be W or F."""
    import unicodedata

    pattern = output._ALL_WIDE.pattern
    ranges = [(pattern[i], pattern[i + 2]) for i in range(1, len(pattern) - 2, 3) if pattern[i + 1] == "-"]
    assert len(ranges) == 7
    narrow = [
        hex(c)
        for low, high in ranges
        for c in range(ord(low), ord(high) + 1)
        if unicodedata.east_asian_width(chr(c)) not in "WF"
    ]
    assert narrow == []


@pytest.mark.parametrize(
    "title",
    [
        "",
        "plain ASCII",
        "中国经济网：新能源汽车出口",
        "“引号”与 ASCII 混排 ½ é",
        "ｆｕｌｌ　ｗｉｄｔｈ",
        "한국어 カタカナ ㄅ",
        "𠀀𪚥 emoji 😀",
    ],
)
def test_columns_count_every_character_as_unicodedata_says(title):
    import unicodedata

    assert output._columns(title) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in title)
