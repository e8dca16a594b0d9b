"""The metadata phase's rows and back-links of every real corpus post, and of a generated finews-shaped
library, are exactly those main made before the phase's fast paths (front matter, metadata, links, title
keys): any change in what the workers send the writer shows here, folder by folder.

After a deliberate change of the metadata rules, print the new digests with
`python -m tests.unit.core.test_metadata_rows_corpus` and replace EXPECTED (say why in the commit).
"""

import hashlib
import tempfile
from contextlib import nullcontext
from pathlib import Path

import pytest

from bench.generate import generate
from reader.core import scanner
from reader.core.budget import files_in_a_row
from reader.core.indexer import _metadata_chunk
from reader.core.site import detect_site
from tests.corpus import CORPUS, POST_COUNTS

GENERATED = 300  # posts of bench.generate's library (seed 1)
# sha256 of the repr of each post's (path, row, back-links), in path order; made at main 6890574, and
# again for schema step 8's rows (stem, category and title_fold left to SQLite): the rows of 6890574
# rebuilt from those (stem from stem_at/stem_len, category from cats, title_fold from fold or title) gave
# 6890574's digests for every folder. kepano-vault and obsidian-help changed when a folder of notes began
# to name a note by its file rather than by its first section heading.
EXPECTED = {
    "18f-jekyll": "96069b81402816b743c512445c91a25a86eeaa8a3b55aa163c9a3e5f33a7beff",
    "benbalter-jekyll": "cc5347967ebe862eebd35fb027ea3b0420bcddc857e24f28139ccd2a96aacb39",
    "derived-encodings": "f923271cbf338e6f951c7bed1ef1128fe7b5920f6bc0ca5ab66e6a61bd4ac65c",
    "finews": "15605dd746352c09f16caf96138a31b0c4c303a29160d82a5e685cd3acb6aa77",
    "hexo-beyond1993": "0d7ba278ed82b031110d912eda6d8fb35be8ea405e8df10b2ebcdbb5df15f909",
    "hugo-docs-2013-json": "ac04ba405d1c0af3b2151db4112e2bf11af704d08c8063205e6a39dda1d3baa4",
    "hugo-docs-2014-mixed": "ed9c8314d160757b6f063b11ebfec884fd3b590c9c10b6411e3ed00d6b4d60bb",
    "jessfraz-hugo": "db76ccf932b81e0426c2f878d75216248008f2d8ca9ad08ecb5d6fad1f3d8426",
    "kepano-vault": "1a2f862f1ee15746658ab64eb78a9f8b410a1b1ce9793281237064eb76cb81aa",
    "obsidian-help": "5d700ebede89ec7aab9b78e5053865449af366837a991a8d4180eb63ca7563c4",
    "rust-blog-zola": "15ae7213dbfc641eac0c80344297ce8177f420473b048dc2e5294c7ab11c27ae",
}
EXPECTED_GENERATED = "518d11b2976d04852144d6de76d9e957e09f40aec965125c1527fee2dc8868af"


def folder_digest(folder: Path, in_a_row: bool = False) -> str:
    """`in_a_row`: as the worker processes run a chunk (budget.files_in_a_row: parsed step by step across
    its files, parse.parse_posts); else file by file, as a small refresh in one process does."""
    site = detect_site(folder)
    paths = sorted(scanner.scan(site).posts)
    digest = hashlib.sha256()
    with files_in_a_row() if in_a_row else nullcontext():
        chunk = _metadata_chunk(site, paths)
    for path, (row, links, text, _) in zip(paths, chunk, strict=True):
        assert text is None
        digest.update(repr((path, row, links)).encode())
    return digest.hexdigest()


@pytest.mark.corpus
@pytest.mark.parametrize("in_a_row", [False, True])
@pytest.mark.parametrize("name", sorted(POST_COUNTS))
def test_rows_of_the_corpus_are_those_recorded(name, in_a_row):
    assert folder_digest(CORPUS / name, in_a_row) == EXPECTED[name]


@pytest.mark.parametrize("in_a_row", [False, True])
def test_rows_of_a_generated_library_are_those_recorded(tmp_path, in_a_row):
    assert folder_digest(generate(tmp_path, GENERATED), in_a_row) == EXPECTED_GENERATED


if __name__ == "__main__":
    for folder in sorted(POST_COUNTS):
        print(f"    {folder!r}: {folder_digest(CORPUS / folder)!r},")
    with tempfile.TemporaryDirectory() as out:
        print("generated", folder_digest(generate(Path(out), GENERATED)))
