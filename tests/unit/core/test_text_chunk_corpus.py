"""The text phase's chunk (pipeline.titled_text: the title the index holds, the metadata not made again)
prepares every real post exactly as text_of, which reads the metadata again, does."""

import os
from pathlib import Path

import pytest

from bench.generate import generate
from reader.core import indexer
from reader.core.library import Library
from reader.core.pipeline import read_post, text_of
from reader.core.scanner import scan
from tests.corpus import CORPUS, POST_COUNTS

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def _same_prepared_text(root: Path, data: Path) -> int:
    library = Library(root, data_dir=data)
    try:
        site = library.site
        paths = sorted(scan(site).posts)
        items = [(n, rel, read_post(site, rel).meta.title) for n, rel in enumerate(paths)]
        expected = [indexer._prepared(n, text_of(site, rel)) for n, rel, _ in items]
        assert indexer._in_a_row(indexer._text_chunk, site, items) == expected
        assert indexer._text_chunk(site, items) == expected  # outside a worker's shared timer too
        return len(items)
    finally:
        library.close()


@pytest.mark.parametrize("name", sorted(POST_COUNTS))
def test_every_real_post_is_prepared_as_before(name, tmp_path):
    assert _same_prepared_text(CORPUS / name, tmp_path) == POST_COUNTS[name]


def test_generated_posts_and_an_unreadable_one_are_prepared_as_before(tmp_path):
    root = generate(tmp_path / "lib", 300)
    os.chmod(next((root / "_posts").iterdir()), 0)  # cannot be read (as root it still can: either way)
    assert _same_prepared_text(root, tmp_path / "data") == 300
