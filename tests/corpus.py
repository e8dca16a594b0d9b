"""Where the test libraries are: the suite's own (tests/fixtures/) and the real post folders (read-only).

The real folders are not part of the repository: JIANBAO_CORPUS names them, else ../shared/corpus
beside it. Tests that need them are marked `corpus`; without them those tests are not run, and
pytest's summary says so (tests/conftest.py).
"""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CORPUS = Path(os.environ["JIANBAO_CORPUS"]).expanduser() if os.environ.get("JIANBAO_CORPUS") else DEFAULT_CORPUS
FOUND = (CORPUS / "finews").is_dir()

# The number of posts in each folder, counted by reading the trees: files a generator would
# publish as articles (Jekyll _posts/, Hexo source/_posts/, Hugo/Zola content/ less _index.md
# section pages) and every Markdown file in vaults and plain folders.
POST_COUNTS = {
    "finews": 6,  # five in _posts/ and one archived, date-named post in old_post/
    "18f-jekyll": 505,
    "benbalter-jekyll": 184,
    "derived-encodings": 55,
    "hexo-beyond1993": 985,  # 986 .md files, one of them outside source/_posts
    "hugo-docs-2013-json": 15,
    "hugo-docs-2014-mixed": 55,
    "jessfraz-hugo": 75,
    "kepano-vault": 103,
    "obsidian-help": 346,
    "rust-blog-zola": 751,  # 754 .md files less three _index.md section pages
}
