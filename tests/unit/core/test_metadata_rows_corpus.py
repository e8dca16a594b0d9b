"""The metadata phase's rows and back-links of every real corpus post, and of a generated finews-shaped
library, are exactly those main made before the phase's fast paths (front matter, metadata, links, title
keys): any change in what the workers send the writer shows here, folder by folder.

After a deliberate change of the metadata rules, print the new digests with
`python -m tests.unit.core.test_metadata_rows_corpus` and replace EXPECTED (say why in the commit).
"""

import hashlib
import tempfile
from pathlib import Path

import pytest

from bench.generate import generate
from reader.core import scanner
from reader.core.indexer import _metadata_chunk
from reader.core.site import detect_site
from tests.corpus import CORPUS, POST_COUNTS

GENERATED = 300  # posts of bench.generate's library (seed 1)
# sha256 of the repr of each post's (path, row, back-links), in path order; made at main 6890574.
EXPECTED = {
    "18f-jekyll": "b433c3273c523309013d260f728be785a08e66c09d699f7646383946bf8e6003",
    "benbalter-jekyll": "fdb96a10a2e3309877243aa3247e767730fe873aaba2cac2e8905300ca8ec787",
    "derived-encodings": "5027c870a41ba568562164331b995056be2120c0ac631447eeb95e7d3c4fee8f",
    "finews": "14309af4da97967aec64e9cdefe1eac940a31e68038a4b1a2a551e920441d09c",
    "hexo-beyond1993": "228464dd61b9adb09168e7b46a5f582d0952a4d00b0a48c9ce251ec69c2a968b",
    "hugo-docs-2013-json": "55270008d97af66deeafdb678c96b6639f0c317415869fc1c81d0c46d98e1ebb",
    "hugo-docs-2014-mixed": "3a9aa7bf6db25c2d49ac6da996a39eab3e1f87369426178d5465ead924ef9331",
    "jessfraz-hugo": "831e5da06f8738654d49bfd40c0b68f0d56201d653620e334d25ed7240abd84d",
    "kepano-vault": "5ecbcb3411df4b7e5535ef10b9d20d6612bb3b1491ec6ae77dcff8b136b4e0c9",
    "obsidian-help": "aa0d6082d34b2228ee6449c1c071ce7fbe93a3df0bb10f5d0338beb774d988c1",
    "rust-blog-zola": "f1c8acbc06ec22ddcf521bfcb64c8d4412996bd5453b137cdbecc80e5bd66e31",
}
EXPECTED_GENERATED = "1580b6b619adf1e770e90f76eb6f9e7acb4609790dc0dab25300867a76d40441"


def folder_digest(folder: Path) -> str:
    site = detect_site(folder)
    paths = sorted(scanner.scan(site).posts)
    digest = hashlib.sha256()
    for path, (row, links, text) in zip(paths, _metadata_chunk(site, paths), strict=True):
        assert text is None
        digest.update(repr((path, row, links)).encode())
    return digest.hexdigest()


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(POST_COUNTS))
def test_rows_of_the_corpus_are_those_recorded(name):
    assert folder_digest(CORPUS / name) == EXPECTED[name]


def test_rows_of_a_generated_library_are_those_recorded(tmp_path):
    assert folder_digest(generate(tmp_path, GENERATED)) == EXPECTED_GENERATED


if __name__ == "__main__":
    for folder in sorted(POST_COUNTS):
        print(f"    {folder!r}: {folder_digest(CORPUS / folder)!r},")
    with tempfile.TemporaryDirectory() as out:
        print("generated", folder_digest(generate(Path(out), GENERATED)))
