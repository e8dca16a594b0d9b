"""Finding the text of an HTML body (a news post: HTML blocks, then plain lines and links) imports no
markdown-it, so a search's snippets do not pay for it; a Markdown body still renders through it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from markdown_it.common.html_blocks import block_names

from reader.core.render import BLOCK_NAMES

ROOT = Path(__file__).resolve().parents[3]
CODE = """
import sys
from pathlib import Path
from reader.core.render import RenderContext, render_body, render_for_text
from reader.core.types import Site

ctx = RenderContext(Site(kind="jekyll", root=Path("/x"), library_root=Path("/x")), "_posts/a.md")
html = render_for_text("<p>经济发展</p>\\n\\n<http://example.invalid/a.html>\\n", "markdown", ctx)
print("经济发展" in html, "markdown_it" in sys.modules)
md = render_body("**粗体** and *em*", "markdown", ctx)
print("<strong>粗体</strong>" in md, "markdown_it" in sys.modules)
"""


def test_an_html_body_text_needs_no_markdown_it():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "True", "True"]


def test_the_block_names_are_markdown_its():
    assert list(BLOCK_NAMES) == list(block_names)
