"""`jianbao-cli highlights export`: every highlight of a library, or one post's, as Markdown; errors with status 1."""

from __future__ import annotations

from reader.cli import main
from reader.core.highlights import make_anchor
from reader.core.library import Library


def _library_with_highlights(tmp_path):
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_posts" / "2024-01-02-a.md").write_text("---\ntitle: 第一篇\n---\n甲乙丙丁戊己庚辛。\n", encoding="utf-8")
    (root / "_posts" / "2024-02-03-b.md").write_text("---\ntitle: Second\n---\nAlpha beta gamma.\n", encoding="utf-8")
    data = tmp_path / "data"
    library = Library(root, data_dir=data)
    library.refresh()
    for path, text, quote, note in (
        ("_posts/2024-01-02-a.md", "甲乙丙丁戊己庚辛。", "丙丁戊", "要点"),
        ("_posts/2024-02-03-b.md", "Alpha beta gamma.", "beta", ""),
    ):
        start = text.index(quote)
        library.add_highlight(library.post_id(path), make_anchor(text, start, start + len(quote)), note)
    library.close()
    return root, data


def test_export_all_then_one_post(tmp_path, capsys):
    root, data = _library_with_highlights(tmp_path)
    out = tmp_path / "all.md"
    assert main(["--data-dir", str(data), "highlights", "export", str(root), "-o", str(out)]) == 0
    assert "2 highlight(s) written" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.index("## Second") < text.index("## 第一篇")  # the newer article first
    assert "> 丙丁戊\n\n要点\n" in text and "> beta\n" in text and "2024-01-02 · [第一篇](file://" in text
    assert main(["--data-dir", str(data), "highlights", "export", str(root), "_posts/2024-02-03-b.md"]) == 0
    one = capsys.readouterr().out
    assert "> beta" in one and "第一篇" not in one


def test_a_post_without_highlights_fails_with_status_1(tmp_path, capsys):
    root, data = _library_with_highlights(tmp_path)
    assert main(["--data-dir", str(data), "highlights", "export", str(root), "_posts/none.md"]) == 1
    assert "_posts/none.md: no highlights" in capsys.readouterr().err
