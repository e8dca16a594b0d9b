"""The walk's hand-out (indexer._Ahead) leaves every real folder's index as the metadata phase alone makes it."""

import pytest

from reader.core import indexer
from reader.core.library import Library
from tests.corpus import CORPUS, POST_COUNTS

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

# By path: the handed-out posts are written early in the phase, so their ids (the order written) differ,
# and so do their numbers in the text engine (`doc`, given in the order of the ids).
_TABLES = {
    "posts": "SELECT * FROM posts ORDER BY path",
    "post_labels": "SELECT l.kind, l.key, p.path FROM post_labels l JOIN posts p ON p.id = l.post_id ORDER BY 1, 2, 3",
    "labels": "SELECT * FROM labels ORDER BY kind, key",
}


def _index(name, data, full_text):
    library = Library(CORPUS / name, data_dir=data)
    try:
        library.refresh(full_text=full_text)
        return library.text_progress(), _dump(library)
    finally:
        library.close()


def _dump(library):
    db = library._store()._db
    tables = {}
    for table, sql in _TABLES.items():
        cursor = db.execute(sql)
        names = [column[0] for column in cursor.description]
        tables[table] = [{k: v for k, v in zip(names, row, strict=True) if k not in ("id", "doc")} for row in cursor]
    return tables


@pytest.mark.parametrize("full_text", [False, True])
def test_posts_handed_out_during_the_walk_give_the_same_index(tmp_path, monkeypatch, full_text):
    # Small chunks and thresholds, so that each large folder's walk hands chunks out (in the walk's order)
    # to a pool of workers; the same folder indexed with no hand-out must give the same rows, labels
    # and (a full refresh) the same text progress.
    monkeypatch.setattr(indexer, "_POOL_THRESHOLD", 4)
    monkeypatch.setattr(indexer, "_METADATA_CHUNK", 7)
    monkeypatch.setattr("reader.core.library._SHARED_READ_MAX", 20)
    handed = []
    grown = indexer._Ahead.grown

    def counted(self):
        next_count = grown(self)
        handed.append(self.count)
        return next_count

    monkeypatch.setattr(indexer._Ahead, "grown", counted)
    for name in sorted(name for name, count in POST_COUNTS.items() if count >= 200 + 20 + 7):
        monkeypatch.setattr(indexer, "_AHEAD_MOST", 0)
        alone = _index(name, tmp_path / f"{name}-alone", full_text)
        handed.clear()
        monkeypatch.setattr(indexer, "_AHEAD_MOST", 10_000)
        ahead = _index(name, tmp_path / f"{name}-ahead", full_text)
        assert alone == ahead, name
        assert len(alone[1]["posts"]) == POST_COUNTS[name]
        assert max(handed) > 0, name  # past the first rows (200) and the shared read (20), chunks went out
