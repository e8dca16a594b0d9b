"""The article view's images and other resources: library images load and fit, everything else is a placeholder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage

from reader.gui.article_html import prepare_body
from reader.gui.article_images import PLACEHOLDER_KEY
from tests.gui.article_helpers import IMAGE, STYLESHEET, FakeLibrary, image_for, make_post
from tests.gui.article_helpers import library as library  # the fixture, shared (`as`: a re-export, so not unused)
from tests.gui.article_helpers import view as view  # the fixture, shared

REPO = Path(__file__).resolve().parents[2]


# --- images and other resources ---------------------------------------------------------------


def test_local_image_inside_the_library_loads(view, library):
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(library.root / "posts" / "img" / "pic.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/pic.png" alt="图"></p>'))
    loaded = image_for(view, 0)
    assert (loaded.width(), loaded.height()) == (120, 80)
    assert loaded.text(PLACEHOLDER_KEY) == ""
    assert loaded.pixelColor(5, 5) == QColor("red")
    # And the document got it from us while laying out.
    view.document().size()
    assert library.resource_calls.count("posts/img/pic.png") >= 1


def test_wide_image_is_scaled_to_the_column(view, library):
    image = QImage(3000, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(library.root / "posts" / "img" / "wide.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/wide.png"></p>'))
    loaded = image_for(view, 0)
    column = view.viewport().width()
    assert loaded.deviceIndependentSize().width() <= column
    assert abs(loaded.width() / loaded.height() - 3.0) < 0.05


def test_images_refit_when_the_view_narrows(qtbot, view, library):
    image = QImage(1200, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(library.root / "posts" / "img" / "wide.png"))
    view.set_library(library)
    view.show_post(make_post('<p><img src="posts/img/wide.png"></p>'))
    view.document().size()
    wide = view.document().resource(IMAGE, QUrl("jbimg:0")).deviceIndependentSize().width()
    view.resize(400, 600)
    qtbot.waitUntil(
        lambda: (
            view.document().resource(IMAGE, QUrl("jbimg:0")) is not None
            and view.document().resource(IMAGE, QUrl("jbimg:0")).deviceIndependentSize().width() < min(wide, 400)
        )
    )


def test_remote_image_is_a_placeholder_and_never_fetched(view, library):
    view.set_library(library)
    view.show_post(
        make_post(
            '<p><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?x=1" '
            'alt="K图 NIO_0" width="578" height="276"></p>'
        )
    )
    placeholder = image_for(view, 0)
    assert placeholder.text(PLACEHOLDER_KEY) == "remote"
    assert placeholder.deviceIndependentSize().width() <= 578
    # What Qt holds for the image is our placeholder, not something it loaded itself.
    view.document().size()
    held = view.document().resource(IMAGE, QUrl("jbimg:0"))
    assert isinstance(held, QImage) and held.text(PLACEHOLDER_KEY) == "remote"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_showing_remote_images_never_loads_qt_network(tmp_path):
    # In a fresh process: if anything tried to fetch, QtNetwork would have to be loaded.
    script = tmp_path / "probe.py"
    script.write_text(
        "import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
        "from reader.core.types import Post, PostMeta\nfrom reader.gui.article_view import ArticleView\n"
        "v = ArticleView(); v.resize(700, 500); v.show()\n"
        "v.show_post(Post(1, PostMeta('a.md', 't', None, None), "
        "'<img src=\"https://example.com/a.png\"><img src=\"http://example.com/b.jpg\">', ''))\n"
        "v.document().size(); v.grab(); app.processEvents()\n"
        "print('NETWORK' if 'Qt6Network' in open('/proc/self/maps').read() else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", result.stderr


@pytest.mark.parametrize(
    ("src", "kind"),
    [
        ("file:///etc/passwd", "blocked"),
        ("../../../etc/passwd", "blocked"),
        ("data:image/png;base64,iVBORw0KGgo=", "blocked"),
        ("img/nothing-here.png", "missing"),
        ("wikilink:missing.png", "missing"),
    ],
)
def test_images_outside_or_missing_get_placeholders(view, library, src, kind):
    view.set_library(library)
    view.show_post(make_post(f'<p><img src="{src}" alt="x"></p>'))
    assert image_for(view, 0).text(PLACEHOLDER_KEY) == kind


def test_a_library_returning_a_path_outside_is_not_trusted(view, library, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    QImage(10, 10, QImage.Format.Format_RGB32).save(str(outside))

    class Leaky(FakeLibrary):
        def resolve_resource(self, from_post, src):
            return outside

    view.set_library(Leaky(library.root))
    view.show_post(make_post('<p><img src="a.png"></p>'))
    assert image_for(view, 0).text(PLACEHOLDER_KEY) == "missing"


def test_stylesheets_and_other_resources_load_nothing(view, tmp_path):
    css = tmp_path / "red.css"
    css.write_text("p { color: #ff0000 }")
    url = QUrl.fromLocalFile(str(css))
    # An empty string, not None: for None QTextDocument would read the file itself.
    assert view.loadResource(STYLESHEET, url) == ""
    view.show_post(
        make_post(f'<link rel="stylesheet" href="{url.toString()}"><style>p {{ color: red }}</style><p>正文段落</p>')
    )
    cursor = view.document().find("正文段落")
    assert cursor.charFormat().foreground().color() != QColor("#ff0000")
    assert "<style" not in prepare_body('<style>p{}</style><link rel="stylesheet" href="x">').html


def test_unknown_resource_names_are_blocked(view):
    assert view.loadResource(IMAGE, QUrl("file:///etc/passwd")).text(PLACEHOLDER_KEY) == "blocked"
    assert view.loadResource(IMAGE, QUrl("jbimg:99")).text(PLACEHOLDER_KEY) == "blocked"
