"""`jianbao-cli list/search LIBRARY --library OTHER ...`: several libraries as one list or one ranked list."""

import json
from collections import Counter
from pathlib import Path

import pytest

from reader.cli import main
from tests.corpus import CORPUS, FIXTURES

TWO = [str(CORPUS / "hugo-docs-2013-json"), str(CORPUS / "jessfraz-hugo")]
THREE = [*TWO, str(CORPUS / "finews")]


def _json(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _each(capsys, data, command, libraries, *rest):
    return [_json(capsys, "--data-dir", data, command, library, *rest, "--json") for library in libraries]


def _more(libraries):
    return [arg for library in libraries[1:] for arg in ("--library", library)]


@pytest.mark.parametrize("command", [("list",), ("search", "the")])
def test_one_library_items_name_their_library(capsys, tmp_path, command):
    items = _json(capsys, "--data-dir", str(tmp_path), *command[:1], str(FIXTURES / "jekyll"), *command[1:], "--json")
    assert items and {item["library"] for item in items} == {str((FIXTURES / "jekyll").resolve())}


@pytest.mark.corpus
@pytest.mark.parametrize("libraries", [TWO, THREE], ids=["two", "three"])
def test_list_across_libraries_is_every_post_newest_first(capsys, tmp_path, libraries):
    data = str(tmp_path)
    alone = _each(capsys, data, "list", libraries)
    merged = _json(capsys, "--data-dir", data, "list", libraries[0], *_more(libraries), "--json")
    assert Counter((i["library"], i["path"]) for i in merged) == Counter(
        (i["library"], i["path"]) for items in alone for i in items
    )
    assert {i["library"] for i in merged} == {str(Path(library).resolve()) for library in libraries}
    for items in alone:  # each library's own order is kept
        root = items[0]["library"]
        assert [i["path"] for i in merged if i["library"] == root] == [i["path"] for i in items]


@pytest.mark.corpus
@pytest.mark.parametrize("libraries", [TWO, THREE], ids=["two", "three"])
def test_search_across_libraries_is_the_union_of_each_search(capsys, tmp_path, libraries):
    data = str(tmp_path)
    alone = _each(capsys, data, "search", libraries, "linux OR 经济", "--limit", "500")
    merged = _json(
        capsys,
        "--data-dir",
        data,
        "search",
        libraries[0],
        "linux OR 经济",
        *_more(libraries),
        "--limit",
        "500",
        "--json",
    )
    assert Counter((i["library"], i["path"]) for i in merged) == Counter(
        (i["library"], i["path"]) for items in alone for i in items
    )
    assert len({i["library"] for i in merged}) == len(libraries)
    assert all(i["snippet"] for i in merged)


@pytest.mark.corpus
def test_a_library_named_twice_counts_once(capsys, tmp_path):
    merged = _json(capsys, "--data-dir", str(tmp_path), "list", TWO[0], "--library", TWO[0] + "/", "--json")
    assert len(merged) == len({i["path"] for i in merged}) == 15


def test_a_missing_other_library_is_an_error(capsys, tmp_path):
    code = main(["--data-dir", str(tmp_path), "list", str(FIXTURES / "jekyll"), "--library", str(tmp_path / "nope")])
    assert code == 1 and "nope" in capsys.readouterr().err
