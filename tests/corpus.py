"""Where the shared corpus of real post folders lives (beside the repository, read-only)."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

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
