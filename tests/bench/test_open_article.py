"""bench.open_article times every stage of opening a post (a smoke test: the figures come out, never a timing)."""

from bench.generate import generate
from bench.open_article import stages


def test_every_stage_of_an_open_is_timed(qtbot, tmp_path):
    lib = generate(tmp_path / "lib", 3)
    post = sorted((lib / "_posts").iterdir())[0].relative_to(lib).as_posix()
    figures = stages(lib, post, repeat=2)
    assert list(figures) == [
        "worker: read",
        "worker: parse",
        "worker: render",
        "worker: sanitise",
        "worker: all of the above at once (show_post, in its budget)",
        "not on the view's way: the plain text (the CLI's show)",
        "worker: prepare_body",
        "worker: Qt parses the page",
        "UI: adopt, lay out, paint",
        "UI (before): setHtml, lay out, paint",
    ]
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in figures.values())
